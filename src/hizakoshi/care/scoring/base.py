"""What every scoring engine shares: item specs, the one answer check, the input error.

Answers arrive as a mapping of official item id -> value (a JSON object). A value of None (or a
missing key) is an unanswered item; the engine's published missing-answer rule decides what
that means. An unknown item id or an impossible value is an input error that names the item:
a typo must never be scored as "unanswered".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from hizakoshi.care.model import Lang, Text

ErrorCode = Literal["unknown_item", "out_of_range", "not_whole_number", "not_an_object"]

# Error messages are defined once; tests assert on these constants.
MSG_UNKNOWN_ITEM = Text(
    ja="「{item}」という項目はこの質問票にありません。",
    en='There is no item "{item}" in this questionnaire.',
)
MSG_OUT_OF_RANGE = Text(
    ja="項目「{item}」の答えは{min}から{max}までの整数です（受け取った値: {value}）。",
    en='Item "{item}" takes a whole number from {min} to {max} (got {value}).',
)
MSG_NOT_WHOLE = Text(
    ja="項目「{item}」の答えは整数で入れてください（受け取った値: {value}）。",
    en='Item "{item}" needs a whole number (got {value}).',
)
MSG_NOT_AN_OBJECT = Text(
    ja="答えは、項目IDをキーにしたJSONオブジェクトで渡してください。",
    en="Answers must be a JSON object keyed by item id.",
)


class ScoreInputError(ValueError):
    """An answer that cannot be scored: unknown item, impossible value, wrong shape."""

    def __init__(
        self,
        code: ErrorCode,
        item: str | None = None,
        value: object = None,
        text: Text = MSG_NOT_AN_OBJECT,
    ) -> None:
        self.code = code
        self.item = item
        self.value = value
        self.text = text
        super().__init__(text.en)

    def message(self, lang: Lang = "en") -> str:
        return self.text.get(lang)


@dataclass(frozen=True, slots=True)
class ItemSpec:
    id: str
    min: int
    max: int
    # Yes/no items also take JSON true/false and "yes"/"no" (e.g. RMDQ, STarT Back agree/disagree).
    binary: bool = False


def unknown_item(item: str) -> ScoreInputError:
    return ScoreInputError("unknown_item", item, None, MSG_UNKNOWN_ITEM.format(item=item))


def bad_value(spec: ItemSpec, value: object) -> ScoreInputError:
    shown = repr(value) if isinstance(value, str) else value
    if isinstance(value, float) and value == value and spec.min <= value <= spec.max:
        return ScoreInputError(
            "not_whole_number", spec.id, value, MSG_NOT_WHOLE.format(item=spec.id, value=shown)
        )
    return ScoreInputError(
        "out_of_range",
        spec.id,
        value,
        MSG_OUT_OF_RANGE.format(item=spec.id, min=spec.min, max=spec.max, value=shown),
    )


_YES_NO = {"yes": 1, "no": 0, True: 1, False: 0}


def check_value(spec: ItemSpec, value: object) -> int | None:
    """The answer as an int within the item's range, None when unanswered; else raises."""
    if value is None:
        return None
    # `type(...) is int` on purpose: bool is an int subclass and must not pass as 0/1 silently.
    if type(value) is int and spec.min <= value <= spec.max:
        return value
    if spec.binary and (value is True or value is False or value in ("yes", "no")):
        return _YES_NO[value]
    raise bad_value(spec, value)


def read_answers(specs: Mapping[str, ItemSpec], answers: object) -> dict[str, int | None]:
    """Every item id of the instrument -> its checked value (None if unanswered)."""
    if not isinstance(answers, Mapping):
        raise ScoreInputError("not_an_object")
    checked: dict[str, int | None] = dict.fromkeys(specs)
    for key, value in answers.items():
        spec = specs.get(key)
        if spec is None:
            raise unknown_item(str(key))
        checked[key] = check_value(spec, value)
    return checked


def specs_of(*items: ItemSpec) -> dict[str, ItemSpec]:
    return {s.id: s for s in items}
