"""Offered on start when a console did not close cleanly: resume its autosave, or start anew."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from wargame.tui.session import NEW_GAME, AutosaveInfo

CRASHED = "The console did not close cleanly last time: these autosaves were never closed, newest first."
DAMAGED = "The newest autosave cannot be resumed as it is: choose one of these, newest first, or start anew."


class RecoveryScreen(Screen):
    """The autosaves left by consoles that did not close cleanly, newest first; damaged ones shown, not offered."""

    BINDINGS = [Binding("escape", "start_new", "Start anew")]

    def __init__(self, autosaves: list[AutosaveInfo], new_game: str, lead: str = CRASHED) -> None:
        super().__init__()
        self.autosaves, self.new_game, self.lead = autosaves, new_game, lead

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Resume a game?", classes="dialog-title")
            yield Static(f"{self.lead} The autosaves are kept in {self.autosaves[0].path.parent}.", classes="hint")
            options = [Option(_label(info), id=str(info.path), disabled=bool(info.problem)) for info in self.autosaves]
            options.append(Option(f"Start anew: {self.new_game}", id=NEW_GAME))
            yield OptionList(*options, id="autosaves")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = next(
            (i for i in range(options.option_count) if not options.get_option_at_index(i).disabled), 0
        )
        options.focus()

    @on(OptionList.OptionSelected, "#autosaves")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_start_new(self) -> None:
        self.dismiss(NEW_GAME)


def _label(info: AutosaveInfo) -> str:
    when = _ago(info.saved) if info.saved else ""
    if info.problem:
        return f"{info.path.name}: cannot be resumed: {info.problem}"
    where = f"turn {info.turn}, {info.phase}" if info.turn else "not started"
    warning = " (its scenario has changed since: the replay may differ)" if info.changed else ""
    return f"{info.scenario_id}, {where}, autosaved {when}{warning}"


def _ago(moment: dt.datetime) -> str:
    minutes = int((dt.datetime.now() - moment).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 120:
        return f"{minutes} min ago ({moment:%H:%M})"
    return f"{moment:%a %d %b %H:%M}"


class RecoveryApp(App):
    """Asks whether to resume an unfinished autosave; ``choice`` is its path, ``NEW_GAME``, or None (quit)."""

    CSS_PATH = "app.tcss"
    TITLE = "wargame: resume a game?"

    def __init__(self, autosaves: list[AutosaveInfo], new_game: str, lead: str = CRASHED) -> None:
        super().__init__()
        self.autosaves, self.new_game, self.lead = autosaves, new_game, lead
        self.choice: str | None = None

    def on_mount(self) -> None:
        def chosen(choice: str | None) -> None:
            self.choice = choice
            self.exit()

        self.push_screen(RecoveryScreen(self.autosaves, self.new_game, self.lead), chosen)
