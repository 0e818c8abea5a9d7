"""Checks beyond types: references, duplicates, geography, dates.

Each check returns :class:`~wargame.core.problems.Problem` values whose paths follow
the YAML file's layout (``sides.blue.units[3].type``), so the loader can point at the
line. Errors make a file unusable; warnings are suspicious but legal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from wargame.core.context import great_circle_km
from wargame.core.enums import Category, Feature, Mode, OrderKind, RouteKind
from wargame.core.problems import Problem, ValuePath, problem
from wargame.core.rules import Dice, RuleSet
from wargame.core.scenario import (
    COLOUR_NAMES,
    AddCache,
    AllOf,
    AnyOf,
    Arrive,
    ChangeFaction,
    Condition,
    Controls,
    Effect,
    EscapedAtLeast,
    GateOpen,
    InjectFired,
    MoveTrack,
    Not,
    RouteIs,
    Scenario,
    SetControl,
    SetCrossing,
    SetGate,
    SetRelation,
    StrengthBelow,
    TrackAtLeast,
    TrackAtMost,
    UnitIn,
    UnitIs,
    Withdraw,
    colour_ok,
)

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def _bad_id(path: ValuePath, value: str) -> Iterator[Problem]:
    if not ID_PATTERN.match(value):
        yield problem(path, f"id {value!r} may use only letters, digits, '-', '_' and '.'", "bad-id")


def _duplicates(items: list[tuple[ValuePath, str]], what: str) -> Iterator[Problem]:
    seen: dict[str, ValuePath] = {}
    for path, value in items:
        if value in seen:
            yield problem(path, f"duplicate {what} id {value!r} (already used)", "duplicate-id")
        else:
            seen[value] = path


# -- rules ---------------------------------------------------------------------------------------------


def check_rules(rules: RuleSet) -> list[Problem]:
    """Problems in a rule set."""
    out: list[Problem] = []
    out += _duplicates([(("phases", i, "id"), p.id) for i, p in enumerate(rules.phases)], "phase")
    if not rules.phases:
        out.append(problem(("phases",), "the turn sequence needs at least one phase", "empty"))
    placed = {k for p in rules.phases for k in p.orders}
    for kind in OrderKind if rules.phases else ():
        if kind not in placed:
            out.append(
                problem(
                    ("phases",), f"no phase takes {kind.label} orders: they can never be given", "unused", "warning"
                )
            )
    for name, unit_type in rules.unit_types.items():
        path: ValuePath = ("unit_types", name)
        if unit_type.mobility != "none" and unit_type.mobility not in rules.mobility:
            out.append(problem((*path, "mobility"), f"unknown mobility class {unit_type.mobility!r}", "unknown-ref"))
        if unit_type.category is not Category.GROUND and unit_type.range_km <= 0:
            out.append(problem((*path, "range_km"), "aircraft and helicopters need a range_km above 0", "bad-value"))
        if OrderKind.AIRLIFT in unit_type.orders and unit_type.capacity <= 0:
            out.append(problem((*path, "capacity"), "a transport needs a capacity above 0", "bad-value"))
    for name, value in rules.qualities.items():
        if value <= 0:
            out.append(problem(("qualities", name), "a quality multiplier must be above 0", "bad-value"))
    for name, terrain in rules.terrain.items():
        if terrain.movement <= 0 or terrain.defence <= 0:
            out.append(problem(("terrain", name), "movement and defence multipliers must be above 0", "bad-value"))
    out += _check_combat(rules)
    for section in ("air_strike", "attacks"):
        table = getattr(rules, section).table
        out += _check_dice_table((section,), getattr(rules, section).dice, table)
    for section in ("detection", "matrix"):
        out += _check_dice((section, "dice"), getattr(rules, section).dice)
    for i, season in enumerate(rules.seasons):
        for j, month in enumerate(season.months):
            if not 1 <= month <= 12:
                out.append(problem(("seasons", i, "months", j), f"month {month} is not between 1 and 12", "bad-value"))
        for terrain in season.terrain_costs:
            if terrain not in rules.terrain:
                out.append(
                    problem(("seasons", i, "terrain_costs", terrain), f"unknown terrain {terrain!r}", "unknown-ref")
                )
    return out


def _check_dice(path: ValuePath, dice: str) -> list[Problem]:
    try:
        Dice.parse(dice)
    except ValueError as exc:
        return [problem(path, str(exc), "bad-value")]
    return []


def _check_combat(rules: RuleSet) -> list[Problem]:
    out: list[Problem] = []
    combat = rules.combat
    columns = list(combat.columns)
    if not columns or columns != sorted(columns) or any(c <= 0 for c in columns):
        out.append(problem(("combat", "columns"), "columns must be positive odds in ascending order", "bad-value"))
    out += _check_dice_table(("combat",), combat.dice, combat.table)
    for total, row in combat.table.items():
        if len(row) != len(columns):
            out.append(
                problem(
                    ("combat", "table", total),
                    f"row {total} has {len(row)} results for {len(columns)} columns",
                    "bad-table",
                )
            )
        for i, code in enumerate(row):
            if code not in combat.results:
                out.append(problem(("combat", "table", total, i), f"unknown result code {code!r}", "unknown-ref"))
    for code, result in combat.results.items():
        for field in ("attacker_loss", "defender_loss"):
            if not 0 <= getattr(result, field) <= 1:
                out.append(problem(("combat", "results", code, field), "a loss is a fraction from 0 to 1", "bad-value"))
    return out


def _check_dice_table(path: ValuePath, dice: str, table: dict) -> list[Problem]:
    found = _check_dice((*path, "dice"), dice)
    if found:
        return found
    spec = Dice.parse(dice)
    missing = [t for t in range(spec.low, spec.high + 1) if t not in table]
    if not table:
        return [problem((*path, "table"), "the table is empty", "bad-table")]
    if missing and min(table) <= spec.low and max(table) >= spec.high:
        return [problem((*path, "table"), f"no row for dice totals {missing}", "bad-table")]
    return []


# -- scenarios -----------------------------------------------------------------------------------------


class _Refs:
    """The ids a scenario defines, for reference checks."""

    def __init__(self, scenario: Scenario) -> None:
        self.areas = {a.id for a in scenario.map.areas}
        self.routes = {r.key for r in scenario.map.routes}
        self.units = {u.id for s in scenario.sides.values() for u in s.units}
        self.factions = {f.id for s in scenario.sides.values() for f in s.factions}
        self.sides = set(scenario.sides)
        self.tracks = {t.id for t in scenario.tracks}
        self.gates = {g.id for g in scenario.gates}
        self.injects = {i.id for i in scenario.injects}

    def check(self, path: ValuePath, kind: str, value: str) -> Iterator[Problem]:
        known: set[str] = getattr(self, kind)
        if value not in known:
            singular = kind.rstrip("s")
            yield problem(path, f"unknown {singular} {value!r}{_suggest(value, known)}", "unknown-ref")


def _suggest(value: str, known: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_scenario(scenario: Scenario) -> list[Problem]:
    """Every problem in a scenario (its rule set is checked by :func:`check_rules`)."""
    refs = _Refs(scenario)
    out: list[Problem] = []
    out += _check_ids(scenario)
    out += _check_map(scenario, refs)
    out += _check_forces(scenario, refs)
    out += _check_time_and_events(scenario, refs)
    return out


def _check_ids(scenario: Scenario) -> list[Problem]:
    out: list[Problem] = []
    areas = [(("map", "areas", i, "id"), a.id) for i, a in enumerate(scenario.map.areas)]
    units = [
        (("sides", s, "units", i, "id"), u.id) for s, side in scenario.sides.items() for i, u in enumerate(side.units)
    ]
    factions = [
        (("sides", s, "factions", i, "id"), f.id)
        for s, side in scenario.sides.items()
        for i, f in enumerate(side.factions)
    ]
    objectives = [
        (("sides", s, "objectives", i, "id"), o.id)
        for s, side in scenario.sides.items()
        for i, o in enumerate(side.objectives)
    ]
    arguments = [
        (("sides", s, "arguments", i, "id"), a.id)
        for s, side in scenario.sides.items()
        for i, a in enumerate(side.arguments)
    ]
    injects = [(("injects", i, "id"), x.id) for i, x in enumerate(scenario.injects)]
    tracks = [(("tracks", i, "id"), t.id) for i, t in enumerate(scenario.tracks)]
    gates = [(("gates", i, "id"), g.id) for i, g in enumerate(scenario.gates)]
    for what, items in (
        ("area", areas), ("unit", units), ("faction", factions), ("objective", objectives),
        ("argument", arguments), ("inject", injects), ("track", tracks), ("gate", gates),
    ):  # fmt: skip
        out += _duplicates(items, what)
        for path, value in items:
            out += _bad_id(path, value)
    out += _route_ids(scenario)
    for side in scenario.sides:
        out += _bad_id(("sides", side), side)
    out += _bad_id(("id",), scenario.id)
    return out


def _check_off_map(scenario: Scenario, path: ValuePath, area) -> list[Problem]:
    """The off_map terrain and the off_map feature go together: the feature is what the rules read."""
    off_terrain = area.terrain == Feature.OFF_MAP.value
    if off_terrain and not area.has(Feature.OFF_MAP):
        return [
            problem(
                (*path, "terrain"),
                f"{area.name} has the off_map terrain but not the off_map feature, which is what keeps units out: "
                "as it is, any unit may enter it and fight there; add off_map to its features",
                "off-map",
            )
        ]
    if area.has(Feature.OFF_MAP) and not off_terrain and Feature.OFF_MAP.value in scenario.rules.terrain:
        index = area.features.index(Feature.OFF_MAP)
        return [
            problem(
                (*path, "features", index),
                f"{area.name} is off the map but its terrain is {area.terrain!r}: write terrain: off_map",
                "off-map",
                "warning",
            )
        ]
    return []


def _route_ids(scenario: Scenario) -> list[Problem]:
    """Route ids are unique; a route without one is named ``from--to``, which the designer never wrote."""
    out: list[Problem] = []
    seen: dict[str, int] = {}
    routes = scenario.map.routes
    for i, route in enumerate(routes):
        key = route.key
        if route.id:
            out += _bad_id(("map", "routes", i, "id"), route.id)
        if key not in seen:
            seen[key] = i
            continue
        first, other = routes[seen[key]], f"map.routes[{seen[key]}]"
        if not route.id:
            like = f"give this one an id, like id: {route.from_}-{route.to}-{route.kind.value}"
            if first.id:
                message = f"this route has no id, so its id is {key!r}, which {other} already has: {like}"
            else:
                message = (
                    f"two routes join {route.from_} and {route.to} without an id (this one and {other}), so both "
                    f"would be {key!r}: {like}"
                )
            out.append(problem(("map", "routes", i), message, "duplicate-id"))
        elif not first.id:
            message = f"{key!r} is the id {other} gets from its ends (it has none of its own): use another"
            out.append(problem(("map", "routes", i, "id"), message, "duplicate-id"))
        else:
            out.append(
                problem(("map", "routes", i, "id"), f"duplicate route id {key!r} (already used)", "duplicate-id")
            )
    return out


def _check_map(scenario: Scenario, refs: _Refs) -> list[Problem]:
    out: list[Problem] = []
    rules = scenario.rules
    for i, area in enumerate(scenario.map.areas):
        path: ValuePath = ("map", "areas", i)
        if area.terrain not in rules.terrain:
            out.append(
                problem(
                    (*path, "terrain"),
                    f"unknown terrain {area.terrain!r}{_suggest(area.terrain, set(rules.terrain))}",
                    "unknown-ref",
                )
            )
        if not -90 <= area.lat <= 90:
            out.append(problem((*path, "lat"), f"latitude {area.lat} is not between -90 and 90", "bad-value"))
        if not -180 <= area.lon <= 180:
            out.append(problem((*path, "lon"), f"longitude {area.lon} is not between -180 and 180", "bad-value"))
        out += _check_off_map(scenario, path, area)
        if area.control is not None:
            out += refs.check((*path, "control"), "sides", area.control)
        for j, side in enumerate(area.open_to):
            out += refs.check((*path, "open_to", j), "sides", side)
    areas = scenario.areas
    for i, route in enumerate(scenario.map.routes):
        path = ("map", "routes", i)
        out += refs.check((*path, "from"), "areas", route.from_)
        out += refs.check((*path, "to"), "areas", route.to)
        if route.from_ == route.to:
            out.append(problem(path, "a route must join two different areas", "bad-value"))
        if route.km <= 0:
            out.append(problem((*path, "km"), "a route's length must be above 0 km", "bad-value"))
        if route.from_ in areas and route.to in areas:
            a, b = areas[route.from_], areas[route.to]
            if (
                a.bank
                and b.bank
                and a.bank != b.bank
                and not (route.kind.is_crossing or route.kind in (RouteKind.RIVER, RouteKind.AIR))
            ):
                out.append(problem(
                    (*path, "kind"),
                    f"this {route.kind.label} joins {a.name} ({a.bank} bank) and {b.name} ({b.bank} bank) of the "
                    "Niger but is not a crossing: make it a bridge, ferry or ford, or split it at the crossing",
                    "not-a-crossing",
                ))  # fmt: skip
            if not all(-90 <= x.lat <= 90 and -180 <= x.lon <= 180 for x in (a, b)):
                continue  # the coordinates are wrong: that is reported, distances would mislead
            straight = great_circle_km(a, b)
            if route.kind is not RouteKind.AIR and route.km < 0.8 * straight:
                out.append(problem(
                    (*path, "km"),
                    f"{route.km:g} km is shorter than the straight line between its ends ({straight:.0f} km)",
                    "geography", "warning",
                ))  # fmt: skip
    out += _check_reachability(scenario)
    out += _check_escapes(scenario)
    if scenario.political_track and scenario.political_track not in refs.tracks:
        out += refs.check(("political_track",), "tracks", scenario.political_track)
    for section in ("air_strike", "attacks"):
        track = getattr(scenario.rules, section).political_track
        if track and track not in refs.tracks:
            path = ("rule_overrides", section, "political_track")
            out.append(
                problem(
                    path,
                    f"the rules' {section}.political_track is {track!r}, a track this scenario does not define"
                    f"{_suggest(track, refs.tracks)}",
                    "unknown-ref",
                )
            )
    return out


def _check_reachability(scenario: Scenario) -> list[Problem]:
    """Areas no route reaches (and no aircraft can land at) are mistakes."""
    out: list[Problem] = []
    linked = {end for r in scenario.map.routes for end in (r.from_, r.to)}
    for i, area in enumerate(scenario.map.areas):
        if area.id not in linked and not area.has(Feature.AIRFIELD):
            out.append(
                problem(
                    ("map", "areas", i),
                    f"no route leads to {area.name} and it has no airfield: it is unreachable",
                    "unreachable",
                )
            )
    return out


def _is_escape_area(area) -> bool:
    return area.has(Feature.OFF_MAP) and area.control is None


def _check_escapes(scenario: Scenario) -> list[Problem]:
    """An area whose ``escape_to`` names a way out that no route gives."""
    out: list[Problem] = []
    areas = scenario.areas
    for i, area in enumerate(scenario.map.areas):
        if not area.escape_to or _is_escape_area(area):
            continue
        ways = [r.other_end(area.id) for r in scenario.routes_from.get(area.id, ()) if r.kind is not RouteKind.AIR]
        if not any(w in areas and _is_escape_area(areas[w]) for w in ways):
            out.append(
                problem(
                    ("map", "areas", i, "escape_to"),
                    f"{area.name} says it leads to {area.escape_to}, but no route leads from it to an escape area "
                    "(off_map feature, no control): add one, or units cannot escape from here",
                    "no-escape",
                    "warning",
                )
            )
    return out


def _check_forces(scenario: Scenario, refs: _Refs) -> list[Problem]:
    out: list[Problem] = []
    rules = scenario.rules
    areas = scenario.areas
    if not scenario.sides:
        out.append(problem(("sides",), "a scenario needs at least one side", "empty"))
    for side_id, side in scenario.sides.items():
        base: ValuePath = ("sides", side_id)
        if not side.factions:
            out.append(problem((*base, "factions"), "a side needs at least one faction", "empty"))
        if not side.units:
            out.append(problem((*base, "units"), f"side {side_id!r} has no units", "no-units"))
        if not colour_ok(side.colour):
            out.append(_bad_colour((*base, "colour"), side.colour))
        own_factions = {f.id for f in side.factions}
        for i, unit in enumerate(side.units):
            path: ValuePath = (*base, "units", i)
            if unit.type not in rules.unit_types:
                out.append(
                    problem(
                        (*path, "type"),
                        f"unknown unit type {unit.type!r}{_suggest(unit.type, set(rules.unit_types))}",
                        "unknown-ref",
                    )
                )
            if unit.faction not in own_factions:
                hint = (
                    " (it belongs to another side)"
                    if unit.faction in refs.factions
                    else _suggest(unit.faction, own_factions)
                )
                out.append(
                    problem(
                        (*path, "faction"), f"faction {unit.faction!r} is not on side {side_id!r}{hint}", "unknown-ref"
                    )
                )
            out += refs.check((*path, "at"), "areas", unit.at)
            if unit.quality not in rules.qualities:
                out.append(
                    problem(
                        (*path, "quality"),
                        f"unknown quality {unit.quality!r}; use one of {', '.join(rules.qualities)}",
                        "unknown-ref",
                    )
                )
            if unit.strength <= 0:
                out.append(problem((*path, "strength"), "strength must be above 0", "bad-value"))
            if unit.supply is not None and not 0 <= unit.supply <= rules.supply.max_level:
                out.append(problem((*path, "supply"), f"supply is from 0 to {rules.supply.max_level}", "bad-value"))
            if unit.training_days < 0:
                out.append(problem((*path, "training_days"), "training days cannot be negative", "bad-value"))
            for j, s in enumerate(unit.detected_by):
                out += refs.check((*path, "detected_by", j), "sides", s)
            if unit.arrives is not None:
                arrival = unit.arrives
                if arrival.at:
                    out += refs.check((*path, "arrives", "at"), "areas", arrival.at)
                if arrival.date is not None and not scenario.start <= arrival.date <= scenario.end:
                    out.append(
                        problem(
                            (*path, "arrives", "date"),
                            f"arrival on {arrival.date} is outside the scenario ({scenario.start} to {scenario.end})",
                            "out-of-span",
                            "warning",
                        )
                    )
                if arrival.requires is not None:
                    out += _check_condition(scenario, refs, (*path, "arrives", "requires"), arrival.requires)
                out += _check_arrival(scenario, path, unit)
            moved = unit.arrives is not None and bool(unit.arrives.at)
            where = unit.arrives.at if moved else unit.at  # type: ignore[union-attr]
            where_path: ValuePath = (*path, "arrives", "at") if moved else (*path, "at")
            if unit.type in rules.unit_types and where in areas:
                out += _placement(scenario, where_path, unit.type, areas[where])
        for i, objective in enumerate(side.objectives):
            out += _check_condition(scenario, refs, (*base, "objectives", i, "condition"), objective.condition)
        for i, argument in enumerate(side.arguments):
            for key in ("on_success", "on_failure"):
                for j, effect in enumerate(getattr(argument, key)):
                    out += _check_effect(scenario, refs, (*base, "arguments", i, key, j), effect)
            if argument.available is not None:
                out += _check_condition(scenario, refs, (*base, "arguments", i, "available"), argument.available)
    for i, cache in enumerate(scenario.caches):
        out += refs.check(("caches", i, "area"), "areas", cache.area)
        out += refs.check(("caches", i, "faction"), "factions", cache.faction)
    for i, relation in enumerate(scenario.relations):
        for j, faction in enumerate(relation.factions):
            out += refs.check(("relations", i, "factions", j), "factions", faction)
    return out


def _brought_by_effects(scenario: Scenario) -> set[str]:
    """Units some inject or argument brings with an ``arrive`` effect."""
    effects = [e for i in scenario.injects for e in i.effects]
    effects += [e for s in scenario.sides.values() for a in s.arguments for e in (*a.on_success, *a.on_failure)]
    return {u for e in effects if isinstance(e, Arrive) for u in e.units}


#: How far by road a ``by_air`` reinforcement may arrive from the airfield its transports land at: the last
#: stretch, by truck, is not played (serval-2013 flies AFISMA units into Bamako-Sénou for Koulikoro, 74 km).
BY_AIR_LAST_LEG_KM = 100


def _airfield_near(scenario: Scenario, start: str) -> bool:
    """Whether an area with an airfield is ``start`` or within :data:`BY_AIR_LAST_LEG_KM` of it by road."""
    best = {start: 0.0}
    todo = [(0.0, start)]
    while todo:
        todo.sort()
        km, here = todo.pop(0)
        if scenario.areas[here].has(Feature.AIRFIELD):
            return True
        for route in scenario.routes_from.get(here, ()):
            there, total = route.other_end(here), km + route.km
            if route.kind is RouteKind.AIR or there not in scenario.areas or total > BY_AIR_LAST_LEG_KM:
                continue
            if total < best.get(there, BY_AIR_LAST_LEG_KM + 1):
                best[there] = total
                todo.append((total, there))
    return False


def _check_arrival(scenario: Scenario, path: ValuePath, unit) -> list[Problem]:
    """Reinforcements that would land where no aircraft can, or never come."""
    out: list[Problem] = []
    arrival = unit.arrives
    where = scenario.areas.get(arrival.at or unit.at)
    unit_type = scenario.rules.unit_types.get(unit.type)
    ground = unit_type is not None and unit_type.category is Category.GROUND
    if arrival.by_air and ground and where is not None and not _airfield_near(scenario, where.id):
        out.append(
            problem(
                (*path, "arrives", "by_air"),
                f"{unit.name} arrives by air at {where.name}, which has no airfield and none within "
                f"{BY_AIR_LAST_LEG_KM} km by road: airlift lands at airfields; make it arrive at or near one "
                "(arrives.at), or drop by_air",
                "bad-placement",
            )
        )
    if arrival.date is None and unit.id not in _brought_by_effects(scenario):
        out.append(
            problem(
                (*path, "arrives"),
                f"{unit.name} has no arrival date and no inject or argument brings it (an arrive effect): "
                "it never arrives unless the facilitator writes one at the table",
                "never-arrives",
                "warning",
            )
        )
    return out


def _bad_colour(path: ValuePath, colour: str) -> Problem:
    names = ", ".join(COLOUR_NAMES)
    hint = _suggest(colour.strip().lower(), set(COLOUR_NAMES))
    return problem(
        path,
        f'{colour!r} is not a colour the console can draw: write "#rrggbb" or "#rgb" (in quotes), '
        f"or use one of {names}{hint}",
        "bad-value",
    )


def _placement(scenario: Scenario, path: ValuePath, type_id: str, area) -> list[Problem]:
    """Units placed where their type cannot be."""
    unit_type = scenario.rules.unit_types[type_id]
    if unit_type.category is Category.AIR and not area.has(Feature.AIRFIELD):
        return [problem(path, f"{unit_type.name} must be based at an airfield; {area.name} has none", "bad-placement")]
    if unit_type.category is Category.GROUND:
        speeds = scenario.rules.mobility.get(unit_type.mobility, {})
        usable = [r for r in scenario.routes_from.get(area.id, ()) if speeds.get(r.kind, 0) > 0]
        if not usable and not area.has(Feature.AIRFIELD):
            return [problem(path, f"{unit_type.name} can use no route out of {area.name}", "bad-placement", "warning")]
    return []


def _check_time_and_events(scenario: Scenario, refs: _Refs) -> list[Problem]:
    out: list[Problem] = []
    if scenario.end < scenario.start:
        out.append(
            problem(("end",), f"the scenario ends ({scenario.end}) before it starts ({scenario.start})", "bad-value")
        )
    length = scenario.turn_length
    if (length.days > 0) == (length.months > 0):
        out.append(
            problem(("turn_length",), "give a turn length in days or in months (one of the two, above 0)", "bad-value")
        )
    calendar_broken = bool(out)  # turns cannot be counted: the checks below that need them wait
    for i, track in enumerate(scenario.tracks):
        if not track.min <= track.start <= track.max:
            out.append(
                problem(("tracks", i, "start"), f"start {track.start} is outside {track.min}..{track.max}", "bad-value")
            )
    out += _check_adjudication(scenario)
    if calendar_broken:
        return out
    last_turn = scenario.turn_count
    for i, inject in enumerate(scenario.injects):
        path: ValuePath = ("injects", i)
        if inject.date is not None and not scenario.start <= inject.date <= scenario.end:
            out.append(
                problem(
                    (*path, "date"),
                    f"{inject.date} is outside the scenario ({scenario.start} to {scenario.end})",
                    "out-of-span",
                )
            )
        if inject.turn is not None and not 1 <= inject.turn <= last_turn:
            out.append(problem((*path, "turn"), f"turn {inject.turn} is outside 1..{last_turn}", "out-of-span"))
        if inject.condition is not None:
            out += _check_condition(scenario, refs, (*path, "condition"), inject.condition)
        for j, effect in enumerate(inject.effects):
            out += _check_effect(scenario, refs, (*path, "effects", j), effect)
        for j, side in enumerate(inject.audience):
            out += refs.check((*path, "audience", j), "sides", side)
    for side_id, side in scenario.sides.items():
        for i, objective in enumerate(side.objectives):
            if objective.by is not None and not scenario.start <= objective.by <= scenario.end:
                out.append(
                    problem(
                        ("sides", side_id, "objectives", i, "by"),
                        f"{objective.by} is outside the scenario",
                        "out-of-span",
                        "warning",
                    )
                )
    return out


def _check_adjudication(scenario: Scenario) -> list[Problem]:
    """Keys are order kinds or ``default``; ``matrix`` is for arguments only (elsewhere it would be rigid)."""
    out: list[Problem] = []
    valid_keys = {k.value for k in OrderKind} | {"default"}
    for key, mode in scenario.adjudication.items():
        path: ValuePath = ("adjudication", key)
        if key not in valid_keys:
            hint = " (arguments' mode is set with argument)" if key == "default_argument" else _suggest(key, valid_keys)
            out.append(problem(path, f"unknown order kind {key!r}{hint}", "unknown-ref"))
        elif mode is Mode.MATRIX and key != OrderKind.ARGUMENT.value:
            what = "every kind but arguments" if key == "default" else f"{OrderKind(key).label} orders"
            out.append(
                problem(
                    path,
                    f"matrix is for arguments only: {what} would be decided by the tables, as in rigid; "
                    "use rigid, semi_rigid or free",
                    "bad-value",
                )
            )
    return out


def _check_condition(scenario: Scenario, refs: _Refs, path: ValuePath, condition: Condition) -> list[Problem]:
    out: list[Problem] = []
    kind = _kind_key(condition)
    here = (*path, kind)
    match condition:
        case Controls(area=area, side=side):
            out += refs.check((*here, "area"), "areas", area)
            out += refs.check((*here, "side"), "sides", side)
        case UnitIs(unit=unit):
            out += refs.check((*here, "unit"), "units", unit)
        case UnitIn(unit=unit, area=area):
            out += refs.check((*here, "unit"), "units", unit)
            out += refs.check((*here, "area"), "areas", area)
        case RouteIs(route=route):
            out += refs.check((*here, "route"), "routes", route)
        case StrengthBelow(side=side) | EscapedAtLeast(side=side):
            out += refs.check((*here, "side"), "sides", side)
        case TrackAtLeast(track=track) | TrackAtMost(track=track):
            out += refs.check((*here, "track"), "tracks", track)
        case GateOpen(gate=gate):
            out += refs.check(here, "gates", gate)
        case InjectFired(inject=inject):
            out += refs.check(here, "injects", inject)
        case AllOf(conditions=conditions) | AnyOf(conditions=conditions):
            for i, inner in enumerate(conditions):
                out += _check_condition(scenario, refs, (*here, i), inner)
        case Not(condition=inner):
            out += _check_condition(scenario, refs, here, inner)
    return out


def _check_effect(scenario: Scenario, refs: _Refs, path: ValuePath, effect: Effect) -> list[Problem]:
    out: list[Problem] = []
    here = (*path, _kind_key(effect))
    match effect:
        case Arrive(units=units, at=at):
            for i, unit in enumerate(units):
                out += refs.check((*here, i), "units", unit)
                if unit in scenario.units and scenario.units[unit].arrives is None:
                    out.append(
                        problem(
                            (*here, i),
                            f"{unit!r} is on the map from the start: give it an 'arrives' to bring it later",
                            "not-pending",
                            "warning",
                        )
                    )
            if at:
                out += refs.check((*here, "at"), "areas", at)
        case Withdraw(units=units) | ChangeFaction(units=units):
            for i, unit in enumerate(units):
                out += refs.check((*here, i), "units", unit)
            if isinstance(effect, ChangeFaction):
                out += refs.check((*here, "faction"), "factions", effect.faction)
        case SetRelation(factions=factions):
            for i, faction in enumerate(factions):
                out += refs.check((*here, "factions", i), "factions", faction)
        case MoveTrack(track=track):
            out += refs.check((*here, "track"), "tracks", track)
        case SetGate(gate=gate):
            out += refs.check((*here, "gate"), "gates", gate)
        case SetCrossing(route=route):
            out += refs.check((*here, "route"), "routes", route)
        case SetControl(area=area, side=side):
            out += refs.check((*here, "area"), "areas", area)
            out += refs.check((*here, "side"), "sides", side)
        case AddCache(area=area, faction=faction):
            out += refs.check((*here, "area"), "areas", area)
            out += refs.check((*here, "faction"), "factions", faction)
    return out


def _kind_key(item: object) -> str:
    from wargame.core.scenario import CONDITION_KINDS, EFFECT_KINDS

    for kinds in (CONDITION_KINDS, EFFECT_KINDS):
        for key, cls in kinds.items():
            if type(item) is cls:
                return key
    return type(item).__name__
