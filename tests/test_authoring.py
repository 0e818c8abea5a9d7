"""Authoring: `wargame new`, `wargame playtest`, and loading that never fails in a foreign way."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import random_game
from wargame.analysis import playtest as playtest_module
from wargame.analysis.playtest import format_report, playtest
from wargame.cli import main
from wargame.core.problems import ScenarioError
from wargame.loading import check_file, load_scenario, load_scenario_text

ROOT = Path(__file__).parents[1]
BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))


def test_wargame_new_writes_a_valid_scenario_that_plays_to_the_end(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "Bridge at Gao"]) == 0
    path = tmp_path / "bridge-at-gao.yaml"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    schema = first.split("$schema=file://", 1)[1]
    assert Path(schema).is_file()
    assert check_file(path) == []
    game = random_game(load_scenario(path), 1)
    assert game.over and game.state.ended
    assert main(["new", "Bridge at Gao"]) == 2, "an existing file is not overwritten"
    assert "exists" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Gao: the bridge", "gao-the-bridge"), ("Battle #2", "battle-2"), ("2013", "2013"), ("Sévaré, 10 janvier",
     "sevare-10-janvier"), ("yes", "yes")],
)  # fmt: skip
def test_wargame_new_quotes_the_title_and_makes_a_safe_id(name, slug, tmp_path, monkeypatch):
    """A colon, a '#', a number or yes in the name used to give invalid YAML, a cut title or type errors."""
    monkeypatch.chdir(tmp_path)
    assert main(["new", name]) == 0
    path = tmp_path / f"{slug}.yaml"
    assert check_file(path) == []
    scenario = load_scenario(path)
    assert (scenario.id, scenario.title) == (slug, name)


def test_the_template_says_the_dates_it_uses():
    text = (ROOT / "wargame" / "templates" / "new-scenario.yaml").read_text(encoding="utf-8")
    assert "start: 2013-01-26" in text and "end: 2013-01-31" in text
    assert "February" not in text


def test_playtest_reports_what_a_designer_should_look_at(konna):
    report = playtest(konna, 4, seed=1)
    lines = "\n".join(format_report(report))
    assert report.games == 4 and not report.errors
    for heading in ("Objectives", "Injects never published", "Tracks that never moved", "Units that never moved",
                    "Areas never entered", "Turns: median"):  # fmt: skip
        assert heading in lines
    assert {o[1] for o in report.objective_flags()} == set(konna.objectives)


def test_playtest_reports_engine_errors_with_their_seed(konna, monkeypatch, capsys):
    real = playtest_module.random_game

    def flaky(scenario, seed, **kwargs):
        if seed == 2:
            raise ZeroDivisionError("deliberate")
        return real(scenario, seed, **kwargs)

    monkeypatch.setattr(playtest_module, "random_game", flaky)
    assert main(["playtest", "konna-2013", "--games", "3"]) == 1
    out = capsys.readouterr().out
    assert "ENGINE ERRORS in 1 games" in out and "seed 2" in out and "ZeroDivisionError" in out


# -- loading mutated scenarios never fails in a foreign way -------------------------------------------------


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*prefix, i))


def _at(data, path):
    for step in path:
        data = data[step]
    return data


JUNK = st.sampled_from([None, 0, -1, 1.5, True, "", "x", [], {}, "2013-13-45", "nowhere", {"a": 1}, [1, 2]])


@st.composite
def mutated(draw):
    path = draw(st.sampled_from(BUNDLED))
    text = path.read_text(encoding="utf-8")
    how = draw(st.sampled_from(["drop", "retype", "swap", "truncate", "junk-line"]))
    if how == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    if how == "junk-line":
        lines = text.splitlines()
        at = draw(st.integers(0, len(lines)))
        junk = draw(
            st.sampled_from(["  - ]", "{:", "\t", "key: [1, 2", "&a *b", "!!python/object:os.system x", "x: y: z"])
        )
        return "\n".join([*lines[:at], junk, *lines[at:]])
    data = yaml.safe_load(text)
    paths = [p for p in _paths(data) if p]
    target = draw(st.sampled_from(paths))
    parent, key = _at(data, target[:-1]), target[-1]
    if how == "drop":
        del parent[key]
    elif how == "retype":
        parent[key] = draw(JUNK)
    else:
        other = draw(st.sampled_from(paths))
        parent[key] = copy.deepcopy(_at(data, other)) if other[: len(target)] != target else draw(JUNK)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], deadline=None)
@given(mutated())
def test_a_mutated_scenario_loads_or_fails_with_lines(text):
    try:
        load_scenario_text(text, "mutant.yaml", ROOT / "scenarios")
    except ScenarioError as error:
        assert error.problems, "a ScenarioError must say what is wrong"
        for found in error.problems:
            assert found.line >= 1, f"no line for: {found}"
            assert found.file == "mutant.yaml"
            assert not PYTHON_WORDS.search(found.message), f"Python's words reach the designer: {found}"


#: What Python's own error texts look like: a designer never sees them.
PYTHON_WORDS = re.compile(r"\bobject\b|attribute|NoneType|<built-in|iterable|\b(None|True|False)\b|\{'|Error\b")


@pytest.mark.parametrize("base", ["_base.yaml", "_base-rules.yaml"])
@pytest.mark.parametrize("junk", ["x", 3, None, True, ["a"], {"a": 1}])
def test_no_value_of_the_wrong_form_gets_python_words(base, junk, tmp_path):
    """Every field of every kind given a value of the wrong form: the problem is in the designer's words."""
    data = yaml.safe_load((ROOT / "tests" / "bad" / base).read_text(encoding="utf-8"))
    for path in [p for p in _paths(data) if p and not any(isinstance(s, int) and s > 0 for s in p)]:
        mutant = copy.deepcopy(data)
        _at(mutant, path[:-1])[path[-1]] = junk
        file = tmp_path / "mutant.yaml"
        file.write_text(yaml.safe_dump(mutant, allow_unicode=True, sort_keys=False), encoding="utf-8")
        for found in check_file(file):
            assert not PYTHON_WORDS.search(found.message), f"{path} = {junk!r}: {found}"


@pytest.mark.parametrize("text", ["", "   \n", "- a list\n", "just text\n", "\x00\x01", "a: [\n"])
def test_degenerate_files_fail_with_a_line(text):
    with pytest.raises(ScenarioError) as error:
        load_scenario_text(text, "odd.yaml")
    assert all(p.line >= 1 for p in error.value.problems), error.value.problems


@pytest.mark.parametrize("name", ["serval-2013", "ifoghas-2013"])
def test_the_white_cell_briefings_say_what_the_engine_does_at_the_borders(name):
    """The briefings once told the white cell to stop Blue walking into Algeria, which the engine now refuses."""
    from wargame.core import Game
    from wargame.core.enums import Feature
    from wargame.core.movement import off_limits

    scenario = load_scenario(name)
    briefing = " ".join(scenario.briefing.split())
    assert "left the theatre" not in briefing
    assert "Only Red's irregular units can enter" in briefing
    ctx = Game(scenario, seed=1).context()
    escapes = [a.id for a in scenario.map.areas if a.has(Feature.OFF_MAP) and a.control is None]
    assert escapes
    for unit in ctx.state.units.values():
        irregular_red = unit.side == "red" and ctx.unit_type(unit).irregular
        assert all(off_limits(ctx, unit, area) is not irregular_red for area in escapes), unit.id
