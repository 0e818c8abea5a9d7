"""The adjudication-case runner: a small situation, orders, and the expected outcome.

Each case in ``tests/cases/*.yaml`` (except ``base.yaml``) is played on the base map,
in the manner of the Diplomacy adjudicator test suite::

    name: a ground unit cannot cross the Niger off a crossing
    mechanic: movement
    scenario: {sides: {blue: {units: [...]}, red: {units: [...]}}}   # merged into base.yaml
    seed: 1
    phase: movement            # the phase of turn 1 to give the orders in (default: the first with orders)
    orders:
      - move: {unit: b-column, to: gao}
    decide: DR                 # settle pending (semi-rigid, free) rulings: a result, or a list (the last repeats)
    then:                      # later stages: each goes to its turn (default: this one) and phase, orders, resolves
      - {turn: 2, phase: movement, orders: [{move: {unit: b-column, to: gossi}}], decide: best}
    override: {ruling: order, code: DS, reason: "..."}   # override the first order's ruling afterwards
    override: {mechanic: detection, side: blue, code: detected, reason: "..."}   # ... or the latest of a mechanic
    advance: 0                 # extra phases to advance after the last stage
    xfail: "one line"          # a known engine bug: the case states the correct outcome and must fail
    expect:
      refused: {code: no-crossing, contains: Niger, not_contains: r-band}   # the first refusal (code optional)
      ruling: {mechanic: movement, side: blue, result: arrives, citations: [movement.river], contains: [Gao]}
      # ruling also takes not_contains, modifiers, rolls, choice, overridden, visible_to, turn, title;
      # modifiers: [surprise +1, terrain town] each is part of a shown one ("name +value", "name ×factor")
      options: {DS: 0.0}       # probabilities of the ruling's possible results
      units: {b-column: {location: gao, strength: 480, posture: moving, status: active, supply: 3}}
      # also faction, side, training_days, march and leg_to (a standing move's destination and next area)
      control: {gao: blue}
      routes: {wabaria: destroyed}
      tracks: {legitimacy: 4}
      gates: {overflight: true}
      detected: {r-column: [blue]}   # exactly these sides know where the unit is
      fired: [inject-id]
      caches: [[gourma, 5]]    # (area, stock) of every cache
      hazards: [douentza]      # areas of every IED waiting to go off
      objectives: {hold-gao: met}    # met, failed or open
      escaped: {red: 200}      # personnel of a side escaped across a border
      absent: [ied]            # no ruling of these mechanics was made
      pending: {title: Attack on Gao, proposals: {most likely: DR, best: DS, worst: AB}}   # awaiting a decision
      ended: true              # the game is over

``ruling`` and ``options`` look at the latest ruling of ``ruling.mechanic`` (with that ``side``
and a ``title`` containing the text, if given), else at the ruling of the first order given;
``ruling.turn`` is the turn it was made in.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from wargame.core import Game, IllegalOrder
from wargame.core.events import Ruling
from wargame.core.orders import Order
from wargame.loading import load_scenario_text
from wargame.loading.orders_file import _converter

CASES = Path(__file__).parent / "cases"


def merge(base: Any, extra: Any) -> Any:
    """Deep-merge mappings; anything else in ``extra`` replaces."""
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = merge(base.get(key), value) if key in base else copy.deepcopy(value)
        return out
    return copy.deepcopy(extra)


def case_files() -> list[Path]:
    return sorted(p for p in CASES.glob("*.yaml") if p.name != "base.yaml")


def read_case(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def build(case: dict) -> Game:
    base = yaml.safe_load((CASES / "base.yaml").read_text(encoding="utf-8"))
    data = merge(base, case.get("scenario", {}))
    scenario = load_scenario_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "case.yaml", CASES)
    return Game(scenario, seed=case.get("seed", 1))


def structure_order(data: dict) -> Order:
    """An order written as in an orders file: ``{move: {unit: x, to: y}}``."""
    return _converter().structure(data, Order)


def advance_to(game: Game, turn: int, phase: str) -> None:
    while not (game.turn == turn and game.phase.id == phase):
        assert not game.over, f"the game ended before turn {turn} {phase}"
        game.advance()


def run_case(case: dict) -> tuple[Game, list, list]:
    """Play a case; returns (game, order ids submitted, refusals), over all its stages."""
    game = build(case)
    submitted: list[str] = []
    refused: list = []
    stages = [{k: case[k] for k in ("turn", "phase", "orders", "decide", "resolve") if k in case}]
    for stage in stages + list(case.get("then", [])):
        phase = stage.get("phase") or next(p.id for p in game.scenario.rules.phases if p.orders)
        advance_to(game, stage.get("turn", game.turn), phase)
        mine = []
        for item in stage.get("orders", []):
            try:
                mine.append(game.submit(structure_order(item)))
            except IllegalOrder as exc:
                refused.append(exc.rejection)
        submitted += mine
        if mine or stage.get("resolve", True):
            _resolve(game, stage.get("decide"))
    if "override" in case:
        spec = case["override"]
        if "mechanic" in spec:
            ruling = [
                e
                for e in game.log
                if isinstance(e, Ruling) and e.mechanic == spec["mechanic"] and spec.get("side", e.side) == e.side
            ][-1]
        elif spec.get("ruling", "order") == "order":
            ruling = _order_ruling(game, submitted[0])
        else:
            ruling = game.ruling(spec["ruling"])
        game.override(ruling.id, str(spec["code"]), spec["reason"])
        _resolve(game, case.get("decide"))
    for _ in range(case.get("advance", 0)):
        if not game.over:
            game.advance()
    return game, submitted, refused


def _resolve(game: Game, decide: Any) -> None:
    """Advance once, settling each pending ruling with the next of ``decide``."""
    choices = list(_list(decide))
    game.advance()
    while game.state.pending is not None and choices:
        game.decide(str(choices.pop(0) if len(choices) > 1 else choices[0]), "case")
        game.advance()


def _order_ruling(game: Game, order_id: str) -> Ruling:
    rulings = [e for e in game.log if isinstance(e, Ruling) and e.order_id == order_id]
    assert rulings, f"no ruling for order {order_id}"
    return rulings[-1]


def check(case: dict, game: Game, submitted: list[str], refused: list) -> None:
    """Assert every expectation of the case."""
    expect = case.get("expect", {})
    assert expect, "a case must expect something"
    if "refused" in expect:
        want = expect["refused"]
        assert refused, "the order was accepted but should have been refused"
        rejection = refused[0]
        if "code" in want:
            assert rejection.code == want["code"], f"refused with {rejection.code}: {rejection.message}"
        for text in _list(want.get("contains")):
            assert text in rejection.message, f"{text!r} not in {rejection.message!r}"
        for text in _list(want.get("not_contains")):
            assert text not in rejection.message, f"{text!r} revealed in {rejection.message!r}"
    else:
        assert not refused, f"refused: {[str(r) for r in refused]}"
    ruling = _find_ruling(game, expect, submitted)
    if "ruling" in expect:
        want = expect["ruling"]
        assert ruling is not None, "no ruling found"
        if "mechanic" in want:
            assert ruling.mechanic == want["mechanic"], ruling.mechanic
        if "result" in want:
            assert ruling.result == str(want["result"]), f"result {ruling.result}: {ruling.explanation}"
        for rule in _list(want.get("citations")):
            assert rule in ruling.citations, f"{rule} not cited in {ruling.citations}"
        for text in _list(want.get("contains")):
            assert text in ruling.explanation, f"{text!r} not in {ruling.explanation!r}"
        for text in _list(want.get("not_contains")):
            assert text not in ruling.explanation, f"{text!r} revealed in {ruling.explanation!r}"
        shown = [str(m) for m in ruling.modifiers] + [str(m) for r in ruling.rolls for m in r.modifiers]
        for name in _list(want.get("modifiers")):
            assert any(name in s for s in shown), f"modifier {name!r} not in {shown}"
        if "rolls" in want:
            assert len(ruling.rolls) == want["rolls"]
        if "turn" in want:
            assert ruling.turn == want["turn"], f"ruled in turn {ruling.turn}"
        if "choice" in want:
            assert ruling.choice == want["choice"]
        if "overridden" in want:
            assert ruling.overridden == str(want["overridden"])
        if "visible_to" in want:
            assert sorted(ruling.visible_to) == sorted(want["visible_to"]), ruling.visible_to
    if "options" in expect:
        assert ruling is not None
        probabilities = {o.code: o.probability for o in ruling.options}
        for code, p in expect["options"].items():
            assert abs(probabilities.get(str(code), 0.0) - p) < 1e-3, (
                f"P({code}) = {probabilities.get(str(code))}, not {p}"
            )
    state = game.state
    for unit_id, fields in expect.get("units", {}).items():
        unit = state.units[unit_id]
        for name, value in fields.items():
            actual = {"location": unit.location, "strength": unit.strength, "posture": str(unit.posture),
                      "status": str(unit.status), "supply": unit.supply, "faction": unit.faction,
                      "side": unit.side, "training_days": unit.training_days,
                      "march": getattr(unit, "march", ""), "leg_to": getattr(unit, "leg_to", "")}[name]  # fmt: skip
            if name == "strength" and isinstance(value, dict):
                assert value.get("min", -1) <= actual <= value.get("max", 10**9), f"{unit_id}.strength = {actual}"
            else:
                assert actual == value, f"{unit_id}.{name} = {actual!r}, expected {value!r}"
    for area, side in expect.get("control", {}).items():
        assert state.control.get(area) == side, f"{area} held by {state.control.get(area)}"
    for route, value in expect.get("routes", {}).items():
        assert str(state.routes[route]) == value, f"{route} is {state.routes[route]}"
    for track, value in expect.get("tracks", {}).items():
        assert state.tracks[track] == value, f"{track} = {state.tracks[track]}"
    for gate, value in expect.get("gates", {}).items():
        assert state.gates[gate] == value, f"gate {gate} = {state.gates[gate]}"
    for unit_id, sides in expect.get("detected", {}).items():
        assert sorted(state.units[unit_id].detected_by) == sorted(sides), (
            f"{unit_id} known to {state.units[unit_id].detected_by}"
        )
    for inject in expect.get("fired", []):
        assert inject in state.fired, f"inject {inject} did not fire"
    if "caches" in expect:
        assert sorted((c.area, c.stock) for c in state.caches.values()) == sorted(map(tuple, expect["caches"]))
    if "hazards" in expect:
        assert sorted(h.area for h in state.hazards.values()) == sorted(expect["hazards"]), state.hazards
    for objective, value in expect.get("objectives", {}).items():
        status = state.objectives[objective]
        actual = "met" if status.met else "failed" if status.failed else "open"
        assert actual == value, f"objective {objective} is {actual}"
    for side, value in expect.get("escaped", {}).items():
        assert state.escaped.get(side, 0) == value, f"{side} escaped {state.escaped.get(side, 0)}"
    for mechanic in expect.get("absent", []):
        made = [r.explanation for r in game.log if isinstance(r, Ruling) and r.mechanic == mechanic]
        assert not made, f"unexpected {mechanic} ruling: {made}"
    if "pending" in expect:
        assert game.pending is not None, "no ruling awaits the facilitator"
        event, _ = game.pending
        want = expect["pending"]
        assert want.get("title", "") in event.title, event.title
        for label, code in want.get("proposals", {}).items():
            assert dict(event.proposals).get(label) == str(code), f"proposals {event.proposals}"
    if "ended" in expect:
        assert bool(state.ended) == expect["ended"], state.ended


def _find_ruling(game: Game, expect: dict, submitted: list[str]) -> Ruling | None:
    want = expect.get("ruling", {})
    rulings = [e for e in game.log if isinstance(e, Ruling)]
    if "mechanic" in want:
        matching = [
            r
            for r in rulings
            if r.mechanic == want["mechanic"]
            and want.get("side", r.side) == r.side
            and want.get("title", "") in r.title
        ]
        return matching[-1] if matching else None
    if submitted:
        mine = [r for r in rulings if r.order_id == submitted[0]]
        return mine[-1] if mine else None
    return rulings[-1] if rulings else None


def _list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
