"""Supply and reinforcements.

**Supply.** Conventional units are in supply within ``supply.line_range_km`` by road of
a supply base their side holds, tracing through areas no enemy holds, or at an airfield
their side can use (an air bridge). Irregulars draw one point a turn from the nearest of
their faction's caches within ``supply.cache_range_km``, or live off water and friendly
towns. A unit in supply is reset to full; otherwise it loses a level, and at zero it
loses strength every turn. Caches in areas the enemy holds with formed troops are found.

**Reinforcements** arrive on their date (or when an inject brings them) once their
condition holds (an authorisation, an intervention level); those that come by air
need their side's transports to have lift left that turn, and otherwise wait.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable

from wargame.core.adjudication import Adjudication, Settlement
from wargame.core.conditions import describe, holds
from wargame.core.context import Context
from wargame.core.enums import Category, CrossingState, Feature, OrderKind, Posture, RouteKind, Status
from wargame.core.events import CacheChanged, Option, StatusChanged, StrengthChanged, SupplyChanged, UnitSpent
from wargame.core.movement import wrong_bank
from wargame.core.state import UnitState

_DONE = (Option("done", "Done", 1.0),)


def _road_km(
    ctx: Context, sources: dict[str, str], passable: Callable[[str], bool], limit: float
) -> dict[str, tuple[float, str]]:
    """Multi-source Dijkstra by km over ground routes: area -> (km, source it is nearest to), for the
    areas within ``limit`` km (the search stops there: nothing further can be supplied)."""
    best: dict[str, tuple[float, str]] = {a: (0.0, src) for a, src in sources.items()}
    queue = [(0.0, a) for a in sorted(sources)]
    heapq.heapify(queue)
    while queue:
        km, here = heapq.heappop(queue)
        if km > best[here][0]:
            continue
        if here not in sources and not passable(here):
            continue  # one can be supplied in such an area, but not through it
        for route in ctx.scenario.routes_from.get(here, ()):
            if route.kind in (RouteKind.AIR, RouteKind.RIVER) or wrong_bank(ctx, route):
                continue
            if ctx.state.routes.get(route.key) is CrossingState.DESTROYED:
                continue
            there = route.other_end(here)
            total = km + route.km
            if total <= limit and (there not in best or total < best[there][0]):
                best[there] = (total, best[here][1])
                heapq.heappush(queue, (total, there))
    return best


def supply_keys(ctx: Context) -> list[str]:
    """The supply step's work: caches found by the enemy first, then each side's supply."""
    keys = ["supply:caches"] if _found(ctx) else []
    return keys + [
        f"supply:side:{side}"
        for side in ctx.scenario.sides
        if any(ctx.unit_type(u).category is Category.GROUND for u in ctx.active_units(side))
    ]


def _found(ctx: Context) -> list:
    """(cache, finder) for every cache in an area the enemy holds with formed troops."""
    found = []
    for cache in sorted(ctx.state.caches.values(), key=lambda c: c.id):
        owner = ctx.scenario.side_of_faction.get(cache.faction)
        holders = [
            u for u in ctx.units_in(cache.area)
            if ctx.is_ground(u) and u.posture is not Posture.DISPERSED and ctx.hostile_to_faction(u.faction, owner)
        ]  # fmt: skip
        friends = [u for u in ctx.units_in(cache.area) if u.side == owner and u.posture is not Posture.DISPERSED]
        if holders and not friends:
            found.append((cache, holders[0]))
    return found


def caches_found(ctx: Context) -> Adjudication | None:
    """Caches found and destroyed by the enemy (key ``supply:caches``)."""
    found = _found(ctx)
    if not found:
        return None
    changes = tuple(CacheChanged(c.id, c.area, c.faction, 0) for c, _ in found)
    text = "; ".join(f"{ctx.name(u.id)} finds and destroys a cache at {ctx.area_name(c.area)}" for c, u in found) + "."
    sides = sorted(
        {u.side for _, u in found} | {ctx.scenario.side_of_faction.get(c.faction, "") for c, _ in found} - {""}
    )
    return Adjudication(
        mechanic="supply", title="Caches found", side=found[0][1].side, visible_to=tuple(sides), options=_DONE,
        settle=lambda code: Settlement(changes, text), default="done", citations=("supply.caches_found",),
    )  # fmt: skip


def supply_for(ctx: Context, side: str) -> Adjudication | None:
    """One side's supply check (key ``supply:side:<side>``)."""
    rules = ctx.rules.supply
    units = [u for u in ctx.active_units(side) if ctx.unit_type(u).category is Category.GROUND]
    if not units:
        return None
    lines = _road_km(ctx, _supply_bases(ctx, side), lambda a: not ctx.controlled_by_enemy(side, a), rules.line_range_km)
    caches = {
        faction: _road_km(ctx, _stocked_caches(ctx, faction), lambda a: True, rules.cache_range_km)
        for faction in sorted({u.faction for u in units if ctx.unit_type(u).irregular})
    }  # fmt: skip
    stock = {c.id: c.stock for c in ctx.state.caches.values()}
    changes: list = []
    short: list[str] = []
    for unit in units:
        fed = _fed(ctx, unit, lines, caches.get(unit.faction, {}), stock)
        if fed:
            if unit.supply != rules.max_level:
                changes.append(SupplyChanged(unit.id, rules.max_level))
            continue
        level = max(unit.supply - 1, 0)
        if level != unit.supply:
            changes.append(SupplyChanged(unit.id, level))
        if unit.supply == 0:
            lost = max(1, math.ceil(unit.strength * rules.attrition))
            changes.append(StrengthChanged(unit.id, max(unit.strength - lost, 0), lost))
            if unit.strength - lost <= 0:
                changes.append(StatusChanged(unit.id, Status.DESTROYED))
        short.append(ctx.name(unit.id))
    for cache_id, left in sorted(stock.items()):
        cache = ctx.state.caches[cache_id]
        if left != cache.stock:
            changes.append(CacheChanged(cache_id, cache.area, cache.faction, left))
    text = f"{len(units) - len(short)} of {len(units)} units in supply"
    text += f"; short of supply: {', '.join(short)}." if short else "."
    return Adjudication(
        mechanic="supply", title=f"Supply ({ctx.scenario.sides[side].name})", side=side, visible_to=(side,),
        options=_DONE, settle=lambda code: Settlement(tuple(changes), text), default="done",
        citations=("supply.lines", "supply.caches", "supply.attrition"),
    )  # fmt: skip


def _stocked_caches(ctx: Context, faction: str) -> dict[str, str]:
    """Area -> cache id for a faction's caches with stock left."""
    return {c.area: c.id for c in ctx.state.caches.values() if c.faction == faction and c.stock > 0}


def _supply_bases(ctx: Context, side: str) -> dict[str, str]:
    return {
        a.id: a.id for a in ctx.scenario.map.areas if a.has(Feature.SUPPLY_BASE) and ctx.state.control.get(a.id) == side
    }


def _fed(ctx: Context, unit: UnitState, lines: dict, caches: dict, stock: dict[str, int]) -> bool:
    """Whether the unit is in supply this turn; draws a cache point if that is how."""
    rules = ctx.rules.supply
    area = ctx.scenario.areas[unit.location]
    if ctx.unit_type(unit).irregular:
        if area.has(Feature.WATER) or (area.has(Feature.POPULATION) and ctx.state.control.get(area.id) == unit.side):
            return True
        km, cache_id = caches.get(unit.location, (math.inf, ""))
        if km <= rules.cache_range_km and stock.get(cache_id, 0) > 0:
            stock[cache_id] -= 1
            return True
        return False
    if ctx.friendly_airfield(unit.side, unit.location) and not ctx.controlled_by_enemy(unit.side, unit.location):
        return True
    return lines.get(unit.location, (math.inf, ""))[0] <= rules.line_range_km


# -- reinforcements --------------------------------------------------------------------------


def reinforcement_keys(ctx: Context) -> list[str]:
    """The reinforcement step's work: one ruling per side with units due."""
    return [f"reinforce:{side}" for side in ctx.scenario.sides if _due(ctx, side)]


def reinforcements_for(ctx: Context, side: str) -> Adjudication | None:
    """Reinforcements of one side arrive or wait (key ``reinforce:<side>``)."""
    due = _due(ctx, side)
    if not due:
        return None
    lift = _lift(ctx, side)
    changes: list = []
    arrived, waiting = [], []
    for unit in due:
        definition = ctx.scenario.units[unit.id]
        arrival = definition.arrives
        assert arrival is not None
        if arrival.requires is not None and not holds(ctx, arrival.requires):
            waiting.append(f"{ctx.name(unit.id)} (waits for: {describe(ctx, arrival.requires)})")
            continue
        where = arrival.at or definition.at
        if ctx.controlled_by_enemy(side, where):
            waiting.append(f"{ctx.name(unit.id)} (the enemy holds {ctx.area_name(where)})")
            continue
        if arrival.by_air and ctx.unit_type(unit).category is Category.GROUND:
            used = _take_lift(lift, unit.strength)
            if used is None:
                waiting.append(f"{ctx.name(unit.id)} (no airlift left this turn)")
                continue
            changes += [UnitSpent(t) for t in used if UnitSpent(t) not in changes]
        changes.append(StatusChanged(unit.id, Status.ACTIVE, arrival.at or definition.at))
        arrived.append(f"{ctx.name(unit.id)} at {ctx.area_name(arrival.at or definition.at)}")
    if not changes and not waiting:
        return None
    text = ("Arrive: " + "; ".join(arrived) + ".") if arrived else "No reinforcements arrive."
    if waiting:
        text += " Waiting: " + "; ".join(waiting) + "."
    return Adjudication(
        mechanic="reinforcements", title=f"Reinforcements ({ctx.scenario.sides[side].name})", side=side,
        visible_to=(side,), options=_DONE, settle=lambda code: Settlement(tuple(changes), text), default="done",
        citations=("reinforcements.arrival", "reinforcements.airlift"),
    )  # fmt: skip


def _due(ctx: Context, side: str) -> list[UnitState]:
    last_day = ctx.scenario.turn_end(ctx.turn)
    out = []
    for unit in sorted(ctx.state.units.values(), key=lambda u: u.id):
        if unit.side != side or unit.status is not Status.PENDING:
            continue
        arrival = ctx.scenario.units[unit.id].arrives
        if arrival is not None and arrival.date is not None and arrival.date <= last_day:
            out.append(unit)
    return out


def _lift(ctx: Context, side: str) -> list[list]:
    """Transports of the side with lift left this turn: [[unit id, personnel], ...]."""
    return [
        [u.id, ctx.unit_type(u).capacity * u.strength]
        for u in ctx.active_units(side)
        if OrderKind.AIRLIFT in ctx.unit_type(u).orders and u.id not in ctx.state.spent
        and u.id not in ctx.state.ordered_units
    ]  # fmt: skip


def _take_lift(lift: list[list], personnel: int) -> list[str] | None:
    """Use transports' capacity for ``personnel``; the transports used, or None if short."""
    if sum(c for _, c in lift) < personnel:
        return None
    used = []
    for entry in lift:
        if personnel <= 0:
            break
        take = min(entry[1], personnel)
        if take:
            entry[1] -= take
            personnel -= take
            used.append(entry[0])
    return used
