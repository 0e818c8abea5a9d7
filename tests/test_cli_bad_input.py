"""Bad input on the command line: a clear message that says where and what, exit status 2, no
traceback, and nothing lost (no file overwritten, no long run started only to fail at its end)."""

from __future__ import annotations

import sys

import pytest

from tests.helpers import random_game
from wargame.cli import main
from wargame.loading import load_scenario
from wargame.loading.saves import save_game

BAD_ORDERS = "turns:\n  1:\n    movement:\n      - move: {unit: nobody, to: sevare}\n"


@pytest.fixture
def files(tmp_path, monkeypatch):
    """A folder with one file of each kind, good and bad; the working folder while the test runs."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WARGAME_HOME", str(tmp_path / "home"))
    (tmp_path / "broken.yaml").write_text("x: [\n", encoding="utf-8")
    (tmp_path / "orders.yaml").write_text(BAD_ORDERS, encoding="utf-8")
    (tmp_path / "empty.json").write_text("", encoding="utf-8")
    (tmp_path / "half.json").write_text('{"format": "wargame-save", "schema_version": 2, "events": [', "utf-8")
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    save_game(random_game(load_scenario("konna-2013"), 1, turns=1), tmp_path / "game.json")
    return tmp_path


CASES = [
    (["run", "konna-2013", "--seed", "abc"], "--seed: invalid int value"),
    (["run", "konna-2013", "--turns", "0"], "--turns: must be 1 or more"),
    (["run", "nowhere-2013"], "no scenario 'nowhere-2013'"),
    (["run", "broken.yaml"], "broken.yaml:2:1: [error]"),
    (["run", "konna-2013", "--orders", "orders.yaml"], "orders.yaml:4:15: [error] turns[1].movement[0].move"),
    (["run", "konna-2013", "--orders", "missing.yaml"], "missing.yaml: [error] no such file"),
    (["run", "konna-2013", "--side", "purple"], "--side: no side 'purple'"),
    (["simulate", "konna-2013", "--runs", "0"], "--runs: must be 1 or more"),
    (["simulate", "konna-2013", "--jobs", "0"], "--jobs: must be 1 or more"),
    (["simulate", "konna-2013", "--blue", "genius"], "--blue: invalid choice: 'genius'"),
    (["simulate", "konna-2013", "--plan", "orders.yaml"], "orders.yaml:4:15: [error]"),
    (["simulate", "konna-2013", "--plan", "missing.yaml"], "missing.yaml: [error] no such file"),
    (["simulate", "konna-2013", "--out", "a-file/results"], "--out: cannot write to a-file/results"),
    (["simulate", "konna-2013", "--policy", "purple=random"], "--policy 'purple=random': write SIDE=POLICY"),
    (["playtest", "konna-2013", "--games", "0"], "--games: must be 1 or more"),
    (["report", "missing.json"], "missing.json: no such save file"),
    (["report", "empty.json"], "empty.json: the file is empty: not a save"),
    (["report", "half.json"], "half.json: damaged save (line 1"),
    (["report", "broken.yaml"], "broken.yaml: damaged save"),
    (["report", "game.json", "--side", "purple"], "--side: no side 'purple'"),
    (["validate"], "the following arguments are required: FILE"),
    (["play", "missing.yaml"], "missing.yaml: [error] no such file"),
    (["play", "broken.yaml"], "broken.yaml:2:1: [error]"),
    (["play", "--resume"], "no autosave to resume"),
    (["new", "!!!"], "give the scenario a name with letters or digits"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
]


@pytest.mark.parametrize(("argv", "message"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_bad_input_is_one_clear_message_and_exit_2(files, capsys, argv, message):
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse's own errors
        code = exit_.code
    out, err = capsys.readouterr()
    assert code == 2, (code, out, err)
    assert message in err, err
    assert "Traceback" not in out + err


def test_new_never_overwrites_a_scenario(files, capsys):
    (files / "gao-1.yaml").write_text("# my work\n", encoding="utf-8")
    assert main(["new", "gao-1"]) == 2
    assert "gao-1.yaml exists" in capsys.readouterr().err
    assert (files / "gao-1.yaml").read_text(encoding="utf-8") == "# my work\n"


def test_a_bad_output_folder_is_refused_before_any_run_is_played(files, capsys, monkeypatch):
    simulate_module = sys.modules["wargame.analysis.simulate"]

    def never(*args, **kwargs):
        raise AssertionError("the runs were started before the output folder was checked")

    monkeypatch.setattr(simulate_module, "simulate", never)
    assert main(["simulate", "konna-2013", "--runs", "500", "--out", "a-file/results"]) == 2
