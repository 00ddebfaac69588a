"""What to address first, following the pattern: the knee, the back, or both together (with one
pain only, that site; with neither this week, keeping both moving)."""

from __future__ import annotations

from hizakoshi.care.model import Pattern, PatternResult, Priority
from hizakoshi.care.rules import pattern_content


def choose_priority(pattern: PatternResult) -> Priority:
    content = pattern_content()
    no_pain = pattern.pattern == Pattern.UNDETERMINED and pattern.likelihood == "not_judged"
    text = content.no_pain_priority if no_pain else content.priority[pattern.pattern]
    return Priority(focus=text.focus, headline=text.headline, why=text.why)
