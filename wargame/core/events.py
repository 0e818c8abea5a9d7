"""Events: the game's log, the only thing that changes the state.

Two layers:

* **changes** (``UnitMoved``, ``StrengthChanged``...) are the smallest state transitions.
  Each knows how to apply itself and carries absolute values, so replay needs no dice.
* **events** (``PhaseBegan``, ``OrderIssued``, ``Ruling``...) are what the log holds. A
  ``Ruling`` carries the changes it decided, with its dice, modifiers and the rules cited.

Every event names the sides that may see it (``visible_to``); an empty tuple means the
white cell only, ``ALL`` (``("*",)``) everyone.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from attrs import field, frozen

from wargame.core.enums import CrossingState, Mode, Posture, Stance, Status
from wargame.core.orders import Order
from wargame.core.scenario import Inject
from wargame.core.state import Cache, GameState, Hazard, ObjectiveState

ALL: tuple[str, ...] = ("*",)

# ----------------------------------------------------------------------------- changes


@frozen
class UnitMoved:
    """``unit`` is now in ``to``, having gone along ``path`` (areas, start first)."""

    tag: ClassVar[str] = "unit_moved"
    unit: str
    to: str
    path: tuple[str, ...] = ()

    def apply(self, state: GameState) -> None:
        unit = state.units[self.unit]
        state.unplace(unit)
        unit.location = self.to
        state.place(unit)


@frozen
class MarchChanged:
    """``unit`` marches on to ``march`` ('' : it stops), with ``leg_days`` done toward ``leg_to``."""

    tag: ClassVar[str] = "march_changed"
    unit: str
    march: str
    leg_to: str = ""
    leg_days: float = field(default=0.0, converter=float)

    def apply(self, state: GameState) -> None:
        unit = state.units[self.unit]
        unit.march, unit.leg_to, unit.leg_days = self.march, self.leg_to, self.leg_days


@frozen
class StrengthChanged:
    """``unit`` now has ``strength`` (``loss`` lost)."""

    tag: ClassVar[str] = "strength_changed"
    unit: str
    strength: int
    loss: int

    def apply(self, state: GameState) -> None:
        state.units[self.unit].strength = self.strength


@frozen
class PostureChanged:
    tag: ClassVar[str] = "posture_changed"
    unit: str
    posture: Posture

    def apply(self, state: GameState) -> None:
        state.units[self.unit].posture = self.posture


@frozen
class StatusChanged:
    """``unit`` is now ``status`` (arrived: active at ``at``; destroyed, escaped, withdrawn)."""

    tag: ClassVar[str] = "status_changed"
    unit: str
    status: Status
    at: str = ""

    def apply(self, state: GameState) -> None:
        unit = state.units[self.unit]
        state.unplace(unit)
        unit.status = self.status
        if self.at:
            unit.location = self.at
        state.place(unit)
        if self.status is Status.ESCAPED:
            state.escaped[unit.side] = state.escaped.get(unit.side, 0) + unit.strength


@frozen
class Detected:
    """``side`` now knows where ``unit`` is."""

    tag: ClassVar[str] = "detected"
    unit: str
    side: str
    turn: int

    def apply(self, state: GameState) -> None:
        state.units[self.unit].detected_by[self.side] = self.turn


@frozen
class Lost:
    """``side`` no longer knows where ``unit`` is."""

    tag: ClassVar[str] = "lost"
    unit: str
    side: str

    def apply(self, state: GameState) -> None:
        state.units[self.unit].detected_by.pop(self.side, None)


@frozen
class ControlChanged:
    tag: ClassVar[str] = "control_changed"
    area: str
    side: str | None

    def apply(self, state: GameState) -> None:
        state.control[self.area] = self.side


@frozen
class RouteChanged:
    """Route ``route`` is now ``state``; ``by`` is the side that blocked or mined it ('' : the white cell)."""

    tag: ClassVar[str] = "route_changed"
    route: str
    state: CrossingState
    by: str = ""

    def apply(self, state: GameState) -> None:
        state.routes[self.route] = self.state
        if self.state in (CrossingState.BLOCKED, CrossingState.MINED):
            state.route_blockers[self.route] = self.by
        else:
            state.route_blockers.pop(self.route, None)


@frozen
class RelationChanged:
    tag: ClassVar[str] = "relation_changed"
    factions: tuple[str, str]
    stance: Stance

    def apply(self, state: GameState) -> None:
        state.relations[frozenset(self.factions)] = self.stance


@frozen
class FactionChanged:
    tag: ClassVar[str] = "faction_changed"
    unit: str
    faction: str
    side: str

    def apply(self, state: GameState) -> None:
        unit = state.units[self.unit]
        unit.faction, unit.side = self.faction, self.side


@frozen
class TrackChanged:
    tag: ClassVar[str] = "track_changed"
    track: str
    value: int
    delta: int

    def apply(self, state: GameState) -> None:
        state.tracks[self.track] = self.value


@frozen
class GateChanged:
    tag: ClassVar[str] = "gate_changed"
    gate: str
    open: bool

    def apply(self, state: GameState) -> None:
        state.gates[self.gate] = self.open


@frozen
class SupplyChanged:
    tag: ClassVar[str] = "supply_changed"
    unit: str
    supply: int

    def apply(self, state: GameState) -> None:
        state.units[self.unit].supply = self.supply


@frozen
class CacheChanged:
    """Cache ``cache`` at ``area`` of ``faction`` now holds ``stock`` (0: gone)."""

    tag: ClassVar[str] = "cache_changed"
    cache: str
    area: str
    faction: str
    stock: int

    def apply(self, state: GameState) -> None:
        if self.stock <= 0:
            state.caches.pop(self.cache, None)
        else:
            state.caches[self.cache] = Cache(self.cache, self.area, self.faction, self.stock)


@frozen
class HazardChanged:
    """An IED ``hazard`` in ``area`` is laid (``armed``) or gone."""

    tag: ClassVar[str] = "hazard_changed"
    hazard: str
    area: str
    faction: str
    side: str
    armed: bool

    def apply(self, state: GameState) -> None:
        if self.armed:
            state.hazards[self.hazard] = Hazard(self.hazard, self.area, self.faction, self.side)
        else:
            state.hazards.pop(self.hazard, None)


@frozen
class UnitSpent:
    """``unit`` has used its action for this turn."""

    tag: ClassVar[str] = "unit_spent"
    unit: str

    def apply(self, state: GameState) -> None:
        state.spent.add(self.unit)


@frozen
class AreaWatched:
    """``side`` watches ``area`` this turn, adding ``bonus`` to its detection rolls there."""

    tag: ClassVar[str] = "area_watched"
    side: str
    area: str
    bonus: int

    def apply(self, state: GameState) -> None:
        watched = state.watched.setdefault(self.side, {})
        watched[self.area] = max(watched.get(self.area, 0), self.bonus)


@frozen
class TrainingChanged:
    tag: ClassVar[str] = "training_changed"
    unit: str
    days: int

    def apply(self, state: GameState) -> None:
        state.units[self.unit].training_days = self.days


@frozen
class ObjectiveChanged:
    tag: ClassVar[str] = "objective_changed"
    objective: str
    met: bool
    failed: bool = False

    def apply(self, state: GameState) -> None:
        state.objectives[self.objective] = ObjectiveState(self.met, state.turn, self.failed)


@frozen
class ArgumentWon:
    tag: ClassVar[str] = "argument_won"
    argument: str

    def apply(self, state: GameState) -> None:
        state.arguments_won.add(self.argument)


@frozen
class InjectFiredChange:
    """Inject ``inject`` has been published."""

    tag: ClassVar[str] = "inject_fired"
    inject: str

    def apply(self, state: GameState) -> None:
        state.fired.add(self.inject)
        state.delayed.pop(self.inject, None)


Change = (
    UnitMoved
    | MarchChanged
    | StrengthChanged
    | PostureChanged
    | StatusChanged
    | Detected
    | Lost
    | ControlChanged
    | RouteChanged
    | RelationChanged
    | FactionChanged
    | TrackChanged
    | GateChanged
    | SupplyChanged
    | CacheChanged
    | HazardChanged
    | UnitSpent
    | AreaWatched
    | TrainingChanged
    | ObjectiveChanged
    | ArgumentWon
    | InjectFiredChange
)

CHANGE_CLASSES: dict[str, type] = {
    cls.tag: cls
    for cls in (
        UnitMoved, MarchChanged, StrengthChanged, PostureChanged, StatusChanged, Detected, Lost, ControlChanged,
        RouteChanged, RelationChanged, FactionChanged, TrackChanged, GateChanged, SupplyChanged,
        CacheChanged, HazardChanged, UnitSpent, AreaWatched, TrainingChanged, ObjectiveChanged,
        ArgumentWon, InjectFiredChange,
    )
}  # fmt: skip

# ----------------------------------------------------------------------------- rolls


#: How a modifier applies: added to a dice roll, a shift of the combat table's column, or a multiplier.
MODIFIER_KINDS = ("add", "shift", "times")


@frozen
class Modifier:
    """A named modifier, with the rule cited.

    ``kind`` says how it applies: ``add`` is added to a dice roll and ``shift`` moves the
    combat table's column (both shown ``+2`` or ``-3``); ``times`` multiplies a value (shown
    ``×2``, ``×0.5``). Use :meth:`times` and :meth:`shift` to make the last two.
    """

    name: str
    value: float = field(converter=float)
    rule: str = ""
    kind: str = field(default="add")

    @kind.validator
    def _known_kind(self, _attribute: object, kind: str) -> None:
        if kind not in MODIFIER_KINDS:
            raise ValueError(f"a modifier's kind is one of {', '.join(MODIFIER_KINDS)}, not {kind!r}")

    @classmethod
    def times(cls, name: str, value: float, rule: str = "") -> Modifier:
        """A multiplier (a posture's defence, a terrain's movement cost...)."""
        return cls(name, value, rule, "times")

    @classmethod
    def shift(cls, name: str, value: float, rule: str = "") -> Modifier:
        """A shift of the combat table's column (surprise, a river crossing...)."""
        return cls(name, value, rule, "shift")

    def __str__(self) -> str:
        if self.kind == "times":
            return f"{self.name} ×{self.value:g}"
        return f"{self.name} {self.value:+g}"


@frozen
class Roll:
    """One roll of the dice: what for, the faces, the modifiers and the total."""

    purpose: str
    dice: str
    faces: tuple[int, ...]
    modifiers: tuple[Modifier, ...]
    total: int
    position: int
    """Its position in the game's dice stream."""

    def __str__(self) -> str:
        mods = "".join(f" {m.value:+g}" for m in self.modifiers)
        return f"{self.dice} [{' '.join(map(str, self.faces))}]{mods} = {self.total}"


@frozen
class Option:
    """One possible result of a ruling, with its probability under the dice."""

    code: str
    title: str
    probability: float


# ----------------------------------------------------------------------------- events


@frozen
class GameStarted:
    tag: ClassVar[str] = "game_started"
    scenario: str
    rules: str
    seed: int
    scenario_hash: str = ""
    visible_to: tuple[str, ...] = ALL


@frozen
class PhaseBegan:
    tag: ClassVar[str] = "phase_began"
    turn: int
    phase: str
    date: dt.date
    visible_to: tuple[str, ...] = ALL


@frozen
class OrderIssued:
    tag: ClassVar[str] = "order_issued"
    order_id: str
    side: str
    order: Order
    visible_to: tuple[str, ...] = ()


@frozen
class OrderCancelled:
    tag: ClassVar[str] = "order_cancelled"
    order_id: str
    visible_to: tuple[str, ...] = ()


@frozen
class ResolutionStarted:
    """The facilitator ended the orders of a phase; ``queue`` is the work to resolve, in order."""

    tag: ClassVar[str] = "resolution_started"
    queue: tuple[str, ...]
    visible_to: tuple[str, ...] = ()


@frozen
class WorkExpanded:
    """A work item became other work: a step (``step:detection``) the rulings it needs, or
    an item with nothing left to rule, nothing."""

    tag: ClassVar[str] = "work_expanded"
    item: str
    keys: tuple[str, ...]
    visible_to: tuple[str, ...] = ()


@frozen
class RulingPending:
    """The engine awaits the facilitator's choice (semi-rigid or free mode)."""

    tag: ClassVar[str] = "ruling_pending"
    source: str
    mode: Mode
    title: str
    options: tuple[Option, ...]
    proposals: tuple[tuple[str, str], ...] = ()
    """(label, option code): most likely, best, worst."""
    visible_to: tuple[str, ...] = ()


@frozen
class Ruling:
    """A decided result: of an order, an inject, a detection roll, a supply check.

    Attributes:
        id: ``R<n>``, unique in the game.
        turn, phase: when.
        mechanic: which mechanism ruled (``combat``, ``movement``...).
        title: a few words (``Attack on Konna``).
        explanation: one sentence a facilitator can read out.
        citations: the rules applied, by name (``combat.table``, ``terrain.mountain``).
        modifiers: multipliers and shifts that were not part of a roll.
        rolls: the dice rolled.
        result: the result code (``DR``, ``success``...), and ``changes`` its effects.
        options: the results that were possible, with probabilities.
        mode: how it was decided; ``choice`` and ``reason`` when the facilitator chose.
        overridden: the result the engine gave before the facilitator overrode it.
        order_id, side: the order and side it concerns, if any.
        source: the work item it resolves (``order:O12``, ``detect:roll:blue:u3``...).
        follow_ups: work it sets off (an ambush sprung by a move), resolved next.
    """

    tag: ClassVar[str] = "ruling"
    id: str
    turn: int
    phase: str
    mechanic: str
    title: str
    explanation: str
    result: str
    changes: tuple[Change, ...] = ()
    citations: tuple[str, ...] = ()
    modifiers: tuple[Modifier, ...] = ()
    rolls: tuple[Roll, ...] = ()
    options: tuple[Option, ...] = ()
    mode: Mode = Mode.RIGID
    choice: str = ""
    reason: str = ""
    overridden: str = ""
    order_id: str = ""
    side: str = ""
    source: str = ""
    follow_ups: tuple[str, ...] = ()
    visible_to: tuple[str, ...] = ALL


@frozen
class InjectSkipped:
    tag: ClassVar[str] = "inject_skipped"
    inject: str
    reason: str = ""
    visible_to: tuple[str, ...] = ()


@frozen
class InjectDelayed:
    tag: ClassVar[str] = "inject_delayed"
    inject: str
    until_turn: int
    reason: str = ""
    visible_to: tuple[str, ...] = ()


@frozen
class InjectWritten:
    """The facilitator wrote a new inject during play."""

    tag: ClassVar[str] = "inject_written"
    inject: Inject
    visible_to: tuple[str, ...] = ()


@frozen
class ModeChanged:
    tag: ClassVar[str] = "mode_changed"
    key: str
    mode: Mode
    visible_to: tuple[str, ...] = ()


@frozen
class NoteAdded:
    """A facilitator's note, about event number ``about`` (or the turn) for the hot wash."""

    tag: ClassVar[str] = "note_added"
    text: str
    turn: int
    phase: str
    about: int | None = None
    visible_to: tuple[str, ...] = ()


@frozen
class GameEnded:
    tag: ClassVar[str] = "game_ended"
    reason: str
    visible_to: tuple[str, ...] = ALL


Event = (
    GameStarted
    | PhaseBegan
    | OrderIssued
    | OrderCancelled
    | ResolutionStarted
    | WorkExpanded
    | RulingPending
    | Ruling
    | InjectSkipped
    | InjectDelayed
    | InjectWritten
    | ModeChanged
    | NoteAdded
    | GameEnded
)

EVENT_CLASSES: dict[str, type] = {
    cls.tag: cls
    for cls in (
        GameStarted, PhaseBegan, OrderIssued, OrderCancelled, ResolutionStarted, WorkExpanded, RulingPending,
        Ruling, InjectSkipped,
        InjectDelayed, InjectWritten, ModeChanged, NoteAdded, GameEnded,
    )
}  # fmt: skip


def visible(event: Event, side: str | None) -> bool:
    """Whether ``side`` may see ``event`` (None: the white cell sees everything)."""
    return side is None or event.visible_to == ALL or side in event.visible_to
