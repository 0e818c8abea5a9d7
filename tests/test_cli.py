"""The command line: exit statuses, messages, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from wargame import __version__
from wargame.cli import main

ROOT = Path(__file__).parents[1]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"wargame {__version__}"


def test_list_names_the_bundled_scenarios_with_span_and_sides(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "konna-2013" in out and "07 Jan 2013 - 14 Jan 2013, 8 turns of 1 day" in out
    assert "sides: Mali and France, Jihadist coalition" in out


def test_validate_passes_the_bundled_files(capsys):
    files = [str(p) for p in sorted((ROOT / "scenarios").glob("*.yaml"))] + [str(ROOT / "rules" / "core.yaml")]
    code, out, err = run(capsys, "validate", *files)
    assert code == 0, out
    assert out == ""
    assert "0 errors" in err


def test_validate_prints_one_line_per_problem_and_exits_2(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: 3\nrules: core\nsurprise: 1\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(bad))
    assert code == 2
    lines = out.strip().splitlines()
    assert f"{bad}:2:8: [error] title: expected text, got 3 (put it in quotes if it is text) (type)" in lines
    assert f"{bad}:4:1: [error] surprise: unknown field 'surprise' (unknown-field)" in lines
    assert all(line.startswith(f"{bad}:") for line in lines)


def test_validate_json_output(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--format", "json", str(bad))
    assert code == 2
    problems = json.loads(out)
    assert problems and {"file", "line", "column", "level", "code", "path", "message"} <= set(problems[0])


def test_run_plays_to_the_end_and_prints_a_readable_log(capsys):
    code, out, _ = run(capsys, "run", "konna-2013", "--seed", "1")
    assert code == 0
    assert out.startswith("The push on Konna (konna-2013), seed 1")
    assert "Turn 2: 08 Jan 2013" in out and "Game over:" in out
    assert "dice:" in out and "rules:" in out


def test_run_stops_after_the_turns_asked(capsys):
    code, out, _ = run(capsys, "run", "konna-2013", "--seed", "1", "--turns", "2", "--brief")
    assert code == 0
    assert "Turn 2:" in out and "Stopped after turn 2." in out
    assert "[R" not in out.split("Turn 3:")[-1]


def test_run_json_prints_one_event_per_line(capsys):
    code, out, _ = run(capsys, "run", "konna-2013", "--seed", "4", "--turns", "1", "--json")
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    assert events[0]["event"] == "game_started" and events[0]["seed"] == 4


def test_run_side_shows_only_that_sides_view(capsys):
    code, out, _ = run(capsys, "run", "konna-2013", "--seed", "2", "--side", "red", "--turns", "2")
    assert code == 0
    assert "order O" not in out or "(blue)" not in out


def test_run_with_an_orders_file(capsys, tmp_path):
    orders = tmp_path / "orders.yaml"
    orders.write_text(
        "scenario: konna-2013\nturns:\n  1:\n    movement:\n      - move: {unit: fama-segou, to: sevare}\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "run", "konna-2013", "--orders", str(orders), "--policy", "none", "--turns", "1")
    assert code == 0, err
    assert "FAMa Ségou reserve: move to Sévaré" in out


def test_run_with_a_bad_orders_file_exits_2_with_the_line(capsys, tmp_path):
    orders = tmp_path / "orders.yaml"
    orders.write_text("turns:\n  1:\n    movement:\n      - move: {unit: nobody, to: sevare}\n", encoding="utf-8")
    code, _, err = run(capsys, "run", "konna-2013", "--orders", str(orders))
    assert code == 2
    assert f"{orders}:4:15: [error] turns[1].movement[0].move: unknown unit 'nobody' (unknown-ref)" in err


def test_an_unknown_scenario_exits_2_with_a_message(capsys):
    code, _, err = run(capsys, "run", "nowhere-2013")
    assert code == 2
    assert "no scenario 'nowhere-2013'" in err and "Traceback" not in err


def test_bad_arguments_exit_2_without_a_traceback():
    out = subprocess.run(
        [sys.executable, "-m", "wargame", "run", "konna-2013", "--turns", "zero"], capture_output=True, text=True
    )
    assert out.returncode == 2
    assert "expected a whole number" in out.stderr and "Traceback" not in out.stderr
