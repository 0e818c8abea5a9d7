"""No way out of the engine shows a side an enemy unit it has never detected.

For several scenarios and seeds, a random game is played; for each side, the enemy units
it never detected are its *hidden* units. Their ids and names must not appear in
anything made for that side: its view (units and log), the log narrated for it
(``wargame run --side``, also as JSON), its after-action report (Markdown and HTML,
also from ``wargame report --side``), the reasons its refused orders are given, and all
of these again after undo and redo. (The console's screens have their own test in
tests/tui/test_side_view.py.)
"""

from __future__ import annotations

import json
import random

import attrs
import pytest

from tests.helpers import random_game
from wargame.cli import main
from wargame.core import Attack, Game, Move
from wargame.core.events import Detected, Ruling
from wargame.core.state import initial_state
from wargame.loading import load_scenario
from wargame.loading.convert import event_to_data
from wargame.loading.saves import save_game
from wargame.narrate import narrate
from wargame.report import build_report, to_html, to_markdown

GAMES = [("konna-2013", 1), ("konna-2013", 4), ("serval-2013", 2), ("gao-2013", 3), ("ifoghas-2013", 1)]


def ever_detected(game: Game, side: str) -> set[str]:
    """Units ``side`` has detected at some time in the game: at the start, now, or in a ruling."""
    start = initial_state(game.scenario)
    seen = {u.id for state in (start, game.state) for u in state.units.values() if side in u.detected_by}
    for event in game.log:
        if isinstance(event, Ruling):
            seen |= {c.unit for c in event.changes if isinstance(c, Detected) and c.side == side}
    return seen


def hidden_units(game: Game, side: str) -> dict[str, list[str]]:
    """Enemy units ``side`` never detected -> the words that would betray them in text: the name,
    where it is the unit's own (not shared with a unit the side knows, nor written in public
    scenario text such as an inject read to everyone). Ids are checked in the data instead."""
    scenario = game.scenario
    public = " ".join(
        [i.text for i in scenario.injects]
        + [i.title for i in scenario.injects]
        + [scenario.sides[side].briefing, scenario.briefing]
    )
    seen = ever_detected(game, side)
    known_names = {scenario.units[u].name for u in seen} | {
        scenario.units[u.id].name for u in game.state.units.values() if u.side == side
    }
    hidden: dict[str, list[str]] = {}
    for unit in game.state.units.values():
        if unit.side == side or unit.id in seen:
            continue
        name = scenario.units[unit.id].name
        distinctive = name not in public and not any(name in other for other in known_names)
        hidden[unit.id] = [name] if distinctive else []
    return hidden


UNIT_FIELDS = {"unit", "units", "target", "support"}
KEY_FIELDS = {"source", "follow_ups"}  # work keys such as "ambush:<ambusher>:<victim>"
UNIT_KEYS = {"march", "ambush", "ied", "mine"}  # the kinds of work key that name units


def unit_refs(value: object) -> set[str]:
    """Every unit id an event, order or view refers to, at any depth."""
    if isinstance(value, tuple | list):
        return set().union(*(unit_refs(item) for item in value)) if value else set()
    if not attrs.has(type(value)):
        return set()
    refs: set[str] = set()
    for field in attrs.fields(type(value)):
        item = getattr(value, field.name)
        items = item if isinstance(item, tuple) else (item,)
        if field.name in UNIT_FIELDS:
            refs.update(str(i) for i in items)
        elif field.name in KEY_FIELDS:
            keys = [str(key).split(":") for key in items]
            refs.update(part for kind, *parts in keys if kind in UNIT_KEYS for part in parts)
        else:
            refs |= unit_refs(item)
    return refs


def assert_hides(text: str, hidden: dict[str, list[str]], where: str) -> None:
    for unit_id, words in hidden.items():
        for word in words:
            assert word not in text, f"{where} shows {word!r} (hidden unit {unit_id})"


def assert_no_refs(value: object, hidden: dict[str, list[str]], where: str) -> None:
    leaked = unit_refs(value) & set(hidden)
    assert not leaked, f"{where} refers to hidden units {sorted(leaked)}"


def side_outputs(game: Game, side: str) -> dict[str, str]:
    """Everything the engine and its reports make for ``side``, as text."""
    report = build_report(game, side)
    return {
        "the narrated log": "\n".join(narrate(game.scenario, game.log, side)),
        "the report (Markdown)": to_markdown(report),
        "the report (HTML)": to_html(report),
    }


def assert_side_sees_nothing_hidden(game: Game, side: str, when: str = "") -> None:
    hidden = hidden_units(game, side)
    view = game.view(side)
    assert_no_refs(view.units, hidden, f"{side}{when}: the view's units")
    assert_no_refs(view.log, hidden, f"{side}{when}: the view's log")
    for where, text in side_outputs(game, side).items():
        assert_hides(text, hidden, f"{side}{when}: {where}")


@pytest.fixture(scope="module", params=GAMES, ids=[f"{s}-seed{n}" for s, n in GAMES])
def played(request) -> Game:
    scenario_id, seed = request.param
    return random_game(load_scenario(scenario_id), seed, turns=3)


def test_a_sides_view_log_and_reports_show_no_unit_it_never_detected(played):
    for side in played.scenario.sides:
        assert_side_sees_nothing_hidden(played, side)


def test_the_view_shows_no_hidden_position_or_strength(played):
    state = played.state
    for side in played.scenario.sides:
        for unit in played.view(side).units:
            if unit.side == side:
                continue
            truth = state.units[unit.id]
            assert side in truth.detected_by, f"{side} sees {unit.id}, which it has not detected"
            assert unit.supply is None and unit.detected is None  # nothing of the enemy's own state


def test_a_detected_enemys_strength_is_an_estimate_of_personnel_and_a_count_of_aircraft():
    """serval-2013: Red, having found the Mi-24 at Diabaly and a Malian ground unit, sees the one
    helicopter as one (not as 50, the personnel estimate's floor) and the men to the nearest 50."""
    game = Game(load_scenario("serval-2013"), seed=1)
    ctx = game.context()
    helicopter = next(u for u in game.state.units.values() if u.side == "blue" and not ctx.is_ground(u))
    soldiers = next(u for u in game.state.units.values() if u.side == "blue" and ctx.is_ground(u))
    for unit in (helicopter, soldiers):
        unit.detected_by["red"] = game.turn
    game._memo = {}
    seen = {u.id: u.strength for u in game.view("red").units}
    assert seen[helicopter.id] == helicopter.strength
    assert seen[soldiers.id] % 50 == 0 and abs(seen[soldiers.id] - soldiers.strength) <= 25


def test_refusals_never_name_a_hidden_unit(played):
    scenario, game = played.scenario, played
    rng = random.Random(0)
    for side in scenario.sides:
        hidden = hidden_units(game, side)
        mine = sorted(u.id for u in game.state.units.values() if u.side == side and u.active)
        for unit in rng.sample(mine, min(4, len(mine))):
            for area in scenario.areas:
                for order in (Move(unit, area), Attack((unit,), area)):
                    refusal = game.validate(order, side)
                    if refusal is not None:
                        assert_hides(refusal.message, hidden, f"{side}: refusal of {order}")


def test_undo_and_redo_show_a_side_nothing_more(played):
    game = Game.replay(played.scenario, played.log)
    for _ in range(3):
        game.undo()
    for side in game.scenario.sides:
        assert_side_sees_nothing_hidden(game, side, " after undo")
    while game.redo():
        pass
    for side in game.scenario.sides:
        assert_side_sees_nothing_hidden(game, side, " after redo")


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_wargame_run_for_a_side_prints_only_what_it_may_see(capsys, as_json):
    main(["run", "konna-2013", "--seed", "4", "--turns", "3", "--side", "red", *(["--json"] if as_json else [])])
    out, err = capsys.readouterr()
    game = random_game(load_scenario("konna-2013"), 4, turns=3)
    hidden = hidden_units(game, "red")
    assert_hides(out + err, hidden, "wargame run --side red")
    if as_json:
        events = [json.loads(line) for line in out.splitlines()]
        assert events == [event_to_data(e) for e in game.visible_log("red")]
        assert_no_refs(game.visible_log("red"), hidden, "wargame run --side red --json")


def test_wargame_report_for_a_side_shows_only_what_it_may_see(tmp_path, capsys):
    game = random_game(load_scenario("serval-2013"), 2, turns=3)
    save = save_game(game, tmp_path / "serval.json")
    for side in game.scenario.sides:
        assert main(["report", str(save), "--side", side, "--out", str(tmp_path / side)]) == 0
        hidden = hidden_units(game, side)
        for suffix in (".md", ".html"):
            text = (tmp_path / f"{side}{suffix}").read_text(encoding="utf-8")
            assert_hides(text, hidden, f"wargame report --side {side} ({suffix})")
