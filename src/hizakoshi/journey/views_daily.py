"""Today's page (what to do today and what needs attention) and one escalation message.

Opening today's page also runs the weekly review of the plan when a new week has ended since
the last one this login saw; the review itself is idempotent, so running it again (another
device, a second tab) changes nothing twice.
"""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from hizakoshi.accounts.models import User
from hizakoshi.accounts.services import WELCOME
from hizakoshi.journey.models import Escalation
from hizakoshi.journey.presenters_daily import escalation_page, today_context
from hizakoshi.journey.selectors import local_today
from hizakoshi.journey.selectors_daily import journey_start_day, review_week_end
from hizakoshi.journey.services_measures import escalation_mark_seen, escalations_review
from hizakoshi.journey.services_weekly import plan_review_week
from hizakoshi.selfcheck.language import current_lang

REVIEWED_KEY = "journey.daily.reviewed_week_end"
ESCALATIONS_KEY = "journey.daily.escalations_reviewed_on"
log = logging.getLogger(__name__)


def _person(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required ran first
    return user


def _review_lazily(request: HttpRequest, person: User) -> None:
    start = journey_start_day(person=person)
    week_end = None if start is None else review_week_end(start=start, today=local_today())
    key = f"{person.pk}:{week_end}"
    if week_end is None or request.session.get(REVIEWED_KEY) == key:
        return
    try:
        plan_review_week(person=person, week_end=week_end)
    except IntegrityError:
        # Another request reviewed the same week at the same moment; its changes stand.
        log.info("weekly review raced for person %s", person.pk)
        return
    request.session[REVIEWED_KEY] = key


def _escalations_lazily(request: HttpRequest, person: User) -> None:
    # The escalation rules look at whole weeks: once a day is enough (it is idempotent too).
    key = f"{person.pk}:{local_today()}"
    if request.session.get(ESCALATIONS_KEY) == key:
        return
    try:
        escalations_review(person=person, today=local_today())
    except IntegrityError:
        log.info("escalation review raced for person %s", person.pk)
        return
    request.session[ESCALATIONS_KEY] = key


@never_cache
@login_required
@require_safe
def today(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    _review_lazily(request, person)
    _escalations_lazily(request, person)
    context = today_context(person=person, day=local_today(), lang=current_lang())
    context["saved"] = request.GET.get("saved", "")
    context["welcome"] = request.session.pop(WELCOME, "")  # once, after sign-up
    return render(request, "journey/daily/today.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def escalation(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Escalation, pk=pk, person=_person(request))
    if request.method == "POST":
        escalation_mark_seen(person=_person(request), escalation_id=row.pk)
        return redirect("journey:today")
    context = {"e": escalation_page(row, current_lang()), "seen": row.seen_at is not None}
    return render(request, "journey/daily/escalation.html", context)
