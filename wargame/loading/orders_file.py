"""Orders files: orders written ahead of a game, per turn and phase.

::

    schema_version: 1
    scenario: konna-2013          # optional: the scenario these orders are for
    turns:
      1:
        movement:
          - move: {unit: fama-segou, to: sevare}
      5:
        air:
          - air_strike: {unit: m2000d, target: ad-column}
        combat:
          - attack: {units: [fama-konna, cos-sabre], area: konna, support: [gazelle-4rhfs]}

Each order is a one-key mapping naming its kind (``move``, ``attack``, ``air_strike``...)
with the order's fields. :func:`load_orders` reports every problem with its line.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

from attrs import field, frozen

from wargame.core.orders import ORDER_CLASSES, Order, order_units
from wargame.core.problems import Problem, ScenarioError, problem
from wargame.core.scenario import Scenario
from wargame.loading import resources
from wargame.loading.convert import _suggest, keyed_union, make_converter, structure
from wargame.loading.files import _load_scenario_source, _read_file, _Source, _version_problems

ORDER_KINDS = {kind.value: cls for kind, cls in ORDER_CLASSES.items()}


@frozen
class OrdersFile:
    """Orders by turn, then by phase id."""

    turns: dict[int, dict[str, tuple[Order, ...]]] = field(factory=dict)
    scenario: str = ""
    description: str = ""
    schema_version: int = 1

    def orders_for(self, turn: int, phase: str) -> tuple[Order, ...]:
        return self.turns.get(turn, {}).get(phase, ())


@cache
def _converter():
    """The authoring converter, plus orders as one-key mappings."""
    conv = make_converter()
    conv.register_structure_hook(Order, keyed_union(ORDER_KINDS, "order", conv))
    return conv


def load_orders(path: Path | str, scenario: Scenario | None = None) -> OrdersFile:
    """Read an orders file; with a scenario, also check its turns, phases, kinds and units."""
    source = _read_file(path)
    if source.document is None:
        raise ScenarioError(source.problems)
    orders, found = structure(source.data, OrdersFile, _converter())
    problems = source.problems + [source.place(p) for p in found]
    if orders is not None and scenario is not None:
        problems += [source.place(p) for p in check_orders(orders, scenario)]  # type: ignore[arg-type]
    if orders is None or any(p.is_error for p in problems):
        raise ScenarioError(problems)
    return orders  # type: ignore[return-value]


def check_orders(orders: OrdersFile, scenario: Scenario) -> list[Problem]:
    """Orders that name turns, phases or units the scenario does not have."""
    out: list[Problem] = []
    if orders.scenario and orders.scenario != scenario.id:
        out.append(
            problem(("scenario",), f"these orders are for {orders.scenario!r}, not {scenario.id!r}", "wrong-scenario")
        )
    phases = {p.id: p for p in scenario.rules.phases}
    for turn, by_phase in orders.turns.items():
        if not 1 <= turn <= scenario.turn_count:
            out.append(problem(("turns", turn), f"turn {turn} is outside 1..{scenario.turn_count}", "out-of-span"))
        for phase_id, items in by_phase.items():
            phase = phases.get(phase_id)
            if phase is None:
                out.append(
                    problem(
                        ("turns", turn, phase_id),
                        f"unknown phase {phase_id!r}; phases: {', '.join(phases)}{_suggest(phase_id, list(phases))}",
                        "unknown-ref",
                    )
                )
                continue
            for i, order in enumerate(items):
                kind = order.kind.value  # type: ignore[union-attr]
                if order.kind not in phase.orders:  # type: ignore[union-attr]
                    out.append(
                        problem(
                            (*("turns", turn, phase_id, i), kind),
                            f"{order.kind.label} orders are not given in the {phase.title} phase",
                            "wrong-phase",
                        )
                    )  # type: ignore[union-attr]
                for unit in order_units(order):
                    if unit not in scenario.units:
                        hint = _suggest(unit, list(scenario.units))
                        message = f"unknown unit {unit!r}{hint}"
                        out.append(problem(("turns", turn, phase_id, i, kind), message, "unknown-ref"))
    return out


# -- wargame validate on an orders file ----------------------------------------------------------------


def is_orders_data(data: object) -> bool:
    """Whether parsed YAML looks like an orders file (``turns``, and nothing of a scenario or rule set)."""
    return isinstance(data, dict) and "turns" in data and not {"sides", "map", "unit_types", "phases"} & set(data)


def check_orders_source(source: _Source, path: Path) -> list[Problem]:
    """Every problem of an orders file, checked against its scenario when it can be found.

    The scenario is the one the file names: a file beside the orders file (the name as
    written if it ends in ``.yaml``, else ``<name>.yaml``), a bundled scenario, or a scenario
    file in the same folder with that id. Without one, only the orders' form is checked.
    """
    orders, found = structure(source.data, OrdersFile, _converter())
    problems = source.problems + _version_problems(source) + [source.place(p) for p in found]
    if orders is None:
        return problems
    assert isinstance(orders, OrdersFile)
    if not orders.scenario:
        note = "these orders name no scenario (scenario: ID): only their form is checked"
        return [*problems, source.place(problem(("scenario",), note, "no-scenario", "warning"))]
    scenario, why = _scenario_named(orders.scenario, path)
    if scenario is None:
        return [*problems, source.place(why)]
    return problems + [source.place(p) for p in check_orders(orders, scenario)]


def _scenario_named(ref: str, orders_path: Path) -> tuple[Scenario | None, Problem]:
    """The scenario an orders file names, or the problem that says why there is none."""
    broken = None
    for candidate, source in _scenario_sources(ref, orders_path):
        scenario, problems = _load_scenario_source(source, candidate)
        if scenario is not None and not any(p.is_error for p in problems):
            return scenario, problem((), "", "")
        broken = broken or candidate
    if broken is not None:
        message = f"the scenario {ref!r} ({broken}) has errors: run 'wargame validate {broken}'"
        return None, problem(("scenario",), message, "no-scenario")
    message = (
        f"no scenario {ref!r} is bundled or beside these orders: only their form is checked "
        f"('wargame run SCENARIO --orders {orders_path.name}' checks them against one)"
    )
    return None, problem(("scenario",), message, "no-scenario", "warning")


def _scenario_sources(ref: str, orders_path: Path) -> Iterator[tuple[Path, _Source]]:
    """The files that may hold the scenario ``ref``, read one at a time (each once), in order: the
    name beside the orders file, the bundled scenario, then the folder's files whose id is ``ref``."""
    folder = orders_path.parent
    named = folder / (ref if ref.endswith((".yaml", ".yml")) else f"{ref}.yaml")
    seen: set[Path] = set()
    for path in (named, resources.bundled_scenario(ref)):
        if path is not None and path.is_file() and path not in seen:
            seen.add(path)
            yield path, _read_file(path)
    for path in sorted(folder.glob("*.y*ml")):
        if path == orders_path or path in seen:
            continue
        source = _read_file(path)
        if source.document is not None and source.data.get("id") == ref:
            seen.add(path)
            yield path, source
