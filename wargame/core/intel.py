"""Detection: reconnaissance orders and the intelligence step.

A side knows where an enemy unit is once it has detected it, and keeps knowing until
the unit moves out of its sight or melts away. In the intelligence step every side
rolls, for each unit it does not yet know of but has eyes near (its own units in the
area, reconnaissance next door, ISR overhead), 2d6 + modifiers against a target:
the unit's signature helps; terrain, posture (dispersed, in ambush) hide it. Units that
share an area with an enemy's formed units are seen without a roll.
"""

from __future__ import annotations

from collections.abc import Iterator

from wargame.core.adjudication import Adjudication, Rejection, Settlement, dice_options
from wargame.core.combat import adjacent_or_here
from wargame.core.context import Context
from wargame.core.enums import Feature, Posture
from wargame.core.events import AreaWatched, Detected, Modifier, Option
from wargame.core.orders import Recon
from wargame.core.state import UnitState


class ReconMechanism:
    """Ground reconnaissance of an area (``detection.recon``)."""

    def check(self, ctx: Context, side: str, order: Recon) -> Rejection | None:
        unit = ctx.unit(order.unit)
        if order.area not in ctx.scenario.areas:
            return Rejection("unknown-area", f"there is no area {order.area!r}")
        why = adjacent_or_here(ctx, unit, order.area)
        return Rejection("not-adjacent", why + " (detection.recon)") if why else None

    def candidates(self, ctx: Context, side: str, unit: UnitState) -> Iterator[Recon]:
        for area in [unit.location, *ctx.neighbours(unit.location)]:
            yield Recon(unit.id, area)

    def adjudicate(self, ctx: Context, side: str, order: Recon) -> Adjudication:
        unit = ctx.unit(order.unit)
        bonus = ctx.rules.detection.recon + ctx.unit_type(unit).recon
        text = f"{ctx.name(unit.id)} reconnoitres {ctx.area_name(order.area)} (+{bonus} to detect there this turn)."
        return Adjudication(
            mechanic="recon", title=f"Reconnaissance of {ctx.area_name(order.area)}", side=side, visible_to=(side,),
            options=(Option("done", "Done", 1.0),),
            settle=lambda code: Settlement((AreaWatched(side, order.area, bonus),), text),
            default="done", citations=("detection.recon",),
        )  # fmt: skip


def detection_keys(ctx: Context) -> list[str]:
    """The intelligence step's work: per side, its contacts, then one search per hidden unit in reach."""
    keys: list[str] = []
    for side in ctx.scenario.sides:
        if _contact_units(ctx, side):
            keys.append(f"detect:contacts:{side}")
        keys += [f"detect:roll:{side}:{u.id}" for u in _candidates(ctx, side)]
    return keys


def _own_areas(ctx: Context, side: str) -> dict[str, int]:
    """Areas where the side has ground units (dispersed ones watch too), with their best recon value."""
    areas: dict[str, int] = {}
    for u in ctx.active_units(side):
        if ctx.is_ground(u):
            areas[u.location] = max(areas.get(u.location, 0), ctx.unit_type(u).recon)
    return areas


def _candidates(ctx: Context, side: str) -> list[UnitState]:
    """Units of other sides that ``side`` does not know of but might find."""
    own = _own_areas(ctx, side)
    watched = ctx.state.watched.get(side, {})
    out = []
    for unit in ctx.active_units():
        if unit.side == side or side in unit.detected_by or ctx.scenario.areas[unit.location].has(Feature.OFF_MAP):
            continue
        if unit.location in own and unit.posture is not Posture.DISPERSED:
            continue  # contact: seen without a roll
        if unit.location in own or unit.location in watched or _recon_next_door(ctx, own, unit.location):
            out.append(unit)
    return out


def _recon_next_door(ctx: Context, own: dict[str, int], area: str) -> bool:
    return any(own.get(n, 0) > 0 for n in ctx.neighbours(area))


def _contact_units(ctx: Context, side: str) -> list[UnitState]:
    own = _own_areas(ctx, side)
    return [
        u for u in ctx.active_units()
        if u.side != side and side not in u.detected_by and u.location in own and u.posture is not Posture.DISPERSED
    ]  # fmt: skip


def contacts(ctx: Context, side: str) -> Adjudication | None:
    """Enemy units sharing an area with the side's formed units are seen (key ``detect:contacts:<side>``)."""
    seen = _contact_units(ctx, side)
    if not seen:
        return None
    changes = tuple(Detected(u.id, side, ctx.turn) for u in seen)
    where = sorted({ctx.area_name(u.location) for u in seen})
    text = f"{ctx.scenario.sides[side].name} is in contact with {len(seen)} unit(s) at {', '.join(where)}."
    return Adjudication(
        mechanic="detection", title="Contacts", side=side, visible_to=(side,),
        options=(Option("done", "Seen", 1.0),), settle=lambda code: Settlement(changes, text),
        default="done", citations=("detection.contact",),
    )  # fmt: skip


def search(ctx: Context, side: str, unit_id: str) -> Adjudication | None:
    """A detection roll by ``side`` for ``unit_id`` (key ``detect:roll:<side>:<unit>``)."""
    unit = ctx.unit(unit_id)
    if not unit.active or side in unit.detected_by:
        return None
    mods = detection_modifiers(ctx, side, unit)
    rules = ctx.rules.detection
    lookup = lambda total: "detected" if total >= rules.target else "unseen"  # noqa: E731
    total_mod = int(sum(m.value for m in mods))
    options = dice_options(rules.dice, total_mod, lookup, [("unseen", "Not found"), ("detected", "Detected")])
    area = ctx.area_name(unit.location)

    def settle(code: str) -> Settlement:
        if code == "detected":
            return Settlement((Detected(unit.id, side, ctx.turn),), f"{ctx.name(unit.id)} is found at {area}.")
        # A failed search is the white cell's secret: telling the side would tell it where to look.
        return Settlement((), f"{ctx.name(unit.id)} is not found at {area}.", visible_to=())

    return Adjudication(
        mechanic="detection",
        title=f"Search at {area}",
        side=side,
        visible_to=(side,),
        options=options,
        settle=settle,
        dice=rules.dice,
        purpose=f"detect at {area} (needs {rules.target})",
        die_modifiers=tuple(mods),
        lookup=lookup,
        citations=tuple(dict.fromkeys(["detection.roll", *(m.rule for m in mods)])),
    )


def detection_modifiers(ctx: Context, side: str, unit: UnitState) -> list[Modifier]:
    """The modifiers to ``side``'s roll to find ``unit``."""
    rules = ctx.rules.detection
    own = _own_areas(ctx, side)
    area = ctx.scenario.areas[unit.location]
    terrain = ctx.rules.terrain[area.terrain]
    posture = ctx.rules.posture(unit.posture)
    unit_type = ctx.unit_type(unit)
    mods = [Modifier(f"{unit_type.name} signature", unit_type.signature, "detection.signature")]
    if unit.location in own:
        mods.append(Modifier("observers in the area", rules.same_area + own[unit.location], "detection.same_area"))
    elif _recon_next_door(ctx, own, unit.location):
        best = max(own.get(n, 0) for n in ctx.neighbours(unit.location))
        mods.append(Modifier("reconnaissance next door", rules.adjacent + best, "detection.adjacent"))
    watched = ctx.state.watched.get(side, {}).get(unit.location, 0)
    if watched:
        mods.append(Modifier("ISR or reconnaissance overhead", watched, "detection.isr"))
    if terrain.concealment:
        mods.append(Modifier(f"terrain {terrain.name.lower()}", -terrain.concealment, f"terrain.{area.terrain}"))
    if posture.concealment:
        mods.append(Modifier(f"target {unit.posture.label}", -posture.concealment, f"posture.{unit.posture.value}"))
    if area.has(Feature.POPULATION) and ctx.state.control.get(area.id) == side:
        mods.append(Modifier("local informants", rules.guides, "detection.guides"))
    return mods
