"""Evaluating conditions, and turning authored effects into state changes.

Conditions (``controls``, ``track_at_least``...) gate injects, reinforcements and
objectives; effects (``arrive``, ``relation``, ``track``...) are what injects and
arguments do. Both are written in scenario YAML; see :mod:`wargame.core.scenario`.
"""

from __future__ import annotations

from wargame.core.context import Context
from wargame.core.enums import Category, Status
from wargame.core.events import (
    CacheChanged,
    ControlChanged,
    FactionChanged,
    GateChanged,
    RelationChanged,
    RouteChanged,
    StatusChanged,
    TrackChanged,
)
from wargame.core.scenario import (
    AddCache,
    AllOf,
    AnyOf,
    Arrive,
    ChangeFaction,
    Condition,
    Controls,
    DateReached,
    Effect,
    EscapedAtLeast,
    GateOpen,
    InjectFired,
    MoveTrack,
    Not,
    RouteIs,
    SetControl,
    SetCrossing,
    SetGate,
    SetRelation,
    StrengthBelow,
    TrackAtLeast,
    TrackAtMost,
    TurnReached,
    UnitIn,
    UnitIs,
    Withdraw,
)


def holds(ctx: Context, condition: Condition) -> bool:
    """Whether a condition is true in the context's state."""
    state = ctx.state
    match condition:
        case Controls(area=area, side=side):
            return state.control.get(area) == side
        case UnitIs(unit=unit, status=status):
            return unit in state.units and state.units[unit].status is status
        case UnitIn(unit=unit, area=area):
            return unit in state.units and state.units[unit].active and state.units[unit].location == area
        case RouteIs(route=route, state=route_state):
            return state.routes.get(route) is route_state
        case StrengthBelow(side=side, fraction=fraction):
            start = state.start_strength.get(side, 0)
            now = sum(
                u.strength
                for u in state.units.values()
                if u.side == side and u.active and ctx.unit_type(u).category is Category.GROUND
            )
            return start > 0 and now < fraction * start
        case EscapedAtLeast(side=side, strength=strength):
            return state.escaped.get(side, 0) >= strength
        case TrackAtLeast(track=track, value=value):
            return state.tracks.get(track, 0) >= value
        case TrackAtMost(track=track, value=value):
            return state.tracks.get(track, 0) <= value
        case GateOpen(gate=gate):
            return state.gates.get(gate, False)
        case InjectFired(inject=inject):
            return inject in state.fired
        case DateReached(date=date):
            return ctx.scenario.turn_end(max(state.turn, 1)) >= date
        case TurnReached(turn=turn):
            return state.turn >= turn
        case AllOf(conditions=conditions):
            return all(holds(ctx, c) for c in conditions)
        case AnyOf(conditions=conditions):
            return any(holds(ctx, c) for c in conditions)
        case Not(condition=inner):
            return not holds(ctx, inner)
    raise TypeError(f"unknown condition {condition!r}")


def describe(ctx: Context, condition: Condition) -> str:
    """A condition in words."""
    match condition:
        case Controls(area=area, side=side):
            return f"{_side(ctx, side)} holds {ctx.area_name(area)}"
        case UnitIs(unit=unit, status=status):
            return f"{ctx.name(unit)} is {status.label}"
        case UnitIn(unit=unit, area=area):
            return f"{ctx.name(unit)} is in {ctx.area_name(area)}"
        case RouteIs(route=route, state=route_state):
            return f"{ctx.scenario.routes[route].name or route} is {route_state.label}"
        case StrengthBelow(side=side, fraction=fraction):
            return f"{_side(ctx, side)} ground strength below {fraction:.0%} of its start"
        case EscapedAtLeast(side=side, strength=strength):
            return f"at least {strength} of {_side(ctx, side)} escaped across the border"
        case TrackAtLeast(track=track, value=value):
            return f"{_track(ctx, track)} at {value} or more"
        case TrackAtMost(track=track, value=value):
            return f"{_track(ctx, track)} at {value} or less"
        case GateOpen(gate=gate):
            return f"{_gate(ctx, gate)} granted"
        case InjectFired(inject=inject):
            item = ctx.scenario.injects_by_id.get(inject)
            return f"“{item.title if item else inject}” has happened"
        case DateReached(date=date):
            return f"from {date:%d %b %Y}"
        case TurnReached(turn=turn):
            return f"from turn {turn}"
        case AllOf(conditions=conditions):
            return " and ".join(describe(ctx, c) for c in conditions)
        case AnyOf(conditions=conditions):
            return " or ".join(describe(ctx, c) for c in conditions)
        case Not(condition=inner):
            return f"not ({describe(ctx, inner)})"
    return repr(condition)


def _side(ctx: Context, side: str) -> str:
    return ctx.scenario.sides[side].name if side in ctx.scenario.sides else side


def _track(ctx: Context, track: str) -> str:
    item = ctx.scenario.tracks_by_id.get(track)
    return item.title if item else track


def _gate(ctx: Context, gate: str) -> str:
    for g in ctx.scenario.gates:
        if g.id == gate:
            return g.title
    return gate


def effect_changes(ctx: Context, effect: Effect) -> tuple[list, str]:
    """The state changes an authored effect makes now, and a phrase describing them."""
    state = ctx.state
    match effect:
        case Arrive(units=units, at=at):
            changes = []
            for unit_id in units:
                unit = state.units[unit_id]
                if unit.status is Status.PENDING:
                    where = at or _arrival_area(ctx, unit_id)
                    changes.append(StatusChanged(unit_id, Status.ACTIVE, where))
            return changes, "arrive: " + ", ".join(ctx.name(u) for u in units)
        case Withdraw(units=units):
            changes = [
                StatusChanged(u, Status.WITHDRAWN)
                for u in units
                if state.units[u].status in (Status.ACTIVE, Status.PENDING)  # the destroyed stay destroyed
            ]
            return changes, "withdrawn: " + ", ".join(ctx.name(u) for u in units)
        case SetRelation(factions=(a, b), stance=stance):
            return [
                RelationChanged((a, b), stance)
            ], f"{_faction(ctx, a)} and {_faction(ctx, b)} are now {stance.label}"
        case ChangeFaction(units=units, faction=faction):
            side = ctx.scenario.side_of_faction[faction]
            changes = [FactionChanged(u, faction, side) for u in units]
            return changes, f"{', '.join(ctx.name(u) for u in units)} now with {_faction(ctx, faction)}"
        case MoveTrack(track=track, delta=delta):
            return [track_change(ctx, track, delta)], f"{_track(ctx, track)} {delta:+d}"
        case SetGate(gate=gate, open=is_open):
            return [GateChanged(gate, is_open)], f"{_gate(ctx, gate)} {'granted' if is_open else 'withdrawn'}"
        case SetCrossing(route=route, state=route_state):
            return [RouteChanged(route, route_state)], f"{ctx.scenario.routes[route].name or route} {route_state.label}"
        case SetControl(area=area, side=side):
            return [ControlChanged(area, side)], f"{_side(ctx, side)} holds {ctx.area_name(area)}"
        case AddCache(area=area, faction=faction, stock=stock):
            cache_id = f"C-{area}-{faction}-{state.turn}"
            return [
                CacheChanged(cache_id, area, faction, stock)
            ], f"a cache for {_faction(ctx, faction)} at {ctx.area_name(area)}"
    raise TypeError(f"unknown effect {effect!r}")


def track_change(ctx: Context, track_id: str, delta: int) -> TrackChanged:
    """A track moved by ``delta``, kept within its bounds."""
    track = ctx.scenario.tracks_by_id[track_id]
    value = min(max(ctx.state.tracks.get(track_id, track.start) + delta, track.min), track.max)
    return TrackChanged(track_id, value, delta)


def _faction(ctx: Context, faction: str) -> str:
    item = ctx.scenario.factions.get(faction)
    return item.name if item else faction


def _arrival_area(ctx: Context, unit_id: str) -> str:
    definition = ctx.scenario.units[unit_id]
    if definition.arrives is not None and definition.arrives.at:
        return definition.arrives.at
    return definition.at
