"""The engine's boundaries and the package's shape."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_engine_pulls_in_neither_textual_nor_yaml():
    code = "import sys, wargame.core; print(sorted(m for m in ('textual', 'yaml') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_engine_touches_no_files():
    import ast
    from pathlib import Path

    import wargame.core

    forbidden = {"open", "Path", "os", "pathlib", "shutil", "yaml", "textual", "json"}
    for path in Path(wargame.core.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = {a.name.split(".")[0] for a in node.names} | {(getattr(node, "module", "") or "").split(".")[0]}
                assert not names & forbidden, f"{path.name} imports {names & forbidden}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id != "open", f"{path.name} opens a file"


def test_the_bundled_scenarios_and_rules_are_found():
    from wargame.loading.resources import bundled_rules, bundled_scenario_files

    names = {p.stem for p in bundled_scenario_files()}
    assert {"konna-2013"} <= names
    assert bundled_rules("core") is not None


def test_python_dash_m_wargame_runs():
    out = subprocess.run([sys.executable, "-m", "wargame", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("wargame ")
