"""How long the engine takes for one self-check: parse_answers + assess, and assess alone.

    .venv/bin/python benchmarks/bench_assess.py [--reps 200] [--count 40]

Times every call over `count` varied answer sets (benchmarks/vignettes.py, fixed seed) repeated
`reps` times, after one warm-up pass (the first call loads and validates the content files; that
cold start is printed separately). Prints median, p95 and max per call. Target: median <= 1 ms.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time

from vignettes import vignettes

from hizakoshi.care import assess
from hizakoshi.care.questions import parse_answers

TARGET_MEDIAN_MS = 1.0


def summary(name: str, samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    return (
        f"{name:<24} median {statistics.median(samples):7.3f} ms   p95 {p95:7.3f} ms"
        f"   max {samples[-1]:7.3f} ms   ({len(samples)} calls)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--count", type=int, default=40)
    args = parser.parse_args()

    raws = vignettes(args.count)
    start = time.perf_counter_ns()
    assess(parse_answers(raws[0]))
    cold = (time.perf_counter_ns() - start) / 1e6
    parsed = [parse_answers(raw) for raw in raws]
    results = [assess(answers) for answers in parsed]
    paused = sum(1 for r in results if r.plan is None)

    full: list[float] = []
    engine: list[float] = []
    for _ in range(args.reps):
        for raw, answers in zip(raws, parsed, strict=True):
            t0 = time.perf_counter_ns()
            assess(parse_answers(raw))
            t1 = time.perf_counter_ns()
            assess(answers)
            t2 = time.perf_counter_ns()
            full.append((t1 - t0) / 1e6)
            engine.append((t2 - t1) / 1e6)

    print(f"python {platform.python_version()} on {platform.machine()}")
    print(
        f"{len(raws)} answer sets ({paused} with self-care paused by a red flag), "
        f"{args.reps} repetitions"
    )
    print(f"cold start (first call, loads content): {cold:.1f} ms")
    print(summary("parse_answers + assess", full))
    print(summary("assess alone", engine))
    median = statistics.median(full)
    verdict = "meets" if median <= TARGET_MEDIAN_MS else "MISSES"
    print(f"target median <= {TARGET_MEDIAN_MS} ms (parse + assess): {verdict}")


if __name__ == "__main__":
    main()
