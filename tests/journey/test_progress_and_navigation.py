"""Progress shows only the person's own sites; count charts step in whole numbers; every
journey page carries the same tabs; account actions are buttons."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from hizakoshi.care import assess
from hizakoshi.care.questions import parse_answers
from hizakoshi.journey.models import AssessmentSource
from hizakoshi.journey.plan.services import journey_start_from_assessment
from hizakoshi.journey.progress.charts import Series, bar_chart, nice_ticks
from people import person
from selfcheck.factories import knee_origin_answers

from .measures_helpers import START, at_noon, diary, in_english, started
from .test_charts import days, texts

pytestmark = pytest.mark.django_db


def right_knee_only() -> object:
    user = person("right@example.jp")
    answers = parse_answers(knee_origin_answers(knee_side="right"))
    journey_start_from_assessment(
        person=user,
        answers=answers,
        assessment=assess(answers),
        source=AssessmentSource.CLAIMED,
        now=at_noon(START),
    )
    return user


def page(client: Client, user: object, url: str, day: int = 20) -> str:
    with time_machine.travel(at_noon(START + timedelta(days=day)), tick=False):
        client.force_login(user)  # type: ignore[arg-type]
        response = in_english(client).get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_right_knee_only_person_never_sees_the_left_knee_on_progress(client: Client) -> None:
    user = right_knee_only()
    diary(user, 20, knee=lambda i: 5)  # the helper writes the right knee
    text = page(client, user, "/me/progress/")
    assert 'id="s-knee_pain_left"' not in text and "Left knee pain" not in text
    assert 'id="s-knee_pain_right"' in text and 'id="s-back_pain"' in text


def test_with_both_knees_both_are_shown(client: Client) -> None:
    user = started()
    text = page(client, user, "/me/progress/")
    assert 'id="s-knee_pain_left"' in text and 'id="s-knee_pain_right"' in text


def test_count_ticks_are_whole_numbers() -> None:
    assert nice_ticks(0, 1, whole=True) == [0, 1]
    assert all(t == int(t) for t in nice_ticks(0, 3, whole=True))
    assert nice_ticks(0, 1) == [0, 0.2, 0.4, 0.6, 0.8, 1.0]  # measures keep their fine steps


def test_the_sessions_chart_counts_in_whole_steps() -> None:
    svg = bar_chart(
        Series("Sessions", days([0, 1, 1], every=7), " a week", 1),
        title="Sessions",
        y_label="a week",
        lang="en",
    )
    ticks = [t for t in texts(svg, "chart-tick") if re.fullmatch(r"-?[\d.]+", t)]
    assert ticks and all("." not in t for t in ticks), ticks


JOURNEY_PAGES = [
    "/me/today/",
    "/me/diary/",
    "/me/measures/",
    "/me/measures/nrs/",
    "/me/measures/psfs/activities/",
    "/me/tests/",
    "/me/tests/chair-stand/",
    "/me/progress/",
    "/me/",
    "/me/export/",
    "/me/delete/",
    "/me/calendar/",
    "/me/reminders/",
]


@pytest.mark.parametrize("url", JOURNEY_PAGES)
def test_every_journey_page_has_the_same_tabs(client: Client, url: str) -> None:
    text = page(client, started(), url)
    nav = re.search(
        r'<nav class="daily-nav[^"]*" aria-label="My self-care">(.*?)</nav>', text, re.S
    )
    assert nav, url
    tabs = re.findall(r"<a href=\"([^\"]+)\"", nav.group(1))
    assert tabs == ["/me/today/", "/me/diary/", "/me/measures/", "/me/progress/", "/me/"]
    assert nav.group(1).count('aria-current="page"') <= 1


def test_account_actions_are_buttons(client: Client) -> None:
    text = page(client, started(), "/me/")
    for url in ("/me/export/", "/me/delete/", "/me/reminders/", "/me/calendar/"):
        assert re.search(rf'<a class="button [a-z]+" href="{url}">', text), url
    assert re.search(r'<button type="submit" class="button secondary">Log out</button>', text)
