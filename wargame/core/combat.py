"""Ground combat: attacks, ambushes and raids on one combat results table.

Combat value = strength / 100 x the unit type's attack or defence x quality x posture
x supply, and for defenders x terrain. Air and helicopter support adds aircraft x
attack x quality. The odds (attack : defence) pick a column; river crossings, surprise,
ambushes and raids shift it; the dice pick the row. Results are fractions of strength
lost by each side and what happens to the defender.

Attackers strike from their own area or a neighbouring one (``combat.reach``), and an
attack costs no travel time: winners that clear the area advance into it the same turn,
whatever the road between. (A simplification: a white cell that wants a long approach to
cost time can have the column move first and attack the next turn.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from wargame.core.adjudication import Adjudication, Rejection, Settlement, dice_options
from wargame.core.context import Context
from wargame.core.enums import Category, OrderKind, Outcome, Posture, Status
from wargame.core.events import (
    ControlChanged,
    Detected,
    Lost,
    Modifier,
    Option,
    PostureChanged,
    StatusChanged,
    StrengthChanged,
    SupplyChanged,
    UnitMoved,
    UnitSpent,
)
from wargame.core.movement import closed_to, entry_days, retreat_area
from wargame.core.orders import Attack, Raid
from wargame.core.state import UnitState

MIN_STRENGTH_FRACTION = 0.05
"""A unit reduced below this fraction of its starting strength is destroyed."""


def attack_value(ctx: Context, unit: UnitState, mods: list[Modifier]) -> float:
    """Combat value of an attacking unit (ground or air support)."""
    t = ctx.unit_type(unit)
    value = t.attack * ctx.quality(unit)
    value *= unit.strength if t.category is not Category.GROUND else unit.strength / 100
    value *= ctx.rules.posture(Posture.ATTACKING).attack
    if unit.supply <= 0 and t.category is Category.GROUND:
        value *= ctx.rules.combat.out_of_supply
        mods.append(Modifier.times(f"{ctx.name(unit.id)} out of supply", ctx.rules.combat.out_of_supply, "supply.out"))
    return value


def defence_value(ctx: Context, unit: UnitState, area: str, mods: list[Modifier], *, terrain: bool = True) -> float:
    """Combat value of a defending unit, with its posture and (optionally) the terrain."""
    t = ctx.unit_type(unit)
    value = t.defence * ctx.quality(unit) * unit.strength / 100
    posture = ctx.rules.posture(unit.posture)
    if posture.defence != 1.0:
        mods.append(
            Modifier.times(
                f"{ctx.name(unit.id)} {unit.posture.label}", posture.defence, f"posture.{unit.posture.value}"
            )
        )
    value *= posture.defence
    if unit.supply <= 0:
        value *= ctx.rules.combat.out_of_supply
        mods.append(Modifier.times(f"{ctx.name(unit.id)} out of supply", ctx.rules.combat.out_of_supply, "supply.out"))
    if terrain:
        terrain_id = ctx.scenario.areas[area].terrain
        value *= ctx.rules.terrain[terrain_id].defence
    return value


def column_for(ctx: Context, odds: float) -> int:
    """Index of the table column for these odds (the lowest column below its start)."""
    columns = ctx.rules.combat.columns
    index = 0
    for i, start in enumerate(columns):
        if odds + 1e-9 >= start:
            index = i
    return index


def result_titles(ctx: Context) -> list[tuple[str, str]]:
    return [(code, r.title) for code, r in ctx.rules.combat.results.items()]


def _dedupe(mods: list[Modifier]) -> tuple[Modifier, ...]:
    return tuple(dict.fromkeys(mods))


class Battle:
    """Everything computed about a fight before the dice: powers, column, shifts."""

    def __init__(
        self,
        ctx: Context,
        kind: str,
        attackers: list[UnitState],
        defenders: list[UnitState],
        area: str,
        support: list[UnitState] = (),  # type: ignore[assignment]
        shifts: list[Modifier] = (),  # type: ignore[assignment]
        defender_terrain: bool = True,
    ) -> None:
        self.ctx, self.kind, self.area = ctx, kind, area
        self.attackers, self.defenders, self.support = attackers, defenders, list(support)
        rules = ctx.rules.combat
        self.modifiers: list[Modifier] = []
        self.citations = ["combat.values", "combat.table"]
        self.attack = sum(attack_value(ctx, u, self.modifiers) for u in attackers + self.support)
        if self.support:
            self.citations.append("combat.air_support")
        self.defence = (
            sum(defence_value(ctx, u, area, self.modifiers, terrain=defender_terrain) for u in defenders) or 0.01
        )
        terrain_id = ctx.scenario.areas[area].terrain
        terrain = ctx.rules.terrain[terrain_id]
        if defender_terrain and terrain.defence != 1.0:
            self.modifiers.append(
                Modifier.times(f"terrain {terrain.name.lower()}", terrain.defence, f"terrain.{terrain_id}")
            )
            self.citations.append(f"terrain.{terrain_id}")
        for m in self.modifiers:
            if m.rule and m.rule not in self.citations:
                self.citations.append(m.rule)
        self.odds = self.attack / self.defence
        self.base_column = column_for(ctx, self.odds)
        self.shifts = list(shifts)
        for shift in self.shifts:
            self.citations.append(shift.rule)
        shift_total = int(sum(s.value for s in self.shifts))
        self.column = min(max(self.base_column + shift_total, 0), len(rules.columns) - 1)
        table = rules.table
        self.lookup: Callable[[int], str] = lambda total: table[min(max(total, min(table)), max(table))][self.column]

    @property
    def column_label(self) -> str:
        return self.ctx.rules.combat.column_labels()[self.column]

    def describe_odds(self) -> str:
        labels = self.ctx.rules.combat.column_labels()
        text = f"{self.attack:.0f} against {self.defence:.0f} ({self.odds:.2f}:1) reads {labels[self.base_column]}"
        if self.column != self.base_column:
            shifts = ", ".join(str(s) for s in self.shifts)
            text += f", shifted to {labels[self.column]} ({shifts})"
        return text

    def options(self) -> tuple[Option, ...]:
        return dice_options(self.ctx.rules.combat.dice, 0, self.lookup, result_titles(self.ctx))


def losses(ctx: Context, units: list[UnitState], fraction: float) -> tuple[list, list[str], int]:
    """Strength lost by each unit; destroys units worn below the minimum.

    Returns (changes, ids destroyed, total lost).
    """
    changes: list = []
    destroyed: list[str] = []
    total = 0
    for unit in units:
        lost = round(unit.strength * fraction)
        if fraction > 0 and lost == 0 and unit.strength > 0:
            lost = 1
        if lost <= 0:
            continue
        remaining = unit.strength - lost
        total += lost
        if remaining < max(1, unit.start_strength * MIN_STRENGTH_FRACTION):
            changes.append(StrengthChanged(unit.id, 0, unit.strength))
            changes.append(StatusChanged(unit.id, Status.DESTROYED))
            destroyed.append(unit.id)
        else:
            changes.append(StrengthChanged(unit.id, remaining, lost))
    return changes, destroyed, total


def fight(ctx: Context, battle: Battle, code: str, *, advance: bool, raid: bool = False) -> Settlement:
    """Apply a combat result: losses, retreats, dispersal, advance and control."""
    result = ctx.rules.combat.results[code]
    attackers, defenders, area = battle.attackers, battle.defenders, battle.area
    changes: list = []
    a_fraction, d_fraction = _capped(ctx, battle, result.attacker_loss, result.defender_loss)
    a_changes, a_dead, a_lost = losses(ctx, attackers, a_fraction)
    d_changes, d_dead, d_lost = losses(ctx, defenders, d_fraction)
    changes += a_changes + d_changes
    attacker_side = attackers[0].side if attackers else ""
    for u in attackers:
        if u.id not in a_dead:
            changes.append(PostureChanged(u.id, Posture.ATTACKING))
        for d in defenders:
            changes.append(Detected(u.id, d.side, ctx.turn))
    for d in defenders:
        changes.append(Detected(d.id, attacker_side, ctx.turn))
    for s in battle.support:
        changes.append(UnitSpent(s.id))
    outcome = Outcome.HOLDS if raid and result.outcome is not Outcome.REPULSED else result.outcome
    follow_ups: list[str] = []
    story: list[str] = []
    defenders_left = [d for d in defenders if d.id not in d_dead]
    if outcome is Outcome.REPULSED:
        for u in attackers:
            if u.id in a_dead or u.location != area:
                continue
            fallback = retreat_area(ctx, u)
            if fallback:
                changes.append(UnitMoved(u.id, fallback, (area, fallback)))
                story.append(f"{ctx.name(u.id)} falls back to {ctx.area_name(fallback)}")
    elif outcome in (Outcome.RETREATS, Outcome.BREAKS, Outcome.SHATTERED):
        origin = next((u.location for u in attackers if u.location != area), "")
        for d in defenders_left:
            changes += _defender_gives_way(ctx, d, outcome, origin, attacker_side, story)
        defenders_left = []
    if advance and not defenders_left and outcome is not Outcome.REPULSED:
        movers = [
            u
            for u in attackers
            if u.id not in a_dead and u.location != area and ctx.unit_type(u).category is Category.GROUND
        ]
        for u in movers:
            changes.append(UnitMoved(u.id, area, (u.location, area)))
        follow_ups += [f"ied:{u.id}:{area}" for u in movers[:1] if _hazard_waits(ctx, u, area)]
        holding = movers or any(u.location == area for u in attackers if u.id not in a_dead)
        if holding and ctx.state.control.get(area) != attacker_side:
            changes.append(ControlChanged(area, attacker_side))
            story.append(f"{ctx.scenario.sides[attacker_side].name} takes {ctx.area_name(area)}")
    lost = f"attackers lose {a_lost}, defenders lose {d_lost}"
    dead = [ctx.name(u) for u in a_dead + d_dead]
    text = f"{result.title} ({code}): {lost}"
    if dead:
        text += f"; destroyed: {', '.join(dead)}"
    if story:
        text += "; " + "; ".join(story)
    return Settlement(tuple(changes), text + ".", tuple(follow_ups))


AIRCRAFT_AS_PERSONNEL = 50
"""How many personnel a supporting aircraft counts as, for the cap on losses (``combat.max_loss_ratio``)."""


def _capped(ctx: Context, battle: Battle, attacker_loss: float, defender_loss: float) -> tuple[float, float]:
    """Loss fractions, capped so that no side loses more than ``max_loss_ratio`` times the other's personnel."""
    ratio = ctx.rules.combat.max_loss_ratio
    attacking = sum(u.strength for u in battle.attackers) + AIRCRAFT_AS_PERSONNEL * sum(
        u.strength for u in battle.support
    )
    defending = sum(u.strength for u in battle.defenders)
    if defending and defender_loss * defending > ratio * attacking:
        defender_loss = ratio * attacking / defending
    if attacking and attacker_loss * sum(u.strength for u in battle.attackers) > ratio * defending:
        attacker_loss = ratio * defending / max(sum(u.strength for u in battle.attackers), 1)
    return attacker_loss, defender_loss


def _hazard_waits(ctx: Context, unit: UnitState, area: str) -> bool:
    """An IED of the unit's enemies lies in the area it enters."""
    return any(h.area == area for h in ctx.hazards_against(unit))


def _defender_gives_way(
    ctx: Context, unit: UnitState, outcome: Outcome, origin: str, attacker_side: str, story: list[str]
) -> list:
    """A beaten defender melts away (irregulars) or retreats (others), or is destroyed."""
    changes: list = []
    if ctx.unit_type(unit).irregular:
        changes.append(PostureChanged(unit.id, Posture.DISPERSED))
        changes.append(Lost(unit.id, attacker_side))
        story.append(f"{ctx.name(unit.id)} melts away")
        return changes
    fallback = retreat_area(ctx, unit, avoid=origin)
    if fallback is None:
        changes.append(StrengthChanged(unit.id, 0, unit.strength))
        changes.append(StatusChanged(unit.id, Status.DESTROYED))
        story.append(f"{ctx.name(unit.id)} is cut off and destroyed")
        return changes
    changes.append(UnitMoved(unit.id, fallback, (unit.location, fallback)))
    changes.append(PostureChanged(unit.id, Posture.MOVING))
    if outcome in (Outcome.BREAKS, Outcome.SHATTERED):
        changes.append(SupplyChanged(unit.id, 0))
    broken = "breaks and " if outcome is not Outcome.RETREATS else ""
    story.append(f"{ctx.name(unit.id)} {broken}retreats to {ctx.area_name(fallback)}")
    return changes


def adjacent_or_here(ctx: Context, unit: UnitState, area: str) -> str:
    """'' if the unit can fight into ``area`` (in it, or one usable route away); else why not."""
    if unit.location == area:
        return ""
    for route in ctx.scenario.routes_from.get(unit.location, ()):
        if route.other_end(unit.location) != area:
            continue
        if closed_to(ctx, unit, route) == "destroyed":  # a blockade is there to be attacked
            continue
        if entry_days(ctx, unit, route, area) != float("inf"):
            return ""
    return f"{ctx.name(unit.id)} is not in or next to {ctx.area_name(area)} by a route it can use"


def crossing_shift(ctx: Context, attackers: list[UnitState], area: str) -> list[Modifier]:
    """A column shift when every attacker from outside comes over a river crossing."""
    outside = [u for u in attackers if u.location != area]
    if not outside:
        return []
    for unit in outside:
        routes = [r for r in ctx.scenario.routes_from.get(unit.location, ()) if r.other_end(unit.location) == area]
        if not routes or not all(r.kind.is_crossing for r in routes):
            return []
    return [
        Modifier.shift(
            "attacking over a river crossing", ctx.rules.combat.river_crossing_shift, "combat.river_crossing"
        )
    ]


def surprise_shift(ctx: Context, attackers: list[UnitState], defenders: list[UnitState]) -> list[Modifier]:
    """A column shift when the defending side had detected none of the attackers."""
    if not defenders:
        return []
    defending_side = defenders[0].side
    if any(defending_side in u.detected_by for u in attackers):
        return []
    return [Modifier.shift("surprise", ctx.rules.combat.surprise_shift, "combat.surprise")]


def in_range(ctx: Context, unit: UnitState, area: str) -> bool:
    return ctx.distance(unit.location, area) <= ctx.unit_type(unit).range_km + 1e-6


class AttackMechanism:
    """Deliberate attacks (``combat.*``)."""

    def check(self, ctx: Context, side: str, order: Attack) -> Rejection | None:
        if order.area not in ctx.scenario.areas:
            return Rejection("unknown-area", f"there is no area {order.area!r}")
        if not order.units:
            return Rejection("no-units", "an attack needs at least one ground unit")
        if len(set(order.units + order.support)) != len(order.units + order.support):
            return Rejection("duplicate-unit", "a unit is named twice in the attack")
        first = ctx.unit(order.units[0])
        for unit_id in order.units:
            unit = ctx.unit(unit_id)
            if not ctx.is_ground(unit):
                return Rejection("not-capable", f"{ctx.name(unit_id)} flies: list it as support")
            if unit.posture is Posture.DISPERSED:
                return Rejection("dispersed", f"{ctx.name(unit_id)} is dispersed: reform it before it can attack")
            why = adjacent_or_here(ctx, unit, order.area)
            if why:
                return Rejection("not-adjacent", why + " (combat.reach)")
        for unit_id in order.support:
            unit = ctx.unit(unit_id)
            if ctx.is_ground(unit):
                return Rejection("not-capable", f"{ctx.name(unit_id)} is a ground unit: list it as an attacker")
            if unit_id in ctx.state.spent:
                return Rejection("spent", f"{ctx.name(unit_id)} has flown its sortie this turn")
            if not in_range(ctx, unit, order.area):
                return Rejection(
                    "out-of-range",
                    f"{ctx.area_name(order.area)} is {ctx.distance(unit.location, order.area):.0f} km from "
                    f"{ctx.name(unit_id)}'s base; its range is {ctx.unit_type(unit).range_km:.0f} km (air.range)",
                )
        if not ctx.known_enemies_in(side, first.faction, order.area):
            return Rejection("no-target", f"no known enemy in {ctx.area_name(order.area)} (combat.target)")
        return None

    def candidates(self, ctx: Context, side: str, unit: UnitState) -> Iterator[Attack]:
        if not ctx.is_ground(unit) or unit.posture is Posture.DISPERSED:
            return
        for area in [unit.location, *ctx.neighbours(unit.location)]:
            if ctx.known_enemies_in(side, unit.faction, area):
                yield Attack((unit.id,), area)

    def adjudicate(self, ctx: Context, side: str, order: Attack) -> Adjudication:
        attackers = [ctx.unit(u) for u in order.units if ctx.unit(u).active]
        support = [ctx.unit(u) for u in order.support if ctx.unit(u).active]
        defenders = _defenders(ctx, attackers, order.area)
        return battle_adjudication(
            ctx, side, "combat", f"Attack on {ctx.area_name(order.area)}", attackers, defenders, order.area,
            support=support, extra_shifts=crossing_shift(ctx, attackers, order.area), advance=True,
        )  # fmt: skip


def _defenders(ctx: Context, attackers: list[UnitState], area: str) -> list[UnitState]:
    """Units in the area hostile to any attacker: formed ones, and dispersed ones the attacking
    side has found (dispersed fighters no one has found slip away)."""
    if not attackers:
        return []
    side = attackers[0].side
    return [
        u
        for u in ctx.units_in(area)
        if ctx.is_ground(u)  # aircraft and helicopters at a base are not in the ground fight
        and (u.posture is not Posture.DISPERSED or side in u.detected_by)
        and any(ctx.hostile(a, u) for a in attackers)
    ]


def battle_adjudication(
    ctx: Context,
    side: str,
    mechanic: str,
    title: str,
    attackers: list[UnitState],
    defenders: list[UnitState],
    area: str,
    *,
    support: list[UnitState] = (),  # type: ignore[assignment]
    extra_shifts: list[Modifier] = (),  # type: ignore[assignment]
    advance: bool,
    raid: bool = False,
    defender_terrain: bool = True,
) -> Adjudication:
    """The adjudication of a fight (attack, ambush, raid) on the combat results table."""
    sides = tuple(sorted({side, *(d.side for d in defenders)}))
    if not defenders or not attackers:

        def settle_empty(code: str) -> Settlement:
            changes: list = []
            if advance and attackers:
                for u in attackers:
                    if u.location != area:
                        changes.append(UnitMoved(u.id, area, (u.location, area)))
                if ctx.state.control.get(area) != side:
                    changes.append(ControlChanged(area, side))
            return Settlement(
                tuple(changes), f"No one stands to fight in {ctx.area_name(area)}: the enemy has melted away or gone."
            )

        return Adjudication(
            mechanic=mechanic, title=title, side=side, visible_to=sides,
            options=(Option("empty", "No battle", 1.0),), settle=settle_empty, default="empty",
            citations=("combat.target",),
        )  # fmt: skip
    shifts = list(extra_shifts) + surprise_shift(ctx, attackers, defenders)
    battle = Battle(ctx, mechanic, attackers, defenders, area, support, shifts, defender_terrain)

    def settle(code: str) -> Settlement:
        fought = fight(ctx, battle, code, advance=advance, raid=raid)
        return Settlement(fought.changes, f"{title}: {battle.describe_odds()}. {fought.explanation}", fought.follow_ups)

    return Adjudication(
        mechanic=mechanic,
        title=title,
        side=side,
        visible_to=sides,
        options=battle.options(),
        settle=settle,
        dice=ctx.rules.combat.dice,
        purpose=f"{title} at {battle.column_label}",
        lookup=battle.lookup,
        citations=tuple(dict.fromkeys(battle.citations)),
        modifiers=_dedupe(battle.modifiers + battle.shifts),
    )


class RaidMechanism:
    """Raids (``combat.raid``): hit the enemy one route away and fall back; no ground is taken."""

    def check(self, ctx: Context, side: str, order: Raid) -> Rejection | None:
        unit = ctx.unit(order.unit)
        if order.area not in ctx.scenario.areas:
            return Rejection("unknown-area", f"there is no area {order.area!r}")
        if unit.posture is Posture.DISPERSED:
            return Rejection("dispersed", f"{ctx.name(unit.id)} is dispersed: reform it first")
        why = adjacent_or_here(ctx, unit, order.area)
        if why:
            return Rejection("not-adjacent", why + " (combat.reach)")
        if not ctx.known_enemies_in(side, unit.faction, order.area):
            return Rejection("no-target", f"no known enemy in {ctx.area_name(order.area)} (combat.target)")
        return None

    def candidates(self, ctx: Context, side: str, unit: UnitState) -> Iterator[Raid]:
        if not ctx.is_ground(unit) or unit.posture is Posture.DISPERSED:
            return
        for area in [unit.location, *ctx.neighbours(unit.location)]:
            if ctx.known_enemies_in(side, unit.faction, area):
                yield Raid(unit.id, area)

    def adjudicate(self, ctx: Context, side: str, order: Raid) -> Adjudication:
        unit = ctx.unit(order.unit)
        defenders = _defenders(ctx, [unit], order.area)
        shift = [Modifier.shift("raid", ctx.rules.combat.raid_shift, "combat.raid")]
        return battle_adjudication(
            ctx, side, "raid", f"Raid on {ctx.area_name(order.area)}", [unit], defenders, order.area,
            extra_shifts=shift, advance=False, raid=True,
        )  # fmt: skip


def ambush_adjudication(ctx: Context, ambusher_id: str, victim_id: str) -> Adjudication | None:
    """An ambush sprung on a unit entering the ambusher's area (``combat.ambush``)."""
    ambusher, victim = ctx.unit(ambusher_id), ctx.unit(victim_id)
    if not (ambusher.active and victim.active) or ambusher.location != victim.location:
        return None
    shift = [Modifier.shift("ambush", ctx.rules.combat.ambush_shift, "combat.ambush")]
    adjudication = battle_adjudication(
        ctx, ambusher.side, "ambush", f"Ambush at {ctx.area_name(victim.location)}", [ambusher], [victim],
        victim.location, extra_shifts=shift, advance=False, raid=True, defender_terrain=False,
    )  # fmt: skip
    settle = adjudication.settle

    def settle_and_stand_down(code: str) -> Settlement:
        done = settle(code)
        stand_down = PostureChanged(ambusher.id, Posture.DEFENDING)
        return Settlement((*done.changes, stand_down), done.explanation, done.follow_ups)

    adjudication.settle = settle_and_stand_down
    return adjudication


ATTACK_KINDS = (OrderKind.ATTACK, OrderKind.RAID)
