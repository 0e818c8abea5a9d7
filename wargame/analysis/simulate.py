"""Replications: the same scenario and plan played many times, to see the spread of outcomes.

Run ``i`` of a simulation with seed ``S`` plays with game seed ``S + i``; runs are
independent and their records are sorted by run number, so the results are identical
whatever the number of processes (or a Dask cluster) used. Each run yields a
:class:`RunRecord`: when each objective was first met and whether it held at the end,
each side's losses, each track's final value, when each area changed hands, and how
the game ended.

From Python::

    from wargame.analysis import simulate
    result = simulate("konna-2013", runs=200, seed=1, jobs=2)
    print(result.summary_text())
    result.write("out/")          # runs.csv, runs.json, report.html
"""

from __future__ import annotations

import csv
import functools
import io
import json
import statistics
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from attrs import asdict, define, field

from wargame.analysis.heuristic import HeuristicPolicy
from wargame.analysis.policies import RandomPolicy
from wargame.analysis.runner import play
from wargame.core.enums import Category
from wargame.core.events import Ruling
from wargame.core.game import Game
from wargame.core.scenario import Scenario

POLICIES: dict[str, Callable[[], object]] = {"heuristic": HeuristicPolicy, "random": RandomPolicy, "none": lambda: None}


@define
class RunRecord:
    """One replication's outcome."""

    run: int
    seed: int
    ended: str
    turns: int
    objectives_met: dict[str, bool]
    objectives_first_met: dict[str, int | None]
    """Objective -> the turn it was first met (None: never)."""
    losses: dict[str, int]
    """Side -> ground personnel lost (killed, destroyed, or escaped counts separately)."""
    escaped: dict[str, int]
    tracks: dict[str, int]
    control_changes: dict[str, list[int]]
    """Area -> the turns in which it changed hands."""
    final_control: dict[str, str | None]
    refused: int = 0
    error: str = ""
    losses_by_faction: dict[str, int] = field(factory=dict)
    """Faction -> ground personnel lost (as ``losses``, one faction at a time)."""
    first_entry: dict[str, dict[str, int]] = field(factory=dict)
    """Area -> side -> the first turn a ground unit of that side stood in it or passed through it (1: there
    at the start)."""


@define
class Spec:
    """What to replicate: a scenario reference, the policies by side, and an optional plan."""

    scenario: str
    policies: dict[str, str]
    plan: str | None = None
    turns: int | None = None


def run_one(spec: Spec, run: int, seed: int) -> RunRecord:
    """Play one replication (in any process: loads the scenario itself, once per process)."""
    scenario = cached_scenario(spec.scenario)
    script = _plan(spec.plan, spec.scenario)
    game = Game(scenario, seed=seed)
    policies = {side: POLICIES[spec.policies.get(side, "heuristic")]() for side in scenario.sides}
    try:
        result = play(game, policies, seed=seed, script=script.orders_for if script else None, turns=spec.turns)
    except Exception as exc:
        return _record(game, run, seed, error=f"{type(exc).__name__}: {exc}")
    return _record(game, run, seed, refused=len(result.refused))


@functools.cache
def cached_scenario(ref: str) -> Scenario:
    """A scenario loaded once per process (each worker process loads its own)."""
    from wargame.loading import load_scenario

    return load_scenario(ref)


@functools.cache
def _plan(ref: str | None, scenario_ref: str):
    if ref is None:
        return None
    from wargame.loading.orders_file import load_orders

    return load_orders(ref, cached_scenario(scenario_ref))


def _record(game: Game, run: int, seed: int, *, refused: int = 0, error: str = "") -> RunRecord:
    scenario, state = game.scenario, game.state
    first_met: dict[str, int | None] = dict.fromkeys(scenario.objectives)
    changes: dict[str, list[int]] = {a.id: [] for a in scenario.map.areas}
    types = scenario.rules.unit_types
    ground = {u.id for _, u in scenario.iter_units() if types[u.type].category is Category.GROUND}
    entry: dict[str, dict[str, int]] = {}
    side_now = {unit.id: side_id for side_id, unit in scenario.iter_units()}  # as the log goes: units change sides
    for side_id, unit in scenario.iter_units():
        if unit.arrives is None and unit.id in ground:
            _entered(entry, side_id, (unit.at,), 1)
    for event in game.log:
        if not isinstance(event, Ruling):
            continue
        for change in event.changes:
            if change.tag == "objective_changed" and change.met and first_met.get(change.objective) is None:
                first_met[change.objective] = event.turn
            elif change.tag == "control_changed":
                changes[change.area].append(event.turn)
            elif change.tag == "faction_changed":
                side_now[change.unit] = change.side
            elif change.tag in ("unit_moved", "status_changed") and change.unit in ground:
                areas = (change.path or (change.to,)) if change.tag == "unit_moved" else (change.at,)  # arrival
                _entered(entry, side_now[change.unit], filter(None, areas), event.turn)
    return RunRecord(
        run=run,
        seed=seed,
        ended=state.ended or "stopped",
        turns=state.turn,
        objectives_met={o: s.met for o, s in state.objectives.items()},
        objectives_first_met=first_met,
        losses={side: _ground_losses(scenario, state, lambda u, side=side: u.side == side) for side in scenario.sides},
        escaped=dict(state.escaped),
        tracks=dict(state.tracks),
        control_changes=changes,
        final_control=dict(state.control),
        refused=refused,
        error=error,
        losses_by_faction={
            faction: _ground_losses(scenario, state, lambda u, faction=faction: u.faction == faction)
            for faction in scenario.factions
        },
        first_entry={area: dict(sorted(sides.items())) for area, sides in sorted(entry.items())},
    )


def _entered(entry: dict[str, dict[str, int]], side: str, areas: Iterable[str], turn: int) -> None:
    for area in areas:
        entry.setdefault(area, {}).setdefault(side, turn)


def _ground_losses(scenario: Scenario, state, belongs: Callable[[object], bool]) -> int:
    """Ground personnel lost by the units that ``belongs`` picks (arrived, not escaped)."""
    return sum(
        u.start_strength - u.strength
        for u in state.units.values()
        if belongs(u)
        and scenario.rules.unit_types[u.type].category is Category.GROUND
        and u.status.value not in ("pending", "escaped")
    )


# -- running many --------------------------------------------------------------------------------------


@define
class SimulationResult:
    """Every run's record, and summaries of them."""

    scenario: Scenario
    spec: Spec
    seed: int
    records: list[RunRecord] = field(factory=list)

    def objective_summary(self) -> list[dict]:
        """Per objective: share met at the end, share ever met, and the turn first met (median, 10-90%)."""
        out = []
        for objective_id, (side, objective) in self.scenario.objectives.items():
            turns = [
                r.objectives_first_met[objective_id] for r in self.records if r.objectives_first_met.get(objective_id)
            ]
            first_met = _spread(turns)
            out.append(
                {
                    "side": side,
                    "id": objective_id,
                    "title": objective.title,
                    "met_at_end": _share(r.objectives_met.get(objective_id, False) for r in self.records),
                    "met_ever": len(turns) / max(len(self.records), 1),
                    "first_met": first_met,
                    "first_met_date": {k: self._date(v) for k, v in first_met.items()} if turns else {},
                }
            )
        return out

    def loss_summary(self) -> dict[str, dict[str, float]]:
        return {side: _spread([r.losses[side] for r in self.records]) for side in self.scenario.sides}

    def track_summary(self) -> dict[str, dict[str, float]]:
        return {t.id: _spread([r.tracks.get(t.id, t.start) for r in self.records]) for t in self.scenario.tracks}

    def control_summary(self) -> list[dict]:
        """Per area that changed hands in any run: how often, when first (median, 10-90%), and who held it last."""
        out = []
        for area in self.scenario.map.areas:
            first = [r.control_changes[area.id][0] for r in self.records if r.control_changes.get(area.id)]
            if not first:
                continue
            first_change = _spread(first)
            holders: dict[str, int] = {}
            for record in self.records:
                holder = record.final_control.get(area.id) or "nobody"
                holders[holder] = holders.get(holder, 0) + 1
            out.append(
                {
                    "area": area.id,
                    "name": area.name,
                    "changed": len(first) / len(self.records),
                    "first_change": first_change,
                    "first_change_date": {k: self._date(v) for k, v in first_change.items()},
                    "final_holders": {k: v / len(self.records) for k, v in sorted(holders.items())},
                }
            )
        return out

    def _date(self, turn: float) -> str:
        return f"{self.scenario.turn_start(max(1, round(turn))):%d %b %Y}"

    def summary(self) -> dict:
        endings: dict[str, int] = {}
        for record in self.records:
            endings[record.ended] = endings.get(record.ended, 0) + 1
        return {
            "scenario": self.scenario.id,
            "runs": len(self.records),
            "seed": self.seed,
            "policies": self.spec.policies,
            "plan": self.spec.plan,
            "errors": [{"run": r.run, "seed": r.seed, "error": r.error} for r in self.records if r.error],
            "endings": endings,
            "objectives": self.objective_summary(),
            "losses": self.loss_summary(),
            "tracks": self.track_summary(),
            "control": self.control_summary(),
        }

    def summary_text(self) -> str:
        from wargame.analysis.present import summary_lines

        return "\n".join(summary_lines(self))

    def csv_text(self) -> str:
        """One row per run: seed, ending, turns, each objective (met, first turn), losses, tracks."""
        s = self.scenario
        head = ["run", "seed", "ended", "turns", "refused", "error"]
        head += [f"met:{o}" for o in s.objectives] + [f"first_met:{o}" for o in s.objectives]
        head += [f"losses:{side}" for side in s.sides] + [f"escaped:{side}" for side in s.sides]
        head += [f"track:{t.id}" for t in s.tracks]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(head)
        for r in self.records:
            writer.writerow(
                [r.run, r.seed, r.ended, r.turns, r.refused, r.error]
                + [int(r.objectives_met.get(o, False)) for o in s.objectives]
                + [r.objectives_first_met.get(o) or "" for o in s.objectives]
                + [r.losses[side] for side in s.sides]
                + [r.escaped.get(side, 0) for side in s.sides]
                + [r.tracks.get(t.id, t.start) for t in s.tracks]
            )
        return buffer.getvalue()

    def json_text(self) -> str:
        return json.dumps({"summary": self.summary(), "runs": [asdict(r) for r in self.records]}, indent=1)

    def write(self, folder: Path | str) -> list[Path]:
        """Write runs.csv, runs.json and report.html into ``folder``."""
        from wargame.analysis.present import html_report

        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        files = {"runs.csv": self.csv_text(), "runs.json": self.json_text(), "report.html": html_report(self)}
        for name, text in files.items():
            (out / name).write_text(text, encoding="utf-8")
        return [out / name for name in files]


def _share(values: Iterable[bool]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0


def _spread(values: list[float]) -> dict[str, float]:
    """Median and the 10th and 90th percentiles (empty: {})."""
    if not values:
        return {}
    ordered = sorted(values)
    if len(ordered) == 1:
        return {"p10": ordered[0], "median": ordered[0], "p90": ordered[0]}
    deciles = statistics.quantiles(ordered, n=10, method="inclusive")
    return {"p10": deciles[0], "median": statistics.median(ordered), "p90": deciles[-1]}


def simulate(
    scenario: str,
    runs: int,
    *,
    seed: int = 1,
    policies: Mapping[str, str] | None = None,
    plan: str | None = None,
    jobs: int = 1,
    turns: int | None = None,
    scheduler: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> SimulationResult:
    """Play ``runs`` replications of a scenario (id or path) and collect their records.

    ``policies`` maps sides to ``heuristic`` (default), ``random`` or ``none``; ``plan`` is an
    orders file played first, the policies filling in. ``jobs`` processes share the runs;
    ``scheduler`` (a Dask scheduler address) sends them to a cluster instead. The records
    are the same whatever ``jobs`` or ``scheduler``.
    """
    loaded = cached_scenario(scenario)
    if plan is not None:
        _plan(plan, scenario)  # fail early, with the file's problems, before starting processes
    names = {side: (policies or {}).get(side, "heuristic") for side in loaded.sides}
    for name in names.values():
        if name not in POLICIES:
            raise ValueError(f"unknown policy {name!r}: use {', '.join(POLICIES)}")
    spec = Spec(scenario, names, plan, turns)
    tasks = [(spec, i, seed + i) for i in range(runs)]
    if scheduler is not None:
        records = _on_dask(scheduler, tasks, progress)
    elif jobs <= 1:
        records = []
        for task in tasks:
            records.append(run_one(*task))
            if progress:
                progress(len(records))
    else:
        records = _in_processes(tasks, jobs, progress)
    records.sort(key=lambda r: r.run)
    return SimulationResult(loaded, spec, seed, records)


def _in_processes(tasks: list[tuple], jobs: int, progress: Callable[[int], None] | None) -> list[RunRecord]:
    records: list[RunRecord] = []
    chunk = max(1, min(20, len(tasks) // (jobs * 8) or 1))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for record in pool.map(_run_task, tasks, chunksize=chunk):
            records.append(record)
            if progress:
                progress(len(records))
    return records


def _run_task(task: tuple) -> RunRecord:
    return run_one(*task)


def _on_dask(address: str, tasks: list[tuple], progress: Callable[[int], None] | None) -> list[RunRecord]:
    try:
        from dask.distributed import Client, as_completed
    except ImportError as exc:
        raise ValueError("--scheduler needs Dask: pip install 'seminar-wargame[dask]'") from exc
    records: list[RunRecord] = []
    with Client(address) as client:
        futures = client.map(_run_task, tasks, pure=False)
        for future in as_completed(futures):
            records.append(future.result())
            if progress:
                progress(len(records))
    return records
