"""Postures and irregular warfare: dig in, melt away and re-form, ambush, IEDs, suicide
attacks, caches; and force generation by training.

Dispersed units avoid battle: they cannot be attacked unless detected, are hard to
detect, and cannot attack or hold ground until they re-form. IEDs either strike a known
enemy where they are laid or wait for the next enemy to enter the area. Suicide attacks
spend the attacking cell. Caches feed irregulars (see :mod:`wargame.core.logistics`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import ClassVar

from wargame.core.adjudication import Adjudication, Rejection, Settlement, dice_options, table_lookup
from wargame.core.combat import MIN_STRENGTH_FRACTION, adjacent_or_here
from wargame.core.conditions import track_change
from wargame.core.context import Context
from wargame.core.enums import Feature, OrderKind, Posture, Status
from wargame.core.events import (
    CacheChanged,
    Detected,
    HazardChanged,
    Lost,
    Modifier,
    Option,
    PostureChanged,
    StatusChanged,
    StrengthChanged,
    TrainingChanged,
)
from wargame.core.orders import Ied, PlaceCache, SuicideAttack, Train
from wargame.core.state import UnitState

_DONE = (Option("done", "Done", 1.0),)


def _simple(mechanic: str, title: str, side: str, changes: tuple, text: str, citation: str,
            visible_to: tuple[str, ...] | None = None) -> Adjudication:  # fmt: skip
    """An adjudication with one certain result."""
    return Adjudication(
        mechanic=mechanic, title=title, side=side, visible_to=visible_to or (side,), options=_DONE,
        settle=lambda code: Settlement(changes, text), default="done", citations=(citation,),
    )  # fmt: skip


class PostureMechanism:
    """Dig in, disperse (melt away), re-form, lie in ambush (``posture.*``)."""

    TARGET: ClassVar[dict[OrderKind, Posture]] = {
        OrderKind.DIG_IN: Posture.DUG_IN,
        OrderKind.DISPERSE: Posture.DISPERSED,
        OrderKind.REFORM: Posture.DEFENDING,
        OrderKind.AMBUSH: Posture.AMBUSH,
    }

    def __init__(self, kind: OrderKind) -> None:
        self.kind = kind
        self.posture = self.TARGET[kind]

    def check(self, ctx: Context, side: str, order) -> Rejection | None:
        unit = ctx.unit(order.unit)
        if not ctx.is_ground(unit):
            return Rejection("not-capable", f"{ctx.name(unit.id)} is not a ground unit")
        if self.kind is OrderKind.REFORM:
            if unit.posture is not Posture.DISPERSED:
                return Rejection("not-dispersed", f"{ctx.name(unit.id)} is not dispersed")
            return None
        if unit.posture is self.posture:
            return Rejection("nothing-to-do", f"{ctx.name(unit.id)} is already {self.posture.label}")
        if self.kind is not OrderKind.DISPERSE and unit.posture is Posture.DISPERSED:
            return Rejection("dispersed", f"{ctx.name(unit.id)} is dispersed: re-form it first")
        return None

    def candidates(self, ctx: Context, side: str, unit: UnitState) -> Iterator:
        from wargame.core.orders import ORDER_CLASSES

        yield ORDER_CLASSES[self.kind](unit.id)

    def adjudicate(self, ctx: Context, side: str, order) -> Adjudication:
        unit = ctx.unit(order.unit)
        changes: list = [PostureChanged(unit.id, self.posture)]
        verb = {
            Posture.DUG_IN: "digs in",
            Posture.DISPERSED: "melts away into small groups",
            Posture.DEFENDING: "gathers again",
            Posture.AMBUSH: "lies in wait",
        }[self.posture]
        visible: tuple[str, ...] = (side,)
        if self.posture is Posture.DISPERSED:
            changes += [Lost(unit.id, s) for s in sorted(unit.detected_by)]
        elif self.posture is Posture.DEFENDING:
            visible = _in_sight(ctx, side, unit)
        text = f"{ctx.name(unit.id)} {verb} at {ctx.area_name(unit.location)}."
        return _simple(f"posture.{self.posture.value}", f"{ctx.name(unit.id)} {verb}", side, tuple(changes), text,
                       f"posture.{self.posture.value}", visible)  # fmt: skip


def _in_sight(ctx: Context, side: str, unit: UnitState) -> tuple[str, ...]:
    """The unit's side and the sides that know where it is."""
    return tuple(sorted({side, *unit.detected_by}))


# -- attacks on garrisons and checkpoints --------------------------------------------------


def _attack_table(
    ctx: Context, target: UnitState, extra: list[Modifier], *, on_the_road: bool = False
) -> tuple[list[Modifier], Callable[[int], str], tuple[Option, ...]]:
    """Modifiers, lookup and options for an IED, mine or suicide attack on ``target``
    (a checkpoint screens a garrison, not a column crossing a minefield on the road)."""
    rules = ctx.rules.attacks
    mods = list(extra)
    if not on_the_road and ctx.scenario.areas[target.location].has(Feature.CHECKPOINT):
        mods.append(Modifier("checkpoint screens the target", rules.checkpoint, "attacks.checkpoint"))
    if target.posture is Posture.DUG_IN:
        mods.append(Modifier("target dug in", rules.dug_in, "attacks.dug_in"))
    lookup_fraction = table_lookup(rules.table)
    lookup = lambda total: f"{float(lookup_fraction(total)):g}"  # noqa: E731
    total_mod = int(sum(m.value for m in mods))
    titles = [
        (f"{f:g}", "No effect" if f <= 0 else f"{f:.0%} of the target lost") for f in sorted(set(rules.table.values()))
    ]
    return mods, lookup, dice_options(rules.dice, total_mod, lookup, titles)


def _strike_changes(ctx: Context, attacker_side: str, target: UnitState, fraction: float) -> tuple[list, str]:
    changes: list = []
    lost = round(target.strength * fraction)
    text = "no effect"
    if lost:
        remaining = target.strength - lost
        if remaining < max(1, target.start_strength * MIN_STRENGTH_FRACTION):
            changes += [StrengthChanged(target.id, 0, target.strength), StatusChanged(target.id, Status.DESTROYED)]
            text = f"{ctx.name(target.id)} is destroyed"
        else:
            changes.append(StrengthChanged(target.id, remaining, lost))
            text = f"{ctx.name(target.id)} loses {lost}"
    rules = ctx.rules.attacks
    track = rules.political_track or ctx.scenario.political_track  # the rule's own track first, as for strikes
    populated = ctx.scenario.areas[target.location].has(Feature.POPULATION)
    if lost and populated and fraction >= rules.political_threshold and track in ctx.scenario.tracks_by_id:
        changes.append(track_change(ctx, track, -1))
        text += f"; {ctx.scenario.tracks_by_id[track].title} -1"
    return changes, text


def _known_target(ctx: Context, side: str, attacker: UnitState, target_id: str) -> UnitState | None:
    target = ctx.state.units.get(target_id)
    if target is None or not target.active or side not in target.detected_by or not ctx.hostile(attacker, target):
        return None
    return target if ctx.is_ground(target) else None  # aircraft are not targets for bombers on the ground


class IedMechanism:
    """IEDs (``attacks.ied``): strike a known enemy in the area, or wait for the next one."""

    def check(self, ctx: Context, side: str, order: Ied) -> Rejection | None:
        unit = ctx.unit(order.unit)
        if order.area not in ctx.scenario.areas:
            return Rejection("unknown-area", f"there is no area {order.area!r}")
        why = adjacent_or_here(ctx, unit, order.area)
        return Rejection("not-adjacent", why + " (attacks.reach)") if why else None

    def candidates(self, ctx: Context, side: str, unit: UnitState) -> Iterator[Ied]:
        for area in [unit.location, *ctx.neighbours(unit.location)]:
            yield Ied(unit.id, area)

    def adjudicate(self, ctx: Context, side: str, order: Ied) -> Adjudication:
        unit = ctx.unit(order.unit)
        targets = [t for t in ctx.known_enemies_in(side, unit.faction, order.area) if ctx.is_ground(t)]
        if not targets:
            hazard = f"H-{ctx.state.next_id}"
            change = HazardChanged(hazard, order.area, unit.faction, side, True)
            text = f"{ctx.name(unit.id)} lays an IED at {ctx.area_name(order.area)}; it waits for the next enemy."
            return _simple("ied", f"IED laid at {ctx.area_name(order.area)}", side, (change,), text, "attacks.ied")
        target = _checkpoint_first(ctx, targets)
        return _attack_adjudication(ctx, side, unit, target, "ied", f"IED against {ctx.name(target.id)}", [])


def _checkpoint_first(ctx: Context, targets: list[UnitState]) -> UnitState:
    """Garrisons at checkpoints are the usual targets; then the largest."""
    return sorted(
        targets,
        key=lambda u: (not ctx.scenario.areas[u.location].has(Feature.CHECKPOINT), -u.strength, u.id),
    )[0]


def _attack_adjudication(ctx: Context, side: str, attacker: UnitState, target: UnitState, mechanic: str,
                         title: str, extra: list[Modifier], *, expend: bool = False) -> Adjudication:  # fmt: skip
    mods, lookup, options = _attack_table(ctx, target, extra)

    def settle(code: str) -> Settlement:
        changes, text = _strike_changes(ctx, side, target, float(code))
        changes.append(Detected(attacker.id, target.side, ctx.turn))  # striking gives the attacker away
        if expend:
            changes += [
                StrengthChanged(attacker.id, 0, attacker.strength),
                StatusChanged(attacker.id, Status.WITHDRAWN),
            ]
            text += f"; {ctx.name(attacker.id)} is spent"
        return Settlement(tuple(changes), f"{title} at {ctx.area_name(target.location)}: {text}.")

    return Adjudication(
        mechanic=mechanic,
        title=title,
        side=side,
        visible_to=tuple(sorted({side, target.side})),
        options=options,
        settle=settle,
        dice=ctx.rules.attacks.dice,
        purpose=title,
        die_modifiers=tuple(mods),
        lookup=lookup,
        citations=tuple(dict.fromkeys([f"attacks.{mechanic}", "attacks.table", *(m.rule for m in mods)])),
    )


class SuicideMechanism:
    """Suicide attacks by motorbike, car or truck on garrisons and checkpoints (``attacks.suicide``)."""

    def check(self, ctx: Context, side: str, order: SuicideAttack) -> Rejection | None:
        unit = ctx.unit(order.unit)
        target = _known_target(ctx, side, unit, order.target)
        if target is None:
            return Rejection("no-target", f"no known enemy unit {order.target!r} to attack (attacks.target)")
        why = adjacent_or_here(ctx, unit, target.location)
        return Rejection("not-adjacent", why + " (attacks.reach)") if why else None

    def candidates(self, ctx: Context, side: str, unit: UnitState) -> Iterator[SuicideAttack]:
        for area in [unit.location, *ctx.neighbours(unit.location)]:
            for target in ctx.known_enemies_in(side, unit.faction, area):
                if not ctx.is_ground(target):
                    continue
                yield SuicideAttack(unit.id, target.id)

    def adjudicate(self, ctx: Context, side: str, order: SuicideAttack) -> Adjudication:
        unit, target = ctx.unit(order.unit), ctx.unit(order.target)
        return _attack_adjudication(
            ctx, side, unit, target, "suicide_attack", f"Suicide attack on {ctx.name(target.id)}", [], expend=True
        )


def ied_adjudication(ctx: Context, unit_id: str, area: str) -> Adjudication | None:
    """An IED waiting in ``area`` goes off under ``unit_id`` as it enters (key ``ied:<unit>:<area>``)."""
    victim = ctx.unit(unit_id)
    hazards = [h for h in ctx.hazards_against(victim) if h.area == area]
    if not victim.active or not hazards:
        return None
    hazard = hazards[0]
    mods, lookup, options = _attack_table(ctx, victim, [])

    def settle(code: str) -> Settlement:
        changes, text = _strike_changes(ctx, hazard.side, victim, float(code))
        changes.append(HazardChanged(hazard.id, hazard.area, hazard.faction, hazard.side, False))
        return Settlement(
            tuple(changes), f"An IED goes off under {ctx.name(victim.id)} at {ctx.area_name(area)}: {text}."
        )

    return Adjudication(
        mechanic="ied", title=f"IED at {ctx.area_name(area)}", side=hazard.side,
        visible_to=tuple(sorted({hazard.side, victim.side})), options=options, settle=settle,
        dice=ctx.rules.attacks.dice, purpose=f"IED under {ctx.name(victim.id)}", die_modifiers=tuple(mods),
        lookup=lookup, citations=("attacks.ied", "attacks.table"),
    )  # fmt: skip


def mine_adjudication(ctx: Context, unit_id: str, route_key: str) -> Adjudication | None:
    """A unit crossing a mined route risks losses (key ``mine:<unit>:<route>``)."""
    victim = ctx.unit(unit_id)
    if not victim.active:
        return None
    route = ctx.scenario.routes[route_key]
    mods, lookup, options = _attack_table(ctx, victim, [], on_the_road=True)
    layer = ctx.state.route_blockers.get(route_key, "")

    def settle(code: str) -> Settlement:
        changes, text = _strike_changes(ctx, layer, victim, float(code))
        return Settlement(tuple(changes), f"{ctx.name(victim.id)} crosses mined {route.name or route.key}: {text}.")

    return Adjudication(
        mechanic="mines", title=f"Mines on {route.name or route.key}", side=victim.side, visible_to=(victim.side,),
        options=options, settle=settle, dice=ctx.rules.attacks.dice, purpose=f"mines under {ctx.name(victim.id)}",
        die_modifiers=tuple(mods), lookup=lookup, citations=("crossings.mined", "attacks.table"),
    )  # fmt: skip


# -- caches and training -------------------------------------------------------------------


class CacheMechanism:
    """Irregulars lay supply caches (``supply.caches``)."""

    def check(self, ctx: Context, side: str, order: PlaceCache) -> Rejection | None:
        unit = ctx.unit(order.unit)
        if any(c.area == unit.location and c.faction == unit.faction for c in ctx.state.caches.values()):
            return Rejection("cache-exists", f"{ctx.area_name(unit.location)} already has a cache of yours")
        if ctx.enemies_in(unit, unit.location) and ctx.known_enemies_in(side, unit.faction, unit.location):
            return Rejection("enemy-present", "caches cannot be laid under the enemy's eyes")
        return None

    def candidates(self, ctx: Context, side: str, unit: UnitState) -> Iterator[PlaceCache]:
        yield PlaceCache(unit.id)

    def adjudicate(self, ctx: Context, side: str, order: PlaceCache) -> Adjudication:
        unit = ctx.unit(order.unit)
        cache = f"C-{ctx.state.next_id}"
        stock = ctx.rules.supply.cache_stock
        change = CacheChanged(cache, unit.location, unit.faction, stock)
        text = f"{ctx.name(unit.id)} lays a cache of {stock} supply points at {ctx.area_name(unit.location)}."
        return _simple("cache", f"Cache at {ctx.area_name(unit.location)}", side, (change,), text, "supply.caches")


class TrainMechanism:
    """Force generation: units in training at a training camp (``training.rate``)."""

    def check(self, ctx: Context, side: str, order: Train) -> Rejection | None:
        unit = ctx.unit(order.unit)
        if unit.training_days <= 0:
            return Rejection("trained", f"{ctx.name(unit.id)} needs no more training")
        if not ctx.scenario.areas[unit.location].has(Feature.TRAINING_CAMP):
            return Rejection("no-camp", f"{ctx.area_name(unit.location)} has no training camp (training.camp)")
        return None

    def candidates(self, ctx: Context, side: str, unit: UnitState) -> Iterator[Train]:
        yield Train(unit.id)

    def adjudicate(self, ctx: Context, side: str, order: Train) -> Adjudication:
        unit = ctx.unit(order.unit)
        done = round(ctx.turn_days * ctx.rules.training.days_per_day)
        left = max(0, unit.training_days - done)
        text = f"{ctx.name(unit.id)} trains for {done} days; " + (
            "it is ready to fight." if left == 0 else f"{left} days to go."
        )
        return _simple(
            "training", f"{ctx.name(unit.id)} trains", side, (TrainingChanged(unit.id, left),), text, "training.rate"
        )
