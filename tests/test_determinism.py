"""Seeds in, identical logs out: determinism, save and load, undo and redo."""

from __future__ import annotations

import pytest

from tests.helpers import random_game
from wargame.core import Game, GameError, Move
from wargame.loading.saves import load_game, save_game, save_text


def test_the_same_seed_and_orders_give_a_byte_identical_log(konna):
    assert save_text(random_game(konna, 7)) == save_text(random_game(konna, 7))


def test_another_seed_gives_another_game(konna):
    assert save_text(random_game(konna, 7)) != save_text(random_game(konna, 8))


def test_save_then_load_gives_the_same_log_and_state(konna, tmp_path):
    game = random_game(konna, 3)
    path = save_game(game, tmp_path / "game.json")
    loaded = load_game(path)
    assert loaded.log == game.log
    assert loaded.state == game.state
    assert save_text(loaded) == save_text(game)


def test_a_saved_game_mid_turn_continues_exactly_as_the_original(konna, tmp_path):
    original = random_game(konna, 11, turns=3)
    loaded = load_game(save_game(original, tmp_path / "mid.json"))
    for game in (original, loaded):
        for _ in range(20):
            if game.state.pending is not None:
                game.decide("roll")
            game.advance()
    assert original.log == loaded.log


def test_undo_then_redo_returns_to_the_same_state(konna):
    game = random_game(konna, 5, turns=2)
    before = game.state.copy()
    log = game.log
    game.advance()
    after = game.state.copy()
    assert game.undo()
    assert game.state == before and game.log == log
    assert game.redo()
    assert game.state == after


def test_undo_of_an_order_withdraws_it(konna):
    game = Game(konna, seed=1)
    while game.phase.id != "movement":
        game.advance()
    game.submit(Move("fama-segou", "sevare"))
    assert game.orders()
    game.undo()
    assert not game.orders()
    assert not game.undo() or game.state.turn == 1  # earlier actions can still be undone


def test_seek_returns_to_the_start_of_a_played_phase_and_undo_comes_back(konna):
    game = random_game(konna, 2)
    end_log = game.log
    game.seek(3, "movement")
    assert (game.turn, game.phase.id) == (3, "movement")
    assert game.state.orders == {}
    assert game.undo()
    assert game.log == end_log


def test_seek_to_an_unplayed_turn_is_refused(konna):
    game = Game(konna, seed=1)
    with pytest.raises(GameError) as refused:
        game.seek(5)
    assert refused.value.code == "unknown-phase"


def test_a_failed_action_leaves_the_game_as_it_was(konna):
    game = Game(konna, seed=1)
    log, state = game.log, game.state.copy()
    with pytest.raises(GameError):
        game.override("R999", "DR", "no such ruling")
    with pytest.raises(GameError):
        game.note("   ")
    assert game.log == log and game.state == state


def test_old_snapshots_are_thinned_and_going_back_past_them_is_exact(konna, monkeypatch):
    from wargame.core import game as game_module

    monkeypatch.setattr(game_module, "SNAPSHOT_RECENT_TURNS", 2)
    game = random_game(konna, 5)
    assert game.turn == 8
    # the start, then one turn in two, then every turn of the last two
    assert sorted(snapshot.turn for snapshot in game._snapshots.values()) == [0, 2, 4, 6, 7, 8]
    end_state, end_log = game.state, game.log
    game.seek(3, "combat")  # from a snapshot two turns back, then replay
    assert game.state == Game.replay(konna, game.log).state
    assert game.undo()  # the seek is undone from the cut it made, not by replaying the game
    assert game.log == end_log and game.state == end_state
    assert game.redo() and game.state == Game.replay(konna, game.log).state
