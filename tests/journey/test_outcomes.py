"""Outcome measures: what is due every 4 weeks, NRS and PSFS in our own wording, licensed
questionnaires only with the clinic's wording, scores from care.scoring, and bad answers that
are named per item and save nothing."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.test import Client, override_settings

from hizakoshi.accounts.models import User
from hizakoshi.journey.checkins.forms import MSG_ACTIVITIES, MSG_NEEDED
from hizakoshi.journey.checkins.selectors import outcomes_due
from hizakoshi.journey.models import OutcomeResponse, PsfsActivity
from hizakoshi.site.fields import MSG_CHOOSE
from journey.measures_helpers import START, at_noon, in_english, started

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient(patient: User, client: Client) -> User:
    """Self-care started on START; logged in, pages in English."""
    client.force_login(started(patient))
    in_english(client)
    return patient


def clinic_file(tmp_path: Path, instrument: str, items: list[str]) -> Path:
    # Placeholders, not the instrument's real wording: the real text is the clinic's to supply.
    path = tmp_path / "texts.json"
    texts = {
        item: {"ja": f"設問{item}（テスト用）", "en": f"Item {item} (test wording)"}
        for item in items
    }
    path.write_text(json.dumps({instrument: texts}), encoding="utf-8")
    return path


# --- the list and the 4-week schedule --------------------------------------------------------


def test_a_new_person_has_pain_and_activity_goals_due_and_no_licence_terms(
    client: Client,
    patient: User,
) -> None:
    page = client.get("/me/measures/").content.decode()
    # NRS and PSFS in our wording, STarT Back in Keele's English wording (asked once).
    assert page.count("Due now.") == 3
    assert "/me/measures/nrs/" in page and "/me/measures/psfs/" in page
    assert "/me/measures/start-back/" in page and "Asked once, at the start" in page
    # Questionnaires without the clinic's wording are the clinic's business: not listed.
    assert "licen" not in page.lower() and "Oswestry" not in page
    assert "/me/measures/koos/" not in page  # not offered without the wording


def test_the_check_ins_page_says_in_the_schedule_s_words_which_answers_count(
    client: Client, patient: User
) -> None:
    page = client.get("/me/measures/").content.decode()
    assert "An answer from 7 days before a check-in day on counts for that day." in page


def test_an_answer_three_days_before_day_28_is_not_asked_again_on_day_28() -> None:
    user = started()
    for day in (0, 25):
        OutcomeResponse.objects.create(
            person=user,
            instrument="nrs",
            answers={"pain": 4},
            scores={"score": 4},
            taken_on=START + timedelta(days=day),
        )
    found = outcomes_due(person=user, today=START + timedelta(days=28), lang="en")
    nrs = next(d for d in found if d.instrument == "nrs")
    assert (nrs.due, nrs.due_on) == (False, START + timedelta(days=56))


def test_a_questionnaire_is_due_again_four_weeks_after_the_first_assessment() -> None:
    user = started()
    OutcomeResponse.objects.create(
        person=user, instrument="nrs", answers={"pain": 4}, scores={"score": 4}, taken_on=START
    )

    def nrs(days: int) -> tuple[bool, object]:
        found = next(
            d
            for d in outcomes_due(person=user, today=START + timedelta(days=days), lang="en")
            if d.instrument == "nrs"
        )
        return found.due, found.due_on

    assert nrs(27) == (False, START + timedelta(days=28))
    assert nrs(28) == (True, START + timedelta(days=28))
    assert nrs(60) == (True, START + timedelta(days=56))


# --- NRS ---------------------------------------------------------------------------------------


def test_pain_for_knee_and_back_is_stored_as_two_nrs_scores(client: Client, patient: User) -> None:
    with time_machine.travel(at_noon(START + timedelta(days=3)), tick=False):
        response = client.post("/me/measures/nrs/", {"knee": "6", "back": "3"})
        page = client.get(response["Location"]).content.decode()
    assert response.status_code == 302
    rows = OutcomeResponse.objects.filter(instrument="nrs").order_by("pk")
    assert [(r.answers, r.scores) for r in rows] == [
        ({"pain": 6}, {"score": 6, "region": "knee"}),
        ({"pain": 3}, {"score": 3, "region": "back"}),
    ]
    assert rows[0].taken_on == START + timedelta(days=3)
    assert "Saved." in page and "6/10" in page and "3/10" in page


@pytest.mark.parametrize("knee", ["11", "-1", "five", ""])
def test_a_pain_outside_0_to_10_is_named_on_its_question_and_nothing_is_saved(
    client: Client, patient: User, knee: str
) -> None:
    response = client.post("/me/measures/nrs/", {"knee": knee, "back": "3"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"knee": [MSG_CHOOSE]}
    assert not OutcomeResponse.objects.exists()


def test_the_nrs_question_is_in_japanese_by_default(client: Client) -> None:
    client.force_login(started())
    page = client.get("/me/measures/nrs/").content.decode()
    assert "この1週間の、ふだんの痛みはどのくらいでしたか" in page


# --- PSFS ----------------------------------------------------------------------------------------


def test_the_activity_goals_start_by_naming_the_activities(client: Client, patient: User) -> None:
    response = client.get("/me/measures/psfs/")
    assert response.status_code == 302
    assert response["Location"] == "/me/measures/psfs/activities/"


def test_two_activities_are_not_enough_and_nothing_is_saved(client: Client, patient: User) -> None:
    response = client.post(
        "/me/measures/psfs/activities/", {"activity_1": "階段を上る", "activity_2": "正座"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"activity_1": [MSG_ACTIVITIES]}
    assert not PsfsActivity.objects.exists()


def test_activities_are_named_once_and_then_each_is_rated_and_the_mean_stored(
    client: Client,
    patient: User,
) -> None:
    names = {"activity_1": "階段を上る", "activity_2": "孫と散歩する", "activity_3": "正座"}
    assert client.post("/me/measures/psfs/activities/", names).status_code == 302
    form_page = client.get("/me/measures/psfs/").content.decode()
    assert "孫と散歩する" in form_page
    ids = list(PsfsActivity.objects.order_by("pk").values_list("pk", flat=True))
    ratings = {f"rate_{pk}": str(v) for pk, v in zip(ids, (3, 5, 4), strict=True)}
    assert client.post("/me/measures/psfs/", ratings).status_code == 302
    row = OutcomeResponse.objects.get(instrument="psfs")
    assert row.answers == {"1": 3, "2": 5, "3": 4}
    assert row.scores["score"] == 4.0
    assert row.scores["names"]["2"] == "孫と散歩する"


def test_a_missing_rating_is_named_and_nothing_is_saved(client: Client, patient: User) -> None:
    names = {"activity_1": "a", "activity_2": "b", "activity_3": "c"}
    client.post("/me/measures/psfs/activities/", names)
    first, second, third = PsfsActivity.objects.order_by("pk")
    response = client.post(
        "/me/measures/psfs/", {f"rate_{first.pk}": "3", f"rate_{third.pk}": "99"}
    )
    assert response.context["form"].errors == {
        f"rate_{second.pk}": [MSG_CHOOSE],
        f"rate_{third.pk}": [MSG_CHOOSE],
    }
    assert not OutcomeResponse.objects.exists()


# --- licensed questionnaires ---------------------------------------------------------------------


def test_without_the_clinics_wording_a_licensed_questionnaire_shows_no_items_and_saves_nothing(
    client: Client,
    patient: User,
) -> None:
    page = client.get("/me/measures/rmdq/").content.decode()
    assert "This questionnaire is not offered here yet" in page and "licen" not in page.lower()
    assert 'name="item_1"' not in page
    client.post("/me/measures/rmdq/", {f"item_{n}": "0" for n in range(1, 25)})
    assert not OutcomeResponse.objects.exists()


KEELE_ITEM_5 = (
    "It’s not really safe for a person with a condition like mine to be physically active"
)


def test_start_back_ships_in_keeles_english_wording_with_its_answer_options_and_notice(
    client: Client,
    patient: User,
) -> None:
    page = client.get("/me/measures/start-back/").content.decode()
    assert "Thinking about the last 2 weeks please answer the following questions:" in page
    assert KEELE_ITEM_5 in page
    assert ">Disagree</label>" in page and ">Agree</label>" in page
    assert ">Very much</label>" in page and ">Extremely</label>" in page
    assert "Copyright (©2021) University of Keele." in page
    assert "No license is required" not in page  # the terms are in the clinic's rules sheet
    assert "only in its original English wording" not in page  # the page is in English


def test_start_back_is_scored_and_its_risk_group_sets_the_care_around_the_plan(
    client: Client,
    patient: User,
) -> None:
    answers = {f"item_{n}": "1" for n in range(1, 9)} | {"item_9": "4"}
    response = client.post("/me/measures/start-back/", answers)
    assert response.status_code == 302
    result = client.get(response["Location"]).content.decode()
    row = OutcomeResponse.objects.get(instrument="start-back")
    assert row.scores == {"total": 9, "distress": 5, "risk": "high"}
    assert row.answers == {str(n): 1 for n in range(1, 9)} | {"9": 4}
    assert "High risk of back pain holding you back" in result
    assert "physiotherapy that also helps with worry and mood" in result
    assert "NICE NG59" in result


def test_a_japanese_page_offers_the_english_start_back_apart_and_marks_its_language(
    client: Client,
) -> None:
    client.force_login(started())
    listing = client.get("/me/measures/").content.decode()
    # Due in Japanese: only the two in our own wording; STarT Back is listed apart, in English.
    assert listing.count("いま答える時期です。") == 2
    assert "英語版のみ" in listing and "/me/measures/start-back/" in listing
    page = client.get("/me/measures/start-back/").content.decode()
    assert f'<span lang="en">{KEELE_ITEM_5}</span>' in page
    assert 'lang="en">Disagree</label>' in page
    assert '<p class="intro" lang="en">Thinking about the last 2 weeks' in page


def test_with_the_clinics_japanese_wording_start_back_is_asked_in_japanese(
    client: Client, tmp_path: Path
) -> None:
    client.force_login(started())
    path = clinic_file(tmp_path, "start-back", [str(n) for n in range(1, 10)])
    with override_settings(HIZAKOSHI_INSTRUMENT_TEXT_FILE=str(path)):
        page = client.get("/me/measures/start-back/").content.decode()
        english = in_english(client).get("/me/measures/start-back/").content.decode()
    assert "設問5（テスト用）" in page and KEELE_ITEM_5 not in page
    # In English the published wording wins over the clinic's copy of it.
    assert KEELE_ITEM_5 in english and "Item 5 (test wording)" not in english


def test_start_back_is_asked_once_not_every_four_weeks() -> None:
    user = started()
    OutcomeResponse.objects.create(
        person=user,
        instrument="start-back",
        answers={},
        scores={"total": 2, "distress": 1, "risk": "low"},
        taken_on=START,
    )
    later = outcomes_due(person=user, today=START + timedelta(days=90), lang="en")
    found = next(d for d in later if d.instrument == "start-back")
    assert (found.due, found.once) == (False, True)
    assert next(d for d in later if d.instrument == "nrs").due


def test_an_unanswered_start_back_item_is_named_and_nothing_is_saved(
    client: Client, patient: User
) -> None:
    answers = {f"item_{n}": "0" for n in range(1, 9)} | {"item_9": "7"}
    response = client.post("/me/measures/start-back/", answers)
    assert response.context["form"].errors == {"item_9": [MSG_CHOOSE]}
    assert not OutcomeResponse.objects.exists()


def test_odi_with_two_sections_blank_cannot_be_scored_so_both_are_named(
    client: Client, patient: User, tmp_path: Path
) -> None:
    path = clinic_file(tmp_path, "odi", [str(n) for n in range(1, 11)])
    answers = {f"item_{n}": "2" for n in range(1, 9)}
    with override_settings(HIZAKOSHI_INSTRUMENT_TEXT_FILE=str(path)):
        response = client.post("/me/measures/odi/", answers)
        assert response.context["form"].errors == {"item_9": [MSG_NEEDED], "item_10": [MSG_NEEDED]}
        assert not OutcomeResponse.objects.exists()
        answers["item_9"] = "2"  # one blank section is allowed by the published rule
        assert client.post("/me/measures/odi/", answers).status_code == 302
    assert OutcomeResponse.objects.get(instrument="odi").scores == {"score": 40.0, "answered": 9}


def test_a_broken_clinic_file_is_reported_plainly_not_as_an_error_page(
    client: Client, patient: User, tmp_path: Path
) -> None:
    path = tmp_path / "texts.yaml"
    path.write_text("koos: [not, a, mapping", encoding="utf-8")
    with override_settings(HIZAKOSHI_INSTRUMENT_TEXT_FILE=str(path)):
        response = client.get("/me/measures/koos/")
    assert response.status_code == 200
    assert "could not be read" in response.content.decode()


def test_an_unknown_questionnaire_is_not_found(client: Client, patient: User) -> None:
    assert client.get("/me/measures/sf-36/").status_code == 404
