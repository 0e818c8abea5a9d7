"""Small helpers shared by tests."""

from __future__ import annotations

from wargame.analysis import RandomPolicy, play
from wargame.core import Game
from wargame.core.scenario import Scenario
from wargame.core.state import GameState


def random_game(scenario: Scenario, seed: int, *, turns: int | None = None) -> Game:
    """A game played by random legal policies for every side."""
    game = Game(scenario, seed=seed)
    play(game, dict.fromkeys(scenario.sides, RandomPolicy()), seed=seed, turns=turns)
    return game


def same_state(a: GameState, b: GameState) -> bool:
    """Whether two states are equal in every field."""
    return a == b
