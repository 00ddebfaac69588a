"""The clinic's rules in the pure core: typed values in, decisions out, time passed in.

Who needs the clinic's attention (care/clinic/attention.py, words and numbers in
content/clinic.yaml); the clinic's outcome reports (care/clinic/outcomes.py).
"""

from hizakoshi.care.clinic.attention import (
    Acknowledged,
    Attention,
    Facts,
    PainNow,
    RedFlagReport,
    age_on,
    attention,
    kind_bit,
    priority_of,
)
from hizakoshi.care.clinic.content import KINDS, AttentionKind, clinic_content, kind_name

__all__ = [
    "KINDS",
    "Acknowledged",
    "Attention",
    "AttentionKind",
    "Facts",
    "PainNow",
    "RedFlagReport",
    "age_on",
    "attention",
    "clinic_content",
    "kind_bit",
    "kind_name",
    "priority_of",
]
