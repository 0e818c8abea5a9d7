"""Opening the console: on a scenario, a saved game, the last autosave, or the picker."""

from __future__ import annotations

from pathlib import Path

from wargame.core.game import Game
from wargame.loading import load_scenario
from wargame.loading.saves import SaveError, load_game
from wargame.tui.session import latest_autosave


def open_game(ref: str, seed: int) -> tuple[Game, str, Path | None]:
    """(game, scenario reference, save path) for a scenario id, a .yaml file or a saved .json game."""
    if ref.endswith(".json"):
        game = load_game(ref)
        return game, game.scenario.id, Path(ref)
    scenario = load_scenario(ref)
    return Game(scenario, seed=seed), ref, None


def launch(ref: str | None, *, seed: int = 1, resume: bool = False, autosave: bool = True) -> int:
    """Run the console; returns the exit status."""
    from wargame.tui.app import make_app
    from wargame.tui.picker import PickerApp

    if resume:
        path = latest_autosave()
        if path is None:
            raise SaveError("autosaves", "no-autosave", "there is no autosave to resume")
        ref = str(path)
    if ref is None:
        picker = PickerApp()
        picker.run()
        if picker.choice is None:
            return 0
        ref = picker.choice
    game, scenario_ref, save_path = open_game(ref, seed)
    app = make_app(game, scenario_ref, save_path=save_path, autosave=autosave)
    app.run()
    return app.return_code or 0
