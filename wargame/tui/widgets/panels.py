"""The turn bar and the side panels that are text: area, assessment, log (the tables are in
:mod:`wargame.tui.widgets.tables`).

Each panel is told what to show (``show(game, side)``: attributes down) and posts a
message when the facilitator asks for something (messages up); none changes the game.
"""

from __future__ import annotations

from attrs import frozen
from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import RichLog, Static

from wargame.core.enums import Status
from wargame.core.game import Game
from wargame.narrate import narrate
from wargame.tui.widgets.tables import Redrawn


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


class AssessmentPanel(VerticalScroll):
    """Each side's objectives and the tracks, now and turn by turn (each side's objectives
    counted apart). Long lines wrap under their own start."""

    def compose(self):
        yield Static(id="assessment-text")

    def show(self, game: Game, side: str | None) -> None:
        lines = objective_lines(game, side) + track_lines(game) + turn_lines(game, side)
        self.query_one("#assessment-text", Static).update(indented(lines))


Line = tuple[Text, Text]
"""A line of a panel: a lead (an indent, a status word) and the text, which wraps under its own start."""


def indented(lines: list[Line]) -> Group:
    """Lines whose text wraps under its own start, not under the lead (a hanging indent)."""
    rows: list[Text | Table] = []
    for prefix, text in lines:
        if not prefix.cell_len:
            rows.append(text)
            continue
        grid = Table.grid()
        grid.add_column(width=prefix.cell_len, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(prefix, text)
        rows.append(grid)
    return Group(*rows)


def lead(indent: int, word: str = "", style: str = "") -> Text:
    """An indent, then a word (a status) padded to its column."""
    return Text(" " * indent + word, style)


STATUS_WORDS = {"met": ("met", "bold green"), "failed": ("failed", "red"), "not yet": ("not yet", "yellow")}


def objective_lines(game: Game, side: str | None) -> list[Line]:
    """Each side's objectives (the view's side only) and where each stands."""
    lines: list[Line] = []
    for side_id, s in game.scenario.sides.items():
        if side not in (None, side_id):
            continue
        lines.append((lead(0), Text(s.name, f"bold {s.colour or 'white'}")))
        for objective in s.objectives:
            status = game.state.objectives[objective.id]
            word, style = STATUS_WORDS["met" if status.met else "failed" if status.failed else "not yet"]
            lines.append((lead(2, f"{word:<9}", style), Text(f"{objective.title} ({objective.points} pt)")))
    return lines


def track_lines(game: Game) -> list[Line]:
    """The tracks now, with their range."""
    tracks = game.scenario.tracks
    if not tracks:
        return []
    lines: list[Line] = [(lead(0), Text("")), (lead(0), Text("Tracks", "bold"))]
    for track in tracks:
        value = game.state.tracks.get(track.id, track.start)
        lines.append((lead(2), Text(f"{track.title}: {value} ({track.min}..{track.max})")))
    return lines


def turn_lines(game: Game, side: str | None) -> list[Line]:
    """Turn by turn: how many objectives each side had met, and the tracks."""
    from wargame.report import build_report

    lines: list[Line] = [(lead(0), Text("")), (lead(0), Text("Turn by turn", "bold"))]
    titles = game.scenario.tracks_by_id
    for record in build_report(game, side).turns:
        lines.append((lead(2), Text(f"T{record.turn} {record.date}")))
        lines.append((lead(4), objectives_met(game, record.objectives)))
        tracks = "; ".join(f"{titles[t].title} {v}" for t, v in record.tracks.items())
        if tracks:
            lines.append((lead(4), Text(tracks, "dim")))
    return lines


def objectives_met(game: Game, statuses: dict[str, str]) -> Text:
    """How many of its objectives each side had met (the sides in ``statuses`` only), one line."""
    out = Text()
    for side in game.scenario.sides.values():
        mine = [statuses[o.id] for o in side.objectives if o.id in statuses]
        if mine:
            out.append("; " if out else "")
            out.append(side.name, f"bold {side.colour or 'white'}")
            out.append(f" {sum(status == 'met' for status in mine)}/{len(mine)} met")
    return out


class LogPanel(Redrawn, RichLog):
    """The event log in words, as the view may see it. Lines wrap at the panel's edge, and the
    wrapped part keeps the line's indent, so turns, phases and events stay easy to tell apart."""

    def __init__(self, **kwargs) -> None:
        super().__init__(wrap=True, markup=False, min_width=1, **kwargs)

    def draw(self, game: Game, side: str | None) -> None:
        self.clear()
        lines = list(narrate(game.scenario, game.log, side, details=False))
        for line in lines[-400:]:
            text = line.lstrip(" ")
            self.write(Padding(Text(text), (0, 0, 0, len(line) - len(text))))
