"""Escalation: a warning sign gives urgent advice; worse for two weeks running, no improvement
after six months, back pain no better after six weeks, or daily life badly affected give a
clear message recommending a specialist — each with its reason and source."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from hizakoshi.care.journey.content import SeriesId
from hizakoshi.care.journey.diaryflags import DiaryReport, diary_triage
from hizakoshi.care.journey.escalation import (
    DailyLifeReport,
    EscalationReport,
    Reassessment,
    add_months,
    escalation_review,
)
from hizakoshi.care.journey.progress import Point
from hizakoshi.care.model import RedFlagHit, Text, Triage, Urgency

START = date(2025, 1, 6)


def pain(days: int, value: Callable[[int], float]) -> list[Point]:
    return [Point(START + timedelta(days=i), value(i)) for i in range(days)]


def steady(days: int, level: float = 5) -> dict[SeriesId, list[Point]]:
    return {sid: pain(days, lambda i: level) for sid in ("knee_pain_right", "back_pain")}


def review(today: date, **kw: object) -> EscalationReport:
    return escalation_review(today=today, selfcare_start=START, **kw)  # type: ignore[arg-type]


def status(report: EscalationReport) -> dict[str, str]:
    return {c.id: c.status for c in report.checks}


def day(n: int) -> date:
    return START + timedelta(days=n)


# --- warning signs ---------------------------------------------------------------------------


def test_a_warning_sign_in_todays_diary_gives_the_urgent_advice_first() -> None:
    today = day(100)
    report = review(
        today, series=steady(101), diary=[DiaryReport(day=today, signs=("bladder_bowel",))]
    )
    assert report.urgency == Urgency.EMERGENCY
    assert report.self_care_paused
    first = report.items[0]
    assert first.id == "red_flag_diary"
    assert "119" in first.headline.ja
    assert any("119" in t.en for t in first.what_to_do)
    assert not first.specialist
    assert "2025年4月16日" in first.reasons[0].ja
    assert "Cauda equina" in first.source


def test_a_sign_from_last_week_still_shows_but_one_from_eight_days_ago_does_not() -> None:
    today = day(50)
    six_days = [DiaryReport(day=today - timedelta(days=6), signs=("night_pain",))]
    assert review(today, diary=six_days).urgency == Urgency.WITHIN_DAYS
    eight_days = [DiaryReport(day=today - timedelta(days=7), signs=("night_pain",))]
    assert review(today, diary=eight_days).urgency == Urgency.NONE


def test_a_diary_entry_dated_after_today_is_not_read() -> None:
    diary = [DiaryReport(day=day(51), signs=("saddle_numbness",))]
    assert review(day(50), diary=diary).items == ()


def test_several_diary_days_each_give_their_own_reason_under_the_most_urgent_advice() -> None:
    diary = [
        DiaryReport(day=day(48), signs=("fever_back",)),
        DiaryReport(day=day(49)),
        DiaryReport(day=day(50), signs=("leg_weakness",)),
    ]
    item = review(day(50), diary=diary).items[0]
    assert item.urgency == Urgency.EMERGENCY
    assert len(item.reasons) == 2
    assert [h.id for h in item.hits] == ["leg_weakness", "fever_back"]


def test_a_warning_sign_in_the_latest_reassessment_gives_its_advice() -> None:
    triage = diary_triage(["knee_locking"])
    report = review(day(60), reassessment=Reassessment(day=day(56), triage=triage))
    (item,) = report.items
    assert (item.id, item.urgency) == ("red_flag_reassessment", Urgency.WITHIN_DAYS)
    assert "check-up" in item.reasons[0].en


def test_a_reassessment_without_warning_signs_raises_nothing() -> None:
    calm = diary_triage([])
    assert review(day(60), reassessment=Reassessment(day=day(56), triage=calm)).items == ()


# --- worse than at the start for two weeks running -------------------------------------------


def test_back_pain_clearly_worse_than_at_the_start_for_two_weeks_recommends_a_specialist() -> None:
    series = {"back_pain": pain(70, lambda i: 3 if i < 56 else 6)}
    report = review(day(69), series=series)
    (item,) = report.items  # "no better after six weeks" would say less, so it is left out
    assert status(report)["no_better_after_weeks"] == "not_fired"
    assert (item.id, item.urgency, item.specialist) == ("worse_two_weeks", Urgency.SOON, True)
    assert "Back pain" in item.reasons[0].en and "3.0/10" in item.reasons[0].en
    assert "Our own rule" in item.source and "Ostelo 2008" in item.source


def test_one_bad_week_is_not_yet_two_weeks_running() -> None:
    series = {"back_pain": pain(70, lambda i: 3 if i < 63 else 6)}
    report = review(day(69), series=series)
    assert status(report)["worse_two_weeks"] == "not_fired"


def test_knee_pain_worse_by_less_than_a_point_is_within_the_noise() -> None:
    series = {"knee_pain_left": pain(70, lambda i: 3 if i < 56 else 3.9)}
    assert status(review(day(69), series=series))["worse_two_weeks"] == "not_fired"
    worse = {"knee_pain_left": pain(70, lambda i: 3 if i < 56 else 4)}
    assert status(review(day(69), series=worse))["worse_two_weeks"] == "fired"


def test_in_the_first_three_weeks_there_is_no_starting_week_to_be_worse_than() -> None:
    series = {"back_pain": pain(19, lambda i: 3 if i < 7 else 8)}
    assert status(review(day(18), series=series))["worse_two_weeks"] == "not_enough_data"
    series = {"back_pain": pain(21, lambda i: 3 if i < 7 else 8)}
    assert status(review(day(20), series=series))["worse_two_weeks"] == "fired"


# --- six months without improvement (the seed article's rule) -------------------------------


def test_six_months_without_improvement_recommends_a_specialist_from_the_day_they_are_up() -> None:
    six_months = add_months(START, 6)
    days = (six_months - START).days + 1
    before = review(six_months - timedelta(days=1), series=steady(days - 1))
    assert status(before)["six_months_no_better"] == "not_fired"
    report = review(six_months, series=steady(days))
    item = next(i for i in report.items if i.id == "six_months_no_better")
    assert item.specialist and item.urgency == Urgency.SOON
    assert "6か月" in item.reasons[0].ja
    assert "膝痛と腰痛が同時に起こる理由と改善策" in item.source and "§7" in item.source


def test_improvement_in_any_one_measure_means_self_care_is_helping() -> None:
    today = add_months(START, 8)
    days = (today - START).days + 1
    series = steady(days)
    series["psfs"] = [Point(START, 3), Point(today - timedelta(days=3), 5.5)]
    report = review(today, series=series)
    assert status(report)["six_months_no_better"] == "not_fired"
    assert status(report)["no_better_after_weeks"] == "fired"  # the back itself is no better


def test_one_bad_week_after_months_of_clear_improvement_does_not_count_as_no_improvement() -> None:
    today = add_months(START, 8)
    days = (today - START).days + 1
    series = {"back_pain": pain(days, lambda i: 6 if i < 14 else 7 if i > days - 8 else 3)}
    report = review(today, series=series)
    assert status(report)["six_months_no_better"] == "not_fired"


def test_after_six_months_without_any_records_nothing_is_judged() -> None:
    report = review(add_months(START, 7))
    assert status(report)["six_months_no_better"] == "not_enough_data"
    assert report.items == ()


def test_the_months_are_calendar_months_even_at_the_end_of_a_month() -> None:
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2024, 11, 15), 3) == date(2025, 2, 15)


# --- back pain no better after 4-6 weeks (guideline) --------------------------------------


def test_back_pain_no_better_after_six_weeks_suggests_an_orthopaedic_check() -> None:
    series = {"back_pain": pain(43, lambda i: 5)}
    report = review(day(42), series=series)
    item = next(i for i in report.items if i.id == "no_better_after_weeks")
    assert "6 weeks" in item.reasons[0].en
    assert "JOA" in item.source
    assert status(review(day(41), series=series))["no_better_after_weeks"] == "not_fired"


def test_back_pain_that_improved_by_its_threshold_raises_nothing() -> None:
    series = {"back_pain": pain(43, lambda i: 5 if i < 30 else 3)}
    assert status(review(day(42), series=series))["no_better_after_weeks"] == "not_fired"


def test_no_back_pain_at_the_start_cannot_fail_to_get_better() -> None:
    series = {"back_pain": pain(43, lambda i: 0)}
    assert status(review(day(42), series=series))["no_better_after_weeks"] == "not_fired"


def test_once_six_months_have_passed_the_stronger_message_replaces_the_six_week_one() -> None:
    today = add_months(START, 6)
    report = review(today, series=steady((today - START).days + 1))
    ids = [i.id for i in report.items]
    assert "six_months_no_better" in ids
    assert "no_better_after_weeks" not in ids


# --- daily life ------------------------------------------------------------------------------


def test_daily_life_badly_affected_recommends_a_specialist() -> None:
    report = review(day(20), daily_life=DailyLifeReport(day=day(18), impact="severe"))
    (item,) = report.items
    assert item.id == "daily_life_badly_affected" and item.specialist
    assert "daily life" in item.reasons[0].en
    moderate = review(day(20), daily_life=DailyLifeReport(day=day(18), impact="moderate"))
    assert moderate.items == ()
    future = review(day(20), daily_life=DailyLifeReport(day=day(21), impact="severe"))
    assert future.items == ()


def test_a_sign_the_journey_already_raised_is_not_repeated_from_the_reassessment() -> None:
    hit = RedFlagHit(
        id="daily_life_badly_affected",
        urgency=Urgency.SOON,
        sign=Text(ja="痛みで家事や外出が難しい", en="The pain makes housework or going out hard"),
        why=Text(ja="…", en="…"),
        source="seed article",
    )
    triage = Triage(
        urgency=Urgency.SOON, hits=(hit,), headline=hit.sign, what_to_do=(), self_care_paused=False
    )
    report = review(
        day(30),
        reassessment=Reassessment(day=day(28), triage=triage),
        daily_life=DailyLifeReport(day=day(28), impact="severe"),
    )
    assert [i.id for i in report.items] == ["daily_life_badly_affected"]


# --- the whole report over a year -------------------------------------------------------------


def test_every_rule_is_listed_in_order_whether_it_fired_or_not() -> None:
    report = review(day(10))
    assert [c.id for c in report.checks] == [
        "red_flag_diary",
        "red_flag_reassessment",
        "worse_two_weeks",
        "six_months_no_better",
        "no_better_after_weeks",
        "daily_life_badly_affected",
    ]
    assert report.urgency == Urgency.NONE and not report.self_care_paused
    assert all(c.text.ja and c.text.en for c in report.checks)


def test_a_year_that_improves_then_flares_escalates_only_during_the_flare() -> None:
    # Back pain 6 at the start, 3 from month two; a flare to 8 in weeks 40-41.
    def back(i: int) -> float:
        return 8 if 280 <= i < 294 else 6 if i < 35 else 3

    series: dict[SeriesId, list[Point]] = {"back_pain": pain(365, back)}
    fired_on = [
        n
        for n in range(6, 365, 7)  # each Sunday
        if any(i.id == "worse_two_weeks" for i in review(day(n), series=series).items)
    ]
    assert fired_on == [293]  # the Sunday that closes the flare's second week
    calm = review(day(364), series=series)
    assert calm.items == ()


def test_the_most_urgent_item_comes_first_and_decides_the_report() -> None:
    report = review(
        day(60),
        diary=[DiaryReport(day=day(60), signs=("fever_back",))],
        daily_life=DailyLifeReport(day=day(59), impact="severe"),
    )
    # Fever with back pain is a same-day sign (spec §1): it outranks the specialist message.
    assert [i.urgency for i in report.items] == [Urgency.SAME_DAY, Urgency.SOON]
    assert report.urgency == Urgency.SAME_DAY
    assert report.self_care_paused


def test_each_sign_in_a_japanese_reason_is_quoted_so_a_list_of_signs_stays_readable() -> None:
    diary = [DiaryReport(day=day(50), signs=("fever_back", "night_pain"))]
    reason = review(day(50), diary=diary).items[0].reasons[0].ja
    assert "「腰の痛みと一緒に熱がある」「夜、じっとしていても" in reason


def test_two_years_of_daily_records_are_reviewed_in_one_pass() -> None:
    # How fast: benchmarks/bench_journey.py (timings are figures, not assertions).
    today = day(729)
    series: dict[SeriesId, list[Point]] = {
        sid: pain(730, lambda i: 5 - i / 400)
        for sid in ("knee_pain_left", "knee_pain_right", "back_pain")
    }
    series["psfs"] = [Point(day(n), 4 + n / 365) for n in range(0, 730, 28)]
    report = review(today, series=series)
    assert status(report)["six_months_no_better"] == "not_fired"
