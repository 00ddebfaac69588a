"""How long a journey message counts, and when one raised before holds a new one back: the
windows come from journey.yaml, never from the page."""

from __future__ import annotations

from datetime import date, timedelta

from hizakoshi.care.journey.content import EscalationId, journey
from hizakoshi.care.journey.diaryflags import DiaryReport
from hizakoshi.care.journey.escalation import EscalationItem, escalation_review
from hizakoshi.care.journey.repeats import (
    Raised,
    held_back,
    red_flag_window_start,
    repeat_days,
    repeat_lookback_start,
    shown_since,
)

TODAY = date(2025, 6, 30)
ESC = journey().escalation


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def diary_item(*signs: str) -> EscalationItem:
    report = escalation_review(
        today=TODAY, selfcare_start=ago(60), diary=[DiaryReport(day=TODAY, signs=signs)]
    )
    return next(i for i in report.items if i.id == "red_flag_diary")


def specialist(kind: EscalationId = "six_months_no_better") -> EscalationItem:
    return diary_item("night_pain").model_copy(update={"id": kind, "hits": ()})


def test_the_windows_are_the_content_s_with_their_source() -> None:
    assert repeat_days("red_flag_diary") == ESC.red_flag_days == 7
    assert repeat_days("worse_two_weeks") == ESC.specialist_repeat_days == 28
    assert "our own choice" in ESC.repeat_source.lower()
    assert red_flag_window_start(TODAY) == ago(6)
    assert shown_since(TODAY) == ago(27)
    assert repeat_lookback_start(TODAY) == ago(28)


def test_the_same_warning_sign_is_not_raised_again_within_a_week() -> None:
    item = diary_item("night_pain")
    assert held_back(item, [Raised(day=ago(6), hits=frozenset({"night_pain"}))], TODAY)
    assert not held_back(item, [Raised(day=ago(7), hits=frozenset({"night_pain"}))], TODAY)


def test_a_new_warning_sign_joining_an_old_one_is_raised_at_once() -> None:
    item = diary_item("night_pain", "leg_weakness")
    assert not held_back(item, [Raised(day=ago(1), hits=frozenset({"night_pain"}))], TODAY)


def test_a_specialist_message_comes_back_once_per_four_weeks() -> None:
    item = specialist()
    assert held_back(item, [Raised(day=ago(27))], TODAY)
    assert not held_back(item, [Raised(day=ago(28))], TODAY)
    assert not held_back(item, [], TODAY)
