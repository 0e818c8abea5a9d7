"""Read-only screens: the briefing, the help, the scenario picker."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Label, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from wargame.core.scenario import Scenario


def briefing_pages(scenario: Scenario, side: str | None) -> list[tuple[str, str]]:
    """(title, Markdown) pages of the briefing; a side sees the situation and its own briefing only."""
    situation = f"# {scenario.title}\n\n{scenario.summary}\n\n"
    span = f"{scenario.start:%d %b %Y} to {scenario.end:%d %b %Y}"
    situation += f"**{span}**, {scenario.turn_count} turns of {scenario.turn_length}.\n\n"
    situation += "**Sides:** " + "; ".join(
        f"{s.name} ({', '.join(f.name for f in s.factions)})" for s in scenario.sides.values()
    )
    pages = [("Situation", situation)]
    for side_id, s in scenario.sides.items():
        if side is None or side == side_id:
            objectives = "\n".join(f"- {o.title} ({o.points} pt)" for o in s.objectives)
            pages.append((s.name, f"{s.briefing or '# ' + s.name}\n\n## Objectives\n\n{objectives or '(none)'}\n"))
    if side is None:
        pages.append(("White cell", scenario.briefing or "(no notes for the white cell)"))
        sources = "\n".join(f"- **{src.title}** ({src.ref}): {src.used_for}" for src in scenario.sources)
        simplified = "\n".join(f"- {item}" for item in scenario.simplifications)
        pages.append(
            (
                "Sources",
                f"# Sources\n\n{sources or '(none)'}\n\n# What is simplified\n\n{simplified or '(nothing listed)'}\n",
            )
        )
    return pages


class BriefingScreen(Screen):
    """The scenario's briefing, one tab per page. In a side view, only that side's pages."""

    BINDINGS = [Binding("escape,b", "app.pop_screen", "Back to the game")]

    def __init__(self, scenario: Scenario, side: str | None) -> None:
        super().__init__()
        self.scenario, self.side = scenario, side

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown  # markdown-it is slow to import: only when needed

        with TabbedContent():
            for i, (title, text) in enumerate(briefing_pages(self.scenario, self.side)):
                with TabPane(title, id=f"briefing-{i}"):
                    yield Markdown(text)
        yield Footer()


HELP = """\
# The facilitator's console

The game advances phase by phase. In each phase the sides' orders are given, then
**space** resolves them (and the phase's automatic steps) and moves to the next phase.

| Key | Does |
|---|---|
| space | resolve this phase and advance to the next |
| o | give an order (unit, then what, then where; refused choices say why) |
| d | decide a ruling that awaits the facilitator (semi-rigid or free mode) |
| a | a matrix argument (prepared, or written with pros and cons; `!` marks a strong one) |
| n | a note on the latest event, for the hot wash (`fix: ...` notes go to Fixes) |
| v | switch the view: white cell (truth), then each side (only what it has detected) |
| b | the briefing |
| 1-7 | side panel: area, forces, orders, rulings, injects, assessment, log |
| ctrl+z / ctrl+y | undo / redo |
| ctrl+s / ctrl+o | save / open a saved game |
| ctrl+e | export the after-action report (Markdown and HTML) |
| ctrl+p | command palette: every action by name |
| ? or f1 | this help |
| ctrl+q | quit (the game is autosaved after every phase) |

**Map**: arrows (or h j k l) move between areas, **+**/**-** zoom, shift+arrows pan,
**0** shows the whole theatre; click an area to select it. Letters with numbers are unit
stacks by side (B3: three Blue units).

**Panels**: in *Orders*, **x** cancels the highlighted order; in *Rulings*, **r**
overrides the highlighted ruling (with a reason); in *Injects*, **p** publishes,
**k** skips, **l** delays by a turn, **w** writes a new inject.
"""


class HelpScreen(ModalScreen):
    """The keys, and what each does."""

    BINDINGS = [Binding("escape,question_mark,f1,q", "app.pop_screen", "Close")]

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown

        with Vertical(classes="dialog wide"):
            yield Markdown(HELP)
            yield Label("escape closes this help", classes="hint")


class PickerScreen(Screen):
    """Choose a scenario: the bundled ones and any .yaml in the current folder."""

    BINDINGS = [Binding("escape", "app.quit", "Quit")]

    def __init__(self, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Choose a scenario", classes="dialog-title")
            yield OptionList(*[Option(label, id=ref) for ref, label in self.choices], id="picker")
            yield Static("enter: open   escape: quit", classes="hint")
        yield Footer()

    @on(OptionList.OptionSelected, "#picker")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


def scenario_choices(folder: Path | None = None) -> list[tuple[str, str]]:
    """(reference, label) for the bundled scenarios and the .yaml files in ``folder``."""
    from wargame.loading import ScenarioError, bundled_scenario_files, load_scenario

    out = []
    for path in bundled_scenario_files():
        try:
            scenario = load_scenario(path)
            out.append((scenario.id, f"{scenario.title} ({scenario.id}, {scenario.start:%b %Y})"))
        except ScenarioError:
            out.append((str(path), f"{path.stem} (has problems: run wargame validate)"))
    for path in sorted((folder or Path.cwd()).glob("*.yaml")):
        out.append((str(path), f"{path.name} (this folder)"))
    return out
