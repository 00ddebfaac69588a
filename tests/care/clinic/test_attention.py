"""Who needs the clinic's attention, decided by the core from plain facts (no database): each
kind, its boundaries, its order of urgency, and how an acknowledgement drops it until a new one
is raised."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from hizakoshi.care.clinic import (
    KINDS,
    Acknowledged,
    Facts,
    RedFlagReport,
    age_on,
    attention,
    clinic_content,
    kind_bit,
    kind_name,
    priority_of,
)
from hizakoshi.care.clinic.content import load_clinic
from hizakoshi.care.journey import Clearance, checkins_due, journey
from hizakoshi.care.journey.progress import Point
from hizakoshi.care.journey.schedule import schedule
from hizakoshi.care.model import Urgency
from hizakoshi.care.yamlfile import CONTENT_DIR, ContentError

TODAY = date(2026, 3, 2)
LINKED = date(2026, 1, 5)
DAY = timedelta(days=1)
SIGN = journey().diary.signs[0]  # a warning sign the diary asks about


def ago(days: int) -> date:
    return TODAY - days * DAY


def at(day: date, hour: int = 1) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)  # 10:00 in Japan


def facts(**given: Any) -> Facts:
    """Someone linked two months ago who recorded something today, with nothing wrong."""
    return Facts(**({"today": TODAY, "linked_on": LINKED, "last_activity": TODAY} | given))


def seen(day: date, hour: int = 5) -> Acknowledged:
    return Acknowledged(at=at(day, hour), day=day)


def kinds(f: Facts) -> tuple[str, ...]:
    return attention(f).kinds


def test_someone_who_recorded_today_with_nothing_wrong_needs_no_attention() -> None:
    found = attention(facts())
    assert found.kinds == ()
    assert found.priority == 0


# --- no records -------------------------------------------------------------------------------


def test_the_content_says_two_weeks_without_records() -> None:
    assert clinic_content().inactive_days == 14  # issue 11


def test_thirteen_days_without_records_is_not_yet_inactive_and_fourteen_is() -> None:
    days = clinic_content().inactive_days
    assert "inactive" not in kinds(facts(last_activity=ago(days - 1)))
    found = attention(facts(last_activity=ago(days)))
    assert found.kinds == ("inactive",)
    assert found.inactive_since == TODAY


def test_someone_with_no_record_at_all_counts_from_the_day_they_linked() -> None:
    days = clinic_content().inactive_days
    assert kinds(facts(last_activity=None, linked_on=ago(days - 1))) == ()
    assert kinds(facts(last_activity=None, linked_on=ago(days))) == ("inactive",)


def test_an_acknowledged_spell_without_records_stays_quiet_until_a_new_spell() -> None:
    days = clinic_content().inactive_days
    last = ago(20)
    acknowledged = {"inactive": seen(ago(3))}
    assert kinds(facts(last_activity=last, acknowledged=acknowledged)) == ()
    # An acknowledgement before this spell began does not cover it.
    assert kinds(facts(last_activity=last, acknowledged={"inactive": seen(ago(days))})) == (
        "inactive",
    )
    # Records again after the acknowledgement, then another two weeks without: raised again.
    assert kinds(facts(last_activity=ago(days), acknowledged=acknowledged)) == ("inactive",)


# --- warning signs --------------------------------------------------------------------------


def diary_sign(day: date, hour: int = 1) -> RedFlagReport:
    return RedFlagReport(day=day, at=at(day, hour), signs=(SIGN,))


def test_a_warning_sign_in_the_diary_is_raised_with_its_time() -> None:
    found = attention(facts(red_flags=[diary_sign(ago(2))]))
    assert found.kinds == ("red_flag",)
    assert found.red_flag_at == at(ago(2))


def test_a_warning_sign_in_a_self_check_is_raised_too() -> None:
    check = RedFlagReport(day=ago(1), at=at(ago(1)), urgency=Urgency.WITHIN_DAYS)
    assert kinds(facts(red_flags=[check])) == ("red_flag",)


def test_a_self_check_sign_that_asks_only_for_a_routine_visit_is_not_a_flag() -> None:
    check = RedFlagReport(day=ago(1), at=at(ago(1)), urgency=Urgency.SOON)
    assert kinds(facts(red_flags=[check])) == ()


def test_an_acknowledged_warning_sign_drops_until_a_new_one_is_recorded() -> None:
    acknowledged = {"red_flag": seen(ago(2), hour=5)}
    assert kinds(facts(red_flags=[diary_sign(ago(2), hour=1)], acknowledged=acknowledged)) == ()
    later_same_day = diary_sign(ago(2), hour=7)
    assert kinds(facts(red_flags=[later_same_day], acknowledged=acknowledged)) == ("red_flag",)


def test_a_sign_covered_by_a_doctors_visit_the_person_recorded_is_not_raised() -> None:
    visit = Clearance(seen_on=ago(1), signs=(SIGN,))
    assert kinds(facts(red_flags=[diary_sign(ago(2))], clearances=[visit])) == ()
    # A sign noted after the visit is a new one.
    assert kinds(facts(red_flags=[diary_sign(TODAY)], clearances=[visit])) == ("red_flag",)


def test_a_sign_this_content_no_longer_knows_is_never_silently_dropped() -> None:
    old = RedFlagReport(day=ago(1), at=at(ago(1)), signs=("a_retired_sign",))
    visit = Clearance(seen_on=TODAY, signs=("a_retired_sign",))
    assert kinds(facts(red_flags=[old], clearances=[visit])) == ("red_flag",)


def test_signs_count_from_four_weeks_before_linking() -> None:
    before = clinic_content().before_link_days
    first = LINKED - before * DAY
    assert kinds(facts(red_flags=[diary_sign(first)])) == ("red_flag",)
    assert kinds(facts(red_flags=[diary_sign(first - DAY)])) == ()


# --- messages ---------------------------------------------------------------------------------


def test_a_specialist_message_is_raised_and_counted_but_a_warning_sign_message_is_not() -> None:
    messages = [("worse_two_weeks", ago(3)), ("no_better_after_weeks", ago(1))]
    found = attention(facts(escalations=[*messages, ("red_flag_diary", ago(1))]))
    assert found.kinds == ("escalation",)
    assert found.escalations_open == 2


def test_an_acknowledged_message_drops_until_a_new_one_is_raised_on_a_later_day() -> None:
    acknowledged = {"escalation": seen(ago(1))}
    assert kinds(facts(escalations=[("worse_two_weeks", ago(1))], acknowledged=acknowledged)) == ()
    again = [("worse_two_weeks", ago(1)), ("six_months_no_better", TODAY)]
    assert attention(facts(escalations=again, acknowledged=acknowledged)).escalations_open == 1


# --- pain -------------------------------------------------------------------------------------

START = ago(27)  # four weeks of diary: the first week is the baseline, the last one recent


def pain_weeks(first: list[int], last: list[int], *, today: date = TODAY) -> list[Point]:
    begin = [Point(START + i * DAY, float(v)) for i, v in enumerate(first)]
    end = [Point(today - (len(last) - 1 - i) * DAY, float(v)) for i, v in enumerate(last)]
    return begin + end


def knee(first: list[int], last: list[int], **given: Any) -> Facts:
    return facts(start=START, pain={"knee_pain_left": pain_weeks(first, last)}, **given)


def test_knee_pain_worse_by_one_point_on_average_is_raised_and_just_under_it_is_not() -> None:
    # Knee OA: 1 point (Salaffi 2004), never less (the floor), from the instruments' content.
    just_under = attention(knee([4] * 7, [5] * 6 + [4]))  # 4.0 -> 4.86
    assert just_under.kinds == ()
    assert just_under.pain is not None and not just_under.pain.worse
    found = attention(knee([4] * 7, [5] * 7))  # 4.0 -> 5.0
    assert found.kinds == ("pain_worse",)
    assert found.pain is not None
    assert (found.pain.series, found.pain.baseline, found.pain.recent) == ("knee_pain_left", 4, 5)


def test_back_pain_counts_at_thirty_percent_of_the_first_week() -> None:
    # Low-back pain: 2 points or 30% (Ostelo 2008); from 6, 30% is 1.8.
    def back(last: list[int]) -> tuple[str, ...]:
        return kinds(facts(start=START, pain={"back_pain": pain_weeks([6] * 7, last)}))

    assert back([8] * 5 + [7] * 2) == ()  # 6 -> 7.71: +1.71
    assert back([8] * 6 + [7]) == ("pain_worse",)  # 6 -> 7.86: +1.86


def test_pain_better_is_shown_but_not_raised() -> None:
    found = attention(knee([6] * 7, [3] * 7))
    assert found.kinds == ()
    assert found.pain is not None and (found.pain.baseline, found.pain.recent) == (6, 3)


def test_acknowledged_worse_pain_is_raised_again_only_when_worse_again_by_the_same_change() -> None:
    acked_on = ago(10)
    acknowledged = {"pain_worse": seen(acked_on)}
    first = [Point(START + i * DAY, 4.0) for i in range(7)]
    at_ack = [Point(acked_on - i * DAY, 5.0) for i in range(7)]  # 5.0 when acknowledged

    def now(values: list[int]) -> tuple[str, ...]:
        points = first + at_ack + pain_weeks([], values)
        return kinds(facts(start=START, pain={"knee_pain_left": points}, acknowledged=acknowledged))

    assert now([5] * 7) == ()  # still worse than the first week, as when acknowledged
    assert now([6] * 6 + [5]) == ()  # 5.0 -> 5.86: not worse again by a point
    assert now([6] * 7) == ("pain_worse",)  # 5.0 -> 6.0


def test_too_few_days_to_compare_show_no_pain() -> None:
    assert attention(knee([4] * 2, [9] * 7)).pain is None


# --- check-ins ------------------------------------------------------------------------------

EVERY = schedule().checkins.every_days


def checkins_on(today: date, start: date, **given: Any) -> Facts:
    """Check-ins answered on the start day only, as the schedule sees them on `today`."""
    answered = {"nrs": [start], "psfs": [start]}
    due = checkins_due(start=start, answered=answered, today=today)
    return facts(today=today, last_activity=today, checkins=due, **given)


def test_a_check_in_due_today_is_not_overdue_and_the_day_after_it_is() -> None:
    start = ago(EVERY)
    assert kinds(checkins_on(TODAY, start)) == ()
    found = attention(checkins_on(TODAY + DAY, start))
    assert found.kinds == ("checkin_overdue",)
    assert found.checkin_overdue_since == TODAY


def test_an_acknowledged_overdue_check_in_returns_with_the_next_round() -> None:
    start = ago(EVERY + 3)
    acknowledged = {"checkin_overdue": seen(ago(1))}
    assert kinds(checkins_on(TODAY, start)) == ("checkin_overdue",)
    assert kinds(checkins_on(TODAY, start, acknowledged=acknowledged)) == ()
    next_round = checkins_on(TODAY + EVERY * DAY, start, acknowledged=acknowledged)
    assert kinds(next_round) == ("checkin_overdue",)


# --- STarT Back -----------------------------------------------------------------------------


def test_the_high_risk_group_is_raised_until_those_answers_are_acknowledged() -> None:
    high = {"risk": "high", "risk_at": at(ago(5))}
    assert kinds(facts(**high)) == ("high_risk",)
    assert kinds(facts(**high, acknowledged={"high_risk": seen(ago(4))})) == ()
    newer = {"risk": "high", "risk_at": at(ago(2))}
    assert kinds(facts(**newer, acknowledged={"high_risk": seen(ago(4))})) == ("high_risk",)
    assert kinds(facts(risk="medium", risk_at=at(ago(5)))) == ()


# --- the order of urgency -------------------------------------------------------------------


def test_each_kind_outweighs_all_the_less_urgent_kinds_together() -> None:
    order = [k.id for k in clinic_content().kinds]
    assert order[0] == "red_flag"
    for i, kind in enumerate(order):
        assert kind_bit(kind) > priority_of(order[i + 1 :])


def test_a_persons_flags_come_most_urgent_first_and_make_their_priority() -> None:
    days = clinic_content().inactive_days
    found = attention(
        facts(
            last_activity=ago(days),
            red_flags=[diary_sign(ago(1))],
            risk="high",
            risk_at=at(ago(1)),
        )
    )
    assert found.kinds == ("red_flag", "high_risk", "inactive")
    assert found.priority == kind_bit("red_flag") + kind_bit("high_risk") + kind_bit("inactive")


def test_every_kind_has_a_name_in_both_languages() -> None:
    for kind in KINDS:
        name = kind_name(kind)
        assert name.ja and name.en and "{" not in name.ja + name.en
    assert kind_name("inactive").ja == "14日以上記録なし"


# --- the content file ------------------------------------------------------------------------


def test_a_content_file_missing_a_kind_fails_loudly(tmp_path: Any) -> None:
    text = (CONTENT_DIR / "clinic.yaml").read_text(encoding="utf-8")
    (tmp_path / "clinic.yaml").write_text(text.replace("id: high_risk", "id: red_flag"))
    with pytest.raises(ContentError, match="kinds"):
        load_clinic(tmp_path)


def test_a_pain_series_not_rated_on_the_nrs_fails_loudly(tmp_path: Any) -> None:
    text = (CONTENT_DIR / "clinic.yaml").read_text(encoding="utf-8")
    (tmp_path / "clinic.yaml").write_text(text.replace("back_pain]", "psfs]"))
    with pytest.raises(ContentError, match="psfs"):
        load_clinic(tmp_path)


# --- age ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "today", "age"),
    [
        (date(1956, 4, 1), date(2026, 3, 31), 69),
        (date(1956, 4, 1), date(2026, 4, 1), 70),
        (date(1956, 2, 29), date(2026, 2, 28), 69),
        (date(1956, 2, 29), date(2026, 3, 1), 70),
        (None, date(2026, 3, 1), None),
    ],
)
def test_age_in_whole_years_on_the_day(birth: date | None, today: date, age: int | None) -> None:
    assert age_on(birth, today) == age
