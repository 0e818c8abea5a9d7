"""Opening the console: on a scenario, a saved game, the last autosave, or the picker; and, when a
console did not close cleanly, the offer to resume what it left."""

from __future__ import annotations

from pathlib import Path

from wargame.core.game import Game
from wargame.loading import load_scenario
from wargame.loading.saves import SaveError, load_game, read_header
from wargame.tui.session import NEW_GAME, autosaves, describe_autosave, mark_closed, unfinished_autosaves


def open_game(ref: str, seed: int, *, allow_changed: bool = False) -> tuple[Game, str, Path | None]:
    """(game, scenario reference, save path) for a scenario id, a .yaml file or a saved .json game."""
    if ref.endswith(".json"):
        game = load_game(ref, allow_changed_scenario=allow_changed)
        return game, read_header(ref).scenario_ref, Path(ref)
    scenario = load_scenario(ref)
    if Path(ref).suffix in (".yaml", ".yml"):
        ref = str(Path(ref).resolve())  # so that an autosave finds it again from any folder
    return Game(scenario, seed=seed), ref, None


def launch(
    ref: str | None,
    *,
    seed: int = 1,
    resume: bool = False,
    autosave: bool = True,
    recover: bool = True,
    allow_changed: bool = False,
) -> int:
    """Run the console; returns the exit status.

    ``resume`` reopens the newest autosave (or, if it cannot be resumed, offers the others).
    Otherwise, with ``recover``, autosaves left by a console that did not close cleanly are
    offered first. The console marks its autosave closed when it exits cleanly.
    """
    from wargame.tui.app import make_app
    from wargame.tui.picker import PickerApp

    offered = _resumable() if resume else (unfinished_autosaves() if recover else [])
    if offered:
        choice = _offer(offered, ref, resume)
        if choice is None:
            return 0
        if not resume:  # answered: offered once, kept in the folder
            closed = {path: mark_closed(path) for path in offered}
            choice = str(closed.get(Path(choice), choice))
        if choice != NEW_GAME:
            ref, allow_changed = choice, True  # the offer said when its scenario had changed
    if ref is None:
        picker = PickerApp()
        picker.run()
        if picker.choice is None:
            return 0
        ref = picker.choice
    game, scenario_ref, save_path = open_game(ref, seed, allow_changed=allow_changed)
    app = make_app(game, scenario_ref, save_path=save_path, autosave=autosave)
    app.run()
    if app.return_code in (0, None):
        app.session.close_cleanly()
    return app.return_code or 0


def _resumable() -> list[Path]:
    """For --resume: every autosave, newest first (the newest is opened at once if it can be)."""
    files = autosaves()
    if not files:
        raise SaveError("autosaves", "no-autosave", "there is no autosave to resume")
    return files


def _offer(paths: list[Path], ref: str | None, resume: bool) -> str | None:
    """The autosave to open, ``NEW_GAME``, or None (quit). ``--resume`` opens the newest without asking when
    it can be resumed as it is."""
    from wargame.tui.recovery import CRASHED, DAMAGED, RecoveryApp

    infos = [describe_autosave(path) for path in paths]
    if resume and not infos[0].problem and not infos[0].changed:
        return str(infos[0].path)
    app = RecoveryApp(infos, ref or "choose a scenario", DAMAGED if resume else CRASHED)
    app.run()
    return app.choice
