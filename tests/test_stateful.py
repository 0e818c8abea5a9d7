"""Random legal play through the bundled scenarios, checking the engine's invariants after every step.

Invariants: strength is never negative; no ground unit reaches the other bank of the
Niger except by a crossing; the log replays to the same state; a side's view never holds
an enemy unit it has not detected; every listed legal order validates.
"""

from __future__ import annotations

from hypothesis import note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from wargame.core import Game
from wargame.core.enums import Category, Status
from wargame.core.events import Ruling, UnitMoved
from wargame.core.movement import wrong_bank
from wargame.loading import bundled_scenario_files, load_scenario

SCENARIOS = {p.stem: load_scenario(p) for p in bundled_scenario_files()}


class GameMachine(RuleBasedStateMachine):
    """Plays random legal orders, advances, undoes and redoes."""

    game: Game

    @initialize(scenario=st.sampled_from(sorted(SCENARIOS)), seed=st.integers(0, 10_000))
    def start(self, scenario: str, seed: int) -> None:
        note(f"scenario {scenario}, seed {seed}")
        self.game = Game(SCENARIOS[scenario], seed=seed)
        self.checked = 0

    @precondition(lambda self: not self.game.over and self.game.state.pending is None)
    @rule(data=st.data(), side_index=st.integers(0, 5))
    def give_an_order(self, data, side_index: int) -> None:
        sides = sorted(self.game.scenario.sides)
        side = sides[side_index % len(sides)]
        legal = sorted(self.game.legal_orders(side), key=repr)
        if not legal:
            return
        order = data.draw(st.sampled_from(legal), label="order")
        note(f"{side}: {order}")
        self.game.submit(order, side)

    @precondition(lambda self: not self.game.over)
    @rule()
    def advance(self) -> None:
        if self.game.state.pending is not None:
            self.game.decide("roll")
        else:
            self.game.advance()

    @precondition(lambda self: not self.game.over)
    @rule(turns=st.integers(1, 3))
    def play_on(self, turns: int) -> None:
        """Advance several phases at once, so games reach their later turns."""
        for _ in range(turns * len(self.game.scenario.rules.phases)):
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
    def strength_is_never_negative(self) -> None:
        for unit in self.game.state.units.values():
            assert unit.strength >= 0, unit

    @invariant()
    def ground_units_cross_the_niger_only_at_crossings(self) -> None:
        scenario = self.game.scenario
        ctx = self.game.context()
        for event in self.game.log[self.checked :]:
            if not isinstance(event, Ruling):
                continue
            for change in event.changes:
                if not isinstance(change, UnitMoved) or len(change.path) < 2:
                    continue
                if scenario.rules.unit_types[scenario.units[change.unit].type].category is not Category.GROUND:
                    continue
                if event.mechanic in ("airlift", "insertion"):
                    continue
                for a, b in zip(change.path, change.path[1:], strict=False):
                    routes = [scenario.routes[k] for k in ctx.route_between(a, b)]
                    assert routes, f"{change.unit} moved {a} -> {b} with no route"
                    assert any(not wrong_bank(ctx, r) for r in routes), f"{change.unit} crossed the Niger {a} -> {b}"
        self.checked = len(self.game.log)

    @invariant()
    def the_log_replays_to_the_same_state(self) -> None:
        replayed = Game.replay(self.game.scenario, self.game.log)
        assert replayed.state == self.game.state

    @invariant()
    def a_side_never_sees_an_undetected_enemy(self) -> None:
        state = self.game.state
        for side in self.game.scenario.sides:
            for unit in self.game.view(side).units:
                if unit.side != side:
                    truth = state.units[unit.id]
                    assert truth.status is Status.ACTIVE and side in truth.detected_by, (side, unit.id)

    @invariant()
    def every_listed_order_is_legal(self) -> None:
        if self.game.over or self.game.state.resolving:
            return
        for side in self.game.scenario.sides:
            for order in self.game.legal_orders(side):
                assert self.game.validate(order, side) is None, order


GameMachine.TestCase.settings = settings(stateful_step_count=25)
TestGame = GameMachine.TestCase
