"""The rule set: every number and table the mechanisms use, as immutable data.

A rule set is read from ``rules/*.yaml`` by :mod:`wargame.loading`; this module only
describes its shape. Each section carries the name a ruling cites (``combat.table``,
``terrain.mountain``...), so a facilitator can find the number that decided a result.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

from attrs import field, frozen

from wargame.core.enums import Category, OrderKind, Outcome, Posture, RouteKind, Step


@frozen
class Dice:
    """A number of dice of a number of sides, written ``2d6``."""

    count: int
    sides: int

    @classmethod
    def parse(cls, text: str) -> Dice:
        """Read ``NdS``; raises ValueError on anything else."""
        return _parse_dice(text)

    def __str__(self) -> str:
        return f"{self.count}d{self.sides}"

    @property
    def low(self) -> int:
        return self.count

    @property
    def high(self) -> int:
        return self.count * self.sides

    def distribution(self) -> Mapping[int, float]:
        """Probability of each total."""
        return _distribution(self.count, self.sides)


@functools.cache
def _parse_dice(text: str) -> Dice:
    count, sep, sides = text.lower().partition("d")
    if not sep or not count.isdigit() or not sides.isdigit():
        raise ValueError(f"dice must be written like 2d6, not {text!r}")
    dice = Dice(int(count), int(sides))
    if not (1 <= dice.count <= 10 and 2 <= dice.sides <= 100):
        raise ValueError(f"dice {text!r} out of range (1-10 dice of 2-100 sides)")
    return dice


@functools.cache
def _distribution(count: int, sides: int) -> Mapping[int, float]:
    totals = {0: 1.0}
    for _ in range(count):
        nxt: dict[int, float] = {}
        for total, p in totals.items():
            for face in range(1, sides + 1):
                nxt[total + face] = nxt.get(total + face, 0.0) + p / sides
        totals = nxt
    return MappingProxyType(dict(sorted(totals.items())))  # shared by every caller: read-only


@frozen
class Phase:
    """One step of the turn sequence.

    Attributes:
        id: short name, unique in the rule set.
        title: what the console shows.
        orders: the kinds of order sides may give in this phase; they resolve when it ends.
        steps: automatic procedures run after the orders, in this order.
        description: a sentence for the facilitator.
    """

    id: str
    title: str
    orders: tuple[OrderKind, ...] = ()
    steps: tuple[Step, ...] = ()
    description: str = ""


@frozen
class UnitType:
    """What a kind of unit can do, in numbers.

    Attributes:
        name: what people call it.
        category: ground, air (fixed wing) or helicopter.
        mobility: a key of ``RuleSet.mobility``: how fast it goes on each kind of route.
        attack: combat value per 100 personnel (ground) or per aircraft (air support).
        defence: combat value per 100 personnel when attacked.
        strike: air-strike value per aircraft (0: cannot strike).
        range_km: radius of action from its base (aircraft and helicopters).
        capacity: personnel carried per aircraft in one lift (transports).
        recon: bonus to detect enemies in the areas it watches.
        signature: how visible it is (added to others' detection rolls).
        orders: the order kinds it may be given.
        irregular: fights as a guerrilla: can melt away, draws supply from caches.
        airborne: may be dropped by parachute.
        air_assault: may be carried by helicopter.
        expendable: a one-shot attack (suicide cell): spent when it attacks.
        description: a sentence or two.
    """

    name: str
    category: Category
    mobility: str = "none"
    attack: float = 0.0
    defence: float = 0.0
    strike: float = 0.0
    range_km: float = 0.0
    capacity: int = 0
    recon: int = 0
    signature: int = 0
    orders: tuple[OrderKind, ...] = ()
    irregular: bool = False
    airborne: bool = False
    air_assault: bool = False
    expendable: bool = False
    description: str = ""

    @property
    def is_air(self) -> bool:
        return self.category is not Category.GROUND


@frozen
class Terrain:
    """The effects of a kind of ground.

    Attributes:
        name: for people.
        movement: multiplier on the time to enter an area of this terrain.
        defence: multiplier on defenders' combat value.
        concealment: subtracted from enemy detection rolls here.
        air_strike: die modifier for air strikes on units here.
        political_cost: track points lost for an air strike on units here.
        description: why.
    """

    name: str
    movement: float = 1.0
    defence: float = 1.0
    concealment: int = 0
    air_strike: int = 0
    political_cost: int = 0
    description: str = ""


@frozen
class PostureEffect:
    """Multipliers and modifiers for a posture."""

    attack: float = 1.0
    defence: float = 1.0
    concealment: int = 0
    description: str = ""


@frozen
class CombatResult:
    """One cell value of the combat results table.

    Losses are fractions of strength. ``outcome`` is what happens to the defender
    (``repulsed`` means the attacker falls back instead).
    """

    title: str
    attacker_loss: float
    defender_loss: float
    outcome: Outcome


@frozen
class CombatRules:
    """The combat results table and its modifiers.

    Attributes:
        dice: rolled once per combat.
        columns: odds (attack / defence) at which each column starts, ascending.
        table: for each dice total, the result code in each column.
        results: result codes, listed from worst to best for the attacker.
        river_crossing_shift: column shift when attacking over a bridge, ferry or ford.
        surprise_shift: column shift when the defending side had detected none of the attackers.
        ambush_shift: column shift for an ambush.
        raid_shift: column shift for a raid.
        out_of_supply: multiplier on the combat value of a unit with no supply left.
        max_loss_ratio: a side loses at most this many times the other side's personnel in one
            fight (each supporting aircraft counts as 50).
    """

    dice: str
    columns: tuple[float, ...]
    table: dict[int, tuple[str, ...]]
    results: dict[str, CombatResult]
    river_crossing_shift: int = -1
    surprise_shift: int = 1
    ambush_shift: int = 2
    raid_shift: int = 1
    out_of_supply: float = 0.5
    max_loss_ratio: float = 1.0

    def column_labels(self) -> tuple[str, ...]:
        """``1:2``, ``1:1``, ``3:2``... one per column."""
        return _column_labels(self.columns)


@functools.cache
def _column_labels(columns: tuple[float, ...]) -> tuple[str, ...]:
    return tuple(_odds_label(odds) for odds in columns)


def _odds_label(odds: float) -> str:
    if odds >= 1:
        return f"{odds:g}:1" if odds == int(odds) else f"{int(odds * 2)}:2"
    return f"1:{round(1 / odds, 1):g}"


@frozen
class StrikeRules:
    """Air strikes: a dice total plus modifiers gives a fraction of the target lost.

    Attributes:
        dice: rolled once per strike.
        table: for each modified total, the fraction of the target's strength lost;
            totals beyond the table use its nearest end.
        points_per_modifier: strike points (aircraft x strike value) worth +1.
        max_points_modifier: the cap on that bonus.
        caves: modifier when the target area has caves (shelter).
        dispersed: modifier when the target is dispersed.
        detected_this_turn: modifier when ISR or recon found the target this turn.
        political_track: the track a strike in a populated area moves; if set, it is used rather than
            the scenario's political_track (which is used when this is empty).
    """

    dice: str
    table: dict[int, float]
    points_per_modifier: float = 10.0
    max_points_modifier: int = 3
    caves: int = -3
    dispersed: int = -2
    detected_this_turn: int = 1
    political_track: str = ""


@frozen
class AttackRules:
    """IED and suicide attacks on garrisons and checkpoints.

    Attributes:
        dice: rolled once per attack.
        table: for each modified total, the fraction of the target's strength lost.
        checkpoint: modifier when the target stands at a checkpoint (it screens attackers).
        dug_in: modifier when the target is dug in.
        political_track: the track a successful attack moves (fear, legitimacy); if set, it is used
            rather than the scenario's political_track (which is used when this is empty).
        political_threshold: losses at or above this fraction move the track by -1.
    """

    dice: str
    table: dict[int, float]
    checkpoint: int = -1
    dug_in: int = -1
    political_track: str = ""
    political_threshold: float = 0.05


@frozen
class DetectionRules:
    """Detection rolls in the intelligence step.

    Attributes:
        dice: rolled per hidden unit per observing side, when an observer is in reach.
        target: total needed to detect.
        same_area: modifier when an observer shares the area.
        adjacent: modifier when an observer is one route away.
        isr: modifier when an ISR asset watches the area this turn.
        recon: modifier when a unit was ordered to reconnoitre the area.
        guides: modifier when the observing side controls a populated area there.
    """

    dice: str
    target: int
    same_area: int = 3
    adjacent: int = 0
    isr: int = 3
    recon: int = 2
    guides: int = 1


@frozen
class SupplyRules:
    """Supply levels, lines and caches.

    Attributes:
        max_level: a unit in supply is reset to this.
        line_range_km: conventional units are in supply within this road distance of a source.
        cache_range_km: irregulars are in supply within this distance of one of their caches.
        cache_stock: stock of a new cache; one point feeds one unit for one turn.
        attrition: fraction of strength lost each turn at supply level 0.
    """

    max_level: int = 3
    line_range_km: float = 600.0
    cache_range_km: float = 150.0
    cache_stock: int = 6
    attrition: float = 0.05


@frozen
class MatrixRules:
    """Matrix arguments: dice plus modifiers for strong pros and cons."""

    dice: str = "2d6"
    target: int = 7
    strong: int = 1
    max_modifier: int = 2


@frozen
class Season:
    """A span of months that changes movement and air power.

    Attributes:
        name: for people.
        months: the months (1-12) it covers.
        route_costs: multipliers on travel time by route kind.
        terrain_costs: multipliers on travel time into areas by terrain.
        air_strike: die modifier for air strikes.
    """

    name: str
    months: tuple[int, ...]
    route_costs: dict[RouteKind, float] = field(factory=dict)
    terrain_costs: dict[str, float] = field(factory=dict)
    air_strike: int = 0


@frozen
class TrainingRules:
    """Force generation: how fast units in training become ready."""

    days_per_day: float = 1.0
    """Training days completed per calendar day at a training camp."""


@frozen
class RuleSet:
    """Everything the mechanisms need to know, as data.

    Attributes:
        id: the name a scenario uses to pick this rule set.
        title: for people.
        phases: the turn sequence.
        mobility: km per day on each kind of route, per mobility class.
        unit_types: the kinds of unit.
        qualities: multipliers on combat value by training and cohesion.
        terrain: the kinds of ground.
        postures: effects of each posture.
        combat, air_strike, attacks, detection, supply, matrix, training: per mechanism.
        seasons: seasonal changes.
        description: what this rule set is for and where its numbers come from.
    """

    id: str
    title: str
    phases: tuple[Phase, ...]
    mobility: dict[str, dict[RouteKind, float]]
    unit_types: dict[str, UnitType]
    qualities: dict[str, float]
    terrain: dict[str, Terrain]
    postures: dict[Posture, PostureEffect]
    combat: CombatRules
    air_strike: StrikeRules
    attacks: AttackRules
    detection: DetectionRules
    supply: SupplyRules = field(factory=SupplyRules)
    matrix: MatrixRules = field(factory=MatrixRules)
    training: TrainingRules = field(factory=TrainingRules)
    seasons: tuple[Season, ...] = ()
    schema_version: int = 1
    description: str = ""

    def phase(self, phase_id: str) -> Phase:
        """The phase with this id; KeyError if none."""
        for phase in self.phases:
            if phase.id == phase_id:
                return phase
        raise KeyError(phase_id)

    def phase_of(self, kind: OrderKind) -> Phase | None:
        """The first phase that takes orders of this kind."""
        for phase in self.phases:
            if kind in phase.orders:
                return phase
        return None

    def posture(self, posture: Posture) -> PostureEffect:
        return self.postures.get(posture, _NEUTRAL_POSTURE)

    def seasons_in(self, month: int) -> tuple[Season, ...]:
        return tuple(s for s in self.seasons if month in s.months)


_NEUTRAL_POSTURE = PostureEffect()
