"""What the diary shows of a saved pain answer: the answer in words and what to do next."""

from __future__ import annotations

from typing import Any

from hizakoshi.care.journey import pain_answer
from hizakoshi.care.model import Lang
from hizakoshi.journey.models import DiaryEntry
from hizakoshi.selfcheck.presenters import (
    resolve_texts,
)


def pain_answer_view(entry: DiaryEntry, lang: Lang) -> dict[str, Any] | None:
    answer = pain_answer(
        knee_pain_left=entry.knee_pain_left,
        knee_pain_right=entry.knee_pain_right,
        back_pain=entry.back_pain,
    )
    if answer is None:
        return None
    found: dict[str, Any] = resolve_texts(answer.model_dump(mode="json"), lang)
    return found
