"""The after-action report: what happened, in the hot wash's shape (plan, performance,
issues, fixes), as Markdown and as one self-contained HTML file.

The report is built from the event log alone. For a side (``side="blue"``) it holds only
what that side may see, through the same visibility rule as the side view. Facilitator
notes go under *Issues*; a note that starts with ``fix:`` goes under *Fixes*.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

from attrs import define, field

from wargame.core.events import (
    Event,
    GameEnded,
    InjectDelayed,
    InjectSkipped,
    NoteAdded,
    OrderIssued,
    PhaseBegan,
    Ruling,
    visible,
)
from wargame.core.game import Game, apply_event
from wargame.core.scenario import Scenario
from wargame.core.state import initial_state
from wargame.narrate import describe_order, ruling_details


@define
class TurnRecord:
    """What one turn looked like at its end."""

    turn: int
    date: str
    objectives: dict[str, str] = field(factory=dict)
    """Objective id -> met / failed / not yet."""
    tracks: dict[str, int] = field(factory=dict)
    control_changes: list[str] = field(factory=list)


@define
class Report:
    """Everything the report shows, already filtered for its reader."""

    scenario: Scenario
    seed: int
    side: str | None
    turns: list[TurnRecord]
    orders: list[tuple[int, str, str]]
    rulings: list[Ruling]
    injects: list[str]
    notes: list[tuple[int, str, str]]
    fixes: list[tuple[int, str, str]]
    outcome: str

    @property
    def reader(self) -> str:
        return "white cell" if self.side is None else self.scenario.sides[self.side].name


def build_report(game: Game, side: str | None = None) -> Report:
    """Collect the report for the white cell (``side=None``) or for one side."""
    scenario = game.scenario
    state = initial_state(scenario)
    turns: list[TurnRecord] = []
    orders, rulings, injects, notes, fixes = [], [], [], [], []
    outcome = ""
    phases = {p.id: p.title for p in scenario.rules.phases}
    for event in game.log:
        if isinstance(event, PhaseBegan) and event.phase == scenario.rules.phases[0].id and state.turn:
            turns.append(_record(scenario, state, side))
        apply_event(scenario, state, event)
        if not visible(event, side):
            continue
        match event:
            case OrderIssued(side=who, order=order):
                orders.append((state.turn, who, f"{phases.get(scenario.rules.phases[state.phase_index].id)}: "
                                                f"{describe_order(scenario, order)}"))  # fmt: skip
            case Ruling():
                rulings.append(event)
                if event.mechanic == "inject":
                    injects.append(f"Turn {event.turn}: {event.explanation}")
            case InjectSkipped(inject=inject, reason=reason):
                injects.append(f"Turn {state.turn}: skipped {inject}" + (f" ({reason})" if reason else ""))
            case InjectDelayed(inject=inject, until_turn=until):
                injects.append(f"Turn {state.turn}: {inject} delayed to turn {until}")
            case NoteAdded(text=text, turn=turn, about=about):
                subject = _subject(game.log, about)
                target = fixes if text.lower().startswith("fix:") else notes
                target.append((turn, text.split(":", 1)[1].strip() if target is fixes else text, subject))
            case GameEnded(reason=reason):
                outcome = reason
    if state.turn:
        turns.append(_record(scenario, state, side))
    return Report(scenario, game.seed, side, turns, orders, rulings, injects, notes, fixes, outcome)


def _record(scenario: Scenario, state, side: str | None) -> TurnRecord:
    record = TurnRecord(state.turn, f"{scenario.turn_start(state.turn):%d %b %Y}")
    for objective_id, (owner, _) in scenario.objectives.items():
        if side is not None and owner != side:
            continue
        status = state.objectives[objective_id]
        record.objectives[objective_id] = "met" if status.met else "failed" if status.failed else "not yet"
    record.tracks = dict(state.tracks)
    return record


def _subject(log: tuple[Event, ...], about: int | None) -> str:
    if about is None or not 0 <= about < len(log):
        return ""
    event = log[about]
    if isinstance(event, Ruling):
        return f"{event.id}: {event.title}"
    return event.tag.replace("_", " ")


# -- Markdown ---------------------------------------------------------------------------------------


def to_markdown(report: Report) -> str:
    """The report as Markdown."""
    s = report.scenario
    out = [f"# After-action report: {s.title}", ""]
    out.append(f"*{s.id}, seed {report.seed}; {s.start:%d %b %Y} to {s.end:%d %b %Y}; for the {report.reader}.*")
    out.append("")
    if report.outcome:
        out += [f"**Outcome:** {report.outcome}.", ""]
    out += ["## Plan", ""]
    for side_id, side in s.sides.items():
        if report.side is not None and side_id != report.side:
            continue
        out.append(f"### {side.name}")
        out += [f"- {o.title}" for o in side.objectives] or ["- (no objectives)"]
        out.append("")
    out += ["### Orders", ""]
    out += [f"- Turn {t}, {who}: {text}" for t, who, text in report.orders] or ["(no orders)"]
    out += ["", "## Performance", "", "### Assessment per turn", ""]
    out += _assessment_table_md(report)
    out += ["", "### Injects", ""]
    out += [f"- {line}" for line in report.injects] or ["(none)"]
    out += ["", "### Rulings", ""]
    for ruling in report.rulings:
        out += _ruling_md(ruling)
    overrides = [r for r in report.rulings if r.choice == "override"]
    out += ["", "## Issues", "", "### Overrides", ""]
    out += [f"- {r.id} (turn {r.turn}), {r.title}: {r.overridden} -> {r.result}. Reason: {r.reason}" for r in overrides]
    out += ["(none)"] if not overrides else []
    out += ["", "### Facilitator's notes", ""]
    out += [f"- Turn {t}: {text}" + (f" (about {about})" if about else "") for t, text, about in report.notes]
    out += ["(none)"] if not report.notes else []
    out += ["", "## Fixes", ""]
    out += [f"- Turn {t}: {text}" + (f" (about {about})" if about else "") for t, text, about in report.fixes]
    out += ["(none recorded: notes starting with `fix:` are listed here)"] if not report.fixes else []
    return "\n".join(out) + "\n"


def _assessment_table_md(report: Report) -> list[str]:
    s = report.scenario
    objectives = [o for o in s.objectives if any(o in t.objectives for t in report.turns)]
    tracks = [t.id for t in s.tracks]
    heads = [
        "Turn",
        "Date",
        *(s.objectives[o][1].title for o in objectives),
        *(s.tracks_by_id[t].title for t in tracks),
    ]
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for record in report.turns:
        cells = [str(record.turn), record.date, *(record.objectives.get(o, "") for o in objectives)]
        cells += [str(record.tracks.get(t, "")) for t in tracks]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _ruling_md(ruling: Ruling) -> list[str]:
    lines = [f"- **{ruling.id}** (turn {ruling.turn}, {ruling.phase}) {ruling.title}: {ruling.explanation}"]
    return lines + [f"  - {label}: {text}" for label, text in ruling_details(ruling)]


# -- HTML ---------------------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1f2937; }
h1 { border-bottom: 3px solid #1f2937; } h2 { border-bottom: 1px solid #9ca3af; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #d1d5db; padding: 0.25rem 0.5rem; text-align: left; }
th { background: #f3f4f6; } .met { color: #047857; font-weight: 600; } .failed { color: #b91c1c; }
.ruling { margin: 0.5rem 0; padding: 0.5rem; border-left: 4px solid #9ca3af; background: #f9fafb; }
.ruling.override { border-color: #d97706; } .meta { color: #6b7280; font-size: 0.85rem; }
"""


def to_html(report: Report) -> str:
    """The report as one self-contained HTML page (no scripts, no external files)."""
    e = html.escape
    s = report.scenario
    body = [f"<h1>After-action report: {e(s.title)}</h1>"]
    body.append(f"<p class='meta'>{e(s.id)}, seed {report.seed}; {s.start:%d %b %Y} to {s.end:%d %b %Y}; "
                f"for the {e(report.reader)}.</p>")  # fmt: skip
    if report.outcome:
        body.append(f"<p><strong>Outcome:</strong> {e(report.outcome)}.</p>")
    body.append("<h2>Plan</h2>")
    for side_id, side in s.sides.items():
        if report.side is not None and side_id != report.side:
            continue
        body.append(f"<h3>{e(side.name)}</h3>" + _ul(o.title for o in side.objectives))
    body.append("<h3>Orders</h3>" + _ul(f"Turn {t}, {who}: {text}" for t, who, text in report.orders))
    body.append("<h2>Performance</h2><h3>Assessment per turn</h3>" + _assessment_table_html(report))
    body.append("<h3>Injects</h3>" + _ul(report.injects))
    body.append("<h3>Rulings</h3>")
    for ruling in report.rulings:
        body.append(_ruling_html(ruling))
    overrides = [r for r in report.rulings if r.choice == "override"]
    body.append("<h2>Issues</h2><h3>Overrides</h3>")
    body.append(
        _ul(f"{r.id} (turn {r.turn}), {r.title}: {r.overridden} → {r.result}. Reason: {r.reason}" for r in overrides)
    )
    body.append("<h3>Facilitator's notes</h3>")
    body.append(_ul(f"Turn {t}: {text}" + (f" (about {a})" if a else "") for t, text, a in report.notes))
    body.append("<h2>Fixes</h2>")
    body.append(_ul(f"Turn {t}: {text}" + (f" (about {a})" if a else "") for t, text, a in report.fixes))
    title = e(f"After-action report: {s.title}")
    return (
        f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"<style>{_CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _ul(items: Iterable[str]) -> str:
    rows = [f"<li>{html.escape(item)}</li>" for item in items]
    return "<ul>" + "".join(rows) + "</ul>" if rows else "<p class='meta'>(none)</p>"


def _assessment_table_html(report: Report) -> str:
    e = html.escape
    s = report.scenario
    objectives = [o for o in s.objectives if any(o in t.objectives for t in report.turns)]
    tracks = [t.id for t in s.tracks]
    head = ["Turn", "Date", *(s.objectives[o][1].title for o in objectives), *(s.tracks_by_id[t].title for t in tracks)]
    rows = ["<tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr>"]
    for record in report.turns:
        cells = [f"<td>{record.turn}</td>", f"<td>{e(record.date)}</td>"]
        for o in objectives:
            status = record.objectives.get(o, "")
            cells.append(f"<td class='{status.replace(' ', '-')}'>{e(status)}</td>")
        cells += [f"<td>{record.tracks.get(t, '')}</td>" for t in tracks]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>" + "".join(rows) + "</table>"


def _ruling_html(ruling: Ruling) -> str:
    e = html.escape
    head = (
        f"<strong>{e(ruling.id)}</strong> <span class='meta'>turn {ruling.turn}, {e(ruling.phase)}</span> "
        f"{e(ruling.title)}: {e(ruling.explanation)}"
    )
    details = "".join(f"<div class='meta'>{e(label)}: {e(text)}</div>" for label, text in ruling_details(ruling))
    css = "ruling override" if ruling.choice == "override" else "ruling"
    return f"<div class='{css}'>{head}{details}</div>"


def export_report(game: Game, stem: Path, side: str | None = None) -> list[Path]:
    """Write the after-action report as STEM.md and STEM.html (a ``.md`` or ``.html`` on STEM is dropped)."""
    from wargame.loading.saves import write_atomically  # the file side of reports, kept out of the engine

    if stem.suffix.lower() in (".md", ".html"):
        stem = stem.with_suffix("")
    report = build_report(game, side)
    paths = [stem.with_name(stem.name + ".md"), stem.with_name(stem.name + ".html")]
    write_atomically(paths[0], to_markdown(report))
    write_atomically(paths[1], to_html(report))
    return paths
