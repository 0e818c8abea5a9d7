"""Random legal play through every bundled scenario, with the engine's invariants after every step.

The machine is :class:`wargame.testing.ScenarioMachine`, the one designers use for their own scenarios.
"""

from __future__ import annotations

from hypothesis import given, settings

from wargame.loading import bundled_scenario_files, load_scenario
from wargame.testing import ScenarioMachine, check_invariants, games

SCENARIOS = [load_scenario(p) for p in bundled_scenario_files()]


class BundledScenarios(ScenarioMachine):
    scenarios = SCENARIOS


BundledScenarios.TestCase.settings = settings(stateful_step_count=20)
TestBundledScenarios = BundledScenarios.TestCase


@settings(max_examples=5)
@given(games(SCENARIOS[0], turns=3))
def test_random_games_keep_every_invariant(game):
    check_invariants(game)
