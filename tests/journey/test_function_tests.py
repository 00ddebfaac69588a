"""Home function tests: the safety screen comes first and must be confirmed in full; then the
protocol and the measurement; the result from care.functiontests is stored with what it means.
Bad input is named on its field and nothing is saved."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from hizakoshi.accounts.models import User
from hizakoshi.journey.function_tests.forms import MSG_CHAIR, MSG_CONFIRM
from hizakoshi.journey.models import FunctionTest, Profile
from journey.measures_helpers import in_english, started

pytestmark = pytest.mark.django_db

SAFE = {
    "someone_present": "on",
    "non_slip_floor": "on",
    "support_nearby": "on",
    "no_acute_pain": "on",
}
CS30_MAN = {"chair": "cs30_40cm", "count": "9", "age": "70", "sex": "male"}


@pytest.fixture
def patient(patient: User) -> User:
    """Self-care started on START."""
    return started(patient)


@pytest.fixture
def client_a(client: Client, patient: User) -> Client:
    client.force_login(patient)
    return in_english(client)


def record(client: Client, slug: str, values: dict[str, str], *, safe: bool = True) -> Any:
    return client.post(f"/me/tests/{slug}/", {"step": "record", **(SAFE if safe else {}), **values})


# --- the safety screen ---------------------------------------------------------------------------


def test_a_standing_test_opens_with_the_safety_screen_not_the_test(client_a: Client) -> None:
    page = client_a.get("/me/tests/two-step/").content.decode()
    assert 'name="someone_present"' in page
    assert 'name="trial_1"' not in page


@pytest.mark.parametrize("missing", list(SAFE))
def test_with_any_safety_point_unconfirmed_the_test_is_not_offered(
    client_a: Client, missing: str
) -> None:
    ticked = {k: v for k, v in SAFE.items() if k != missing}
    response = client_a.post("/me/tests/chair-stand/", {"step": "safety", **ticked})
    page = response.content.decode()
    assert "The test is not offered today." in page
    assert response.context["safety"].errors == {missing: [MSG_CONFIRM]}
    assert 'name="count"' not in page


def test_with_every_safety_point_confirmed_the_protocol_and_inputs_follow(
    client_a: Client, patient: User
) -> None:
    Profile.objects.filter(person=patient).update(height_cm=Decimal("152.0"))
    page = client_a.post("/me/tests/two-step/", {"step": "safety", **SAFE}).content.decode()
    assert "How to do it" in page
    assert 'name="trial_1"' in page
    assert 'value="152.0"' in page  # the height from the profile


def test_a_result_sent_without_the_safety_confirmation_is_not_stored(client_a: Client) -> None:
    response = record(client_a, "one-leg", {"seconds": "20"}, safe=False)
    assert 'name="someone_present"' in response.content.decode()
    assert not FunctionTest.objects.exists()


# --- results --------------------------------------------------------------------------------


def test_two_steps_of_160_cm_at_a_height_of_160_cm_is_locomo_stage_2(client_a: Client) -> None:
    response = record(
        client_a, "two-step", {"trial_1": "150", "trial_2": "160", "height_cm": "160"}
    )
    assert response.status_code == 302
    test = FunctionTest.objects.get()
    assert (test.kind, test.result["stage"], test.result["value"]) == ("two_step", 2, 1.0)
    assert test.values == {"trials_cm": [150.0, 160.0], "height_cm": 160.0}
    page = client_a.get("/me/tests/two-step/").content.decode()
    assert "Stage 2" in page and "not a diagnosis" in page


def test_the_locomo_stage_is_the_worse_of_the_two_step_and_stand_up_tests(
    client_a: Client,
) -> None:
    record(client_a, "two-step", {"trial_1": "210", "height_cm": "160"})  # 1.31: stage 0
    record(client_a, "stand-up", {"one_leg_40": "no", "both_legs_lowest": "none"})
    stand = FunctionTest.objects.get(kind="stand_up")
    assert stand.result["stage"] == 3
    assert stand.values == {"one_leg_lowest_cm": None, "both_legs_lowest_cm": None}
    response = client_a.get("/me/tests/")
    assert response.context["locomo"].stage == 3


def test_the_stand_up_test_asks_for_the_lowest_seat_that_fits_the_first_answer(
    client_a: Client,
) -> None:
    response = record(client_a, "stand-up", {"one_leg_40": "yes"})
    assert "one_leg_lowest" in response.context["form"].errors
    assert not FunctionTest.objects.exists()


def test_the_chair_stand_needs_the_chair_and_compares_with_that_chairs_table_only(
    client_a: Client,
) -> None:
    values = {"count": "14", "age": "72", "sex": "female"}
    response = record(client_a, "chair-stand", values)
    assert response.context["form"].errors == {"chair": [MSG_CHAIR]}
    assert not FunctionTest.objects.exists()
    record(client_a, "chair-stand", {**values, "chair": "cs30_40cm"})
    record(client_a, "chair-stand", {**values, "chair": "steadi_43cm"})
    cs30, cdc = FunctionTest.objects.order_by("pk")
    assert (cs30.kind, cs30.result["band"], cs30.result["reference"]) == (
        "chair_stand_cs30",
        "below_average",
        [15, 19],
    )
    assert (cdc.kind, cdc.result["band"], cdc.result["fall_risk"]) == (
        "chair_stand_cdc",
        "at_or_above_cutoff",
        False,
    )


def test_the_fall_questions_need_no_safety_screen_and_one_yes_means_a_raised_risk(
    client_a: Client,
) -> None:
    assert 'name="fell_past_year"' in client_a.get("/me/tests/steadi/").content.decode()
    answers = {"fell_past_year": "no", "unsteady": "yes", "worried_about_falling": "no"}
    record(client_a, "steadi", answers, safe=False)
    assert FunctionTest.objects.get().result["at_risk"] is True


def test_under_15_seconds_on_one_leg_suggests_a_check_without_a_diagnosis(
    client_a: Client,
) -> None:
    record(client_a, "one-leg", {"seconds": "12.5"})
    test = FunctionTest.objects.get()
    assert test.result["suggest_orthopaedic_check"] is True
    page = client_a.get("/me/tests/one-leg/").content.decode()
    assert "Under 15 seconds" in page and "not a diagnosis" in page


@pytest.mark.parametrize(
    ("slug", "values", "field"),
    [
        ("chair-stand", {**CS30_MAN, "count": "abc"}, "count"),
        ("chair-stand", {**CS30_MAN, "count": "61"}, "count"),
        ("chair-stand", {**CS30_MAN, "sex": "x"}, "sex"),
        ("chair-stand", {**CS30_MAN, "chair": "stool"}, "chair"),
        ("two-step", {"trial_1": "150", "height_cm": "50"}, "height_cm"),
        ("two-step", {"trial_1": "-3", "height_cm": "150"}, "trial_1"),
        ("one-leg", {"seconds": "1e9"}, "seconds"),
        ("one-leg", {"seconds": ""}, "seconds"),
    ],
)
def test_bad_measurements_are_named_on_their_field_and_nothing_is_saved(
    client_a: Client, slug: str, values: dict[str, str], field: str
) -> None:
    response = record(client_a, slug, values)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not FunctionTest.objects.exists()


def test_an_unknown_test_is_not_found(client_a: Client) -> None:
    assert client_a.get("/me/tests/sit-and-reach/").status_code == 404
