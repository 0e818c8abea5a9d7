"""The closed vocabularies of the game model.

Anything a mechanism in code switches on is an enum here; anything that is only a
number or a name a designer may add to (terrain types, unit types, qualities) is
data in the rule set instead.
"""

from __future__ import annotations

import enum


class _Named(enum.StrEnum):
    """A string enum whose value is the snake_case word used in YAML."""

    def __str__(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        """The value as words, for people: ``air_strike`` -> ``air strike``."""
        return self.value.replace("_", " ")


class RouteKind(_Named):
    """How a route between two areas is travelled."""

    PAVED_ROAD = "paved_road"
    """A tarmac road (RN6, RN16): fast for wheels."""
    TRACK = "track"
    """An unpaved track or piste (RN19 north of Gao, the Tilemsi tracks)."""
    DESERT = "desert"
    """Open desert or reg with no track."""
    BRIDGE = "bridge"
    """A road that crosses the river on a bridge or a dam (Wabaria, Markala)."""
    FERRY = "ferry"
    """A river crossing by ferry (the Kabara bac for Timbuktu)."""
    FORD = "ford"
    """A low-water ford or causeway."""
    RIVER = "river"
    """Along or across the water by boat or canoe; only boat-capable units."""
    AIR = "air"
    """A link that only aircraft and airlift use (to an off-map base)."""

    @property
    def is_crossing(self) -> bool:
        """True for the three kinds that take ground units over the river."""
        return self in _CROSSINGS


_CROSSINGS = frozenset({RouteKind.BRIDGE, RouteKind.FERRY, RouteKind.FORD})


class Feature(_Named):
    """A property of an area that some mechanism uses."""

    AIRFIELD = "airfield"
    """Fixed-wing aircraft can be based here and airlift can land."""
    WATER = "water"
    """Wells, gueltas or a river: irregulars can hold out here without a cache."""
    CAVES = "caves"
    """Caves and rock shelters that protect from air attack."""
    BORDER = "border"
    """On an international border. Informative: no rule reads it. Units escape by moving into an escape
    area (``off_map`` with no ``control``), which a route from here may lead to."""
    POPULATION = "population"
    """A town: air strikes here carry a political cost."""
    CHECKPOINT = "checkpoint"
    """A manned checkpoint: IEDs and suicide attacks on troops here take the checkpoint modifier
    (``attacks.checkpoint``), and its garrison is their first target. It gives no detection bonus."""
    SUPPLY_BASE = "supply_base"
    """A depot: conventional forces of the side that controls it draw supply from it."""
    TRAINING_CAMP = "training_camp"
    """Units in training complete it here (Koulikoro)."""
    OFF_MAP = "off_map"
    """Outside the theatre. With ``control``, that side's base (France, N'Djamena): only its units go
    there. Without, an escape area: only irregulars (of the sides in ``open_to``) go there, and they have
    then escaped. Use it with ``terrain: off_map``."""


class Bank(_Named):
    """Which side of the Niger an area lies on (facing downstream)."""

    LEFT = "left"
    RIGHT = "right"


class Category(_Named):
    """Broad classes of unit that different mechanisms treat differently."""

    GROUND = "ground"
    AIR = "air"
    HELICOPTER = "helicopter"


class Posture(_Named):
    """How a unit stands: changes its combat values and how hard it is to see."""

    MOVING = "moving"
    ATTACKING = "attacking"
    DEFENDING = "defending"
    DUG_IN = "dug_in"
    DISPERSED = "dispersed"
    """Melted away: broken into small groups, hard to find, unable to attack or hold ground."""
    AMBUSH = "ambush"
    """Lying in wait for the next enemy to enter the area."""


class Status(_Named):
    """Where a unit is in its life."""

    PENDING = "pending"
    """Not yet arrived (a reinforcement)."""
    ACTIVE = "active"
    DESTROYED = "destroyed"
    ESCAPED = "escaped"
    """Left the theatre across a border."""
    WITHDRAWN = "withdrawn"
    """Taken out of the game by an inject or an expended one-shot attack."""


class Stance(_Named):
    """The relation between two factions."""

    ALLIED = "allied"
    NEUTRAL = "neutral"
    HOSTILE = "hostile"


class CrossingState(_Named):
    """The condition of a route, mostly of river crossings."""

    OPEN = "open"
    BLOCKED = "blocked"
    """Held shut: no ground unit of a side hostile to the blocker passes."""
    MINED = "mined"
    """Passable, but each crossing risks losses."""
    DESTROYED = "destroyed"
    """Impassable until repaired."""


class Mode(_Named):
    """How a ruling is made (professional practice: rigid, semi-rigid, free, matrix)."""

    RIGID = "rigid"
    """The tables and dice decide."""
    SEMI_RIGID = "semi_rigid"
    """The game stops at a ruling that has more than one possible result: the engine proposes the most
    likely, best and worst with their odds, and the facilitator accepts one, picks any other of the
    ruling's results, or rolls (``Game.decide``)."""
    FREE = "free"
    """Played exactly as semi-rigid: the game stops and the facilitator settles the ruling, with any of its
    results (its code, and a reason for the record) or the dice. The difference is the intent, recorded in
    the ruling: the facilitator judges rather than accepts a proposal. No result outside the ruling's own
    can be given (for other consequences, write an inject); ``Game.override`` replaces any result later."""
    MATRIX = "matrix"
    """Arguments only: pros and cons, resolved on the dice (2d6, 7+). Other order kinds have no matrix
    adjudication (the scenario checks refuse it for them)."""


class OrderKind(_Named):
    """Every kind of order a side can give."""

    MOVE = "move"
    ATTACK = "attack"
    AIR_STRIKE = "air_strike"
    AIRLIFT = "airlift"
    AIR_INSERTION = "air_insertion"
    REBASE = "rebase"
    RECON = "recon"
    ISR = "isr"
    DIG_IN = "dig_in"
    DISPERSE = "disperse"
    REFORM = "reform"
    AMBUSH = "ambush"
    RAID = "raid"
    IED = "ied"
    SUICIDE_ATTACK = "suicide_attack"
    CACHE = "cache"
    BLOCK_CROSSING = "block_crossing"
    MINE_CROSSING = "mine_crossing"
    DESTROY_CROSSING = "destroy_crossing"
    REPAIR_CROSSING = "repair_crossing"
    TRAIN = "train"
    ARGUMENT = "argument"


class Step(_Named):
    """An automatic procedure a phase runs when it resolves, after its orders."""

    INJECTS = "injects"
    DETECTION = "detection"
    REINFORCEMENTS = "reinforcements"
    SUPPLY = "supply"
    ASSESSMENT = "assessment"


class Outcome(_Named):
    """What happens to a defender, or to the target of any attack."""

    HOLDS = "holds"
    RETREATS = "retreats"
    BREAKS = "breaks"
    """Retreats and is disorganised: loses its supply."""
    SHATTERED = "shattered"
    """Survivors disperse or are destroyed."""
    REPULSED = "repulsed"
    """The attack failed and the attacker falls back."""
