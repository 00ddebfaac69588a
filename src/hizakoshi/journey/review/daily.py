"""The daily review inside the development runner (`hizakoshi run`, `make run`).

A server runs `hizakoshi review_journeys` from cron or a systemd timer (README, Jobs); the demo
has neither, so `hizakoshi run` starts this daemon thread: it enqueues the review task at start
and again each day at REVIEW_AT, Japanese time. With the default immediate task backend the task
runs right there in the thread. Production `hizakoshi serve` never starts it: several gunicorn
workers (or servers) would each run it, and a server's schedule belongs to its scheduler.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from datetime import datetime, time, timedelta

from django.db import connections
from django.utils import timezone
from django_tasks import TaskResultStatus

from hizakoshi.journey.review.tasks import review_journeys

REVIEW_AT = time(5, 0)  # local time: the hour the README's cron line uses


log = logging.getLogger(__name__)


def seconds_until(now: datetime, at: time) -> float:
    """Seconds from `now` to the next `at` on the local clock (a whole day when it is `at`)."""
    local = timezone.localtime(now)
    due = local.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if due <= local:
        due += timedelta(days=1)
    return (due - local).total_seconds()


def review_now() -> str:
    """Enqueue the review once; one line saying what it did (or that it is queued)."""
    try:
        result = review_journeys.enqueue()
    finally:
        connections.close_all()  # this thread's own connections; the server's are its own
    if result.status == TaskResultStatus.SUCCESSFUL and result.return_value is not None:
        return f"Daily review: {result.return_value['summary']}"
    if result.status == TaskResultStatus.FAILED:
        return "Daily review failed; the task backend logged why."
    return "Daily review queued for the task worker."


def _write(line: str) -> None:
    sys.stderr.write(line + "\n")


def start_daily_reviews(
    *,
    stop: threading.Event | None = None,
    at: time = REVIEW_AT,
    review: Callable[[], str] = review_now,
    write: Callable[[str], None] = _write,
) -> threading.Thread:
    """Start the daemon thread: review now, then each day at `at` until `stop` is set (a daemon
    thread ends with the runner anyway)."""
    stop = stop or threading.Event()

    def loop() -> None:
        while True:
            try:
                write(review())
            except Exception:  # a failed day must not end the thread: tomorrow runs again
                log.exception("the daily journey review failed")
            if stop.wait(seconds_until(timezone.now(), at)):
                return

    thread = threading.Thread(target=loop, name="hizakoshi-daily-review", daemon=True)
    thread.start()
    return thread
