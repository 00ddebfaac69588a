"""Back and Next keep answers; questions and screens that do not apply are left out."""

from __future__ import annotations

import pytest
from django.core import signing
from django.test import Client

from hizakoshi.care import questions as care_questions
from hizakoshi.care.questions import QuestionSet
from hizakoshi.selfcheck import flow, views

from .factories import (
    Page,
    current_step,
    knee_origin_answers,
    post_step,
    start,
    state_of,
)

pytestmark = pytest.mark.django_db


def carried(page: Page) -> dict[str, object]:
    payload = signing.loads(state_of(page), salt=flow.STATE_SALT)
    answers: dict[str, object] = payload["answers"]
    return answers


def walk_to(client: Client, step: str, raw: dict[str, object]) -> Page:
    page = start(client)
    while current_step(page) != step:
        page = post_step(client, page, raw)
    return page


def test_back_shows_the_previous_screen_with_its_answers_filled_in(client: Client) -> None:
    raw = knee_origin_answers()
    page = post_step(client, start(client), raw)
    assert current_step(page) == "urgent"
    page = post_step(client, page, {}, action="back")
    html = page.content.decode()
    assert current_step(page) == "about"
    assert 'name="age" value="70"' in html
    assert 'value="female" checked' in html


def test_back_keeps_what_was_ticked_on_the_screen_being_left(client: Client) -> None:
    raw = knee_origin_answers()
    page = post_step(client, start(client), raw)
    page = post_step(client, page, raw, action="back")
    page = post_step(client, page, raw)
    assert current_step(page) == "urgent"
    assert 'value="none" checked' in page.content.decode()


def test_next_after_going_back_moves_on_with_the_later_answers_kept(client: Client) -> None:
    raw = knee_origin_answers()
    page = walk_to(client, "knee", raw)
    page = post_step(client, page, raw, action="back")
    page = post_step(client, page, {}, action="back")
    assert current_step(page) == "urgent"
    assert carried(page)["knee_side"] == "both"


def test_progress_counts_the_screens(client: Client) -> None:
    page = walk_to(client, "health", knee_origin_answers())
    assert "3 / 11" in page.content.decode()


def test_a_question_depending_on_an_answer_on_the_same_screen_says_when_to_answer_it(
    client: Client,
) -> None:
    page = walk_to(client, "knee_signs", knee_origin_answers())
    html = page.content.decode()
    assert 'id="q-knee_injury_four_steps-only-if"' in html
    assert 'aria-describedby="q-knee_injury_four_steps-only-if"' in html


def test_answers_to_questions_that_no_longer_apply_are_dropped(client: Client) -> None:
    injured = knee_origin_answers(
        knee_recent_injury="yes",
        knee_injury_when="earlier",
        knee_injury_four_steps="yes",
        knee_injury_bend="yes",
        knee_injury_deformity="no",
    )
    page = walk_to(client, "knee_signs", injured)
    page = post_step(client, page, injured)
    assert carried(page)["knee_injury_bend"] == "yes"
    page = post_step(client, page, {}, action="back")
    page = post_step(client, page, injured | {"knee_recent_injury": "no"})
    assert current_step(page) == "back"
    assert "knee_injury_bend" not in carried(page)


def test_the_injury_questions_are_required_only_after_an_injury(client: Client) -> None:
    raw = knee_origin_answers(knee_recent_injury="yes")
    page = walk_to(client, "knee_signs", raw)
    page = post_step(client, page, raw)
    assert current_step(page) == "knee_signs"
    assert 'id="q-knee_injury_bend-error"' in page.content.decode()


SKIPPING = QuestionSet.model_validate(
    {
        "version": 1,
        "steps": [
            {
                "id": "one",
                "title": {"ja": "一", "en": "One"},
                "questions": [
                    {
                        "id": "knee_recent_injury",
                        "type": "choice",
                        "label": {"ja": "けが", "en": "Injury"},
                        "required": True,
                        "options": [
                            {"value": "yes", "label": {"ja": "はい", "en": "Yes"}},
                            {"value": "no", "label": {"ja": "いいえ", "en": "No"}},
                        ],
                    }
                ],
            },
            {
                "id": "two",
                "title": {"ja": "二", "en": "Two"},
                "questions": [
                    {
                        "id": "knee_injury_bend",
                        "type": "choice",
                        "label": {"ja": "曲げる", "en": "Bend"},
                        "required": True,
                        "shown_if": {"knee_recent_injury": ["yes"]},
                        "options": [{"value": "yes", "label": {"ja": "はい", "en": "Yes"}}],
                    }
                ],
            },
            {
                "id": "three",
                "title": {"ja": "三", "en": "Three"},
                "questions": [
                    {
                        "id": "age",
                        "type": "integer",
                        "label": {"ja": "年齢", "en": "Age"},
                        "min": 18,
                        "max": 110,
                        "required": True,
                    }
                ],
            },
        ],
    }
)


@pytest.fixture
def skipping_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (care_questions, flow):
        monkeypatch.setattr(module, "question_set", lambda: SKIPPING)
    monkeypatch.setattr(views, "questions", lambda: SKIPPING)


@pytest.mark.usefixtures("skipping_questions")
def test_a_screen_whose_questions_all_do_not_apply_is_skipped(client: Client) -> None:
    page = post_step(client, start(client), {"knee_recent_injury": "no"})
    assert current_step(page) == "three"
    assert "2 / 2" in page.content.decode()
    page = post_step(client, page, {}, action="back")
    assert current_step(page) == "one"


@pytest.mark.usefixtures("skipping_questions")
def test_the_same_screen_is_shown_when_its_question_applies(client: Client) -> None:
    page = post_step(client, start(client), {"knee_recent_injury": "yes"})
    assert current_step(page) == "two"
    assert "2 / 3" in page.content.decode()
