"""URLs for bench_server.py only: the site's own, plus two views production never carries.

/__bench__/bare/ does nothing, so the cost of the self-check can be told apart from Django's and
the middleware's. /__bench__/floor/ takes the result page's answers cookie and does everything the
computed result page does except render it: check the signed answers, validate them, assess,
and sign them again for the consent form. No page built from those answers can cost less."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from hizakoshi.care import assess
from hizakoshi.care.questions import parse_answers, prune_hidden
from hizakoshi.selfcheck.flow import RESULT, FlowState, state_from
from hizakoshi.site.urls import urlpatterns as site_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def floor(request: HttpRequest) -> HttpResponse:
    state = state_from(request)
    if state is None:
        return HttpResponse("no answers carried", status=400)
    raw = prune_hidden(state.answers)
    answers = parse_answers(raw)
    assessment = assess(answers).model_dump(mode="json")
    FlowState(RESULT, raw).dump()
    return HttpResponse(f"assessed: {assessment['triage']['urgency']}", content_type="text/plain")


urlpatterns = [
    path("__bench__/bare/", bare),
    path("__bench__/floor/", floor),
    *site_urlpatterns,
]
