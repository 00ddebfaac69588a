"""The clinic's plan page for one linked person: GET shows the plan and the forms; each POST
(`action`: add, remove, dose, walking, note) passes the access door with need WRITE and makes
its change in the same transaction, so the change and its audit row are kept together. Only
roles allowed to write (clinic/roles.py) get past the door; anyone else gets a 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import Membership
from hizakoshi.clinic.plan import services
from hizakoshi.clinic.plan.forms import AddForm, DoseForm, NoteForm, RemoveForm, WalkingForm
from hizakoshi.clinic.plan.presenters import plan_context
from hizakoshi.clinic.plan.selectors import plan_records
from hizakoshi.clinic.staff.guard import staff_area, staff_ip
from hizakoshi.site.access import Need, person_for

TEMPLATE = "clinic/plan/plan.html"
Apply = Callable[[User, Membership, dict[str, Any]], object]

ACTIONS: dict[str, tuple[type[forms.Form], Apply]] = {
    "add": (
        AddForm,
        lambda p, m, d: services.plan_exercise_add(
            person=p, membership=m, exercise_id=d["exercise_id"], dose=d["dose"], note=d["note"]
        ),
    ),
    "remove": (
        RemoveForm,
        lambda p, m, d: services.plan_exercise_remove(
            person=p, membership=m, exercise_id=d["exercise_id"], note=d["note"]
        ),
    ),
    "dose": (
        DoseForm,
        lambda p, m, d: services.plan_dose_set(
            person=p, membership=m, exercise_id=d["exercise_id"], dose=d["dose"], note=d["note"]
        ),
    ),
    "walking": (
        WalkingForm,
        lambda p, m, d: services.plan_walking_set(
            person=p, membership=m, target=d["target"], note=d["note"]
        ),
    ),
    "note": (
        NoteForm,
        lambda p, m, d: services.plan_note_send(person=p, membership=m, note=d["note"]),
    ),
}


def _door(request: HttpRequest, person_id: int, need: Need) -> User:
    return person_for(
        actor=request.user, person_id=person_id, need=need, what="plan", ip=staff_ip(request)
    )


def _page(
    request: HttpRequest, membership: Membership, person: User, bound: forms.Form | None = None
) -> HttpResponse:
    context = plan_context(plan_records(person=person, clinic=membership.clinic), bound)
    context |= {"membership": membership, "person_id": person.pk}
    context["saved"] = request.GET.get("saved", "") if bound is None else ""
    return render(request, TEMPLATE, context, status=200 if bound is None else 400)


@staff_area
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, membership: Membership, person_id: int) -> HttpResponse:
    if request.method != "POST":
        return _page(request, membership, _door(request, person_id, Need.READ))
    action = request.POST.get("action", "")
    form_class, apply = ACTIONS.get(action, (NoteForm, None))
    form = form_class(request.POST)
    with transaction.atomic():
        person = _door(request, person_id, Need.WRITE)
        if apply is None:
            form.is_valid()
            form.add_error(None, _("Choose what to change."))
        elif form.is_valid():
            try:
                apply(person, membership, form.cleaned_data)
            except services.PlanConflict as refused:
                form.add_error(None, str(refused))
    if form.errors:
        return _page(request, membership, person, form)
    url = reverse("clinic:plan", kwargs={"person_id": person.pk})
    return redirect(f"{url}?saved={action}")
