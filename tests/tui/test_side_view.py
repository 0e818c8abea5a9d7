"""In a side's view, the console shows nothing of an enemy unit that side has never detected."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.widgets import DataTable, OptionList, RichLog, Static

from tests.helpers import random_game
from wargame.core.events import Detected, Ruling
from wargame.loading import load_scenario
from wargame.tui.app import TABS, make_app
from wargame.tui.widgets.map import MapView

pytestmark = pytest.mark.asyncio


def screen_text(screen) -> str:
    """Every piece of text the screen's widgets hold, visible or in a hidden tab."""
    parts: list[str] = []
    for widget in screen.walk_children():
        if isinstance(widget, DataTable):
            for row in range(widget.row_count):
                parts += [str(cell) for cell in widget.get_row_at(row)]
        elif isinstance(widget, RichLog):
            parts += [line.text for line in widget.lines]
        elif isinstance(widget, OptionList):
            parts += [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
        elif isinstance(widget, (MapView, Static)):
            rendered = widget.render()
            parts.append(rendered.plain if isinstance(rendered, Text) else str(rendered))
    return "\n".join(parts)


def never_detected(game, side: str) -> list[str]:
    seen = {
        c.unit
        for e in game.log
        if isinstance(e, Ruling)
        for c in e.changes
        if isinstance(c, Detected) and c.side == side
    }
    seen |= {u for u, unit in game.state.units.items() if side in unit.detected_by}
    return [u for u, unit in game.state.units.items() if unit.side != side and u not in seen]


@pytest.mark.parametrize("seed", [1, 2])
async def test_blue_sees_no_trace_of_red_units_it_never_found(seed):
    scenario = load_scenario("konna-2013")
    game = random_game(scenario, seed, turns=2)
    hidden = never_detected(game, "blue")
    assert hidden, "the test needs some red unit blue never found"
    app = make_app(game, "konna-2013", autosave=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.view_side = "blue"
        texts = []
        for area in sorted({game.state.units[u].location for u in hidden}):
            app.screen.query_one(MapView).selected = area
            await pilot.pause()
            texts.append(screen_text(app.screen))
        for tab in TABS[1:]:
            await pilot.press(str(TABS.index(tab) + 1))
            await pilot.pause()
            texts.append(screen_text(app.screen))
        for unit_id in hidden:
            assert not any(scenario.units[unit_id].name in text for text in texts), f"{unit_id} is on the screen"
        marks = app.screen.query_one(MapView)._marks
        for unit_id in hidden:
            area = game.state.units[unit_id].location
            red_seen = sum(1 for u in game.view("blue").units if u.location == area and u.side == "red")
            shown = dict(marks[area].stacks).get("red", 0)
            assert shown == red_seen, f"the map shows {shown} red units at {area}, blue knows of {red_seen}"
