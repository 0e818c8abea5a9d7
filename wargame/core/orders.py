"""Orders: what a side asks its units to do. Values only; the engine checks and resolves them.

Every order names the unit(s) it commands (an argument names its side). The side giving
an order is the side of its first unit. Check an order with :meth:`Game.validate`; list
what is possible with :meth:`Game.legal_orders`.
"""

from __future__ import annotations

from typing import ClassVar

from attrs import frozen

from wargame.core.enums import OrderKind
from wargame.core.scenario import Effect, Point


@frozen
class Move:
    """Move ``unit`` to ``to`` along the quickest open path within this turn's budget."""

    kind: ClassVar[OrderKind] = OrderKind.MOVE
    unit: str
    to: str


@frozen
class Attack:
    """``units`` attack the enemy in ``area`` (theirs or one route away), with air ``support``."""

    kind: ClassVar[OrderKind] = OrderKind.ATTACK
    units: tuple[str, ...]
    area: str
    support: tuple[str, ...] = ()


@frozen
class AirStrike:
    """Aircraft or helicopters ``unit`` strike the detected enemy unit ``target``."""

    kind: ClassVar[OrderKind] = OrderKind.AIR_STRIKE
    unit: str
    target: str


@frozen
class Airlift:
    """Transport ``unit`` flies ground ``units`` from its base to the airfield ``to``."""

    kind: ClassVar[OrderKind] = OrderKind.AIRLIFT
    unit: str
    units: tuple[str, ...]
    to: str


@frozen
class AirInsertion:
    """Transport ``unit`` drops (aircraft) or lands (helicopters) ``units`` into ``to``."""

    kind: ClassVar[OrderKind] = OrderKind.AIR_INSERTION
    unit: str
    units: tuple[str, ...]
    to: str


@frozen
class Rebase:
    """Aircraft or helicopters ``unit`` move to a new base ``to``."""

    kind: ClassVar[OrderKind] = OrderKind.REBASE
    unit: str
    to: str


@frozen
class Recon:
    """Ground ``unit`` reconnoitres ``area`` (its own or one route away)."""

    kind: ClassVar[OrderKind] = OrderKind.RECON
    unit: str
    area: str


@frozen
class Isr:
    """ISR asset ``unit`` watches ``area`` this turn."""

    kind: ClassVar[OrderKind] = OrderKind.ISR
    unit: str
    area: str


@frozen
class DigIn:
    """``unit`` digs in where it stands."""

    kind: ClassVar[OrderKind] = OrderKind.DIG_IN
    unit: str


@frozen
class Disperse:
    """``unit`` melts away: breaks into small groups that avoid battle."""

    kind: ClassVar[OrderKind] = OrderKind.DISPERSE
    unit: str


@frozen
class Reform:
    """Dispersed ``unit`` gathers again."""

    kind: ClassVar[OrderKind] = OrderKind.REFORM
    unit: str


@frozen
class Ambush:
    """``unit`` lies in wait for the next enemy to enter its area."""

    kind: ClassVar[OrderKind] = OrderKind.AMBUSH
    unit: str


@frozen
class Raid:
    """``unit`` raids the enemy in ``area`` (one route away) and falls back."""

    kind: ClassVar[OrderKind] = OrderKind.RAID
    unit: str
    area: str


@frozen
class Ied:
    """``unit`` lays an IED in ``area`` (its own or one route away)."""

    kind: ClassVar[OrderKind] = OrderKind.IED
    unit: str
    area: str


@frozen
class SuicideAttack:
    """One-shot ``unit`` attacks the enemy garrison or checkpoint unit ``target``."""

    kind: ClassVar[OrderKind] = OrderKind.SUICIDE_ATTACK
    unit: str
    target: str


@frozen
class PlaceCache:
    """``unit`` lays a supply cache where it stands."""

    kind: ClassVar[OrderKind] = OrderKind.CACHE
    unit: str


@frozen
class BlockCrossing:
    """``unit`` holds ``route`` shut against the enemy."""

    kind: ClassVar[OrderKind] = OrderKind.BLOCK_CROSSING
    unit: str
    route: str


@frozen
class MineCrossing:
    """``unit`` mines ``route``."""

    kind: ClassVar[OrderKind] = OrderKind.MINE_CROSSING
    unit: str
    route: str


@frozen
class DestroyCrossing:
    """``unit`` blows ``route`` (a bridge, a ferry)."""

    kind: ClassVar[OrderKind] = OrderKind.DESTROY_CROSSING
    unit: str
    route: str


@frozen
class RepairCrossing:
    """Engineers ``unit`` reopen ``route``."""

    kind: ClassVar[OrderKind] = OrderKind.REPAIR_CROSSING
    unit: str
    route: str


@frozen
class Train:
    """``unit`` trains at a training camp this turn."""

    kind: ClassVar[OrderKind] = OrderKind.TRAIN
    unit: str


@frozen
class Argue:
    """``side`` puts forward a matrix argument.

    Either name a prepared ``argument`` of the scenario, or write one: a ``title``,
    ``pros`` and ``cons`` (strong ones move the dice) and the effects ``on_success``.
    """

    kind: ClassVar[OrderKind] = OrderKind.ARGUMENT
    side: str
    argument: str = ""
    title: str = ""
    pros: tuple[Point, ...] = ()
    cons: tuple[Point, ...] = ()
    on_success: tuple[Effect, ...] = ()


Order = (
    Move
    | Attack
    | AirStrike
    | Airlift
    | AirInsertion
    | Rebase
    | Recon
    | Isr
    | DigIn
    | Disperse
    | Reform
    | Ambush
    | Raid
    | Ied
    | SuicideAttack
    | PlaceCache
    | BlockCrossing
    | MineCrossing
    | DestroyCrossing
    | RepairCrossing
    | Train
    | Argue
)

#: The order class for each order kind.
ORDER_CLASSES: dict[OrderKind, type] = {
    cls.kind: cls
    for cls in (
        Move, Attack, AirStrike, Airlift, AirInsertion, Rebase, Recon, Isr, DigIn, Disperse, Reform,
        Ambush, Raid, Ied, SuicideAttack, PlaceCache, BlockCrossing, MineCrossing, DestroyCrossing,
        RepairCrossing, Train, Argue,
    )
}  # fmt: skip


def order_units(order: Order) -> tuple[str, ...]:
    """Every unit an order commands (the ones it spends), in order."""
    if isinstance(order, Argue):
        return ()
    if isinstance(order, Attack):
        return order.units + order.support
    if isinstance(order, Airlift | AirInsertion):
        return (order.unit, *order.units)
    return (order.unit,)
