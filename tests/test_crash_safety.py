"""A process killed while saving leaves the previous save or the new one, never a broken file.

A child process saves two different games over the same file, again and again; it is
killed (SIGKILL: no clean-up runs) at a random moment, 200 times. After each kill the file
must be one of the two saves, whole, and must load. Temporary files left by a kill in
mid-write are never taken for saves.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time

import pytest

from tests.helpers import random_game
from wargame.loading import load_scenario
from wargame.loading.saves import load_game, save_text, write_atomically

KILLS = 200

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")


def saving_forever(path, texts: list[str]) -> None:
    """The child: save each text in turn, for ever (until killed)."""
    try:
        while True:
            for text in texts:
                write_atomically(path, text)
    finally:
        os._exit(0)


def test_a_save_killed_at_random_moments_is_always_the_old_or_the_new(tmp_path):
    scenario = load_scenario("konna-2013")
    early, late = random_game(scenario, 1, turns=2), random_game(scenario, 1)
    texts = [save_text(early), save_text(late)]
    path = tmp_path / "game.json"
    write_atomically(path, texts[0])
    rng = random.Random(7)
    seen = {0: 0, 1: 0}
    for _ in range(KILLS):
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            saving_forever(path, texts)
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        text = path.read_text(encoding="utf-8")
        assert text in texts, "a killed save left a file that is neither the old save nor the new one"
        seen[texts.index(text)] += 1
        load_game(path, scenario)  # and it loads
    assert seen[0] and seen[1], f"the kills did not land at varied moments: {seen}"
    leftovers = [p.name for p in tmp_path.iterdir() if p != path]
    print(f"kills: {KILLS}, old {seen[0]}, new {seen[1]}, temporary files left by kills in mid-write: {len(leftovers)}")
    assert all(name.startswith(".game.json.") and name.endswith(".tmp") for name in leftovers), leftovers
