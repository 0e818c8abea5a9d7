"""A small app that asks which scenario to open."""

from __future__ import annotations

from textual.app import App

from wargame.tui.screens.info import PickerScreen, scenario_choices


class PickerApp(App):
    """Lists the bundled scenarios and the .yaml files here; remembers the choice."""

    CSS_PATH = "app.tcss"
    TITLE = "wargame: choose a scenario"

    def __init__(self) -> None:
        super().__init__()
        self.choice: str | None = None

    def on_mount(self) -> None:
        def chosen(ref: str | None) -> None:
            self.choice = ref
            self.exit()

        self.push_screen(PickerScreen(scenario_choices()), chosen)
