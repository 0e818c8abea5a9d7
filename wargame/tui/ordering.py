"""Building orders step by step, as the order dialog offers them (no Textual here).

For a unit and a kind of order, :func:`choices` lists every target worth showing with the
engine's verdict on each: legal ones first, then refused ones with the reason, so the
facilitator sees why an order cannot be given, in the engine's own words.
"""

from __future__ import annotations

from attrs import frozen

from wargame.core import orders as o
from wargame.core.adjudication import Rejection
from wargame.core.enums import Category, OrderKind, Status
from wargame.core.game import Game
from wargame.core.movement import path_to, route_to
from wargame.core.orders import Order
from wargame.narrate import describe_order

AREA_KINDS = {
    OrderKind.MOVE: lambda u, a, extra: o.Move(u, a),
    OrderKind.ATTACK: lambda u, a, extra: o.Attack((u, *extra[0]), a, tuple(extra[1])),
    OrderKind.RAID: lambda u, a, extra: o.Raid(u, a),
    OrderKind.RECON: lambda u, a, extra: o.Recon(u, a),
    OrderKind.ISR: lambda u, a, extra: o.Isr(u, a),
    OrderKind.IED: lambda u, a, extra: o.Ied(u, a),
    OrderKind.REBASE: lambda u, a, extra: o.Rebase(u, a),
    OrderKind.AIRLIFT: lambda u, a, extra: o.Airlift(u, tuple(extra[0]), a),
    OrderKind.AIR_INSERTION: lambda u, a, extra: o.AirInsertion(u, tuple(extra[0]), a),
}
UNIT_KINDS = {
    OrderKind.AIR_STRIKE: o.AirStrike,
    OrderKind.SUICIDE_ATTACK: o.SuicideAttack,
}
ROUTE_KINDS = {
    OrderKind.BLOCK_CROSSING: o.BlockCrossing,
    OrderKind.MINE_CROSSING: o.MineCrossing,
    OrderKind.DESTROY_CROSSING: o.DestroyCrossing,
    OrderKind.REPAIR_CROSSING: o.RepairCrossing,
}
PLAIN_KINDS = {
    OrderKind.DIG_IN: o.DigIn,
    OrderKind.DISPERSE: o.Disperse,
    OrderKind.REFORM: o.Reform,
    OrderKind.AMBUSH: o.Ambush,
    OrderKind.CACHE: o.PlaceCache,
    OrderKind.TRAIN: o.Train,
}
#: Kinds that take more units: attackers and air support, or passengers.
GROUP_KINDS = {OrderKind.ATTACK, OrderKind.AIRLIFT, OrderKind.AIR_INSERTION}

KIND_NAMES = {
    OrderKind.MOVE: "move",
    OrderKind.ATTACK: "attack",
    OrderKind.AIR_STRIKE: "air strike on a unit",
    OrderKind.AIRLIFT: "airlift: fly units to an airfield",
    OrderKind.AIR_INSERTION: "air insertion: drop or land units",
    OrderKind.REBASE: "rebase to another airfield",
    OrderKind.RECON: "reconnoitre an area",
    OrderKind.ISR: "watch an area (ISR)",
    OrderKind.DIG_IN: "dig in",
    OrderKind.DISPERSE: "melt away (disperse)",
    OrderKind.REFORM: "re-form",
    OrderKind.AMBUSH: "lie in ambush",
    OrderKind.RAID: "raid",
    OrderKind.IED: "lay an IED",
    OrderKind.SUICIDE_ATTACK: "suicide attack",
    OrderKind.CACHE: "lay a cache",
    OrderKind.BLOCK_CROSSING: "block a route",
    OrderKind.MINE_CROSSING: "mine a route",
    OrderKind.DESTROY_CROSSING: "blow a crossing",
    OrderKind.REPAIR_CROSSING: "repair a crossing",
    OrderKind.TRAIN: "train",
    OrderKind.ARGUMENT: "make an argument",
}
"""What each kind of order is called in the order dialog."""


def kind_name(kind: OrderKind) -> str:
    return KIND_NAMES.get(kind, kind.label)


@frozen
class Choice:
    """An order the dialog can offer, with the engine's refusal if it would be refused."""

    order: Order
    label: str
    rejection: Rejection | None

    @property
    def legal(self) -> bool:
        return self.rejection is None


def orderable_units(game: Game, side: str | None) -> list[str]:
    """Active units that can take an order of this phase (of ``side``, or of every side)."""
    phase = game.phase
    out = []
    for unit in sorted(game.state.units.values(), key=lambda u: (list(game.scenario.sides).index(u.side), u.id)):
        if unit.status is not Status.ACTIVE or (side is not None and unit.side != side):
            continue
        if unit.id in game.state.ordered_units:
            continue
        kinds = set(game.scenario.rules.unit_types[unit.type].orders) & set(phase.orders)
        if kinds:
            out.append(unit.id)
    return out


def kinds_for(game: Game, unit_id: str) -> list[OrderKind]:
    """The kinds of order this unit may be given in this phase."""
    unit = game.state.units[unit_id]
    allowed = set(game.scenario.rules.unit_types[unit.type].orders)
    return [k for k in game.phase.orders if k in allowed and k is not OrderKind.ARGUMENT]


def group_candidates(game: Game, unit_id: str, kind: OrderKind) -> tuple[list[str], list[str]]:
    """Units that could join: (more attackers or passengers, air support)."""
    unit = game.state.units[unit_id]
    types = game.scenario.rules.unit_types
    mine = [
        u for u in game.state.units.values() if u.side == unit.side and u.status is Status.ACTIVE and u.id != unit_id
    ]
    if kind is OrderKind.ATTACK:
        ground = [
            u.id for u in mine if types[u.type].category is Category.GROUND and OrderKind.ATTACK in types[u.type].orders
        ]
        air = [
            u.id
            for u in mine
            if types[u.type].category is not Category.GROUND and OrderKind.ATTACK in types[u.type].orders
        ]
        return sorted(ground), sorted(air)
    passengers = [u.id for u in mine if u.location == unit.location and types[u.type].category is Category.GROUND]
    return sorted(passengers), []


def choices(
    game: Game, side: str, unit_id: str, kind: OrderKind, extra: tuple[list[str], list[str]] = ([], [])
) -> list[Choice]:
    """Every target for this unit and kind, legal ones first, each with its verdict."""
    scenario = game.scenario
    candidates: list[Order] = []
    if kind in AREA_KINDS:
        here = scenario.areas[game.state.units[unit_id].location]
        areas = sorted(scenario.map.areas, key=lambda a: (a.lat - here.lat) ** 2 + (a.lon - here.lon) ** 2)
        candidates = [AREA_KINDS[kind](unit_id, a.id, extra) for a in areas if a.id != here.id]
    elif kind in UNIT_KINDS:
        seen = [u.id for u in game.view(side).units if not u.own]
        candidates = [UNIT_KINDS[kind](unit_id, target) for target in seen]
    elif kind in ROUTE_KINDS:
        location = game.state.units[unit_id].location
        candidates = [ROUTE_KINDS[kind](unit_id, r.key) for r in scenario.routes_from.get(location, ())]
    elif kind in PLAIN_KINDS:
        candidates = [PLAIN_KINDS[kind](unit_id)]
    out = []
    for order in candidates:
        rejection = game.validate(order, side)
        out.append(Choice(order, choice_label(game, order, kind, rejection is None), rejection))
    return sorted(out, key=lambda c: not c.legal)


def choice_label(game: Game, order: Order, kind: OrderKind, legal: bool) -> str:
    """An order as the dialog offers it: in words, a route with the area it leads to (two roads
    may share a name), a legal move with its length and days."""
    scenario = game.scenario
    label = describe_order(scenario, order)
    if kind in ROUTE_KINDS:
        unit = game.state.units[order.unit]  # type: ignore[attr-defined]
        route = scenario.routes[order.route]  # type: ignore[attr-defined]
        label += f" towards {scenario.areas[route.other_end(unit.location)].name}"
    elif kind is OrderKind.MOVE and legal:
        label += march_length(game, order.unit, order.to)  # type: ignore[attr-defined]
    return label


def march_length(game: Game, unit_id: str, dest: str) -> str:
    """`` (120 km, 2.5 days)`` by the quickest way the unit may take ("" if none)."""
    ctx = game.context()
    steps = route_to(ctx, ctx.unit(unit_id), dest)
    if steps is None or dest not in steps:
        return ""
    path = path_to(steps, dest)
    km = sum(game.scenario.routes[steps[area].route].km for area in path[1:])
    days = steps[dest].days
    return f" ({km:g} km, {days:.1f} day{'s' * (days != 1)})"
