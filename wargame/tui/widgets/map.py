"""The map of the theatre: areas at their real positions, routes, the Niger, unit stacks."""

from __future__ import annotations

import math

from rich.text import Text
from textual.binding import Binding
from textual.events import Click, Resize
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from wargame.core.enums import Status
from wargame.core.game import Game
from wargame.tui.mapdraw import AreaMark, Picture, Projection, Viewport, draw, home_viewport


def area_marks(game: Game, side: str | None) -> dict[str, AreaMark]:
    """Control and unit stacks per area, as ``side`` sees them (None: the truth)."""
    stacks: dict[str, dict[str, int]] = {}
    if side is None:
        units = [(u.location, u.side) for u in game.state.units.values() if u.status is Status.ACTIVE]
    else:
        units = [(u.location, u.side) for u in game.view(side).units]
    for area, owner in units:
        stacks.setdefault(area, {}).setdefault(owner, 0)
        stacks[area][owner] += 1
    order = list(game.scenario.sides)
    return {
        area.id: AreaMark(
            game.state.control.get(area.id),
            tuple(sorted(stacks.get(area.id, {}).items(), key=lambda kv: order.index(kv[0]))),
        )
        for area in game.scenario.map.areas
    }


class MapView(Widget, can_focus=True):
    """The theatre map. Arrows move the selection; +/- zoom; shift+arrows pan; click selects."""

    STEP = Binding.Group("Select the next area that way")
    PAN = Binding.Group("Pan the map")
    BINDINGS = [
        Binding("up,k", "step(0,-1)", "North", show=False, group=STEP),
        Binding("down,j", "step(0,1)", "South", show=False, group=STEP),
        Binding("left,h", "step(-1,0)", "West", show=False, group=STEP),
        Binding("right,l", "step(1,0)", "East", show=False, group=STEP),
        Binding("plus,equals_sign", "zoom(1.5)", "Zoom in", key_display="+", id="map-zoom-in", show=False),
        Binding("minus", "zoom(0.667)", "Zoom out", key_display="-", id="map-zoom-out", show=False),
        Binding("shift+up", "pan(0,-4)", "Pan", show=False, group=PAN),
        Binding("shift+down", "pan(0,4)", "Pan", show=False, group=PAN),
        Binding("shift+left", "pan(-8,0)", "Pan", show=False, group=PAN),
        Binding("shift+right", "pan(8,0)", "Pan", show=False, group=PAN),
        Binding("0", "home", "Whole map", show=False, id="map-home"),
    ]

    selected: reactive[str | None] = reactive(None)

    class AreaSelected(Message):
        """The facilitator selected an area on the map."""

        def __init__(self, area: str) -> None:
            super().__init__()
            self.area = area

    def __init__(self, game: Game, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.game = game
        self.side: str | None = None
        self.viewport: Viewport = home_viewport(game.scenario)
        self.picture: Picture | None = None
        self._marks: dict[str, AreaMark] = {}
        self.colours = {s: side.colour or "white" for s, side in game.scenario.sides.items()}

    def show(self, game: Game, side: str | None) -> None:
        """Redraw for this game as ``side`` sees it."""
        self.game, self.side = game, side
        self._marks = area_marks(game, side)
        self.refresh()

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        self.picture = draw(
            self.game.scenario, self._marks, width, height, self.viewport, selected=self.selected, colours=self.colours
        )
        text = Text(no_wrap=True, overflow="crop")
        for y, row in enumerate(self.picture.cells):
            run, run_style = [], row[0][1] if row else ""
            for char, style in row:  # one append per run of cells in the same style
                if style != run_style:
                    text.append("".join(run), run_style or None)
                    run, run_style = [], style
                run.append(char)
            text.append("".join(run), run_style or None)
            if y < len(self.picture.cells) - 1:
                text.append("\n")
        return text

    def on_resize(self, event: Resize) -> None:
        self.refresh()

    def watch_selected(self, area: str | None) -> None:
        self.refresh()
        if area is not None:
            self.post_message(self.AreaSelected(area))

    def on_click(self, event: Click) -> None:
        if self.picture is None:
            return
        area = self.picture.nearest_area(event.x, event.y)
        if area is not None:
            self.selected = area
        self.focus()

    def action_step(self, dx: int, dy: int) -> None:
        """Select the nearest area in a direction."""
        picture = self.picture
        if picture is None or not picture.placed:
            return
        if self.selected not in picture.placed:
            self.selected = min(picture.placed, key=lambda a: picture.placed[a][1] * 1000 + picture.placed[a][0])
            return
        x0, y0 = picture.placed[self.selected]
        best, best_score = None, math.inf
        for area, (x, y) in picture.placed.items():
            ax, ay = x - x0, (y - y0) * 2
            along = ax * dx + ay * dy
            if area == self.selected or along <= 0:
                continue
            across = abs(ax * dy - ay * dx)
            score = along + 2 * across
            if score < best_score:
                best, best_score = area, score
        if best is not None:
            self.selected = best

    def action_zoom(self, factor: float) -> None:
        zoom = min(max(self.viewport.zoom * factor, 0.5), 40.0)
        self.viewport.zoom = zoom
        if self.selected:
            area = self.game.scenario.areas[self.selected]
            self.viewport.lat, self.viewport.lon = area.lat, area.lon
        self.refresh()

    def action_pan(self, cols: int, rows: int) -> None:
        projection = Projection(self.game.scenario, self.viewport, max(self.size.width, 1), max(self.size.height, 1))
        self.viewport.pan(cols, rows, projection.deg_per_col / projection.shrink)
        self.refresh()

    def action_home(self) -> None:
        self.viewport = home_viewport(self.game.scenario)
        self.refresh()
