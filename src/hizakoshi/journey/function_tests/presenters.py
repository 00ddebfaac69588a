"""What a stored function-test result means, in the person's language: the words come from the
core (content/functiontests.yaml through care.functiontests), never from a template."""

from __future__ import annotations

from collections.abc import Mapping

from hizakoshi.care.functiontests import (
    LocomoResult,
    chair_stand_meaning,
    locomo_overall,
    one_leg_meaning,
    stage_meaning,
    steadi_meaning,
)
from hizakoshi.care.model import Lang, Text
from hizakoshi.journey.models import FunctionTest, FunctionTestKind

CHAIRS = {
    FunctionTestKind.CHAIR_STAND_CDC: "steadi_43cm",
    FunctionTestKind.CHAIR_STAND_CS30: "cs30_40cm",
}


def locomo_of(latest: Mapping[str, FunctionTest]) -> LocomoResult | None:
    """The ロコモ度 stage from the latest two-step and stand-up records (the core's rule)."""
    two, stand = latest.get(FunctionTestKind.TWO_STEP), latest.get(FunctionTestKind.STAND_UP)
    try:
        two_step = (
            None
            if two is None
            else (tuple(float(t) for t in two.values["trials_cm"]), float(two.values["height_cm"]))
        )
        stand_up = (
            None
            if stand is None
            else (stand.values["one_leg_lowest_cm"], stand.values["both_legs_lowest_cm"])
        )
    except (KeyError, TypeError, ValueError):
        return None  # a record from before the current shape
    return locomo_overall(two_step=two_step, stand_up=stand_up)


def _meaning(test: FunctionTest) -> Text | None:
    r = test.result if isinstance(test.result, dict) else {}
    if test.kind in (FunctionTestKind.TWO_STEP, FunctionTestKind.STAND_UP):
        stage = r.get("stage")
        return stage_meaning(stage) if stage in (0, 1, 2, 3) else None
    if test.kind in CHAIRS:
        reference = r.get("reference") or ()
        if not all(isinstance(n, int) for n in reference):
            reference = ()
        return chair_stand_meaning(
            chair=CHAIRS[FunctionTestKind(test.kind)],  # type: ignore[arg-type]
            band=str(r.get("band")),
            reference=tuple(reference),
        )
    if test.kind == FunctionTestKind.STEADI:
        return steadi_meaning(r.get("at_risk"))
    if test.kind == FunctionTestKind.ONE_LEG and isinstance(r.get("seconds"), int | float):
        return one_leg_meaning(float(r["seconds"]))
    return None


def result_meaning(test: FunctionTest | None, lang: Lang) -> str:
    """What the latest result means ("" when the record cannot be read)."""
    found = None if test is None else _meaning(test)
    return "" if found is None else found.get(lang)


def stage_words(result: LocomoResult | None, lang: Lang) -> str:
    return "" if result is None else stage_meaning(result.stage).get(lang)
