"""Read-only questions about a scenario and a state, shared by every mechanism."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from functools import cached_property

from wargame.core import dice as dice_stream
from wargame.core.enums import Category, Feature, Posture, Stance, Status
from wargame.core.events import Modifier, Roll
from wargame.core.rules import Dice, Season, UnitType
from wargame.core.scenario import Area, Scenario
from wargame.core.state import GameState, Hazard, UnitState

EARTH_RADIUS_KM = 6371.0


def great_circle_km(a: Area, b: Area) -> float:
    """Distance between two areas over the Earth's surface (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


class Context:
    """A scenario and a state, with the queries mechanisms ask of them.

    A context also hands out dice rolls: ``roll()`` reads the next position of the
    game's dice stream and counts it, so a ruling built in a context records exactly
    the rolls it used.
    """

    def __init__(self, scenario: Scenario, state: GameState, seed: int, memo: dict | None = None) -> None:
        self.scenario = scenario
        self.rules = scenario.rules
        self.state = state
        self.seed = seed
        self.rolls_used = 0
        self.memo: dict = {} if memo is None else memo
        """Results derived from the state (indexes, path searches), shared by every context
        over the same state; the game starts a new one whenever the state changes."""
        self._hostile_sides: dict[tuple[str, str], bool] = self.memo.setdefault("hostile_sides", {})

    # -- time ----------------------------------------------------------------------

    @property
    def turn(self) -> int:
        return self.state.turn

    @cached_property
    def date(self) -> dt.date:
        return self.scenario.turn_start(max(self.state.turn, 1))

    @cached_property
    def turn_days(self) -> int:
        return self.scenario.turn_days(max(self.state.turn, 1))

    @cached_property
    def seasons(self) -> tuple[Season, ...]:
        """The seasons in force this turn."""
        return self.rules.seasons_in(self.date.month)

    # -- dice ----------------------------------------------------------------------

    def roll(self, purpose: str, dice: str, modifiers: Iterable[Modifier] = ()) -> Roll:
        """Roll ``dice`` for ``purpose``, add the modifiers, and record the roll."""
        spec = Dice.parse(dice)
        position = self.state.rolls + self.rolls_used
        self.rolls_used += 1
        faces = dice_stream.faces(self.seed, position, spec)
        mods = tuple(m for m in modifiers if m.value)
        total = sum(faces) + int(sum(m.value for m in mods))
        return Roll(purpose, dice, faces, mods, total, position)

    # -- units ---------------------------------------------------------------------

    def unit(self, unit_id: str) -> UnitState:
        return self.state.units[unit_id]

    def unit_type(self, unit: UnitState | str) -> UnitType:
        type_id = unit if isinstance(unit, str) else unit.type
        return self.rules.unit_types[type_id]

    def name(self, unit_id: str) -> str:
        """A unit's name for sentences."""
        definition = self.scenario.units.get(unit_id)
        return definition.name if definition else unit_id

    def area_name(self, area_id: str) -> str:
        area = self.scenario.areas.get(area_id)
        return area.name if area else area_id

    def quality(self, unit: UnitState) -> float:
        return self.rules.qualities.get(unit.quality, 1.0)

    def units_in(self, area: str) -> list[UnitState]:
        """Active units in an area, in id order (indexed once per context: the state does not
        change while a context is in use)."""
        index = self.memo.setdefault("by_area", {})
        if area not in index:
            index[area] = self.state.units_in(area)
        return index[area]

    def active_units(self, side: str | None = None) -> list[UnitState]:
        """Active units of ``side`` (all sides if None), in id order."""
        units = (u for u in self.state.units.values() if u.status is Status.ACTIVE)
        return sorted((u for u in units if side is None or u.side == side), key=lambda u: u.id)

    def is_ground(self, unit: UnitState) -> bool:
        return self.unit_type(unit).category is Category.GROUND

    # -- relations -----------------------------------------------------------------

    def stance(self, faction_a: str, faction_b: str) -> Stance:
        if faction_a == faction_b:
            return Stance.ALLIED
        return self.state.relations.get(frozenset((faction_a, faction_b)), Stance.HOSTILE)

    def hostile(self, a: UnitState, b: UnitState) -> bool:
        return self.stance(a.faction, b.faction) is Stance.HOSTILE

    def side_hostile(self, side_a: str | None, side_b: str | None) -> bool:
        """Whether any faction now on ``side_a`` is hostile to any on ``side_b``."""
        if side_a is None or side_b is None or side_a == side_b:
            return False
        key = (side_a, side_b)
        if key not in self._hostile_sides:
            fa = self.factions_of(side_a)
            fb = self.factions_of(side_b)
            self._hostile_sides[key] = any(self.stance(x, y) is Stance.HOSTILE for x in fa for y in fb)
        return self._hostile_sides[key]

    def factions_of(self, side: str) -> frozenset[str]:
        """Factions of a side: the scenario's, plus any that units changed to."""
        memo = self.memo.setdefault("factions_of", {})
        if side not in memo:
            factions = {f.id for f in self.scenario.sides[side].factions}
            factions.update(u.faction for u in self.state.units.values() if u.side == side)
            memo[side] = frozenset(factions)
        return memo[side]

    def hostile_to_faction(self, faction: str, side: str | None) -> bool:
        if side is None:
            return False
        return any(self.stance(faction, f) is Stance.HOSTILE for f in self.factions_of(side))

    def enemies_in(self, unit: UnitState, area: str, *, include_dispersed: bool = False) -> list[UnitState]:
        """Hostile active units in an area (dispersed ones only if asked)."""
        return [
            u
            for u in self.units_in(area)
            if self.hostile(unit, u) and (include_dispersed or u.posture is not Posture.DISPERSED)
        ]

    def known_enemies_in(self, side: str, faction: str, area: str, *, formed: bool = False) -> list[UnitState]:
        """Hostile units in an area that ``side`` has detected (only formed ones, if asked:
        dispersed fighters do not hold ground or bar the way)."""
        return [
            u
            for u in self.units_in(area)
            if side in u.detected_by
            and self.stance(faction, u.faction) is Stance.HOSTILE
            and not (formed and u.posture is Posture.DISPERSED)
        ]

    def hazards_against(self, unit: UnitState) -> list[Hazard]:
        """IEDs waiting for this unit: laid by factions hostile to its own, in id order."""
        return sorted(
            (h for h in self.state.hazards.values() if self.stance(unit.faction, h.faction) is Stance.HOSTILE),
            key=lambda h: h.id,
        )

    # -- map -----------------------------------------------------------------------

    def area(self, area_id: str) -> Area:
        return self.scenario.areas[area_id]

    def distance(self, a: str, b: str) -> float:
        """Great-circle km between two areas (memoised for the scenario)."""
        memo = self.scenario.derived.setdefault("distance", {})
        key = (a, b) if a <= b else (b, a)
        if key not in memo:
            memo[key] = great_circle_km(self.scenario.areas[a], self.scenario.areas[b])
        return memo[key]

    def neighbours(self, area_id: str) -> list[str]:
        """Areas one ground-usable route away (any kind but air), in file order."""
        return [r.other_end(area_id) for r in self.scenario.routes_from.get(area_id, ()) if r.kind.value != "air"]

    def route_between(self, a: str, b: str) -> list[str]:
        return [r.key for r in self.scenario.routes_from.get(a, ()) if r.other_end(a) == b]

    def friendly_airfield(self, side: str, area_id: str) -> bool:
        """An airfield not held by a side hostile to ``side``."""
        area = self.scenario.areas[area_id]
        return area.has(Feature.AIRFIELD) and not self.side_hostile(side, self.state.control.get(area_id))

    def controlled_by_enemy(self, side: str, area_id: str) -> bool:
        return self.side_hostile(side, self.state.control.get(area_id))
