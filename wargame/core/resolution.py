"""Order checks, legal orders, and the work queue that resolves a phase.

Every caller (console, command line, library, bots) checks orders through
:func:`validate`, so a refusal reads the same everywhere. A phase resolves as a queue
of keyed work items: its orders in a canonical order (so the order in which sides
typed them does not matter), then its automatic steps, each expanded into keyed
rulings when it is reached. Keys let any ruling be rebuilt from the state before it,
which is how semi-rigid decisions and overrides reuse the same adjudication.
"""

from __future__ import annotations

from collections.abc import Iterator

from wargame.core import air, combat, intel, irregular, logistics, movement, political
from wargame.core.adjudication import Adjudication, Mechanism, Rejection
from wargame.core.context import Context
from wargame.core.enums import Mode, OrderKind, Status, Step
from wargame.core.orders import Argue, Attack, Order, order_units
from wargame.core.rules import Phase

MECHANISMS: dict[OrderKind, Mechanism] = {
    OrderKind.MOVE: movement.MoveMechanism(),
    OrderKind.ATTACK: combat.AttackMechanism(),
    OrderKind.RAID: combat.RaidMechanism(),
    OrderKind.AIR_STRIKE: air.StrikeMechanism(),
    OrderKind.AIRLIFT: air.AirliftMechanism(),
    OrderKind.AIR_INSERTION: air.InsertionMechanism(),
    OrderKind.REBASE: air.RebaseMechanism(),
    OrderKind.ISR: air.IsrMechanism(),
    OrderKind.RECON: intel.ReconMechanism(),
    OrderKind.DIG_IN: irregular.PostureMechanism(OrderKind.DIG_IN),
    OrderKind.DISPERSE: irregular.PostureMechanism(OrderKind.DISPERSE),
    OrderKind.REFORM: irregular.PostureMechanism(OrderKind.REFORM),
    OrderKind.AMBUSH: irregular.PostureMechanism(OrderKind.AMBUSH),
    OrderKind.IED: irregular.IedMechanism(),
    OrderKind.SUICIDE_ATTACK: irregular.SuicideMechanism(),
    OrderKind.CACHE: irregular.CacheMechanism(),
    OrderKind.BLOCK_CROSSING: movement.CrossingMechanism(OrderKind.BLOCK_CROSSING),
    OrderKind.MINE_CROSSING: movement.CrossingMechanism(OrderKind.MINE_CROSSING),
    OrderKind.DESTROY_CROSSING: movement.CrossingMechanism(OrderKind.DESTROY_CROSSING),
    OrderKind.REPAIR_CROSSING: movement.CrossingMechanism(OrderKind.REPAIR_CROSSING),
    OrderKind.TRAIN: irregular.TrainMechanism(),
    OrderKind.ARGUMENT: political.ArgumentMechanism(),
}

#: Orders a unit still in training cannot be given.
COMBAT_ORDERS = frozenset(
    {
        OrderKind.ATTACK, OrderKind.RAID, OrderKind.AMBUSH, OrderKind.IED, OrderKind.SUICIDE_ATTACK,
        OrderKind.AIR_STRIKE, OrderKind.RECON, OrderKind.AIR_INSERTION, OrderKind.BLOCK_CROSSING,
        OrderKind.MINE_CROSSING, OrderKind.DESTROY_CROSSING,
    }
)  # fmt: skip

STEP_KEYS = {
    Step.INJECTS: political.inject_keys,
    Step.DETECTION: intel.detection_keys,
    Step.REINFORCEMENTS: logistics.reinforcement_keys,
    Step.SUPPLY: logistics.supply_keys,
    Step.ASSESSMENT: political.assessment_keys,
}


def current_phase(ctx: Context) -> Phase:
    return ctx.rules.phases[ctx.state.phase_index]


# -- checking orders -------------------------------------------------------------------------


def order_side(ctx: Context, order: Order) -> str | None:
    """The side an order belongs to: its first unit's, or the arguing side."""
    if isinstance(order, Argue):
        return order.side
    units = order_units(order)
    if units and units[0] in ctx.state.units:
        return ctx.state.units[units[0]].side
    return None


def validate(ctx: Context, order: Order, side: str | None = None) -> Rejection | None:
    """Why ``order`` cannot be given now (None if it can).

    ``side`` is the side giving it; if None, the side of the order's units. The check
    uses only what that side knows: a refusal never reveals an unseen enemy.
    """
    state = ctx.state
    if state.ended:
        return Rejection("game-over", f"the game is over: {state.ended}")
    if state.pending is not None:
        return Rejection("ruling-pending", "a ruling awaits the facilitator's decision")
    if state.resolving:
        return Rejection("resolving", "this phase's orders are being resolved; advance to finish it")
    phase = current_phase(ctx)
    kind = order.kind
    if kind not in phase.orders:
        where = ctx.rules.phase_of(kind)
        hint = f"; {kind.label} orders are given in the {where.title} phase" if where else ""
        return Rejection("wrong-phase", f"this is the {phase.title} phase{hint} (turn.sequence)")
    owner = order_side(ctx, order)
    if owner is None:
        units = order_units(order)
        return Rejection("unknown-unit", f"there is no unit {units[0] if units else '?'!r}")
    side = side or owner
    if side not in ctx.scenario.sides:
        return Rejection("unknown-side", f"there is no side {side!r}")
    why = _check_units(ctx, side, order)
    if why:
        return why
    return MECHANISMS[kind].check(ctx, side, order)


def _check_units(ctx: Context, side: str, order: Order) -> Rejection | None:
    units = order_units(order)
    kind = order.kind
    for position, unit_id in enumerate(units):
        unit = ctx.state.units.get(unit_id)
        if unit is None:
            return Rejection("unknown-unit", f"there is no unit {unit_id!r}")
        name = ctx.name(unit_id)
        if unit.side != side:
            return Rejection("not-your-unit", f"{name} does not belong to {ctx.scenario.sides[side].name}")
        if unit.status is not Status.ACTIVE:
            why = "has not arrived yet" if unit.status is Status.PENDING else f"is {unit.status.label}"
            return Rejection("not-active", f"{name} {why}")
        if unit_id in ctx.state.ordered_units:
            return Rejection("already-ordered", f"{name} already has an order this phase")
        commands = position == 0 or isinstance(order, Attack)  # passengers need no skill
        if commands and kind not in ctx.unit_type(unit).orders:
            return Rejection("not-capable", f"{name} ({ctx.unit_type(unit).name}) cannot be given {kind.label} orders")
        if commands and kind in COMBAT_ORDERS and unit.training_days > 0:
            return Rejection("in-training", f"{name} needs {unit.training_days} more days of training (training.ready)")
    return None


def legal_orders(ctx: Context, side: str) -> tuple[Order, ...]:
    """Every order ``side`` may give now, one per unit and target, each passing :func:`validate`."""
    if ctx.state.ended or ctx.state.pending is not None or ctx.state.resolving:
        return ()
    phase = current_phase(ctx)
    out: list[Order] = []
    for kind in phase.orders:
        mechanism = MECHANISMS[kind]
        if kind is OrderKind.ARGUMENT:
            candidates: Iterator = mechanism.candidates(ctx, side, None)
            out += [o for o in candidates if validate(ctx, o, side) is None]
            continue
        for unit in ctx.active_units(side):
            if kind not in ctx.unit_type(unit).orders or unit.id in ctx.state.ordered_units:
                continue
            out += [o for o in mechanism.candidates(ctx, side, unit) if validate(ctx, o, side) is None]
    return tuple(out)


def sides_to_order(ctx: Context) -> tuple[str, ...]:
    """Sides that have units able to act in this phase (whose orders are awaited)."""
    phase = current_phase(ctx)
    if not phase.orders or ctx.state.resolving:
        return ()
    awaited = []
    for side in ctx.scenario.sides:
        if OrderKind.ARGUMENT in phase.orders and any(s == side for s, _ in ctx.scenario.arguments.values()):
            awaited.append(side)
            continue
        if any(k in ctx.unit_type(u).orders for u in ctx.active_units(side) for k in phase.orders):
            awaited.append(side)
    return tuple(awaited)


# -- the resolution queue ----------------------------------------------------------------------


def initial_queue(ctx: Context) -> tuple[str, ...]:
    """The phase's work: its orders in canonical order, then its steps."""
    phase = current_phase(ctx)
    sides = list(ctx.scenario.sides)
    kinds = list(phase.orders)

    def key(item: tuple[str, tuple[str, object]]) -> tuple:
        order_id, (side, order) = item
        units = order_units(order)  # type: ignore[arg-type]
        number = int(order_id.lstrip("O") or 0)
        return (kinds.index(order.kind) if order.kind in kinds else len(kinds), sides.index(side), units, number)  # type: ignore[attr-defined]

    orders = [f"order:{oid}" for oid, _ in sorted(ctx.state.orders.items(), key=key)]
    marches = []
    if OrderKind.MOVE in phase.orders:
        marches = [f"march:{u.id}" for u in ctx.active_units() if u.march and u.id not in ctx.state.ordered_units]
    return tuple(orders + marches + [f"step:{s.value}" for s in phase.steps])


def expand(ctx: Context, step_key: str) -> tuple[str, ...]:
    """The keyed rulings an automatic step needs now."""
    return tuple(STEP_KEYS[Step(step_key.removeprefix("step:"))](ctx))


def adjudication_for(ctx: Context, key: str) -> Adjudication | None:
    """Rebuild the adjudication of a work item from the current state."""
    kind, _, rest = key.partition(":")
    parts = rest.split(":")
    if kind == "order":
        side, order = ctx.state.orders[rest]
        return MECHANISMS[order.kind].adjudicate(ctx, side, order)  # type: ignore[attr-defined]
    if kind == "march":
        unit = ctx.unit(rest)
        return movement.march_adjudication(ctx, unit.side, unit.id, unit.march) if unit.active and unit.march else None
    if kind == "detect":
        return intel.contacts(ctx, parts[1]) if parts[0] == "contacts" else intel.search(ctx, parts[1], parts[2])
    if kind == "supply":
        return logistics.caches_found(ctx) if parts[0] == "caches" else logistics.supply_for(ctx, parts[1])
    if kind == "reinforce":
        return logistics.reinforcements_for(ctx, rest)
    if kind == "inject":
        return political.inject_ruling(ctx, rest)
    if kind == "assess":
        return political.assess(ctx, rest)
    if kind == "ambush":
        return combat.ambush_adjudication(ctx, parts[0], parts[1])
    if kind == "ied":
        return irregular.ied_adjudication(ctx, parts[0], parts[1])
    if kind == "mine":
        return irregular.mine_adjudication(ctx, parts[0], parts[1])
    raise KeyError(f"unknown work item {key!r}")


#: Follow-ups decided in the mode of an order kind (an ambush sprung by a move is an ambush).
FOLLOW_UP_KINDS = {"ambush": OrderKind.AMBUSH, "ied": OrderKind.IED, "mine": OrderKind.MINE_CROSSING}


def mode_of(ctx: Context, key: str) -> Mode:
    """How a work item is decided: orders and follow-ups by their kind's mode; steps by the dice."""
    prefix = key.partition(":")[0]
    if prefix in FOLLOW_UP_KINDS:
        kind = FOLLOW_UP_KINDS[prefix].value
        return ctx.state.modes.get(kind) or ctx.scenario.mode_for(FOLLOW_UP_KINDS[prefix])
    if not key.startswith("order:"):
        return Mode.RIGID
    _, order = ctx.state.orders[key.removeprefix("order:")]
    kind = order.kind.value  # type: ignore[attr-defined]
    if kind in ctx.state.modes:
        return ctx.state.modes[kind]
    return ctx.scenario.mode_for(order.kind)  # type: ignore[attr-defined]
