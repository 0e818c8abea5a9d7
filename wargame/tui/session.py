"""The console's hold on a game: autosave, the facilitator's view, error handling.

UI-free: the Textual app wraps one :class:`Session`. Every action the facilitator takes
goes through :meth:`Session.act`, which keeps the game as it was if anything fails,
autosaves after every phase, and says what went wrong in a sentence.
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from attrs import define, field

from wargame import __version__
from wargame.core.game import Game, GameError
from wargame.loading.saves import SaveError, save_game
from wargame.userdirs import autosave_dir, log_dir

AUTOSAVES_KEPT = 5


@define
class Outcome:
    """What an action did: its result, or a message to show (and how serious it is)."""

    ok: bool
    value: Any = None
    message: str = ""
    severity: str = "information"


@define
class Session:
    """A game in the console, with where it autosaves and where it was last saved."""

    game: Game
    scenario_ref: str
    save_path: Path | None = None
    autosave: bool = True
    autosave_path: Path = field(init=False)
    last_autosave: Path | None = None

    def __attrs_post_init__(self) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        self.autosave_path = autosave_dir() / f"{self.game.scenario.id}-{stamp}-{os.getpid()}.json"

    def act(self, what: str, action: Callable[..., Any], *args: Any, **kwargs: Any) -> Outcome:
        """Run an action on the game; never raise. Autosave when the phase changed."""
        before = (self.game.turn, self.game.state.phase_index, len(self.game.log))
        try:
            value = action(*args, **kwargs)
        except GameError as exc:
            return Outcome(False, message=exc.message, severity="warning")
        except (SaveError, OSError) as exc:
            return Outcome(False, message=f"{what}: {exc}", severity="error")
        except Exception as exc:
            log = self.log_crash(what)
            return Outcome(
                False, message=f"{what} failed: {type(exc).__name__}: {exc} (details in {log})", severity="error"
            )
        after = (self.game.turn, self.game.state.phase_index)
        if self.autosave and (after != before[:2] or self.game.over):
            self.write_autosave()
        return Outcome(True, value)

    def default_save_path(self) -> Path:
        """Where ctrl+s proposes to save: the file last saved or opened, unless it is an autosave
        (the autosave folder is pruned), else ``<scenario id>.json`` in the current folder."""
        if self.save_path is not None and not is_autosave(self.save_path):
            return self.save_path
        return Path.cwd() / f"{self.game.scenario.id}.json"

    def write_autosave(self) -> None:
        try:
            save_game(self.game, self.autosave_path, self.scenario_ref)
            self.last_autosave = self.autosave_path
        except OSError:
            pass  # an autosave that cannot be written must not stop the game
        prune_autosaves(self.game.scenario.id)

    def log_crash(self, what: str) -> Path:
        path = log_dir() / "errors.log"
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"--- wargame {__version__} console, {dt.datetime.now():%Y-%m-%d %H:%M:%S}: {what}\n")
            handle.write(f"autosave: {self.last_autosave or 'none yet'}\n")
            handle.write(traceback.format_exc())
        return path


def prune_autosaves(scenario_id: str, keep: int = AUTOSAVES_KEPT) -> None:
    """Keep the newest autosaves of each scenario; delete older ones."""
    files = sorted(autosave_dir().glob(f"{scenario_id}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[keep:]:
        old.unlink(missing_ok=True)


def is_autosave(path: Path) -> bool:
    """Whether a file is in the autosave folder."""
    return path.resolve().parent == autosave_dir().resolve()


def latest_autosave() -> Path | None:
    """The most recent autosave of any scenario."""
    files = list(autosave_dir().glob("*.json"))
    return max(files, key=lambda p: p.stat().st_mtime) if files else None
