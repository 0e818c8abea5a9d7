"""Bad scenario files: every problem reported at once, at its line, with no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.core.problems import ScenarioError
from wargame.loading import check_file, load_scenario, load_scenario_text

KONNA = Path(__file__).parents[1] / "scenarios" / "konna-2013.yaml"


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return [str(p).replace(str(path), "s.yaml") for p in check_file(path)]


def konna_with(old: str, new: str) -> str:
    text = KONNA.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_bundled_scenarios_have_no_problems():
    assert check_file(KONNA) == []


def test_a_syntax_error_is_reported_at_its_line(tmp_path):
    found = problems_of(tmp_path, "id: x\ntitle: [unclosed\nrules: core\n")
    assert len(found) == 1
    assert found[0].startswith("s.yaml:4:1: [error]") or found[0].startswith("s.yaml:3:")
    assert "(syntax)" in found[0]


def test_a_wrong_type_names_the_path_and_the_line(tmp_path):
    text = konna_with("strength: 700,", 'strength: "many",')
    found = problems_of(tmp_path, text)
    line = line_of(text, 'strength: "many"')
    assert any(
        f"s.yaml:{line}:" in f and "sides.blue.units[0].strength: expected a whole number" in f for f in found
    ), found


def test_every_problem_is_reported_at_once(tmp_path):
    text = konna_with("strength: 700,", "strength: -5,")
    text = text.replace(
        "type: motorised_infantry, faction: fama, strength: 1000",
        "type: motorized_infantry, faction: fama, strength: 1000",
    )
    text = text.replace("at: diabaly, detected_by: [red]", "at: nowhere, detected_by: [red]")
    found = problems_of(tmp_path, text)
    codes = " ".join(found)
    assert "strength must be above 0" in codes
    assert "unknown unit type 'motorized_infantry' (did you mean 'motorised_infantry'?)" in codes
    assert "unknown area 'nowhere'" in codes


def test_an_unknown_field_gets_a_suggestion(tmp_path):
    text = konna_with("quality: green, at: konna", "qualty: green, at: konna")
    found = problems_of(tmp_path, text)
    assert any("unknown field 'qualty' (did you mean 'quality'?)" in f for f in found), found


def test_a_comma_in_unquoted_flow_text_gets_a_hint(tmp_path):
    text = konna_with(
        'description: "Timbuktu\'s river port, 8 km south of the city."', "description: Timbuktu's port, 8 km south"
    )
    found = problems_of(tmp_path, text)
    assert any("put text with commas in quotes" in f for f in found), found


def test_duplicate_keys_are_errors(tmp_path):
    found = problems_of(tmp_path, "id: a\nid: b\n")
    assert any(f == "s.yaml:2:1: [error] duplicate key 'id' (first at line 1) (duplicate-key)" for f in found), found


def test_duplicate_ids_are_errors(tmp_path):
    text = konna_with("{id: fama-sevare,", "{id: fama-konna,")
    found = problems_of(tmp_path, text)
    assert any("duplicate unit id 'fama-konna'" in f for f in found), found


def test_unsafe_tags_are_refused(tmp_path):
    found = problems_of(tmp_path, "id: !!python/object/apply:os.system ['echo hacked']\n")
    assert any("tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in f for f in found), found


def test_a_billion_laughs_file_fails_fast(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    found = problems_of(tmp_path, "\n".join(lines) + "\n")
    assert found and "(yaml-aliases)" in found[0]


def test_an_oversize_file_is_refused(tmp_path):
    found = problems_of(tmp_path, "# " + "x" * 2_100_000 + "\n")
    assert found == ["s.yaml: [error] file larger than 2 MB: refusing to read it (too-large)"]


def test_a_route_across_the_niger_must_be_a_crossing(tmp_path):
    text = konna_with(
        "{from: markala, to: segou, km: 35, kind: bridge, name: Markala dam}",
        "{from: markala, to: segou, km: 35, kind: paved_road, name: Markala dam}",
    )
    found = problems_of(tmp_path, text)
    assert any("not a crossing" in f and "(not-a-crossing)" in f for f in found), found


def test_an_inject_dated_outside_the_scenario_is_an_error(tmp_path):
    text = konna_with("date: 2013-01-07\n    text: |", "date: 2013-02-07\n    text: |")
    found = problems_of(tmp_path, text)
    assert any("injects[0].date: 2013-02-07 is outside the scenario" in f for f in found), found


def test_a_scenario_from_a_newer_version_is_refused(tmp_path):
    text = konna_with("schema_version: 1", "schema_version: 99")
    found = problems_of(tmp_path, text)
    assert any("upgrade wargame" in f and "(newer-format)" in f for f in found), found


def test_a_missing_file_is_a_problem_not_a_crash(tmp_path):
    assert [str(p) for p in check_file(tmp_path / "nope.yaml")] == [
        f"{tmp_path / 'nope.yaml'}: [error] no such file (no-file)"
    ]


def test_load_scenario_raises_one_error_with_every_problem(tmp_path):
    with pytest.raises(ScenarioError) as raised:
        load_scenario_text("id: x\ntitle: 3\n", "bad.yaml")
    messages = [p.message for p in raised.value.problems]
    assert "expected text, got 3 (put it in quotes if it is text)" in messages
    assert any(m.startswith("missing required field") for m in messages)


def test_an_unknown_bundled_scenario_names_the_ones_there_are():
    with pytest.raises(ScenarioError) as raised:
        load_scenario("no-such-scenario")
    assert "konna-2013" in str(raised.value)


def test_the_pure_python_reader_gives_the_same_problems(tmp_path, monkeypatch):
    """Without libyaml (some platforms), the pure-Python path still bounds aliases and places errors."""
    from wargame.loading import yaml_nodes

    monkeypatch.setattr(yaml_nodes, "LOADER", yaml_nodes._Loader)
    lines = ["a0: &a0 [lol]"] + [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 60) + "]" for i in range(1, 12)]
    found = problems_of(tmp_path, "\n".join(lines) + "\n")
    assert found and "(yaml-aliases)" in found[0]
    assert "s.yaml:2:1: [error] duplicate key 'id' (first at line 1) (duplicate-key)" in problems_of(
        tmp_path, "id: a\nid: b\n"
    )


def test_side_colours_are_ones_the_console_and_reports_can_draw(tmp_path):
    """Named colours are those Rich (the console) parses and CSS (reports) knows; #rgb is widened to #rrggbb."""
    from rich.color import Color

    from wargame.core.scenario import COLOUR_NAMES

    for name in COLOUR_NAMES:  # each is also a CSS colour name (a web page draws it)
        Color.parse(name)
    text = konna_with('colour: "#3b82f6"', 'colour: "#3B8"').replace('colour: "#ef4444"', "colour: Red ", 1)
    scenario = load_scenario_text(text, "s.yaml", KONNA.parent)
    assert [s.colour for s in scenario.sides.values()] == ["#33bb88", "red"]
    for side in scenario.sides.values():
        Color.parse(side.colour)


def test_saves_made_before_modifiers_recorded_their_kind_still_load(tmp_path):
    """Modifiers now say whether they add, shift or multiply; older saves lack the field and load as they showed."""
    import json

    from tests.helpers import random_game
    from wargame.core.events import Ruling
    from wargame.loading import load_game, save_game

    game = random_game(load_scenario(KONNA), 3, turns=3)
    path = save_game(game, tmp_path / "new.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    kinds = set()

    def strip(node):
        if isinstance(node, dict):
            if {"name", "value", "rule", "kind"} <= set(node):
                kinds.add(node.pop("kind"))
            for value in node.values():
                strip(value)
        elif isinstance(node, list):
            for value in node:
                strip(value)

    strip(data["events"])
    data["schema_version"] = 1  # the format before modifiers had kinds: loading migrates it
    assert "times" in kinds, "the game should have had a multiplier"
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    loaded = load_game(old)
    assert loaded.state == game.state
    for event in loaded.log:
        if isinstance(event, Ruling):
            for modifier in event.modifiers:
                fraction = not modifier.value.is_integer()
                assert modifier.kind == ("times" if fraction else "add"), modifier


def test_a_track_named_by_the_rule_set_must_be_the_scenarios(tmp_path):
    """A rules file (not rule_overrides) naming an undefined political track: reported at the scenario's rules line."""
    core = (Path(__file__).parents[1] / "rules" / "core.yaml").read_text(encoding="utf-8")
    assert "\nattacks:\n" in core
    (tmp_path / "my-rules.yaml").write_text(core.replace("\nattacks:\n", "\nattacks:\n  political_track: fear\n"))
    text = konna_with("rules: core", "rules: my-rules.yaml")
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    found = [str(p).replace(str(path), "s.yaml") for p in check_file(path)]
    line = line_of(text, "rules: my-rules.yaml")
    assert found == [
        f"s.yaml:{line}:8: [error] rules: the rules' attacks.political_track is 'fear', a track this scenario "
        "does not define (unknown-ref)"
    ]


def test_validate_checks_an_orders_file_against_the_scenario_it_names(tmp_path, capsys):
    """An orders file was validated as a scenario (9 errors); it is checked against its scenario, found beside it."""
    from wargame.cli import main

    guide = Path(__file__).parents[1] / "docs" / "examples"
    assert main(["validate", str(guide / "guide-orders.yaml")]) == 0
    assert capsys.readouterr().err == "1 file: 0 errors, 0 warnings\n"
    scenario = tmp_path / "my-scenario.yaml"  # found by its id, not its name
    scenario.write_text(KONNA.read_text(encoding="utf-8"), encoding="utf-8")
    orders = tmp_path / "orders.yaml"
    orders.write_text("scenario: konna-2013x\nturns: {1: {movement: [{move: {unit: fama-segou, to: sevare}}]}}\n")
    assert [p.code for p in check_file(orders)] == ["no-scenario"]
    orders.write_text("scenario: konna-2013\nturns: {9: {movement: [{move: {unit: fama-segou, to: sevare}}]}}\n")
    bundled = [str(p) for p in check_file(orders)]
    scenario.write_text(konna_with("end: 2013-01-14", "end: 2013-01-24").replace("id: konna-2013", "id: mine"))
    orders.write_text("scenario: mine\nturns: {9: {movement: [{move: {unit: fama-segou, to: sevare}}]}}\n")
    beside = [str(p) for p in check_file(orders)]
    assert bundled == [f"{orders}:2:12: [error] turns[9]: turn 9 is outside 1..8 (out-of-span)"] and beside == []
    scenario.write_text(konna_with("strength: 700,", "strength: -5,").replace("id: konna-2013", "id: mine"))
    assert [(p.level, p.code) for p in check_file(orders)] == [("error", "no-scenario")]
