"""Server time and queries of the clinic's dashboard (/clinic/) on PostgreSQL, for a clinic with
100 linked patients and one with 10,000, each patient with a year of daily diary.

    .venv/bin/python benchmarks/bench_dashboard.py [--patients 10000] [--small 100] [--runs 30]

Not part of the test suite. Without DATABASE_URL it runs itself inside scripts/with-postgres.sh
(a throwaway PostgreSQL cluster, removed afterwards); with it, it uses that database as it is
(migrates it and fills it: give it an empty one).

Builds the data in SQL (INSERT ... SELECT generate_series, so 3.65 M diary rows take seconds,
not the hours of one ORM save each): the accounts, their care links, a first self-check a year
ago, a diary entry every day since (pain rising for some, a warning sign for some, some who
stopped recording three weeks ago), pain and activity-goal check-ins every four weeks for most,
a STarT Back answer and a specialist message for some. Then the daily job's own refresh
(statuses_refresh_all, the one `hizakoshi review_journeys` runs) computes every status row,
timed. Then it requests the dashboard in-process through Django's test client (all middleware,
the gate, the view, the template; no network) as a doctor of each clinic: one warm-up request,
the queries of one request, and the median of `runs` requests. Prints one line per clinic,
`patients=… median_ms=… queries=…`, then the same for other views of the big clinic (filtered,
sorted by name, the last page). Targets: median <= 150 ms at 10,000 patients; the same number
of queries at 100 and at 10,000.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 150.0
DIARY_DAYS = 365


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hizakoshi.site.settings")
    os.environ.setdefault("HIZAKOSHI_DATA_DIR", tempfile.mkdtemp(prefix="hizakoshi-bench-"))
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


# --- the data, in SQL ------------------------------------------------------------------------

# Who is who, by the patient's number n (1..): the share of each situation is our choice, so
# that every kind of attention appears on the dashboard.
PEOPLE_SQL = """
INSERT INTO accounts_user (password, is_superuser, email, language, is_active, is_staff,
                           created_at, log_ref)
SELECT '!', false, 'p' || n || '@bench.example.jp', 'ja', true, false, now(), gen_random_uuid()
FROM generate_series(1, %(total)s) AS n
"""

LINKS_SQL = """
INSERT INTO clinic_carelink (person_id, clinic_id, name, name_kana, birth_date, shared,
                             consent_version, language, linked_at)
SELECT u.id, CASE WHEN u.n <= %(big)s THEN %(big_clinic)s ELSE %(small_clinic)s END,
       '患者 ' || u.n, 'カンジャ ' || lpad(u.n::text, 6, '0'),
       date '1940-01-01' + (u.n * 37 %% 12000)::int, '["diary"]', 'clinic-share-2026-1', 'ja',
       now() - interval '300 days'
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM accounts_user
      WHERE email LIKE '%%@bench.example.jp') AS u
"""

# The first self-check a year ago: one in fifty said to see a doctor the same day.
CHECKS_SQL = """
INSERT INTO journey_assessment (person_id, answers, assessment, engine_version, content_hash,
                                lang, source, created_at)
SELECT l.person_id, '{"knee_pain": 5, "back_pain": 4}',
       jsonb_build_object('triage', jsonb_build_object(
           'urgency', CASE WHEN l.n %% 50 = 0 THEN 'same_day' ELSE 'none' END)),
       'bench', 'bench', 'ja', 'claimed', %(start)s::date + time '09:00' - interval '9 hours'
FROM (SELECT person_id, row_number() OVER (ORDER BY person_id) AS n FROM clinic_carelink) AS l
"""

# A diary day every day since; one in eight stopped three weeks ago; one in six has knee pain
# rising by two points after the first months; one in a hundred ticked a warning sign lately.
DIARY_SQL = """
INSERT INTO journey_diaryentry (person_id, day, knee_pain_left, knee_pain_right, back_pain,
                                walking_minutes, skipped_walk_for_pain, daily_life,
                                red_flag_signs, events, notes, created_at, updated_at)
SELECT l.person_id, d::date,
       CASE WHEN l.n %% 6 = 0 AND d > %(today)s::date - 60 THEN 6 ELSE 4 END,
       3, 2 + (l.n %% 3), 20, false, 'little',
       CASE WHEN l.n %% 100 = 0 AND d = %(today)s::date - 2 THEN '["night_pain"]'::jsonb
            ELSE '[]'::jsonb END,
       '{}', '', now(), now()
FROM (SELECT person_id, row_number() OVER (ORDER BY person_id) AS n FROM clinic_carelink) AS l
CROSS JOIN LATERAL generate_series(
    %(first_diary)s::date,
    CASE WHEN l.n %% 8 = 0 THEN %(today)s::date - 21 ELSE %(today)s::date END,
    interval '1 day') AS d
"""

# Check-ins every four weeks from the start (pain: knee and back; activity goals), except one in
# ten who never answered after the start and those who stopped recording; a STarT Back answer
# at the start (one in seven high).
OUTCOMES_SQL = """
INSERT INTO journey_outcomeresponse (person_id, instrument, answers, scores, taken_on, created_at)
SELECT l.person_id, i.instrument, '{}'::jsonb, i.scores, d::date, now()
FROM (SELECT person_id, row_number() OVER (ORDER BY person_id) AS n FROM clinic_carelink) AS l
CROSS JOIN LATERAL generate_series(
    %(start)s::date,
    CASE WHEN l.n %% 10 = 0 THEN %(start)s::date
         WHEN l.n %% 8 = 0 THEN %(today)s::date - 21
         ELSE %(today)s::date END,
    interval '28 days') AS d
CROSS JOIN (VALUES ('nrs', '{"score": 4, "region": "knee"}'::jsonb),
                   ('nrs', '{"score": 3, "region": "back"}'::jsonb),
                   ('psfs', '{"score": 5.0, "activities": 3}'::jsonb)) AS i(instrument, scores)
UNION ALL
SELECT l.person_id, 'start-back', '{}'::jsonb,
       jsonb_build_object('risk', CASE WHEN l.n %% 7 = 0 THEN 'high' ELSE 'low' END),
       %(start)s::date, now()
FROM (SELECT person_id, row_number() OVER (ORDER BY person_id) AS n FROM clinic_carelink) AS l
"""

MESSAGES_SQL = """
INSERT INTO journey_escalation (person_id, kind, urgency, message, raised_on)
SELECT l.person_id, 'worse_two_weeks', 'soon', '{}', %(today)s::date - 5
FROM (SELECT person_id, row_number() OVER (ORDER BY person_id) AS n FROM clinic_carelink) AS l
WHERE l.n %% 40 = 0
"""


def build(big: int, small: int) -> dict[str, object]:
    from datetime import timedelta

    from django.db import connection
    from django.utils import timezone

    from hizakoshi.clinic.models import Clinic, Role

    sys.path.insert(0, str(ROOT / "tests"))
    from people import staff

    now = timezone.now()
    today = timezone.localdate(now)
    # The first self-check two days before the first diary day, so that today is not itself a
    # check-in day (those who stopped answering are then overdue, not just due).
    first_diary = today - timedelta(days=DIARY_DAYS - 1)
    start = first_diary - timedelta(days=2)
    clinics = {
        big: Clinic.objects.create(code="BIGCLINIC", name="大きな医院", created_at=now),
        small: Clinic.objects.create(code="SMALL1", name="小さな医院", created_at=now),
    }
    params = {
        "total": big + small,
        "big": big,
        "big_clinic": clinics[big].pk,
        "small_clinic": clinics[small].pk,
        "today": today,
        "start": start,
        "first_diary": first_diary,
    }
    timings = {}
    with connection.cursor() as cursor:
        for name, sql in (
            ("accounts", PEOPLE_SQL),
            ("care links", LINKS_SQL),
            ("self-checks", CHECKS_SQL),
            ("diary", DIARY_SQL),
            ("check-ins", OUTCOMES_SQL),
            ("messages", MESSAGES_SQL),
        ):
            began = time.perf_counter()
            cursor.execute(sql, params)
            timings[name] = (cursor.rowcount, time.perf_counter() - began)
        cursor.execute("ANALYZE")
    for name, (rows, seconds) in timings.items():
        print(f"  {name}: {rows} rows in {seconds:.1f} s")
    doctors = {
        size: staff(f"doctor{size}@bench.example.jp", clinic, role=Role.DOCTOR)
        for size, clinic in clinics.items()
    }
    return {"clinics": clinics, "doctors": doctors, "now": now}


def refresh_statuses(now: object) -> None:
    from django.db import connection

    from hizakoshi.clinic.dashboard.services import statuses_refresh_all
    from hizakoshi.clinic.models import PatientStatus

    began = time.perf_counter()
    people, failures = statuses_refresh_all(now=now)  # type: ignore[arg-type]
    seconds = time.perf_counter() - began
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE clinic_patientstatus")
    flagged = PatientStatus.objects.exclude(priority=0).count()
    kinds = Counter(k for a in PatientStatus.objects.values_list("attention", flat=True) for k in a)
    print(
        f"  daily refresh of every status row: {people} people in {seconds:.1f} s "
        f"({seconds / max(people, 1) * 1000:.1f} ms each), {failures} failures; "
        f"{flagged} need attention: {dict(sorted(kinds.items()))}"
    )


# --- the page --------------------------------------------------------------------------------


def measure(doctor: object, url: str, runs: int) -> tuple[float, int, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    sys.path.insert(0, str(ROOT / "tests"))
    from people import staff_login

    client = staff_login(Client(), doctor)  # type: ignore[arg-type]
    warm = client.get(url)
    assert warm.status_code == 200, (url, warm.status_code)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    count = len(queries.captured_queries)  # read now: the next request empties the log
    rows = page.content.decode().count("<tr data-person=")
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), count, rows


def run(big: int, small: int, runs: int) -> bool:
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    if connection.vendor != "postgresql":
        print("bench_dashboard measures PostgreSQL; DATABASE_URL names another database")
        return False
    setup_test_environment()  # the test client's host, the in-memory e-mail
    call_command("migrate", verbosity=0)
    print(f"database: PostgreSQL {connection.pg_version}; building {big + small} patients")
    began = time.perf_counter()
    data = build(big, small)
    print(f"  data built in {time.perf_counter() - began:.1f} s")
    refresh_statuses(data["now"])
    doctors: dict[int, object] = data["doctors"]  # type: ignore[assignment]
    counts = {}
    ok = True
    for size in (small, big):
        median, queries, rows = measure(doctors[size], "/clinic/", runs)
        counts[size] = queries
        print(f"patients={size} median_ms={median:.1f} queries={queries}")
        if size == big and median > TARGET_MS:
            print(f"  !! over the {TARGET_MS:.0f} ms target")
            ok = False
    for view in ("?kind=pain_worse", "?sort=name", "?sort=activity", "?page=999"):
        median, queries, rows = measure(doctors[big], f"/clinic/{view}", runs)
        print(f"patients={big} view={view} median_ms={median:.1f} queries={queries} rows={rows}")
    same = len(set(counts.values())) == 1
    print(f"queries the same for {small} and {big} patients: {'yes' if same else 'NO'}")
    return ok and same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        # A throwaway cluster, removed afterwards, whatever happens here.
        command = [str(ROOT / "scripts" / "with-postgres.sh"), sys.executable, *sys.argv]
        sys.exit(subprocess.run(command, check=False).returncode)
    setup_django()
    sys.exit(0 if run(args.patients, args.small, args.runs) else 1)


if __name__ == "__main__":
    main()
