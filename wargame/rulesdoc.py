"""The rules reference (docs/rules.md), written from a rule set and the mechanisms' own words.

Prose comes from each mechanism's module docstring, numbers and tables from the rule set,
so the reference says what the engine does with the numbers it uses. ``python -m
wargame.rulesdoc > docs/rules.md`` rewrites it; a test checks the committed file is
current and that every rule a ruling cites is explained here.
"""

from __future__ import annotations

import inspect
import re
import sys

from wargame.core import air, combat, intel, irregular, logistics, movement, political
from wargame.core.enums import RouteKind
from wargame.core.rules import Dice, RuleSet

#: Every rule name rulings cite, and the section of this reference that explains it.
CITATIONS: dict[str, str] = {
    "turn.sequence": "Turn sequence",
    "movement.budget": "Movement", "movement.routes": "Movement", "movement.river": "Movement",
    "movement.crossings": "Movement", "movement.contact": "Movement", "movement.off_map": "Movement",
    "seasons": "Seasons",
    "crossings.blocked": "Crossings", "crossings.mined": "Crossings", "crossings.destroyed": "Crossings",
    "crossings.open": "Crossings", "crossings.kinds": "Crossings",
    "combat.values": "Combat", "combat.table": "Combat", "combat.air_support": "Combat",
    "combat.river_crossing": "Combat", "combat.surprise": "Combat", "combat.ambush": "Combat",
    "combat.raid": "Combat", "combat.reach": "Combat", "combat.target": "Combat",
    "air.strike": "Air power", "air.strike_power": "Air power", "air.caves": "Air power",
    "air.dispersed": "Air power", "air.fresh_intelligence": "Air power", "air.political_cost": "Air power",
    "air.range": "Air power", "air.capacity": "Air power", "air.airlift": "Air power", "air.insertion": "Air power",
    "air.bases": "Air power", "air.sorties": "Air power", "air.target": "Air power", "air.landing": "Air power",
    "detection.roll": "Detection", "detection.contact": "Detection", "detection.signature": "Detection",
    "detection.same_area": "Detection", "detection.adjacent": "Detection", "detection.isr": "Detection",
    "detection.recon": "Detection", "detection.guides": "Detection",
    "posture.dug_in": "Postures", "posture.dispersed": "Postures", "posture.defending": "Postures",
    "posture.ambush": "Postures",
    "attacks.ied": "IEDs and suicide attacks", "attacks.suicide_attack": "IEDs and suicide attacks",
    "attacks.table": "IEDs and suicide attacks", "attacks.checkpoint": "IEDs and suicide attacks",
    "attacks.dug_in": "IEDs and suicide attacks", "attacks.reach": "IEDs and suicide attacks",
    "attacks.target": "IEDs and suicide attacks",
    "supply.lines": "Supply", "supply.caches": "Supply", "supply.attrition": "Supply", "supply.out": "Supply",
    "supply.caches_found": "Supply",
    "reinforcements.arrival": "Reinforcements and force generation",
    "reinforcements.airlift": "Reinforcements and force generation",
    "training.rate": "Reinforcements and force generation", "training.camp": "Reinforcements and force generation",
    "training.ready": "Reinforcements and force generation",
    "injects": "Injects", "matrix.roll": "Matrix arguments", "matrix.modifiers": "Matrix arguments",
    "assessment": "Assessment",
}  # fmt: skip


def _prose(module: object) -> str:
    return inspect.cleandoc(module.__doc__ or "").strip()


def _table(head: list[str], rows: list[list[object]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return str(value).replace("|", "/")


def rules_markdown(rules: RuleSet) -> str:
    """The reference for a rule set, as Markdown."""
    out = [
        f"# Rules reference: {rules.title}",
        "",
        f"*Written by `python -m wargame.rulesdoc` from `rules/{rules.id}.yaml`; do not edit by hand.*",
        "",
        inspect.cleandoc(rules.description),
        "",
        "Every ruling cites the rules it applied by name (for example `combat.table` or `terrain.mountain`). "
        "The [index](#index-of-rule-names) at the end says where each name is explained. A scenario can change "
        "any number here with `rule_overrides`.",
        "",
    ]
    out += _sequence(rules) + _movement(rules) + _units(rules) + _terrain(rules) + _combat(rules)
    out += _air(rules) + _detection(rules) + _irregular(rules) + _supply(rules) + _politics(rules)
    out += _index()
    return "\n".join(out).rstrip() + "\n"


def _sequence(rules: RuleSet) -> list[str]:
    rows = [[p.id, p.title, [k.value for k in p.orders] or "-", [s.value for s in p.steps] or "-", p.description]
            for p in rules.phases]  # fmt: skip
    return ["## Turn sequence", "", "Each turn runs these phases in order (`turn.sequence`).", "",
            *_table(["phase", "title", "orders given", "steps run", "what happens"], rows)]  # fmt: skip


def _movement(rules: RuleSet) -> list[str]:
    kinds = list(RouteKind)
    rows = [[name, *[speeds.get(k, "-") for k in kinds]] for name, speeds in rules.mobility.items()]
    out = ["## Movement", "", _prose(movement), "",
           "Kilometres a day by mobility class and route kind (`movement.budget`; `-`: cannot use):", "",
           *_table(["mobility", *[k.value for k in kinds]], rows)]  # fmt: skip
    out += ["### Crossings", "", "A unit standing at one end of a route can block it (any route), or mine, "
            "blow or repair a river crossing (`crossings.*`). A block lasts while the blocking side keeps formed "
            "troops at an end; a side that has not seen the block finds it when it gets there. Mines roll on the "
            "attacks table for every enemy unit that crosses.", ""]  # fmt: skip
    if rules.seasons:
        rows = [[s.name, s.months, {k.value: v for k, v in s.route_costs.items()} or "-",
                 s.terrain_costs or "-", s.air_strike] for s in rules.seasons]  # fmt: skip
        intro = "Travel times are multiplied, and air strikes modified, in these months (`seasons`):"
        out += ["### Seasons", "", intro, "",
                *_table(["season", "months", "route costs", "terrain costs", "air strike"], rows)]  # fmt: skip
    return out


def _units(rules: RuleSet) -> list[str]:
    rows = [[key, t.name, t.category.value, t.mobility, t.attack, t.defence, t.strike or "-", t.range_km or "-",
             t.capacity or "-", t.recon, t.signature, ", ".join(o.value for o in t.orders)]
            for key, t in rules.unit_types.items()]  # fmt: skip
    notes = [f"- **{key}**: {t.description}" + (" Irregular." if t.irregular else "")
             + (" Parachute-trained." if t.airborne else "") + (" Air assault." if t.air_assault else "")
             + (" Expended when it attacks." if t.expendable else "")
             for key, t in rules.unit_types.items()]  # fmt: skip
    qualities = [[q, v] for q, v in rules.qualities.items()]
    return ["## Unit types", "",
            "Attack and defence are combat values per 100 personnel (per aircraft for aircraft and helicopters); "
            "strike is per aircraft; range is the radius of action in km; capacity is personnel per aircraft per lift.",
            "", *_table(["type", "name", "category", "mobility", "attack", "defence", "strike", "range km",
                         "capacity", "recon", "signature", "orders"], rows),
            *notes, "", "### Qualities", "", "Multipliers on combat value:", "",
            *_table(["quality", "multiplier"], qualities)]  # fmt: skip


def _terrain(rules: RuleSet) -> list[str]:
    rows = [[key, t.name, t.movement, t.defence, t.concealment, t.air_strike, t.political_cost, t.description]
            for key, t in rules.terrain.items()]  # fmt: skip
    postures = [[p.value, e.attack, e.defence, e.concealment, e.description] for p, e in rules.postures.items()]
    return ["## Terrain", "", "Cited as `terrain.<name>`. Movement multiplies the time to enter an area; defence "
            "multiplies defenders; concealment is taken off the enemy's detection rolls; air strike is a die "
            "modifier; political cost is what a strike there costs on the political track.", "",
            *_table(["terrain", "name", "movement", "defence", "concealment", "air strike", "political cost",
                     "notes"], rows),
            "## Postures", "", "Cited as `posture.<name>`. At the start of each turn, units that moved or attacked "
            "stand on the defensive again.", "",
            *_table(["posture", "attack", "defence", "concealment", "notes"], postures)]  # fmt: skip


def _combat(rules: RuleSet) -> list[str]:
    c = rules.combat
    labels = c.column_labels()
    rows = [[total, *row] for total, row in sorted(c.table.items())]
    results = [[code, r.title, f"{r.attacker_loss:.0%}", f"{r.defender_loss:.0%}", r.outcome.value]
               for code, r in c.results.items()]  # fmt: skip
    chances = Dice.parse(c.dice).distribution()
    likely = []
    for i, label in enumerate(labels):
        shares: dict[str, float] = {}
        for total, p in chances.items():
            code = c.table[min(max(total, min(c.table)), max(c.table))][i]
            shares[code] = shares.get(code, 0.0) + p
        likely.append([label, *[f"{shares.get(code, 0):.0%}" for code in c.results]])
    return ["## Combat", "", _prose(combat), "",
            f"Roll {c.dice}; the row is the total, the column the odds (`combat.table`):", "",
            *_table([c.dice, *labels], rows),
            "Results, from worst to best for the attacker (losses are fractions of strength):", "",
            *_table(["code", "result", "attacker loses", "defender loses", "defender"], results),
            "The chance of each result in each column (what semi-rigid proposals are drawn from):", "",
            *_table(["odds", *c.results], likely),
            f"Column shifts: attacking over a river crossing {c.river_crossing_shift:+d} (`combat.river_crossing`), "
            f"surprise {c.surprise_shift:+d} (`combat.surprise`), ambush {c.ambush_shift:+d} (`combat.ambush`), "
            f"raid {c.raid_shift:+d} (`combat.raid`). A unit out of supply fights at x{c.out_of_supply:g} "
            "(`supply.out`). A raid takes no ground and drives no one back; an ambush stops the column it hits.",
            "", "Units reduced below 5% of their starting strength are destroyed. Beaten irregulars melt away "
            "where they are; others retreat to a neighbouring area without enemies (their side's first), or are "
            "destroyed if there is none. Attackers who win advance into the area and take it.", ""]  # fmt: skip


def _loss_table(table: dict[int, float]) -> list[str]:
    """A dice table of the share of its strength the target loses, by modified total."""
    return _table(["modified total", "target loses"], [[total, f"{loss:.0%}"] for total, loss in sorted(table.items())])


def _air(rules: RuleSet) -> list[str]:
    s = rules.air_strike
    return ["## Air power", "", _prose(air), "",
            f"Strikes roll {s.dice} plus modifiers on this table (`air.strike`):", "",
            *_loss_table(s.table),
            f"Modifiers: +1 per {s.points_per_modifier:g} strike points (aircraft x strike x quality), at most "
            f"+{s.max_points_modifier} (`air.strike_power`); caves {s.caves:+d} (`air.caves`); target dispersed "
            f"{s.dispersed:+d} (`air.dispersed`); found this turn {s.detected_this_turn:+d} "
            "(`air.fresh_intelligence`); terrain and season as their tables say. A strike in a populated area "
            "moves the scenario's political track down by the terrain's political cost, or 1 (`air.political_cost`).",
            ""]  # fmt: skip


def _detection(rules: RuleSet) -> list[str]:
    d = rules.detection
    return ["## Detection", "", _prose(intel), "",
            f"Roll {d.dice}; {d.target} or more finds the unit (`detection.roll`). Modifiers: the unit type's "
            f"signature (`detection.signature`); observers in the area {d.same_area:+d} plus their recon value "
            f"(`detection.same_area`); reconnaissance next door {d.adjacent:+d} plus the recon value "
            f"(`detection.adjacent`); ISR overhead {d.isr:+d} plus the asset's recon (`detection.isr`); a "
            f"reconnaissance order {d.recon:+d} (`detection.recon`); local informants in a populated area the side "
            f"holds {d.guides:+d} (`detection.guides`); minus the terrain's and the posture's concealment. A failed "
            "search is shown to the white cell only.", ""]  # fmt: skip


def _irregular(rules: RuleSet) -> list[str]:
    a = rules.attacks
    return ["## IEDs and suicide attacks", "", _prose(irregular), "",
            f"IEDs, mines and suicide attacks roll {a.dice} plus modifiers (`attacks.table`):", "",
            *_loss_table(a.table),
            f"Modifiers: the target stands at a checkpoint {a.checkpoint:+d} (`attacks.checkpoint`; not for mines "
            f"on the road); dug in {a.dug_in:+d} (`attacks.dug_in`). An attack that kills {a.political_threshold:.0%} "
            "or more of its target moves the political track down by 1.", ""]  # fmt: skip


def _supply(rules: RuleSet) -> list[str]:
    s, t = rules.supply, rules.training
    return ["## Supply", "", _prose(logistics), "",
            f"Supply levels run from 0 to {s.max_level}. Supply lines reach {s.line_range_km:g} km by road "
            f"(`supply.lines`); caches feed irregulars within {s.cache_range_km:g} km and hold {s.cache_stock} "
            f"points when laid (`supply.caches`); at level 0 a unit loses {s.attrition:.0%} of its strength a turn "
            "(`supply.attrition`).", "",
            "## Reinforcements and force generation", "",
            "Reinforcements arrive on their date once their condition holds (`reinforcements.arrival`); those that "
            "come by air need their side's transports to have lift left that turn (`reinforcements.airlift`). "
            f"Units in training cannot attack, raid, ambush, lay IEDs, strike or reconnoitre (`training.ready`) "
            f"until their training days are done; training at a training camp (`training.camp`) completes "
            f"{t.days_per_day:g} training day per calendar day (`training.rate`).", ""]  # fmt: skip


def _politics(rules: RuleSet) -> list[str]:
    m = rules.matrix
    return ["## Injects", "", _prose(political).split("**Arguments**")[0].strip(), "", "Cited as `injects`.", "",
            "## Matrix arguments", "",
            f"An argument succeeds on {m.dice} plus modifiers of {m.target} or more (`matrix.roll`). Each strong pro "
            f"adds {m.strong}, each strong con takes {m.strong} away, within +/-{m.max_modifier} "
            "(`matrix.modifiers`). The facilitator marks which pros and cons are strong. In semi-rigid or free "
            "mode the game stops at the argument and the facilitator gives its result (succeeds or fails), with "
            "a reason, or rolls.", "",
            "## Assessment", "",
            "Every side's objectives are checked at the end of each turn (`assessment`). An objective with a "
            "deadline is settled once met, or failed once its date has passed; others follow the situation. An "
            "objective marked `ends_game` ends the game when met.", ""]  # fmt: skip


def _index() -> list[str]:
    rows = [[f"`{name}`", section] for name, section in sorted(CITATIONS.items())]
    return ["## Index of rule names", "", "Terrain and posture names are cited as `terrain.<name>` and "
            "`posture.<name>`.", "", *_table(["rule", "section"], rows)]  # fmt: skip


def cited_in_code() -> set[str]:
    """Rule names the engine's source cites (string literals that look like rule names)."""
    from pathlib import Path

    names: set[str] = set()
    for path in Path(__file__).parent.joinpath("core").glob("*.py"):
        names |= set(re.findall(r'"((?:movement|crossings|combat|air|detection|attacks|supply|reinforcements|'
                                r'training|matrix|turn)\.[a-z_]+)"', path.read_text(encoding="utf-8")))  # fmt: skip
    return names


if __name__ == "__main__":  # pragma: no cover
    from wargame.loading import load_rules

    sys.stdout.write(rules_markdown(load_rules(sys.argv[1] if len(sys.argv) > 1 else "core")))
