"""Property testing for scenarios: hypothesis strategies and a ready-made state machine.

Designers can test their own scenarios the way the project tests its own::

    from hypothesis import given
    from wargame.loading import load_scenario
    from wargame.testing import games, ScenarioMachine

    MINE = load_scenario("my-scenario.yaml")

    @given(games(MINE, turns=3))
    def test_blue_keeps_bamako(game):
        assert game.state.control["bamako"] == "blue"

    class TestMine(ScenarioMachine):   # random play, every engine invariant after every step
        scenarios = [MINE]
    TestMine = TestMine.TestCase

The games are random legal play from a seed (so they replay exactly, and hypothesis
shrinks failures towards small seeds); ``wargame playtest`` plays the same games.
Needs hypothesis (``pip install 'seminar-wargame[test]'``).
"""

from __future__ import annotations

from typing import ClassVar

try:
    from hypothesis import note
    from hypothesis import strategies as st
    from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
except ImportError as exc:  # pragma: no cover
    raise ImportError("wargame.testing needs hypothesis: pip install 'seminar-wargame[test]'") from exc

from wargame.analysis.playtest import random_game
from wargame.core.enums import Category, Status
from wargame.core.events import Ruling, UnitMoved, visible
from wargame.core.game import Game
from wargame.core.movement import wrong_bank
from wargame.core.orders import Order
from wargame.core.scenario import Scenario

__all__ = ["ScenarioMachine", "check_invariants", "games", "legal_orders", "seeds"]


def seeds() -> st.SearchStrategy[int]:
    """Game seeds (shrinking towards 0)."""
    return st.integers(min_value=0, max_value=2**31 - 1)


def games(scenario: Scenario, *, turns: int | None = None) -> st.SearchStrategy[Game]:
    """Games of ``scenario`` played by random legal policies from a drawn seed."""
    return seeds().map(lambda seed: random_game(scenario, seed, turns=turns))


def legal_orders(game: Game, side: str) -> st.SearchStrategy[Order]:
    """One of the orders ``side`` may give now (fails to draw if there is none)."""
    return st.sampled_from(sorted(game.legal_orders(side), key=repr))


def check_invariants(game: Game, since: int = 0) -> None:
    """Assert what must always hold: no negative strength, no unbridged Niger crossing
    (for log events from ``since``), exact replay, and side views free of undetected enemies."""
    state, scenario = game.state, game.scenario
    for unit in state.units.values():
        assert unit.strength >= 0, f"{unit.id} has strength {unit.strength}"
    ctx = game.context()
    for event in game.log[since:]:
        if not isinstance(event, Ruling) or event.mechanic in ("airlift", "insertion"):
            continue
        for change in event.changes:
            if not isinstance(change, UnitMoved):
                continue
            if scenario.rules.unit_types[scenario.units[change.unit].type].category is not Category.GROUND:
                continue
            for a, b in zip(change.path, change.path[1:], strict=False):
                routes = [scenario.routes[k] for k in ctx.route_between(a, b)]
                assert routes, f"{change.unit} moved {a} -> {b} with no route ({event.id})"
                assert any(not wrong_bank(ctx, r) for r in routes), f"{change.unit} crossed the Niger {a} -> {b}"
    assert Game.replay(scenario, game.log).state == state, "the log does not replay to the same state"
    for side in scenario.sides:
        view = game.view(side)
        for unit in view.units:
            if unit.side != side:
                truth = state.units[unit.id]
                assert truth.status is Status.ACTIVE and side in truth.detected_by, f"{side} sees {unit.id}"
        assert view.log == tuple(e for e in game.log if visible(e, side)), f"{side}'s log is not the log it may see"


class ScenarioMachine(RuleBasedStateMachine):
    """Random legal play with undo and redo; every invariant is checked after every step.

    Subclass it with ``scenarios = [...]`` (loaded scenarios) and use ``.TestCase``.
    """

    scenarios: ClassVar[list[Scenario]] = []

    @initialize(data=st.data(), seed=seeds())
    def start(self, data: st.DataObject, seed: int) -> None:
        assert self.scenarios, "set `scenarios` on your subclass"
        scenario = data.draw(st.sampled_from(self.scenarios), label="scenario")
        note(f"scenario {scenario.id}, seed {seed}")
        self.game = Game(scenario, seed=seed)
        self.checked = 0

    @precondition(lambda self: not self.game.over and self.game.state.pending is None)
    @rule(data=st.data(), side_index=st.integers(0, 5))
    def give_an_order(self, data: st.DataObject, side_index: int) -> None:
        sides = sorted(self.game.scenario.sides)
        side = sides[side_index % len(sides)]
        legal = sorted(self.game.legal_orders(side), key=repr)
        if legal:
            order = data.draw(st.sampled_from(legal), label="order")
            note(f"{side}: {order}")
            self.game.submit(order, side)

    @precondition(lambda self: not self.game.over)
    @rule(phases=st.integers(1, 12))
    def advance(self, phases: int) -> None:
        for _ in range(phases):
            if self.game.over:
                break
            if self.game.state.pending is not None:
                self.game.decide("roll")
            self.game.advance()

    @rule()
    def undo_and_redo(self) -> None:
        before = self.game.state.copy()
        if self.game.undo():
            assert self.game.redo()
            assert self.game.state == before

    @invariant()
    def invariants_hold(self) -> None:
        if hasattr(self, "game"):
            check_invariants(self.game, self.checked)
            self.checked = len(self.game.log)

    @invariant()
    def every_listed_order_is_legal(self) -> None:
        if not hasattr(self, "game") or self.game.over or self.game.state.resolving:
            return
        for side in self.game.scenario.sides:
            for order in self.game.legal_orders(side):
                assert self.game.validate(order, side) is None, order
