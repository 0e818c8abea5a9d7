"""The bad-input corpus: broken scenario and rules files, each with the exact problems it must produce.

A case is ``tests/bad/NAME.yaml`` (or ``NAME.py``, whose ``text()`` is written to a temporary
``NAME.yaml``: for files too big to commit) and ``NAME.expected``: the lines ``wargame validate``
prints for it, in order, with the file written ``FILE`` and its folder ``DIR``. Files whose
name starts with ``_`` are the valid bases the cases were copied from.

Cases in ``KNOWN_BAD`` show a problem the engine does not yet report as it should: their
``.expected`` holds the output we want, and they are strict xfails until the engine is fixed.
"""

from __future__ import annotations

import difflib
import runpy
from pathlib import Path

import pytest

from wargame import cli
from wargame.loading import check_file

BAD = Path(__file__).parent / "bad"
MIN_CASES = 45

KNOWN_BAD: dict[str, str] = {
    # yaml_nodes.read
    # yaml_nodes._Builder.build + files._load_scenario_source
    # convert
    # checks
}

#: A few cases run through the real command too (exit status 2, no traceback).
COMMAND_CASES = [
    "syntax-unclosed-list",
    "duplicate-key",
    "alias-bomb",
    "oversize",
    "empty",
    "not-utf8",
    "unknown-area",
    "all-type-errors",
    "rule-overrides-type",
    "rules-unknown-mobility",
    "bad-date-day",
]


def case_names() -> list[str]:
    return sorted(p.name.removesuffix(".expected") for p in BAD.glob("*.expected"))


def _param(name: str):
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN_BAD[name])] if name in KNOWN_BAD else []
    return pytest.param(name, marks=marks, id=name)


def case_file(name: str, tmp_path: Path) -> Path:
    """The case's YAML file: committed, or written by its generator."""
    committed = BAD / f"{name}.yaml"
    if committed.exists():
        return committed
    generated = tmp_path / f"{name}.yaml"
    generated.write_text(runpy.run_path(str(BAD / f"{name}.py"))["text"](), encoding="utf-8")
    return generated


def expected_lines(name: str) -> list[str]:
    return (BAD / f"{name}.expected").read_text(encoding="utf-8").splitlines()


def shown(line: str, path: Path) -> str:
    return line.replace(str(path), "FILE").replace(str(path.parent), "DIR")


def compare(name: str, expected: list[str], got: list[str]) -> None:
    if got == expected:
        return
    diff = "\n".join(difflib.unified_diff(expected, got, "expected", "got", lineterm=""))
    pytest.fail(
        f"{name}: the problems differ from tests/bad/{name}.expected\n"
        + "--- expected:\n" + "\n".join(f"  {line}" for line in expected) + "\n"
        + "--- got:\n" + "\n".join(f"  {line}" for line in got) + "\n"
        + "--- diff:\n" + diff,
        pytrace=False,
    )  # fmt: skip


@pytest.mark.parametrize("name", [_param(n) for n in case_names()])
def test_case(name, tmp_path):
    path = case_file(name, tmp_path)
    got = [shown(str(found), path) for found in check_file(path)]
    compare(name, expected_lines(name), got)


@pytest.mark.parametrize("name", [_param(n) for n in COMMAND_CASES])
def test_the_command(name, tmp_path, capsys):
    path = case_file(name, tmp_path)
    status = cli.main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err, out + err
    assert "unexpected error" not in err, err
    assert status == 2, f"exit status {status}\n{out}{err}"
    compare(name, expected_lines(name), [shown(line, path) for line in out.splitlines()])
    assert err.startswith("1 file: "), err


def test_there_are_enough_cases():
    names = case_names()
    assert len(names) >= MIN_CASES, f"only {len(names)} cases"
    for name in names:
        assert (BAD / f"{name}.yaml").exists() or (BAD / f"{name}.py").exists(), f"{name}.expected has no input"
        assert expected_lines(name), f"{name}.expected is empty: every case must have a problem"
    inputs = {p.stem for p in BAD.glob("*.yaml")} | {p.stem for p in BAD.glob("*.py")}
    orphans = sorted(n for n in inputs if not n.startswith("_") and n not in names)
    assert not orphans, f"inputs without a .expected: {orphans}"
    unknown = sorted(set(KNOWN_BAD) - set(names))
    assert not unknown, f"KNOWN_BAD names no case: {unknown}"
    assert set(COMMAND_CASES) <= set(names)


@pytest.mark.parametrize("base", ["_base.yaml", "_base-rules.yaml"])
def test_the_bases_are_valid(base):
    """Every case is one of these with a mistake, so each case's problems come from its mistake."""
    assert [str(p) for p in check_file(BAD / base)] == []
