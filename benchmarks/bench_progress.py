"""Server time and database queries of the progress page, for one month and two years of data.

    .venv/bin/python benchmarks/bench_progress.py [--runs 30]
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/bench_progress.py   (PostgreSQL too)

Builds, in a throwaway database (a temp SQLite file; with DATABASE_URL set, Django's test
database next to the one it names, created and dropped here), two people whose records end
today: one with a month of daily data, one with two years (a diary entry and a finished guided
session every day, pain and activity-goal questionnaires every four weeks, monthly function
tests). Then requests /me/progress/ in-process through Django's test client (all middleware,
the view, the template and the charts; no network), after the daily review job has stored any
escalation message (the page only reads it) and one warm-up request, and prints the median and
90th percentile of `runs` requests and the number of queries each page needed. Targets: median
<= 100 ms for two years; the same number of queries for a month as for two years.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 100.0


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hizakoshi.site.settings")
    os.environ.setdefault("HIZAKOSHI_DATA_DIR", tempfile.mkdtemp(prefix="hizakoshi-bench-"))
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def build_person(email: str, days: int) -> object:
    from django.utils import timezone

    from hizakoshi.care import assess
    from hizakoshi.care.questions import parse_answers
    from hizakoshi.journey.join.services import patient_create
    from hizakoshi.journey.models import (
        DiaryEntry,
        ExerciseSession,
        FunctionTest,
        OutcomeResponse,
    )
    from hizakoshi.journey.plan.services import journey_start_from_assessment

    today = timezone.localdate()
    first = today - timedelta(days=days - 1)
    tz = timezone.get_current_timezone()

    def at(day: date, hour: int) -> datetime:
        return datetime.combine(day, clock(hour), tzinfo=tz)

    user = patient_create(
        email=email, password="bench-password-1", language="ja", consent_version="1"
    )
    answers = parse_answers(_answers())
    journey_start_from_assessment(
        person=user, answers=answers, assessment=assess(answers), now=at(first, 9)
    )
    every = [first + timedelta(days=i) for i in range(days)]
    DiaryEntry.objects.bulk_create(
        DiaryEntry(
            person=user,
            day=day,
            knee_pain_left=max(0, 6 - i // 90),
            knee_pain_right=max(0, 5 - i // 120),
            back_pain=max(1, 6 - i // 60),
            morning_stiffness_min=15,
            walking_minutes=15 + min(i // 7 * 5, 30),
            steps=3000 + i * 5,
            weight_kg=Decimal("64.0") - Decimal(i // 30) / 10 if day.weekday() == 0 else None,
            daily_life="little",
        )
        for i, day in enumerate(every)
    )
    ExerciseSession.objects.bulk_create(
        ExerciseSession(
            person=user,
            client_id=uuid.uuid4(),
            started_at=at(day, 9),
            finished_at=at(day, 9) + timedelta(minutes=9),
            pain_during=3,
            feeling="same",
        )
        for day in every
    )
    monthly = every[::28]
    OutcomeResponse.objects.bulk_create(
        [
            *(
                OutcomeResponse(
                    person=user,
                    instrument="psfs",
                    answers={"1": 4, "2": 5, "3": 6},
                    scores={"score": 5.0 + i / 10, "activities": 3},
                    taken_on=day,
                )
                for i, day in enumerate(monthly)
            ),
            *(
                OutcomeResponse(
                    person=user,
                    instrument="nrs",
                    answers={"pain": 5},
                    scores={"score": 5, "region": region},
                    taken_on=day,
                )
                for day in monthly
                for region in ("knee", "back")
            ),
        ]
    )
    FunctionTest.objects.bulk_create(
        FunctionTest(
            person=user,
            kind=kind,
            values={},
            result=result,
            taken_on=day,
        )
        for day in monthly
        for kind, result in (
            ("two_step", {"stage": 1, "value": 1.2}),
            ("chair_stand_cs30", {"count": 15, "band": "average"}),
            ("one_leg", {"seconds": 18.0, "suggest_orthopaedic_check": False}),
        )
    )
    return user


def _answers() -> dict[str, object]:
    sys.path.insert(0, str(ROOT / "tests"))
    from selfcheck.factories import knee_origin_answers

    return knee_origin_answers()


def measure(user: object, runs: int) -> tuple[list[float], int, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from hizakoshi.journey.review.services import journey_review

    # The messages shown are the daily job's (`hizakoshi review_journeys`): run it once.
    journey_review(person_id=user.pk, today=timezone.localdate())  # type: ignore[attr-defined]
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    warm = client.get("/me/progress/")
    assert warm.status_code == 200, warm.status_code
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/me/progress/")
    count = len(queries.captured_queries)  # read now: the next request empties the log
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get("/me/progress/")
        times.append((time.perf_counter() - start) * 1000)
    return times, count, len(page.content)


def run(runs: int) -> bool:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    vendor = connection.vendor
    if vendor == "sqlite":  # a file, as in production, not Django's default in-memory test DB
        name = str(Path(tempfile.mkdtemp()) / "bench-progress.sqlite3")
        settings.DATABASES["default"]["TEST"]["NAME"] = name
        connection.settings_dict["TEST"]["NAME"] = name
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    ok = True
    try:
        built = time.perf_counter()
        people = {
            "1 month": build_person("month@example.jp", 30),
            "2 years": build_person("years@example.jp", 730),
        }
        print(f"database: {vendor}; data built in {time.perf_counter() - built:.1f} s")
        counts = {}
        for label, user in people.items():
            times, queries, size = measure(user, runs)
            counts[label] = queries
            median = statistics.median(times)
            p90 = statistics.quantiles(times, n=10)[-1]
            print(
                f"  {label:>8}: median {median:6.1f} ms, p90 {p90:6.1f} ms over {runs} requests;"
                f" {queries} queries; page {size / 1024:.1f} KB"
            )
            if label == "2 years" and median > TARGET_MS:
                print(f"  !! over the {TARGET_MS:.0f} ms target")
                ok = False
        same = len(set(counts.values())) == 1
        print(f"  queries the same for 1 month and 2 years: {'yes' if same else 'NO'}")
        ok = ok and same
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    setup_django()
    sys.exit(0 if run(args.runs) else 1)


if __name__ == "__main__":
    main()
