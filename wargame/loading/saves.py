"""Save files: the scenario's name and hash, the seed, and the event log, as JSON.

A save is human-readable (one event per line) and carries a ``schema_version``. Loading
is replay. Writing is atomic: a temporary file in the same folder is written, flushed,
synced to disk and renamed over the old one, so a crash leaves the old save or the new
one, never half of one.

Each change to the save format raises ``SAVE_SCHEMA_VERSION`` and adds a step to
``MIGRATIONS`` that brings a save of the version before up to date; a save from a newer
wargame is refused with a message rather than misread.

- format 1: the first.
- format 2: every modifier records its kind (``add``, ``shift`` or ``times``).
"""

from __future__ import annotations

import gc
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from attrs import frozen
from cattrs.errors import ForbiddenExtraKeysError

from wargame import __version__
from wargame.core.game import Game, ReplayError
from wargame.core.scenario import Scenario
from wargame.loading.convert import ValueProblem, event_from_data, event_to_data
from wargame.loading.files import load_scenario

SAVE_FORMAT = "wargame-save"
SAVE_SCHEMA_VERSION = 2


class SaveError(ValueError):
    """A save file that cannot be loaded; ``code`` is stable, the message names the file."""

    def __init__(self, path: Path | str, code: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.code = code


@frozen
class SaveHeader:
    """What a save says about itself, read before replaying it."""

    schema_version: int
    scenario_id: str
    scenario_hash: str
    scenario_ref: str
    seed: int
    wargame_version: str
    events: int


def save_text(game: Game, scenario_ref: str | None = None) -> str:
    """The save file's text for a game."""
    header = {
        "format": SAVE_FORMAT,
        "schema_version": SAVE_SCHEMA_VERSION,
        "wargame_version": __version__,
        "scenario": {
            "id": game.scenario.id,
            "hash": game.scenario.content_hash,
            "ref": scenario_ref or game.scenario.id,
        },
        "seed": game.seed,
    }
    head = json.dumps(header, ensure_ascii=False, indent=2)[:-2]  # drop the closing "\n}"
    lines = [json.dumps(event_to_data(e), ensure_ascii=False, sort_keys=False) for e in game.log]
    return head + ',\n  "events": [\n    ' + ",\n    ".join(lines) + "\n  ]\n}\n"


def write_atomically(path: Path | str, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old file or the new one."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(temp, 0o666 & ~_umask())  # as an ordinary new file would be (mkstemp makes it private)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def save_game(game: Game, path: Path | str, scenario_ref: str | None = None) -> Path:
    """Save a game atomically; returns the path written."""
    with _bulk():
        text = save_text(game, scenario_ref)
    write_atomically(path, text)
    return Path(path)


def _read(path: Path | str) -> dict:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SaveError(path, "no-file", "no such save file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SaveError(path, "unreadable", f"cannot read the save: {exc}") from None
    if not text.strip():
        raise SaveError(path, "damaged", "the file is empty: not a save (or one whose writing never began)")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SaveError(path, "damaged", f"damaged save (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError(path, "not-a-save", "this is not a wargame save file")
    return data


def read_header(path: Path | str) -> SaveHeader:
    """The save's header; raises SaveError for damaged, foreign or too-new files."""
    return _header(path, _read(path))


def read_save_data(path: Path | str) -> tuple[SaveHeader, dict]:
    """The save's header and its data, unreplayed; raises SaveError as :func:`read_header` does."""
    data = _read(path)
    return _header(path, data), data


def _header(path: Path | str, data: dict) -> SaveHeader:
    version = data.get("schema_version")
    if not isinstance(version, int) or version < 1:
        raise SaveError(path, "damaged", "the save has no schema_version")
    if version > SAVE_SCHEMA_VERSION:
        raise SaveError(
            path,
            "newer-save",
            f"saved by a newer wargame (save format {version}; this version reads up to {SAVE_SCHEMA_VERSION}): "
            "upgrade wargame to open it",
        )
    scenario = data.get("scenario")
    events = data.get("events")
    if not isinstance(scenario, dict) or not isinstance(events, list) or not isinstance(data.get("seed"), int):
        raise SaveError(path, "damaged", "the save is missing its scenario, seed or events")
    return SaveHeader(
        schema_version=version,
        scenario_id=str(scenario.get("id", "")),
        scenario_hash=str(scenario.get("hash", "")),
        scenario_ref=str(scenario.get("ref", scenario.get("id", ""))),
        seed=data["seed"],
        wargame_version=str(data.get("wargame_version", "")),
        events=len(events),
    )


def load_game(
    path: Path | str,
    scenario: Scenario | None = None,
    *,
    allow_changed_scenario: bool = False,
) -> Game:
    """Load a save by replaying its events (a save of an older format is migrated first).

    The scenario is the one the save names (or ``scenario`` if given). If the scenario's
    content has changed since the game was saved, this raises ``SaveError`` with code
    ``scenario-changed`` unless ``allow_changed_scenario`` is true.
    """
    with _bulk():
        return _load(path, scenario, allow_changed_scenario)


def _load(path: Path | str, scenario: Scenario | None, allow_changed_scenario: bool) -> Game:
    data = _read(path)
    header = _header(path, data)
    if scenario is None:
        scenario = load_scenario(header.scenario_ref)
    if scenario.id != header.scenario_id:
        raise SaveError(path, "wrong-scenario", f"this save is of {header.scenario_id!r}, not {scenario.id!r}")
    if header.scenario_hash and scenario.content_hash != header.scenario_hash and not allow_changed_scenario:
        raise SaveError(
            path,
            "scenario-changed",
            f"scenario {scenario.id!r} has changed since this game was saved; the replay may differ",
        )
    data = migrate(data)
    events = []
    for index, item in enumerate(data["events"]):
        try:
            events.append(event_from_data(item))
        except Exception as exc:
            raise SaveError(path, "damaged", f"event {index + 1} is damaged: {_what_is_wrong(item, exc)}") from None
    try:
        return Game.replay(scenario, events)
    except ReplayError as exc:
        raise SaveError(path, exc.code, exc.message) from None


@contextmanager
def _bulk() -> Iterator[None]:
    """Pause the cycle collector while a save's hundred thousand objects are built: none of them
    is garbage, and collecting as they come makes a large load several times slower."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- migrations: each brings a save of one format to the next ---------------------------------------


def migrate(data: dict) -> dict:
    """A save's data brought up to ``SAVE_SCHEMA_VERSION``, one step at a time."""
    while data["schema_version"] < SAVE_SCHEMA_VERSION:
        data = MIGRATIONS[data["schema_version"]](data)
    return data


def _format_1_to_2(data: dict) -> dict:
    """Format 2 records each modifier's kind. Format 1 showed a fraction as a multiplier and a whole
    number as an addition; the kinds say so."""

    def walk(value: object) -> object:
        if isinstance(value, list):
            return [walk(item) for item in value]
        if not isinstance(value, dict):
            return value
        out = {key: walk(item) for key, item in value.items()}
        for modifier in out.get("modifiers", ()) if isinstance(out.get("modifiers"), list) else ():
            if isinstance(modifier, dict) and "kind" not in modifier:
                number = modifier.get("value", 0)
                whole = isinstance(number, int | float) and float(number).is_integer()
                modifier["kind"] = "add" if whole else "times"
        return out

    return {**data, "schema_version": 2, "events": walk(data["events"])}


MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _format_1_to_2}
"""Save format -> the step that brings a save of that format to the next."""


def _what_is_wrong(item: object, exc: BaseException) -> str:
    """What is wrong with a saved event, in plain words (not the converter's)."""
    kind = item.get("event") if isinstance(item, dict) else None
    name = f"its {kind.replace('_', ' ')} event" if isinstance(kind, str) else "it"
    if isinstance(exc, KeyError):
        return f"{name} lacks the field {exc.args[0]!r}"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"{name} has fields no such event has: {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, ValueProblem):
        return str(exc)
    return f"a field of {name} does not have the form it should"
