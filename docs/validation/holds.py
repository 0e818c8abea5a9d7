"""Write the holds into a historical plan: the orders that keep the bot's hands off Blue's units.

In ``wargame simulate`` a unit the plan names in a phase gets no order from the bot in
that phase, even if the plan's order is refused. This script ends each turn's movement
list with an order for every Blue ground unit the plan does not move that turn, and each
turn's air list with one for every transport (aircraft or helicopter) the plan does not
fly, up to a turn:

* a unit the plan has sent somewhere (by road, drop or airlift) is ordered there again:
  it goes on if it has not arrived, and the order is refused (same-area) once it is there;
* a unit the plan has not moved yet digs in where it is (``dig_in``), or trains if it can
  still train (``train``), from the day it is due;
* a transport is ordered to rebase to the base it is at (refused: same-area).

Holds go after the ``# holds (see the header)`` comment lines that end each turn's
movement and air lists; the script replaces whatever orders follow those lines, so it
can be run again after the plan's own orders change. Used by docs/validation.md::

    PYTHONPATH=. /work/venv/bin/python docs/validation/holds.py \\
        docs/validation/serval-2013-historical.yaml --until 18 --skip chad-wave-2
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import yaml

from wargame.core.enums import Category, OrderKind
from wargame.loading import load_scenario

MARK = "# holds (see the header)"


def due_turn(scenario, unit) -> int | None:
    """The turn a unit is due (1 if it is there at the start; None if no date brings it)."""
    if unit.arrives is None:
        return 1
    if unit.arrives.date is None:
        return None
    turn = 1
    while turn < scenario.turn_count and scenario.turn_start(turn + 1) <= unit.arrives.date:
        turn += 1
    return turn


def holds(scenario, plan: dict, until: int, skip: set[str]) -> dict[tuple[int, str], list[str]]:
    """(turn, phase) -> the hold orders, as YAML lines."""
    types = scenario.rules.unit_types
    blue = [u for side, u in scenario.iter_units() if side == "blue" and u.id not in skip]
    ground = [u for u in blue if types[u.type].category is Category.GROUND]
    transports = [u for u in blue if OrderKind.AIR_INSERTION in types[u.type].orders]
    where = {u.id: (u.arrives.at if u.arrives and u.arrives.at else u.at) for u in blue}
    sent: set[str] = set()
    out: dict[tuple[int, str], list[str]] = {}
    for turn in range(1, until + 1):
        phases = plan.get(turn) or {}
        flown = set()
        for order in phases.get("air") or []:
            ((kind, fields),) = order.items()
            flown.add(fields["unit"])
            if kind == "rebase":
                where[fields["unit"]] = fields["to"]
            elif kind in ("air_insertion", "airlift"):
                for unit in fields["units"]:
                    where[unit], sent = fields["to"], sent | {unit}
        moved = set()
        for order in phases.get("movement") or []:
            ((kind, fields),) = order.items()
            moved.add(fields["unit"])
            if kind == "move":
                where[fields["unit"]], sent = fields["to"], sent | {fields["unit"]}
        lines = []
        for unit in ground:
            due = due_turn(scenario, unit)
            if unit.id in moved or due is None or turn < due:
                continue
            if unit.id in sent:
                lines.append(f"- move: {{unit: {unit.id}, to: {where[unit.id]}}}")
            elif unit.training_days:
                lines.append(f"- train: {{unit: {unit.id}}}")
            else:
                lines.append(f"- dig_in: {{unit: {unit.id}}}")
        out[turn, "movement"] = lines
        out[turn, "air"] = [
            f"- rebase: {{unit: {u.id}, to: {where[u.id]}}}"
            for u in transports
            if u.id not in flown and (due_turn(scenario, u) or until + 1) <= turn
        ]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("plan", type=Path)
    parser.add_argument("--until", type=int, required=True, help="the last turn with holds")
    parser.add_argument("--skip", default="", help="units never to hold, comma-separated")
    args = parser.parse_args()
    lines = without_holds(args.plan.read_text(encoding="utf-8").splitlines())
    data = yaml.safe_load("\n".join(lines))
    scenario = load_scenario(data["scenario"])
    found = holds(scenario, data["turns"], args.until, set(filter(None, args.skip.split(","))))
    out, turn, phase, written = [], 0, "", 0
    for line in lines:
        if match := re.match(r"  (\d+):", line):
            turn = int(match.group(1))
        elif match := re.match(r"    (\w+):", line):
            phase = match.group(1)
        out.append(line)
        if line.strip() == MARK:
            orders = found.get((turn, phase), [])
            out += ["      " + order for order in orders]
            written += len(orders)
    args.plan.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{args.plan}: {written} holds")


def without_holds(lines: list[str]) -> list[str]:
    """The plan's lines without the orders that follow the holds comments."""
    out, skipping = [], False
    for line in lines:
        if skipping and line.startswith("      - "):
            continue
        skipping = line.strip() == MARK
        out.append(line)
    return out


if __name__ == "__main__":
    main()
