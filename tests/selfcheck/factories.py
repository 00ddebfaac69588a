"""Factories for self-check tests: answer sets for named people, and a walker that fills in
the real multi-step form with the test client, screen by screen, as a browser would."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.test import Client

from answers import HANAKO, as_form
from hizakoshi.care import questions as care_questions
from hizakoshi.care.questions import parse_answers
from hizakoshi.selfcheck.consent import CONSENT_VERSION
from hizakoshi.selfcheck.flow import STATE_COOKIE
from hizakoshi.selfcheck.models import SavedResult
from hizakoshi.selfcheck.services import result_save

if TYPE_CHECKING:
    from typing import TypeAlias

    from django.test.client import _MonkeyPatchedWSGIResponse

    Page: TypeAlias = _MonkeyPatchedWSGIResponse
else:
    Page = object

CHECK_URL = "/check/"  # the start: forgets carried answers, redirects to the first screen
SAVE_URL = "/check/save/"
RESULT_URL = "/check/result/"


def step_url(step_id: str) -> str:
    return f"/check/{step_id}/"


def knee_origin_answers(**overrides: Any) -> dict[str, Any]:
    """Hanako, 70: the knee hurt first, the back followed half a year later (as the form posts)."""
    return as_form(HANAKO) | overrides


def back_origin_answers(**overrides: Any) -> dict[str, Any]:
    """Taro, 50, desk worker: the back hurt first, with heaviness into the thigh."""
    return (
        knee_origin_answers(
            age="50",
            sex="male",
            desk_work="yes",
            knee_side="left",
            knee_pain="3",
            knee_duration="3m_6m",
            knee_activities=["standing_up"],
            knee_stiffness_min="0",
            knee_crepitus="no",
            back_pain="6",
            back_duration="over_1y",
            back_leg_symptoms="thigh",
            back_worse_sitting="yes",
            knee_pain_after_sitting="yes",
            back_after_walking="no",
            morning_both_ease="no",
            first="back",
            gap_months="8",
            weight_change="stable",
            legs_feel_weak="no",
        )
        | overrides
    )


def emergency_answers(**overrides: Any) -> dict[str, Any]:
    """Someone with new bladder trouble: cauda equina signs."""
    return knee_origin_answers(urgent_signs=["bladder_bowel"]) | overrides


def body(response: Page) -> bytes:
    """The bytes of a response, also for files served as a stream (static files)."""
    if response.streaming:
        chunks: Iterable[bytes] = getattr(response, "streaming_content")  # noqa: B009
        return b"".join(chunks)
    return response.content


def state_of(response: Page) -> str:
    """The signed answers: in the result page's save form, else in the browser's cookie."""
    match = re.search(r'name="state" value="([^"]+)"', response.content.decode())
    if match:
        return html.unescape(match.group(1))
    cookie = response.client.cookies.get(STATE_COOKIE)
    assert cookie is not None and cookie.value, "no carried state"
    return str(cookie.value)


def current_step(response: Page) -> str:
    match = re.search(r'data-step="([a-z_]+)"', response.content.decode())
    assert match, "not a question page"
    return match.group(1)


def step_data(step_id: str, raw: dict[str, Any]) -> dict[str, Any]:
    return {
        q.id: raw[q.id]
        for q in care_questions.question_set().step(step_id).questions
        if q.id in raw
    }


def post_step(client: Client, page: Page, raw: dict[str, Any], action: str = "next") -> Page:
    """Answer the screen `page` shows with the values from `raw`, press a button and follow the
    redirect to the page it leads to, as a browser does."""
    step_id = current_step(page)
    data = step_data(step_id, raw) | {"action": action}
    return client.post(step_url(step_id), data, follow=True)


def start(client: Client) -> Page:
    """Open the self-check: its first screen."""
    return client.get(CHECK_URL, follow=True)


def complete(client: Client, raw: dict[str, Any], *, limit: int = 20) -> Page:
    """Fill in every screen; returns the result page."""
    page = start(client)
    for _ in range(limit):
        page = post_step(client, page, raw)
        assert page.status_code == 200
        if b'id="result"' in page.content:
            return page
        assert b'class="error-summary"' not in page.content, page.content.decode()
    raise AssertionError("the self-check never ended")


def saved_result(**overrides: Any) -> SavedResult:
    """A result saved with consent, as the save button makes it; `link_token` holds the link."""
    raw = knee_origin_answers(**overrides)
    return result_save(answers=parse_answers(raw), lang="ja", consent_version=CONSENT_VERSION)
