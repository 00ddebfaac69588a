"""The three doors to the self-check (the web form, the JSON API, the `hizakoshi` command) give
the same result for the same answers, because all of them go through `care.assess`.

The page is read through its data attributes (data-urgency, data-exercise, ...), the API and the
command through their JSON.
"""

from __future__ import annotations

import html
import io
import json
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from answers import RULE_TRIGGERS, STOPPED_EARLY, answer_set, triggering
from hizakoshi import cli
from hizakoshi.care.content import red_flags
from hizakoshi.care.model import Lang
from hizakoshi.care.questions import question_set

# The result page names the person's clinic, read from the database (booking, issue 12).
pytestmark = pytest.mark.django_db

# Knee pain first, the back months later; grinding knee, both stiff in the morning.
KNEE_ORIGIN: dict[str, Any] = answer_set(back_duration="over_1y", tried=["exercise", "heat"])

# The back first, numbness into the thigh, worse after sitting, eased by bending forward.
# Height and weight left blank (no BMI), nothing tried yet (the follow-up questions are skipped).
BACK_ORIGIN: dict[str, Any] = {
    k: v for k, v in KNEE_ORIGIN.items() if k not in ("height_cm", "weight_kg")
} | {
    "age": 52,
    "sex": "male",
    "desk_work": "yes",
    "knee_side": "left",
    "knee_pain": 4,
    "knee_duration": "3m_6m",
    "knee_activities": ["standing_up"],
    "knee_stiffness_min": None,
    "knee_crepitus": "no",
    "back_pain": 6,
    "back_leg_symptoms": "thigh",
    "back_worse_sitting": "yes",
    "knee_pain_after_sitting": "yes",
    "back_eases_sitting_forward": "yes",
    "back_after_walking": "no",
    "morning_both_ease": "no",
    "first": "back",
    "gap_months": 8,
    "legs_feel_weak": "no",
    "tried": ["nothing"],
    "selfcare_months": None,
    "selfcare_helped": None,
}

# Both at once, unsteady with a fall, weight gained, a swollen knee, long self-care without help.
CONCURRENT: dict[str, Any] = KNEE_ORIGIN | {
    "age": 74,
    "height_cm": 150,
    "weight_kg": 66,
    "activity": "low",
    "knee_side": "both",
    "knee_swelling": "yes",
    "knee_swelling_onset": "longer",
    "knee_crepitus": "unknown",
    "back_after_walking": "unknown",
    "morning_both_ease": "unknown",
    "first": "same_time",
    "gap_months": None,
    "worse_in_cold": "no",
    "unsteady": "yes",
    "falls_past_year": "yes",
    "weight_change": "gained",
    "selfcare_months": 8,
    "selfcare_helped": "no",
    "daily_life": "severe",
}

# New bladder trouble and saddle numbness: call 119.
EMERGENCY: dict[str, Any] = KNEE_ORIGIN | {"urgent_signs": ["bladder_bowel", "saddle_numbness"]}

# A recent knee injury after which the person cannot take four steps (the Ottawa knee rule);
# the follow-up questions share a screen with the question that opens them.
INJURY: dict[str, Any] = KNEE_ORIGIN | {
    "knee_recent_injury": "yes",
    "knee_injury_when": "earlier",
    "knee_injury_four_steps": "no",
    "knee_injury_bend": "unknown",
    "knee_injury_deformity": "no",
}

# Fever with back pain: a doctor today; self-care is paused.
SAME_DAY: dict[str, Any] = KNEE_ORIGIN | {"other_signs": ["fever_back"]}

# Stopped early: the first two screens only, saddle numbness ticked, then "see what to do now".
STOPPED: dict[str, Any] = STOPPED_EARLY

VIGNETTES: dict[str, tuple[dict[str, Any], str, str | None]] = {
    "knee_origin": (KNEE_ORIGIN, "none", "knee_origin"),
    "back_origin": (BACK_ORIGIN, "none", "back_origin"),
    "concurrent": (CONCURRENT, "soon", "concurrent"),
    "emergency": (EMERGENCY, "emergency", None),
    "injury": (INJURY, "emergency", None),
    "same_day": (SAME_DAY, "same_day", None),
    "stopped_early": (STOPPED, "emergency", None),
}


def answered(vignette: dict[str, Any]) -> dict[str, Any]:
    """The answers as JSON: None means the person left it blank or was not asked."""
    return {k: v for k, v in vignette.items() if v is not None}


@dataclass
class Result:
    """What a door says, reduced to the facts that must agree."""

    urgency: str
    pattern: str | None
    likelihood: str | None
    bmi: float | None
    red_flags: list[str]
    reasons: list[str]
    exercises: list[str]
    thermal: list[str]
    tips: list[str]
    options: list[str]
    texts: list[str] = field(compare=False, default_factory=list)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Result:
        plan = data["plan"] or {"exercises": []}
        pattern = data["pattern"] or {"pattern": None, "likelihood": None, "reasons": []}
        texts = [data["triage"]["headline"], *data["triage"]["for_doctor"], data["disclaimer"]]
        if data["pattern"]:
            texts.append(pattern["summary"])
        return cls(
            urgency=data["triage"]["urgency"],
            pattern=pattern["pattern"],
            likelihood=pattern["likelihood"],
            bmi=data["weight"]["bmi"] if data["weight"] else None,
            red_flags=[hit["id"] for hit in data["triage"]["hits"]],
            reasons=[reason["id"] for reason in pattern["reasons"]],
            exercises=[exercise["id"] for exercise in plan["exercises"]],
            thermal=[f"{t['site']}:{t['choice']}" for t in data["thermal"]],
            tips=[tip["id"] for tip in data["tips"]],
            options=[option["id"] for option in data["referral"]["options"]],
            texts=texts,
        )


# data attribute on the result page -> the Result field it lists, in page order
PAGE_LISTS = {
    "data-redflag": "red_flags",
    "data-reason": "reasons",
    "data-exercise": "exercises",
    "data-thermal": "thermal",
    "data-tip": "tips",
    "data-option": "options",
}


class _PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.root: dict[str, str | None] | None = None
        self.lists: dict[str, list[str]] = {name: [] for name in PAGE_LISTS.values()}
        self.step: str | None = None
        self.action: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if "data-urgency" in found:
            assert self.root is None, "two result roots on one page"
            self.root = found
        for attr, name in PAGE_LISTS.items():
            if found.get(attr):
                self.lists[name].append(str(found[attr]))
        if tag == "form" and found.get("data-step"):
            self.step = found["data-step"]
            self.action = found.get("action")


def read_page(content: str) -> _PageReader:
    reader = _PageReader()
    reader.feed(content)
    reader.close()
    return reader


def result_from_page(content: str) -> Result:
    page = read_page(content)
    assert page.root is not None, "no element with data-urgency on the result page"
    bmi = page.root.get("data-bmi") or ""
    return Result(
        urgency=str(page.root["data-urgency"]),
        pattern=page.root.get("data-pattern") or None,
        likelihood=page.root.get("data-likelihood") or None,
        bmi=float(bmi) if bmi else None,
        **page.lists,
    )


def step_post(step_id: str, answers: dict[str, Any], action: str = "next") -> dict[str, Any]:
    """The form fields a person fills in on one screen, as the browser would send them.
    With action "stop" the person presses "see what to do now" (like "next" until a sign
    that needs care today is given). The answers so far travel in the browser's cookie."""
    data: dict[str, Any] = {"action": action}
    for question in question_set().step(step_id).questions:
        value = answers.get(question.id)
        if value is None:
            continue
        data[question.id] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return data


def through_the_web(
    answers: dict[str, Any], lang: Lang, action: str = "next"
) -> tuple[Result, str]:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = client.get("/check/", follow=True)
    seen: list[str] = []
    for _screen in range(len(question_set().steps) + 1):
        assert response.status_code == 200
        content = response.content.decode()
        page = read_page(content)
        if page.root is not None:
            return result_from_page(content), html.unescape(content)
        assert page.step is not None and page.action, "neither a step form nor a result"
        assert page.step not in seen, f"the form stayed on {page.step!r}: an answer was refused"
        seen.append(page.step)
        response = client.post(page.action, step_post(page.step, answers, action), follow=True)
    raise AssertionError(f"no result after the screens {seen}")


def through_the_api(answers: dict[str, Any], lang: Lang) -> Result:
    response = Client().post(
        f"/api/v1/assessments?lang={lang}", json.dumps(answers), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return Result.from_json(response.json())


def through_the_command(
    answers: dict[str, Any], lang: Lang, capsys: pytest.CaptureFixture[str]
) -> Result:
    stdin = io.TextIOWrapper(io.BytesIO(json.dumps(answers).encode()), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdin", stdin)
        code = cli.main(["assess", "--lang", lang])
    out, err = capsys.readouterr()
    assert code == 0, err
    return Result.from_json(json.loads(out))


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("name", list(VIGNETTES))
def test_the_page_the_api_and_the_command_give_the_same_result(
    name: str, lang: Lang, capsys: pytest.CaptureFixture[str]
) -> None:
    vignette, urgency, pattern = VIGNETTES[name]
    answers = answered(vignette)

    page, page_text = through_the_web(answers, lang, "stop" if name == "stopped_early" else "next")
    api = through_the_api(answers, lang)
    command = through_the_command(answers, lang, capsys)

    assert page == api
    assert command == api
    assert command.texts == api.texts
    for text in api.texts:
        assert text in page_text, f"the page does not show {text!r}"
    # The vignette is the story it claims to be, so the comparison covers each kind of result.
    assert (api.urgency, api.pattern) == (urgency, pattern)


def test_the_vignettes_cover_plans_thermal_advice_and_a_missing_bmi() -> None:
    # Without this, "the same result" could be the same empty lists everywhere.
    results = [through_the_api(answered(v), "en") for v, _u, _p in VIGNETTES.values()]
    paused = ("emergency", "same_day", "within_days")
    assert all(r.exercises and r.thermal and r.tips for r in results if r.urgency not in paused)
    assert all(not (r.exercises or r.thermal or r.tips) for r in results if r.urgency in paused)
    assert any(r.bmi is None for r in results) and any(r.bmi is not None for r in results)
    assert len({tuple(r.thermal) for r in results}) >= 2


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("rule", [r.id for r in red_flags().rules])
def test_every_red_flag_gets_the_same_result_at_every_door(
    rule: str, lang: Lang, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = triggering(rule)

    page, page_text = through_the_web(answers, lang)
    api = through_the_api(answers, lang)
    command = through_the_command(answers, lang, capsys)

    assert rule in api.red_flags
    assert page == api
    assert command == api
    for text in api.texts:
        assert text in page_text, f"the page does not show {text!r}"


def test_every_red_flag_rule_has_triggering_answers() -> None:
    assert set(RULE_TRIGGERS) == {r.id for r in red_flags().rules}
