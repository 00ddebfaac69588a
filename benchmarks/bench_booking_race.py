"""The last free slot, 200 people at once: does the database let exactly one of them book it?

    .venv/bin/python benchmarks/bench_booking_race.py [--requests 200] [--workers 4]
    scripts/with-postgres.sh .venv/bin/python benchmarks/bench_booking_race.py --postgres

Starts `hizakoshi serve` (gunicorn) on 127.0.0.1 with a throwaway data folder (SQLite, or the
PostgreSQL database of DATABASE_URL with --postgres, which must be empty), makes a clinic whose
only bookable day has two 30-minute slots and books the first, so one slot is left in the whole
clinic. Then REQUESTS threads, released together by a barrier, each POST
/api/v1/clinics/{id}/bookings for that slot with their own Idempotency-Key, name and phone
number. Prints:
    booked=<201 answers> conflicts=<409 answers> errors_5xx=<n> other=<n> in_database=<n>
The goal is booked=1, conflicts=REQUESTS-1, errors_5xx=0 and one booking of the slot in the
database. Rate limits are switched off for the run (they would stop 200 requests from one IP
first, which is their job, not this test's). E-mail goes nowhere (the dummy backend).
Loopback only; 120 s at most for the whole race.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from appserver import _wait_until_up, free_port  # noqa: E402

BIN = Path(sys.executable).parent

# A clinic open one weekday, 10:00-11:00 (two slots), any day a holiday or not; the first slot
# is booked, so the 10:30 slot of that day is the last one free. Printed: clinic, resource, day.
SETUP = """
from datetime import datetime, time, timedelta
from django.utils import timezone
from hizakoshi.clinic.booking.services import Asked, booking_create
from hizakoshi.clinic.models import Availability, Clinic
now = timezone.now()
day = timezone.localdate() + timedelta(days=2)
weekly = [[] for _ in range(7)]
weekly[day.weekday()] = [["10:00", "11:00"]]
clinic = Clinic.objects.create(code="RACE01", name="Race clinic", created_at=now)
doctor = Availability.objects.create(
    clinic=clinic, label="Dr", weekly=weekly, slot_minutes=30, lead_minutes=0, horizon_days=6,
    open_on_holidays=True, created_at=now,
)
first = datetime.combine(day, time(10, 0), timezone.get_default_timezone())
booking_create(
    clinic=clinic,
    asked=Asked(resource_id=doctor.pk, starts_at=first, name="先の人", name_kana="さきのひと",
                phone="0300000000", email="", contact_by="phone", message="", lang="ja"),
    idempotency_key="bench-first-booking", person=None, now=now,
)
print(clinic.pk, doctor.pk, day.isoformat())
"""


def app_env(data_dir: str) -> dict[str, str]:
    env = {
        **os.environ,
        "HIZAKOSHI_DATA_DIR": data_dir,
        "DJANGO_SETTINGS_MODULE": "hizakoshi.site.settings",
        "HIZAKOSHI_RATELIMIT_ENABLE": "false",
        "HIZAKOSHI_EMAIL_BACKEND": "dummy",
        "HIZAKOSHI_WORKERS": str(ARGS.workers),
    }
    if not ARGS.postgres:
        env.pop("DATABASE_URL", None)
    return env


def hizakoshi(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "hizakoshi"), *args], env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def in_database(data_dir: str, clinic: int, starts: str) -> int:
    sql = "SELECT count(*) FROM clinic_booking WHERE clinic_id = %s AND status != 'cancelled'"
    if ARGS.postgres:
        import psycopg

        with psycopg.connect(os.environ["DATABASE_URL"]) as con:
            row = con.execute(sql + " AND starts_at = %s", (clinic, starts)).fetchone()
    else:
        with sqlite3.connect(Path(data_dir) / "hizakoshi.sqlite3") as con:
            # SQLite stores the time as text in UTC without the offset.
            utc = starts.replace("T10:30:00+09:00", " 01:30:00")
            row = con.execute(
                sql.replace("%s", "?") + " AND starts_at = ?", (clinic, utc)
            ).fetchone()
    assert row is not None
    return int(row[0])


def one_request(base: str, clinic: int, body: dict[str, object]) -> int:
    request = urllib.request.Request(
        f"{base}/api/v1/clinics/{clinic}/bookings",
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())},
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as answer:
        return int(answer.code)
    except OSError:
        return 0  # could not be sent: counted as other


def race(base: str, clinic: int, resource: int, starts: str) -> Counter[int]:
    start = threading.Barrier(ARGS.requests)

    def racer(n: int) -> int:
        body = {
            "resource": resource,
            "starts_at": starts,
            "name": f"競争 {n}",
            "name_kana": "きょうそう",
            "phone": f"090{n:08d}",
            "contact_by": "phone",
            "consent": True,
        }
        start.wait()
        return one_request(base, clinic, body)

    with ThreadPoolExecutor(ARGS.requests) as pool:
        return Counter(pool.map(racer, range(ARGS.requests)))


def main() -> int:
    database = "PostgreSQL" if ARGS.postgres else "SQLite"
    with tempfile.TemporaryDirectory(prefix="hizakoshi-bench.") as data_dir:
        env = app_env(data_dir)
        hizakoshi(env, "migrate", "--verbosity", "0")
        clinic_s, resource_s, day = hizakoshi(env, "shell", "-c", SETUP).split()[-3:]
        clinic, resource = int(clinic_s), int(resource_s)
        starts = f"{day}T10:30:00+09:00"
        port = free_port()
        env["HIZAKOSHI_BIND"] = f"127.0.0.1:{port}"
        server = subprocess.Popen(
            [str(BIN / "hizakoshi"), "serve"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base, server, timeout=120)
            began = time.monotonic()
            codes = race(base, clinic, resource, starts)
            seconds = time.monotonic() - began
        finally:
            server.terminate()
            server.wait(timeout=30)
        errors = sum(n for code, n in codes.items() if code >= 500)
        other = sum(n for code, n in codes.items() if code not in (201, 409) and code < 500)
        print(
            f"{database}, hizakoshi serve with {ARGS.workers} workers, {ARGS.requests} requests "
            f"for the last free slot ({seconds:.1f} s)"
        )
        print(
            f"booked={codes[201]} conflicts={codes[409]} errors_5xx={errors} other={other} "
            f"in_database={in_database(data_dir, clinic, starts)}"
        )
        if other:
            print(f"other answers: {dict(codes)}")
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL (PostgreSQL)")
    return parser.parse_args()


ARGS = parse_args() if __name__ == "__main__" else argparse.Namespace()

if __name__ == "__main__":
    sys.exit(main())
