"""The weekly review of the plan (issue 3 §4): the last week's sessions and diary go into the
core's pain-monitoring rules (care.journey.progression / walking); a step up or back is stored
as a new plan row with its reason, through plan_item_change / walking_target_change.

A row a clinician set is left as it is (care.journey.planorigin: neither stepped up nor back
until a clinician changes it again); a warning sign still pauses the whole plan.

Weeks run from the day of the first assessment. An exercise (or the walking target) is judged
only on a week it was on the plan for the whole week, and a change starts the next day; so a
week changes each amount at most once, however often the review runs (it is idempotent).

It runs in the background for everyone (`hizakoshi review_journeys`, journeys_review below),
never on a page view: a person who stops opening the app is reviewed too.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal

from django.db import IntegrityError, transaction
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import (
    DayPains,
    Dose,
    ExerciseState,
    SessionRecord,
    WalkDay,
    journey,
    next_morning_pain,
    review_week,
    review_week_end,
    usual_pain,
    walking_start,
)
from hizakoshi.care.journey import WalkingTarget as WalkingAmount
from hizakoshi.care.journey.planorigin import (
    automatic_may_change,
    review_planned_exercise,
    review_planned_walking,
)
from hizakoshi.care.journey.schedule import DAY
from hizakoshi.care.model import Text
from hizakoshi.journey.escalations.services import escalations_review
from hizakoshi.journey.models import (
    SESSION_DAY_FROM,
    Assessment,
    DiaryEntry,
    PlanItem,
    SessionItem,
    WalkingTarget,
)
from hizakoshi.journey.pause.selectors import self_care_paused_now
from hizakoshi.journey.plan.selectors import assessment_latest, journey_start_day
from hizakoshi.journey.plan.services import (
    by_weekly_review,
    plan_item_change,
    walking_target_change,
)
from hizakoshi.journey.review.selectors import journey_people_ids
from hizakoshi.journey.session.selectors import dose_of
from hizakoshi.site.signals import journeys_reviewed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlanChange:
    kind: Literal["exercise", "walking"]
    exercise_id: str | None
    action: Literal["step_up", "step_back", "baseline"]
    reason: Text  # what changed and why, with the amounts before and after
    on: date  # the first day of the new amount


def _local_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _pains(row: DiaryEntry) -> DayPains:
    recorded = (row.knee_pain_left, row.knee_pain_right, row.back_pain)
    return DayPains(
        day=row.day,
        pains=tuple(p for p in recorded if p is not None),
        back_to_usual=row.next_morning_back_to_usual,
    )


def _usual_pain(diary: dict[date, DiaryEntry], before: date, assessment: Assessment) -> int:
    """The core's usual pain (care.journey.usual_pain) from the diary, else the self-check."""
    answers = assessment.answers or {}
    at_check = max(int(answers.get("knee_pain") or 0), int(answers.get("back_pain") or 0))
    days = (_pains(row) for row in diary.values())
    return usual_pain(days, before=before, self_check_pain=at_check)


def _next_morning(diary: dict[date, DiaryEntry], day: date, usual: int) -> int | None:
    """The diary asks "back to usual this morning?"; the core turns it into a number."""
    row = diary.get(day + DAY)
    return next_morning_pain(None if row is None else _pains(row), usual=usual)


def _control(diary: dict[date, DiaryEntry], day: date) -> bool | None:
    row = diary.get(day)
    return None if row is None else row.good_control


def _session_records(
    person: User, first: date, last: date, diary: dict[date, DiaryEntry], usual: int
) -> dict[str, list[SessionRecord]]:
    found: dict[str, list[SessionRecord]] = defaultdict(list)
    items = SessionItem.objects.filter(
        person=person,
        **{
            f"session__{SESSION_DAY_FROM}__gte": _local_start(first),
            f"session__{SESSION_DAY_FROM}__lt": _local_start(last + DAY),
        },
    ).select_related("session")
    for item in items:
        if not item.skipped and item.reps_done == 0:
            continue  # shown but not done (and not skipped): nothing to judge
        day = timezone.localdate(getattr(item.session, SESSION_DAY_FROM))
        found[item.exercise_id].append(
            SessionRecord(
                day=day,
                done=not item.skipped,
                pain_during=None if item.skipped else item.session.pain_during,
                next_morning_pain=_next_morning(diary, day, usual),
                skip_reason=item.skip_reason if item.skipped else None,
                good_control=_control(diary, day),
            )
        )
    return found


def _walk_days(diary: dict[date, DiaryEntry], usual: int) -> list[WalkDay]:
    return [
        WalkDay(
            day=day,
            minutes=row.walking_minutes,
            steps=row.steps,
            pain_during=row.walking_pain,
            next_morning_pain=_next_morning(diary, day, usual),
            skipped_for_pain=row.skipped_walk_for_pain,
            good_control=row.good_control,
        )
        for day, row in sorted(diary.items())
    ]


@transaction.atomic
def plan_review_week(*, person: User, week_end: date) -> list[PlanChange]:
    """Review the week ending on `week_end` and apply the changes; returns what changed."""
    assessment = assessment_latest(person=person)
    if assessment is None or not (assessment.assessment or {}).get("plan"):
        return []  # no plan, or self-care paused by the latest self-check
    if self_care_paused_now(person=person, today=week_end):
        return []  # a warning sign: nothing steps up until a doctor has seen them
    week = review_week(week_end)
    week_start, first, on = week.first, week.compared_from, week.changes_on
    diary = {
        row.day: row
        for row in DiaryEntry.objects.filter(
            person=person,
            day__gte=min(week.usual_from, week.compared_from),
            day__lte=week.last_morning,
        )
    }
    usual = _usual_pain(diary, week_start, assessment)
    changes: list[PlanChange] = []

    items = PlanItem.objects.filter(person=person, active=True, started_on__lte=week_start)
    records = _session_records(person, first, week_end, diary, usual) if items else {}
    for item in items.order_by("position", "pk"):
        state = ExerciseState(
            exercise_id=item.exercise_id,
            start=Dose.model_validate(item.start_dose),
            current=dose_of(item),
        )
        review = review_planned_exercise(
            state,
            item.plan_origin,
            records.get(item.exercise_id, []),
            usual_pain=usual,
            today=week_end,
        )
        if review is not None and review.action != "hold":
            plan_item_change(
                item=item, dose=review.after, reason=review.reason, on=on, change=by_weekly_review()
            )
            changes.append(
                PlanChange("exercise", item.exercise_id, review.action, review.reason, on)
            )

    target = WalkingTarget.objects.filter(
        person=person, active=True, started_on__lte=week_start
    ).first()
    if target is not None:
        change = _review_walking(person, target, diary, usual, assessment, week_end)
        if change is not None:
            changes.append(change)
    return changes


def _review_walking(
    person: User,
    target: WalkingTarget,
    diary: dict[date, DiaryEntry],
    usual: int,
    assessment: Assessment,
    week_end: date,
) -> PlanChange | None:
    week = review_week(week_end)
    on = week.changes_on
    # Without a stored age: the older adults' walking goal (the gentler one).
    age = int((assessment.answers or {}).get("age") or journey().walking.older_age)
    days = [d for d in _walk_days(diary, usual) if d.day <= week_end]
    current = WalkingAmount(
        unit=target.unit,
        per_day=target.per_day,
        days_per_week=target.days_per_week,
    )
    if not automatic_may_change(target.plan_origin):
        return None  # a clinician set it: not even the first week's baseline replaces it
    first_week = target.started_on == week.first
    never_from_baseline = not WalkingTarget.objects.filter(
        person=person, from_baseline=True
    ).exists()
    if first_week and never_from_baseline:
        # The first week sets the start from the person's own walking (clinical-spec §6).
        start = walking_start(
            days,
            start=target.started_on,
            today=week_end,
            fallback_minutes=target.per_day,
            age=age,
            unit=current.unit,
        )
        if start.from_baseline:
            amount = start.target.model_copy(update={"days_per_week": target.days_per_week})
            walking_target_change(
                person=person,
                target=amount,
                reason=start.reason,
                on=on,
                change=by_weekly_review(),
                from_baseline=True,
            )
            return PlanChange("walking", None, "baseline", start.reason, on)
    review = review_planned_walking(
        current, target.plan_origin, days, usual_pain=usual, today=week_end, age=age
    )
    if review is None or review.action == "hold":
        return None
    walking_target_change(
        person=person,
        target=review.after,
        reason=review.reason,
        on=on,
        change=by_weekly_review(),
        from_baseline=target.from_baseline,
    )
    return PlanChange("walking", None, review.action, review.reason, on)


def plan_review_if_due(*, person: User, today: date) -> tuple[date | None, list[PlanChange]]:
    """Review the latest full week, if there is one. Idempotent: the daily job calls it every day,
    and a week already reviewed changes nothing."""
    start = journey_start_day(person=person)
    week_end = None if start is None else review_week_end(start=start, today=today)
    if week_end is None:
        return None, []
    return week_end, plan_review_week(person=person, week_end=week_end)


# --- the scheduled review of everyone (`hizakoshi review_journeys`) -------------------------------


@dataclass(frozen=True)
class JourneyReview:
    plan_changes: int
    escalations: int


@dataclass
class ReviewRun:
    """What one run over everyone did: the command prints it, the task returns it."""

    today: date
    people: int = 0
    plan_changes: int = 0
    escalations: int = 0
    failures: int = 0

    def summary(self) -> str:
        return (
            f"Reviewed {self.people} people as on {self.today}: {self.plan_changes} plan "
            f"change(s), {self.escalations} escalation(s) raised, {self.failures} failure(s)."
        )


@transaction.atomic
def _journey_review_once(person_id: int, today: date) -> JourneyReview | None:
    # The person's row is locked first, so two runs at once (two cron hosts, cron and the dev
    # runner) take turns per person on PostgreSQL, and the second one finds the week reviewed
    # and the messages stored. SQLite has no row locks, but its write transactions are
    # IMMEDIATE (settings.DATABASES): the whole transaction waits its turn there.
    person = User.objects.select_for_update().filter(pk=person_id).first()
    if person is None:
        return None  # deleted their account since the list was read
    _, changes = plan_review_if_due(person=person, today=today)
    raised = escalations_review(person=person, today=today)
    return JourneyReview(plan_changes=len(changes), escalations=len(raised))


def journey_review(*, person_id: int, today: date) -> JourneyReview | None:
    """The weekly plan review (when a week has ended) and the escalation review for one person,
    as on `today`, in one transaction. Idempotent: a second run the same day changes nothing.
    None when the person no longer exists."""
    try:
        return _journey_review_once(person_id, today)
    except IntegrityError:
        # A writer without the lock (a new self-check replacing the plan) won a unique
        # constraint; everything here was rolled back, and once more sees what it stored.
        log.info("journey review raced for person %s; trying once more", person_id)
        return _journey_review_once(person_id, today)


def journeys_review(*, today: date) -> ReviewRun:
    """Review everyone with a journey as on `today`; one person's failure does not stop the rest
    (it is logged with the person's id and counted). Then what depends on the day itself hears
    of it (site/signals.py journeys_reviewed: the clinic's dashboard status); the failures its
    receivers return are counted too."""
    run = ReviewRun(today=today)
    for person_id in journey_people_ids():
        try:
            done = journey_review(person_id=person_id, today=today)
        except Exception:  # any failure of one person's review: count it and go on
            log.exception("journey review failed for person %s", person_id)
            run.failures += 1
            continue
        if done is None:
            continue
        run.people += 1
        run.plan_changes += done.plan_changes
        run.escalations += done.escalations
    for _receiver, failed in journeys_reviewed.send(sender=ReviewRun, today=today):
        run.failures += failed if isinstance(failed, int) else 0
    return run
