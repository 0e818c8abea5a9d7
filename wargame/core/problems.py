"""Problems found in scenario and rules files, collected rather than raised one by one."""

from __future__ import annotations

from collections.abc import Iterable

from attrs import evolve, frozen

ValuePath = tuple[str | int, ...]


def format_path(path: ValuePath) -> str:
    """``("sides", "blue", "units", 3, "strength")`` -> ``sides.blue.units[3].strength``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@frozen(order=True)
class Problem:
    """One thing wrong (or suspicious) in a file.

    Attributes:
        file: the file, as given.
        line, column: 1-based position, when known (a made-up number is worse than none).
        level: ``error`` or ``warning``.
        message: what is wrong, in a sentence.
        code: a stable name for the kind of problem (``unknown-ref``, ``duplicate-id``...).
        path: where in the document (``sides.blue.units[3].strength``).
    """

    file: str
    line: int
    column: int
    level: str
    message: str
    code: str
    path: ValuePath = ()

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        prefix = f"{format_path(self.path)}: " if self.path else ""
        return f"{where}: [{self.level}] {prefix}{self.message} ({self.code})"

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    def at(self, file: str, line: int, column: int) -> Problem:
        return evolve(self, file=file, line=line, column=column)


def problem(path: ValuePath, message: str, code: str, level: str = "error") -> Problem:
    """A problem not yet placed in a file (the loader adds file, line and column)."""
    return Problem("", 0, 0, level, message, code, tuple(path))


class ScenarioError(ValueError):
    """A scenario, rules or save file that cannot be used; ``problems`` says every reason."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column, p.message))
        errors = [p for p in self.problems if p.is_error]
        first = str(errors[0]) if errors else "no problems"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first + more)
