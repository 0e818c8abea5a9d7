"""The side panels that are tables: order of battle, orders, rulings, injects.

Each table fits its panel: every column is as wide as its content except one, which takes
the width left and wraps (the unit, the order, the ruling, the inject), so that the short
columns that matter (where, result, due) are always in view. A detail pane under the table
shows everything about the highlighted row. Each panel is told what to show
(``show(game, side)``) and draws it again when the panel is resized; it posts a message
when the facilitator asks for something and never changes the game.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen
from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Select, Static

from wargame.core.enums import Status
from wargame.core.events import NoteAdded, Ruling, visible
from wargame.core.game import Game
from wargame.core.scenario import Inject
from wargame.narrate import describe_order, ruling_lines
from wargame.tui.rulings import clip

Cell = str | Text
FLEXIBLE_MIN = 14
"""The wrapping column is never narrower than this (the table scrolls sideways instead)."""


def fill_table(table: DataTable, headers: Sequence[str], rows: Sequence[tuple[str, Sequence[Cell]]],
               flexible: int, *, wrap: bool = True) -> None:  # fmt: skip
    """Replace the table's rows, keeping the cursor's place: ``rows`` are (key, cells); every
    column is as wide as its content except column ``flexible``, which takes what is left and
    wraps (or, if not ``wrap``, is cut with an ellipsis: one line a row)."""
    widths = [max([len(h), *(_width(cells[i]) for _, cells in rows)]) for i, h in enumerate(headers)]
    room = _room(table) - 2 * table.cell_padding * len(headers)
    widths[flexible] = max(FLEXIBLE_MIN, room - sum(w for i, w in enumerate(widths) if i != flexible))
    row = table.cursor_row
    table.clear(columns=True)
    for header, width in zip(headers, widths, strict=True):
        table.add_column(header, width=width)
    for key, cells in rows:
        if not wrap:
            cells = [*cells[:flexible], _cut(cells[flexible], widths[flexible]), *cells[flexible + 1 :]]
        table.add_row(*cells, key=key, height=None if wrap else 1)
    if table.row_count:
        table.move_cursor(row=min(row, table.row_count - 1))


def _cut(cell: Cell, width: int) -> Text:
    text = cell.copy() if isinstance(cell, Text) else Text(cell)
    text.truncate(width, overflow="ellipsis")
    return text


def _width(cell: Cell) -> int:
    return cell.cell_len if isinstance(cell, Text) else len(cell)


def _room(table: DataTable) -> int:
    """The table's width less its scroll bar (before the first layout, the panel's usual width)."""
    width = table.size.width or (table.parent.size.width if table.parent else 0) or 52
    return width - 2


class Redrawn:
    """A panel that remembers what it shows, to draw it again when its width changes (a tab
    that comes into view is resized to the width it was drawn at: that is not drawn twice)."""

    _shown: tuple[Game, str | None] | None = None
    _drawn_width = -1

    def show(self, game: Game, side: str | None) -> None:
        self._shown = (game, side)
        self._drawn_width = self.size.width  # type: ignore[attr-defined]
        self.draw(game, side)

    def draw(self, game: Game, side: str | None) -> None:
        raise NotImplementedError

    def on_resize(self) -> None:
        if self._shown is not None and self.size.width != self._drawn_width:  # type: ignore[attr-defined]
            self.show(*self._shown)


class TablePanel(Redrawn, Vertical):
    """A panel around a table, drawn again at a new width."""

    TABLE = ""

    def data_table(self) -> DataTable:
        """The panel's table, for ``compose``."""
        return DataTable(id=self.TABLE, cursor_type="row", zebra_stripes=True)

    @property
    def table(self) -> DataTable:
        return self.query_one(f"#{self.TABLE}", DataTable)

    def highlighted_key(self) -> str | None:
        """The key of the table's highlighted row, if it has rows."""
        table = self.table
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


# -- order of battle -----------------------------------------------------------------------------


class ForcesPanel(TablePanel):
    """The order of battle: every unit the view may see, filterable by side; o or enter orders a unit."""

    TABLE = "forces-table"
    BINDINGS = [
        Binding(
            "o", "order_unit", "Order this unit", id="order-unit",
            tooltip="Give the highlighted unit an order (enter does the same)",
        )
    ]  # fmt: skip

    class UnitChosen(Message):
        def __init__(self, unit: str) -> None:
            super().__init__()
            self.unit = unit

    def compose(self):
        yield Select([], prompt="All sides", id="forces-side", allow_blank=True)
        yield self.data_table()
        yield VerticalScroll(Static(id="unit-detail"), id="unit-detail-box")

    def draw(self, game: Game, side: str | None) -> None:
        select = self.query_one("#forces-side", Select)
        options = [(s.name, sid) for sid, s in game.scenario.sides.items()]
        if getattr(self, "_options", None) != options:
            select.set_options(options)
            self._options = options
        wanted = select.value if select.value != Select.NULL else None
        self._units = {row.unit: row for row in unit_rows(game, side) if wanted is None or row.side == wanted}
        rows = [(row.unit, row.cells(game)) for row in self._units.values()]
        fill_table(self.table, ("Unit", "Str", "Sup", "Where", "Seen"), rows, flexible=0, wrap=False)
        self._detail(game)

    def _detail(self, game: Game) -> None:
        row = self._units.get(self.highlighted_key() or "")
        self.query_one("#unit-detail", Static).update(row.detail(game) if row else "No units.")

    def on_data_table_row_highlighted(self) -> None:
        if self._shown is not None:
            self._detail(self._shown[0])

    def on_select_changed(self, event: Select.Changed) -> None:
        if self._shown is not None:
            self.draw(*self._shown)  # the side filter changed

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.post_message(self.UnitChosen(event.row_key.value))

    def action_order_unit(self) -> None:
        key = self.highlighted_key()
        if key:
            self.post_message(self.UnitChosen(key))


@frozen
class UnitRow:
    """A unit as the view sees it: what the table and the detail pane show."""

    unit: str
    side: str
    type_name: str
    strength: str
    posture: str
    supply: str
    where: str
    seen: str
    seen_long: str

    def cells(self, game: Game) -> tuple[Cell, ...]:
        colour = game.scenario.sides[self.side].colour or "white"
        name = Text.assemble(("■ ", colour), game.scenario.units[self.unit].name)
        return name, self.strength, self.supply, clip(self.where, 12), self.seen

    def detail(self, game: Game) -> Text:
        text = Text()
        text.append(f"{game.scenario.units[self.unit].name}\n", "bold")
        text.append(f"{game.scenario.sides[self.side].name}: {self.type_name}\n")
        text.append(f"Strength {self.strength}, {self.posture}, supply {self.supply}; at {self.where}\n")
        text.append(f"{self.seen_long}\n")
        text.append("o or enter: give it an order.", "dim")
        return text


def unit_rows(game: Game, side: str | None) -> list[UnitRow]:
    """Every unit the view may see: all of them for the white cell, else the side's own and
    the enemies it has detected (with estimated strength)."""
    scenario = game.scenario
    order = list(scenario.sides)
    rows = []
    if side is None:
        for unit in sorted(game.state.units.values(), key=lambda u: (order.index(u.side), u.id)):
            where = scenario.areas[unit.location].name if unit.status is Status.ACTIVE else unit.status.label
            seen_by = sorted(unit.detected_by)
            seen = " ".join(s[0].upper() for s in seen_by) or "-"
            seen_long = f"Seen by: {', '.join(scenario.sides[s].name for s in seen_by)}" if seen_by else "Unseen."
            rows.append(UnitRow(unit.id, unit.side, scenario.rules.unit_types[unit.type].name, str(unit.strength),
                                unit.posture.label, str(unit.supply), where, seen, seen_long))  # fmt: skip
        return rows
    for unit in game.view(side).units:
        if unit.own:
            seen, seen_long = ("enemy", "The enemy knows where it is.") if unit.detected else ("-", "Hidden.")
        else:
            seen, seen_long = "you", "Detected by you: its strength is an estimate."
        rows.append(UnitRow(unit.id, unit.side, scenario.rules.unit_types[unit.type].name,
                            str(unit.strength) if unit.own else f"~{unit.strength}", unit.posture.label,
                            str(unit.supply) if unit.own else "?", scenario.areas[unit.location].name,
                            seen, seen_long))  # fmt: skip
    return rows


# -- orders --------------------------------------------------------------------------------------


class OrdersPanel(TablePanel):
    """Orders waiting in this phase; x cancels the highlighted one."""

    TABLE = "orders-table"
    BINDINGS = [
        Binding("x,delete", "cancel_order", "Cancel order", id="cancel-order", tooltip="Withdraw the highlighted order")
    ]

    class CancelRequested(Message):
        def __init__(self, order_id: str) -> None:
            super().__init__()
            self.order_id = order_id

    def compose(self):
        yield self.data_table()
        yield Static("o: give an order.  x: cancel the highlighted one.", classes="hint")

    def draw(self, game: Game, side: str | None) -> None:
        scenario = game.scenario
        rows = [
            (order_id, (order_id, Text(owner.title(), f"bold {scenario.sides[owner].colour or 'white'}"),
                        describe_order(scenario, order)))
            for order_id, (owner, order) in game.state.orders.items()
            if side is None or owner == side
        ]  # fmt: skip
        fill_table(self.table, ("Id", "Side", "Order"), rows, flexible=2)

    def action_cancel_order(self) -> None:
        key = self.highlighted_key()
        if key:
            self.post_message(self.CancelRequested(key))


# -- rulings -------------------------------------------------------------------------------------


class RulingsPanel(TablePanel):
    """Every ruling the view may see, newest first, with its dice, modifiers and rules; r overrides."""

    TABLE = "rulings-table"
    BINDINGS = [
        Binding(
            "r", "override", "Override", id="override-ruling",
            tooltip="Replace the highlighted ruling's result, with a reason (not for rulings with one possible result)",
        )
    ]  # fmt: skip

    class OverrideRequested(Message):
        def __init__(self, ruling_id: str) -> None:
            super().__init__()
            self.ruling_id = ruling_id

    def compose(self):
        yield self.data_table()
        yield VerticalScroll(Static(id="ruling-detail"), id="ruling-detail-box")

    def draw(self, game: Game, side: str | None) -> None:
        self._rulings = {r.id: r for r in game.rulings(side)}
        self._notes = notes_on_rulings(game, side)
        newest = list(reversed(list(self._rulings.values())[-200:]))
        rows = [(r.id, (r.id, str(r.turn), r.result + (" ✎" if r.choice == "override" else ""), r.title))
                for r in newest]  # fmt: skip
        fill_table(self.table, ("Id", "T", "Result", "Ruling"), rows, flexible=3)
        self._detail(self.highlighted())

    def _detail(self, ruling: Ruling | None) -> None:
        box = self.query_one("#ruling-detail", Static)
        if ruling is None:
            box.update("No rulings yet.")
            return
        text = Text()
        text.append(f"{ruling.title}\n", "bold")
        for line in ruling_lines(ruling):
            text.append(line.strip() + "\n")
        for note in getattr(self, "_notes", {}).get(ruling.id, []):
            text.append(f"Note: {note}\n", "italic yellow")
        if can_override(ruling):
            text.append("Possible results: ", "bold")
            text.append(", ".join(f"{o.code} {o.probability:.0%}" for o in ruling.options) + "\n")
            text.append("r: override this result (with a reason).", "dim")
        else:
            text.append("Only one result was possible: nothing to override.", "dim")
        box.update(text)

    def on_data_table_row_highlighted(self) -> None:
        self._detail(self.highlighted())
        self.refresh_bindings()

    def highlighted(self) -> Ruling | None:
        """The ruling under the cursor."""
        return getattr(self, "_rulings", {}).get(self.highlighted_key())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Override only a ruling that could have had another result (greyed in the footer otherwise)."""
        if action == "override":
            ruling = self.highlighted()
            return True if ruling is not None and can_override(ruling) else None
        return True

    def action_override(self) -> None:
        ruling = self.highlighted()
        if ruling is not None:
            self.post_message(self.OverrideRequested(ruling.id))


def notes_on_rulings(game: Game, side: str | None) -> dict[str, list[str]]:
    """The facilitator's notes attached to each ruling (the white cell's: a side sees none)."""
    log = game.log
    notes: dict[str, list[str]] = {}
    for event in log:
        if isinstance(event, NoteAdded) and event.about is not None and visible(event, side):
            about = log[event.about]
            if isinstance(about, Ruling):
                notes.setdefault(about.id, []).append(event.text)
    return notes


def can_override(ruling: Ruling) -> bool:
    """Whether another result was possible (supply and assessment rulings, for instance, have one)."""
    return len(ruling.options) > 1


# -- injects -------------------------------------------------------------------------------------


class InjectsPanel(TablePanel):
    """The inject queue: p publishes, k skips, l delays a turn, w writes a new one."""

    TABLE = "injects-table"
    BINDINGS = [
        Binding("p", "inject('publish')", "Publish", id="inject-publish", tooltip="Publish the highlighted inject now"),
        Binding("k", "inject('skip')", "Skip", id="inject-skip", tooltip="Never publish the highlighted inject"),
        Binding("l", "inject('delay')", "Delay", id="inject-delay", tooltip="Hold it back a turn from when it is due"),
        Binding("w", "inject('write')", "Write inject", id="inject-write", tooltip="Write a new inject now"),
    ]

    class InjectAction(Message):
        def __init__(self, what: str, inject_id: str | None) -> None:
            super().__init__()
            self.what = what
            self.inject_id = inject_id

    def compose(self):
        yield self.data_table()
        yield VerticalScroll(Static(id="inject-detail"), id="inject-detail-box")

    def draw(self, game: Game, side: str | None) -> None:
        queue = [
            (i, when) for i, when in game.upcoming_injects() if side is None or not i.audience or side in i.audience
        ]
        self._injects = {inject.id: (inject, when) for inject, when in queue}
        rows = [(inject.id, (short_due(game, inject, when), inject.title)) for inject, when in queue]
        fill_table(self.table, ("Due", "Inject"), rows, flexible=1)
        self._detail()

    def _detail(self) -> None:
        inject, when = getattr(self, "_injects", {}).get(self.highlighted_key(), (None, ""))
        box = self.query_one("#inject-detail", Static)
        if inject is None:
            box.update("No injects waiting. w: write one.")
            return
        text = Text()
        text.append(f"{inject.title}\n", "bold")
        text.append(f"Due: {when}\n\n", "dim")
        text.append(inject.text.strip())
        box.update(text)

    def on_data_table_row_highlighted(self) -> None:
        self._detail()

    def action_inject(self, what: str) -> None:
        self.post_message(self.InjectAction(what, self.highlighted_key()))


def short_due(game: Game, inject: Inject, when: str) -> str:
    """When an inject is due, in a few characters: ``T5 11 Jan``, ``T6 delayed``, ``condition``
    (the detail pane gives it in full)."""
    due = game.inject_due_turn(inject.id)
    if inject.id in game.state.delayed:
        return f"T{due} delayed"
    if inject.date is not None:
        return f"T{due} {inject.date:%d %b}"
    if due is not None:
        return f"T{due}"
    return "condition" if inject.condition is not None else when
