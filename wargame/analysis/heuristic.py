"""A greedy heuristic bot: takes objectives, avoids bad odds, melts away when outmatched.

It decides from its side's view only: the legal orders the engine lists for the side
(built from what the side knows) and ``game.view(side)``; never the true state of the
other sides. Each order is scored and each unit takes its best order if the score is
good enough; ties are broken by the policy's seeded random stream.

What it weighs:
* **objectives**: areas its side must take or hold (``controls`` conditions);
* **odds**: attacks only at 2:1 or better by its own estimate; no moves into areas next
  to known enemies much stronger than the mover;
* **irregulars**: melt away when the known enemies in and next to their area outmatch
  them where they stand (their defence with its posture and ground: a dug-in band in the
  mountains holds against much more than one in the open); slip away across a border
  instead, while their side's objectives ask for more fighters out (not suicide cells);
  re-form when no enemy is near; lay IEDs and ambushes on the enemy's likely way;
* **air**: strike the largest known enemy in range; watch the areas around objectives.
"""

from __future__ import annotations

import random

from wargame.core import orders as o
from wargame.core.context import Context
from wargame.core.enums import Category, Feature, Posture
from wargame.core.game import Game
from wargame.core.movement import off_map_areas
from wargame.core.orders import Order, order_units
from wargame.core.scenario import AllOf, AnyOf, Condition, Controls, EscapedAtLeast, Not
from wargame.core.views import SideView, UnitView

GOOD_ODDS = 2.0
"""Attack only at these odds or better (own estimate)."""
OUTMATCHED = 1.5
"""Irregulars melt away when known enemies nearby are this many times stronger."""


def objective_areas(game: Game, side: str) -> set[str]:
    """Areas the side's objectives ask it to hold or take."""
    return {c.area for c in _wanted_conditions(game, side) if isinstance(c, Controls) and c.side == side}


def wants_escapes(game: Game, side: str) -> bool:
    """Whether the side's objectives still ask for more of its fighters across a border (once
    enough are out, the rest stay: they are what it has left to fight with)."""
    escaped = game.state.escaped.get(side, 0)
    return any(
        isinstance(c, EscapedAtLeast) and c.side == side and escaped < c.strength
        for c in _wanted_conditions(game, side)
    )


def _wanted_conditions(game: Game, side: str) -> list[Condition]:
    """The simple conditions the side's objectives ask to be true (those under a ``not`` asked false
    are left out)."""
    found: list[Condition] = []

    def walk(condition: Condition, negated: bool = False) -> None:
        match condition:
            case AllOf(conditions=items) | AnyOf(conditions=items):
                for item in items:
                    walk(item, negated)
            case Not(condition=inner):
                walk(inner, not negated)
            case _ if not negated:
                found.append(condition)

    for objective in game.scenario.sides[side].objectives:
        walk(objective.condition)
    return found


class HeuristicPolicy:
    """Greedy orders from the side's view; see the module docstring for what it weighs."""

    def __init__(self, threshold: float = 0.5) -> None:
        self.threshold = threshold

    def choose(self, game: Game, side: str, rng: random.Random) -> list[Order]:
        view = game.view(side)
        ctx = game.context()
        plan = _Plan(game, ctx, side, view)
        by_unit: dict[str, list[tuple[float, float, Order]]] = {}
        for order in game.legal_orders(side):
            score = plan.score(order)
            if score > self.threshold:
                key = order_units(order)[0] if order_units(order) else f"argue:{side}"
                by_unit.setdefault(key, []).append((score, rng.random(), order))
        chosen: list[Order] = []
        busy: set[str] = set()
        for key in sorted(by_unit):
            for _, _, order in sorted(by_unit[key], key=lambda t: (-t[0], t[1])):
                if not busy & set(order_units(order)):
                    chosen.append(order)
                    busy.update(order_units(order))
                    break
        return chosen


class _Plan:
    """What the side knows and wants, for scoring its orders this phase."""

    def __init__(self, game: Game, ctx: Context, side: str, view: SideView) -> None:
        self.game, self.ctx, self.side, self.view = game, ctx, side, view
        self.scenario = game.scenario
        self.targets = objective_areas(game, side)
        self.mine = {u.id: u for u in view.units if u.own}
        self.enemies = [u for u in view.units if not u.own and ctx.side_hostile(side, u.side)]
        self.enemy_power: dict[str, float] = {}
        self.enemy_attack: dict[str, float] = {}
        for unit in self.enemies:
            self.enemy_power[unit.location] = self.enemy_power.get(unit.location, 0.0) + _power(ctx, unit)
            self.enemy_attack[unit.location] = self.enemy_attack.get(unit.location, 0.0) + _striking(ctx, unit)
        self.exits = _exits(game, ctx, side) if wants_escapes(game, side) else []
        """Border areas its irregulars may escape into, while its objectives ask for more escapes."""
        control = game.state.control
        self.wanted = [t for t in self.targets if control.get(t) != side] or list(self.targets)
        """The objective areas still to take (all of them once every one is held)."""
        self.garrisons: dict[str, str] = {}
        """Objective area its side holds -> the unit that stays there: its first formed ground unit by id."""
        for unit in sorted(self.mine.values(), key=lambda u: u.id):
            formed = unit.posture is not Posture.DISPERSED and ctx.unit_type(unit.type).category is Category.GROUND
            if formed and unit.location in self.targets and control.get(unit.location) == side:
                self.garrisons.setdefault(unit.location, unit.id)
        self._to_target: dict[str, float] = {}
        self._threat: dict[str, float] = {}

    def threat(self, area: str) -> float:
        """Known enemy power in and next to an area (memoised for the phase)."""
        if area not in self._threat:
            self._threat[area] = self._near(self.enemy_power, area)
        return self._threat[area]

    def _near(self, by_area: dict[str, float], area: str) -> float:
        return by_area.get(area, 0.0) + sum(by_area.get(n, 0.0) for n in self.ctx.neighbours(area))

    def outmatched(self, unit: UnitView) -> bool:
        """Whether the known enemies in and next to the unit's area could break it where it stands:
        their attack against its defence there (posture and ground count, as in combat)."""
        return self._near(self.enemy_attack, unit.location) > OUTMATCHED * _holding(self.ctx, unit)

    def distance_to_exit(self, area: str) -> float:
        return min(self.ctx.distance(area, e) for e in self.exits)

    def distance_to_target(self, area: str) -> float:
        """km to the nearest objective area still to take (memoised for the phase)."""
        if area not in self._to_target:
            self._to_target[area] = min((self.ctx.distance(area, t) for t in self.wanted), default=0.0)
        return self._to_target[area]

    def score(self, order: Order) -> float:
        match order:
            case o.Attack(units=units, area=area, support=support):
                own = sum(_power(self.ctx, self.mine[u]) for u in units + support if u in self.mine)
                odds = own / max(self.enemy_power.get(area, 0.0), 0.01)
                return 2.0 + min(odds, 6) / 3 + (1.0 if area in self.targets else 0.0) if odds >= GOOD_ODDS else 0.0
            case o.Move(unit=unit_id, to=to):
                return self._move(self.mine[unit_id], to)
            case o.AirStrike(unit=unit_id, target=target):
                enemy = next((u for u in self.enemies if u.id == target), None)
                if enemy is None:
                    return 0.0
                score = 1.5 + enemy.strength / 500
                return score * self._political_restraint(enemy.location)
            case o.Isr(area=area) | o.Recon(area=area):
                near_target = min((self.ctx.distance(area, t) for t in self.targets), default=1e9) < 150
                return 1.0 + (0.5 if near_target else 0.0) + (0.5 if area in self.enemy_power else 0.0)
            case o.Disperse(unit=unit_id):
                return 3.0 if self.outmatched(self.mine[unit_id]) else 0.0
            case o.Reform(unit=unit_id):
                return 1.0 if self.threat(self.mine[unit_id].location) == 0 else 0.0
            case o.DigIn(unit=unit_id):
                unit = self.mine[unit_id]
                held = unit.location in self.targets or self.threat(unit.location) > 0
                return 1.0 if held and unit.posture is not Posture.DUG_IN else 0.0
            case o.Ied(area=area) | o.Raid(area=area):
                return 1.2 if area in self.enemy_power else 0.0
            case o.SuicideAttack():
                return 1.5
            case o.Ambush(unit=unit_id):
                return 0.8 if self.threat(self.mine[unit_id].location) > 0 else 0.0
            case o.PlaceCache(unit=unit_id):
                caches = {area for area, _ in self.view.caches}
                return 0.7 if self.mine[unit_id].location not in caches else 0.0
            case o.Argue():
                return 1.0
            case o.Train():
                return 2.0
            case o.Airlift(to=to) | o.AirInsertion(to=to):
                return 1.0 if to in self.targets and self.game.state.control.get(to) != self.side else 0.0
            case _:
                return 0.0

    def _political_restraint(self, area: str) -> float:
        """Strikes in towns cost the political track: the lower it is, the more a bot holds back."""
        track = self.scenario.political_track
        if not track or not self.ctx.scenario.areas[area].has(Feature.POPULATION):
            return 1.0
        spec = self.scenario.tracks_by_id.get(track)
        if spec is None:
            return 1.0
        room = (self.game.state.tracks.get(track, spec.start) - spec.min) / max(spec.max - spec.min, 1)
        return 0.2 + 0.8 * room  # a fresh mandate strikes freely; a spent one hardly at all

    def _move(self, unit: UnitView, to: str) -> float:
        if self.ctx.unit_type(unit.type).category is not Category.GROUND:
            return 0.0
        if self._escaping(unit):
            return self._escape(unit, to)
        if unit.posture is Posture.DISPERSED:
            return 0.0
        here = self.distance_to_target(unit.location)
        there = self.distance_to_target(to)
        power = _power(self.ctx, unit)
        if self.threat(to) > 2 * power:
            return 0.0  # do not walk into a much stronger enemy
        if self._garrison(unit):
            return 0.0  # hold what the objectives ask for
        gain = (here - there) / 100
        return 1.0 + gain if gain > 0.2 else 0.0

    def _escaping(self, unit: UnitView) -> bool:
        """An irregular that makes for the border: outmatched where it stands, or dispersed with
        enemies near (a dispersed band cannot hold, but it can slip away)."""
        kind = self.ctx.unit_type(unit.type)
        if not self.exits or not kind.irregular or kind.expendable:
            return False  # a suicide cell has nothing to save by running
        if unit.posture is Posture.DISPERSED:
            return self.threat(unit.location) > 0
        return self.outmatched(unit)

    def _escape(self, unit: UnitView, to: str) -> float:
        """Moves that bring the unit nearer a border it may cross score above melting away."""
        if to in self.exits:
            return 4.5
        gain = (self.distance_to_exit(unit.location) - self.distance_to_exit(to)) / 100
        return 3.5 + min(gain, 1.0) if gain > 0.1 else 0.0

    def _garrison(self, unit: UnitView) -> bool:
        """Whether the unit garrisons an objective area its side holds: the first of its formed
        ground units there (by id) stays; the others may go on to the next objective."""
        return self.garrisons.get(unit.location) == unit.id


def _power(ctx: Context, unit: UnitView) -> float:
    t = ctx.unit_type(unit.type)
    value = max(t.attack, t.defence)
    return value * (unit.strength if t.category is not Category.GROUND else unit.strength / 100)


def _holding(ctx: Context, unit: UnitView) -> float:
    """An own ground unit's defence where it stands: strength, posture and ground, as combat counts them."""
    t = ctx.unit_type(unit.type)
    terrain = ctx.rules.terrain[ctx.scenario.areas[unit.location].terrain].defence
    return t.defence * unit.strength / 100 * ctx.rules.posture(unit.posture).defence * terrain


def _striking(ctx: Context, unit: UnitView) -> float:
    """A known enemy's attack, by its estimated strength (air units by their number)."""
    t = ctx.unit_type(unit.type)
    return t.attack * (unit.strength if t.category is not Category.GROUND else unit.strength / 100)


def _exits(game: Game, ctx: Context, side: str) -> list[str]:
    """Off-map areas held by nobody that the side's irregulars may enter (they escape there)."""
    control, areas = game.state.control, game.scenario.areas
    return [
        a
        for a in sorted(off_map_areas(ctx))
        if control.get(a) is None and (not areas[a].open_to or side in areas[a].open_to)
    ]
