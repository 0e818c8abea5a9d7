"""Air power: strikes, airlift, airborne and air-assault insertion, rebasing, ISR.

Aircraft and helicopters act from their base (their ``location``) within their range,
measured as a great circle. Each flies one mission a turn. Strikes roll on the strike
table; caves and dispersal shelter the target; a strike in a town costs politically.
Airlift and insertion carry ground units up to the transport's capacity (personnel per
aircraft x aircraft).
"""

from __future__ import annotations

from collections.abc import Iterator

from wargame.core.adjudication import Adjudication, Rejection, Settlement, dice_options, table_lookup
from wargame.core.combat import MIN_STRENGTH_FRACTION
from wargame.core.conditions import track_change
from wargame.core.context import Context
from wargame.core.enums import Category, Feature, OrderKind, Posture, Status
from wargame.core.events import (
    AreaWatched,
    ControlChanged,
    Detected,
    Lost,
    Modifier,
    Option,
    PostureChanged,
    StatusChanged,
    StrengthChanged,
    UnitMoved,
    UnitSpent,
)
from wargame.core.movement import observes, off_limits
from wargame.core.orders import AirInsertion, Airlift, AirStrike, Isr, Rebase
from wargame.core.state import UnitState


def in_range(ctx: Context, unit: UnitState, area: str) -> bool:
    return ctx.distance(unit.location, area) <= ctx.unit_type(unit).range_km + 1e-6


def range_rejection(ctx: Context, unit: UnitState, area: str) -> Rejection:
    return Rejection(
        "out-of-range",
        f"{ctx.area_name(area)} is {ctx.distance(unit.location, area):.0f} km from {ctx.name(unit.id)}'s base "
        f"at {ctx.area_name(unit.location)}; its range is {ctx.unit_type(unit).range_km:.0f} km (air.range)",
    )


def _spent(ctx: Context, unit: UnitState) -> Rejection | None:
    if unit.id in ctx.state.spent:
        return Rejection("spent", f"{ctx.name(unit.id)} has already flown its mission this turn (air.sorties)")
    if ctx.unit_type(unit).category is Category.GROUND:
        return Rejection("not-capable", f"{ctx.name(unit.id)} is not an aircraft")
    return None


def _areas_in_range(ctx: Context, unit: UnitState) -> Iterator[str]:
    for area in ctx.scenario.areas:
        if area != unit.location and in_range(ctx, unit, area):
            yield area


class StrikeMechanism:
    """Air strikes (``air.strike``)."""

    def check(self, ctx: Context, side: str, order: AirStrike) -> Rejection | None:
        unit = ctx.unit(order.unit)
        why = _spent(ctx, unit)
        if why:
            return why
        target = ctx.state.units.get(order.target)
        if target is None or not target.active or side not in target.detected_by or not ctx.hostile(unit, target):
            return Rejection("no-target", f"no known enemy unit {order.target!r} to strike (air.target)")
        if not in_range(ctx, unit, target.location):
            return range_rejection(ctx, unit, target.location)
        return None

    def candidates(self, ctx: Context, side: str, unit: UnitState) -> Iterator[AirStrike]:
        if unit.id in ctx.state.spent:
            return
        for other in ctx.active_units():
            if side in other.detected_by and ctx.hostile(unit, other) and in_range(ctx, unit, other.location):
                yield AirStrike(unit.id, other.id)

    def adjudicate(self, ctx: Context, side: str, order: AirStrike) -> Adjudication:
        unit, target = ctx.unit(order.unit), ctx.unit(order.target)
        rules = ctx.rules.air_strike
        area = ctx.scenario.areas[target.location]
        terrain = ctx.rules.terrain[area.terrain]
        points = unit.strength * ctx.unit_type(unit).strike * ctx.quality(unit)
        mods = [
            Modifier(
                "strike power",
                min(int(points // rules.points_per_modifier), rules.max_points_modifier),
                "air.strike_power",
            )
        ]
        citations = ["air.strike", "air.strike_power"]
        if area.has(Feature.CAVES):
            mods.append(Modifier("caves shelter the target", rules.caves, "air.caves"))
        if target.posture is Posture.DISPERSED:
            mods.append(Modifier("target dispersed", rules.dispersed, "air.dispersed"))
        if terrain.air_strike:
            mods.append(Modifier(f"terrain {terrain.name.lower()}", terrain.air_strike, f"terrain.{area.terrain}"))
        for season in ctx.seasons:
            if season.air_strike:
                mods.append(Modifier(season.name, season.air_strike, "seasons"))
        if target.detected_by.get(side) == ctx.turn:
            mods.append(Modifier("found this turn", rules.detected_this_turn, "air.fresh_intelligence"))
        citations += [m.rule for m in mods if m.rule not in citations]
        total_mod = int(sum(m.value for m in mods))
        lookup = table_lookup(rules.table)
        fractions = sorted(set(rules.table.values()))
        options = dice_options(
            rules.dice, total_mod, lambda t: _code(lookup(t)), [(_code(f), _loss_title(f)) for f in fractions]
        )
        track_id = rules.political_track or ctx.scenario.political_track  # the rule's own track first
        cost = terrain.political_cost or (1 if area.has(Feature.POPULATION) else 0)
        if cost and track_id in ctx.scenario.tracks_by_id:
            citations.append("air.political_cost")

        def settle(code: str) -> Settlement:
            fraction = float(code)
            changes: list = [UnitSpent(unit.id)]
            lost = round(target.strength * fraction)
            text = f"{ctx.name(unit.id)} strikes {ctx.name(target.id)} at {area.name}: {_loss_title(fraction).lower()}"
            if lost:
                remaining = target.strength - lost
                if remaining < max(1, target.start_strength * MIN_STRENGTH_FRACTION):
                    changes += [
                        StrengthChanged(target.id, 0, target.strength),
                        StatusChanged(target.id, Status.DESTROYED),
                    ]
                    text += ", and it is destroyed"
                else:
                    changes.append(StrengthChanged(target.id, remaining, lost))
                text += f" ({lost} lost)"
            if cost and track_id in ctx.scenario.tracks_by_id:
                changes.append(track_change(ctx, track_id, -cost))
                text += f"; striking in a populated place costs {cost} on {ctx.scenario.tracks_by_id[track_id].title}"
            changes.append(Detected(unit.id, target.side, ctx.turn))
            return Settlement(tuple(changes), text + ".")

        return Adjudication(
            mechanic="air_strike",
            title=f"Air strike on {ctx.name(target.id)}",
            side=side,
            visible_to=tuple(sorted({side, target.side})),
            options=options,
            settle=settle,
            dice=rules.dice,
            purpose=f"air strike on {ctx.name(target.id)}",
            die_modifiers=tuple(mods),
            lookup=lambda total: _code(lookup(total)),
            citations=tuple(dict.fromkeys(citations)),
        )


def _code(fraction: object) -> str:
    return f"{float(fraction):g}"


def _loss_title(fraction: float) -> str:
    return "No effect" if fraction <= 0 else f"{fraction:.0%} of the target lost"


def _capacity(ctx: Context, transport: UnitState) -> int:
    return ctx.unit_type(transport).capacity * transport.strength


def _carry_check(ctx: Context, side: str, transport: UnitState, units: tuple[str, ...], to: str) -> Rejection | None:
    if to not in ctx.scenario.areas:
        return Rejection("unknown-area", f"there is no area {to!r}")
    why = _spent(ctx, transport)
    if why:
        return why
    if not units:
        return Rejection("no-units", "name the units to carry")
    if len(set(units)) != len(units):
        return Rejection("duplicate-unit", "a unit is named twice")
    load = 0
    for unit_id in units:
        unit = ctx.unit(unit_id)
        if not ctx.is_ground(unit):
            return Rejection("not-capable", f"{ctx.name(unit_id)} is not a ground unit")
        if unit_id in ctx.state.spent:
            return Rejection("spent", f"{ctx.name(unit_id)} has already been flown this turn (air.sorties)")
        if unit.location != transport.location:
            return Rejection(
                "not-here", f"{ctx.name(unit_id)} is not at {ctx.area_name(transport.location)} with the transport"
            )
        load += unit.strength
    if load > _capacity(ctx, transport):
        return Rejection(
            "over-capacity",
            f"{load} personnel exceed {ctx.name(transport.id)}'s lift of {_capacity(ctx, transport)} (air.capacity)",
        )
    if to == transport.location:
        return Rejection("same-area", "the units are already there")
    if any(off_limits(ctx, ctx.unit(u), to) for u in units):
        return Rejection("off-limits", f"{ctx.area_name(to)} is outside the theatre and not your side's (air.bases)")
    if not in_range(ctx, transport, to):
        return range_rejection(ctx, transport, to)
    if ctx.known_enemies_in(side, transport.faction, to, formed=True):
        return Rejection("enemy-present", f"known enemies hold {ctx.area_name(to)} (air.landing)")
    return None


def _carry_candidates(ctx: Context, side: str, transport: UnitState, cls: type, ok) -> Iterator:
    """One candidate per destination: the largest group of eligible units that fits."""
    if transport.id in ctx.state.spent:
        return
    passengers = [
        u for u in ctx.units_in(transport.location)
        if u.side == side and ctx.is_ground(u) and ok(u) and u.id not in ctx.state.ordered_units
    ]  # fmt: skip
    load, chosen = 0, []
    for unit in sorted(passengers, key=lambda u: u.strength):
        if load + unit.strength <= _capacity(ctx, transport):
            chosen.append(unit.id)
            load += unit.strength
    if not chosen:
        return
    for area in _areas_in_range(ctx, transport):
        yield cls(transport.id, tuple(sorted(chosen)), area)


def _carry_adjudication(ctx: Context, side: str, order, mechanic: str, verb: str) -> Adjudication:
    transport = ctx.unit(order.unit)
    units = [ctx.unit(u) for u in order.units]

    def settle(code: str) -> Settlement:
        changes: list = [UnitSpent(transport.id)]
        for unit in units:
            changes.append(UnitMoved(unit.id, order.to, (unit.location, order.to)))
            changes.append(PostureChanged(unit.id, Posture.DEFENDING))
            changes.append(UnitSpent(unit.id))
        enemies = ctx.enemies_in(units[0], order.to)
        for enemy in enemies:
            changes.append(Detected(enemy.id, side, ctx.turn))
            for unit in units:
                changes.append(Detected(unit.id, enemy.side, ctx.turn))
        if not enemies and ctx.state.control.get(order.to) != side:
            changes.append(ControlChanged(order.to, side))
        names = ", ".join(ctx.name(u.id) for u in units)
        return Settlement(
            tuple(changes),
            f"{ctx.name(transport.id)} {verb} {names} ({sum(u.strength for u in units)} personnel) "
            f"from {ctx.area_name(transport.location)} to {ctx.area_name(order.to)}, "
            f"{ctx.distance(transport.location, order.to):.0f} km.",
        )

    watchers = {side} | {s for s in ctx.scenario.sides if s != side and observes(ctx, s, order.to)}
    return Adjudication(
        mechanic=mechanic,
        title=f"{ctx.name(transport.id)} to {ctx.area_name(order.to)}",
        side=side,
        visible_to=tuple(sorted(watchers)),
        options=(Option("aborted", "Aborted", 0.0), Option("done", "Done", 1.0)),
        settle=lambda code: (
            settle(code) if code == "done" else Settlement((UnitSpent(transport.id),), "The flight is aborted.")
        ),
        default="done",
        citations=("air.range", "air.capacity", f"air.{mechanic}"),
    )


class AirliftMechanism:
    """Airlift between airfields (``air.airlift``)."""

    def check(self, ctx: Context, side: str, order: Airlift) -> Rejection | None:
        transport = ctx.unit(order.unit)
        if order.to in ctx.scenario.areas and not ctx.friendly_airfield(side, order.to):
            return Rejection(
                "no-airfield", f"{ctx.area_name(order.to)} has no airfield your side can use (air.airlift)"
            )
        return _carry_check(ctx, side, transport, order.units, order.to)

    def candidates(self, ctx: Context, side: str, unit: UnitState) -> Iterator[Airlift]:
        for order in _carry_candidates(ctx, side, unit, Airlift, lambda u: u.posture is not Posture.DISPERSED):
            if ctx.friendly_airfield(side, order.to):
                yield order

    def adjudicate(self, ctx: Context, side: str, order: Airlift) -> Adjudication:
        return _carry_adjudication(ctx, side, order, "airlift", "flies")


class InsertionMechanism:
    """Parachute drops from aircraft and air assaults by helicopter (``air.insertion``)."""

    def check(self, ctx: Context, side: str, order: AirInsertion) -> Rejection | None:
        transport = ctx.unit(order.unit)
        heli = ctx.unit_type(transport).category is Category.HELICOPTER
        for unit_id in order.units:
            if unit_id not in ctx.state.units:
                continue
            t = ctx.unit_type(ctx.unit(unit_id))
            if heli and not t.air_assault:
                return Rejection(
                    "not-air-assault", f"{ctx.name(unit_id)} is not trained for air assault (air.insertion)"
                )
            if not heli and not t.airborne:
                return Rejection("not-airborne", f"{ctx.name(unit_id)} is not parachute-trained (air.insertion)")
        if order.to in ctx.scenario.areas and ctx.scenario.areas[order.to].has(Feature.OFF_MAP):
            return Rejection("off-limits", f"no drops outside the theatre: {ctx.area_name(order.to)} (air.insertion)")
        return _carry_check(ctx, side, transport, order.units, order.to)

    def candidates(self, ctx: Context, side: str, unit: UnitState) -> Iterator[AirInsertion]:
        heli = ctx.unit_type(unit).category is Category.HELICOPTER

        def ok(u: UnitState) -> bool:
            t = ctx.unit_type(u)
            return t.air_assault if heli else t.airborne

        yield from _carry_candidates(ctx, side, unit, AirInsertion, ok)

    def adjudicate(self, ctx: Context, side: str, order: AirInsertion) -> Adjudication:
        heli = ctx.unit_type(ctx.unit(order.unit)).category is Category.HELICOPTER
        return _carry_adjudication(ctx, side, order, "insertion", "lands" if heli else "drops")


class RebaseMechanism:
    """Aircraft move base (``air.rebase``): airfields for aircraft, any held area for helicopters."""

    def check(self, ctx: Context, side: str, order: Rebase) -> Rejection | None:
        unit = ctx.unit(order.unit)
        why = _spent(ctx, unit)
        if why:
            return why
        if order.to not in ctx.scenario.areas:
            return Rejection("unknown-area", f"there is no area {order.to!r}")
        if order.to == unit.location:
            return Rejection("same-area", f"{ctx.name(unit.id)} is already based there")
        if not _can_base(ctx, side, unit, order.to):
            return Rejection(
                "no-airfield", f"{ctx.name(unit.id)} cannot be based at {ctx.area_name(order.to)} (air.bases)"
            )
        if (
            not in_range(ctx, unit, order.to)
            and ctx.distance(unit.location, order.to) > 2 * ctx.unit_type(unit).range_km
        ):
            return range_rejection(ctx, unit, order.to)
        return None

    def candidates(self, ctx: Context, side: str, unit: UnitState) -> Iterator[Rebase]:
        if unit.id in ctx.state.spent or ctx.is_ground(unit):
            return
        for area in ctx.scenario.areas:
            near = ctx.distance(unit.location, area) <= 2 * ctx.unit_type(unit).range_km
            if area != unit.location and near and _can_base(ctx, side, unit, area):
                yield Rebase(unit.id, area)

    def adjudicate(self, ctx: Context, side: str, order: Rebase) -> Adjudication:
        unit = ctx.unit(order.unit)

        def settle(code: str) -> Settlement:
            lost = tuple(Lost(unit.id, s) for s in sorted(unit.detected_by) if not observes(ctx, s, order.to))
            changes = (UnitMoved(unit.id, order.to, (unit.location, order.to)), UnitSpent(unit.id), *lost)
            return Settlement(changes, f"{ctx.name(unit.id)} rebases to {ctx.area_name(order.to)}.")

        return Adjudication(
            mechanic="rebase", title=f"{ctx.name(unit.id)} rebases", side=side, visible_to=(side,),
            options=(Option("done", "Done", 1.0),), settle=settle, default="done", citations=("air.bases",),
        )  # fmt: skip


def _can_base(ctx: Context, side: str, unit: UnitState, area: str) -> bool:
    if off_limits(ctx, unit, area):
        return False
    if ctx.unit_type(unit).category is Category.HELICOPTER:
        return not ctx.controlled_by_enemy(side, area) and not ctx.known_enemies_in(side, unit.faction, area)
    return ctx.friendly_airfield(side, area)


class IsrMechanism:
    """ISR flights and drones watching an area (``detection.isr``)."""

    def check(self, ctx: Context, side: str, order: Isr) -> Rejection | None:
        unit = ctx.unit(order.unit)
        why = _spent(ctx, unit)
        if why:
            return why
        if order.area not in ctx.scenario.areas:
            return Rejection("unknown-area", f"there is no area {order.area!r}")
        if not in_range(ctx, unit, order.area) and order.area != unit.location:
            return range_rejection(ctx, unit, order.area)
        return None

    def candidates(self, ctx: Context, side: str, unit: UnitState) -> Iterator[Isr]:
        if unit.id in ctx.state.spent:
            return
        for area in ctx.scenario.areas:
            reach = area == unit.location or in_range(ctx, unit, area)
            if reach and not ctx.scenario.areas[area].has(Feature.OFF_MAP):
                yield Isr(unit.id, area)

    def adjudicate(self, ctx: Context, side: str, order: Isr) -> Adjudication:
        unit = ctx.unit(order.unit)
        bonus = ctx.rules.detection.isr + ctx.unit_type(unit).recon

        def settle(code: str) -> Settlement:
            changes = (AreaWatched(side, order.area, bonus), UnitSpent(unit.id))
            return Settlement(
                changes, f"{ctx.name(unit.id)} watches {ctx.area_name(order.area)} this turn (+{bonus} to detect)."
            )

        return Adjudication(
            mechanic="isr", title=f"ISR over {ctx.area_name(order.area)}", side=side, visible_to=(side,),
            options=(Option("done", "Done", 1.0),), settle=settle, default="done", citations=("detection.isr",),
        )  # fmt: skip


AIR_KINDS = (OrderKind.AIR_STRIKE, OrderKind.AIRLIFT, OrderKind.AIR_INSERTION, OrderKind.REBASE, OrderKind.ISR)
