"""Adjudication modes changed in play: the matrix decides arguments only."""

from __future__ import annotations

import pytest

from wargame.core import Game, GameError
from wargame.core.enums import Mode
from wargame.loading import load_scenario


def test_the_matrix_decides_arguments_and_nothing_else():
    game = Game(load_scenario("konna-2013"), seed=1)
    with pytest.raises(GameError) as refused:
        game.set_mode("attack", Mode.MATRIX)
    assert refused.value.code == "bad-mode"
    assert not game.can_undo, "a refused change leaves nothing in the log"
    game.set_mode("argument", Mode.MATRIX)
    game.set_mode("attack", Mode.SEMI_RIGID)
    assert game.state.modes == {"argument": Mode.MATRIX, "attack": Mode.SEMI_RIGID}
