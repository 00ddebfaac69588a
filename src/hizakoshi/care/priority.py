"""What to address first, following the pattern: the knee, the back, or both together."""

from __future__ import annotations

from hizakoshi.care.model import PatternResult, Priority
from hizakoshi.care.rules import pattern_content


def choose_priority(pattern: PatternResult) -> Priority:
    text = pattern_content().priority[pattern.pattern]
    return Priority(focus=text.focus, headline=text.headline, why=text.why)
