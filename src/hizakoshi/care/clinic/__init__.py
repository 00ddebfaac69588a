"""The clinic's pure core: which facts of a linked person's records need the clinic's attention.

No Django here: the clinic app reads the records and the acknowledgements, and asks
`attention` (care/clinic/attention.py); the numbers and words are in content/clinic.yaml.
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
