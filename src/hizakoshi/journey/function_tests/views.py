"""Home function tests: the list, and one page per test.

A physical test is offered only after the safety screen is confirmed in full (someone present,
a non-slip floor, support within reach, no sharp pain or dizziness: the JOA safety wording).
The confirmation travels with the measurement form, so a result is never stored without it.
The result comes from care.functiontests; the page says what the band means, never a diagnosis.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from hizakoshi.accounts.models import User
from hizakoshi.care.functiontests import (
    FunctionTestError,
    chair_stand,
    locomo_stage,
    one_leg_standing,
    steadi_questions,
)
from hizakoshi.journey.function_tests.forms import (
    SAFETY_FIELDS,
    ChairStandForm,
    OneLegForm,
    SafetyForm,
    StandUpForm,
    SteadiForm,
    TwoStepForm,
)
from hizakoshi.journey.function_tests.presenters import locomo_of, result_meaning, stage_words
from hizakoshi.journey.function_tests.selectors import function_tests_latest
from hizakoshi.journey.function_tests.services import function_test_record
from hizakoshi.journey.me.selectors import local_today
from hizakoshi.journey.models import FunctionTest, FunctionTestKind
from hizakoshi.journey.progress.selectors import PersonFacts, person_facts
from hizakoshi.site.access import need_of, person_for
from hizakoshi.site.language import current_lang

Measured = tuple[FunctionTestKind, dict[str, Any], dict[str, Any]]


MSG_NOT_SAVED = _("This result could not be worked out. Please check the numbers.")


def _two_step(form: forms.Form) -> Measured:
    data = form.cleaned_data
    trials = tuple(float(t) for t in (data["trial_1"], data["trial_2"]) if t is not None)
    height = float(data["height_cm"])
    r = locomo_stage(two_step=(trials, height))
    values = {"trials_cm": list(trials), "height_cm": height}
    result = {"stage": r.stage, "value": r.two_step_value, "source": r.source}
    return FunctionTestKind.TWO_STEP, values, result


def _stand_up(form: forms.Form) -> Measured:
    assert isinstance(form, StandUpForm)
    one_leg, both = form.seats()
    r = locomo_stage(stand_up=(one_leg, both))
    values = {"one_leg_lowest_cm": one_leg, "both_legs_lowest_cm": both}
    return FunctionTestKind.STAND_UP, values, {"stage": r.stage, "source": r.source}


def _chair(form: forms.Form) -> Measured:
    data = form.cleaned_data
    r = chair_stand(chair=data["chair"], count=data["count"], age=data["age"], sex=data["sex"])
    kind = (
        FunctionTestKind.CHAIR_STAND_CDC
        if r.chair == "steadi_43cm"
        else FunctionTestKind.CHAIR_STAND_CS30
    )
    values = {"chair": r.chair, "count": r.count, "age": data["age"], "sex": data["sex"]}
    result = {
        "count": r.count,
        "band": r.band,
        "fall_risk": r.fall_risk,
        "reference": list(r.reference or ()),
        "source": r.source,
    }
    return kind, values, result


def _steadi(form: forms.Form) -> Measured:
    assert isinstance(form, SteadiForm)
    answers = form.answers()
    r = steadi_questions(**answers)
    return FunctionTestKind.STEADI, dict(answers), {"at_risk": r.at_risk, "source": r.source}


def _one_leg(form: forms.Form) -> Measured:
    r = one_leg_standing(float(form.cleaned_data["seconds"]))
    result = {
        "seconds": r.seconds,
        "suggest_orthopaedic_check": r.suggest_orthopaedic_check,
        "source": r.source,
    }
    return FunctionTestKind.ONE_LEG, {"seconds": r.seconds}, result


@dataclass(frozen=True)
class TestPage:
    slug: str
    title: Promise
    form: type[forms.Form]
    measure: Callable[[forms.Form], Measured]
    kinds: tuple[FunctionTestKind, ...]
    physical: bool = True


TESTS: dict[str, TestPage] = {
    t.slug: t
    for t in (
        TestPage(
            "two-step", _("Two-step test"), TwoStepForm, _two_step, (FunctionTestKind.TWO_STEP,)
        ),
        TestPage(
            "stand-up", _("Stand-up test"), StandUpForm, _stand_up, (FunctionTestKind.STAND_UP,)
        ),
        TestPage(
            "chair-stand",
            _("30-second chair stand"),
            ChairStandForm,
            _chair,
            (FunctionTestKind.CHAIR_STAND_CDC, FunctionTestKind.CHAIR_STAND_CS30),
        ),
        TestPage(
            "steadi",
            _("Three questions about falls"),
            SteadiForm,
            _steadi,
            (FunctionTestKind.STEADI,),
            physical=False,
        ),
        TestPage(
            "one-leg", _("One-leg standing"), OneLegForm, _one_leg, (FunctionTestKind.ONE_LEG,)
        ),
    )
}


def _latest_of(page: TestPage, latest: dict[str, FunctionTest]) -> FunctionTest | None:
    found = [latest[k] for k in page.kinds if k in latest]
    return max(found, key=lambda t: (t.taken_on, t.pk), default=None)


@never_cache
@login_required
@require_safe
def function_tests(request: HttpRequest) -> HttpResponse:
    latest = function_tests_latest(person=person_for(actor=request.user))
    rows = [(page, _latest_of(page, latest)) for page in TESTS.values()]
    locomo = locomo_of(latest)
    context = {
        "rows": rows,
        "locomo": locomo,
        "locomo_meaning": stage_words(locomo, current_lang()),
    }
    return render(request, "journey/measures/tests.html", context)


def _initial(page: TestPage, facts: PersonFacts) -> dict[str, Any]:
    if page.slug == "two-step" and facts.height_cm is not None:
        return {"height_cm": facts.height_cm}
    if page.slug == "chair-stand":
        return {"age": facts.age, "sex": facts.sex}
    return {}


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def function_test(request: HttpRequest, slug: str) -> HttpResponse:
    page = TESTS.get(slug)
    if page is None:
        raise Http404
    person, today = person_for(actor=request.user, need=need_of(request)), local_today()
    facts = person_facts(person=person, today=today)
    safety = SafetyForm(request.POST if request.method == "POST" else None)
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if page.physical and (step == "" or not safety.is_valid()):
        return _render(request, person, page, safety=safety, refused=step == "safety")
    form = page.form(request.POST if step == "record" else None, initial=_initial(page, facts))
    if step == "record" and form.is_valid():
        try:
            kind, values, result = page.measure(form)
        except FunctionTestError:
            form.add_error(None, MSG_NOT_SAVED)
        else:
            function_test_record(
                person=person, kind=kind, values=values, result=result, taken_on=today
            )
            response = redirect("journey:function_test", slug=page.slug)
            response["Location"] += "#latest"
            return response
    return _render(request, person, page, form=form, safety=safety if page.physical else None)


def _render(request: HttpRequest, person: User, page: TestPage, **context: Any) -> HttpResponse:
    latest = function_tests_latest(person=person)
    shown = _latest_of(page, latest)
    context |= {
        "page": page,
        "latest": shown,
        "meaning": result_meaning(shown, current_lang()),
        "locomo": locomo_of(latest) if page.slug in ("two-step", "stand-up") else None,
        "safety_fields": SAFETY_FIELDS,
        "protocol": f"journey/measures/protocols/{page.slug}.html",
    }
    return render(request, "journey/measures/test.html", context)
