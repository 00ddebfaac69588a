"""Size and server time of the clinic's FHIR export for the demo clinic's busiest patient.

    .venv/bin/python benchmarks/bench_fhir.py [--runs 10]
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/bench_fhir.py   (PostgreSQL too)

Not part of the test suite. Builds, in a throwaway database (a temp SQLite file; with
DATABASE_URL set, Django's test database next to the one it names, created and dropped here),
the demo person with a year of history (`load_demo_journey`) and the demo clinic DEMO01 with its
patients (`load_demo_clinic`, which links the demo person too). The busiest patient is the
linked one with the most daily pain ratings in the diary. Then, as the clinic's doctor, it
downloads /clinic/patients/<id>/fhir.json in-process through Django's test client (all
middleware, the door and its audit row, the report, the Bundle and both of its checks; no
network): one warm-up request, then the median and 90th percentile of `runs` requests. Prints
the Bundle's entries by kind, its size as sent (indented JSON) and gzip-compressed (what
GZipMiddleware sends a browser that accepts it), and the time, against our targets for a busy
year: median <= 1,000 ms and <= 2 MB before compression.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 1000.0
TARGET_BYTES = 2_000_000


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hizakoshi.site.settings")
    os.environ.setdefault("HIZAKOSHI_DATA_DIR", tempfile.mkdtemp(prefix="hizakoshi-bench-"))
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "tests"))  # people.staff_login: past the second factor
    import django

    django.setup()


def busiest() -> Any:
    from django.db.models import Count, Q

    from hizakoshi.clinic.demo.people import DEMO_CODE
    from hizakoshi.clinic.models import CareLink

    rated = (
        Q(person__journey_diary__knee_pain_left__isnull=False)
        | Q(person__journey_diary__knee_pain_right__isnull=False)
        | Q(person__journey_diary__back_pain__isnull=False)
    )
    links = CareLink.objects.filter(clinic__code=DEMO_CODE, ended_at__isnull=True)
    return links.annotate(days=Count("person__journey_diary", filter=rated)).order_by("-days")[0]


def kinds(bundle: dict[str, Any]) -> Counter[str]:
    from hizakoshi.clinic.patients import jpcore

    found: Counter[str] = Counter()
    for entry in bundle["entry"]:
        resource = entry["resource"]
        kind = resource["resourceType"]
        if kind == "Observation":
            if jpcore.diary_pain_of(resource):
                kind = "Observation (daily pain)"
            elif jpcore.loinc_of(resource) & set(jpcore.BODY_MEASURES):
                kind = "Observation (body measurement)"
            else:
                kind = "Observation (score)"
        found[kind] += 1
    return found


def measure(runs: int) -> bool:
    from django.test import Client
    from django.urls import reverse

    from hizakoshi.clinic.demo.people import DEMO_STAFF
    from hizakoshi.clinic.demo.services import demo_clinic_load
    from hizakoshi.clinic.patients import jpcore
    from hizakoshi.journey.demo.services import demo_journey_load
    from people import staff_login

    built = time.perf_counter()
    demo_journey_load()
    demo_clinic_load()
    link = busiest()
    print(f"demo loaded in {time.perf_counter() - built:.1f} s")
    doctor = next(m for m in DEMO_STAFF if m.role == "doctor")
    client = staff_login(Client(), link.clinic.memberships.get(user__email=doctor.email).user)
    url = reverse("clinic:patient_fhir", kwargs={"person_id": link.person_id})
    warm = client.get(url)
    assert warm.status_code == 200, warm.status_code
    bundle = json.loads(warm.content)
    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert zipped.get("Content-Encoding") == "gzip", "the export was not compressed"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    median = statistics.median(times)
    p90 = statistics.quantiles(times, n=10)[-1] if runs > 1 else median
    pains = [e["resource"] for e in bundle["entry"] if jpcore.diary_pain_of(e["resource"])]
    days = {r["effectiveDateTime"] for r in pains}
    print(f"patient: {link.name} ({len(days)} diary days with pain, {len(pains)} ratings)")
    for kind, n in sorted(kinds(bundle).items()):
        print(f"  {kind}: {n}")
    size, packed = len(warm.content), len(zipped.content)
    print(
        f"entries={len(bundle['entry'])} bytes={size:,} gzip_bytes={packed:,} "
        f"median_ms={median:.0f} p90_ms={p90:.0f} runs={runs}"
    )
    ok = median <= TARGET_MS and size <= TARGET_BYTES
    print(
        f"targets: median <= {TARGET_MS:.0f} ms, <= {TARGET_BYTES:,} bytes: "
        + ("met" if ok else "MISSED")
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    if connection.vendor == "sqlite":  # a file, as in production
        name = str(Path(tempfile.mkdtemp()) / "bench-fhir.sqlite3")
        settings.DATABASES["default"]["TEST"]["NAME"] = name
        connection.settings_dict["TEST"]["NAME"] = name
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor}")
        ok = measure(max(1, args.runs))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
