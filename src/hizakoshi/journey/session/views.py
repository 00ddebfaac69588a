"""The guided session: GET shows today's exercises (one per screen with session.js, all on one
page without it), POST keeps what was done. The POST is idempotent on the page's client_id,
so the phone may send a finished session again after the connection dropped."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import Dose
from hizakoshi.care.model import Lang
from hizakoshi.journey.me.selectors import local_today
from hizakoshi.journey.models import PlanItem
from hizakoshi.journey.pause.selectors import self_care_paused_now
from hizakoshi.journey.plan.selectors import assessment_latest
from hizakoshi.journey.session.forms import MSG_SESSION_BROKEN, SessionForm, Slot, slots_from_post
from hizakoshi.journey.session.presenters import exercise_view, plan_cautions
from hizakoshi.journey.session.selectors import dose_of, session_for_day
from hizakoshi.journey.session.services import session_record
from hizakoshi.site.access import need_of, person_for
from hizakoshi.site.language import current_lang


def _labels() -> dict[str, str]:
    # Words session.js shows or speaks; {r} {R} {s} {S} {n} {d} {x} {y} are filled in by it.
    return {
        "start": _("Start"),
        "pause": _("Pause"),
        "resume": _("Carry on"),
        "again": _("Next one"),
        "allDone": _("All done"),
        "didAll": _("I did them all"),
        "skip": _("This hurts — skip"),
        "skipped": _("Skipped: {x} (reason: {y})"),
        "change": _("Change the reason"),
        "why": _("Why are you skipping it?"),
        "next": _("Next exercise"),
        "voice": _("Count out loud (Japanese voice)"),
        "count": _("{d}{r} of {R} · set {s} of {S}"),
        "hold": pgettext("session", "Hold"),
        "rest": pgettext("session", "Rest"),
        "setRest": _("Rest before the next set"),
        "switch": _("Now the other side: the left"),
        "right": pgettext("session", "Right "),
        "left": pgettext("session", "Left "),
        "secondsLeft": _("{n} seconds left"),
        "paused": _("Paused"),
        "done": _("{n} done"),
        "sent": _("Saved."),
        "queued": _("Kept on this phone. It will be sent when you are online again."),
    }


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _page(
    request: HttpRequest, person: User, form: SessionForm, lang: Lang, error: str = ""
) -> HttpResponse:
    cautions = plan_cautions(assessment_latest(person=person), lang)
    exercises = [
        exercise_view(slot, lang, cautions.get(slot.exercise_id)) | {"n": i}
        for i, slot in enumerate(form.slots)
    ]
    for view in exercises:
        i = view["n"]
        view["reps_field"] = form[f"reps_{i}"]
        view["sets_field"] = form[f"sets_{i}"]
        view["skip_field"] = form[f"skip_{i}"]
        view["skipped_field"] = form[f"skipped_{i}"]
        view["per_side"] = form.slots[i].dose.per_side
    context: dict[str, Any] = {
        "form": form,
        "exercises": exercises,
        "total": len(exercises),
        "minutes": sum(v["minutes"] for v in exercises),
        "labels": _labels(),
        "error": error,
    }
    return render(request, "journey/daily/session.html", context)


def _today_slots(person: User) -> list[Slot]:
    pick = session_for_day(person=person, day=local_today())
    return [Slot(i.exercise_id, i.level, dose_of(i)) for i in pick.items]


def _fresh_form(slots: list[Slot]) -> SessionForm:
    initial = {"client_id": str(uuid.uuid4()), "started_at": timezone.now().isoformat()}
    return SessionForm(initial=initial, slots=slots)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def session(request: HttpRequest) -> HttpResponse:
    person = person_for(actor=request.user, need=need_of(request))
    lang = current_lang()
    if request.method == "GET":
        return _start(request, person, lang)
    plan: dict[str, Dose] = {
        item.exercise_id: dose_of(item)
        for item in PlanItem.objects.filter(person=person, active=True)
    }
    slots = slots_from_post(request.POST, plan)
    if slots is None:
        if _wants_json(request):
            errors = {"__all__": [{"message": str(MSG_SESSION_BROKEN), "code": "broken"}]}
            return JsonResponse({"ok": False, "errors": errors}, status=400)
        return _start(request, person, lang, error=str(MSG_SESSION_BROKEN))
    form = SessionForm(request.POST, slots=slots)
    if not form.is_valid():
        if _wants_json(request):
            return JsonResponse({"ok": False, "errors": form.errors.get_json_data()}, status=400)
        return _page(request, person, form, lang)
    now = timezone.now()
    data = form.cleaned_data
    _session, created = session_record(
        person=person,
        client_id=data["client_id"],
        started_at=form.started(now),
        finished_at=form.finished(now),
        pain_during=data["pain_during"],
        feeling=data.get("feeling") or "",
        items=form.items(),
    )
    done = reverse("journey:today") + "?saved=session"
    if _wants_json(request):
        return JsonResponse({"ok": True, "created": created, "next": done})
    response = HttpResponse(status=303)
    response["Location"] = done
    return response


def _start(request: HttpRequest, person: User, lang: Lang, error: str = "") -> HttpResponse:
    """Today's session, or a page saying why there is none (no plan yet, or paused)."""
    assessment = assessment_latest(person=person)
    paused = self_care_paused_now(person=person, today=local_today())
    slots = [] if paused else _today_slots(person)
    if not slots:
        context = {"assessment": assessment, "paused": paused, "error": error}
        return render(request, "journey/daily/session_none.html", context)
    return _page(request, person, _fresh_form(slots), lang, error=error)
