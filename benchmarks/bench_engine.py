"""Engine speed: orders adjudicated per second and whole games per second, against chess.

Usage: ``python benchmarks/bench_engine.py [--games N] [--repeats R] [--chess-games C] [SCENARIO ...]``

For each scenario, plays N games with the random legal policy (seeds 1..N), R times, and
reports medians: the time to adjudicate an order (the part of ``advance`` spent resolving
orders, divided by the orders resolved), whole games per second (policy included), and
events per game.

The reference, measured in the same rounds: C random games of chess with python-chess
(``pip install chess``), each ply a list of the legal moves, a random pick, the move made
and the end of the game checked. The ratio is our orders per second over its plies per
second, computed round by round so that both sides of it meet the same load on a shared,
noisy machine; quote the medians.
"""

from __future__ import annotations

import argparse
import importlib.util
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


def one_round(scenario, games: int) -> tuple[float, float, float]:
    """(seconds per order, seconds per game, events per game) over seeds 1..games."""
    totals = [one_game(scenario, seed) for seed in range(1, games + 1)]
    per_order = sum(t[1] for t in totals) / max(1, sum(t[2] for t in totals))
    return per_order, sum(t[0] for t in totals) / games, statistics.mean(t[3] for t in totals)


def chess_round(games: int) -> tuple[float, float]:
    """(seconds per ply, seconds per game) of random chess games with python-chess."""
    import chess

    plies, start = 0, time.perf_counter()
    for seed in range(1, games + 1):
        rng, board = random.Random(seed), chess.Board()
        while not board.is_game_over():
            board.push(rng.choice(list(board.legal_moves)))
            plies += 1
    seconds = time.perf_counter() - start
    return seconds / plies, seconds / games


def bench(names: list[str], games: int, repeats: int, chess_games: int) -> dict[str, dict]:
    """Medians over ``repeats`` rounds; each round plays every scenario and the chess reference."""
    scenarios = {name: load_scenario(name) for name in names}
    rounds: dict[str, list] = {name: [] for name in names}
    chess_rounds: list[tuple[float, float]] = []
    for _ in range(repeats):
        if chess_games:
            chess_rounds.append(chess_round(chess_games))
        for name, scenario in scenarios.items():
            rounds[name].append(one_round(scenario, games))
    results = {}
    for name, measured in rounds.items():
        per_order = statistics.median(m[0] for m in measured)
        per_game = statistics.median(m[1] for m in measured)
        result = {
            "ms_per_order": per_order * 1000,
            "orders_per_s": 1 / per_order,
            "s_per_game": per_game,
            "games_per_s": 1 / per_game,
            "events_per_game": statistics.median(m[2] for m in measured),
        }
        if chess_rounds:  # per round: the chess ply time over our order time
            result["ratio"] = statistics.median(c[0] / m[0] for c, m in zip(chess_rounds, measured, strict=True))
        results[name] = result
    if chess_rounds:
        ply = statistics.median(c[0] for c in chess_rounds)
        game = statistics.median(c[1] for c in chess_rounds)
        results["chess"] = {
            "ms_per_order": ply * 1000,
            "orders_per_s": 1 / ply,
            "s_per_game": game,
            "games_per_s": 1 / game,
            "ratio": 1.0,
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", help="scenario ids (default: every bundled one)")
    parser.add_argument("--games", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--chess-games", type=int, default=20, help="random chess games a round (0: no reference)")
    args = parser.parse_args()
    names = args.scenarios or [p.stem for p in bundled_scenario_files()]
    chess_games = args.chess_games
    if chess_games and importlib.util.find_spec("chess") is None:
        print("python-chess is not installed (pip install chess): no reference")
        chess_games = 0
    print(f"python {platform.python_version()} on {platform.machine()}, {platform.processor() or platform.system()}")
    print(f"{'':<14} {'ms/order':>9} {'orders/s':>9} {'s/game':>8} {'games/s':>8} {'events/game':>12} {'ratio':>6}")
    for name, r in bench(names, args.games, args.repeats, chess_games).items():
        label = "chess (plies)" if name == "chess" else name
        ratio = f"{r['ratio']:>6.2f}" if "ratio" in r else ""
        events = f"{r['events_per_game']:>12.0f}" if "events_per_game" in r else f"{'':>12}"
        print(
            f"{label:<14} {r['ms_per_order']:>9.3f} {r['orders_per_s']:>9.0f} {r['s_per_game']:>8.3f} "
            f"{r['games_per_s']:>8.1f} {events} {ratio}"
        )


if __name__ == "__main__":
    main()
