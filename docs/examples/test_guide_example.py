"""Property tests for the guide's scenario (docs/authoring.md, "Test your scenario").

Run them with:  pytest docs/examples/test_guide_example.py
Each test plays many random games (random legal orders for every side, from a seed);
hypothesis reports the smallest seed that breaks a property, and that seed replays
exactly with ``wargame run docs/examples/guide-example.yaml --seed N``.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings

from wargame.core.enums import Status
from wargame.loading import load_scenario
from wargame.testing import ScenarioMachine, games

SCENARIO = load_scenario(Path(__file__).with_name("guide-example.yaml"))
FEW = settings(max_examples=20, deadline=None)


@FEW
@given(games(SCENARIO))
def test_the_licorne_squadron_arrives_only_once_paris_commits_it(game):
    if game.state.units["gtia1-licorne"].status is not Status.PENDING:
        assert game.state.gates["west-front"]


@FEW
@given(games(SCENARIO))
def test_diabaly_is_retaken_only_after_it_has_fallen(game):
    if "diabaly-retaken" in game.state.fired:
        assert "diabaly-falls" in game.state.fired


@FEW
@given(games(SCENARIO, turns=3))
def test_only_red_escapes_into_mauritania(game):
    for unit in game.state.units.values():
        if unit.status is Status.ESCAPED:
            assert unit.side == "red", f"{unit.id} escaped"


class TestDiabaly(ScenarioMachine):
    """Random play with undo and redo; the engine's invariants after every step."""

    scenarios = [SCENARIO]  # noqa: RUF012


TestDiabaly = TestDiabaly.TestCase
TestDiabaly.settings = settings(max_examples=10, stateful_step_count=20, deadline=None)
