"""The game's changing state.

The state is mutable for speed (a turn touches every unit), but only
:meth:`wargame.core.events.Change.apply` changes it, and only :class:`wargame.core.game.Game`
applies changes, each recorded in the event log. Snapshots are cheap copies.
"""

from __future__ import annotations

from attrs import define, field

from wargame.core.enums import CrossingState, Mode, Posture, Stance, Status
from wargame.core.scenario import Inject, Scenario


@define(slots=True)
class UnitState:
    """One unit as it stands now."""

    id: str
    side: str
    faction: str
    type: str
    strength: int
    start_strength: int
    quality: str
    location: str
    posture: Posture
    supply: int
    status: Status
    training_days: int = 0
    detected_by: dict[str, int] = field(factory=dict)
    """Side -> the turn in which that side last detected the unit."""
    march: str = ""
    """Where a standing move order is taking it ('' if none)."""
    leg_to: str = ""
    leg_days: float = 0.0
    """Days already spent on the road toward the next area ``leg_to``."""

    def copy(self) -> UnitState:
        return UnitState(
            self.id, self.side, self.faction, self.type, self.strength, self.start_strength,
            self.quality, self.location, self.posture, self.supply, self.status,
            self.training_days, dict(self.detected_by), self.march, self.leg_to, self.leg_days,
        )  # fmt: skip

    @property
    def active(self) -> bool:
        return self.status is Status.ACTIVE


@define(slots=True)
class Cache:
    """A supply cache: ``stock`` points, each feeds one unit for one turn."""

    id: str
    area: str
    faction: str
    stock: int


@define(slots=True)
class Hazard:
    """An IED or mine laid in an area by a faction, waiting for a hostile unit."""

    id: str
    area: str
    faction: str
    side: str


@define(slots=True)
class ObjectiveState:
    """Whether an objective is met, since when, and whether its deadline has passed."""

    met: bool = False
    since_turn: int = 0
    failed: bool = False


@define(slots=True)
class Pending:
    """A ruling waiting for the facilitator's decision (semi-rigid or free mode)."""

    source: str
    mode: Mode


@define(slots=True)
class GameState:
    """Everything that changes during a game. Read it; change it only through events."""

    turn: int = 0
    phase_index: int = 0
    units: dict[str, UnitState] = field(factory=dict)
    control: dict[str, str | None] = field(factory=dict)
    routes: dict[str, CrossingState] = field(factory=dict)
    route_blockers: dict[str, str] = field(factory=dict)
    """Route -> the side that blocked or mined it."""
    relations: dict[frozenset[str], Stance] = field(factory=dict)
    tracks: dict[str, int] = field(factory=dict)
    gates: dict[str, bool] = field(factory=dict)
    caches: dict[str, Cache] = field(factory=dict)
    hazards: dict[str, Hazard] = field(factory=dict)
    orders: dict[str, tuple[str, object]] = field(factory=dict)
    """Order id -> (side, order) waiting in this phase."""
    ordered_units: dict[str, str] = field(factory=dict)
    """Unit -> the id of its order this phase."""
    spent: set[str] = field(factory=set)
    """Units that have used their action this turn (sorties, lifts, one-shot attacks)."""
    watched: dict[str, dict[str, int]] = field(factory=dict)
    """Side -> area -> detection bonus from ISR and reconnaissance this turn."""
    injects: dict[str, Inject] = field(factory=dict)
    """Injects the facilitator wrote during play, by id."""
    fired: set[str] = field(factory=set)
    skipped: set[str] = field(factory=set)
    delayed: dict[str, int] = field(factory=dict)
    """Inject -> the turn it is delayed to."""
    objectives: dict[str, ObjectiveState] = field(factory=dict)
    arguments_won: set[str] = field(factory=set)
    escaped: dict[str, int] = field(factory=dict)
    """Side -> personnel escaped across a border."""
    start_strength: dict[str, int] = field(factory=dict)
    """Side -> ground strength at the start, for ``strength_below``."""
    modes: dict[str, Mode] = field(factory=dict)
    """Adjudication modes the facilitator changed during play."""
    pending: Pending | None = None
    resolving: bool = False
    """The current phase's orders and steps are being resolved."""
    queue: list[str] = field(factory=list)
    """Work left in this phase's resolution: ``order:<id>``, ``step:<name>``, and keyed rulings."""
    rolls: int = 0
    """How many dice rolls have been made: the position in the dice stream."""
    next_id: int = 1
    """Counter for order, ruling, cache and hazard ids."""
    ended: str = ""
    area_index: dict[str, set[str]] = field(factory=dict, eq=False)
    """Area -> ids of the active units there (derived from ``units``; kept by ``place``)."""

    def place(self, unit: UnitState) -> None:
        """Record an active unit in the area index (changes call this after moving a unit)."""
        if unit.status is Status.ACTIVE:
            self.area_index.setdefault(unit.location, set()).add(unit.id)

    def unplace(self, unit: UnitState) -> None:
        """Take a unit out of the area index (before it moves or its status changes)."""
        self.area_index.get(unit.location, set()).discard(unit.id)

    def reindex(self) -> None:
        self.area_index = {}
        for unit in self.units.values():
            self.place(unit)

    def copy(self) -> GameState:
        """An independent copy (a snapshot)."""
        return GameState(
            turn=self.turn,
            phase_index=self.phase_index,
            units={k: u.copy() for k, u in self.units.items()},
            control=dict(self.control),
            routes=dict(self.routes),
            route_blockers=dict(self.route_blockers),
            relations=dict(self.relations),
            tracks=dict(self.tracks),
            gates=dict(self.gates),
            caches={k: Cache(c.id, c.area, c.faction, c.stock) for k, c in self.caches.items()},
            hazards={k: Hazard(h.id, h.area, h.faction, h.side) for k, h in self.hazards.items()},
            orders=dict(self.orders),
            ordered_units=dict(self.ordered_units),
            spent=set(self.spent),
            watched={s: dict(w) for s, w in self.watched.items()},
            injects=dict(self.injects),
            fired=set(self.fired),
            skipped=set(self.skipped),
            delayed=dict(self.delayed),
            objectives={k: ObjectiveState(o.met, o.since_turn, o.failed) for k, o in self.objectives.items()},
            arguments_won=set(self.arguments_won),
            escaped=dict(self.escaped),
            start_strength=dict(self.start_strength),
            modes=dict(self.modes),
            pending=None if self.pending is None else Pending(self.pending.source, self.pending.mode),
            resolving=self.resolving,
            queue=list(self.queue),
            rolls=self.rolls,
            next_id=self.next_id,
            ended=self.ended,
            area_index={area: set(ids) for area, ids in self.area_index.items()},
        )

    def units_in(self, area: str) -> list[UnitState]:
        """Active units in an area, in id order."""
        return [self.units[i] for i in sorted(self.area_index.get(area, ()))]


def initial_state(scenario: Scenario) -> GameState:
    """The state before the first event: the scenario's set-up, turn 0."""
    rules = scenario.rules
    state = GameState()
    for side_id, unit in scenario.iter_units():
        status = Status.PENDING if unit.arrives is not None else Status.ACTIVE
        state.units[unit.id] = UnitState(
            id=unit.id,
            side=side_id,
            faction=unit.faction,
            type=unit.type,
            strength=unit.strength,
            start_strength=unit.strength,
            quality=unit.quality,
            location=unit.at,
            posture=unit.posture,
            supply=rules.supply.max_level if unit.supply is None else unit.supply,
            status=status,
            training_days=unit.training_days,
            detected_by={s: 0 for s in unit.detected_by},
        )
    for side_id in scenario.sides:
        state.start_strength[side_id] = sum(
            u.strength
            for s, u in scenario.iter_units()
            if s == side_id and u.arrives is None and not rules.unit_types[u.type].is_air
        )
        state.escaped[side_id] = 0
    state.control = {a.id: a.control for a in scenario.map.areas}
    state.routes = {r.key: r.state for r in scenario.map.routes}
    state.relations = default_relations(scenario)
    state.tracks = {t.id: t.start for t in scenario.tracks}
    state.gates = {g.id: g.open for g in scenario.gates}
    state.objectives = {o: ObjectiveState() for o in scenario.objectives}
    state.reindex()
    for i, cache in enumerate(scenario.caches):
        cache_id = f"C-start-{i + 1}"
        state.caches[cache_id] = Cache(cache_id, cache.area, cache.faction, cache.stock)
    return state


def default_relations(scenario: Scenario) -> dict[frozenset[str], Stance]:
    """Allied within a side, hostile across sides, then the scenario's explicit relations."""
    factions = scenario.side_of_faction
    relations: dict[frozenset[str], Stance] = {}
    names = sorted(factions)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            relations[frozenset((a, b))] = Stance.ALLIED if factions[a] == factions[b] else Stance.HOSTILE
    for relation in scenario.relations:
        relations[frozenset(relation.factions)] = relation.stance
    return relations
