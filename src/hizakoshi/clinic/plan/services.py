"""A clinician's changes of a linked person's plan, each with an optional note to the person.

The view calls the access door (need WRITE, what "plan") and one of these inside one
`transaction.atomic()`, so the change and its audit row are committed together. Each takes the
person's plan lock first (journey.plan.services.plan_lock), so clinicians, the weekly review and
a retaken self-check change one person's plan one at a time, and re-reads the plan under it: what
the page showed may have changed since (another clinician, the weekly review). A change that no
longer fits raises PlanConflict with a message for the page; nothing is written then.

Every row a clinician starts has origin "clinician", their account and their display name and role
at the time; the weekly rules and a retaken self-check leave it as it is
(care.journey.planorigin)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hizakoshi.accounts.models import User
from hizakoshi.care.content import exercises
from hizakoshi.care.journey import Dose
from hizakoshi.care.journey import WalkingTarget as WalkingAmount
from hizakoshi.care.model import Text
from hizakoshi.clinic.models import Membership
from hizakoshi.clinic.roles import role_word
from hizakoshi.journey.models import ClinicianNote, PlanItem, PlanOrigin, WalkingTarget
from hizakoshi.journey.notes.services import clinician_note_create
from hizakoshi.journey.plan.selectors import plan_item_for, walking_target_active
from hizakoshi.journey.plan.services import (
    ChangeBy,
    plan_item_add,
    plan_item_change,
    plan_item_end,
    plan_lock,
    walking_target_change,
)
from hizakoshi.journey.session.selectors import dose_of


class PlanConflict(Exception):
    """The plan is not as the page showed it: the message says what to do (the page's language)."""


def staff_label(membership: Membership) -> str:
    """「山田(医師)」: kept on the rows and notes, so it outlives the account and the role."""
    role = role_word(membership.role)
    return f"{membership.display_name}({role})"[:80]


def _by(membership: Membership, now: datetime) -> ChangeBy:
    return ChangeBy(
        PlanOrigin.CLINICIAN, user=membership.user, label=staff_label(membership), at=now
    )


def _note(person: User, membership: Membership, note: str, now: datetime) -> None:
    if note.strip():
        clinician_note_create(
            person=person,
            text=note,
            written_by=membership.user,
            by_label=staff_label(membership),
            clinic_name=membership.clinic.name,
            now=now,
        )


def _active(person: User, exercise_id: str) -> PlanItem:
    item = plan_item_for(person=person, exercise_id=exercise_id)
    if item is None:
        raise PlanConflict(_("This exercise is no longer in the plan. Reload the page."))
    return item


@transaction.atomic
def plan_exercise_add(
    *,
    person: User,
    membership: Membership,
    exercise_id: str,
    dose: Dose,
    note: str = "",
    now: datetime | None = None,
) -> PlanItem:
    now = now or timezone.now()
    plan_lock(person=person)
    if exercise_id not in exercises():
        raise PlanConflict(_("Choose an exercise from the list."))
    if plan_item_for(person=person, exercise_id=exercise_id) is not None:
        raise PlanConflict(_("This exercise is in the plan already: change its amount instead."))
    by = _by(membership, now)
    reason = Text(
        ja=f"{by.label}がプランに加えました。{dose.text().ja}",
        en=f"{by.label} added it to your plan: {dose.text().en}",
    )
    item = plan_item_add(
        person=person,
        exercise_id=exercise_id,
        dose=dose,
        reason=reason,
        on=timezone.localdate(now),
        change=by,
    )
    _note(person, membership, note, now)
    return item


@transaction.atomic
def plan_exercise_remove(
    *,
    person: User,
    membership: Membership,
    exercise_id: str,
    note: str = "",
    now: datetime | None = None,
) -> None:
    """Take the exercise out; a retaken self-check does not bring it back, a clinician may."""
    now = now or timezone.now()
    plan_lock(person=person)
    item = _active(person, exercise_id)
    plan_item_end(item=item, on=timezone.localdate(now), change=_by(membership, now))
    _note(person, membership, note, now)


@transaction.atomic
def plan_dose_set(
    *,
    person: User,
    membership: Membership,
    exercise_id: str,
    dose: Dose,
    note: str = "",
    now: datetime | None = None,
) -> PlanItem:
    """The exercise's level and amount from today on. The same amount again is a change too:
    the clinician takes it over, and the weekly rules leave it from then on."""
    now = now or timezone.now()
    plan_lock(person=person)
    item = _active(person, exercise_id)
    by = _by(membership, now)
    before = dose_of(item)
    reason = Text(
        ja=f"{by.label}が量を決めました。{before.text().ja} → {dose.text().ja}",
        en=f"{by.label} set the amount: {before.text().en} → {dose.text().en}",
    )
    changed = plan_item_change(
        item=item, dose=dose, reason=reason, on=timezone.localdate(now), change=by
    )
    _note(person, membership, note, now)
    return changed


@transaction.atomic
def plan_walking_set(
    *,
    person: User,
    membership: Membership,
    target: WalkingAmount,
    note: str = "",
    now: datetime | None = None,
) -> WalkingTarget:
    now = now or timezone.now()
    plan_lock(person=person)
    current = walking_target_active(person=person)
    on = timezone.localdate(now)
    if current is not None:
        on = max(on, current.started_on)  # a weekly change may start tomorrow
    by = _by(membership, now)
    amount = target.text()
    reason = Text(
        ja=f"{by.label}が歩く目標を決めました。{amount.ja}・週{target.days_per_week}日",
        en=f"{by.label} set your walking target: {amount.en}, {target.days_per_week} days a week",
    )
    changed = walking_target_change(
        person=person,
        target=target,
        reason=reason,
        on=on,
        change=by,
        from_baseline=current is not None and current.from_baseline,
    )
    _note(person, membership, note, now)
    return changed


@transaction.atomic
def plan_note_send(
    *, person: User, membership: Membership, note: str, now: datetime | None = None
) -> ClinicianNote:
    """A note without a change of the plan."""
    now = now or timezone.now()
    return clinician_note_create(
        person=person,
        text=note,
        written_by=membership.user,
        by_label=staff_label(membership),
        clinic_name=membership.clinic.name,
        now=now,
    )
