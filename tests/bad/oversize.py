"""The oversize case: the valid base padded with comments past the 2 MB limit.

Too big to commit, so the test writes ``text()`` to ``oversize.yaml`` in a temporary folder.
"""

from pathlib import Path


def text() -> str:
    base = (Path(__file__).parent / "_base.yaml").read_text(encoding="utf-8")
    padding = "# " + "x" * 97 + "\n"  # 100 bytes a line
    return base + padding * 21_000  # 2.1 MB
