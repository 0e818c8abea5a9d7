"""Engine speed: orders adjudicated per second and whole games per second.

Usage: ``python benchmarks/bench_engine.py [--games N] [--repeats R] [SCENARIO ...]``

For each scenario, plays N games with the random legal policy (seeds 1..N), R times, and
reports medians: the time to adjudicate an order (the part of ``advance`` spent resolving
orders, divided by the orders resolved), whole games per second (policy included), and
events per game. The machine is shared and noisy, so quote medians, not single runs.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import time

from wargame.analysis import RandomPolicy
from wargame.core import Game
from wargame.core.events import Ruling
from wargame.loading import bundled_scenario_files, load_scenario


def one_game(scenario, seed: int) -> tuple[float, float, int, int]:
    """(total seconds, seconds adjudicating orders, orders adjudicated, events) for one game."""
    policy, rng = RandomPolicy(), random.Random(seed)
    start = time.perf_counter()
    game = Game(scenario, seed=seed)
    adjudicating = 0.0
    orders = 0
    while not game.over:
        if game.state.pending is not None:
            game.decide("roll")
            continue
        if not game.state.resolving and game.phase.orders:
            for side in scenario.sides:
                for order in policy.choose(game, side, rng):
                    if game.validate(order, side) is None:
                        game.submit(order, side)
        before = len(game.log)
        tick = time.perf_counter()
        game.advance()
        elapsed = time.perf_counter() - tick
        resolved = sum(1 for e in game.log[before:] if isinstance(e, Ruling) and e.order_id)
        if resolved:
            adjudicating += elapsed
            orders += resolved
    return time.perf_counter() - start, adjudicating, orders, len(game.log)


def bench(scenario_id: str, games: int, repeats: int) -> dict:
    scenario = load_scenario(scenario_id)
    per_order, per_game, events = [], [], []
    for _ in range(repeats):
        totals = [one_game(scenario, seed) for seed in range(1, games + 1)]
        seconds = sum(t[0] for t in totals)
        per_game.append(seconds / games)
        per_order.append(sum(t[1] for t in totals) / max(1, sum(t[2] for t in totals)))
        events.append(statistics.mean(t[3] for t in totals))
    return {
        "scenario": scenario_id,
        "ms_per_order": statistics.median(per_order) * 1000,
        "orders_per_s": 1 / statistics.median(per_order),
        "s_per_game": statistics.median(per_game),
        "games_per_s": 1 / statistics.median(per_game),
        "events_per_game": statistics.median(events),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", help="scenario ids (default: every bundled one)")
    parser.add_argument("--games", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    names = args.scenarios or [p.stem for p in bundled_scenario_files()]
    print(f"python {platform.python_version()} on {platform.machine()}, {platform.processor() or platform.system()}")
    print(f"{'scenario':<14} {'ms/order':>9} {'orders/s':>9} {'s/game':>8} {'games/s':>8} {'events/game':>12}")
    for name in names:
        r = bench(name, args.games, args.repeats)
        print(
            f"{r['scenario']:<14} {r['ms_per_order']:>9.3f} {r['orders_per_s']:>9.0f} {r['s_per_game']:>8.3f} "
            f"{r['games_per_s']:>8.1f} {r['events_per_game']:>12.0f}"
        )


if __name__ == "__main__":
    main()
