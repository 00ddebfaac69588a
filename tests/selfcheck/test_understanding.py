"""The "how your pains may be linked" card: why we think so, what points elsewhere, and an honest
one-pain result. Renders the card alone from the engine's stored JSON (no database)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from answers import ANSWERS
from hizakoshi.care.assess import assess
from hizakoshi.care.model import Assessment, Lang
from hizakoshi.care.questions import parse_answers
from hizakoshi.selfcheck.presenters import result_view

# The pattern as the page shows it: its one line in the summary, then the folded reasons.
CARDS = ("selfcheck/_summary.html", "selfcheck/_understanding.html")
# Knee pain months before the back, and also unsteady (a sign that points elsewhere).
KNEE_FIRST: dict[str, Any] = {"unsteady": "yes", "legs_feel_weak": "no"}
# Knee and back signs in balance, with no known order of onset.
BALANCED: dict[str, Any] = {
    "first": "unknown",
    "gap_months": None,
    "age": 40,
    "knee_stiffness_min": None,
    "morning_both_ease": "no",
    "legs_feel_weak": "no",
    "knee_crepitus": "yes",
    "back_after_walking": "yes",
    "back_leg_symptoms": "thigh",
}


def assessed(**overrides: Any) -> Assessment:
    raw = {k: v for k, v in {**ANSWERS, **overrides}.items() if v is not None}
    return assess(parse_answers(raw))


def card(result: Assessment, lang: Lang) -> str:
    view = result_view(result.model_dump(mode="json"), lang)
    with translation.override(lang):
        return "".join(render_to_string(name, {"a": view}) for name in CARDS)


def test_why_lists_the_supporting_answers_and_the_others_are_shown_apart() -> None:
    result = assessed(**KNEE_FIRST)
    assert result.pattern is not None
    html = card(result, "en")
    why, elsewhere = html.split("What points elsewhere")
    for reason in result.pattern.reasons:
        assert f'data-reason="{reason.id}"' in why
    assert 'data-other-reason="unsteady"' in elsewhere
    assert "data-reason" not in elsewhere
    assert "Why, from your answers" in why


def test_the_japanese_card_labels_the_answers_that_point_elsewhere() -> None:
    html = card(assessed(**KNEE_FIRST), "ja")
    assert "ほかの見方を示す答え" in html
    assert "そう考えた理由" in html


def test_an_undetermined_card_shows_every_answer_as_weighed() -> None:
    result = assessed(**BALANCED)
    assert result.pattern is not None and result.pattern.likelihood == "undetermined"
    html = card(result, "en")
    assert "What we weighed from your answers" in html
    assert "What points elsewhere" not in html
    assert "Why, from your answers" not in html
    assert html.count("data-reason=") == len(result.pattern.reasons) >= 3


def test_a_knee_only_card_says_so_and_shows_no_likelihood_badge() -> None:
    html = card(assessed(knee_pain=5, back_pain=0), "en")
    assert "Where it hurts now" in html
    assert "Only the knee hurts now: this plan is for the knee" in html
    assert "badge" not in html and "data-reason" not in html
    ja = card(assessed(knee_pain=5, back_pain=0), "ja")
    assert "今痛むのは膝だけです" in ja


def test_a_back_only_card_says_so() -> None:
    html = card(assessed(knee_pain=0, back_pain=5), "en")
    assert "Only the low back hurts now: this plan is for the back" in html
    assert "knee → back" not in html and "back → knee" not in html


def test_a_paused_result_has_no_pattern_card() -> None:
    result = assessed(urgent_signs=["bladder_bowel"])
    assert result.pattern is None
    html = render_to_string(CARDS[1], {"a": {"pattern": None, "priority": None}})
    assert "pattern-title" not in html
