"""Self-check pages: landing, the step-by-step form, the result, saving and deleting.

Nothing here writes to the database except `save` (after the consent tick) and `delete`.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from hizakoshi.care import assess
from hizakoshi.care.content import content_hash
from hizakoshi.care.model import LANGS, Answers, Lang
from hizakoshi.care.questions import InvalidAnswers, Step, parse_answers, prune_hidden
from hizakoshi.care.questions import question_set as questions
from hizakoshi.care.triage import STOP_EARLY
from hizakoshi.selfcheck import consent as consent_text
from hizakoshi.selfcheck.flow import (
    RESULT,
    BadState,
    FlowState,
    first_step,
    next_step,
    previous_step,
    progress,
    step_with_first_error,
    stop_early_triage,
)
from hizakoshi.selfcheck.forms import ConsentForm, StepForm
from hizakoshi.selfcheck.language import current_lang, parse_lang, switch_language
from hizakoshi.selfcheck.presenters import result_view
from hizakoshi.selfcheck.selectors import result_get, result_is_live
from hizakoshi.selfcheck.services import result_delete, result_save
from hizakoshi.selfcheck.tokens import token_hash

# A saved result never changes, so its rendered page is kept for a while (in this process's
# memory). The link is still checked against the database on every request, so a deleted or
# expired result is never shown from the cache.
SAVED_PAGE_SECONDS = 600
CSRF_PLACEHOLDER = "__csrf_token_placeholder__"


@require_safe
def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "selfcheck/landing.html", {"step_count": len(questions().steps)})


@never_cache
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    """One URL for every screen: the screen to show next depends on the carried answers."""
    lang = current_lang()
    if request.method == "GET":
        return _step_page(request, StepForm(first_step(), {}, lang))
    try:
        state = FlowState.load(request.POST.get("state"))
    except BadState:
        return render(request, "selfcheck/restart.html", status=400)
    action = request.POST.get("action", "next")
    switch_to = parse_lang(action.removeprefix("lang:")) if action.startswith("lang:") else None
    if switch_to:
        translation.activate(switch_to)
        lang = switch_to
    if state.step == RESULT:
        response = _finish(request, state.answers, lang)
    else:
        response = _advance(request, questions().step(state.step), state, action, lang)
    return switch_language(response, switch_to) if switch_to else response


def _advance(
    request: HttpRequest, step: Step, state: FlowState, action: str, lang: Lang
) -> HttpResponse:
    form = StepForm(step, state.answers, lang, request.POST)
    if action.startswith("lang:"):
        return _step_page(request, form)
    if action == "back":
        back_to = previous_step(step, form.raw) or step
        return _step_page(request, StepForm(back_to, form.raw, lang))
    if action == "stop" and stop_early_triage(form.raw) is not None:
        # Stop at once: a sign that needs care today or sooner makes the rest optional. The
        # core accepts these incomplete answers (a wrong answer is still an error there).
        return _finish(request, form.raw, lang)
    if not form.is_valid():
        return _step_page(request, form)
    following = next_step(step, form.raw)
    if following is None:
        return _finish(request, form.raw, lang)
    return _step_page(request, StepForm(following, form.raw, lang))


def _finish(request: HttpRequest, raw: dict[str, Any], lang: Lang) -> HttpResponse:
    try:
        answers = parse_answers(prune_hidden(raw))
    except InvalidAnswers as problem:
        # Only reachable with answers carried from an older question set: go to the first
        # screen that needs attention instead of failing.
        step_form = StepForm(step_with_first_error(problem.errors), raw, lang)
        step_form.is_valid()
        return _step_page(request, step_form)
    state = FlowState(RESULT, prune_hidden(raw)).dump()
    return _result_page(request, answers, ConsentForm(initial={"state": state}, lang=lang))


def _step_page(request: HttpRequest, form: StepForm) -> HttpResponse:
    position, total = progress(form.step, form.raw)
    context = {
        "form": form,
        "fields": form.fields(),
        "errors": form.error_summary(),
        "title": form.step.title.get(form.lang),
        "intro": form.step.intro.get(form.lang) if form.step.intro else "",
        "position": position,
        "total": total,
        "state": FlowState(form.step.id, form.raw).dump(),
    }
    context.update(_stop_context(form))
    return render(request, "selfcheck/step.html", context)


URGENT_FIRST = {"emergency": 0, "same_day": 1}


def _stop_context(form: StepForm) -> dict[str, Any]:
    """The "stop now" banner (signs on earlier screens) and the button on this screen (signs
    ticked here: shown by the server after a reload, by steps.js as soon as one is ticked)."""
    before = stop_early_triage(form.raw, form.step)
    here = stop_early_triage(form.raw, form.step, including=True)
    before_level = before.urgency.value if before else ""
    here_level = here.urgency.value if here else ""
    fields = form.fields()
    stop_after = next((f.id for f in reversed(fields) if f.can_stop), "")
    if here_level and not stop_after:
        stop_after = fields[-1].id if fields else ""
    higher_here = bool(here_level) and (
        not before_level or URGENT_FIRST[here_level] < URGENT_FIRST[before_level]
    )
    return {
        "stop_before": before_level,
        "stop_signs": [hit.sign.get(form.lang) for hit in before.hits if hit.urgency in STOP_EARLY]
        if before
        else [],
        "stop_here": here_level if higher_here else "",
        "stop_after": stop_after,
    }


def _result_page(request: HttpRequest, answers: Answers, form: ConsentForm) -> HttpResponse:
    assessment = assess(answers).model_dump(mode="json")
    context = {
        "a": result_view(assessment, form.lang),
        "consent_form": form,
        "consent_title": consent_text.CONSENT_TITLE.get(form.lang),
        "consent_points": [p.get(form.lang) for p in consent_text.CONSENT_POINTS],
        "consent_label": consent_text.CONSENT_LABEL.get(form.lang),
    }
    return render(request, "selfcheck/result.html", context)


@never_cache
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    lang = current_lang()
    form = ConsentForm(request.POST, lang=lang)
    try:
        state = FlowState.load(request.POST.get("state"))
        answers = parse_answers(prune_hidden(state.answers))
    except (BadState, InvalidAnswers):
        return render(request, "selfcheck/restart.html", status=400)
    if state.step != RESULT:
        return render(request, "selfcheck/restart.html", status=400)
    if not form.is_valid():
        return _result_page(request, answers, form)
    saved = result_save(answers=answers, lang=lang, consent_version=consent_text.CONSENT_VERSION)
    return redirect("selfcheck:saved", token=saved.link_token)


@never_cache
@require_safe
def saved(request: HttpRequest, token: str) -> HttpResponse:
    lang = current_lang()
    key = _saved_page_key(token_hash(token), lang, request.get_host())
    page: str | None = cache.get(key)
    if page is None or not result_is_live(token=token):
        result = result_get(token=token)
        if result is None:
            raise Http404
        context = {
            "a": result_view(result.assessment, lang),
            "result": result,
            "link": request.build_absolute_uri(),
            "token": token,
            "csrf_token": CSRF_PLACEHOLDER,
        }
        page = render_to_string("selfcheck/saved.html", context, request=request)
        cache.set(key, page, SAVED_PAGE_SECONDS)
    # The only per-visitor part of the page is the CSRF token of the language form.
    return HttpResponse(page.replace(CSRF_PLACEHOLDER, get_token(request)))


def _saved_page_key(link_hash: str, lang: Lang, host: str) -> str:
    # The exercise steps and drawings come from the current content, hence its hash in the key.
    return f"saved-page:{link_hash}:{lang}:{host}:{content_hash()[:16]}"


@never_cache
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, token: str) -> HttpResponse:
    result = result_get(token=token)
    if result is None:
        raise Http404
    if request.method == "POST":
        host = request.get_host()
        cache.delete_many([_saved_page_key(result.token_hash, lang, host) for lang in LANGS])
        result_delete(result=result, now=timezone.now())
        return redirect("selfcheck:deleted")
    return render(request, "selfcheck/delete.html", {"result": result, "token": token})


@require_safe
def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "selfcheck/deleted.html")
