"""Where the historical outcomes fall among simulated runs.

Reads the runs.json that ``wargame simulate --out DIR`` writes, and the scenario it names,
and prints one block per historical outcome of that scenario: what the sources report,
the simulated median and 10-90% range, how many runs are earlier, in the same turn, later
or never (or less, equal, more), and the percentile where history falls. Used by
docs/validation.md; run it from the repository root::

    PYTHONPATH=. /work/venv/bin/python docs/validation/compare.py OUT/runs.json

The percentile is the share of runs below the historical value plus half the share equal
to it (runs where the event never happens count as above). For an outcome the sources
only bound ("by 2 Feb"), the share of runs by that date is given instead. Amounts
(losses, escapes) are taken when the runs stop: run with ``--turns`` to stop them on the
date a source gives a figure for (the block says when the runs stop).

Sources: S001 = seeds/001 (CTC Sentinel), S002 = seeds/002 (Stratfor, 14 Jan 2013),
B = shared/data/mali-brief.md (section); S32a = one of the brief's sources (strikehold.net,
5 Feb 2013).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

from wargame.loading import load_scenario

Run = dict


@dataclass
class Outcome:
    """One thing the sources report, and how to read it from a run."""

    name: str
    source: str
    kind: str  # "date": value is a turn; "amount": a number; "event": True or False
    value: Callable[[Run], float | bool | None]  # None: it never happens in this run
    history: dt.date | float | bool
    bound: bool = False  # the date is an upper bound ("by 2 Feb")
    earliest: dt.date | None = None  # with a bound: the earliest the sources allow
    as_of: dt.date | None = None  # for amounts: the date the source's figure is for
    note: str = ""


# -- reading a run ----------------------------------------------------------------------------------


def change(area: str, nth: int = 0) -> Callable[[Run], int | None]:
    """The turn an area changed hands for the nth time, counting from 0 (None: it did not)."""

    def turn(run: Run) -> int | None:
        turns = run["control_changes"].get(area) or []
        return turns[nth] if len(turns) > nth else None

    return turn


def entry(area: str, side: str) -> Callable[[Run], int | None]:
    """The first turn a ground unit of the side stood in or passed through the area."""
    return lambda run: run["first_entry"].get(area, {}).get(side)


def met(objective: str) -> Callable[[Run], int | None]:
    """The turn an objective was first met."""
    return lambda run: run["objectives_first_met"].get(objective)


def lost(faction: str) -> Callable[[Run], int]:
    return lambda run: run["losses_by_faction"].get(faction, 0)


def escaped(side: str) -> Callable[[Run], int]:
    return lambda run: run["escaped"].get(side, 0)


def before(first: Callable[[Run], int | None], second: Callable[[Run], int | None]) -> Callable[[Run], bool]:
    """True if ``first`` happened, no later than ``second`` (or ``second`` never did)."""

    def test(run: Run) -> bool:
        a, b = first(run), second(run)
        return a is not None and (b is None or a <= b)

    return test


# -- the outcomes, by scenario ----------------------------------------------------------------------

D = dt.date
OUTCOMES: dict[str, list[Outcome]] = {
    "serval-2013": [
        Outcome("Konna retaken (first change of hands)", "S002", "date", change("konna"), D(2013, 1, 11),
                note="S002 (14 Jan) reports it retaken on 10-11 Jan; B 4 has it falling on 10 Jan"),
        Outcome("Diabaly taken by Red (first change of hands)", "B 4", "date", change("diabaly"), D(2013, 1, 14)),
        Outcome("Diabaly back in Blue hands (second change)", "S001 fn 17", "date", change("diabaly", 1),
                D(2013, 1, 22), note="al-Jazira, 22 Jan: French and Malian troops enter Diabaly"),
        # The inject that blows the bridge is due on turn 5 (23-25 Jan) unless Blue holds Ansongo.
        Outcome("Ansongo still not taken when the Tassiga bridge was blown", "B 1.2", "event",
                lambda run: (change("ansongo")(run) or 99) >= 5, True,
                note="MUJAO blew the bridge on the night of 24-25 Jan, so Blue did not hold Ansongo"),
        Outcome("Gao taken (first change of hands)", "B 1", "date", change("gao"), D(2013, 1, 31), bound=True,
                note="Serval's main base from late January"),
        Outcome("Timbuktu taken (first change of hands)", "B 4", "date", change("timbuktu"), D(2013, 2, 2),
                bound=True, note="Hollande in Timbuktu on 2 Feb"),
        Outcome("Blue ground troops enter Timbuktu", "B 3.1 (S32a)", "date", entry("timbuktu", "blue"), D(2013, 1, 28),
                note="S32a, the source of B 3.1's drop size: the 2e REP jumped north of Timbuktu on 28 Jan"),
        Outcome("Blue ground troops enter Kidal", "S001 l.39", "date", entry("kidal", "blue"), D(2013, 1, 30)),
        Outcome("The MNLA holds Kidal", "S001 l.43", "date", met("kidal"), D(2013, 1, 30), bound=True,
                note="'just ahead of' the French, who entered on 30 Jan"),
        Outcome("The MNLA holds Kidal before Blue enters it", "S001 l.43", "event",
                before(met("kidal"), entry("kidal", "blue")), True,
                note="'reentered Kidal city just ahead of the advancing French and Chadian contingents'"),
        Outcome("Blue ground troops enter Aguelhok", "S001 l.39", "date", entry("aguelhok", "blue"), D(2013, 2, 7)),
        Outcome("Blue ground troops enter Tessalit", "S001 l.39", "date", entry("tessalit", "blue"), D(2013, 2, 8)),
        Outcome("Blue ground troops enter the Ametettaï", "B 4", "date", entry("ametettai", "blue"),
                D(2013, 2, 18), note="18 Feb, Opération Panthère: first clashes in the Ametettaï"),
        Outcome("The Ametettaï in Blue hands", "S001 fn 30, 35", "date", met("break-redoubt"), D(2013, 3, 7),
                bound=True, earliest=D(2013, 2, 18), note="first clashes 18 Feb (B 4); reported broken on 7-8 Mar"),
        Outcome("Red fighters escaped across a border", "S001 l.49", "amount", escaped("red"), 300.0,
                note="'it is likely that many of the jihadists escaped'; 300 is the scenario's 'several hundred'"),
    ],
    "ifoghas-2013": [
        Outcome("Chadian ground losses", "S001 fn 32", "amount", lost("chad"), 25.0, as_of=D(2013, 2, 28),
                note="AFP, 28 Feb: 25 Chadian soldiers killed in three ambushes (killed only; "
                "the model's losses include wounded)"),
        Outcome("Chad loses more than France", "S001 l.47", "event",
                lambda run: lost("chad")(run) > lost("france")(run), True,
                note="'the Chadian column had the most grave encounter'"),
        Outcome("Red ground losses", "S001 fn 32", "amount",
                lambda run: run["losses"]["red"], 65.0, as_of=D(2013, 2, 28),
                note="65 militants killed by the Chadian column alone"),
        Outcome("Red ground losses", "S001 fn 30, 32", "amount",
                lambda run: run["losses"]["red"], 165.0, as_of=D(2013, 3, 7),
                note="French claim 'some 100' killed in the valley (7 Mar), plus the Chadians' 65"),
        Outcome("AQIM's camps (the valley floor) change hands", "S001 fn 30, 35", "date", change("ametettai"),
                D(2013, 3, 7), bound=True, note="the valley reported broken on 7-8 Mar"),
        Outcome("The Ametettaï and its caves in Blue hands", "S001 fn 30, 33-35", "date",
                met("break-ametettai"), D(2013, 3, 7), bound=True, note="reported broken on 7-8 Mar"),
        Outcome("Red fighters escaped to Algeria", "S001 l.49 (fn 36)", "amount", escaped("red"), 100.0,
                note="'it is likely that many of the jihadists escaped'; 100 is the scenario's escape inject"),
    ],
}  # fmt: skip


# -- statistics -------------------------------------------------------------------------------------


def quantile(values: list[float], q: float) -> float:
    """Nearest-rank quantile of sorted values (inf stands for 'never')."""
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


def turn_of(scenario, day: dt.date) -> int:
    turn = 1
    while turn < scenario.turn_count and scenario.turn_start(turn + 1) <= day:
        turn += 1
    return turn


def label(scenario, turn: float) -> str:
    """A turn as its dates: '23-25 Jan', or '22 Feb' for daily turns; 'never'."""
    if turn == float("inf"):
        return "never"
    start, end = scenario.turn_start(int(turn)), scenario.turn_end(int(turn))
    return f"{start:%d %b}" if start == end else f"{start:%d}-{end:%d %b}"


def report(scenario, runs: list[Run], outcome: Outcome) -> list[str]:
    n = len(runs)
    lines = [f"{outcome.name} [{outcome.source}]"]
    if outcome.note:
        lines.append(f"  source:     {outcome.note}")
    if outcome.kind == "event":
        share = sum(bool(outcome.value(run)) for run in runs) / n
        lines.append(f"  historical: {'yes' if outcome.history else 'no'}")
        lines.append(f"  simulated:  yes in {share:.0%} of runs")
        return lines
    raw = [outcome.value(run) for run in runs]
    values = sorted(float("inf") if v is None else float(v) for v in raw)
    if outcome.kind == "date":
        assert isinstance(outcome.history, dt.date)
        hist = turn_of(scenario, outcome.history)
        show = lambda v: label(scenario, v)  # noqa: E731
        when = f"{'by ' if outcome.bound else ''}{outcome.history:%d %b %Y} (turn {hist}, {label(scenario, hist)})"
        lines.append(f"  historical: {when}")
        words = ("earlier", "same turn", "later")
    else:
        hist = float(outcome.history)
        show = lambda v: "never" if v == float("inf") else f"{v:g}"  # noqa: E731
        stop = runs[0]["turns"] - 1 if runs[0]["ended"] == "stopped" else scenario.turn_count
        data = scenario.turn_end(stop)
        lines.append(f"  historical: {hist:g}" + (f" (as of {outcome.as_of:%d %b})" if outcome.as_of else ""))
        if outcome.as_of and outcome.as_of != data:
            lines.append(f"  NOTE:       these runs stop on {data:%d %b}, not on {outcome.as_of:%d %b}")
        words = ("less", "equal", "more")
    lo, mid, hi = (quantile(values, q) for q in (0.1, 0.5, 0.9))
    lines.append(f"  simulated:  median {show(mid)} (10-90%: {show(lo)} to {show(hi)}), {n} runs")
    below = sum(v < hist for v in values) / n
    equal = sum(v == hist for v in values) / n
    never = sum(v == float("inf") for v in values) / n
    above = max(0.0, 1 - below - equal - (never if outcome.kind == "date" else 0))
    shares = f"{words[0]} {below:.0%}, {words[1]} {equal:.0%}, {words[2]} {above:.0%}"
    if outcome.kind == "date":
        shares += f", never {never:.0%}"
    lines.append(f"  runs:       {shares}")
    if not outcome.bound:
        lines.append(f"  percentile: {100 * (below + equal / 2):.0f} (runs below, plus half of those equal)")
        return lines
    lines.append(f"  by then:    {below + equal:.0%} of runs")
    if outcome.earliest:
        first = turn_of(scenario, outcome.earliest)
        inside = sum(first <= v <= hist for v in values) / n
        lines.append(f"  window:     {outcome.earliest:%d %b} to {outcome.history:%d %b}: {inside:.0%} of runs")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs_json", help="runs.json written by wargame simulate --out")
    args = parser.parse_args()
    with open(args.runs_json, encoding="utf-8") as file:
        data = json.load(file)
    summary, runs = data["summary"], data["runs"]
    scenario = load_scenario(summary["scenario"])
    refused = sorted(run["refused"] for run in runs)
    print(f"{scenario.id}: {len(runs)} runs from seed {summary['seed']}, policies {summary['policies']}")
    print(f"plan: {summary['plan']}; refused plan orders per run: median {quantile(refused, 0.5)}, "
          f"10-90% {quantile(refused, 0.1)}-{quantile(refused, 0.9)}; errors: {len(summary['errors'])}")  # fmt: skip
    for outcome in OUTCOMES.get(scenario.id, []):
        print()
        print("\n".join(report(scenario, runs, outcome)))


if __name__ == "__main__":
    main()
