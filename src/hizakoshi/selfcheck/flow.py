"""The multi-step self-check without server-side storage.

The answers so far travel with the person, in a signed, compressed cookie (django.core.signing)
that the server never stores: nothing about a person's health is kept before consent (APPI), and
nothing can be tampered with on the way because the signature is checked. Every screen is a GET
URL (/check/<step>/) and every form posts, stores the answers in the cookie and redirects (Post/
Redirect/Get), so the browser's back and forward buttons move between screens with the answers
kept and never ask to resend a form. The answers never appear in a URL. The cookie is HttpOnly,
SameSite=Lax, Secure over HTTPS, limited to /check/ and to SELFCHECK_STATE_MAX_AGE, and cleared
when the person starts again, saves the result or deletes a saved one.
Which steps are shown follows the questions' `shown_if`; a step whose questions are all hidden is
skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

from hizakoshi.care.content import red_flags
from hizakoshi.care.model import URGENCY_ORDER, Triage, Urgency
from hizakoshi.care.questions import (
    InvalidAnswers,
    Question,
    Step,
    clean_answers,
    is_shown,
    parse_answers,
    prune_hidden,
    question_set,
)
from hizakoshi.care.triage import STOP_EARLY, triage

STATE_SALT = "hizakoshi.selfcheck.state"
STATE_VERSION = 1
RESULT = "result"  # the pseudo-step after the last question
STATE_COOKIE = "hizakoshi_check"
STATE_COOKIE_PATH = "/check/"
# Browsers keep about 4096 bytes per cookie; real answers take well under a third of this.
MAX_STATE_CHARS = 3500

RawAnswers = dict[str, Any]  # question id -> str (choice, number as typed) or list[str] (multi)


class BadState(Exception):
    """The carried answers are missing, tampered with, from an old version, or too old."""


@dataclass
class FlowState:
    step: str
    answers: RawAnswers = field(default_factory=dict)
    # The screen (or RESULT, for the consent tick) whose mistakes to show: set when a form was
    # sent with a mistake, so that the page the browser is sent to can show it.
    errors_on: str = ""

    def dump(self) -> str:
        payload: dict[str, Any] = {"v": STATE_VERSION, "step": self.step, "answers": self.answers}
        if self.errors_on:
            payload["errors_on"] = self.errors_on
        return signing.dumps(payload, salt=STATE_SALT, compress=True)

    @classmethod
    def load(cls, token: str | None) -> FlowState:
        if not token:
            raise BadState("no state")
        try:
            payload = signing.loads(
                token, salt=STATE_SALT, max_age=settings.SELFCHECK_STATE_MAX_AGE
            )
        except signing.BadSignature as exc:  # includes SignatureExpired
            raise BadState(str(exc)) from None
        if not isinstance(payload, dict) or payload.get("v") != STATE_VERSION:
            raise BadState("unknown state version")
        step, answers = payload.get("step"), payload.get("answers")
        if not isinstance(answers, dict) or not (step == RESULT or step in step_ids()):
            raise BadState("malformed state")
        errors_on = payload.get("errors_on", "")
        if not isinstance(errors_on, str):
            raise BadState("malformed state")
        return cls(step=step, answers=answers, errors_on=errors_on)


def state_from(request: HttpRequest) -> FlowState | None:
    """The answers carried in the person's cookie; None when there is none (a fresh start, or
    the browser dropped it after its max-age). BadState when it is tampered with or too old."""
    token = request.COOKIES.get(STATE_COOKIE)
    return FlowState.load(token) if token else None


def state_keep(response: HttpResponse, state: FlowState) -> None:
    token = state.dump()
    if len(token) > MAX_STATE_CHARS:
        raise BadState("state too large")
    response.set_cookie(
        STATE_COOKIE,
        token,
        max_age=settings.SELFCHECK_STATE_MAX_AGE,
        path=STATE_COOKIE_PATH,
        secure=settings.HTTPS,
        httponly=True,
        samesite="Lax",
    )


def state_forget(response: HttpResponse) -> None:
    response.delete_cookie(STATE_COOKIE, path=STATE_COOKIE_PATH, samesite="Lax")


def step_ids() -> list[str]:
    return [s.id for s in question_set().steps]


def first_step() -> Step:
    return question_set().steps[0]


def cleaned(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Cleaned values of every question (invalid ones as None), for shown_if decisions."""
    values, _errors = clean_answers(raw)
    return values


def is_step_shown(step: Step, raw: Mapping[str, Any]) -> bool:
    values = cleaned(raw)
    return any(is_shown(q, values) for q in step.questions)


def visible_steps(raw: Mapping[str, Any]) -> list[Step]:
    values = cleaned(raw)
    return [s for s in question_set().steps if any(is_shown(q, values) for q in s.questions)]


def next_step(current: Step, raw: Mapping[str, Any]) -> Step | None:
    steps = question_set().steps
    index = steps.index(current)
    return next((s for s in steps[index + 1 :] if is_step_shown(s, raw)), None)


def previous_step(current: Step, raw: Mapping[str, Any]) -> Step | None:
    steps = question_set().steps
    index = steps.index(current)
    return next((s for s in reversed(steps[:index]) if is_step_shown(s, raw)), None)


def progress(current: Step, raw: Mapping[str, Any]) -> tuple[int, int]:
    """(position, total) among the steps that apply, e.g. (3, 11)."""
    steps = visible_steps(raw)
    if current not in steps:
        steps = [s for s in question_set().steps if s in steps or s == current]
    return steps.index(current) + 1, len(steps)


@dataclass(frozen=True)
class ShownQuestion:
    question: Question
    # For a question that depends on an answer on the same screen: without JavaScript it is shown
    # anyway, with a note saying when to answer it.
    only_if: tuple[Question, tuple[str, ...]] | None = None


def questions_on(step: Step, raw: Mapping[str, Any]) -> list[ShownQuestion]:
    here = {q.id for q in step.questions}
    values = cleaned(raw)
    shown: list[ShownQuestion] = []
    for q in step.questions:
        same_screen = [k for k in (q.shown_if or {}) if k in here]
        if same_screen:
            controller = step.questions[[x.id for x in step.questions].index(same_screen[0])]
            assert q.shown_if is not None
            shown.append(ShownQuestion(q, (controller, q.shown_if[same_screen[0]])))
        elif is_shown(q, values):
            shown.append(ShownQuestion(q))
    return shown


def step_with_first_error(errors: Mapping[str, object]) -> Step:
    for step in question_set().steps:
        if any(q.id in errors for q in step.questions):
            return step
    return first_step()


def stop_early_triage(
    raw: Mapping[str, Any], upto: Step | None = None, *, including: bool = False
) -> Triage | None:
    """The core's triage of the answers so far, when it says to stop the questions and get
    care now (emergency or same day), else None.

    With `upto`, only the answers on the screens before it count (and on it too, `including`):
    the banner on a following screen speaks of what was already answered. The core decides:
    `parse_answers` accepts incomplete answers only when they raise such a sign
    (care.questions._stopped_early).
    """
    if upto is not None:
        steps = question_set().steps
        end = steps.index(upto) + (1 if including else 0)
        earlier = {q.id for s in steps[:end] for q in s.questions}
        raw = {k: v for k, v in raw.items() if k in earlier}
    try:
        answers = parse_answers(prune_hidden(raw))
    except (InvalidAnswers, ValueError):  # ValueError: answers the model cannot hold
        return None
    found = triage(answers)
    return found if found.urgency in STOP_EARLY else None


def stop_options() -> dict[tuple[str, str], Urgency]:
    """(question id, answer) -> urgency, for every single answer that alone asks to stop the
    questions (an emergency or same-day red-flag rule on one answer). The screen marks these
    options so that the stop button can appear as soon as one is ticked."""
    marked: dict[tuple[str, str], Urgency] = {}
    for rule in red_flags().rules:
        if rule.derived is not None or rule.question is None or rule.urgency not in STOP_EARLY:
            continue
        key = (rule.question, str(rule.value))
        if key not in marked or URGENCY_ORDER.index(rule.urgency) < URGENCY_ORDER.index(
            marked[key]
        ):
            marked[key] = rule.urgency
    return marked
