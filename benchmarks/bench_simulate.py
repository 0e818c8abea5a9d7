"""Replications on one process and on two: the speed-up, and that the results are the same.

Usage: ``python benchmarks/bench_simulate.py [--runs 40] [--repeats 3] [SCENARIO]``

Runs ``simulate`` with ``jobs=1`` and ``jobs=2`` alternately, ``repeats`` times, and
reports the median wall time of each and their ratio (2.0 would be perfect on two
cores). Each pair of results is compared: they must be identical.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from wargame.analysis import simulate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default="serval-2013")
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(args.repeats):
        results = {}
        for jobs in (1, 2):
            start = time.perf_counter()
            results[jobs] = simulate(args.scenario, args.runs, seed=1, jobs=jobs)
            times[jobs].append(time.perf_counter() - start)
        assert results[1].json_text() == results[2].json_text(), "jobs=1 and jobs=2 differ"
    one, two = statistics.median(times[1]), statistics.median(times[2])
    print(f"{args.scenario}: {args.runs} runs, {os.cpu_count()} CPUs, medians of {args.repeats}")
    print(f"  jobs=1  {one:7.1f} s  ({one / args.runs:.2f} s a run)")
    print(f"  jobs=2  {two:7.1f} s  ({two / args.runs:.2f} s a run)")
    print(f"  speed-up {one / two:.2f}x; results identical")


if __name__ == "__main__":
    main()
