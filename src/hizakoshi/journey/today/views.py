"""Today: the one page a person opens each day."""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import review_week_end
from hizakoshi.journey.escalations.services import escalations_review
from hizakoshi.journey.join.services import WELCOME
from hizakoshi.journey.me.selectors import local_today
from hizakoshi.journey.plan.selectors import journey_start_day
from hizakoshi.journey.review.services import plan_review_week
from hizakoshi.journey.today.presenters import today_context
from hizakoshi.site.access import person_for
from hizakoshi.site.language import current_lang

REVIEWED_KEY = "journey.daily.reviewed_week_end"


ESCALATIONS_KEY = "journey.daily.escalations_reviewed_on"


log = logging.getLogger(__name__)


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
    person = person_for(actor=request.user)
    _review_lazily(request, person)
    _escalations_lazily(request, person)
    context = today_context(person=person, day=local_today(), lang=current_lang())
    context["saved"] = request.GET.get("saved", "")
    context["welcome"] = request.session.pop(WELCOME, "")  # once, after sign-up
    return render(request, "journey/daily/today.html", context)
