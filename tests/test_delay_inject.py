"""Delaying an inject holds it back from the turn it is due, never brings it forward."""

from __future__ import annotations

from wargame.core import Game
from wargame.core.scenario import Inject
from wargame.loading import load_scenario


def konna() -> Game:
    return Game(load_scenario("konna-2013"), seed=1)


def play_to_turn(game: Game, turn: int) -> None:
    while game.turn < turn and not game.over:
        game.advance()


def test_a_future_inject_is_delayed_from_its_due_turn():
    game = konna()
    assert game.inject_due_turn("serval") == 5  # 11 Jan, turn 5 of daily turns from 7 Jan
    assert game.delay_inject("serval", 1) == 6
    assert dict((i.id, when) for i, when in game.upcoming_injects())["serval"] == "delayed to turn 6"
    play_to_turn(game, 5)
    assert "serval" not in game.state.fired, "a delay must never bring an inject forward"


def test_delays_add_up():
    game = konna()
    game.delay_inject("serval", 1)
    assert game.delay_inject("serval", 2) == 8


def test_an_inject_with_a_condition_only_is_delayed_from_the_current_turn():
    game = konna()
    play_to_turn(game, 2)
    assert game.inject_due_turn("konna-falls") is None
    assert game.delay_inject("konna-falls", 1) == 3


def test_an_inject_already_due_is_delayed_from_the_current_turn():
    game = konna()
    play_to_turn(game, 2)
    game.write_inject(Inject("late", "Due on turn 1", turn=1))
    assert game.inject_due_turn("late") == 1
    assert game.delay_inject("late", 1) == 3
