"""The documentation's examples run as written."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).parents[1] / "docs"


def python_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)


def test_the_library_guide_runs_as_written(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the guide writes its replications' files in the current folder
    namespace: dict = {}
    for block in python_blocks(DOCS / "library.md"):
        exec(compile(block, "docs/library.md", "exec"), namespace)
    out = capsys.readouterr().out
    assert "The push on Konna" in out
    assert "Sévaré held at the end in" in out and "20 runs" in out
    assert {p.name for p in (tmp_path / "konna-runs").iterdir()} == {"runs.csv", "runs.json", "report.html"}


def test_the_rules_reference_is_current():
    from wargame.loading import load_rules
    from wargame.rulesdoc import rules_markdown

    committed = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(load_rules("core")), (
        "docs/rules.md is stale: python -m wargame.rulesdoc > docs/rules.md"
    )


def test_every_rule_a_ruling_cites_is_explained_in_the_reference(konna):
    from tests.helpers import random_game
    from wargame.core.events import Ruling
    from wargame.rulesdoc import CITATIONS, cited_in_code

    assert cited_in_code() <= set(CITATIONS)
    game = random_game(konna, 3)
    cited = {c for e in game.log if isinstance(e, Ruling) for c in e.citations}
    unexplained = {c for c in cited if c not in CITATIONS and not c.startswith(("terrain.", "posture."))}
    assert unexplained == set()


def test_the_authoring_guide_says_only_true_things(monkeypatch):
    """Every command quoted in docs/authoring.md gives the output quoted, every YAML snippet is what it
    says (docs/examples/check_authoring.py; rerun it with --update after a change that moves them)."""
    import importlib.util
    import sys

    path = DOCS / "examples" / "check_authoring.py"
    spec = importlib.util.spec_from_file_location("check_authoring", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(sys, "argv", [str(path)])
    assert module.main() == 0, "docs/authoring.md is out of date: python docs/examples/check_authoring.py --update"
