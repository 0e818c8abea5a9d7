"""Synthetic scenarios of any size, for scaling and endurance benchmarks.

``synthetic_yaml(units)`` writes a scenario with ``units`` units (half a side), about one
area per four units on a grid (100 km apart) west to east across a river (a bridge every fifth row),
roads between neighbouring areas, supply bases on each side's edge, caches, one inject
and objectives. It is a valid scenario: ``wargame validate`` passes it.
"""

from __future__ import annotations

import datetime as dt
import math


def synthetic_yaml(units: int, *, turns: int = 4) -> str:
    areas = max(8, units // 4)
    cols = max(4, int(math.sqrt(areas * 2)))
    rows = max(2, math.ceil(areas / cols))
    lines = [
        "schema_version: 1",
        f"id: synthetic-{units}",
        f"title: Synthetic scenario, {units} units",
        "rules: core",
        "start: 2013-02-01",
        f"end: {dt.date(2013, 2, 1) + dt.timedelta(days=turns - 1)}",
        "turn_length: {days: 1}",
        "political_track: legitimacy",
        "tracks: [{id: legitimacy, title: Legitimacy, start: 5}]",
        "caches:",
    ]
    lines += [f"  - {{area: a-{r}-{cols - 1}, faction: red-f, stock: 50}}" for r in range(rows)]
    lines += ["map:", "  areas:"]
    river = cols // 2
    for r in range(rows):
        for c in range(cols):
            bank = "right" if c < river else "left"
            control = "blue" if c < river else "red"
            features = ["supply_base"] if c in (0, cols - 1) else []
            if (r + c) % 7 == 0:
                features.append("population")
            lines.append(
                f"    - {{id: a-{r}-{c}, name: Area {r}-{c}, lat: {10 + r * 0.9:.2f}, lon: {-10 + c * 0.9:.2f}, "
                f"terrain: {'town' if 'population' in features else 'sahel'}, bank: {bank}, control: {control}, "
                f"features: [{', '.join(features)}]}}"
            )
    lines.append("  routes:")
    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols:
                across = c + 1 == river
                if not across or r % 5 == 0:
                    kind = "bridge" if across else "paved_road"
                    lines.append(f"    - {{from: a-{r}-{c}, to: a-{r}-{c + 1}, km: 110, kind: {kind}}}")
            if r + 1 < rows:
                lines.append(f"    - {{from: a-{r}-{c}, to: a-{r + 1}-{c}, km: 110, kind: track}}")
    lines += ["sides:"]
    half = units // 2
    for side, faction, kind, cols_range in (
        ("blue", "blue-f", "motorised_infantry", range(0, river)),
        ("red", "red-f", "technicals", range(river, cols)),
    ):
        spots = [f"a-{r}-{c}" for r in range(rows) for c in cols_range]
        lines += [f"  {side}:", f"    name: {side.title()}", f"    factions: [{{id: {faction}, name: {side.title()}}}]"]
        lines += ["    units:"]
        for i in range(half):
            lines.append(
                f"      - {{id: {side}-{i}, name: {side.title()} {i}, type: {kind}, faction: {faction}, "
                f"strength: 200, at: {spots[i % len(spots)]}}}"
            )
        target = spots[len(spots) // 2]
        holds = f"{{controls: {{area: {target}, side: {side}}}}}"
        lines.append(f"    objectives: [{{id: {side}-holds, title: Hold the centre, condition: {holds}}}]")
    lines += [
        "injects:",
        "  - {id: news, title: News from the front, date: 2013-02-02,",
        "     effects: [{track: {track: legitimacy, delta: -1}}]}",
    ]
    return "\n".join(lines) + "\n"
