"""How the engine scales with the number of units: load time, one full turn, memory.

Usage: ``python benchmarks/bench_scaling.py [--sizes 100 1000 10000] [--repeats 3]``

Synthetic scenarios (``benchmarks/synthetic.py``) of N units and about N/4 areas. One full
turn: every side's random legal orders in every phase, and the nine phases resolved.
The cost per unit should stay about flat as N grows tenfold (linear, not quadratic).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import synthetic_yaml

from wargame.analysis import RandomPolicy
from wargame.core import Game
from wargame.loading import load_scenario_text


def one_turn(scenario) -> tuple[float, int, int]:
    """Seconds for one full turn, orders given, and peak memory (bytes) during it."""
    game = Game(scenario, seed=1)
    policy, rng = RandomPolicy(), random.Random(1)
    orders = 0
    tracemalloc.start()
    start = time.perf_counter()
    while game.turn == 1 and not game.over:
        if game.state.pending is not None:
            game.decide("roll")
            continue
        if game.phase.orders and not game.state.resolving:
            for side in scenario.sides:
                for order in policy.choose(game, side, rng):
                    if game.validate(order, side) is None:
                        game.submit(order, side)
                        orders += 1
        game.advance()
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, orders, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"{'units':>7} {'areas':>6} {'load s':>8} {'turn s':>8} {'orders':>7} {'ms/unit':>8} {'peak MB':>8}")
    for size in args.sizes:
        text = synthetic_yaml(size)
        loads, turns = [], []
        for _ in range(args.repeats):
            start = time.perf_counter()
            scenario = load_scenario_text(text, f"synthetic-{size}.yaml")
            loads.append(time.perf_counter() - start)
        for _ in range(args.repeats):
            turns.append(one_turn(scenario))
        turn = statistics.median(t[0] for t in turns)
        peak = max(t[2] for t in turns)
        print(
            f"{size:>7} {len(scenario.map.areas):>6} {statistics.median(loads):>8.2f} {turn:>8.2f} "
            f"{turns[0][1]:>7} {turn / size * 1000:>8.3f} {peak / 1e6:>8.1f}"
        )


if __name__ == "__main__":
    main()
