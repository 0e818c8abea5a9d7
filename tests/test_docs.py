"""The documentation's examples run as written."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).parents[1] / "docs"


def python_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)


def test_the_library_guide_runs_as_written(capsys):
    namespace: dict = {}
    for block in python_blocks(DOCS / "library.md"):
        exec(compile(block, "docs/library.md", "exec"), namespace)
    out = capsys.readouterr().out
    assert "The push on Konna" in out
