"""The scheduled review as a django-tasks task, so it can be enqueued (settings.TASKS chooses the
backend; the default immediate backend runs it at once). The dev runner enqueues it daily."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django_tasks import task

from hizakoshi.journey.review.services import journeys_review


@task()
def review_journeys(today: str | None = None) -> dict[str, int | str]:
    """Run every due plan review and escalation review; `today` as YYYY-MM-DD (a queued task's
    arguments and result are stored as JSON), default the local day when the task runs.
    Returns the counts (people, plan_changes, escalations, failures) and the one-line summary."""
    run = journeys_review(today=date.fromisoformat(today) if today else timezone.localdate())
    return {
        "today": run.today.isoformat(),
        "people": run.people,
        "plan_changes": run.plan_changes,
        "escalations": run.escalations,
        "failures": run.failures,
        "summary": run.summary(),
    }
