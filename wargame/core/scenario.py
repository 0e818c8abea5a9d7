"""What a scenario is: the map, the sides and their forces, injects, objectives, tracks.

All classes are frozen: a loaded scenario never changes. The game's changing state
lives in :mod:`wargame.core.state`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cached_property

from attrs import field, frozen

from wargame.core.enums import Bank, CrossingState, Feature, Mode, OrderKind, Posture, RouteKind, Stance, Status
from wargame.core.rules import RuleSet

# ----------------------------------------------------------------------------- conditions


@frozen
class Controls:
    """True when ``side`` controls ``area``."""

    area: str
    side: str


@frozen
class UnitIs:
    """True when ``unit`` has ``status`` (destroyed, escaped, active...)."""

    unit: str
    status: Status


@frozen
class UnitIn:
    """True when ``unit`` is active in ``area``."""

    unit: str
    area: str


@frozen
class RouteIs:
    """True when route ``route`` is ``state`` (open, blocked, mined, destroyed)."""

    route: str
    state: CrossingState


@frozen
class StrengthBelow:
    """True when ``side``'s ground strength on the map is below ``fraction`` of its start."""

    side: str
    fraction: float


@frozen
class EscapedAtLeast:
    """True when at least ``strength`` personnel of ``side`` have escaped across a border."""

    side: str
    strength: int


@frozen
class TrackAtLeast:
    """True when track ``track`` is at ``value`` or above."""

    track: str
    value: int


@frozen
class TrackAtMost:
    """True when track ``track`` is at ``value`` or below."""

    track: str
    value: int


@frozen
class GateOpen:
    """True when gate ``gate`` (an authorisation, a decision) is open."""

    gate: str


@frozen
class InjectFired:
    """True once inject ``inject`` has been published."""

    inject: str


@frozen
class DateReached:
    """True from ``date`` on."""

    date: dt.date


@frozen
class TurnReached:
    """True from turn ``turn`` on."""

    turn: int


@frozen
class AllOf:
    """True when every condition is."""

    conditions: tuple[Condition, ...]


@frozen
class AnyOf:
    """True when at least one condition is."""

    conditions: tuple[Condition, ...]


@frozen
class Not:
    """True when the condition is false."""

    condition: Condition


Condition = (
    Controls
    | UnitIs
    | UnitIn
    | RouteIs
    | StrengthBelow
    | EscapedAtLeast
    | TrackAtLeast
    | TrackAtMost
    | GateOpen
    | InjectFired
    | DateReached
    | TurnReached
    | AllOf
    | AnyOf
    | Not
)

#: YAML key of each condition kind.
CONDITION_KINDS: dict[str, type] = {
    "controls": Controls,
    "unit_is": UnitIs,
    "unit_in": UnitIn,
    "route_is": RouteIs,
    "strength_below": StrengthBelow,
    "escaped_at_least": EscapedAtLeast,
    "track_at_least": TrackAtLeast,
    "track_at_most": TrackAtMost,
    "gate_open": GateOpen,
    "inject_fired": InjectFired,
    "date_reached": DateReached,
    "turn_reached": TurnReached,
    "all": AllOf,
    "any": AnyOf,
    "not": Not,
}

# ----------------------------------------------------------------------------- effects


@frozen
class Arrive:
    """Reinforcements ``units`` arrive now (at ``at``, or where their definition says)."""

    units: tuple[str, ...]
    at: str | None = None


@frozen
class Withdraw:
    """``units`` leave the game."""

    units: tuple[str, ...]


@frozen
class SetRelation:
    """The two ``factions`` now stand in ``stance`` to each other."""

    factions: tuple[str, str]
    stance: Stance


@frozen
class ChangeFaction:
    """``units`` change allegiance to ``faction`` (a split, a defection)."""

    units: tuple[str, ...]
    faction: str


@frozen
class MoveTrack:
    """Track ``track`` moves by ``delta`` (kept within its bounds)."""

    track: str
    delta: int


@frozen
class SetGate:
    """Gate ``gate`` opens (or closes)."""

    gate: str
    open: bool = True


@frozen
class SetCrossing:
    """Route ``route`` becomes ``state`` (open, blocked, mined, destroyed)."""

    route: str
    state: CrossingState


@frozen
class SetControl:
    """``side`` now controls ``area``."""

    area: str
    side: str


@frozen
class AddCache:
    """A supply cache of ``faction`` is placed at ``area`` with ``stock`` points (one feeds one unit for a
    turn). A scenario file that leaves the stock out gets its rule set's ``supply.cache_stock``."""

    area: str
    faction: str
    stock: int = 6


Effect = Arrive | Withdraw | SetRelation | ChangeFaction | MoveTrack | SetGate | SetCrossing | SetControl | AddCache

#: YAML key of each effect kind.
EFFECT_KINDS: dict[str, type] = {
    "arrive": Arrive,
    "withdraw": Withdraw,
    "relation": SetRelation,
    "change_faction": ChangeFaction,
    "track": MoveTrack,
    "gate": SetGate,
    "crossing": SetCrossing,
    "control": SetControl,
    "cache": AddCache,
}

# ----------------------------------------------------------------------------- map


@frozen
class Area:
    """A place on the map: a town, an airfield, a valley, a stretch of desert.

    Attributes:
        id: short unique name used by routes, units and conditions.
        name: for people.
        lat, lon: WGS84 decimal degrees.
        terrain: a key of the rule set's terrain.
        bank: which bank of the Niger it lies on; None where the river does not matter.
        features: airfield, water, caves, border, population...
        control: the side that holds it at the start, if any.
        escape_to: for an area on a border, the country across it, for people to read. No rule reads it,
            but the checks warn when no route leads from the area to an escape area (off_map, with no
            control), so that the way out it names is there.
        open_to: for an off-map area held by nobody, the sides whose irregulars may escape into it
            (empty: any side's).
        description: a sentence for the briefing.
    """

    id: str
    name: str
    lat: float
    lon: float
    terrain: str
    bank: Bank | None = None
    features: tuple[Feature, ...] = ()
    control: str | None = None
    escape_to: str = ""
    open_to: tuple[str, ...] = ()
    description: str = ""

    def has(self, feature: Feature) -> bool:
        return feature in self.features


@frozen
class Route:
    """A way between two areas.

    Attributes:
        id: unique; defaults to ``<from>--<to>``.
        from_: one end (``from`` in YAML).
        to: the other end; routes go both ways.
        km: length along the ground.
        kind: paved road, track, desert, bridge, ferry, ford, river, air.
        name: RN16, the Wabaria bridge...
        state: open, blocked, mined or destroyed at the start.
    """

    from_: str
    to: str
    km: float
    kind: RouteKind
    name: str = ""
    id: str = ""
    state: CrossingState = CrossingState.OPEN

    @property
    def key(self) -> str:
        return self.id or f"{self.from_}--{self.to}"

    def other_end(self, area: str) -> str:
        return self.to if area == self.from_ else self.from_


@frozen
class Polyline:
    """A line to draw: the river's course, a border."""

    name: str
    points: tuple[tuple[float, float], ...]


@frozen
class MapDef:
    """Areas, routes, and lines to draw (the Niger, borders)."""

    areas: tuple[Area, ...]
    routes: tuple[Route, ...]
    river: Polyline | None = None
    borders: tuple[Polyline, ...] = ()


# ----------------------------------------------------------------------------- forces


@frozen
class Faction:
    """A party within a side (France, Chad; AQIM, MUJAO)."""

    id: str
    name: str
    description: str = ""


@frozen
class Arrival:
    """When a reinforcement arrives.

    Attributes:
        date: on or after this date (None: only when an inject brings it).
        at: the area it arrives at (defaults to the unit's ``at``).
        by_air: needs airlift capacity of its side in that turn, else it waits.
        requires: a condition that must hold (an authorisation, an intervention level).
    """

    date: dt.date | None = None
    at: str | None = None
    by_air: bool = False
    requires: Condition | None = None


@frozen
class UnitDef:
    """A unit as the scenario sets it up.

    Attributes:
        id: unique in the scenario.
        name: for people (``GTIA 1 (21e RIMa)``).
        type: a key of the rule set's unit types.
        faction: the faction it belongs to.
        strength: personnel for ground units, aircraft for air units.
        quality: a key of the rule set's qualities.
        at: its area (for aircraft, the base).
        posture: how it stands at the start.
        supply: supply level at the start (None: full).
        arrives: for a reinforcement, when and how it arrives.
        training_days: days of training it still needs before it can fight.
        detected_by: sides that know where it is at the start.
        source: where its numbers come from.
    """

    id: str
    name: str
    type: str
    faction: str
    strength: int
    at: str
    quality: str = "regular"
    posture: Posture = Posture.DEFENDING
    supply: int | None = None
    arrives: Arrival | None = None
    training_days: int = 0
    detected_by: tuple[str, ...] = ()
    source: str = ""


@frozen
class Point:
    """A reason for or against an argument; ``strong`` ones move the dice."""

    text: str
    strong: bool = False


@frozen
class Argument:
    """A prepared matrix argument a side may put forward.

    Attributes:
        id: unique in the scenario.
        title: what the side proposes to do.
        pros: reasons it should work.
        cons: reasons it might not.
        on_success, on_failure: effects.
        once: it can succeed only once.
        available: if set, the argument can be made only while this condition holds.
    """

    id: str
    title: str
    pros: tuple[Point, ...] = ()
    cons: tuple[Point, ...] = ()
    on_success: tuple[Effect, ...] = ()
    on_failure: tuple[Effect, ...] = ()
    once: bool = True
    available: Condition | None = None


@frozen
class Objective:
    """Something a side wants, checked in every assessment.

    Attributes:
        id: unique in the scenario.
        title: for people.
        condition: when it is met.
        by: if set, met only when true on or before this date.
        points: weight in the assessment summary.
        ends_game: the game ends when it is met.
    """

    id: str
    title: str
    condition: Condition
    by: dt.date | None = None
    points: int = 1
    ends_game: bool = False
    description: str = ""


#: Colour names a side may use: those both the console (the terminal's standard colours) and web pages
#: (reports, simulation charts) draw. Anything else is written as ``#rrggbb`` or ``#rgb``.
COLOUR_NAMES = ("black", "blue", "cyan", "green", "magenta", "orchid", "purple", "red", "tan", "violet", "white",
                "yellow")  # fmt: skip

_HEX = re.compile(r"^#(?:[0-9a-f]{3}|[0-9a-f]{6})$")


def colour_ok(colour: str) -> bool:
    """Whether ``colour`` is empty (the default) or a colour every view can draw."""
    text = normal_colour(colour)
    return not text or text in COLOUR_NAMES or bool(_HEX.match(text))


def normal_colour(colour: str) -> str:
    """A colour as every view reads it: ``#rrggbb`` in lower case, or a name of :data:`COLOUR_NAMES`.

    ``#rgb`` becomes ``#rrggbb``; names and hex lose case and surrounding spaces. Anything
    else is left as written, for the checks to report.
    """
    if not isinstance(colour, str):
        return colour
    text = colour.strip().lower()
    if _HEX.match(text):
        return "#" + "".join(c * 2 for c in text[1:]) if len(text) == 4 else text
    return text if text in COLOUR_NAMES else colour


@frozen
class Side:
    """A team at the table and the forces it commands.

    Attributes:
        name: for people.
        colour: how the map and reports draw it: "#rrggbb" or "#rgb" (in quotes), or one of black, blue,
            cyan, green, magenta, orchid, purple, red, tan, violet, white, yellow.
        factions: the parties on this side.
        units: the forces, including reinforcements.
        objectives: what it wants.
        arguments: matrix arguments it may put forward.
        briefing: Markdown read to the team.
    """

    name: str
    factions: tuple[Faction, ...]
    units: tuple[UnitDef, ...] = ()
    objectives: tuple[Objective, ...] = ()
    arguments: tuple[Argument, ...] = ()
    colour: str = field(default="", converter=normal_colour)
    briefing: str = ""


@frozen
class Relation:
    """An explicit stance between two factions (default: allied within a side, hostile across)."""

    factions: tuple[str, str]
    stance: Stance


@frozen
class Track:
    """An assessment indicator: legitimacy, international support, hostages...

    Attributes:
        id: unique.
        title: for people.
        start, min, max: its value at the start and its bounds.
        description: what moves it.
    """

    id: str
    title: str
    start: int = 0
    min: int = -10
    max: int = 10
    description: str = ""


@frozen
class Gate:
    """A yes-or-no authorisation or decision that gates forces (overflight, a UN resolution)."""

    id: str
    title: str
    open: bool = False
    description: str = ""


@frozen
class Inject:
    """An event the white cell reads out, scheduled or triggered.

    Attributes:
        id: unique.
        title: one line.
        text: what the facilitator reads out (Markdown).
        date: due on the first turn whose span includes this date.
        turn: due on this turn.
        condition: due on the first turn it holds (after ``date``/``turn`` if given).
        effects: what changes when it is published.
        audience: sides that hear it (empty: everyone).
        source: where it comes from.
    """

    id: str
    title: str
    text: str = ""
    date: dt.date | None = None
    turn: int | None = None
    condition: Condition | None = None
    effects: tuple[Effect, ...] = ()
    audience: tuple[str, ...] = ()
    source: str = ""


@frozen
class TurnLength:
    """How much calendar time a turn covers: some days or some months."""

    days: int = 0
    months: int = 0

    def __str__(self) -> str:
        if self.months:
            return f"{self.months} month" + ("s" if self.months > 1 else "")
        return f"{self.days} day" + ("s" if self.days != 1 else "")


@frozen
class Source:
    """A source document and what the scenario took from it."""

    title: str
    ref: str = ""
    used_for: str = ""


@frozen
class Scenario:
    """A complete, immutable scenario with its rule set resolved.

    Build one with :func:`wargame.load_scenario`; the engine never changes it.

    Attributes:
        id: the scenario's name in commands and saves.
        title: for people.
        rules: the rule set (in a file: a bundled id such as core, or a path).
        start: the first day of turn 1.
        end: the game ends after the turn that contains this day.
        turn_length: {days: N} or {months: N}.
        map: areas, routes, and the lines drawn (the Niger, borders).
        sides: side id to side: the teams and their forces.
        summary: the situation in a paragraph, the first page of every side's briefing.
        briefing: the white cell's briefing (Markdown).
        relations: stances between factions that differ from the default (allied within a side, hostile across).
        tracks: the indicators the assessment shows every turn.
        gates: yes-or-no decisions and authorisations.
        injects: events the white cell reads out.
        caches: the irregulars' supply caches at the start.
        adjudication: order kind (or default) to mode: rigid, semi_rigid, free, or matrix (arguments only).
        political_track: the track that air strikes on populated places, and IED and suicide attacks that
            hurt troops in towns, move down. A rule's own track (the rules' air_strike.political_track or
            attacks.political_track), if set, is used instead for that rule: the specific rule wins.
        sources: the documents the scenario draws on.
        simplifications: what was left out, estimated or changed, and why.
        schema_version: the file format.
    """

    id: str
    title: str
    rules: RuleSet
    start: dt.date
    end: dt.date
    turn_length: TurnLength
    map: MapDef
    sides: dict[str, Side]
    summary: str = ""
    briefing: str = ""
    relations: tuple[Relation, ...] = ()
    tracks: tuple[Track, ...] = ()
    gates: tuple[Gate, ...] = ()
    injects: tuple[Inject, ...] = ()
    caches: tuple[AddCache, ...] = ()
    adjudication: dict[str, Mode] = field(factory=dict)
    political_track: str = ""
    sources: tuple[Source, ...] = ()
    simplifications: tuple[str, ...] = ()
    schema_version: int = 1
    content_hash: str = field(default="", eq=False)

    # -- lookups (computed once; the scenario never changes) --------------------------

    @cached_property
    def areas(self) -> dict[str, Area]:
        return {a.id: a for a in self.map.areas}

    @cached_property
    def routes(self) -> dict[str, Route]:
        return {r.key: r for r in self.map.routes}

    @cached_property
    def routes_from(self) -> dict[str, tuple[Route, ...]]:
        """Routes touching each area, in file order."""
        out: dict[str, list[Route]] = {a: [] for a in self.areas}
        for route in self.map.routes:
            for end in (route.from_, route.to):
                if end in out:
                    out[end].append(route)
        return {a: tuple(rs) for a, rs in out.items()}

    @cached_property
    def units(self) -> dict[str, UnitDef]:
        return {u.id: u for side in self.sides.values() for u in side.units}

    @cached_property
    def factions(self) -> dict[str, Faction]:
        return {f.id: f for side in self.sides.values() for f in side.factions}

    @cached_property
    def side_of_faction(self) -> dict[str, str]:
        return {f.id: side_id for side_id, side in self.sides.items() for f in side.factions}

    @cached_property
    def objectives(self) -> dict[str, tuple[str, Objective]]:
        """Objective id -> (side, objective)."""
        return {o.id: (s, o) for s, side in self.sides.items() for o in side.objectives}

    @cached_property
    def arguments(self) -> dict[str, tuple[str, Argument]]:
        """Argument id -> (side, argument)."""
        return {a.id: (s, a) for s, side in self.sides.items() for a in side.arguments}

    @cached_property
    def injects_by_id(self) -> dict[str, Inject]:
        return {i.id: i for i in self.injects}

    @cached_property
    def tracks_by_id(self) -> dict[str, Track]:
        return {t.id: t for t in self.tracks}

    @cached_property
    def derived(self) -> dict:
        """Scratch space for what mechanisms derive from the scenario alone (movement graphs
        by mobility and season): computed on first use, kept as long as the scenario."""
        return {}

    @cached_property
    def turn_count(self) -> int:
        """How many turns the scenario runs from ``start`` to ``end``."""
        turns = 1
        while self.turn_start(turns + 1) <= self.end:
            turns += 1
        return turns

    def turn_start(self, turn: int) -> dt.date:
        """The first day of ``turn`` (1-based)."""
        n = turn - 1
        if self.turn_length.months:
            months = self.start.month - 1 + n * self.turn_length.months
            return dt.date(self.start.year + months // 12, months % 12 + 1, min(self.start.day, 28))
        return self.start + dt.timedelta(days=n * max(self.turn_length.days, 1))

    def turn_end(self, turn: int) -> dt.date:
        """The last day of ``turn``."""
        return min(self.turn_start(turn + 1) - dt.timedelta(days=1), max(self.end, self.turn_start(turn)))

    def turn_days(self, turn: int) -> int:
        """Calendar days in ``turn``."""
        return (self.turn_start(turn + 1) - self.turn_start(turn)).days

    def mode_for(self, kind: OrderKind | str) -> Mode:
        """The scenario's adjudication mode for an order kind: its own key in ``adjudication``; else
        matrix for arguments, and ``default`` (rigid if not given) for every other kind."""
        key = str(kind)
        if key in self.adjudication:
            return self.adjudication[key]
        if kind == OrderKind.ARGUMENT:
            return Mode.MATRIX
        return self.adjudication.get("default", Mode.RIGID)

    def iter_units(self) -> Iterator[tuple[str, UnitDef]]:
        """(side, unit) for every unit in file order."""
        for side_id, side in self.sides.items():
            for unit in side.units:
                yield side_id, unit
