"""Drawing the theatre as characters: pure geometry, no Textual.

Areas are placed by their real latitude and longitude (an equirectangular projection,
longitudes shrunk by the cosine of the middle latitude; terminal cells are about twice
as tall as wide). The Niger is drawn first, then borders, routes by kind, areas by
terrain, then labels and unit markers. Labels are placed only where they fit, most
important first (the selected area, areas with units, towns), so the map stays legible
at any size; zooming in shows more of them.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

from attrs import define, field, frozen

from wargame.core.enums import Feature, RouteKind
from wargame.core.scenario import Area, Scenario

CELL_ASPECT = 2.0
"""A terminal cell is about twice as tall as it is wide."""

ROUTE_GLYPHS = {
    RouteKind.PAVED_ROAD: ("=", "bright_white"),
    RouteKind.TRACK: ("·", "khaki3"),
    RouteKind.DESERT: (":", "grey50"),
    RouteKind.BRIDGE: ("#", "bold white"),
    RouteKind.FERRY: ("≈", "bold cyan"),
    RouteKind.FORD: ("≈", "cyan"),
    RouteKind.RIVER: ("~", "cyan"),
    RouteKind.AIR: (" ", ""),
}
TERRAIN_GLYPHS = {
    "mountain": ("▲", "bold orange3"),
    "hills": ("△", "orange3"),
    "urban": ("■", "bold white"),
    "town": ("●", "white"),
    "desert": ("◦", "khaki1"),
    "sahel": ("◦", "dark_khaki"),
    "floodplain": ("◦", "cyan"),
    "irrigated": ("◦", "green"),
    "river_valley": ("◦", "green"),
}
RIVER = ("~", "bold dodger_blue2")
BORDER = ("┆", "grey42")


@frozen
class AreaMark:
    """What the map shows of an area: who holds it and the unit stacks seen there."""

    control: str | None = None
    stacks: tuple[tuple[str, int], ...] = ()
    """(side, number of units) for each side seen in the area."""


@define
class Viewport:
    """Which part of the theatre is shown: a centre and a zoom (1 = everything fits)."""

    lat: float = 0.0
    lon: float = 0.0
    zoom: float = 1.0

    def pan(self, cols: int, rows: int, deg_per_col: float) -> None:
        self.lon += cols * deg_per_col
        self.lat -= rows * deg_per_col * CELL_ASPECT


@define
class Picture:
    """A drawn map: rows of (character, style) cells, and where each area landed."""

    width: int
    height: int
    cells: list[list[tuple[str, str]]] = field(factory=list)
    placed: dict[str, tuple[int, int]] = field(factory=dict)
    priority: list[list[int]] = field(factory=list)

    @classmethod
    def blank(cls, width: int, height: int) -> Picture:
        return cls(
            width,
            height,
            [[(" ", "") for _ in range(width)] for _ in range(height)],
            {},
            [[0] * width for _ in range(height)],
        )

    def put(self, x: int, y: int, char: str, style: str, rank: int) -> bool:
        """Write a cell if it is on the picture and nothing more important is there."""
        if 0 <= x < self.width and 0 <= y < self.height and rank >= self.priority[y][x]:
            self.cells[y][x] = (char, style)
            self.priority[y][x] = rank
            return True
        return False

    def fits(self, x: int, y: int, length: int, rank: int) -> bool:
        """Whether a label fits here, with a free cell on each side so that words never touch."""
        if y < 0 or y >= self.height or x < 0 or x + length > self.width:
            return False
        row = self.priority[y]
        margin = [i for i in (x - 1, x + length) if 0 <= i < self.width]
        return all(row[x + i] < rank for i in range(length)) and all(row[i] < 4 for i in margin)

    def write(self, x: int, y: int, text: str, style: str, rank: int) -> None:
        for i, char in enumerate(text):
            self.put(x + i, y, char, style, rank)

    def nearest_area(self, x: int, y: int) -> str | None:
        """The area drawn closest to a cell (for mouse clicks)."""
        if not self.placed:
            return None
        return min(
            self.placed, key=lambda a: (self.placed[a][0] - x) ** 2 + ((self.placed[a][1] - y) * CELL_ASPECT) ** 2
        )


def on_map(scenario: Scenario) -> list[Area]:
    return [a for a in scenario.map.areas if not a.has(Feature.OFF_MAP)]


def fit(scenario: Scenario) -> tuple[float, float, float, float]:
    """(south, north, west, east) of the areas on the map, with a small margin."""
    areas = on_map(scenario) or list(scenario.map.areas)
    lats = [a.lat for a in areas]
    lons = [a.lon for a in areas]
    pad_lat = max(0.2, (max(lats) - min(lats)) * 0.05)
    pad_lon = max(0.2, (max(lons) - min(lons)) * 0.05)
    return min(lats) - pad_lat, max(lats) + pad_lat, min(lons) - pad_lon, max(lons) + pad_lon


def home_viewport(scenario: Scenario) -> Viewport:
    south, north, west, east = fit(scenario)
    return Viewport((south + north) / 2, (west + east) / 2, 1.0)


class Projection:
    """Latitude/longitude to cells, for a viewport and a picture size."""

    def __init__(self, scenario: Scenario, viewport: Viewport, width: int, height: int) -> None:
        south, north, west, east = fit(scenario)
        self.shrink = math.cos(math.radians((south + north) / 2))
        span_x = (east - west) * self.shrink
        span_y = north - south
        # degrees per column so that the whole theatre fits, then zoomed
        per_col = max(span_x / max(width - 2, 1), span_y / max((height - 1) * CELL_ASPECT, 1) * 1.0)
        per_col = max(per_col, 1e-6) / max(viewport.zoom, 1e-3)
        self.deg_per_col = per_col
        self.viewport = viewport
        self.width, self.height = width, height

    def cell(self, lat: float, lon: float) -> tuple[int, int]:
        x = (lon - self.viewport.lon) * self.shrink / self.deg_per_col + self.width / 2
        y = (self.viewport.lat - lat) / (self.deg_per_col * CELL_ASPECT) + self.height / 2
        return round(x), round(y)


def _line(a: tuple[int, int], b: tuple[int, int]) -> Iterable[tuple[int, int]]:
    """Cells of a straight line between two cells (Bresenham), ends excluded."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    err = dx + dy
    x, y = x0, y0
    points = []
    while (x, y) != (x1, y1):
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x += sx
        if e2 <= dx:
            err += dx
            y += sy
        points.append((x, y))
    return points[:-1]


def draw(
    scenario: Scenario,
    marks: dict[str, AreaMark],
    width: int,
    height: int,
    viewport: Viewport,
    *,
    selected: str | None = None,
    colours: dict[str, str] | None = None,
) -> Picture:
    """Draw the map into a picture of ``width`` x ``height`` cells."""
    picture = Picture.blank(max(width, 1), max(height, 1))
    projection = Projection(scenario, viewport, picture.width, picture.height)
    colours = colours or {}
    if scenario.map.river is not None:
        _polyline(picture, projection, scenario.map.river.points, RIVER, rank=1)
    for border in scenario.map.borders:
        _polyline(picture, projection, border.points, BORDER, rank=1)
    areas = {a.id: a for a in on_map(scenario)}
    for route in scenario.map.routes:
        if route.from_ in areas and route.to in areas and route.kind is not RouteKind.AIR:
            a = projection.cell(areas[route.from_].lat, areas[route.from_].lon)
            b = projection.cell(areas[route.to].lat, areas[route.to].lon)
            char, style = ROUTE_GLYPHS[route.kind]
            for x, y in _line(a, b):
                picture.put(x, y, char, style, 2)
    for area in areas.values():
        x, y = projection.cell(area.lat, area.lon)
        if 0 <= x < picture.width and 0 <= y < picture.height:
            picture.placed[area.id] = (x, y)
    for area_id, (x, y) in picture.placed.items():
        char, style = _area_glyph(areas[area_id])
        mark = marks.get(area_id, AreaMark())
        if mark.control:
            style = f"{style} on {_dim(colours.get(mark.control, 'grey23'))}"
        if area_id == selected:
            style = "bold reverse yellow"
        picture.put(x, y, char, style, 9)
    for area_id in sorted(picture.placed, key=lambda a: _importance(areas[a], marks.get(a), a == selected)):
        _label(picture, areas[area_id], marks.get(area_id, AreaMark()), colours, area_id == selected)
    return picture


def _importance(area: Area, mark: AreaMark | None, selected: bool) -> tuple:
    units = sum(n for _, n in mark.stacks) if mark else 0
    return (not selected, units == 0, not area.has(Feature.POPULATION), area.name)


def _area_glyph(area: Area) -> tuple[str, str]:
    if area.has(Feature.AIRFIELD) and area.terrain not in ("urban", "mountain"):
        return "✈", "bold white"
    return TERRAIN_GLYPHS.get(area.terrain, ("○", "white"))


def _dim(colour: str) -> str:
    """A dark background tint of a side's colour for the areas it holds."""
    if colour.startswith("#") and len(colour) == 7:
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        return f"#{r // 4:02x}{g // 4:02x}{b // 4:02x}"
    return "grey23"


SHORT_NAME = 14
"""Names longer than this are shortened (with an ellipsis) when the full name does not fit."""

SELECTED_STYLE = "bold black on yellow"


def _label(picture: Picture, area: Area, mark: AreaMark, colours: dict[str, str], selected: bool) -> None:
    """The area's name and unit stacks beside it: the full name if it fits, else a shortened
    one, else the stacks alone. The selected area's name is bracketed and highlighted, and
    may also go above or below the area when its row is taken."""
    x, y = picture.placed[area.id]
    stacks = [(f"{side[0].upper()}{count}", colours.get(side, "white")) for side, count in mark.stacks]
    badge = " ".join(text for text, _ in stacks)
    rank = 8 if selected else 6 if stacks else 4
    for name in _names(area.name, selected):
        full = f"{name} {badge}".rstrip()
        for lx, ly in _spots(x, y, len(full), selected):
            if picture.fits(lx, ly, len(full), rank):
                _write_label(picture, lx, ly, name, stacks, rank, selected)
                return
    for lx in (x + 2, x - len(badge) - 1):
        if badge and picture.fits(lx, y, len(badge), rank):
            _write_label(picture, lx, y, "", stacks, rank, selected)
            return


def _names(name: str, selected: bool) -> list[str]:
    """The forms of an area's name to try, longest first."""
    if selected:
        return [f"[{name}]"]
    if len(name) <= SHORT_NAME:
        return [name]
    return [name, name[: SHORT_NAME - 1] + "…"]


def _spots(x: int, y: int, length: int, selected: bool) -> list[tuple[int, int]]:
    """Where a label of ``length`` may go for an area at (x, y): right, then left; the selected
    area's also above and below."""
    spots = [(x + 2, y), (x - length - 1, y)]
    if selected:
        spots += [(x - length // 2, y - 1), (x - length // 2, y + 1), (x + 1, y - 1), (x + 1, y + 1),
                  (x - length, y - 1), (x - length, y + 1)]  # fmt: skip
    return spots


def _write_label(picture: Picture, x: int, y: int, name: str, stacks: list[tuple[str, str]], rank: int,
                 selected: bool) -> None:  # fmt: skip
    if name:
        picture.write(x, y, name, SELECTED_STYLE if selected else "white", rank)
        x += len(name) + 1
    for text, colour in stacks:
        picture.write(x, y, text, f"bold {colour}", rank)
        x += len(text) + 1


def _polyline(picture: Picture, projection: Projection, points, glyph: tuple[str, str], rank: int) -> None:
    cells = [projection.cell(lat, lon) for lat, lon in points]
    for a, b in itertools.pairwise(cells):
        for x, y in [a, *_line(a, b), b]:
            picture.put(x, y, glyph[0], glyph[1], rank)
