"""The console's hold on a game: autosave, the facilitator's view, error handling.

UI-free: the Textual app wraps one :class:`Session`. Every action the facilitator takes
goes through :meth:`Session.act`, which keeps the game as it was if anything fails,
autosaves after every phase, and says what went wrong in a sentence.
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from attrs import define, field

from wargame import __version__
from wargame.core.game import Game, GameError
from wargame.loading.saves import SaveError, save_game
from wargame.tui.liveness import ConsoleLock, lock_held, lock_path
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
    _lock: ConsoleLock = field(init=False)

    def __attrs_post_init__(self) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        self.autosave_path = autosave_dir() / f"{self.game.scenario.id}-{stamp}-{os.getpid()}.json"
        self._lock = ConsoleLock(lock_path(self.autosave_path))  # says "running" to other consoles
        if self.autosave:
            self._lock.acquire()

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

    def log_crash(self, what: str, error: BaseException | None = None) -> Path:
        """Append the error (the one being handled, if not given) to errors.log, with the autosave's path."""
        path = log_dir() / "errors.log"
        details = "".join(traceback.format_exception(error)) if error is not None else traceback.format_exc()
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"--- wargame {__version__} console, {dt.datetime.now():%Y-%m-%d %H:%M:%S}: {what}\n")
            handle.write(f"autosave: {self.last_autosave or 'none yet'}\n")
            handle.write(details)
        return path

    def close_cleanly(self) -> None:
        """Mark this session's autosave as closed by a clean exit: it is not offered for recovery."""
        if self.last_autosave is not None and self.last_autosave.exists():
            self.last_autosave = self.autosave_path = mark_closed(self.last_autosave)
        self._lock.release()


NEW_GAME = "new"
"""The recovery offer's answer for "start anew" rather than resume an autosave."""

CLOSED = "-closed"
"""Suffix of an autosave whose console closed cleanly."""


def mark_closed(path: Path) -> Path:
    """Mark an autosave as dealt with (closed cleanly, or offered for recovery and answered): it stays
    in the folder, but is not offered again."""
    if path.stem.endswith(CLOSED):
        return path
    closed = path.with_name(path.stem + CLOSED + ".json")
    path.replace(closed)
    return closed


STALE_TEMP_SECONDS = 600
"""A temporary file this old in the autosave folder was left by a console killed while writing."""


def prune_autosaves(scenario_id: str, keep: int = AUTOSAVES_KEPT) -> None:
    """Keep the newest autosaves of each scenario; delete older ones, and the temporary files of
    writes that were cut short (a write takes well under a second, so an old one is no one's)."""
    folder = autosave_dir()
    for old in _newest_first(folder.glob(f"{scenario_id}-*.json"))[keep:]:
        old.unlink(missing_ok=True)
    now = dt.datetime.now().timestamp()
    for temp in folder.glob(".*.tmp"):
        if now - _modified(temp) > STALE_TEMP_SECONDS:
            temp.unlink(missing_ok=True)
    for lock in folder.glob(f".{scenario_id}-*.lock"):
        if not lock.with_name(lock.stem[1:] + ".json").exists() and lock_held(lock) is False:
            lock.unlink(missing_ok=True)  # its console has gone and its autosave was answered or pruned


def _modified(path: Path) -> float:
    """When a file was last written (0 if another console has just removed it)."""
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def _newest_first(paths: Iterable[Path]) -> list[Path]:
    return sorted(paths, key=_modified, reverse=True)


def is_autosave(path: Path) -> bool:
    """Whether a file is in the autosave folder."""
    return path.resolve().parent == autosave_dir().resolve()


def autosaves() -> list[Path]:
    """Every autosave, newest first."""
    return _newest_first(autosave_dir().glob("*.json"))


def unfinished_autosaves() -> list[Path]:
    """Autosaves of consoles that did not close cleanly and are no longer running, newest first:
    what a crash (or a killed terminal) left behind, to offer for resuming."""
    return [p for p in autosaves() if not p.stem.endswith(CLOSED) and not _console_running(p)]


def _console_running(path: Path) -> bool:
    """Whether the console that writes an autosave is still running: it holds the autosave's lock
    (``wargame.tui.liveness``); autosaves from before locks are judged by the process id ending
    their name."""
    held = lock_held(lock_path(path))
    if held is not None:
        return held
    pid = path.stem.rsplit("-", 1)[-1]
    if not pid.isdigit() or os.name != "posix":
        return False  # no safe way to ask elsewhere: treat it as a console that has gone
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # a process of another user holds that id
    return True


@define
class AutosaveInfo:
    """What the recovery offer says about an autosave, read without replaying it."""

    path: Path
    scenario_id: str = ""
    turn: int = 0
    phase: str = ""
    saved: dt.datetime | None = None
    problem: str = ""
    """Why it cannot be resumed ('' if it can)."""
    changed: bool = False
    """Its scenario has changed since it was saved: it can be resumed, but the replay may differ."""


def describe_autosave(path: Path) -> AutosaveInfo:
    """The scenario, turn and phase an autosave holds, or what is wrong with it."""
    from wargame.loading import ScenarioError, load_scenario
    from wargame.loading.saves import read_save_data

    info = AutosaveInfo(path, saved=dt.datetime.fromtimestamp(path.stat().st_mtime))
    try:
        header, data = read_save_data(path)
    except SaveError as exc:
        info.problem = str(exc).removeprefix(f"{path}: ")
        return info
    info.scenario_id = header.scenario_id
    for event in reversed(data["events"]):
        if isinstance(event, dict) and event.get("event") == "phase_began":
            info.turn, info.phase = int(event.get("turn", 0)), str(event.get("phase", ""))
            break
    try:
        scenario = load_scenario(header.scenario_ref)
    except ScenarioError:
        info.problem = f"its scenario {header.scenario_ref!r} cannot be loaded"
        return info
    info.changed = scenario.content_hash != header.scenario_hash
    info.phase = next((p.title for p in scenario.rules.phases if p.id == info.phase), info.phase)
    return info
