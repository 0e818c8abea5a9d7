"""Read-only screens: the briefing, the help, the scenario picker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from attrs import frozen
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
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


class Page(VerticalScroll):
    """A page of text that the keyboard scrolls: up, down, page up, page down, home, end."""


SCROLL_PAGE = Binding.Group("Scroll the page")
SCROLL_KEYS = {"up": "up", "down": "down", "pageup": "page_up", "pagedown": "page_down", "home": "home", "end": "end"}
SCROLL_BINDINGS = [
    Binding(key, f"scroll('{how}')", "Scroll", show=False, priority=True, group=SCROLL_PAGE)
    for key, how in SCROLL_KEYS.items()
]


class BriefingScreen(Screen):
    """The scenario's briefing, one tab per page. In a side view, only that side's pages.
    Left and right turn the pages; up, down, page up, page down, home and end scroll the page
    on show (the screen's keys: moving the focus between pages would race with turning them)."""

    BINDINGS = [
        Binding("escape,b", "app.pop_screen", "Back to the game"),
        Binding("left", "page(-1)", "Previous page", key_display="←", priority=True),
        Binding("right", "page(1)", "Next page", key_display="→", priority=True),
        *SCROLL_BINDINGS,
    ]

    def __init__(self, scenario: Scenario, side: str | None) -> None:
        super().__init__()
        self.scenario, self.side = scenario, side

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown  # markdown-it is slow to import: only when needed

        with TabbedContent(id="briefing"):
            for i, (title, text) in enumerate(briefing_pages(self.scenario, self.side)):
                with TabPane(title, id=f"briefing-{i}"), Page():
                    yield Markdown(text)
        yield Footer()

    def page_on_show(self) -> Page | None:
        pane = self.query_one(TabbedContent).active_pane
        return pane.query_one(Page) if pane is not None else None

    def action_page(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        ids = [pane.id or "" for pane in tabs.query(TabPane)]
        tabs.active = ids[(ids.index(tabs.active) + step) % len(ids)]

    def action_scroll(self, how: str) -> None:
        page = self.page_on_show()
        if page is not None:
            getattr(page, f"scroll_{how}")()


@frozen
class HelpSection:
    """A part of the help: a title, the bindings it lists, and lines for what is not a binding."""

    title: str
    bindings: tuple[Binding, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    """(keys, what they do) for mouse actions and keys that widgets handle themselves."""


KEY_COLUMN = 16


def help_text(sections: list[HelpSection], key_display: Callable[[Binding], str]) -> Text:
    """The help, one line per key: bindings with the same description or group share a line."""
    out = Text()
    for section in sections:
        out.append(f"{section.title}\n", "bold underline")
        for keys, description, tooltip in _merged(section.bindings, key_display) + [
            (k, d, "") for k, d in section.extra
        ]:
            out.append(f"  {keys:<{KEY_COLUMN - 1}} ", "bold cyan")
            out.append(description, "bold")
            if tooltip and tooltip != description:
                out.append(f"  {tooltip}", "dim")
            out.append("\n")
        out.append("\n")
    out.rstrip()
    return out


def _merged(bindings: tuple[Binding, ...], key_display: Callable[[Binding], str]) -> list[tuple[str, str, str]]:
    """(keys, description, tooltip) per line, keys of the same description or group together."""
    lines: dict[str, tuple[list[str], str]] = {}
    for binding in bindings:
        if not binding.description or binding.system:
            continue
        title = binding.group.description if binding.group else binding.description
        keys, _ = lines.setdefault(title, ([], binding.tooltip))
        for key in binding.key.split(","):
            shown = key_display(replace(binding, key=key.strip(), key_display=None))
            if shown not in keys:
                keys.append(shown)
    return [(_compact(keys), title, tooltip) for title, (keys, tooltip) in lines.items()]


def _compact(keys: list[str]) -> str:
    """Keys in one short string: ``shift+↑ shift+↓`` becomes ``shift+↑ ↓``."""
    modifier = keys[0].rpartition("+")[0] + "+" if "+" in keys[0][1:] else ""
    if len(keys) > 1 and modifier and all(k.startswith(modifier) for k in keys):
        return modifier + " ".join(k.removeprefix(modifier) for k in keys)
    return " ".join(keys)


class HelpScreen(Screen):
    """Every key, one line each, made from the bindings themselves so that it never goes stale.
    The page has the focus: up, down, page up, page down, home and end scroll it."""

    BINDINGS = [Binding("escape,question_mark,f1,q", "app.pop_screen", "Close", key_display="esc")]

    def __init__(self, sections: list[HelpSection]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        yield Label(" The facilitator's console: keys  (esc closes; ↑ ↓ PgUp PgDn Home End scroll)", id="help-title")
        with Page(id="help-page"):
            yield Static(help_text(self.sections, self.app.get_key_display), id="help-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Page).focus()


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
