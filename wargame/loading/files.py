"""Reading scenario and rules files: every problem at once, each at its line.

:func:`load_scenario` and :func:`load_rules` return the engine's objects or raise
:class:`~wargame.core.problems.ScenarioError` listing every problem found, each as
``file:line:col: [error] path: message (code)``. :func:`check_file` returns the
problems of any file without raising.
"""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

from attrs import evolve

from wargame.core.checks import check_rules, check_scenario
from wargame.core.problems import Problem, ScenarioError, ValuePath, problem
from wargame.core.rules import RuleSet
from wargame.core.scenario import Scenario
from wargame.loading import resources
from wargame.loading.convert import structure
from wargame.loading.yaml_nodes import Document, YamlProblem, read

SCHEMA_VERSION = 1
"""The newest scenario and rules format this version reads."""


class _Source:
    """A file's text, parsed, with a name to report problems against."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text
        self.document: Document | None = None
        self.problems: list[Problem] = []
        try:
            self.document = read(text)
        except YamlProblem as exc:
            self.problems.append(exc.problem.at(name, exc.problem.line, exc.problem.column))
            return
        self.problems += [p.at(name, p.line, p.column) for p in self.document.problems]
        if not isinstance(self.document.data, dict):
            self.problems.append(self.place(problem((), "expected a mapping of fields at the top of the file", "type")))
            self.document = None

    @property
    def data(self) -> dict:
        assert self.document is not None
        return self.document.data  # type: ignore[return-value]

    def echoes(self, found: Problem) -> bool:
        """A later problem about a value already refused while reading (say, an unsafe tag)."""
        refused = self.document.refused if self.document else []
        return any(tuple(found.path[: len(p)]) == tuple(p) for p in refused)

    def place(self, found: Problem, prefix: ValuePath = ()) -> Problem:
        """Give a problem this file's name and the line and column of its path."""
        key = found.code in ("unknown-field", "duplicate-key")
        position = self.document.position((*prefix, *found.path), key=key) if self.document else None
        line, column = position or (0, 0)
        return found.at(self.name, line, column)


def _read_file(path: Path | str) -> _Source:
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return _failed(name, "no such file", "no-file")
    except IsADirectoryError:
        return _failed(name, "this is a folder, not a file", "no-file")
    except OSError as exc:
        return _failed(name, f"cannot read: {exc.strerror or exc}", "no-file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _failed(name, f"not UTF-8 text (byte {exc.start})", "encoding")
    return _Source(name, text)


def _failed(name: str, message: str, code: str) -> _Source:
    source = _Source.__new__(_Source)
    source.name, source.text, source.document = name, "", None
    source.problems = [Problem(name, 0, 0, "error", message, code)]
    return source


def _version_problems(source: _Source) -> list[Problem]:
    version = source.data.get("schema_version", 1)
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        return [
            source.place(
                problem(
                    ("schema_version",),
                    f"written for format {version}; this version of wargame reads format {SCHEMA_VERSION} "
                    "at most: upgrade wargame",
                    "newer-format",
                )
            )
        ]
    return []


def _merge(base: dict, overrides: dict) -> dict:
    """Deep-merge ``overrides`` into a copy of ``base`` (mappings merge; anything else replaces)."""
    merged = copy.deepcopy(base)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _in(path: ValuePath, data: object) -> bool:
    """Whether ``path`` (or a prefix of it that is a leaf) was given in ``data``."""
    for step in path:
        in_mapping = isinstance(data, dict) and step in data
        in_list = isinstance(data, list) and isinstance(step, int) and step < len(data)
        if in_mapping or in_list:
            data = data[step]
        else:
            return False
    return True


def _rules_file(ref: str | Path) -> Path | None:
    candidate = Path(ref)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        return candidate
    return resources.bundled_rules(str(ref))


def _structure_rules(
    source: _Source, overrides: dict | None, scenario: _Source | None
) -> tuple[RuleSet | None, list[Problem]]:
    problems = _version_problems(source)
    data = dict(source.data)
    if overrides:
        data = _merge(data, overrides)
    data.pop("kind", None)
    rules, found = structure(data, RuleSet)
    if rules is None:
        return None, problems + [_place_rules(p, source, overrides, scenario) for p in found]
    found = check_rules(rules)  # type: ignore[arg-type]
    problems += [_place_rules(p, source, overrides, scenario) for p in found]
    return rules, problems  # type: ignore[return-value]


def _place_rules(found: Problem, source: _Source, overrides: dict | None, scenario: _Source | None) -> Problem:
    if overrides and scenario is not None and _in(found.path, overrides):
        return scenario.place(evolve(found, path=("rule_overrides", *found.path)))
    return source.place(found)


def load_rules(ref: str | Path, overrides: dict | None = None) -> RuleSet:
    """A rule set by bundled id (``core``) or path, with optional overrides. Raises ScenarioError."""
    path = _rules_file(ref)
    if path is None:
        raise ScenarioError(
            [Problem(str(ref), 0, 0, "error", f"no rule set {ref!r} (bundled: {_bundled_rules()})", "no-file")]
        )
    source = _read_file(path)
    if source.problems and source.document is None:
        raise ScenarioError(source.problems)
    rules, problems = _structure_rules(source, overrides, None)
    problems = source.problems + problems
    if rules is None or any(p.is_error for p in problems):
        raise ScenarioError(problems)
    return rules


def _bundled_rules() -> str:
    folder = resources.rules_dir()
    return ", ".join(p.stem for p in sorted(folder.glob("*.yaml"))) if folder.is_dir() else "none"


def scenario_path(ref: str | Path) -> Path | None:
    """A scenario file for a bundled id (``serval-2013``) or a path."""
    candidate = Path(ref)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        return candidate
    return resources.bundled_scenario(str(ref))


def load_scenario(ref: str | Path) -> Scenario:
    """A scenario by bundled id or path, with its rule set. Raises ScenarioError with every problem."""
    path = scenario_path(ref)
    if path is None:
        names = ", ".join(p.stem for p in resources.bundled_scenario_files())
        raise ScenarioError(
            [Problem(str(ref), 0, 0, "error", f"no scenario {str(ref)!r}; bundled ones: {names}", "no-file")]
        )
    scenario, problems = _load_scenario_file(path)
    if scenario is None or any(p.is_error for p in problems):
        raise ScenarioError(problems)
    return scenario


def load_scenario_text(text: str, name: str = "<scenario>", folder: Path | str = ".") -> Scenario:
    """A scenario from YAML text (``folder`` resolves a relative ``rules`` path). Raises ScenarioError."""
    scenario, problems = _load_scenario_source(_Source(name, text), Path(folder) / name)
    if scenario is None or any(p.is_error for p in problems):
        raise ScenarioError(problems)
    return scenario


def _load_scenario_file(path: Path) -> tuple[Scenario | None, list[Problem]]:
    return _load_scenario_source(_read_file(path), path)


def _load_scenario_source(source: _Source, path: Path) -> tuple[Scenario | None, list[Problem]]:
    if source.document is None:
        return None, source.problems
    problems = source.problems + _version_problems(source)
    data = dict(source.data)
    rules_ref = data.get("rules", "core")
    overrides = data.pop("rule_overrides", None)
    if overrides is not None and not isinstance(overrides, dict):
        problems.append(source.place(problem(("rule_overrides",), "rule_overrides must be a mapping", "type")))
        overrides = None
    rules, rules_text = _rules_for(source, rules_ref, overrides, path, problems)
    if rules is None:
        data["rules"] = None
        _, found = structure(data, Scenario)
        problems += [source.place(p) for p in found if p.path[:1] != ("rules",)]
        return None, problems
    data["rules"] = rules
    scenario, found = structure(_with_cache_stock(data, rules.supply.cache_stock), Scenario)
    problems += [source.place(p) for p in found if not source.echoes(p)]
    if scenario is None:
        return None, problems
    digest = hashlib.sha256((source.text + "\0" + rules_text).encode()).hexdigest()[:16]
    scenario = evolve(scenario, content_hash=digest)  # type: ignore[arg-type]
    problems += [source.place(_from_overrides(p, overrides)) for p in check_scenario(scenario)]
    return scenario, problems


def _with_cache_stock(data: dict, stock: int) -> dict:
    """Caches, and cache effects, written without a stock get the rule set's ``supply.cache_stock``."""

    def cache(item: object) -> object:
        return {**item, "stock": stock} if isinstance(item, dict) and "stock" not in item else item

    def effects(items: object) -> object:
        if not isinstance(items, list):
            return items
        return [{"cache": cache(e["cache"])} if isinstance(e, dict) and list(e) == ["cache"] else e for e in items]

    def fields(item: object, names: tuple[str, ...]) -> object:
        if not isinstance(item, dict):
            return item
        return {k: effects(v) if k in names else v for k, v in item.items()}

    out = dict(data)
    if isinstance(out.get("caches"), list):
        out["caches"] = [cache(c) for c in out["caches"]]
    if isinstance(out.get("injects"), list):
        out["injects"] = [fields(i, ("effects",)) for i in out["injects"]]
    if isinstance(out.get("sides"), dict):
        out["sides"] = {
            key: {**side, "arguments": [fields(a, ("on_success", "on_failure")) for a in side["arguments"]]}
            if isinstance(side, dict) and isinstance(side.get("arguments"), list)
            else side
            for key, side in out["sides"].items()
        }
    return out


def _from_overrides(found: Problem, overrides: dict | None) -> Problem:
    """A problem the checks place in ``rule_overrides``: at the rule set's name if the value came from its file."""
    if found.path[:1] == ("rule_overrides",) and not (overrides and _in(found.path[1:], overrides)):
        return evolve(found, path=("rules",))
    return found


def _rules_for(
    source: _Source, ref: object, overrides: dict | None, scenario_file: Path, problems: list[Problem]
) -> tuple[RuleSet | None, str]:
    if not isinstance(ref, str):
        problems.append(source.place(problem(("rules",), "rules must name a rule set, like core", "type")))
        return None, ""
    path = _rules_file(ref) if not (scenario_file.parent / ref).is_file() else scenario_file.parent / ref
    if path is None:
        problems.append(
            source.place(problem(("rules",), f"no rule set {ref!r} (bundled: {_bundled_rules()})", "unknown-ref"))
        )
        return None, ""
    rules_source = _read_file(path)
    problems += rules_source.problems
    if rules_source.document is None:
        return None, ""
    rules, found = _structure_rules(rules_source, overrides, source)
    problems += found
    if rules is None or any(p.is_error for p in found):
        return None, rules_source.text
    return rules, rules_source.text + repr(overrides)


def is_rules_data(data: object) -> bool:
    """Whether parsed YAML looks like a rule set (rather than a scenario)."""
    return isinstance(data, dict) and ("unit_types" in data or "phases" in data) and "sides" not in data


def check_file(path: Path | str) -> list[Problem]:
    """Every problem in a scenario, rules or orders file (errors and warnings), sorted by position.

    An orders file is checked against the scenario it names, if that can be found (see
    :func:`wargame.loading.orders_file.check_orders_source`).
    """
    from wargame.loading.orders_file import check_orders_source, is_orders_data

    source = _read_file(path)
    if source.document is None:
        return source.problems
    if is_orders_data(source.data):
        problems = check_orders_source(source, Path(path))
    elif is_rules_data(source.data):
        _, problems = _structure_rules(source, None, None)
        problems = source.problems + problems
    else:
        _, problems = _load_scenario_source(source, Path(path))
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.file, p.line, p.column, p.code))
