"""Playtesting a scenario: many seeded bot games, and what a designer should look at.

:func:`playtest` plays N games (seeds S..S+N-1) and gathers, across all of them: units
that never moved, areas never entered, objectives never or always met, injects that never
fired, tracks that never moved, how long turns take, and every engine error (with the
seed to reproduce it). The games are the same random legal play that
:mod:`wargame.testing` offers to hypothesis, so a problem found here can be replayed
in a property test.
"""

from __future__ import annotations

import statistics
import time
import traceback
from collections.abc import Callable

from attrs import define, field

from wargame.analysis.policies import RandomPolicy
from wargame.analysis.runner import play
from wargame.core.events import PhaseBegan, Ruling, StatusChanged, UnitMoved
from wargame.core.game import Game
from wargame.core.scenario import Scenario


def random_game(scenario: Scenario, seed: int, *, turns: int | None = None) -> Game:
    """A game played to the end (or ``turns``) by random legal policies on every side."""
    game = Game(scenario, seed=seed)
    play(game, dict.fromkeys(scenario.sides, RandomPolicy()), seed=seed, turns=turns)
    return game


@define
class PlaytestReport:
    """What many games of a scenario showed."""

    scenario: Scenario
    seeds: list[int]
    endings: dict[str, int] = field(factory=dict)
    errors: list[tuple[int, str]] = field(factory=list)
    """(seed, the error's last lines) for every game that failed."""
    moved: set[str] = field(factory=set)
    entered: set[str] = field(factory=set)
    met_at_end: dict[str, int] = field(factory=dict)
    met_ever: dict[str, int] = field(factory=dict)
    fired: dict[str, int] = field(factory=dict)
    track_moved: set[str] = field(factory=set)
    turn_seconds: list[float] = field(factory=list)
    turn_events: list[int] = field(factory=list)

    @property
    def games(self) -> int:
        return len(self.seeds) - len(self.errors)

    def never_moved(self) -> list[str]:
        """Units that never moved in any game (aircraft rebasing counts as moving)."""
        return [u for u in self.scenario.units if u not in self.moved]

    def never_entered(self) -> list[str]:
        return [a.id for a in self.scenario.map.areas if a.id not in self.entered]

    def never_fired(self) -> list[str]:
        return [i.id for i in self.scenario.injects if not self.fired.get(i.id)]

    def still_tracks(self) -> list[str]:
        return [t.id for t in self.scenario.tracks if t.id not in self.track_moved]

    def objective_flags(self) -> list[tuple[str, str, str, float, float, str]]:
        """(side, id, title, share met at the end, share ever met, flag) per objective."""
        out = []
        games = max(self.games, 1)
        for objective_id, (side, objective) in self.scenario.objectives.items():
            end = self.met_at_end.get(objective_id, 0) / games
            ever = self.met_ever.get(objective_id, 0) / games
            flag = "NEVER MET" if ever == 0 else "ALWAYS MET" if end == 1 else ""
            out.append((side, objective_id, objective.title, end, ever, flag))
        return out


def playtest(
    scenario: Scenario,
    games: int,
    *,
    seed: int = 1,
    turns: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> PlaytestReport:
    """Play ``games`` seeded games and collect what a designer should look at."""
    report = PlaytestReport(scenario, list(range(seed, seed + games)))
    for i, game_seed in enumerate(report.seeds):
        try:
            started = time.perf_counter()
            game = random_game(scenario, game_seed, turns=turns)
            elapsed = time.perf_counter() - started
        except Exception:
            report.errors.append((game_seed, "".join(traceback.format_exc().splitlines(True)[-4:])))
        else:
            _collect(report, game, elapsed)
        if progress is not None:
            progress(i + 1)
    return report


def _collect(report: PlaytestReport, game: Game, elapsed: float) -> None:
    scenario = game.scenario
    ending = game.state.ended or "stopped before the end"
    report.endings[ending] = report.endings.get(ending, 0) + 1
    start_areas = {u.at for u in scenario.units.values()}
    report.entered |= start_areas
    ever_met: set[str] = set()
    turns: dict[int, int] = {}
    for event in game.log:
        if isinstance(event, PhaseBegan):
            turns[event.turn] = turns.get(event.turn, 0)
        if not isinstance(event, Ruling):
            continue
        turns[event.turn] = turns.get(event.turn, 0) + 1
        if event.mechanic == "inject":
            inject = event.source.removeprefix("inject:")
            report.fired[inject] = report.fired.get(inject, 0) + 1
        for change in event.changes:
            if isinstance(change, UnitMoved):
                report.moved.add(change.unit)
                report.entered.update(change.path)
            elif isinstance(change, StatusChanged) and change.at:
                report.entered.add(change.at)
            elif change.tag == "track_changed" and change.delta:
                report.track_moved.add(change.track)
            elif change.tag == "objective_changed" and change.met:
                ever_met.add(change.objective)
    for objective_id in ever_met:
        report.met_ever[objective_id] = report.met_ever.get(objective_id, 0) + 1
    for objective_id, status in game.state.objectives.items():
        if status.met:
            report.met_at_end[objective_id] = report.met_at_end.get(objective_id, 0) + 1
    if turns:
        report.turn_seconds.append(elapsed / len(turns))
        report.turn_events.extend(turns.values())


def format_report(report: PlaytestReport) -> list[str]:
    """The report as lines of text for the terminal."""
    s = report.scenario
    lines = [f"playtest {s.id}: {len(report.seeds)} games (seeds {report.seeds[0]}-{report.seeds[-1]})"]
    for ending, count in sorted(report.endings.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {count:>4} ended: {ending}")
    if report.errors:
        lines.append(f"ENGINE ERRORS in {len(report.errors)} games:")
        for seed, text in report.errors:
            lines.append(f"  seed {seed}: " + text.strip().replace("\n", "\n    "))
    else:
        lines.append("  engine errors: none")
    lines.append("Objectives (met at the end / met at some point):")
    for side, objective_id, title, end, ever, flag in report.objective_flags():
        lines.append(f"  {side:<6} {objective_id:<24} {end:>5.0%} / {ever:>4.0%}  {flag:<10} {title}")
    lines.append(_listing("Injects never published", report.never_fired()))
    lines.append(_listing("Tracks that never moved", report.still_tracks()))
    lines.append(_listing("Units that never moved", report.never_moved()))
    lines.append(_listing("Areas never entered", report.never_entered()))
    if report.turn_seconds:
        lines.append(
            f"Turns: median {statistics.median(report.turn_seconds) * 1000:.1f} ms of play, "
            f"median {statistics.median(report.turn_events):.0f} rulings a turn (max {max(report.turn_events)})"
        )
    return lines


def _listing(title: str, items: list[str]) -> str:
    return f"{title}: {', '.join(items) if items else 'none'}"
