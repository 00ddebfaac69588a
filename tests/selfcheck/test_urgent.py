"""Urgent results (emergency, same day, within days) pause self-care on every page, and a sign
that needs care today ends the questions at once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from hizakoshi.care.model import Urgency
from hizakoshi.selfcheck.flow import stop_options

from .factories import (
    SAVE_URL,
    Page,
    complete,
    current_step,
    knee_origin_answers,
    post_step,
    saved_result,
    start,
    state_of,
)

pytestmark = pytest.mark.django_db

# Blocks of the page that belong to self-care: none may appear on a paused result.
SELF_CARE_BLOCKS = (
    'id="pattern-title"',
    'id="priority-title"',
    'id="plan-title"',
    'class="stop-rule"',
    'id="thermal-title"',
    'id="weight-title"',
    'id="tips-title"',
    'id="edu-title"',
    "data-exercise=",
    "data-tip=",
)
KEEP_IN_ACCOUNT = 'formaction="/accounts/signup/"'


def same_day_answers() -> dict[str, Any]:
    return knee_origin_answers(other_signs=["fever_back"])


def assert_paused(html: str) -> None:
    for block in SELF_CARE_BLOCKS:
        assert block not in html, f"a paused result shows {block}"
    assert 'id="for-doctor-title"' in html
    assert 'data-paused="yes"' in html


def walk_to_urgent_screen(client: Client) -> Page:
    page = post_step(client, start(client), knee_origin_answers())
    assert current_step(page) == "urgent"
    return page


def test_fever_with_back_pain_means_a_doctor_today_and_nothing_about_self_care(
    client: Client,
) -> None:
    html = complete(client, same_day_answers()).content.decode()
    assert 'data-urgency="same_day"' in html
    assert "triage-same_day" in html
    assert "今日のうちに受診を" in html
    assert "医師に伝えること" in html
    assert_paused(html)


def test_a_paused_result_offers_to_keep_the_summary_for_the_doctor_not_an_exercise_plan(
    client: Client,
) -> None:
    html = complete(client, same_day_answers()).content.decode()
    assert "医師に見せるために保存する" in html
    assert KEEP_IN_ACCOUNT not in html
    assert "運動" not in html.split('id="save-title"')[1].split("</form>")[0]


def test_a_knee_that_locks_pauses_self_care_too(client: Client) -> None:
    html = complete(client, knee_origin_answers(knee_locking="yes")).content.decode()
    assert 'data-urgency="within_days"' in html
    assert_paused(html)


def test_a_result_without_warning_signs_still_offers_the_plan_and_an_account(
    client: Client,
) -> None:
    html = complete(client, knee_origin_answers()).content.decode()
    assert 'id="plan-title"' in html
    assert KEEP_IN_ACCOUNT in html
    assert 'id="for-doctor-title"' not in html


def test_the_options_that_alone_stop_the_questions_are_marked_on_the_screen(
    client: Client,
) -> None:
    html = walk_to_urgent_screen(client).content.decode()
    assert re.search(r'value="saddle_numbness"[^>]*data-stop="emergency"', html)
    assert re.search(r'value="calf_swollen"[^>]*data-stop="same_day"', html)
    assert not re.search(r'value="none"[^>]*data-stop=', html)
    # The button waits for such an answer (steps.js shows it at once).
    assert re.search(r'<div class="alert stop-now[^"]*" id="stop-now"[^>]*hidden', html)


def test_the_marked_options_come_from_the_red_flag_rules() -> None:
    marked = stop_options()
    assert marked[("urgent_signs", "bladder_bowel")] == "emergency"
    assert marked[("other_signs", "fever_back")] == "same_day"
    assert ("other_signs", "cancer_history") not in marked


def test_the_stop_button_goes_straight_to_the_emergency_result(client: Client) -> None:
    page = walk_to_urgent_screen(client)
    page = post_step(client, page, {"urgent_signs": ["saddle_numbness"]}, action="stop")
    html = page.content.decode()
    assert 'data-urgency="emergency"' in html
    assert 'href="tel:119"' in html
    assert "途中でこの結果に進んだため" in html
    assert_paused(html)


def test_stop_without_an_urgent_sign_moves_on_like_next(client: Client) -> None:
    page = walk_to_urgent_screen(client)
    page = post_step(client, page, {"urgent_signs": ["none"]}, action="stop")
    assert current_step(page) == "health"


def test_stop_with_a_wrong_answer_on_the_first_screen_is_refused(client: Client) -> None:
    page = start(client)
    page = post_step(client, page, {"age": "300"}, action="stop")
    assert current_step(page) == "about"
    assert 'class="error-summary"' in page.content.decode()


def test_a_same_day_sign_puts_a_see_a_doctor_today_banner_on_the_next_screen(
    client: Client,
) -> None:
    page = walk_to_urgent_screen(client)
    page = post_step(client, page, {"urgent_signs": ["calf_swollen"], "calf_breathless": "no"})
    html = page.content.decode()
    banner = html.split("data-stop-banner=")[1].split("</section>")[0]
    assert current_step(page) == "health"
    assert "今日のうちに医師にみてもらってください" in banner
    assert 'value="stop"' in banner
    assert 'href="tel:119"' not in banner


def test_an_emergency_banner_puts_119_first(client: Client) -> None:
    page = walk_to_urgent_screen(client)
    page = post_step(client, page, {"urgent_signs": ["bladder_bowel"]})
    html = page.content.decode()
    assert html.index('href="tel:119"') < html.index('value="stop"')


def test_a_stopped_early_result_can_be_saved_and_its_page_shows_no_self_care(
    client: Client,
) -> None:
    page = walk_to_urgent_screen(client)
    page = post_step(client, page, {"urgent_signs": ["saddle_numbness"]}, action="stop")
    response = client.post(SAVE_URL, {"state": state_of(page), "consent": "yes"})
    assert response.status_code == 302
    saved = client.get(response["Location"]).content.decode()
    assert 'data-urgency="emergency"' in saved
    assert_paused(saved)
    assert "/accounts/signup/?result=" not in saved


def test_an_old_saved_result_with_a_pattern_and_a_within_days_sign_still_shows(
    client: Client,
) -> None:
    # Engine 1.0.0 kept the pattern and plan beside a within-days sign and knew no for_doctor.
    saved = saved_result()
    stored = saved.assessment
    stored["engine_version"] = "1.0.0"
    stored["triage"]["urgency"] = "within_days"
    stored["triage"]["self_care_paused"] = False
    stored["triage"].pop("for_doctor", None)
    stored.pop("answers_complete", None)
    saved.save()
    page = client.get(f"/r/{saved.link_token}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-urgency="within_days"' in html
    assert_paused(html)
    # Its signs still say what to tell the doctor.
    assert html.count('class="for-doctor-list"') == 1


SITE_CSS = Path(__file__).resolve().parents[2] / "src/hizakoshi/site/static/hizakoshi/site.css"
TEXT_COLOUR = "#111111"


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("urgency", [u.value for u in Urgency])
def test_every_urgency_has_its_own_colours_with_text_at_7_to_1(urgency: str) -> None:
    css = SITE_CSS.read_text(encoding="utf-8")
    rule = re.search(rf"\.triage-{urgency}\b[^{{]*\{{([^}}]*)\}}", css)
    assert rule, f"site.css has no .triage-{urgency}"
    background = re.search(r"background:\s*(#[0-9a-f]{6})", rule.group(1))
    assert background
    assert contrast(TEXT_COLOUR, background.group(1)) >= 7
