"""Recovery: what a console that did not close cleanly leaves is offered on the next start."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import random_game
from wargame.core import Game
from wargame.loading import load_scenario
from wargame.tui.app import make_app
from wargame.tui.liveness import lock_path
from wargame.tui.recovery import NEW_GAME, RecoveryApp
from wargame.tui.session import (
    AUTOSAVES_KEPT,
    Session,
    autosaves,
    describe_autosave,
    mark_closed,
    prune_autosaves,
    unfinished_autosaves,
)
from wargame.tui.widgets.map import MapView
from wargame.userdirs import autosave_dir

pytestmark = pytest.mark.asyncio


def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(child.stdout)


def left_by_a_crash(game: Game) -> Path:
    """An autosave as a console that was killed leaves it: written, never closed, its process gone."""
    session = Session(game, game.scenario.id)
    session.write_autosave()
    crashed = session.autosave_path.with_name(session.autosave_path.stem.rsplit("-", 1)[0] + f"-{dead_pid()}.json")
    session.autosave_path.replace(crashed)
    return crashed


async def test_an_autosave_never_closed_is_offered_and_one_closed_cleanly_is_not():
    konna = load_scenario("konna-2013")
    crashed = left_by_a_crash(random_game(konna, 1, turns=2))
    closed = Session(Game(konna, seed=2), "konna-2013")
    closed.write_autosave()
    closed.close_cleanly()
    running = Session(Game(konna, seed=3), "konna-2013")  # this process: a console still running
    running.write_autosave()
    assert unfinished_autosaves() == [crashed]
    assert closed.last_autosave in autosaves(), "wargame play --resume still reopens a game closed cleanly"


CONSOLE_IN_ANOTHER_PROCESS = """
import sys
from wargame.core import Game
from wargame.loading import load_scenario
from wargame.tui.session import Session
session = Session(Game(load_scenario("konna-2013"), seed=1), "konna-2013")
session.write_autosave()
print(session.autosave_path, flush=True)
sys.stdin.read()  # runs until killed
"""


async def test_a_console_running_elsewhere_is_known_by_its_lock_not_its_process_id():
    """The console holds a lock beside its autosave while it runs: its autosave is not offered, even
    under a process id that is no one's (Windows, or an id reused after a crash), until it is killed."""
    console = subprocess.Popen(
        [sys.executable, "-c", CONSOLE_IN_ANOTHER_PROCESS], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        written = Path(console.stdout.readline().strip())
        renamed = written.with_name(written.stem.rsplit("-", 1)[0] + f"-{dead_pid()}.json")
        written.replace(renamed)
        lock_path(written).replace(lock_path(renamed))  # the lock goes with the file it is on
        assert renamed not in unfinished_autosaves()
    finally:
        console.kill()
        console.wait()
    assert unfinished_autosaves() == [renamed]
    prune_autosaves("konna-2013")
    assert lock_path(renamed).exists()  # the autosave is still there to offer: its lock is kept
    mark_closed(renamed)
    prune_autosaves("konna-2013")
    assert not lock_path(renamed).exists()  # answered: the lock of a console long gone is cleared


async def test_a_clean_exit_leaves_no_lock():
    session = Session(Game(load_scenario("konna-2013"), seed=1), "konna-2013")
    session.write_autosave()
    assert lock_path(session.autosave_path).exists()
    written = session.autosave_path
    session.close_cleanly()
    assert not lock_path(written).exists() and not list(autosave_dir().glob(".*.lock"))


async def test_the_offer_says_what_each_autosave_holds_and_which_cannot_be_resumed():
    konna = load_scenario("konna-2013")
    good = left_by_a_crash(random_game(konna, 1, turns=2))
    damaged = left_by_a_crash(Game(konna, seed=5))
    damaged.write_text(damaged.read_text(encoding="utf-8")[:300], encoding="utf-8")
    info = describe_autosave(good)
    assert (info.scenario_id, info.turn, info.problem, info.changed) == ("konna-2013", 3, "", False)
    assert "damaged save" in describe_autosave(damaged).problem
    app = RecoveryApp([describe_autosave(damaged), info], "serval-2013")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#autosaves")
        assert options.get_option_at_index(0).disabled, "a damaged autosave is shown, not offered"
        assert "cannot be resumed: damaged save" in str(options.get_option_at_index(0).prompt)
        assert "konna-2013, turn 3, Injects" in str(options.get_option_at_index(1).prompt)
        assert options.highlighted == 1, "the newest autosave that can be resumed comes first"
        await pilot.press("enter")
    assert app.choice == str(good)


async def test_escape_starts_anew():
    info = describe_autosave(left_by_a_crash(Game(load_scenario("konna-2013"), seed=1)))
    app = RecoveryApp([info], "serval-2013")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape")
    assert app.choice == NEW_GAME


async def test_an_error_no_action_caught_is_logged_with_the_autosave_before_the_console_closes(monkeypatch):
    def broken(self):
        raise RuntimeError("a bug in drawing the map")

    app = make_app(Game(load_scenario("konna-2013"), seed=1), "konna-2013")
    with pytest.raises(RuntimeError, match="a bug in drawing the map"):
        async with app.run_test(size=(120, 40)) as pilot:
            monkeypatch.setattr(MapView, "render", broken)
            app.screen.query_one(MapView).refresh()
            await pilot.pause()
    log = (Path(os.environ["WARGAME_HOME"]) / "logs" / "errors.log").read_text(encoding="utf-8")
    assert "the console closed on an error" in log and "a bug in drawing the map" in log
    assert f"autosave: {app.session.autosave_path}" in log
    assert app.session.autosave_path.exists()


async def test_the_last_several_autosaves_of_a_scenario_are_kept():
    konna = load_scenario("konna-2013")
    for seed in range(AUTOSAVES_KEPT + 3):
        left_by_a_crash(Game(konna, seed=seed))
    prune_autosaves("konna-2013")
    assert len(autosaves()) == AUTOSAVES_KEPT


async def test_temporary_files_left_by_writes_cut_short_are_cleared_once_stale():
    folder = autosave_dir()
    stale, fresh = folder / ".konna-2013-1.json.a1b2.tmp", folder / ".konna-2013-2.json.c3d4.tmp"
    for temp in (stale, fresh):
        temp.write_text('{"schema_ver', encoding="utf-8")  # what a killed write leaves
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    prune_autosaves("konna-2013")
    assert not stale.exists() and fresh.exists()  # fresh: perhaps another console writing now


async def test_an_offer_once_answered_is_not_made_again_and_the_game_resumes_from_the_autosave(monkeypatch):
    import wargame.tui.app
    from wargame.tui import launch as launch_module

    crashed = random_game(load_scenario("konna-2013"), 1, turns=2)
    left_by_a_crash(crashed)
    opened = []

    class Console:  # stands in for the console: records the game it was given, exits cleanly
        def __init__(self, game, scenario_ref, **_):
            self.session = Session(game, scenario_ref)
            self.return_code = 0
            opened.append(game)

        def run(self):
            self.session.write_autosave()

    monkeypatch.setattr(launch_module, "_offer", lambda paths, ref, resume: str(paths[0]))
    monkeypatch.setattr(wargame.tui.app, "make_app", Console)
    assert launch_module.launch("serval-2013") == 0
    assert opened[0].log == crashed.log, "the console opened the game the crash left"
    assert unfinished_autosaves() == [], "answered once, the offer is not made again"
    assert all(path.stem.endswith("-closed") for path in autosaves()), "and the autosaves are kept"
