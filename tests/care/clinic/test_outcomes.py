"""The clinic's outcomes as the core defines them: baseline and 12-week scores on the check-in
days of content/schedule.yaml, improvement by each measure's MCID, session adherence and drop-out.
Plain values; no database, no clock."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from hizakoshi.care.clinic.outcomes import (
    Episode,
    Score,
    baseline,
    baseline_window,
    clinic_outcomes,
    dropped_out,
    horizon_day,
    horizon_score,
    horizon_window,
    instruments_measured,
    load_outcomes,
    measures,
    rules,
    scores_of,
    verdict,
)
from hizakoshi.care.instruments import instruments
from hizakoshi.care.journey.schedule import schedule
from hizakoshi.care.yamlfile import CONTENT_DIR, ContentError

START = date(2025, 3, 3)
EVERY = schedule().checkins.every_days
EARLY = schedule().checkins.early_days
MEASURE = {m.id: m for m in measures()}


def day(n: int) -> date:
    return START + timedelta(days=n)


def scores(*pairs: tuple[int, float]) -> tuple[Score, ...]:
    return tuple(Score(day=day(n), value=v) for n, v in pairs)


# --- the days come from the schedule -----------------------------------------------------------


def test_the_horizon_is_twelve_weeks_and_a_check_in_day_of_the_schedule() -> None:
    assert horizon_day() == 84
    assert horizon_day() % EVERY == 0


def test_the_windows_are_the_answers_that_count_for_the_check_in_days() -> None:
    assert (baseline_window().first, baseline_window().last) == (0, EVERY - EARLY - 1)
    assert (horizon_window().first, horizon_window().last) == (84 - EARLY, 84 + EVERY - EARLY - 1)
    assert (horizon_window().first, horizon_window().last) == (77, 104)


def test_the_rules_as_shown_carry_the_days_they_use() -> None:
    shown = rules()
    assert "77" in shown["horizon"].ja and "104" in shown["horizon"].en
    assert "28" in shown["dropout"].ja


# --- baseline -----------------------------------------------------------------------------------


def test_the_baseline_is_the_first_score_from_the_start_on() -> None:
    assert baseline(scores((5, 6), (2, 7), (30, 3)), START) == Score(day=day(2), value=7)


def test_a_score_before_the_start_is_no_baseline() -> None:
    assert baseline(scores((-1, 6)), START) is None


def test_the_baseline_window_ends_where_an_answer_starts_counting_for_the_next_check_in() -> None:
    assert baseline(scores((20, 6)), START) == Score(day=day(20), value=6)
    assert baseline(scores((21, 6)), START) is None


def test_two_baseline_answers_on_one_day_take_the_later_record() -> None:
    assert baseline(scores((0, 6), (0, 5)), START) == Score(day=day(0), value=5)


# --- the 12-week score -----------------------------------------------------------------------


def test_the_twelve_week_score_is_the_closest_to_day_84() -> None:
    found = horizon_score(scores((80, 5), (83, 4), (90, 3)), START, day(110))
    assert found == Score(day=day(83), value=4)


def test_a_tie_around_day_84_goes_to_the_earlier_day() -> None:
    assert horizon_score(scores((80, 5), (88, 3)), START, day(110)) == Score(day=day(80), value=5)


def test_the_window_edges_are_included_and_the_days_outside_are_not() -> None:
    assert horizon_score(scores((77, 5)), START, day(110)) == Score(day=day(77), value=5)
    assert horizon_score(scores((104, 5)), START, day(110)) == Score(day=day(104), value=5)
    assert horizon_score(scores((76, 5), (105, 5)), START, day(110)) is None


def test_before_day_84_a_closer_score_may_still_come_so_it_is_pending() -> None:
    assert horizon_score(scores((80, 5)), START, day(83)) == "pending"
    assert horizon_score(scores((80, 5)), START, day(90)) == "pending"


def test_a_score_on_or_after_day_84_settles_it_since_later_ones_are_farther() -> None:
    assert horizon_score(scores((80, 5), (86, 4)), START, day(86)) == Score(day=day(86), value=4)
    assert horizon_score(scores((84, 4)), START, day(84)) == Score(day=day(84), value=4)


def test_a_score_dated_after_today_is_not_read() -> None:
    assert horizon_score(scores((85, 4)), START, day(84)) == "pending"


def test_once_the_window_has_passed_without_a_score_it_is_missing() -> None:
    assert horizon_score(scores((0, 5)), START, day(104)) == "pending"
    assert horizon_score(scores((0, 5)), START, day(105)) is None


# --- improved by the MCID ------------------------------------------------------------------------


def test_knee_pain_improves_by_one_point_its_mcid() -> None:
    assert verdict(MEASURE["nrs_knee"], scores((0, 6), (84, 5)), START, day(90)) == "improved"


def test_back_pain_needs_two_points_or_thirty_percent() -> None:
    m = MEASURE["nrs_back"]
    assert verdict(m, scores((0, 6), (84, 5)), START, day(90)) == "unchanged"
    assert verdict(m, scores((0, 6), (84, 4)), START, day(90)) == "improved"
    assert verdict(m, scores((0, 4), (84, 6)), START, day(90)) == "worse"


def test_a_higher_is_better_score_improves_upwards() -> None:
    assert verdict(MEASURE["psfs"], scores((0, 3), (84, 5)), START, day(90)) == "improved"
    assert verdict(MEASURE["koos_pain"], scores((0, 50), (84, 65)), START, day(90)) == "improved"
    assert verdict(MEASURE["koos_pain"], scores((0, 50), (84, 64)), START, day(90)) == "unchanged"


def test_an_episode_not_yet_at_the_window_is_pending_and_one_without_baseline_says_so() -> None:
    m = MEASURE["nrs_knee"]
    assert verdict(m, scores((0, 6)), START, day(76)) == "pending"
    assert verdict(m, scores((30, 6), (84, 3)), START, day(110)) == "no_baseline"
    assert verdict(m, scores((0, 6)), START, day(105)) == "missing"


# --- stored responses -------------------------------------------------------------------------


def test_nrs_answers_go_to_their_region_and_koos_to_each_subscale() -> None:
    assert scores_of("nrs", {"score": 4, "region": "knee"}) == {"nrs_knee": 4.0}
    assert scores_of("nrs", {"score": 4, "region": "back"}) == {"nrs_back": 4.0}
    assert scores_of("nrs", {"score": 4}) == {}
    koos = {"pain": 75.0, "symptoms": 70.0, "adl": 80.0, "sport_rec": 50.0, "qol": 60.0}
    assert scores_of("koos", koos) == {
        "koos_pain": 75.0,
        "koos_symptoms": 70.0,
        "koos_adl": 80.0,
        "koos_sport_rec": 50.0,
        "koos_qol": 60.0,
    }
    assert scores_of("koos-12", {"pain": 50.0}) == {}


def test_every_instrument_with_an_mcid_is_reported() -> None:
    with_mcid = {i.id for i in instruments().values() if i.mcid}
    assert set(instruments_measured()) == with_mcid


# --- adherence and drop-out --------------------------------------------------------------------


def test_adherence_counts_one_session_a_day_over_the_first_twelve_weeks_up_to_today() -> None:
    sessions = (day(0), day(0), day(1), day(-1), day(84), day(85))
    done = clinic_outcomes([Episode(start=START, session_days=sessions)], today=day(9))
    assert (done.sessions_done, done.sessions_planned) == (2, 10)
    later = clinic_outcomes([Episode(start=START, session_days=sessions)], today=day(200))
    assert (later.sessions_done, later.sessions_planned) == (2, 84)


def test_the_clinic_adherence_is_the_sum_over_its_patients() -> None:
    first = Episode(start=START, session_days=(day(0), day(1)))
    second = Episode(start=day(8), session_days=(day(8),))
    report = clinic_outcomes([first, second], today=day(9))
    assert (report.sessions_done, report.sessions_planned) == (3, 12)
    assert report.adherence == pytest.approx(0.25)


def test_a_patient_linked_today_has_one_planned_session_and_none_before_the_start() -> None:
    report = clinic_outcomes([Episode(start=day(5))], today=day(4))
    assert (report.sessions_done, report.sessions_planned, report.adherence) == (0, 0, None)


def test_drop_out_is_twenty_eight_days_without_any_record() -> None:
    assert not dropped_out(Episode(start=START, last_activity=day(10)), day(37))
    assert dropped_out(Episode(start=START, last_activity=day(10)), day(38))


def test_without_any_record_drop_out_counts_from_the_start_and_older_records_do_not_count() -> None:
    assert not dropped_out(Episode(start=START), day(27))
    assert dropped_out(Episode(start=START), day(28))
    assert not dropped_out(Episode(start=START, last_activity=day(-100)), day(27))


# --- the clinic's figures ------------------------------------------------------------------------


def test_the_share_improved_is_of_those_with_both_scores() -> None:
    improved = Episode(start=START, scores={"nrs_knee": scores((0, 6), (84, 4))})
    same = Episode(start=START, scores={"nrs_knee": scores((0, 6), (84, 6))})
    missing = Episode(start=START, scores={"nrs_knee": scores((0, 6))})
    new = Episode(start=day(60), scores={"nrs_knee": scores((60, 6))})
    never = Episode(start=START)
    report = clinic_outcomes([improved, same, missing, new, never], today=day(120))
    knee = next(s for s in report.measures if s.measure.id == "nrs_knee")
    assert (knee.pairs, knee.improved, knee.unchanged, knee.missing, knee.pending) == (
        2,
        1,
        1,
        1,
        1,
    )
    assert knee.share_improved == pytest.approx(0.5)
    assert report.linked == 5


def test_a_measure_nobody_answered_has_no_share() -> None:
    report = clinic_outcomes([Episode(start=START)], today=day(120))
    assert all(s.pairs == 0 and s.share_improved is None for s in report.measures)


def test_no_linked_patients_gives_no_shares_rather_than_a_division_by_zero() -> None:
    report = clinic_outcomes([], today=START)
    assert (report.linked, report.adherence, report.dropout_share) == (0, None, None)


# --- the content is checked when loaded ---------------------------------------------------------


def _copy(tmp_path: Path, old: str, new: str) -> Path:
    text = (CONTENT_DIR / "outcomes.yaml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "outcomes.yaml").write_text(text.replace(old, new), encoding="utf-8")
    return tmp_path


def test_a_horizon_that_is_not_a_check_in_day_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="not a check-in day"):
        load_outcomes(_copy(tmp_path, "weeks: 12", "weeks: 10"))


def test_a_measure_without_an_mcid_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="no MCID"):
        load_outcomes(_copy(tmp_path, "instrument: koos, field: qol", "instrument: koos, field: x"))


def test_an_instrument_with_an_mcid_left_out_is_refused(tmp_path: Path) -> None:
    odi = next(
        line + "\n"
        for line in (CONTENT_DIR / "outcomes.yaml").read_text(encoding="utf-8").splitlines()
        if "{id: odi," in line
    )
    with pytest.raises(ContentError, match="odi"):
        load_outcomes(_copy(tmp_path, odi, ""))
