"""Versioned saves: older formats migrate, newer ones are refused, damage and changed scenarios are reported."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.helpers import random_game
from wargame.cli import main
from wargame.core.events import Ruling
from wargame.loading import load_scenario
from wargame.loading.saves import (
    MIGRATIONS,
    SAVE_SCHEMA_VERSION,
    SaveError,
    load_game,
    migrate,
    read_header,
    save_game,
    save_text,
)

FORMAT_1 = Path(__file__).parent / "data" / "saves" / "konna-2013-format-1.json"
"""A save written by wargame before modifiers recorded their kind (commit 209b046): konna-2013, seed 3."""


def test_every_older_format_has_a_migration_step():
    assert sorted(MIGRATIONS) == list(range(1, SAVE_SCHEMA_VERSION))


def test_a_save_of_format_1_is_migrated_and_loads():
    data = json.loads(FORMAT_1.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    migrated = migrate(data)
    assert migrated["schema_version"] == SAVE_SCHEMA_VERSION
    assert data["schema_version"] == 1, "migrating does not change the data it was given"
    game = load_game(FORMAT_1)
    kinds = {m.kind for e in game.log if isinstance(e, Ruling) for m in e.modifiers}
    assert "times" in kinds  # terrain and posture multipliers were fractions: multipliers
    assert len(game.log) == len(data["events"]) and game.turn == 4, "every recorded event replayed"


def test_a_migrated_save_is_written_back_in_the_current_format(tmp_path):
    path = save_game(load_game(FORMAT_1), tmp_path / "now.json")
    assert read_header(path).schema_version == SAVE_SCHEMA_VERSION


def test_a_save_from_a_newer_wargame_is_refused_with_a_message(tmp_path):
    data = json.loads(FORMAT_1.read_text(encoding="utf-8"))
    data["schema_version"] = SAVE_SCHEMA_VERSION + 1
    path = tmp_path / "future.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError) as refused:
        load_game(path)
    assert refused.value.code == "newer-save" and "upgrade wargame" in str(refused.value)


def test_a_save_whose_scenario_changed_is_flagged_before_loading(tmp_path):
    data = json.loads(FORMAT_1.read_text(encoding="utf-8"))
    data["scenario"]["hash"] = "0" * 16
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError) as flagged:
        load_game(path)
    assert flagged.value.code == "scenario-changed"
    assert load_game(path, allow_changed_scenario=True).scenario.id == "konna-2013"


@pytest.mark.parametrize(
    ("damage", "code", "words"),
    [
        (lambda text: text[: len(text) // 2], "damaged", "damaged save (line"),
        (lambda text: "", "damaged", "the file is empty"),
        (lambda text: '{"format": "something-else"}', "not-a-save", "not a wargame save"),
        (
            lambda text: text.replace('"event": "phase_began"', '"event": "phase_begun"', 1),
            "damaged",
            "event 2 is damaged: unknown event 'phase_begun'",
        ),
        (
            lambda text: text.replace('"phase": "injects", ', "", 1),
            "damaged",
            "event 2 is damaged: its phase began event lacks the field 'phase'",
        ),
        (
            lambda text: text.replace('"turn": 1,', '"turn": "one",', 1),
            "damaged",
            "a field of its phase began event does not have the form",
        ),
        (lambda text: text.replace('"seed": 3', '"seed": "three"', 1), "damaged", "seed"),
    ],
    ids=["cut in half", "empty", "not a save", "unknown event", "missing field", "wrong form", "bad seed"],
)
def test_a_damaged_save_is_reported_clearly(tmp_path, damage, code, words):
    path = tmp_path / "damaged.json"
    path.write_text(damage(save_text(random_game(load_scenario("konna-2013"), 3, turns=1))), encoding="utf-8")
    with pytest.raises(SaveError) as damaged:
        load_game(path)
    assert damaged.value.code == code and words in str(damaged.value) and str(path) in str(damaged.value)


def test_a_damaged_save_on_the_command_line_is_one_line_and_exit_2(tmp_path, capsys):
    path = tmp_path / "damaged.json"
    path.write_text('{"format": "wargame-save", "schema_version": 2, "events": [', encoding="utf-8")
    assert main(["report", str(path)]) == 2
    err = capsys.readouterr().err
    assert "damaged save" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_save_is_readable_like_any_file_the_user_makes(tmp_path):
    path = save_game(random_game(load_scenario("konna-2013"), 3, turns=1), tmp_path / "game.json")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask
