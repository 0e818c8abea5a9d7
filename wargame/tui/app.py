"""The facilitator's console: one game, one main screen, keyboard first.

Every action goes through :meth:`WargameApp.act` (via the session), so a refused or
failed action shows a notification and leaves the game as it was; the console never
closes on an error. The game autosaves after every phase.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.lazy import Lazy
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, TabbedContent, TabPane

from wargame.core.enums import OrderKind
from wargame.core.events import Event, Ruling, visible
from wargame.core.game import Game, GameError
from wargame.core.scenario import Inject
from wargame.loading.saves import load_game, save_game
from wargame.narrate import describe_order
from wargame.report import export_report
from wargame.tui.ordering import orderable_units
from wargame.tui.rulings import (
    decision_brief,
    event_label,
    log_change,
    rewind_for,
    ruling_index,
    ruling_summary,
    summarise,
    where_now,
)
from wargame.tui.screens.dialogs import (
    AdvanceDialog,
    ArgumentDialog,
    ConfirmDialog,
    DecisionDialog,
    Dialog,
    InjectDialog,
    OrderDialog,
    OverrideDialog,
    TextDialog,
)
from wargame.tui.screens.info import BriefingScreen, HelpScreen, HelpSection
from wargame.tui.session import Outcome, Session
from wargame.tui.widgets.map import MapView
from wargame.tui.widgets.panels import AreaPanel, AssessmentPanel, LogPanel, TurnBar, side_name
from wargame.tui.widgets.tables import ForcesPanel, InjectsPanel, OrdersPanel, RulingsPanel, can_override

Announce = str | Callable[[Any], str] | None
"""What an action did, for a notification: a sentence, or a function of the action's result."""

TABS = ["area", "forces", "orders", "rulings", "injects", "assessment", "log"]
PANELS = {
    "tab-forces": ForcesPanel,
    "tab-orders": OrdersPanel,
    "tab-rulings": RulingsPanel,
    "tab-injects": InjectsPanel,
    "tab-assessment": AssessmentPanel,
    "tab-log": LogPanel,
}


PANEL_KEYS = Binding.Group("Side panel: 1 Area, 2 OOB, 3 Orders, 4 Rulings, 5 Injects, 6 Assess, 7 Log")

GAME_BINDINGS = [
    Binding("space", "app.advance", "Advance", id="advance", tooltip="Resolve this phase and go to the next"),
    Binding("o", "app.order", "Order", id="order", tooltip="Give an order: unit, then what, then where"),
    Binding("d", "app.decide", "Decide", id="decide", tooltip="Decide the ruling that awaits you"),
    Binding("a", "app.argue", "Argue", id="argue", tooltip="Make a matrix argument (in the phase that takes them)"),
    Binding("n", "app.note", "Note", id="note", tooltip="Write a note for the hot wash on an event"),
    Binding("v", "app.switch_view", "View", id="view", tooltip="Switch the view: white cell, then each side"),
    Binding("b", "app.briefing", "Briefing", id="briefing", tooltip="Read the briefing (in this view)"),
    Binding("ctrl+z", "app.undo", "Undo", id="undo", tooltip="Take back the last action"),
    Binding("ctrl+y", "app.redo", "Redo", id="redo", tooltip="Do again what undo took back", show=False),
    Binding("ctrl+s", "app.save", "Save", id="save", tooltip="Save the game to a file"),
    Binding("ctrl+o", "app.open", "Open", id="open", tooltip="Open a saved game or an autosave", show=False),
    Binding("ctrl+e", "app.export", "Report", id="export", tooltip="Export the after-action report"),
]
"""The game's keys: they work on the main screen only, never under a dialog or the briefing."""


class MainScreen(Screen):
    """Turn bar, map and side panels; the game's keys."""

    BINDINGS = [
        *GAME_BINDINGS,
        *[
            Binding(str(i + 1), f"tab('{tab}')", tab.title(), show=False, group=PANEL_KEYS)
            for i, tab in enumerate(TABS)
        ],
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield TurnBar(id="turnbar")
        with Horizontal(id="body"):
            yield MapView(self.session.game, id="map")
            with TabbedContent(id="panels", initial="tab-area"):
                with TabPane("Area", id="tab-area"):
                    yield AreaPanel(id="area")
                # Hidden panels are mounted just after the first frame, so the map shows sooner.
                with TabPane("OOB", id="tab-forces"):
                    yield Lazy(ForcesPanel(id="forces"))
                with TabPane("Orders", id="tab-orders"):
                    yield Lazy(OrdersPanel(id="orders"))
                with TabPane("Rulings", id="tab-rulings"):
                    yield Lazy(RulingsPanel(id="rulings"))
                with TabPane("Injects", id="tab-injects"):
                    yield Lazy(InjectsPanel(id="injects"))
                with TabPane("Assess", id="tab-assessment"):
                    yield Lazy(AssessmentPanel(id="assessment"))
                with TabPane("Log", id="tab-log"):
                    yield Lazy(LogPanel(id="log"))
        yield Footer()

    def on_mount(self) -> None:
        map_view = self.query_one(MapView)
        map_view.focus()
        map_view.selected = busiest_area(self.session.game)
        self.fit_width(self.app.size.width)
        self.redraw()

    def on_resize(self) -> None:
        self.fit_width(self.size.width)

    def fit_width(self, width: int) -> None:
        """Narrow terminals: a thinner side panel and a compact footer (more keys in view)."""
        narrow = width < 110
        self.set_class(narrow, "-narrow")
        footer = self.query_one(Footer)
        footer.compact = narrow
        footer.show_command_palette = not narrow  # ctrl+p still works; the help says so

    def redraw(self) -> None:
        """Show the game as it is now, in the current view."""
        game, side = self.session.game, self.app.view_side  # type: ignore[attr-defined]
        self.query_one(TurnBar).show(game, side)
        map_view = self.query_one(MapView)
        map_view.show(game, side)
        active = self.query_one(TabbedContent).active
        if active == "tab-area":
            self.query_one(AreaPanel).show(game, side, map_view.selected)
        else:  # only the panel on show; the others are drawn when their tab is chosen
            for panel in self.query(PANELS[active]):
                panel.show(game, side)

    def highlighted_ruling(self) -> Ruling | None:
        """The ruling highlighted in the Rulings panel, if that panel is on show."""
        if self.query_one(TabbedContent).active != "tab-rulings":
            return None
        return next((panel.highlighted() for panel in self.query(RulingsPanel)), None)

    def action_tab(self, tab: str) -> None:
        panels = self.query_one(TabbedContent)
        if self.focused is not None and panels in self.focused.ancestors:
            # A focused widget in the pane being hidden would pull its pane back: the map takes the focus.
            self.query_one(MapView).focus()
        panels.active = f"tab-{tab}"

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.redraw()

    @on(MapView.AreaSelected)
    def _area(self, event: MapView.AreaSelected) -> None:
        self.query_one(AreaPanel).show(self.session.game, self.app.view_side, event.area)  # type: ignore[attr-defined]

    @on(ForcesPanel.UnitChosen)
    def _unit(self, event: ForcesPanel.UnitChosen) -> None:
        unit = self.session.game.state.units[event.unit]
        self.query_one(MapView).selected = unit.location
        self.app.open_order_dialog(event.unit)  # type: ignore[attr-defined]

    @on(OrdersPanel.CancelRequested)
    def _cancel(self, event: OrdersPanel.CancelRequested) -> None:
        said = f"Order {event.order_id} cancelled."
        self.app.act("Cancel order", self.session.game.cancel, event.order_id, announce=said)  # type: ignore[attr-defined]

    @on(RulingsPanel.OverrideRequested)
    def _override(self, event: RulingsPanel.OverrideRequested) -> None:
        self.app.open_override(event.ruling_id)  # type: ignore[attr-defined]

    @on(InjectsPanel.InjectAction)
    def _inject(self, event: InjectsPanel.InjectAction) -> None:
        self.app.inject_action(event.what, event.inject_id)  # type: ignore[attr-defined]


class WargameApp(App):
    """The facilitator's console for one game."""

    CSS_PATH = "app.tcss"
    TITLE = "wargame"
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", key_display="?", id="help", tooltip="Every key, and what it does"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, tooltip="Quit (the game is autosaved first)"),
    ]

    view_side: reactive[str | None] = reactive(None)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    @property
    def game(self) -> Game:
        return self.session.game

    def on_mount(self) -> None:
        self.title = f"wargame: {self.game.scenario.title}"
        self.push_screen(MainScreen(self.session))

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """Before a dialog opens, the notifications go: seen through the dialog they would cover
        it (what they said is in the log)."""
        if isinstance(screen, Dialog):
            self.clear_notifications()
        return super().push_screen(screen, *args, **kwargs)

    # -- the one way actions reach the game ---------------------------------------------------------

    def act(self, what: str, action: Any, *args: Any, announce: Announce = None, **kwargs: Any) -> Outcome:
        """Run a game action and redraw; then say what it did (``announce``: a sentence, or a
        function of the action's result that gives one) or what went wrong."""
        outcome = self.session.act(what, action, *args, **kwargs)
        self.redraw()
        if not outcome.ok:
            self.notify(outcome.message, title=what, severity=outcome.severity, timeout=8)
        elif announce is not None:
            message = announce(outcome.value) if callable(announce) else announce
            if message:
                self.notify(message, title=what, timeout=6)
        return outcome

    def redraw(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.redraw()
        self.refresh_bindings()

    def watch_view_side(self) -> None:
        self.redraw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out what cannot be done now."""
        game = self.game
        if action == "advance":
            return None if game.over or game.state.pending is not None else True
        if action == "decide":
            return game.state.pending is not None  # shown only when a ruling awaits
        if action == "argue" and OrderKind.ARGUMENT not in game.phase.orders:
            return False  # not shown: arguments belong to another phase
        if action in ("order", "argue"):
            return None if game.over or game.state.pending or game.state.resolving else True
        return True  # undo and redo too: with nothing to take back they say so

    # -- actions ------------------------------------------------------------------------------------------

    def action_advance(self) -> None:
        """Resolve the phase and go on; first ask (space again) if a side that may give orders gave none."""
        silent = self.sides_without_orders()
        if not silent:
            self.advance_now()
            return
        names = " or ".join(self.game.scenario.sides[s].name for s in silent)
        question = f"No orders from {names} in the {self.game.phase.title} phase. Advance anyway?"
        self.push_screen(AdvanceDialog(question), lambda yes: self.advance_now() if yes else None)

    def sides_without_orders(self) -> list[str]:
        """Sides that may give orders in this phase and have given none yet."""
        awaiting = self.game.awaiting
        return [s for s in awaiting.sides if not self.game.orders(s)] if awaiting.what == "orders" else []

    def advance_now(self) -> None:
        if self.act("Advance", self.game.advance, announce=self.advanced).ok and self.game.state.pending is not None:
            self.action_decide()

    def advanced(self, events: list[Event]) -> str:
        """What a press of space did: the rulings made (those the view may see) and where the game is now."""
        rulings = [e for e in events if isinstance(e, Ruling) and visible(e, self.view_side)]
        made = f"{len(rulings)} ruling{'s' * (len(rulings) != 1)}" if rulings else "No rulings"
        if self.game.state.pending is not None:
            return f"{made} so far; a ruling awaits your decision.\n{summarise(rulings)}".strip() if rulings else ""
        return f"{where_now(self.game)}. {made}{':' if rulings else '.'}\n{summarise(rulings)}".strip()

    def action_order(self, unit: str | None = None) -> None:
        self.open_order_dialog(unit)

    def open_order_dialog(self, unit: str | None = None) -> None:
        if self.check_action("order", ()) is not True:
            self.notify("No orders can be given now.", severity="warning")
            return
        if unit is None and self.arguments_only():
            self.action_argue()
            self.notify(f"In the {self.game.phase.title} phase the sides make arguments (a).", timeout=4)
            return

        def submitted(order: Any) -> None:
            if order is not None:
                described = describe_order(self.game.scenario, order)
                said = lambda order_id: f"Order {order_id} given: {described}."  # noqa: E731
                self.act("Order", self.game.submit, order, self.view_side, announce=said)

        self.push_screen(OrderDialog(self.game, self.view_side, unit), submitted)

    def action_decide(self) -> None:
        pending = self.game.pending
        if pending is None:
            self.notify("No ruling awaits a decision.", severity="warning")
            return
        event, adjudication = pending
        brief = decision_brief(self.game, event.title, event.mode, adjudication)

        def decided(answer: Any) -> None:
            if answer is not None:
                choice, reason = answer
                said = lambda ruling: f"Decided: {ruling_summary(ruling)}."  # noqa: E731
                if self.act("Decide", self.game.decide, choice, reason, announce=said).ok:
                    self.advance_now()

        self.push_screen(DecisionDialog(brief), decided)

    def open_override(self, ruling_id: str) -> None:
        try:
            ruling = self.game.ruling(ruling_id)
        except GameError as exc:
            self.notify(exc.message, severity="warning")
            return
        if not can_override(ruling):
            self.notify(f"{ruling_id} had only one possible result: nothing to override.", severity="warning")
            return
        rewind = rewind_for(self.game, ruling_id)

        def chosen(answer: Any) -> None:
            if answer is not None:
                code, reason = answer
                back = f" The game is back at turn {rewind.turn}, {rewind.phase}." if rewind.events else ""
                said = f"{ruling_id} overridden: {code}.{back} Press space to go on."
                self.act("Override", self.game.override, ruling_id, code, reason, announce=said)

        self.push_screen(OverrideDialog(ruling, rewind), chosen)

    def arguments_only(self) -> bool:
        """Whether this phase takes arguments and no unit can be given an order in it."""
        return OrderKind.ARGUMENT in self.game.phase.orders and not orderable_units(self.game, self.view_side)

    def action_argue(self) -> None:
        if OrderKind.ARGUMENT not in self.game.phase.orders:
            phase = self.game.scenario.rules.phase_of(OrderKind.ARGUMENT)
            self.notify(f"Arguments are made in the {phase.title if phase else '?'} phase.", severity="warning")
            return

        def argued(order: Any) -> None:
            if order is not None:
                said = f"{describe_order(self.game.scenario, order)} (resolved when you press space)"
                self.act("Argument", self.game.submit, order, order.side, announce=said)

        self.push_screen(ArgumentDialog(self.game, self.view_side), argued)

    def action_note(self) -> None:
        """A note for the hot wash, on the ruling highlighted in the Rulings panel, else on the latest event."""
        ruling = self.screen.highlighted_ruling() if isinstance(self.screen, MainScreen) else None
        about = ruling_index(self.game, ruling.id) if ruling else len(self.game.log) - 1
        label = event_label(self.game, about, self.view_side)

        def noted(text: Any) -> None:
            if text:
                self.act("Note", self.game.note, text, about, announce=f"Note recorded on {label.rstrip('.')}.")

        hint = f"About: {label}\nStart it with fix: to list it under Fixes."
        self.push_screen(TextDialog("Note for the hot wash", "What happened, what to change", hint=hint), noted)

    def action_switch_view(self) -> None:
        views = [None, *self.game.scenario.sides]
        self.view_side = views[(views.index(self.view_side) + 1) % len(views)]
        self.notify(f"View: {side_name(self.game, self.view_side)}", timeout=2)

    def action_briefing(self) -> None:
        self.push_screen(BriefingScreen(self.game.scenario, self.view_side))

    def action_help(self) -> None:
        self.push_screen(HelpScreen(help_sections()))

    def action_undo(self) -> None:
        self.undo_or_redo("Undo", self.game.undo, "Undone", "undo")

    def action_redo(self) -> None:
        self.undo_or_redo("Redo", self.game.redo, "Redone", "redo")

    def undo_or_redo(self, what: str, action: Any, done: str, word: str) -> None:
        """Undo or redo, and say what was taken back or done again, and where the game is now."""
        before = self.game.log

        def said(changed: bool) -> str:
            if not changed:
                since = " since the game was opened" if self.session.save_path is not None else ""
                return f"Nothing to {word}{since}."
            change = log_change(self.game, before, self.view_side, undone=word == "undo")
            return f"{done}{': ' + change if change else ''}. Now {where_now(self.game)}."

        self.act(what, action, announce=said)

    def action_save(self) -> None:
        default = str(self.session.default_save_path())

        def chosen(path: Any) -> None:
            if not path:
                return
            said = f"Saved to {path}"
            if self.act("Save", save_game, self.game, Path(path), self.session.scenario_ref, announce=said).ok:
                self.session.save_path = Path(path)

        self.push_screen(TextDialog("Save the game", value=default), chosen)

    def action_open(self) -> None:
        default = str(self.session.save_path or Path.cwd())

        def chosen(path: Any) -> None:
            if not path:
                return
            outcome = self.act("Open", load_game, Path(path))
            if outcome.ok:
                self.session.game = outcome.value
                self.session.save_path = Path(path)
                self.switch_screen(MainScreen(self.session))
                self.notify(f"Opened {path}", timeout=4)

        self.push_screen(TextDialog("Open a saved game", value=default), chosen)

    def action_export(self) -> None:
        default = str(Path.cwd() / f"{self.game.scenario.id}-report")

        def chosen(stem: Any) -> None:
            if stem:
                written = lambda paths: f"Report written: {', '.join(str(p) for p in paths)}"  # noqa: E731
                self.act("Report", export_report, self.game, Path(stem), self.view_side, announce=written)

        hint = "Writes STEM.md and STEM.html" + (
            "" if self.view_side is None else f" for {side_name(self.game, self.view_side)} only"
        )
        self.push_screen(TextDialog("Export the after-action report", value=default, hint=hint), chosen)

    def inject_action(self, what: str, inject_id: str | None) -> None:
        """An inject panel key: write one, or publish, skip or delay the highlighted one."""
        if what == "write":
            self.push_screen(InjectDialog(self.game), self.write_inject)
            return
        if inject_id is None:
            self.notify("No inject selected.", severity="warning")
            return
        title = next((i.title for i, _ in self.game.upcoming_injects() if i.id == inject_id), inject_id)
        if what == "publish":
            self.act("Publish", self.game.publish_inject, inject_id, announce=f"Published: “{title}”.")
        elif what == "skip":
            said = f"Skipped: “{title}” will not be published."
            self.act("Skip", self.game.skip_inject, inject_id, "skipped by the facilitator", announce=said)
        elif what == "delay":
            said = lambda turn: self.delayed_to(inject_id, turn)  # noqa: E731
            self.act("Delay", self.game.delay_inject, inject_id, 1, announce=said)

    def write_inject(self, answer: tuple[Inject, bool] | None) -> None:
        """Write the inject from the dialog, and publish it at once if asked."""
        if answer is None:
            return
        inject, publish_now = answer
        if not publish_now:
            said = f"“{inject.title}” written: publish it from the queue (p) when you want."
            self.act("Write inject", self.game.write_inject, inject, announce=said)
        elif self.act("Write inject", self.game.write_inject, inject).ok:
            self.act("Publish", self.game.publish_inject, inject.id, announce=f"Published: “{inject.title}”.")

    def delayed_to(self, inject_id: str, turn: int) -> str:
        """Which turn a delayed inject now comes on, in words."""
        inject = next(inject for inject, _ in self.game.upcoming_injects() if inject.id == inject_id)
        scenario = self.game.scenario
        if turn > scenario.turn_count:
            return f"“{inject.title}” now comes after the last turn ({scenario.turn_count}): not in this game."
        condition = " at the earliest (when its condition holds)" if inject.condition is not None else ""
        return f"“{inject.title}” now comes on turn {turn} ({scenario.turn_start(turn):%a %d %b}){condition}."

    def on_unmount(self) -> None:
        """However the console closes (quit, a closed browser tab, a signal), the game is saved."""
        if self.session.autosave:
            self.session.write_autosave()

    def _handle_exception(self, error: Exception) -> None:
        """An error no action caught (a bug): the game is autosaved and the error logged with the
        autosave's path before Textual closes the console; the next start offers to resume it."""
        with contextlib.suppress(Exception):
            if self.session.autosave:
                self.session.write_autosave()
            self.session.log_crash("the console closed on an error", error)
        super()._handle_exception(error)

    # -- command palette ------------------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands, and on the main screen the game's actions that can be taken now."""
        yield from super().get_system_commands(screen)
        if not isinstance(screen, MainScreen):
            return
        for binding in GAME_BINDINGS:
            action = binding.action.removeprefix("app.")
            if self.check_action(action, ()):
                yield SystemCommand(binding.description, binding.tooltip, lambda a=action: self.run_action(a))


def help_sections() -> list[HelpSection]:
    """The help, section by section, from the bindings themselves (so that it cannot go stale)."""
    return [
        HelpSection(
            "The game (on the main screen)",
            (*MainScreen.BINDINGS, *WargameApp.BINDINGS),
            (
                ("^p", "Command palette: every action by name"),
                ("tab shift+tab", "Move the focus: map, panel tabs, the panel (its keys then show in the footer)"),
            ),
        ),
        HelpSection("Map (when it has the focus)", tuple(MapView.BINDINGS), (("click", "Select an area"),)),
        HelpSection("OOB panel (2)", tuple(ForcesPanel.BINDINGS)),
        HelpSection("Orders panel (3)", tuple(OrdersPanel.BINDINGS)),
        HelpSection("Rulings panel (4)", tuple(RulingsPanel.BINDINGS)),
        HelpSection("Injects panel (5)", tuple(InjectsPanel.BINDINGS)),
        HelpSection(
            "Dialogs",
            tuple(Dialog.BINDINGS),
            (
                ("tab shift+tab", "Next / previous field or button"),
                ("enter", "Choose the highlighted item; in a text field, confirm"),
            ),
        ),
        HelpSection(
            "Questions (are you sure? advance without orders?)", (*ConfirmDialog.BINDINGS, *AdvanceDialog.BINDINGS)
        ),
        HelpSection("The briefing (b)", tuple(BriefingScreen.BINDINGS)),
        HelpSection("This help", tuple(HelpScreen.BINDINGS), (("↑ ↓ PgUp PgDn Home End", "Scroll"),)),
    ]


def busiest_area(game: Game) -> str:
    """The area with the most units (where a facilitator will look first); the first in the file on a tie."""
    counts: dict[str, int] = {}
    for unit in game.state.units.values():
        if unit.active:
            counts[unit.location] = counts.get(unit.location, 0) + 1
    return max(game.scenario.map.areas, key=lambda area: counts.get(area.id, 0)).id


def make_app(game: Game, scenario_ref: str, *, save_path: Path | None = None, autosave: bool = True) -> WargameApp:
    """The console for a game (what the CLI, tests and snapshot apps all build)."""
    return WargameApp(Session(game, scenario_ref, save_path, autosave))


__all__ = ["MainScreen", "WargameApp", "make_app"]
