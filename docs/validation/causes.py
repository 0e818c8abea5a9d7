"""Why the runs come out as they do: replays seeds the way ``wargame simulate`` plays them
(heuristic bots for every side, the plan first) and counts what runs.json does not keep.

    PYTHONPATH=. /work/venv/bin/python docs/validation/causes.py serval-2013 \\
        docs/validation/serval-2013-historical.yaml --runs 50 [--turns K]

Prints, per run on average: the plan orders refused, by reason and by kind of order (a
plan's holds are its move, dig_in, train and rebase orders refused as same-area,
nothing-to-do, trained or not-active); ground losses by faction and by the mechanism that
caused them (combat, raid, ied, ambush, air_strike, supply...); how many ambushes and
IEDs hit each Blue faction; how often Red units melt away on each of the first three
turns; how many Red fighters escape across a border, by turn; the drops and air assaults
made, and the suicide attacks, by turn and place; which Blue unit was first to stand in
or pass through each area the validation looks at; when the Blue units that arrive later
arrived; and how the Red units ended. Used by docs/validation.md.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter

from wargame import Game
from wargame.analysis.heuristic import HeuristicPolicy
from wargame.analysis.runner import play
from wargame.core.enums import Category
from wargame.core.events import Ruling
from wargame.loading import load_scenario
from wargame.loading.orders_file import load_orders

AREAS = {
    "serval-2013": ["konna", "timbuktu", "gao", "kidal", "aguelhok", "tessalit", "ametettai"],
    "ifoghas-2013": ["tigharghar-north", "ametettai-west", "ametettai", "ametettai-caves"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario")
    parser.add_argument("plan", help="an orders file, or - for none")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--turns", type=int)
    args = parser.parse_args()
    scenario = load_scenario(args.scenario)
    plan = load_orders(args.plan, scenario) if args.plan != "-" else None
    ground = {u.id for _, u in scenario.iter_units() if scenario.rules.unit_types[u.type].category is Category.GROUND}
    refused, losses, hits, first, fates = Counter(), Counter(), Counter(), Counter(), Counter()
    melted, arrived, kinds, drops, bombs = Counter(), Counter(), Counter(), Counter(), Counter()
    escapes = Counter()
    for seed in range(args.seed, args.seed + args.runs):
        game = Game(scenario, seed=seed)
        policies = {side: HeuristicPolicy() for side in scenario.sides}
        result = play(game, policies, seed=seed, script=plan.orders_for if plan else None, turns=args.turns)
        refused.update(item[-1].code for item in result.refused)
        kinds.update(f"{item[3].kind.value} {item[-1].code}" for item in result.refused)
        units, entered = game.state.units, set()
        for event in game.log:
            if not isinstance(event, Ruling):
                continue
            hit = set()
            for change in event.changes:
                if change.tag == "strength_changed" and change.unit in ground:
                    losses[units[change.unit].faction, event.mechanic] += change.loss
                    hit.add(units[change.unit].faction)
                elif change.tag == "posture_changed" and change.posture.value == "dispersed":
                    melted[event.turn] += units[change.unit].side == "red"
                elif change.tag == "status_changed" and change.status.value == "escaped":
                    escapes[event.turn] += units[change.unit].strength if units[change.unit].side == "red" else 0
                elif change.tag == "status_changed" and change.status.value == "active" and change.at:
                    arrived[change.unit, event.turn] += units[change.unit].side == "blue"
                elif change.tag == "unit_moved" and change.unit in ground and units[change.unit].side == "blue":
                    for area in (change.path or (change.to,))[1:]:
                        if area in AREAS.get(scenario.id, []) and area not in entered:
                            entered.add(area)
                            first[area, change.unit] += 1
            if event.mechanic == "insertion":
                moved = [c for c in event.changes if c.tag == "unit_moved" and c.unit in ground]
                drops.update((event.turn, f"{c.unit} to {c.to}") for c in moved)
            elif event.mechanic == "suicide_attack":
                where = re.search(r" at (.+?): ", event.explanation)
                bombs[event.turn, f"at {where.group(1) if where else '?'}"] += 1
            if event.mechanic in ("ambush", "ied"):
                hits.update((event.mechanic, faction) for faction in hit if units_side(game, faction) == "blue")
        fates.update(f"{u.id} {u.status.value}" for u in units.values() if u.side == "red" and u.id in ground)
    n = args.runs
    print(f"{scenario.id}, plan {args.plan}, seeds {args.seed}-{args.seed + n - 1}, turns {args.turns or 'all'}")
    print("refused plan orders per run:", ", ".join(f"{code} {k / n:.1f}" for code, k in refused.most_common()))
    print("  by kind of order:", ", ".join(f"{kind} {k / n:.1f}" for kind, k in kinds.most_common()))
    print("ground losses per run, by faction and mechanism:")
    for (faction, mechanic), k in losses.most_common():
        if k / n >= 1:
            print(f"  {faction:12} {mechanic:15} {k / n:7.1f}")
    hit_text = ", ".join(f"{mechanic} on {faction} {k / n:.1f}" for (mechanic, faction), k in sorted(hits.items()))
    print("per run, ambushes and IEDs that cost a Blue faction strength:", hit_text)
    print("Red units melting away per run, turns 1-3:", ", ".join(f"{melted[t] / n:.1f}" for t in (1, 2, 3)))
    escape_text = ", ".join(f"T{t} {k / n:.0f}" for t, k in sorted(escapes.items()) if k / n >= 1)
    print(f"Red fighters escaping across a border per run, by turn: {escape_text or 'none'}")
    print(f"drops and air assaults (in {n} runs):", ", ".join(f"T{t} {d} {k}" for (t, d), k in sorted(drops.items())))
    print(f"suicide attacks (in {n} runs):", ", ".join(f"T{t} {b} {k}" for (t, b), k in sorted(bombs.items())))
    for area in AREAS.get(scenario.id, []):
        top = sorted(((k, unit) for (a, unit), k in first.items() if a == area), reverse=True)[:4]
        print(f"first Blue ground unit into {area}: " + ", ".join(f"{unit} {k}/{n}" for k, unit in top))
    late = sorted({unit for unit, _ in arrived if scenario.units[unit].arrives and scenario.units[unit].arrives.by_air})
    for unit in late:
        turns = Counter({turn: k for (u, turn), k in arrived.items() if u == unit and k})
        due = scenario.units[unit].arrives.date
        print(
            f"{unit} (due {due}, by air) arrived on turn: " + ", ".join(f"{t} in {k}" for t, k in sorted(turns.items()))
        )
    print("Red ground units at the end:", ", ".join(f"{f} {k}/{n}" for f, k in sorted(fates.items())))


def units_side(game: Game, faction: str) -> str:
    return next(
        side for side, definition in game.scenario.sides.items() if faction in {f.id for f in definition.factions}
    )


if __name__ == "__main__":
    main()
