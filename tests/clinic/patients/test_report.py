"""The patient report: one typed value built from a person's records by the selector, every
judgement in it the core's (the MCID label of a questionnaire, a series' label and reason, the
self-check as it was stored)."""

from __future__ import annotations

import dataclasses

import pytest
from django.utils import timezone, translation

from clinic.patients.conftest import Year
from hizakoshi.care.instruments import classify_change
from hizakoshi.care.journey.scorechange import nrs_context, score_changes
from hizakoshi.clinic.models import Clinic
from hizakoshi.clinic.patients.report import PatientReport
from hizakoshi.clinic.patients.selectors import patient_report
from hizakoshi.journey.me.selectors import local_today
from hizakoshi.journey.models import Assessment, Escalation, ExerciseSession, OutcomeResponse
from people import linked, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(year: Year) -> PatientReport:
    with translation.override("ja"):
        return patient_report(link=year.link, today=local_today(), lang="ja")


def test_the_report_is_one_frozen_value(report: PatientReport) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.paused = True  # type: ignore[misc]
    assert report.patient.name == "高橋 一郎" and report.patient.age is not None


def test_the_self_check_is_the_stored_one_as_the_person_saw_it(
    report: PatientReport, year: Year
) -> None:
    stored = Assessment.objects.filter(person=year.person).latest("created_at")
    shown = report.self_check
    assert shown is not None
    assert (shown.engine_version, shown.content_hash) == (
        stored.engine_version,
        stored.content_hash,
    )
    assert shown.taken_on == timezone.localdate(stored.created_at)
    reasons = [r["text"]["ja"] for r in stored.assessment["pattern"]["reasons"]]
    assert list(shown.reasons) == reasons and reasons
    assert shown.pattern and "膝" in shown.pattern
    ages = [a for a in shown.answers if a.question == "年齢"]
    assert [a.answer for a in ages] == [f"{stored.answers['age']}歳"]


def test_each_questionnaire_is_judged_by_the_core_against_its_mcid(
    report: PatientReport, year: Year
) -> None:
    psfs = OutcomeResponse.objects.filter(person=year.person, instrument="psfs").order_by(
        "taken_on", "pk"
    )
    first, latest = psfs.first(), psfs.last()
    assert first is not None and latest is not None and first != latest
    row = next(s for s in report.scores if s.instrument.startswith("活動の目標"))
    wanted = classify_change("psfs", "score", first.scores["score"], latest.scores["score"])
    assert row.label == wanted and row.label_text and row.mcid == "MCID 2点"
    # KOOS-12 has no MCID in instruments.yaml: shown, never labelled.
    koos12 = [s for s in report.scores if s.instrument.startswith("KOOS-12")]
    assert len(koos12) == 4 and all(s.label is None for s in koos12)


def test_an_nrs_answer_takes_the_mcid_of_its_regions_diary_series() -> None:
    assert (nrs_context("knee"), nrs_context("back"), nrs_context(None)) == (
        "knee_oa",
        "low_back_pain",
        None,
    )
    # 5 -> 4 is the knee's 1 point, but not the back's 2 points (nor 30%).
    knee = score_changes("nrs", {"score": 5, "region": "knee"}, {"score": 4, "region": "knee"})
    back = score_changes("nrs", {"score": 5, "region": "back"}, {"score": 4, "region": "back"})
    assert [c.label for c in knee] == ["improved"] and [c.label for c in back] == ["unchanged"]


def test_the_diary_trend_and_the_sessions_come_from_the_core(
    report: PatientReport, year: Year
) -> None:
    names = [p.name for p in report.pain]
    assert "腰の痛み" in names and all(p.weeks and p.reason for p in report.pain)
    assert all(p.label in ("improved", "unchanged", "worse") for p in report.pain)
    finished = ExerciseSession.objects.filter(person=year.person, finished_at__isnull=False)
    assert report.sessions_total == finished.count() > 100
    assert report.sessions.id == "sessions" and report.sessions.reason
    assert {s.id for s in report.others} >= {"psfs", "weight", "walking_minutes"}


def test_escalations_come_newest_first_with_what_the_clinic_did_about_flags(
    report: PatientReport, year: Year
) -> None:
    raised = [e.raised_on for e in report.escalations]
    assert raised and raised == sorted(raised, reverse=True)
    assert Escalation.objects.filter(person=year.person).count() >= len(raised)
    # The clinic's notes about a warning sign or an escalation; the one about inactivity is not.
    assert [a.note for a in report.acknowledgements] == [
        "診察した。経過観察。",
        "電話で受診を案内し、予約を取った。",
    ]
    assert [a.kind for a in report.acknowledgements] == ["注意が必要なしるし", "受診のすすめ"]


def test_a_linked_person_without_records_gets_a_report_that_says_so(clinic: Clinic) -> None:
    someone = person("new@example.jp")
    link = linked(someone, clinic)
    with translation.override("ja"):
        empty = patient_report(link=link, today=local_today(), lang="ja")
    assert empty.self_check is None and empty.scores == () and empty.pain == ()
    assert empty.escalations == () and empty.acknowledgements == () and empty.sessions_total == 0
    assert not empty.paused and empty.plan == ()
