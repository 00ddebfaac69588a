"""For every answer set the form could send: reasons match the verdict, one pain is never linked
to the other, and a flexion-sensitive or one-site plan holds only what suits it."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings

from hizakoshi.care.assess import assess
from hizakoshi.care.model import Assessment, Pattern
from hizakoshi.care.questions import parse_answers

from .strategies import valid_raw_answers

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LINKED = (Pattern.KNEE_ORIGIN, Pattern.BACK_ORIGIN)


def self_care(raw: dict[str, Any]) -> Assessment | None:
    result = assess(parse_answers(raw))
    return None if result.triage.self_care_paused else result


@SETTINGS
@given(valid_raw_answers())
def test_reasons_always_match_the_verdict(raw: dict[str, Any]) -> None:
    result = self_care(raw)
    if result is None:
        return
    p = result.pattern
    assert p is not None
    if p.likelihood in ("likely", "possible"):
        assert all(r.points_to == p.pattern for r in p.reasons)
        assert all(r.points_to != p.pattern for r in p.other_reasons)
    else:
        assert p.other_reasons == ()


@SETTINGS
@given(valid_raw_answers())
def test_one_pain_is_never_linked_to_the_other(raw: dict[str, Any]) -> None:
    result = self_care(raw)
    if result is None:
        return
    answers = parse_answers(raw)
    p, plan = result.pattern, result.plan
    assert p is not None and plan is not None
    both = answers.knee_hurts and answers.back_hurts
    assert (p.likelihood == "not_judged") == (not both)
    targets = {e.targets for e in plan.exercises}
    if answers.knee_hurts and not answers.back_hurts:
        assert p.pattern == Pattern.KNEE_ONLY and "back" not in targets
        assert {t.site for t in result.thermal} == {"knee"}
    if answers.back_hurts and not answers.knee_hurts:
        assert p.pattern == Pattern.BACK_ONLY and "knee" not in targets
        assert {t.site for t in result.thermal} <= {"back", "knee"}
        assert all(t.choice == "cold" for t in result.thermal if t.site == "knee")


@SETTINGS
@given(valid_raw_answers())
def test_pains_that_began_together_are_never_one_driving_the_other(raw: dict[str, Any]) -> None:
    result = self_care(raw)
    if result is None or raw.get("first") != "same_time":
        return
    assert result.pattern is not None and result.pattern.pattern not in LINKED


@SETTINGS
@given(valid_raw_answers())
def test_osteoporosis_never_gets_the_end_range_forward_bend(raw: dict[str, Any]) -> None:
    result = self_care(raw)
    if result is None or "osteoporosis" not in raw.get("other_signs", []):
        return
    assert result.plan is not None
    assert "knee_to_chest" not in {e.id for e in result.plan.exercises}


@SETTINGS
@given(valid_raw_answers())
def test_a_swollen_or_warm_knee_is_never_heated(raw: dict[str, Any]) -> None:
    result = self_care(raw)
    if result is None or "yes" not in (raw.get("knee_swelling"), raw.get("knee_warmth")):
        return
    for advice in result.thermal:
        if advice.site in ("knee", "both"):
            assert advice.choice == "cold"
