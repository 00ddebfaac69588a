"""Pain from 0 to 10 is eleven large buttons (native radios, works without JavaScript), with the
anchors in words; the core still validates the number, so a typed value is read as before."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation

from hizakoshi.care import questions as care_questions
from hizakoshi.selfcheck.forms import StepForm

from .factories import current_step, knee_origin_answers, post_step, start, step_url

pytestmark = pytest.mark.django_db


def page_of(client: Client, step_id: str, raw: dict[str, object]) -> str:
    page = start(client)
    for _ in range(12):
        if current_step(page) == step_id:
            return page.content.decode()
        page = post_step(client, page, raw)
    raise AssertionError(f"never reached {step_id}")


def radios(page: str, name: str) -> list[str]:
    return re.findall(rf'<input type="radio" id="q-{name}-\d+" name="{name}" value="(\d+)"', page)


@pytest.mark.parametrize(("step", "name"), [("knee", "knee_pain"), ("back", "back_pain")])
def test_pain_is_asked_with_eleven_buttons_from_0_to_10(
    client: Client, step: str, name: str
) -> None:
    page = page_of(client, step, knee_origin_answers())
    assert radios(page, name) == [str(n) for n in range(11)]
    assert f'name="{name}" value="" ' not in page and f'id="q-{name}" name="{name}"' not in page
    assert "0=痛みなし" in page and "10=考えられる最悪の痛み" in page
    assert f'aria-describedby="q-{name}-anchors"' in page


def test_the_chosen_pain_stays_chosen_after_an_error(client: Client) -> None:
    raw = knee_origin_answers(knee_pain="7")
    page = start(client)
    while current_step(page) != "knee":
        page = post_step(client, page, raw)
    again = client.post(step_url("knee"), {"action": "next", "knee_pain": "7"}, follow=True)
    text = again.content.decode()
    assert current_step(again) == "knee"  # the side and duration are missing
    assert 'id="q-knee_pain-7" name="knee_pain" value="7" checked' in text


def test_a_pain_outside_0_to_10_is_still_refused_by_the_core(client: Client) -> None:
    step = care_questions.question_set().step("knee")
    form = StepForm(step, knee_origin_answers(knee_pain="11"), "en")
    assert not form.is_valid() and "knee_pain" in form.errors


def test_other_numbers_keep_their_box() -> None:
    step = care_questions.question_set().step("about")
    kinds = {f.id: f.kind for f in StepForm(step, {}, "en").fields()}
    assert kinds["age"] == "integer"


def test_a_note_naming_two_answers_reads_naturally_in_japanese() -> None:
    step = care_questions.question_set().step("timing")
    with translation.override("ja"):
        fields = {f.id: f for f in StepForm(step, {"first": "knee"}, "ja").fields()}
    note = fields["gap_months"].only_if or ""
    assert "」または「" in note and "” / “" not in note and "”" not in note
