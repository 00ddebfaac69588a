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
from django.utils import timezone
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
    is_step_shown,
    next_step,
    previous_step,
    progress,
    state_forget,
    state_from,
    state_keep,
    step_ids,
    step_with_first_error,
    stop_early_triage,
)
from hizakoshi.selfcheck.forms import ConsentForm, StepForm
from hizakoshi.selfcheck.presenters import result_view
from hizakoshi.selfcheck.selectors import result_get, result_is_live
from hizakoshi.selfcheck.services import result_delete, result_save
from hizakoshi.site.language import current_lang, parse_lang, switch_language
from hizakoshi.site.tokens import token_hash

# A saved result never changes, so its rendered page is kept for a while (in this process's
# memory). The link is still checked against the database on every request, so a deleted or
# expired result is never shown from the cache.
SAVED_PAGE_SECONDS = 600
CSRF_PLACEHOLDER = "__csrf_token_placeholder__"


@require_safe
def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "selfcheck/landing.html", {"step_count": len(questions().steps)})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    """The start of the self-check: forget any answers carried from before, go to screen 1."""
    if request.method == "POST":
        # A screen from before each screen had its own address (open during an update).
        return _restart(request)
    response = redirect("selfcheck:step", step_id=first_step().id)
    state_forget(response)
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def step(request: HttpRequest, step_id: str) -> HttpResponse:
    """One screen. GET shows it with the carried answers; POST stores this screen's answers in
    the cookie and redirects to the screen to show next (so back and forward never resend)."""
    if step_id not in step_ids():
        raise Http404
    try:
        state = state_from(request)
    except BadState:
        return _restart(request)
    here = questions().step(step_id)
    lang = current_lang()
    if request.method != "POST":
        return _show_step(request, here, state, lang)
    raw = state.answers if state else {}
    action = request.POST.get("action", "next")
    switch_to = parse_lang(action.removeprefix("lang:")) if action.startswith("lang:") else None
    form = StepForm(here, raw, lang, request.POST)
    target, errors_on = _where_next(here, form, action, switch_to is not None)
    response = _go_carrying(request, FlowState(target, form.raw, errors_on=errors_on))
    return switch_language(response, switch_to) if switch_to else response


def _where_next(here: Step, form: StepForm, action: str, switching: bool) -> tuple[str, str]:
    """(the screen to go to, the screen whose mistakes to show there or "")."""
    if switching:
        return here.id, ""
    if action == "back":
        return (previous_step(here, form.raw) or here).id, ""
    if action == "stop" and stop_early_triage(form.raw) is not None:
        # Stop at once: a sign that needs care today or sooner makes the rest optional. The
        # core accepts these incomplete answers (a wrong answer is still an error there).
        return RESULT, ""
    if not form.is_valid():
        return here.id, here.id
    following = next_step(here, form.raw)
    return (following.id if following else RESULT), ""


def _go(target: str) -> HttpResponse:
    if target == RESULT:
        return redirect("selfcheck:result")
    return redirect("selfcheck:step", step_id=target)


def _go_carrying(request: HttpRequest, state: FlowState) -> HttpResponse:
    """Redirect to the page for `state.step`, with the answers in the cookie."""
    response = _go(state.step)
    try:
        state_keep(response, state)
    except BadState:  # more than a cookie can hold: no real answers come near it
        return _restart(request)
    return response


def _show_step(
    request: HttpRequest, here: Step, state: FlowState | None, lang: Lang
) -> HttpResponse:
    if state is None and here != first_step():
        # Nothing carried (a new visit, or answers cleared on a shared device): from the start.
        return _go(first_step().id)
    raw = state.answers if state else {}
    if not is_step_shown(here, raw):
        # A screen that no longer applies (an earlier answer changed): the next one that does.
        following = next_step(here, raw)
        return _go(following.id if following else RESULT)
    form = StepForm(here, raw, lang)
    if state is not None and state.errors_on == here.id:
        form.is_valid()
    return _step_page(request, form)


@never_cache
@require_safe
def result(request: HttpRequest) -> HttpResponse:
    try:
        state = state_from(request)
    except BadState:
        return _restart(request)
    if state is None:
        return _go(first_step().id)
    raw = prune_hidden(state.answers)
    try:
        answers = parse_answers(raw)
    except InvalidAnswers as problem:
        # Not every screen answered yet (or answers carried from an older question set): the
        # first screen that needs attention, with its mistakes shown.
        needs = step_with_first_error(problem.errors).id
        return _go_carrying(request, FlowState(needs, state.answers, errors_on=needs))
    carried = FlowState(RESULT, raw).dump()
    if state.errors_on == RESULT:  # "save" was pressed without the consent tick
        form = ConsentForm({"state": carried}, lang=current_lang())
        form.is_valid()
    else:
        form = ConsentForm(initial={"state": carried}, lang=current_lang())
    return _result_page(request, answers, form)


def _restart(request: HttpRequest) -> HttpResponse:
    """Tampered with, too old or too large: say so, and forget what the browser carried."""
    response = render(request, "selfcheck/restart.html", status=400)
    state_forget(response)
    return response


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
        return _restart(request)
    if state.step != RESULT:
        return _restart(request)
    if not form.is_valid():
        # Back to the result page (a GET, so back and forward never resend), showing the mistake.
        return _go_carrying(request, FlowState(RESULT, state.answers, errors_on=RESULT))
    saved = result_save(answers=answers, lang=lang, consent_version=consent_text.CONSENT_VERSION)
    response = redirect("selfcheck:saved", token=saved.link_token)
    state_forget(response)  # stored now, with consent: the browser need not carry it any more
    return response


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
        response = redirect("selfcheck:deleted")
        state_forget(response)
        return response
    return render(request, "selfcheck/delete.html", {"result": result, "token": token})


@require_safe
def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "selfcheck/deleted.html")
