"""What the check-ins show after the STarT Back questions: the support that fits the risk group."""

from __future__ import annotations

from typing import Any

from hizakoshi.accounts.models import User
from hizakoshi.care.journey.stratified import support_for
from hizakoshi.care.model import Lang
from hizakoshi.journey.checkins.selectors import startback_risk_latest
from hizakoshi.selfcheck.presenters import (
    resolve_texts,
)


def support_view(person: User, lang: Lang) -> dict[str, Any] | None:
    """The care around the plan that the latest STarT Back risk group calls for, if answered."""
    risk = startback_risk_latest(person=person)
    if risk is None:
        return None
    found: dict[str, Any] = resolve_texts(support_for(risk).model_dump(mode="json"), lang)
    return found


def copyright_line(notice: str) -> str:
    """The rights holder's copyright line from its statement ("Copyright (©2021) University of
    Keele."), shown under its wording; the rest of the statement is licence terms for the clinic."""
    first = notice.strip().split(". ", 1)[0].strip()
    if not first:
        return ""
    return first if first.endswith(".") else first + "."
