"""A long session: memory, undo, seek, save and load over a 100-turn game.

Usage: ``python benchmarks/bench_long_session.py [--units 100] [--turns 100] [--repeats 5]``

A synthetic scenario (``benchmarks/synthetic.py``) of N units is played for T daily turns,
every side giving random legal orders in every phase (about an event per unit per
phase). Every ten turns it records the memory the game holds (traced allocations), the
events in the log and the snapshots kept. At the end it times, as medians of repeated
tries: undo and redo of the last action, seek back to turns 1, T/2 and T-1 and undo the
seek, save (atomic JSON) and load (read and replay). The claims in docs/reliability.md:
memory grows with the log, not faster; undo, seek, save and load stay well under a second.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import synthetic_yaml

from wargame.analysis import RandomPolicy
from wargame.core import Game
from wargame.loading import load_scenario_text
from wargame.loading.saves import load_game, save_game


def play_turn(game: Game, policy: RandomPolicy, rng: random.Random) -> None:
    """Every side's random legal orders in every phase of the current turn."""
    turn = game.turn
    while game.turn == turn and not game.over:
        if game.state.pending is not None:
            game.decide("roll")
            continue
        if game.phase.orders and not game.state.resolving:
            for side in game.scenario.sides:
                for order in policy.choose(game, side, rng):
                    if game.validate(order, side) is None:
                        game.submit(order, side)
        game.advance()


def timed(action, repeats: int) -> float:
    """Median milliseconds of ``action()``."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--turns", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    scenario = load_scenario_text(synthetic_yaml(args.units, turns=args.turns), "long-session.yaml")
    phases = len(scenario.rules.phases)
    game, policy, rng = Game(scenario, seed=1), RandomPolicy(activity=1.0), random.Random(1)

    print(f"{args.units} units, {len(scenario.map.areas)} areas, {args.turns} turns of {phases} phases")
    print(f"{'turn':>5} {'events':>8} {'ev/unit/phase':>14} {'snapshots':>10} {'memory MB':>10} {'KB/event':>9}")
    tracemalloc.start()
    start = time.perf_counter()
    while not game.over:
        play_turn(game, policy, rng)
        if game.turn % 10 == 1 or game.over:
            memory = tracemalloc.get_traced_memory()[0]
            played = game.turn - 1 if not game.over else args.turns
            events = len(game.log)
            print(
                f"{played:>5} {events:>8} {events / (args.units * phases * max(played, 1)):>14.2f} "
                f"{len(game._snapshots):>10} {memory / 1e6:>10.1f} {memory / events / 1e3:>9.2f}"
            )
    tracemalloc.stop()
    print(f"played in {time.perf_counter() - start:.1f} s (with memory tracing)")

    def undo_redo() -> None:
        assert game.undo() and game.redo()

    def seek(turn: int):
        def go_and_come_back() -> None:
            game.seek(turn)
            assert game.undo()

        return go_and_come_back

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.json"
        rows = [
            ("undo + redo of the last action", timed(undo_redo, args.repeats)),
            *[(f"seek to turn {t} + undo", timed(seek(t), args.repeats)) for t in (1, args.turns // 2, args.turns - 1)],
            ("save", timed(lambda: save_game(game, path), args.repeats)),
            ("load (read and replay)", timed(lambda: load_game(path, scenario), args.repeats)),
        ]
        size = path.stat().st_size
    for label, ms in rows:
        print(f"{label:<34} {ms:>9.1f} ms")
    print(f"save file: {size / 1e6:.1f} MB, {len(game.log)} events")


if __name__ == "__main__":
    main()
