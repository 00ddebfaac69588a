"""`{{ source|citation }}`: a source as a clinician reads it, never our working files.

The content's sources are citations now, but rows written before (a function test's result, an
escalation's message) keep the words of their day: "(clinical-spec §6)", "Seed article §7",
"instruments.yaml" or "issue 3 §9" are taken out here, so no stored row brings them back.
"""

from __future__ import annotations

import re

from django import template

from hizakoshi.selfcheck.presenters import EMPTY_BRACKETS, clean_source

register = template.Library()

# Our notes and files: the spec with or without ".md", any file name, the project's issues.
OUR_NOTES = re.compile(
    r"[,;]?\s*\b(?:clinical-spec|seed-facts|japan-requirements)(?:\.md)?(?:\s*§[\d\-–, §]+)?"
    r"|[,;]?\s*\b[\w/.-]+\.(?:ya?ml|py|ts|json|txt)\b"
    r"|[,;]?\s*\(?(?:[Pp]roject rule\s*\(?)?\bissue \d+(?:\s*§[\d, §]+)?\)?:?"
)


def citation_text(source: object) -> str:
    text = clean_source(OUR_NOTES.sub("", str(source or "")))
    text = EMPTY_BRACKETS.sub("", text)
    return re.sub(r"^[\s,;:]+|\s{2,}", lambda m: "" if m.start() == 0 else " ", text).strip()


@register.filter
def citation(source: object) -> str:
    return citation_text(source)
