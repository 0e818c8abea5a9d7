"""Check that docs/authoring.md says only true things: run its commands, validate its YAML.

    python docs/examples/check_authoring.py            # report every difference (exit 1 if any)
    python docs/examples/check_authoring.py --update   # rewrite the quoted outputs with the real ones

What it checks, from markers (HTML comments, invisible on the page) in authoring.md:

- ``<!-- check {...} -->`` before a ``console`` block: each ``$ wargame ...`` line in the
  block is run and its output (stdout and stderr, as a terminal shows them) must be the
  lines that follow it. Options: ``cwd`` is ``copy`` (a folder holding the guide's
  scenario as ``diabaly-2013.yaml``, after the ``replace`` pairs are applied), ``empty``
  (an empty folder) or ``repo`` (the repository); ``head`` keeps the first N lines of each
  output; ``vary`` lists line prefixes whose rest may differ (timings).
- ``<!-- from guide -->`` before a ``yaml`` block: the block is part of
  docs/examples/guide-example.yaml, word for word.
- ``<!-- valid {"after": "..."} -->`` before a ``yaml`` block: inserted into the guide's
  scenario after that text, it validates with no error and no warning.
- ``<!-- invalid -->`` before a ``yaml`` block: a mistake on purpose, not checked.
- ``<!-- probe conditions -->`` / ``<!-- probe effects -->`` before a table: the code in each
  row's second column, put in an inject of the guide's scenario, validates cleanly.
- ``<!-- run python -->`` before a ``python`` block: its tests pass under pytest.

Every ``yaml`` block must carry one of these markers.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "authoring.md"
GUIDE = ROOT / "docs" / "examples" / "guide-example.yaml"
MARKER = re.compile(r"<!-- (check|from guide|valid|invalid|probe conditions|probe effects|run python)(.*?)-->")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.S | re.M)


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", "WARGAME_HOME": str(home)}


def _run(command: str, cwd: Path, home: Path) -> list[str]:
    args = shlex.split(command)
    if args[0] == "wargame":
        args = [sys.executable, "-m", "wargame", *args[1:]]
    done = subprocess.run(
        args, cwd=cwd, env=_env(home), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600
    )
    return done.stdout.rstrip("\n").splitlines()


def _validate(text: str) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "diabaly-2013.yaml"
        path.write_text(text, encoding="utf-8")
        return _run(f"wargame validate {path.name}", Path(tmp), Path(tmp))


def _clean(lines: list[str]) -> bool:
    return lines == ["1 file: 0 errors, 0 warnings"]


def _check_console(options: dict, body: str) -> tuple[str, list[str]]:
    """The block as it should read, and the differences found."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "work"
        folder.mkdir()
        home = Path(tmp) / "home"
        cwd = {"repo": ROOT, "empty": folder, "copy": folder}[options.get("cwd", "copy")]
        if options.get("cwd", "copy") == "copy":
            text = GUIDE.read_text(encoding="utf-8")
            for old, new in options.get("replace", []):
                if old not in text:
                    problems.append(f"replace: {old!r} is not in the guide's scenario")
                text = text.replace(old, new, 1)
            (folder / "diabaly-2013.yaml").write_text(text, encoding="utf-8")
        out: list[str] = []
        expected_by_command: list[tuple[str, list[str]]] = []
        for line in body.rstrip("\n").split("\n"):
            if line.startswith("$ "):
                expected_by_command.append((line[2:], []))
            elif expected_by_command:
                expected_by_command[-1][1].append(line)
        for command, expected in expected_by_command:
            got = _run(command, cwd, home)
            if "head" in options:
                got = got[: options["head"]]
            while got and not got[-1].strip():
                got.pop()
            shown = []
            for i, line in enumerate(got):
                keep = i < len(expected) and any(
                    line.startswith(p) and expected[i].startswith(p) for p in options.get("vary", [])
                )
                shown.append(expected[i] if keep else line)
            if shown != expected:
                problems.append(f"$ {command}\n  expected:\n    " + "\n    ".join(expected) + "\n  got:\n    "
                                + "\n    ".join(shown))  # fmt: skip
            out += [f"$ {command}", *shown]
    return "\n".join(out) + "\n", problems


def _probe(kind: str, table: str) -> list[str]:
    problems = []
    base = GUIDE.read_text(encoding="utf-8")
    examples = []
    for row in table.splitlines():
        cells = [c.strip() for c in row.strip("|").split("|")] if row.startswith("|") else []
        if len(cells) >= 2:
            examples += [code for code in re.findall(r"`([^`]+)`", cells[1]) if code.startswith("{")]
    if not examples:
        problems.append(f"no {kind} examples found")
    for n, example in enumerate(examples):
        if kind == "conditions":
            inject = f"  - {{id: probe-{n}, title: Probe, condition: {example}}}\n"
        else:
            inject = f"  - {{id: probe-{n}, title: Probe, date: 2013-01-13, effects: [{example}]}}\n"
        got = _validate(base + inject)
        if not _clean(got):
            problems.append(f"{kind} example {example}: " + " / ".join(got))
    return problems


def check(update: bool = False) -> list[str]:
    doc = DOC.read_text(encoding="utf-8")
    problems: list[str] = []
    guide = GUIDE.read_text(encoding="utf-8")
    if not _clean(_validate(guide)):
        problems.append("the guide's scenario does not validate cleanly")
    pieces: list[str] = []
    position = 0
    for fence in FENCE.finditer(doc):
        language, body = fence.group(1), fence.group(2)
        before = doc[position : fence.start()]
        marker = list(MARKER.finditer(before))
        last = marker[-1] if marker and not before[marker[-1].end() :].strip() else None
        kind = last.group(1) if last else ""
        options = json.loads(last.group(2)) if last and last.group(2).strip() else {}
        line = doc[: fence.start()].count("\n") + 1
        new_body = body
        if language == "yaml":
            if kind == "from guide" and body not in guide:
                problems.append(f"line {line}: this YAML is not in {GUIDE.name}")
            elif kind == "valid":
                anchor = options["after"]
                if anchor not in guide:
                    problems.append(f"line {line}: anchor {anchor!r} not in the guide's scenario")
                else:
                    got = _validate(guide.replace(anchor, anchor + body, 1))
                    if not _clean(got):
                        problems.append(f"line {line}: this YAML does not validate cleanly: " + " / ".join(got))
            elif kind not in ("from guide", "valid", "invalid"):
                problems.append(f"line {line}: a yaml block without a marker")
        elif language == "console" and kind == "check":
            new_body, found = _check_console(options, body)
            problems += [f"line {line}: {p}" for p in found]
        elif language == "python" and kind == "run python":
            with tempfile.TemporaryDirectory() as tmp:
                test = Path(tmp) / "test_block.py"
                test.write_text(body, encoding="utf-8")
                done = subprocess.run(
                    [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)],
                    cwd=ROOT, env=_env(Path(tmp)), capture_output=True, text=True,
                )  # fmt: skip
                if done.returncode:
                    problems.append(f"line {line}: the Python block's tests fail:\n{done.stdout}{done.stderr}")
        pieces.append(doc[position : fence.start()] + f"```{language}\n{new_body}```\n")
        position = fence.end()
    pieces.append(doc[position:])
    for probe in re.finditer(r"<!-- probe (conditions|effects) -->\n(.*?)\n\n", doc, re.S):
        line = doc[: probe.start()].count("\n") + 1
        problems += [f"line {line}: {p}" for p in _probe(probe.group(1), probe.group(2))]
    if update:
        DOC.write_text("".join(pieces), encoding="utf-8")
    return problems


def main() -> int:
    update = "--update" in sys.argv[1:]
    if not shutil.which(sys.executable):
        return 2
    problems = check(update)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s){' (outputs rewritten)' if update else ''}")
    return 1 if problems and not update else 0


if __name__ == "__main__":
    sys.exit(main())
