"""The benchmarks still run (a round each at the smallest size); their figures live in docs/performance.md."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"


def load(name: str):
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_the_engine_benchmark_measures_orders_games_and_the_chess_reference():
    pytest.importorskip("chess")
    results = load("bench_engine").bench(["konna-2013"], games=1, repeats=1, chess_games=1)
    konna, chess = results["konna-2013"], results["chess"]
    assert konna["orders_per_s"] > 0 and konna["events_per_game"] > 100
    assert chess["orders_per_s"] > 0 and konna["ratio"] > 0


def test_the_scaling_benchmark_plays_a_turn_of_a_synthetic_scenario():
    bench = load("bench_scaling")
    scenario = bench.load_scenario_text(load("synthetic").synthetic_yaml(40), "synthetic-40.yaml")
    seconds, orders, peak = bench.one_turn(scenario)
    assert seconds > 0 and orders > 0 and peak > 0
