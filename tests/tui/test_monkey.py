"""The console never dies: long random sequences of keys and clicks, over several scenarios.

Hypothesis draws a scenario and a sequence of key presses (every key the console binds,
keys it does not, text typed into whatever dialog is open) and mouse clicks anywhere on
the screen. After the sequence the console must still be running on its main screen or a
dialog above it, the game must be exactly what its log replays to, and no unexpected
exception may have happened (the console writes each one to errors.log in the user's data
folder, with the autosave's path: the test fails if that file exists). Quit keys are left
out: quitting is not dying. Failing sequences shrink to the shortest that fails.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.core import Game
from wargame.loading import load_scenario
from wargame.tui.app import make_app

SCENARIOS = ["konna-2013", "gao-2013", "ecowas-2012"]
SIZE = (120, 40)

GAME_KEYS = ["space", "o", "d", "a", "n", "v", "b", "ctrl+z", "ctrl+y", "ctrl+s", "ctrl+o", "ctrl+e", "question_mark"]
PANEL_KEYS = [*"1234567", "p", "k", "l", "w", "x", "delete", "r", "y"]
MAP_KEYS = ["plus", "minus", "0", "up", "down", "left", "right"]
MOVING_KEYS = ["tab", "shift+tab", "enter", "escape", "pageup", "pagedown", "home", "end", "backspace", "ctrl+p"]
KEYS = GAME_KEYS + PANEL_KEYS + MAP_KEYS + MOVING_KEYS

keys = st.sampled_from(KEYS).map(lambda key: ("key", key))
typing = st.text(alphabet="abcdefghijklmnopqrstuvwxyz 0123456789-:./", min_size=1, max_size=8).map(
    lambda text: ("type", text)
)
clicks = st.tuples(st.integers(0, SIZE[0] - 1), st.integers(0, SIZE[1] - 1)).map(lambda xy: ("click", xy))
steps = st.lists(st.one_of(keys, keys, keys, typing, clicks), min_size=10, max_size=60)


@cache
def scenario(scenario_id: str):
    return load_scenario(scenario_id)


async def drive(scenario_id: str, sequence: list, home: Path) -> None:
    game = Game(scenario(scenario_id), seed=1)
    app = make_app(game, scenario_id)
    async with app.run_test(size=SIZE) as pilot:
        for kind, value in sequence:
            if kind == "key":
                await pilot.press(value)
            elif kind == "type":
                await pilot.press(*value)
            else:
                await pilot.click(offset=value)
        await pilot.pause()
        assert app.is_running, "the console stopped"
        assert app.game.state == Game.replay(app.game.scenario, app.game.log).state, "the state is not its log's"
    errors = home / "logs" / "errors.log"
    assert not errors.exists(), errors.read_text(encoding="utf-8")


@settings(
    max_examples=max(3, settings().max_examples // 6),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(scenario_id=st.sampled_from(SCENARIOS), sequence=steps)
def test_the_console_survives_random_keys_and_clicks(scenario_id, sequence):
    with tempfile.TemporaryDirectory() as folder:
        home, work = Path(folder) / "home", Path(folder) / "work"
        work.mkdir()
        before = (os.environ.get("WARGAME_HOME"), Path.cwd())
        os.environ["WARGAME_HOME"] = str(home)
        os.chdir(work)  # saves and reports typed at random land here
        try:
            asyncio.run(drive(scenario_id, sequence, home))
        finally:
            os.chdir(before[1])
            if before[0] is None:
                os.environ.pop("WARGAME_HOME", None)
            else:
                os.environ["WARGAME_HOME"] = before[0]
