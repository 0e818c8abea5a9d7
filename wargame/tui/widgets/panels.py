"""The side panels: turn bar, area, forces, orders, rulings, injects, assessment, log.

Each panel is told what to show (``show(game, side)``: attributes down) and posts a
message when the facilitator asks for something (messages up); none changes the game.
"""

from __future__ import annotations

from attrs import frozen
from rich.padding import Padding
from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, RichLog, Select, Static

from wargame.core.enums import Status
from wargame.core.events import Ruling
from wargame.core.game import Game
from wargame.narrate import describe_order, narrate, ruling_lines


def side_name(game: Game, side: str | None) -> str:
    return "White cell (truth)" if side is None else game.scenario.sides[side].name


class TurnBar(Static):
    """The view first (the facilitator must always see whether the screen shows the truth or a
    side's view), then the turn, date, phase, and what the game waits for. Each part has
    shorter forms, used when the terminal is too narrow for the long ones."""

    def show(self, game: Game, side: str | None) -> None:
        self._parts = turn_bar_parts(game, side)
        self.refresh()

    def render(self) -> Text:
        return fit_parts(getattr(self, "_parts", []), self.size.width)


@frozen
class Part:
    """A piece of a one-line bar: its forms, longest first, and its style."""

    name: str
    forms: tuple[str, ...]
    style: str = ""


SHRINK_ORDER = ("date", "awaiting", "date", "turn", "phase", "date", "view")
"""Which part of the turn bar gives way first, a step at a time, when the terminal is narrow."""


def turn_bar_parts(game: Game, side: str | None) -> list[Part]:
    """The turn bar's pieces, each with shorter forms for narrow terminals."""
    scenario = game.scenario
    phase, place = game.phase.title, f"{game.state.phase_index + 1}/{len(scenario.rules.phases)}"
    view = (f"{side_name(game, side)} view", f"{side.title()} view") if side else ("White cell (truth)", "White cell")
    parts = [
        Part("view", view, "bold reverse magenta" if side else "bold reverse"),
        Part("turn", (f"Turn {game.turn}/{scenario.turn_count}", f"T{game.turn}/{scenario.turn_count}"), "bold"),
        Part("date", (f"{game.date:%a %d %b %Y}", f"{game.date:%d %b %Y}", f"{game.date:%d %b}", ""), "bold"),
        Part("phase", (f"{phase} ({place})", f"{phase.split()[0]} {place}"), "bold cyan"),
    ]
    awaiting = game.awaiting
    if awaiting.what == "over":
        parts.append(Part("awaiting", (f"GAME OVER: {awaiting.detail}", "GAME OVER"), "bold reverse red"))
    elif awaiting.what == "decision":
        parts.append(Part("awaiting", ("DECISION NEEDED: press d", "DECISION: press d"), "bold reverse yellow"))
    elif awaiting.what == "orders":
        names = ", ".join(scenario.sides[s].name for s in awaiting.sides)
        ids = ", ".join(s.title() for s in awaiting.sides)
        parts.append(Part("awaiting", (f"orders from: {names}", f"orders: {ids}")))
    else:
        parts.append(Part("awaiting", ("space: resolve and advance", "space: advance"), "dim"))
    return parts


def fit_parts(parts: list[Part], width: int) -> Text:
    """The parts in their longest forms that fit in ``width``, shortening them in :data:`SHRINK_ORDER`."""
    level = {part.name: 0 for part in parts}
    for name in (None, *SHRINK_ORDER):
        if name in level:
            forms = next(p.forms for p in parts if p.name == name)
            level[name] = min(level[name] + 1, len(forms) - 1)
        text = Text()
        for part in parts:
            words = part.forms[level[part.name]]
            if words:
                text.append(f" {words} ", part.style)
                text.append(" ")
        text.rstrip()
        if text.cell_len <= width:
            break
    return text


class AreaPanel(VerticalScroll):
    """What is in the selected area: terrain, features, holder, units seen there, routes."""

    def compose(self):
        yield Static(id="area-text")

    def show(self, game: Game, side: str | None, area_id: str | None) -> None:
        text = self.query_one("#area-text", Static)
        if area_id is None:
            text.update("Select an area on the map (arrows, or click).")
            return
        scenario = game.scenario
        area = scenario.areas[area_id]
        out = Text()
        out.append(f"{area.name}\n", "bold underline")
        bank = f", {area.bank.value} bank" if area.bank else ""
        out.append(f"{scenario.rules.terrain[area.terrain].name}{bank}\n")
        if area.features:
            out.append("Features: " + ", ".join(f.label for f in area.features) + "\n")
        holder = game.state.control.get(area_id)
        out.append(f"Held by: {scenario.sides[holder].name if holder else 'nobody'}\n")
        if area.description:
            out.append(area.description + "\n", "italic")
        out.append("\nUnits\n", "bold")
        units = _units_seen(game, side, area_id)
        for unit_id, owner, strength, posture, supply in units:
            colour = scenario.sides[owner].colour or "white"
            out.append("■ ", colour)
            out.append(f"{scenario.units[unit_id].name}: {strength} ({posture}{supply})\n")
        if not units:
            out.append("(none seen)\n", "dim")
        out.append("\nRoutes\n", "bold")
        for route in scenario.routes_from.get(area_id, ()):
            other = scenario.areas[route.other_end(area_id)].name
            state = game.state.routes.get(route.key)
            flag = f" [{state.label}]" if state and state.value != "open" else ""
            out.append(
                f"→ {other}: {route.km:g} km {route.kind.label}{' (' + route.name + ')' if route.name else ''}{flag}\n"
            )
        text.update(out)


def _units_seen(game: Game, side: str | None, area_id: str) -> list[tuple[str, str, int, str, str]]:
    if side is None:
        units = [u for u in game.state.units.values() if u.status is Status.ACTIVE and u.location == area_id]
        return [
            (u.id, u.side, u.strength, u.posture.label, f", supply {u.supply}")
            for u in sorted(units, key=lambda u: u.id)
        ]
    view = game.view(side)
    return [
        (u.id, u.side, u.strength, u.posture.label, f", supply {u.supply}" if u.own else ", estimated")
        for u in view.units_in(area_id)
    ]


class ForcesPanel(Vertical):
    """The order of battle: every unit the view may see, filterable by side; o or enter orders a unit."""

    BINDINGS = [
        Binding(
            "o",
            "order_unit",
            "Order this unit",
            id="order-unit",
            tooltip="Give the highlighted unit an order (enter does the same)",
        )
    ]

    def compose(self):
        yield Select([], prompt="All sides", id="forces-side", allow_blank=True)
        table = DataTable(id="forces-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("Unit", "Str", "Posture", "Sup", "Where", "Seen by")
        yield table

    class UnitChosen(Message):
        def __init__(self, unit: str) -> None:
            super().__init__()
            self.unit = unit

    def show(self, game: Game, side: str | None) -> None:
        select = self.query_one("#forces-side", Select)
        options = [(s.name, sid) for sid, s in game.scenario.sides.items()]
        if getattr(self, "_options", None) != options:
            select.set_options(options)
            self._options = options
        wanted = select.value if select.value != Select.NULL else None
        table = self.query_one("#forces-table", DataTable)
        table.clear()
        for row in _forces(game, side):
            if wanted is None or row[1] == wanted:
                unit_id, owner, _type, *cells = row
                colour = game.scenario.sides[owner].colour or "white"
                name = Text.assemble(("■ ", colour), game.scenario.units[unit_id].name)
                table.add_row(name, *cells, key=unit_id)

    def on_select_changed(self, event: Select.Changed) -> None:
        self.post_message(self.Refilter())

    class Refilter(Message):
        """The side filter changed."""

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.post_message(self.UnitChosen(event.row_key.value))

    def action_order_unit(self) -> None:
        key = highlighted_key(self.query_one("#forces-table", DataTable))
        if key:
            self.post_message(self.UnitChosen(key))


def highlighted_key(table: DataTable) -> str | None:
    """The key of the table's highlighted row, if it has rows."""
    if not table.row_count:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


def _forces(game: Game, side: str | None) -> list[tuple]:
    scenario = game.scenario
    rows = []
    if side is None:
        for unit in sorted(game.state.units.values(), key=lambda u: (list(scenario.sides).index(u.side), u.id)):
            where = scenario.areas[unit.location].name if unit.status is Status.ACTIVE else unit.status.label
            seen = ", ".join(sorted(unit.detected_by)) or "-"
            rows.append((unit.id, unit.side, scenario.rules.unit_types[unit.type].name, str(unit.strength),
                         unit.posture.label, str(unit.supply), where, seen))  # fmt: skip
        return rows
    for unit in game.view(side).units:
        seen = ("enemy knows" if unit.detected else "hidden") if unit.own else "detected"
        rows.append((unit.id, unit.side, scenario.rules.unit_types[unit.type].name,
                     str(unit.strength) if unit.own else f"~{unit.strength}", unit.posture.label,
                     str(unit.supply) if unit.own else "?", scenario.areas[unit.location].name, seen))  # fmt: skip
    return rows


class OrdersPanel(Vertical):
    """Orders waiting in this phase; x cancels the highlighted one."""

    BINDINGS = [
        Binding("x,delete", "cancel_order", "Cancel order", id="cancel-order", tooltip="Withdraw the highlighted order")
    ]

    class CancelRequested(Message):
        def __init__(self, order_id: str) -> None:
            super().__init__()
            self.order_id = order_id

    def compose(self):
        table = DataTable(id="orders-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("Id", "Side", "Order")
        yield table
        yield Static("o: give an order.  x: cancel the highlighted one.", classes="hint")

    def show(self, game: Game, side: str | None) -> None:
        table = self.query_one("#orders-table", DataTable)
        table.clear()
        for order_id, (owner, order) in game.state.orders.items():
            if side is None or owner == side:
                table.add_row(
                    order_id, game.scenario.sides[owner].name, describe_order(game.scenario, order), key=order_id
                )

    def action_cancel_order(self) -> None:
        key = highlighted_key(self.query_one("#orders-table", DataTable))
        if key:
            self.post_message(self.CancelRequested(key))


class RulingsPanel(Vertical):
    """Every ruling the view may see, newest first, with its dice, modifiers and rules; r overrides."""

    BINDINGS = [
        Binding(
            "r",
            "override",
            "Override",
            id="override-ruling",
            tooltip="Replace the highlighted ruling's result, with a reason (not for rulings with one possible result)",
        )
    ]

    class OverrideRequested(Message):
        def __init__(self, ruling_id: str) -> None:
            super().__init__()
            self.ruling_id = ruling_id

    def compose(self):
        table = DataTable(id="rulings-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("Id", "T", "Ruling", "Result")
        yield table
        yield VerticalScroll(Static(id="ruling-detail"), id="ruling-detail-box")

    def show(self, game: Game, side: str | None) -> None:
        table = self.query_one("#rulings-table", DataTable)
        self._rulings = {r.id: r for r in game.rulings(side)}
        table.clear()
        for ruling in reversed(list(self._rulings.values())[-200:]):
            mark = " ✎" if ruling.choice == "override" else ""
            table.add_row(ruling.id, str(ruling.turn), ruling.title, ruling.result + mark, key=ruling.id)
        self._detail(next(reversed(self._rulings.values()), None))

    def _detail(self, ruling: Ruling | None) -> None:
        box = self.query_one("#ruling-detail", Static)
        if ruling is None:
            box.update("No rulings yet.")
            return
        text = Text()
        text.append(f"{ruling.title}\n", "bold")
        for line in ruling_lines(ruling):
            text.append(line.strip() + "\n")
        if can_override(ruling):
            text.append("Possible results: ", "bold")
            text.append(", ".join(f"{o.code} {o.probability:.0%}" for o in ruling.options) + "\n")
            text.append("r: override this result (with a reason).", "dim")
        else:
            text.append("Only one result was possible: nothing to override.", "dim")
        box.update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value if event.row_key else None
        if key in getattr(self, "_rulings", {}):
            self._detail(self._rulings[key])
        self.refresh_bindings()

    def highlighted(self) -> Ruling | None:
        """The ruling under the cursor."""
        return getattr(self, "_rulings", {}).get(highlighted_key(self.query_one("#rulings-table", DataTable)))

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


def can_override(ruling: Ruling) -> bool:
    """Whether another result was possible (supply and assessment rulings, for instance, have one)."""
    return len(ruling.options) > 1


class InjectsPanel(Vertical):
    """The inject queue: p publishes, k skips, l delays a turn, w writes a new one."""

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
        table = DataTable(id="injects-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("Due", "Inject")
        yield table
        yield VerticalScroll(Static(id="inject-detail"), id="inject-detail-box")

    def show(self, game: Game, side: str | None) -> None:
        table = self.query_one("#injects-table", DataTable)
        self._injects = {i.id: i for i, _ in game.upcoming_injects()}
        table.clear()
        for inject, when in game.upcoming_injects():
            if side is None or not inject.audience or side in inject.audience:
                table.add_row(when, inject.title, key=inject.id)
        if not table.row_count:
            self.query_one("#inject-detail", Static).update("No injects waiting. w: write one.")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value if event.row_key else None
        inject = getattr(self, "_injects", {}).get(key)
        if inject is not None:
            self.query_one("#inject-detail", Static).update(Text(f"{inject.title}\n\n{inject.text}".strip()))

    def action_inject(self, what: str) -> None:
        self.post_message(self.InjectAction(what, highlighted_key(self.query_one("#injects-table", DataTable))))


class AssessmentPanel(VerticalScroll):
    """Each side's objectives and the tracks, now and turn by turn."""

    def compose(self):
        yield Static(id="assessment-text")

    def show(self, game: Game, side: str | None) -> None:
        from wargame.report import build_report

        scenario = game.scenario
        report = build_report(game, side)
        out = Text()
        for side_id, s in scenario.sides.items():
            if side is not None and side_id != side:
                continue
            out.append(f"{s.name}\n", f"bold {s.colour or 'white'}")
            for objective in s.objectives:
                status = game.state.objectives[objective.id]
                word, style = (
                    ("met", "bold green")
                    if status.met
                    else ("failed", "red")
                    if status.failed
                    else ("not yet", "yellow")
                )
                out.append(f"  {word:<8}", style)
                out.append(f" {objective.title} ({objective.points} pt)\n")
        if scenario.tracks:
            out.append("\nTracks\n", "bold")
            for track in scenario.tracks:
                value = game.state.tracks.get(track.id, track.start)
                out.append(f"  {track.title}: {value} ({track.min}..{track.max})\n")
        out.append("\nTurn by turn\n", "bold")
        for record in report.turns:
            met = sum(1 for v in record.objectives.values() if v == "met")
            tracks = ", ".join(f"{scenario.tracks_by_id[t].title[:12]} {v}" for t, v in record.tracks.items())
            out.append(f"  T{record.turn} {record.date}: {met}/{len(record.objectives)} met; {tracks}\n")
        self.query_one("#assessment-text", Static).update(out)


class LogPanel(RichLog):
    """The event log in words, as the view may see it. Lines wrap at the panel's edge, and the
    wrapped part keeps the line's indent, so turns, phases and events stay easy to tell apart."""

    def __init__(self, **kwargs) -> None:
        super().__init__(wrap=True, markup=False, min_width=1, **kwargs)
        self._shown: tuple[Game, str | None] | None = None

    def show(self, game: Game, side: str | None) -> None:
        self._shown = (game, side)
        self.clear()
        lines = list(narrate(game.scenario, game.log, side, details=False))
        for line in lines[-400:]:
            text = line.lstrip(" ")
            self.write(Padding(Text(text), (0, 0, 0, len(line) - len(text))))

    def on_resize(self) -> None:
        """Wrap again at the new width."""
        if self._shown is not None:
            self.show(*self._shown)
