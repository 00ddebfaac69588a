"""URLs for bench_server.py only: the site's own, plus two views production never carries.

/__bench__/bare/ does nothing, so the cost of the self-check can be told apart from Django's and
the middleware's. /__bench__/floor/ takes the last screen's POST and does everything the
computed result page does except render it: check the signed answers, validate them, assess,
and sign them again for the consent form. No page built from those answers can cost less."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from hizakoshi.care import assess
from hizakoshi.care.questions import parse_answers, prune_hidden, question_set
from hizakoshi.selfcheck.flow import RESULT, FlowState, next_step
from hizakoshi.selfcheck.forms import StepForm
from hizakoshi.selfcheck.language import current_lang
from hizakoshi.site.urls import urlpatterns as site_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@require_POST
def floor(request: HttpRequest) -> HttpResponse:
    state = FlowState.load(request.POST.get("state"))
    form = StepForm(question_set().step(state.step), state.answers, current_lang(), request.POST)
    if not form.is_valid() or next_step(form.step, form.raw) is not None:
        return HttpResponse("not the last screen", status=400)
    answers = parse_answers(prune_hidden(form.raw))
    assessment = assess(answers).model_dump(mode="json")
    FlowState(RESULT, prune_hidden(form.raw)).dump()
    return HttpResponse(f"assessed: {assessment['triage']['urgency']}", content_type="text/plain")


urlpatterns = [
    path("__bench__/bare/", bare),
    path("__bench__/floor/", floor),
    *site_urlpatterns,
]
