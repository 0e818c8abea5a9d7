"""Side views: the one projection that decides what a side may see.

A side sees its own units fully; of every other side's units, only those it has
detected (where, what, and a rounded estimate of their strength); the areas' control;
the public tracks; its own objectives, caches and IEDs; and the events of the log it
is entitled to. The console's side view, side exports and the log as a side sees it
are all built from :func:`side_view`; nothing else decides what a side may see.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from attrs import frozen

from wargame.core.enums import Category, Posture, Status
from wargame.core.events import Event

if TYPE_CHECKING:
    from wargame.core.game import Game
    from wargame.core.scenario import Scenario

ESTIMATE_STEP = 50
"""Personnel of detected enemy ground units are rounded to this many (an estimate, not a count);
aircraft are counted as they are seen."""


@frozen
class UnitView:
    """A unit as a side sees it. ``own`` is False for detected units of other sides."""

    id: str
    name: str
    side: str
    faction: str
    type: str
    location: str
    posture: Posture
    strength: int
    own: bool
    supply: int | None = None
    detected: bool | None = None
    """For own units: whether any other side knows where it is (None for others)."""


@frozen
class SideView:
    """Everything one side may see at one moment."""

    side: str
    turn: int
    phase: str
    date: dt.date
    units: tuple[UnitView, ...]
    control: dict[str, str | None]
    tracks: dict[str, int]
    objectives: dict[str, bool]
    caches: tuple[tuple[str, int], ...]
    """(area, stock) of the side's own caches."""
    hazards: tuple[str, ...]
    """Areas where the side has IEDs waiting."""
    log: tuple[Event, ...]

    def unit(self, unit_id: str) -> UnitView | None:
        return next((u for u in self.units if u.id == unit_id), None)

    def units_in(self, area: str) -> tuple[UnitView, ...]:
        return tuple(u for u in self.units if u.location == area)


def estimate(strength: int, *, ground: bool = True) -> int:
    """A detected enemy's strength as an observer would put it: a ground unit's personnel to the
    nearest 50 (never below), an air unit's aircraft as counted."""
    if not ground:
        return strength
    return max(ESTIMATE_STEP, round(strength / ESTIMATE_STEP) * ESTIMATE_STEP)


def _is_ground(scenario: Scenario, unit_type: str) -> bool:
    return scenario.rules.unit_types[unit_type].category is Category.GROUND


def side_view(game: Game, side: str) -> SideView:
    state, scenario = game.state, game.scenario
    units = []
    for unit in sorted(state.units.values(), key=lambda u: u.id):
        if unit.status is not Status.ACTIVE:
            continue
        own = unit.side == side
        if not own and side not in unit.detected_by:
            continue
        definition = scenario.units[unit.id]
        units.append(
            UnitView(
                id=unit.id,
                name=definition.name,
                side=unit.side,
                faction=unit.faction,
                type=unit.type,
                location=unit.location,
                posture=unit.posture,
                strength=unit.strength if own else estimate(unit.strength, ground=_is_ground(scenario, unit.type)),
                own=own,
                supply=unit.supply if own else None,
                detected=bool(set(unit.detected_by) - {side}) if own else None,
            )
        )
    objectives = {o.id: state.objectives[o.id].met for o in scenario.sides[side].objectives}
    return SideView(
        side=side,
        turn=state.turn,
        phase=game.phase.id,
        date=game.date,
        units=tuple(units),
        control=dict(state.control),
        tracks=dict(state.tracks),
        objectives=objectives,
        caches=tuple(
            (c.area, c.stock)
            for c in sorted(state.caches.values(), key=lambda c: c.id)
            if scenario.side_of_faction.get(c.faction) == side
        ),
        hazards=tuple(sorted({h.area for h in state.hazards.values() if h.side == side})),
        log=game.visible_log(side),
    )
