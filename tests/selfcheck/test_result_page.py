"""The result page shows the engine's assessment in all its parts, warning signs first."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from hizakoshi.care import assess
from hizakoshi.care.model import Assessment
from hizakoshi.care.questions import parse_answers

from .factories import (
    RESULT_URL,
    back_origin_answers,
    body,
    complete,
    emergency_answers,
    knee_origin_answers,
    start,
    step_url,
)

pytestmark = pytest.mark.django_db


def expected(raw: dict[str, object]) -> Assessment:
    return assess(parse_answers(raw))


def attrs(page: str, name: str) -> list[str]:
    return re.findall(rf'data-{name}="([^"]*)"', page)


def test_a_knee_origin_person_sees_likely_and_their_own_reasons(client: Client) -> None:
    raw = knee_origin_answers()
    page = complete(client, raw).content.decode()
    result = expected(raw)
    assert attrs(page, "pattern") == ["knee_origin"]
    assert attrs(page, "likelihood") == ["likely"]
    assert "可能性が高い" in page
    assert result.pattern.reasons
    for reason in result.pattern.reasons:
        assert reason.text.ja in page
    assert result.pattern.confirm.ja in page


def test_a_back_origin_person_is_told_the_back_may_drive_the_knee(client: Client) -> None:
    raw = back_origin_answers()
    page = complete(client, raw).content.decode()
    assert attrs(page, "pattern") == [expected(raw).pattern.pattern.value] == ["back_origin"]


def test_an_emergency_shows_119_first_and_no_exercises(client: Client) -> None:
    page = complete(client, emergency_answers()).content.decode()
    assert attrs(page, "urgency") == ["emergency"]
    assert 'href="tel:119"' in page
    assert page.index('href="tel:119"') < page.index('id="for-doctor-title"')
    assert attrs(page, "exercise") == []
    assert attrs(page, "thermal") == []
    assert 'id="plan-title"' not in page
    assert 'id="pattern-title"' not in page


def test_an_emergency_sign_is_flagged_on_the_very_next_screen(client: Client) -> None:
    from .factories import post_step

    raw = emergency_answers()
    page = post_step(client, start(client), raw)
    page = post_step(client, page, raw)
    html = page.content.decode()
    assert 'data-step="health"' in html
    assert 'href="tel:119"' in html


def test_the_page_carries_the_same_data_as_the_engine_gives(client: Client) -> None:
    raw = knee_origin_answers()
    page = complete(client, raw).content.decode()
    result = expected(raw)
    assert result.plan is not None
    assert attrs(page, "urgency") == [result.triage.urgency.value]
    assert attrs(page, "exercise") == [e.id for e in result.plan.exercises]
    assert attrs(page, "thermal") == [f"{t.site}:{t.choice}" for t in result.thermal]
    assert attrs(page, "tip") == [t.id for t in result.tips]
    assert attrs(page, "bmi") == [str(result.weight.bmi)]
    for exercise in result.plan.exercises:
        assert exercise.dosage.text.ja in page
    assert result.plan.stop_rule.ja in page
    assert result.disclaimer.ja in page


def test_an_unknown_bmi_leaves_the_attribute_empty(client: Client) -> None:
    raw = knee_origin_answers()
    del raw["height_cm"]
    page = complete(client, raw).content.decode()
    assert attrs(page, "bmi") == [""]


def test_each_exercise_has_its_drawing_served_from_static_files(client: Client) -> None:
    page = complete(client, knee_origin_answers()).content.decode()
    sources = re.findall(r'<img class="illustration" src="([^"]+)"', page)
    assert sources
    for src in sources:
        drawing = client.get(src)
        assert drawing.status_code == 200
        assert b"<svg" in body(drawing)


def test_the_result_can_be_switched_to_english_without_losing_it(client: Client) -> None:
    raw = knee_origin_answers()
    page = complete(client, raw)
    assert 'action="/i18n/setlang/"' in page.content.decode()
    switched = client.post("/i18n/setlang/", {"language": "en", "next": RESULT_URL}, follow=True)
    html = switched.content.decode()
    assert switched.redirect_chain == [(RESULT_URL, 302)]
    assert '<html lang="en">' in html
    assert expected(raw).pattern.summary.en in html
    assert attrs(html, "pattern") == ["knee_origin"]
    assert client.cookies["django_language"].value == "en"


def test_switching_language_mid_way_keeps_the_screen_and_its_answers(client: Client) -> None:
    start(client)
    page = client.post(
        step_url("about"), {"age": "70", "sex": "male", "action": "lang:en"}, follow=True
    )
    html = page.content.decode()
    assert page.redirect_chain == [(step_url("about"), 302)]
    assert 'data-step="about"' in html
    assert "About you" in html
    assert 'name="age" value="70"' in html
    assert 'class="error-summary"' not in html


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def test_completing_the_self_check_stores_nothing_in_any_table(client: Client) -> None:
    before = row_counts()
    complete(client, knee_origin_answers())
    complete(client, emergency_answers())
    assert row_counts() == before
    assert sum(row_counts().values()) == sum(before.values())
    assert "sessionid" not in client.cookies


def test_the_consent_box_is_not_ticked_in_advance(client: Client) -> None:
    page = complete(client, knee_origin_answers()).content.decode()
    box = re.search(r'<input type="checkbox" id="consent"[^>]*>', page)
    assert box and "checked" not in box.group(0)
