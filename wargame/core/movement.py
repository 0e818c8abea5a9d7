"""Movement along routes, the Niger as a barrier, and crossings.

A ground unit moves along routes within a budget of calendar days (the turn's length).
Each route costs ``km / speed`` days, the speed set by the unit type's mobility class
and the route's kind, multiplied by the terrain of the area entered and the season.
Where the two ends of a route lie on opposite banks of the Niger, only a crossing
(bridge, ferry, ford) or a boat route takes ground units across. A destroyed crossing
is impassable; a blocked one is shut to the blocker's enemies; a mined one is passable
at a risk. Areas holding enemies the mover knows of cannot be entered (attack them);
enemies it does not know of stop it where it meets them.

A leg longer than what is left of the turn is not refused: the unit marches on over as
many turns as the road takes (a standing order, banking the days already spent on the
way), until it arrives, meets the enemy, or is given another order.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator

from attrs import frozen

from wargame.core.adjudication import Adjudication, Rejection, Settlement
from wargame.core.context import Context, great_circle_km
from wargame.core.enums import Category, CrossingState, Feature, OrderKind, Posture, RouteKind, Status
from wargame.core.events import (
    ControlChanged,
    Detected,
    Lost,
    MarchChanged,
    Modifier,
    Option,
    PostureChanged,
    RouteChanged,
    StatusChanged,
    UnitMoved,
)
from wargame.core.orders import Move
from wargame.core.scenario import Route
from wargame.core.state import UnitState


@frozen
class Step:
    """How a unit reached an area: in ``days``, from ``prev`` along ``route``."""

    days: float
    prev: str
    route: str


def _speed(ctx: Context, mobility: str, route: Route) -> float:
    """km per day for a mobility class on a route before terrain (0: it cannot use it)."""
    speed = ctx.rules.mobility.get(mobility, {}).get(route.kind, 0.0)
    if speed <= 0:
        return 0.0
    for season in ctx.seasons:
        speed /= season.route_costs.get(route.kind, 1.0)
    return speed


def wrong_bank(ctx: Context, route: Route) -> bool:
    """A route whose ends are on opposite banks but which is no crossing nor boat route."""
    a, b = ctx.scenario.areas[route.from_], ctx.scenario.areas[route.to]
    if a.bank is None or b.bank is None or a.bank == b.bank:
        return False
    return not (route.kind.is_crossing or route.kind is RouteKind.RIVER)


def closed_to(ctx: Context, unit: UnitState, route: Route, *, as_known: bool = False) -> str:
    """Why a route is shut to this unit now ('' if it is open to it).

    With ``as_known``, an enemy block counts only if the unit's side knows of it: plans and
    refusals use what a side knows; the march itself meets the truth.
    """
    state = ctx.state.routes.get(route.key, CrossingState.OPEN)
    if state is CrossingState.DESTROYED:
        return "destroyed"
    if state is CrossingState.BLOCKED:
        blocker = ctx.state.route_blockers.get(route.key)
        if not blocker:
            return "blocked"  # closed by the white cell (an inject), to everyone
        held = ctx.side_hostile(unit.side, blocker) and _holds_an_end(ctx, blocker, route)
        if held and (not as_known or block_known(ctx, unit.side, route)):
            return "blocked"
    return ""


def block_known(ctx: Context, side: str, route: Route) -> bool:
    """Whether a side knows of the block on a route: it watches an end, or has found the blockers."""
    blocker = ctx.state.route_blockers.get(route.key)
    for end in (route.from_, route.to):
        if observes(ctx, side, end):
            return True
        if any(u.side == blocker and side in u.detected_by for u in ctx.units_in(end)):
            return True
    return False


def _holds_an_end(ctx: Context, side: str | None, route: Route) -> bool:
    """A block lasts while the blocking side keeps formed ground troops at one end of the route."""
    return any(
        u.side == side and ctx.is_ground(u) and u.posture is not Posture.DISPERSED
        for end in (route.from_, route.to)
        for u in ctx.units_in(end)
    )


def entry_days(ctx: Context, unit: UnitState, route: Route, dest: str) -> float:
    """Days to travel ``route`` into ``dest`` (inf if the unit cannot)."""
    return _graph(ctx, ctx.unit_type(unit).mobility).days.get((route.key, dest), float("inf"))


@frozen
class Graph:
    """The map as one mobility class travels it in one season: for each area, the routes out
    of it it can use (``(next area, route key, days)``), and the days of every usable leg."""

    edges: dict[str, tuple[tuple[str, str, float], ...]]
    days: dict[tuple[str, str], float]


def _graph(ctx: Context, mobility: str) -> Graph:
    """The travel graph for a mobility class in this turn's seasons, built once per scenario."""
    key = ("movement-graph", mobility, tuple(season.name for season in ctx.seasons))
    graph = ctx.scenario.derived.get(key)
    if graph is None:
        graph = ctx.scenario.derived[key] = _build_graph(ctx, mobility)
    return graph


def _build_graph(ctx: Context, mobility: str) -> Graph:
    days: dict[tuple[str, str], float] = {}
    edges: dict[str, tuple[tuple[str, str, float], ...]] = {}
    for here, routes in ctx.scenario.routes_from.items():
        out = []
        for route in routes:
            there = route.other_end(here)
            cost = _leg_days(ctx, mobility, route, there)
            if cost != float("inf"):
                days[(route.key, there)] = cost
                out.append((there, route.key, cost))
        edges[here] = tuple(out)
    return Graph(edges, days)


def _leg_days(ctx: Context, mobility: str, route: Route, dest: str) -> float:
    if wrong_bank(ctx, route):
        return float("inf")
    speed = _speed(ctx, mobility, route)
    if speed <= 0:
        return float("inf")
    terrain_id = ctx.scenario.areas[dest].terrain
    factor = ctx.rules.terrain[terrain_id].movement
    for season in ctx.seasons:
        factor *= season.terrain_costs.get(terrain_id, 1.0)
    return route.km / speed * factor


def _shut(ctx: Context, unit: UnitState, route_key: str) -> bool:
    """Whether a route not open is shut to the unit's side as it knows it (memoised per context)."""
    memo = ctx.memo.setdefault(("shut", unit.side), {})
    if route_key not in memo:
        memo[route_key] = bool(closed_to(ctx, unit, ctx.scenario.routes[route_key], as_known=True))
    return memo[route_key]


def quickest(
    ctx: Context,
    unit: UnitState,
    *,
    budget: float | None = None,
    ignore_closed: bool = False,
    ignore_enemy: bool = False,
    stop_at: str | None = None,
) -> dict[str, Step]:
    """Dijkstra from the unit's area: the quickest way to every area it can reach.

    Areas holding enemies the unit's side knows of are not entered; routes shut to the
    unit are not used (unless told to ignore either, to explain a refusal).
    """
    start = unit.location
    edges = _graph(ctx, ctx.unit_type(unit).mobility).edges
    route_states = ctx.state.routes
    off_map = off_map_areas(ctx)
    limit = float("inf") if budget is None else budget + 1e-9
    best: dict[str, Step] = {start: Step(0.0, "", "")}
    queue: list[tuple[float, str]] = [(0.0, start)]
    while queue:
        days, here = heapq.heappop(queue)
        if days > best[here].days:
            continue
        if here == stop_at:
            break  # the way there is settled: no need to explore the rest of the map
        for there, route_key, cost in edges.get(here, ()):
            total = days + cost
            if total > limit or (there in best and best[there].days <= total):
                continue
            if route_states[route_key] is not CrossingState.OPEN and not ignore_closed and _shut(ctx, unit, route_key):
                continue
            if not ignore_enemy and ctx.known_enemies_in(unit.side, unit.faction, there, formed=True):
                continue
            if there in off_map and off_limits(ctx, unit, there):
                continue
            best[there] = Step(total, here, route_key)
            if there not in off_map or not _leaves_theatre(ctx, unit, there):
                heapq.heappush(queue, (total, there))
    return best


def off_map_areas(ctx: Context) -> frozenset[str]:
    """The areas outside the theatre (bases abroad, escape areas), found once per scenario."""
    areas = ctx.scenario.derived.get("off-map-areas")
    if areas is None:
        areas = ctx.scenario.derived["off-map-areas"] = frozenset(
            a.id for a in ctx.scenario.map.areas if a.has(Feature.OFF_MAP)
        )
    return areas


def path_to(steps: dict[str, Step], dest: str) -> tuple[str, ...]:
    """Areas from the start to ``dest`` (start first)."""
    path = [dest]
    while steps[path[-1]].prev:
        path.append(steps[path[-1]].prev)
    return tuple(reversed(path))


def _leaves_theatre(ctx: Context, unit: UnitState, area_id: str) -> bool:
    """An off-map area held by nobody: a unit entering it escapes across the border."""
    area = ctx.scenario.areas[area_id]
    return area.has(Feature.OFF_MAP) and ctx.state.control.get(area_id) is None


def off_limits(ctx: Context, unit: UnitState, area_id: str) -> bool:
    """Off-map areas take only their own side's units (bases) or, if held by nobody, irregulars
    escaping across the border (of the sides the area is ``open_to``, if it names any)."""
    area = ctx.scenario.areas[area_id]
    if not area.has(Feature.OFF_MAP):
        return False
    holder = ctx.state.control.get(area_id)
    if holder is None:
        return not ctx.unit_type(unit).irregular or (bool(area.open_to) and unit.side not in area.open_to)
    return holder != unit.side


def crossings_to(ctx: Context, dest: str, most: int = 4) -> list[Route]:
    """The river crossings nearest the destination, for explaining a refusal."""
    there = ctx.scenario.areas[dest]

    def distance(route: Route) -> float:
        return min(great_circle_km(ctx.scenario.areas[end], there) for end in (route.from_, route.to))

    return sorted((r for r in ctx.scenario.map.routes if r.kind.is_crossing), key=distance)[:most]


def explain_unreachable(ctx: Context, unit: UnitState, dest: str) -> Rejection:
    """Why no way leads the unit to ``dest``, in the most useful words."""
    name = ctx.area_name(dest)
    area = ctx.scenario.areas[dest]
    if off_limits(ctx, unit, dest):
        holder = ctx.state.control.get(dest)
        who = f"{ctx.scenario.sides[holder].name}'s forces" if holder else "irregulars escaping across the border"
        return Rejection("off-limits", f"{name} is outside the theatre: only {who} go there (movement.off_map)")
    way = quickest(ctx, unit, ignore_closed=True)
    if dest in way:
        here, there = ctx.scenario.areas[unit.location], area
        on_the_way = [ctx.scenario.routes[way[a].route] for a in path_to(way, dest)[1:]]
        closed = [
            f"{r.name or r.key} ({closed_to(ctx, unit, r, as_known=True)})"
            for r in on_the_way
            if closed_to(ctx, unit, r, as_known=True)
        ]
        if here.bank and there.bank and here.bank != there.bank:
            crossings = ", ".join(
                f"{r.name or r.key}"
                + (f" ({closed_to(ctx, unit, r, as_known=True)})" if closed_to(ctx, unit, r, as_known=True) else "")
                for r in crossings_to(ctx, dest)
            )
            return Rejection(
                "no-crossing",
                f"no crossing: {name} is across the Niger, which ground units cross only at {crossings} "
                "(movement.river)",
            )
        return Rejection("route-closed", f"the way to {name} is shut: {', '.join(closed)} (movement.crossings)")
    if dest in quickest(ctx, unit, ignore_enemy=True):
        return Rejection(
            "enemy-in-the-way",
            f"known enemies hold {name} or every way to it; attack them first (movement.contact)",
        )
    here, there = ctx.scenario.areas[unit.location], ctx.scenario.areas[dest]
    if here.bank and there.bank and here.bank != there.bank:
        return Rejection(
            "no-crossing",
            f"no crossing: {name} is across the Niger and no open crossing leads there (movement.river)",
        )
    return Rejection("no-route", f"no route {ctx.unit_type(unit).name} can use leads to {name} (movement.routes)")


class MoveMechanism:
    """Ground movement (``movement.*`` rules), over as many turns as the road takes.

    A unit moves along the quickest path, as far as the turn's days allow. If a leg is
    longer than what is left, the days already spent on it are banked and the unit keeps
    marching next turn (a standing order) until it arrives, meets the enemy, or is given
    another order.
    """

    def check(self, ctx: Context, side: str, order: Move) -> Rejection | None:
        unit = ctx.unit(order.unit)
        if order.to not in ctx.scenario.areas:
            return Rejection("unknown-area", f"there is no area {order.to!r}")
        if not ctx.is_ground(unit):
            return Rejection("not-capable", f"{ctx.name(unit.id)} flies: give it a rebase order")
        if order.to == unit.location:
            return Rejection("same-area", f"{ctx.name(unit.id)} is already in {ctx.area_name(order.to)}")
        if ctx.known_enemies_in(side, unit.faction, order.to, formed=True):
            return Rejection(
                "enemy-present",
                f"known enemies hold {ctx.area_name(order.to)}: give an attack order instead (movement.contact)",
            )
        if route_to(ctx, unit, order.to) is None:
            return explain_unreachable(ctx, unit, order.to)
        return None

    def candidates(self, ctx: Context, side: str, unit: UnitState) -> Iterator[Move]:
        """Areas within this turn's march, and every neighbour (a longer leg takes several turns)."""
        if not ctx.is_ground(unit):
            return
        near = set(reachable(ctx, unit)) | set(ctx.neighbours(unit.location))
        for area in sorted(near - {unit.location}):
            yield Move(unit.id, area)

    def adjudicate(self, ctx: Context, side: str, order: Move) -> Adjudication:
        return march_adjudication(ctx, side, order.unit, order.to)


def march_adjudication(ctx: Context, side: str, unit_id: str, dest: str) -> Adjudication:
    """A move, or the next stage of a standing one (key ``march:<unit>``)."""
    unit = ctx.unit(unit_id)
    steps = route_to(ctx, unit, dest)
    path = path_to(steps, dest) if steps is not None else (unit.location,)
    citations = ["movement.budget", "movement.routes"]
    modifiers: list[Modifier] = []
    for here in path[1:]:
        route = ctx.scenario.routes[steps[here].route]  # type: ignore[index]
        if route.kind.is_crossing:
            citations.append("movement.river")
        terrain = ctx.scenario.areas[here].terrain
        factor = ctx.rules.terrain[terrain].movement
        if factor != 1.0:
            modifiers.append(Modifier.times(f"terrain {terrain}", factor, f"terrain.{terrain}"))
            citations.append(f"terrain.{terrain}")
        for season in ctx.seasons:
            for cost in (season.route_costs.get(route.kind, 1.0), season.terrain_costs.get(terrain, 1.0)):
                if cost != 1.0:
                    modifiers.append(Modifier.times(season.name, cost, "seasons"))
                    citations.append("seasons")

    def settle(code: str) -> Settlement:
        if code == "halted" or len(path) < 2:
            reason = "" if len(path) >= 2 else f": {explain_unreachable(ctx, unit, dest).message}"
            stop = (MarchChanged(unit.id, "", "", 0.0),) if unit.march else ()
            return Settlement(stop, f"{ctx.name(unit.id)} stays in {ctx.area_name(unit.location)}{reason}.")
        return settle_march(ctx, unit, path, steps)  # type: ignore[arg-type]

    return Adjudication(
        mechanic="movement",
        title=f"{ctx.name(unit.id)} moves to {ctx.area_name(dest)}",
        side=side,
        visible_to=(side,),
        options=(Option("halted", "Halted where it stands", 0.0), Option("arrives", "Moves as ordered", 1.0)),
        settle=settle,
        default="arrives",
        citations=tuple(dict.fromkeys(citations)),
        modifiers=tuple(dict.fromkeys(modifiers)),
    )


def _traveller(ctx: Context, unit: UnitState) -> tuple:
    """What a path search depends on: units alike in all of it share their searches."""
    unit_type = ctx.unit_type(unit)
    return (unit.location, unit_type.mobility, unit_type.irregular, unit.side, unit.faction)


def reachable(ctx: Context, unit: UnitState) -> dict[str, Step]:
    """Areas the unit can reach within this turn (memoised per context)."""
    memo = ctx.memo.setdefault("reachable", {})
    key = _traveller(ctx, unit)
    if key not in memo:
        memo[key] = quickest(ctx, unit, budget=float(ctx.turn_days))
    return memo[key]


def route_to(ctx: Context, unit: UnitState, dest: str) -> dict[str, Step] | None:
    """The quickest way to ``dest`` whatever its length (None: no way the unit may take)."""
    near = reachable(ctx, unit)
    if dest in near:
        return near
    memo = ctx.memo.setdefault("beyond", {})
    key = (*_traveller(ctx, unit), dest)
    if key not in memo:
        memo[key] = quickest(ctx, unit, stop_at=dest)
    steps = memo[key]
    return steps if dest in steps else None


def settle_march(ctx: Context, unit: UnitState, path: tuple[str, ...], steps: dict[str, Step]) -> Settlement:
    """Walk the path within the turn's days; bank progress on an unfinished leg; stop at the enemy."""
    dest = path[-1]
    days_left = float(ctx.turn_days)
    banked = unit.leg_days if unit.leg_to == path[1] else 0.0
    walked = [path[0]]
    stopped_by: list[UnitState] = []
    follow_ups: list[str] = []
    leg_to, leg_days = "", 0.0
    halted = False
    blocked_at: Route | None = None
    mined = {h.area for h in ctx.hazards_against(unit)}
    for here in path[1:]:
        route = ctx.scenario.routes[steps[here].route]
        if closed_to(ctx, unit, route):
            blocked_at = route
            halted = True
            break
        need = entry_days(ctx, unit, route, here) - banked
        if need > days_left + 1e-9:
            leg_to, leg_days = here, banked + days_left
            break
        days_left -= need
        banked = 0.0
        walked.append(here)
        if ctx.state.routes.get(route.key) is CrossingState.MINED and _hostile_layer(ctx, unit, route.key):
            follow_ups.append(f"mine:{unit.id}:{route.key}")
        hazard = here in mined  # an IED laid by an enemy waits here
        if hazard:
            follow_ups.append(f"ied:{unit.id}:{here}")
        stopped_by = ctx.enemies_in(unit, here)
        if stopped_by or hazard:
            halted = True
            break
    at = walked[-1]
    march = "" if at == dest or halted else dest
    changes: list = []
    if len(walked) > 1:
        changes.append(UnitMoved(unit.id, at, tuple(walked)))
    if unit.posture is not Posture.DISPERSED:
        changes.append(PostureChanged(unit.id, Posture.MOVING))
    leg_days = round(leg_days, 6) if march else 0.0
    leg_to = leg_to if march else ""
    if (march, leg_to, leg_days) != (unit.march, unit.leg_to, unit.leg_days):
        changes.append(MarchChanged(unit.id, march, leg_to, leg_days))
    escaped = _leaves_theatre(ctx, unit, at)
    if escaped:
        changes.append(StatusChanged(unit.id, Status.ESCAPED))
    if len(walked) > 1:
        changes += _detection_after_move(ctx, unit, at, stopped_by)
    if blocked_at is not None:
        for end in (blocked_at.from_, blocked_at.to):
            for blocker in ctx.enemies_in(unit, end):
                changes.append(Detected(blocker.id, unit.side, ctx.turn))
    names = " → ".join(ctx.area_name(a) for a in walked)
    sentence = f"{ctx.name(unit.id)} moves {names}" if len(walked) > 1 else f"{ctx.name(unit.id)} is on the road"
    if blocked_at is not None:
        sentence += f" and finds {blocked_at.name or blocked_at.key} blocked by the enemy"
    if stopped_by:
        sentence += f" and runs into the enemy there ({', '.join(ctx.name(u.id) for u in stopped_by)})"
        ambushers = [u for u in stopped_by if u.posture is Posture.AMBUSH]
        if ambushers:
            follow_ups.append(f"ambush:{ambushers[0].id}:{unit.id}")
    elif escaped:
        sentence += ", leaving the theatre: it has escaped across the border"
    elif len(walked) > 1 and _takes_control(ctx, unit, at):
        changes.append(ControlChanged(at, unit.side))
        sentence += f" and takes control of {ctx.area_name(at)}"
    if march:
        total = entry_days(ctx, unit, ctx.scenario.routes[steps[leg_to].route], leg_to)
        sentence += (
            f"; marching on to {ctx.area_name(dest)}: {leg_days:.1f} of {total:.1f} days done "
            f"on the way to {ctx.area_name(leg_to)}"
        )
    seen_by = tuple(sorted({unit.side, *(e.side for e in stopped_by)}))
    return Settlement(tuple(changes), f"{sentence}.", tuple(follow_ups), seen_by)


def _hostile_layer(ctx: Context, unit: UnitState, route_key: str) -> bool:
    """Mines threaten everyone but their layer's side and its friends ('' : laid by the white cell)."""
    layer = ctx.state.route_blockers.get(route_key, "")
    return not layer or ctx.side_hostile(unit.side, layer)


def _takes_control(ctx: Context, unit: UnitState, dest: str) -> bool:
    """Formed ground units take an area held by nobody or by an enemy, if no enemy holds it with
    formed troops; an ally's area stays the ally's."""
    holder = ctx.state.control.get(dest)
    if unit.posture is Posture.DISPERSED or not ctx.is_ground(unit) or holder == unit.side:
        return False
    if holder is not None and not ctx.side_hostile(unit.side, holder):
        return False
    return not ctx.enemies_in(unit, dest)


def _detection_after_move(ctx: Context, unit: UnitState, dest: str, contact: list[UnitState]) -> list:
    """Sides that lose sight of a moving unit, and mutual detection on contact."""
    changes: list = []
    for side in sorted(unit.detected_by):
        if not observes(ctx, side, dest):
            changes.append(Lost(unit.id, side))
    for enemy in contact:
        changes.append(Detected(unit.id, enemy.side, ctx.turn))
        changes.append(Detected(enemy.id, unit.side, ctx.turn))
    return changes


def observes(ctx: Context, side: str, area: str) -> bool:
    """Whether a side has eyes on an area: its own units there, or ISR watching it."""
    if area in ctx.state.watched.get(side, {}):
        return True
    return any(u.side == side for u in ctx.units_in(area))


def retreat_area(ctx: Context, unit: UnitState, avoid: str = "") -> str | None:
    """Where a beaten unit falls back: a neighbouring area with no enemies, own side's first."""
    options = []
    for route in ctx.scenario.routes_from.get(unit.location, ()):
        there = route.other_end(unit.location)
        if there == avoid or closed_to(ctx, unit, route) or entry_days(ctx, unit, route, there) == float("inf"):
            continue
        if off_limits(ctx, unit, there):
            continue
        if ctx.enemies_in(unit, there):
            continue
        own = ctx.state.control.get(there) == unit.side
        hostile = ctx.side_hostile(unit.side, ctx.state.control.get(there))
        options.append((0 if own else 1 if not hostile else 2, route.km, there))
    return min(options)[2] if options else None


# -- crossings: block, mine, destroy, repair ------------------------------------------------


class CrossingMechanism:
    """Orders on routes (``crossings.*``): block any route; mine, destroy or repair a crossing."""

    def __init__(self, kind: OrderKind) -> None:
        self.kind = kind

    def check(self, ctx: Context, side: str, order) -> Rejection | None:
        unit = ctx.unit(order.unit)
        route = ctx.scenario.routes.get(order.route)
        if route is None:
            return Rejection("unknown-route", f"there is no route {order.route!r}")
        if unit.location not in (route.from_, route.to):
            return Rejection("not-adjacent", f"{ctx.name(unit.id)} must stand at one end of {route.name or route.key}")
        state = ctx.state.routes.get(route.key, CrossingState.OPEN)
        if closed_to(ctx, unit, route, as_known=True) == "blocked":
            return Rejection(
                "enemy-block",
                f"the enemy holds {route.name or route.key} blocked: drive them off first (crossings.blocked)",
            )
        if self.kind is OrderKind.REPAIR_CROSSING:
            if state is CrossingState.OPEN:
                return Rejection("nothing-to-do", f"{route.name or route.key} is open")
            return None
        if self.kind is not OrderKind.BLOCK_CROSSING and not route.kind.is_crossing:
            return Rejection("not-a-crossing", f"{route.name or route.key} is not a river crossing (crossings.kinds)")
        if state is CrossingState.DESTROYED:
            return Rejection("nothing-to-do", f"{route.name or route.key} is already destroyed")
        return None

    def candidates(self, ctx: Context, side: str, unit: UnitState) -> Iterator:
        from wargame.core.orders import ORDER_CLASSES

        if not ctx.is_ground(unit):
            return
        cls = ORDER_CLASSES[self.kind]
        for route in ctx.scenario.routes_from.get(unit.location, ()):
            if route.kind is not RouteKind.AIR:
                yield cls(unit.id, route.key)

    def adjudicate(self, ctx: Context, side: str, order) -> Adjudication:
        unit = ctx.unit(order.unit)
        route = ctx.scenario.routes[order.route]
        new_state = {
            OrderKind.BLOCK_CROSSING: CrossingState.BLOCKED,
            OrderKind.MINE_CROSSING: CrossingState.MINED,
            OrderKind.DESTROY_CROSSING: CrossingState.DESTROYED,
            OrderKind.REPAIR_CROSSING: CrossingState.OPEN,
        }[self.kind]
        name = route.name or route.key
        verb = {
            CrossingState.BLOCKED: "blocks",
            CrossingState.MINED: "mines",
            CrossingState.DESTROYED: "destroys",
            CrossingState.OPEN: "reopens",
        }[new_state]

        enemy_block = closed_to(ctx, unit, route) == "blocked" and self.kind is not OrderKind.BLOCK_CROSSING
        watchers = _route_watchers(ctx, side, route)
        # a side watching the route sees who works on it
        seen = tuple(Detected(unit.id, other, ctx.turn) for other in watchers if other != side)

        def settle(code: str) -> Settlement:
            if code == "fails" or enemy_block:
                found = tuple(
                    Detected(u.id, side, ctx.turn) for end in (route.from_, route.to) for u in ctx.enemies_in(unit, end)
                )
                why = ": the enemy holds it blocked" if enemy_block else ""
                return Settlement(found, f"{ctx.name(unit.id)} fails to change {name}{why}.")
            change = RouteChanged(
                route.key, new_state, side if new_state in (CrossingState.BLOCKED, CrossingState.MINED) else ""
            )
            return Settlement((change, *seen), f"{ctx.name(unit.id)} {verb} {name}; it is now {new_state.label}.")

        return Adjudication(
            mechanic="crossings",
            title=f"{ctx.name(unit.id)} {verb} {name}",
            side=side,
            visible_to=watchers,
            citations=(f"crossings.{new_state.value}",),
            options=(Option("fails", "Fails", 0.0), Option("done", "Done", 1.0)),
            settle=settle,
            default="done",
        )


def _route_watchers(ctx: Context, side: str, route: Route) -> tuple[str, ...]:
    """The acting side, and any side with eyes on either end of the route."""
    sides = {side}
    for other in ctx.scenario.sides:
        if other != side and (observes(ctx, other, route.from_) or observes(ctx, other, route.to)):
            sides.add(other)
    return tuple(sorted(sides))


def is_air(ctx: Context, unit: UnitState) -> bool:
    return ctx.unit_type(unit).category is not Category.GROUND
