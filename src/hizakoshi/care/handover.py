"""What to tell the doctor when self-care is paused: the signs in the person's own words, and
since when (clinical-spec.md §1: a paused result offers what to tell the doctor instead of a
plan). Built only from what the person answered; an unanswered question adds no line."""

from __future__ import annotations

from hizakoshi.care.model import Answers, RedFlagHit, Text
from hizakoshi.care.questions import question_set

AGE = Text(ja="年齢: {age}歳", en="Age: {age}")
SIGN = Text(ja="{sign}", en="{sign}")
SINCE: dict[str, Text] = {
    "knee_duration": Text(ja="膝の痛み({pain}/10): {when}", en="Knee pain ({pain}/10): {when}"),
    "back_duration": Text(ja="腰の痛み({pain}/10): {when}", en="Low-back pain ({pain}/10): {when}"),
    "knee_swelling_onset": Text(ja="膝の腫れ: {when}", en="Knee swelling: {when}"),
    "knee_injury_when": Text(ja="膝のけが: {when}", en="Knee injury: {when}"),
}
PAIN_FIELD = {"knee_duration": "knee_pain", "back_duration": "back_pain"}


def _answer_label(qid: str, value: str) -> Text | None:
    if value == "unknown":
        return None
    return question_set().questions[qid].option_label(value)


def for_doctor(answers: Answers, hits: tuple[RedFlagHit, ...]) -> tuple[Text, ...]:
    lines = [hit.sign for hit in hits]
    for qid, template in SINCE.items():
        value = getattr(answers, qid)
        if value is None:
            continue
        pain_field = PAIN_FIELD.get(qid)
        pain = getattr(answers, pain_field) if pain_field else None
        if pain_field and not pain:
            continue  # that pain is absent (or was not asked)
        when = _answer_label(qid, value)
        if when is None:
            continue
        lines.append(
            Text(
                ja=template.ja.format(pain=pain, when=when.ja),
                en=template.en.format(pain=pain, when=when.en),
            )
        )
    lines.append(AGE.format(age=answers.age))
    return tuple(lines)
