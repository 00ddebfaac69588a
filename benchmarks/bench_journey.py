"""How long the journey's pure rules and charts take over two years of daily records.

    .venv/bin/python benchmarks/bench_journey.py [--runs 20]

Timings are figures to read, not test assertions (a loaded CI machine would make such tests
fail at random). Prints the median and the slowest of `runs` for: the progress verdicts of five
series, the escalation review, and one line chart of two years, each over 730 daily points.
Targets (a laptop-class core): each well under 100 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from hizakoshi.care.journey.escalation import escalation_review
from hizakoshi.care.journey.progress import Point, series_progress

START = date(2025, 1, 6)
DAYS = 730


def points(value: Callable[[int], float]) -> list[Point]:
    return [Point(START + timedelta(days=i), value(i)) for i in range(DAYS)]


def timed(runs: int, work: Callable[[], object]) -> tuple[float, float]:
    spent = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        spent.append((time.perf_counter() - began) * 1000)
    return statistics.median(spent), max(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    today = START + timedelta(days=DAYS - 1)
    pain = points(lambda i: 6 - 3 * i / DAYS)
    names = ("knee_pain_left", "knee_pain_right", "back_pain", "walking_minutes", "sessions")

    def progress() -> None:
        for name in names:
            series_progress(name, pain, today=today, start=START)  # type: ignore[arg-type]

    series = {sid: points(lambda i: 5 - i / 400) for sid in names[:3]}
    series["psfs"] = [Point(START + timedelta(days=n), 4 + n / 365) for n in range(0, DAYS, 28)]

    def review() -> None:
        escalation_review(today=today, selfcare_start=START, series=series)  # type: ignore[arg-type]

    rows = [("progress verdicts, 5 series", progress), ("escalation review", review)]
    try:
        import django
        from django.conf import settings

        if not settings.configured:
            settings.configure(USE_I18N=True)
            django.setup()
        from hizakoshi.journey.progress.charts import Series, line_chart

        def chart() -> None:
            line_chart(
                Series("Back pain", pain, unit="/10"),
                lang="en",
                title="Pain",
                y_label="Pain (0-10)",
                y_min=0,
                y_max=10,
            )

        rows.append(("line chart, two years", chart))
    except ImportError:
        pass
    for name, work in rows:
        median, slowest = timed(runs, work)
        print(f"{name}: days={DAYS} runs={runs} median_ms={median:.2f} max_ms={slowest:.2f}")


if __name__ == "__main__":
    main()
