"""Plain data -> the engine's frozen classes, with every problem reported at once.

A cattrs converter with strict hooks: a number is not text, ``yes`` is not a number,
an unknown field is an error (with a suggestion). Errors come back as
:class:`~wargame.core.problems.Problem` with the path of the value, which the loader
turns into a line and column. The same converter turns events and orders into plain
data for save files and back.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import typing
from collections.abc import Callable, Iterable
from functools import cache

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from wargame.core import enums
from wargame.core import scenario as sc
from wargame.core.events import CHANGE_CLASSES, EVENT_CLASSES, Change, Event
from wargame.core.orders import ORDER_CLASSES, Order
from wargame.core.problems import Problem, ValuePath, problem
from wargame.core.rules import Dice, RuleSet
from wargame.core.scenario import CONDITION_KINDS, EFFECT_KINDS, Point, Route


class ValueProblem(ValueError):
    """A value of the wrong kind; ``code`` names the kind of problem."""

    def __init__(self, message: str, code: str = "type") -> None:
        super().__init__(message)
        self.code = code


def _show(value: object) -> str:
    """A value as the designer wrote it (YAML spelling, not Python's), cut to 40 characters."""
    text = repr(value) if isinstance(value, str) else _flow(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _flow(value: object) -> str:
    """YAML flow style: ``{id: france, name: France}``, ``[a, b]``, ``true``, ``nothing`` for an empty value."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        plain = value and not any(c in value for c in ",:{}[]#'\"") and value == value.strip()
        return value if plain else repr(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return repr(value)


def _strict_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueProblem(f"expected a whole number, got {_show(value)}")
    return value


def _strict_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueProblem(f"expected a number, got {_show(value)}")
    return float(value)


def _strict_str(value: object, _: type) -> str:
    if value is None:
        raise ValueProblem("expected text, got nothing (a '#' starts a comment: put text with '#' in quotes)")
    if not isinstance(value, str):
        raise ValueProblem(f"expected text, got {_show(value)} (put it in quotes if it is text)")
    return value


def _strict_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise ValueProblem(f"expected true or false, got {_show(value)}")
    return value


def _date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueProblem(f"expected a date like 2013-01-11, got {_show(value)}")


def _enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    try:
        return cls(value)
    except ValueError:
        choices = ", ".join(str(m.value) for m in cls)
        hint = _suggest(str(value), [str(m.value) for m in cls])
        raise ValueProblem(f"{_show(value)} is not one of: {choices}{hint}", "bad-value") from None


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _dice(value: object, _: type) -> str:
    text = _strict_str(value, str)
    try:
        Dice.parse(text)
    except ValueError as exc:
        raise ValueProblem(str(exc), "bad-value") from None
    return text


def keyed_union(kinds: dict[str, type], what: str, converter: cattrs.Converter) -> Callable[[object, type], object]:
    """Structure a one-key mapping ``{kind: body}`` into the class named by ``kind``."""

    def structure(value: object, _: type) -> object:
        if not isinstance(value, dict) or len(value) != 1:
            raise ValueProblem(
                f"a {what} is a mapping with one key naming its kind ({', '.join(kinds)}), got {_show(value)}"
            )
        ((kind, body),) = value.items()
        if kind not in kinds:
            raise ValueProblem(
                f"unknown {what} {kind!r}: use one of {', '.join(kinds)}{_suggest(str(kind), list(kinds))}", "bad-value"
            )
        cls = kinds[kind]
        full = _shorthand(cls, body)
        if not isinstance(full, dict) or (cls in (sc.AllOf, sc.AnyOf) and "conditions" not in full):
            error = ValueProblem(_what_it_takes(kind, cls, body))
            error.__notes__ = [_KeyNote(kind)]
            raise error
        wrapped = next(iter(full)) if full is not body else ""
        try:
            return converter.structure(full, cls)
        except Exception as exc:
            exc.__notes__ = [*getattr(exc, "__notes__", []), _KeyNote(kind, wrapped)]
            raise

    return structure


def _what_it_takes(kind: str, cls: type, body: object) -> str:
    """Why the body of ``{kind: body}`` has the wrong form, and how to write it."""
    if cls in (sc.AllOf, sc.AnyOf):
        fix = f": write {kind}: [{_flow(body)}]" if isinstance(body, dict) and len(body) == 1 else ""
        example = f"{kind}: [{{gate_open: a}}, {{turn_reached: 2}}]"
        return f"takes a list of conditions, like {example}, got {_show(body)}{fix}"
    if cls is sc.Not:
        fix = f": write not: {_flow(body[0])}" if isinstance(body, list) and len(body) == 1 else ""
        several = ", or not: {any: [...]} for several" if isinstance(body, list) and len(body) > 1 else ""
        return f"takes one condition, like not: {{gate_open: a}}{several}, got {_show(body)}{fix}"
    fields = attrs.fields(cls)
    required = [f.name for f in fields if f.default is attrs.NOTHING]
    optional = [f.name for f in fields if f.default is not attrs.NOTHING]
    names = " and ".join(required) + (f" (and {', '.join(optional)})" if optional else "")
    short = _SHORT_FORM_TEXT.get(cls, "")
    fix = ""
    scalar = isinstance(body, str | int | float) and not isinstance(body, bool)
    if cls in (sc.Arrive, sc.Withdraw) and scalar:
        fix = f": write {{{kind}: [{_flow(body)}]}}"
    elif len(required) == 1 and scalar and not short:
        fix = f": write {{{kind}: {{{required[0]}: {_flow(body)}}}}}"
    takes = f"{short}, or a mapping of {names}" if short else f"a mapping of {names}"
    return f"takes {takes}, got {_show(body)}{fix}"


#: What the short form of a kind takes (see :func:`_shorthand`).
_SHORT_FORM_TEXT: dict[type, str] = {
    sc.Arrive: "a list of unit ids",
    sc.Withdraw: "a list of unit ids",
    sc.GateOpen: "a gate id",
    sc.InjectFired: "an inject id",
    sc.DateReached: "a date",
    sc.TurnReached: "a turn number",
}


class _KeyNote(str):
    """A path step added by our own hooks (a union's kind key). ``wrapped`` names the field a
    short form was put in (``all: [..]`` is ``all: {conditions: [..]}``): not a step in the file."""

    def __new__(cls, key: str, wrapped: str = "") -> _KeyNote:
        note = super().__new__(cls, f"in {key}")
        note.key = key  # type: ignore[attr-defined]
        note.wrapped = wrapped  # type: ignore[attr-defined]
        return note


def _shorthand(cls: type, body: object) -> object:
    """Short forms: ``all: [..]``, ``not: {..}``, ``arrive: [units]``, ``turn_reached: 3``."""
    if cls in (sc.AllOf, sc.AnyOf) and isinstance(body, list):
        return {"conditions": body}
    if cls is sc.Not and isinstance(body, dict) and "condition" not in body:
        return {"condition": body}
    if cls in (sc.Arrive, sc.Withdraw) and isinstance(body, list):
        return {"units": body}
    if cls is sc.DateReached and not isinstance(body, dict):
        return {"date": body}
    if cls in (sc.TurnReached,) and not isinstance(body, dict):
        return {"turn": body}
    if cls in (sc.GateOpen,) and isinstance(body, str):
        return {"gate": body}
    if cls in (sc.InjectFired,) and isinstance(body, str):
        return {"inject": body}
    return body


def _point(value: object, _: type) -> Point:
    if isinstance(value, str):
        return Point(value)
    if isinstance(value, dict):
        extra = set(value) - {"text", "strong"}
        if extra:
            raise ValueProblem(f"unknown field {sorted(extra)[0]!r} in a point (use text and strong)", "unknown-field")
        return Point(_strict_str(value.get("text"), str), _strict_bool(value.get("strong", False), bool))
    raise ValueProblem(f"a pro or con is text, or a mapping with text and strong, got {_show(value)}")


_ENUMS = tuple(
    value
    for value in vars(enums).values()
    if isinstance(value, type) and issubclass(value, enum.Enum) and value.__module__ == enums.__name__
)


@cache
def scenario_converter() -> cattrs.Converter:
    """The converter for scenario and rules files (strict, forbids unknown fields)."""
    return make_converter()


def make_converter() -> cattrs.Converter:
    """A new strict converter for authored files; callers may register more hooks on it."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(float, _strict_float)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook(dt.date, _date)
    for enum_class in _ENUMS:  # each one, so the str hook does not catch these str enums
        conv.register_structure_hook(enum_class, _enum)
    conv.register_structure_hook(Point, _point)
    conditions = keyed_union(CONDITION_KINDS, "condition", conv)
    conv.register_structure_hook(sc.Condition, conditions)
    conv.register_structure_hook(sc.Condition | None, lambda v, t: None if v is None else conditions(v, t))
    conv.register_structure_hook(sc.Effect, keyed_union(EFFECT_KINDS, "effect", conv))
    conv.register_structure_hook_func(_is_tuple_of_sequences, _tuple_of_lists(conv))
    conv.register_structure_hook_func(_is_list_tuple, _strict_tuple(conv))
    conv.register_structure_hook_func(_is_fixed_tuple, _fixed_tuple(conv))
    # A value of the wrong form where a mapping belongs is one clear problem (not Python's words for it).
    conv.register_structure_hook_factory(
        lambda t: typing.get_origin(t) is dict, lambda t: _mapping_only(t, conv.gen_structure_mapping(t))
    )
    conv.register_structure_hook_factory(
        attrs.has, lambda cls: _mapping_only(cls, make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True))
    )
    # Generated functions bind the hooks known when they are made: these come last.
    route = make_dict_structure_fn(Route, conv, _cattrs_forbid_extra_keys=True, from_=override(rename="from"))
    conv.register_structure_hook(Route, _mapping_only(Route, route))
    scenario = make_dict_structure_fn(
        sc.Scenario, conv, _cattrs_forbid_extra_keys=True, rules=override(struct_hook=_prebuilt_rules)
    )
    conv.register_structure_hook(sc.Scenario, _mapping_only(sc.Scenario, scenario))
    return conv


def _mapping_only(t: type, structure: Callable[[object, type], object]) -> Callable[[object, type], object]:
    """``structure``, after checking that the value is a mapping: say which fields it takes if not."""
    if attrs.has(t):
        fields = [f.alias or f.name for f in attrs.fields(t)]  # type: ignore[arg-type]
        required = [f.alias or f.name for f in attrs.fields(t) if f.default is attrs.NOTHING]  # type: ignore[arg-type]
        names = ", ".join("from" if n == "from_" else n for n in (required or fields))
        wanted = f"a mapping of fields ({names}{', ...' if required and len(required) < len(fields) else ''})"
    else:
        wanted = "a mapping (key: value, ...)"

    def hook(value: object, cls: type) -> object:
        if not isinstance(value, dict):
            raise ValueProblem(f"expected {wanted}, got {_show(value)}")
        return structure(value, cls)

    return hook


def _is_fixed_tuple(t: object) -> bool:
    """``tuple[str, str]``: a list of exactly that many values."""
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and bool(args) and args[-1] is not ...


def _fixed_tuple(conv: cattrs.Converter) -> Callable[[object, type], tuple]:
    def structure(value: object, t: type) -> tuple:
        kinds = typing.get_args(t)
        if not isinstance(value, list | tuple) or len(value) != len(kinds):
            raise ValueProblem(f"expected a list of {len(kinds)} values, got {_show(value)}")
        return _items(conv, zip(value, kinds, strict=True), t)

    return structure


def _items(conv: cattrs.Converter, pairs: Iterable[tuple[object, type]], t: type) -> tuple:
    """Each (value, type) structured, every failure kept with its index (as cattrs reports them)."""
    items, errors = [], []
    for index, (item, inner) in enumerate(pairs):
        try:
            items.append(conv.structure(item, inner))
        except Exception as exc:
            exc.__notes__ = [*getattr(exc, "__notes__", []), IterableValidationNote(f"@ index {index}", index, inner)]
            errors.append(exc)
    if errors:
        raise IterableValidationError(f"While structuring {t!r}", errors, t)
    return tuple(items)


def _is_list_tuple(t: object) -> bool:
    """``tuple[X, ...]`` of anything but points: written as a YAML list."""
    return typing.get_origin(t) is tuple and typing.get_args(t)[-1:] == (...,) and not _is_tuple_of_sequences(t)


def _strict_tuple(conv: cattrs.Converter) -> Callable[[object, type], tuple]:
    """A list, item by item; text or a mapping where a list belongs is one clear problem."""

    def structure(value: object, t: type) -> tuple:
        if not isinstance(value, list | tuple):
            raise ValueProblem(f"expected a list, got {_show(value)}")
        inner = typing.get_args(t)[0]
        return _items(conv, ((item, inner) for item in value), t)

    return structure


def _prebuilt_rules(value: object, _: type) -> RuleSet:
    if isinstance(value, RuleSet):
        return value
    raise ValueProblem("rules must name a rule set (like core)")


def _is_tuple_of_sequences(t: object) -> bool:
    """``tuple[tuple[float, float], ...]``: polyline points written as YAML lists."""
    return (
        typing.get_origin(t) is tuple
        and typing.get_args(t)[-1:] == (...,)
        and typing.get_origin(typing.get_args(t)[0]) is tuple
    )


def _tuple_of_lists(conv: cattrs.Converter) -> Callable[[object, type], object]:
    def structure(value: object, t: type) -> tuple:
        if not isinstance(value, list):
            raise ValueProblem(f"expected a list, got {_show(value)}")
        inner = typing.get_args(t)[0]
        size = len(typing.get_args(inner))
        points = []
        for item in value:
            if not isinstance(item, list) or len(item) != size:
                raise ValueProblem(f"each point is a list of {size} numbers like [16.27, -0.05], got {_show(item)}")
            points.append(tuple(_strict_float(v, float) for v in item))
        return tuple(points)

    return structure


def structure(
    data: object, cls: type, converter: cattrs.Converter | None = None
) -> tuple[object | None, list[Problem]]:
    """Structure ``data`` into ``cls``: (the object, []) or (None, every problem with its path)."""
    conv = converter or scenario_converter()
    try:
        return conv.structure(data, cls), []
    except Exception as exc:
        return None, list(_problems(exc, ()))


def _problems(exc: BaseException, path: ValuePath, wrapped: str = "") -> typing.Iterator[Problem]:
    """Walk cattrs' exception groups, building each leaf's path from its notes."""
    step = _step_of(exc)
    if wrapped and step[:1] == (wrapped,):
        step = step[1:]  # the field a short form was put in is not in the file
    here = (*path, *step)
    inner = next((n.wrapped for n in getattr(exc, "__notes__", []) if isinstance(n, _KeyNote)), "")
    if isinstance(exc, ForbiddenExtraKeysError):
        allowed = [a.name if a.alias is None else a.alias for a in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        allowed = ["from" if a == "from_" else a for a in allowed]
        if exc.cl is sc.Scenario:
            allowed.append("rule_overrides")
        for key in sorted(exc.extra_fields, key=str):
            hint = _suggest(str(key), allowed)
            if " " in str(key) and not hint:
                hint = " (inside {braces} a comma ends a value: put text with commas in quotes)"
            yield problem((*here, key), f"unknown field {key!r}{hint}", "unknown-field")
        return
    if isinstance(exc, ClassValidationError | IterableValidationError | BaseExceptionGroup):
        for sub in exc.exceptions:
            yield from _problems(sub, here, inner)
        return
    if isinstance(exc, KeyError):
        field = exc.args[0] if exc.args else "?"
        if here and here[-1] == field:
            here = here[:-1]
        yield problem(here, f"missing required field {field!r}", "missing-field")
        return
    if isinstance(exc, ValueProblem):
        yield problem(here, str(exc), exc.code)
        return
    yield problem(here, _plain(exc), "type")


def _plain(exc: BaseException) -> str:
    """A problem our hooks did not word: never Python's own text (``'str' object has no attribute 'keys'``)."""
    text = str(exc)
    if "iterable" in text or "attribute" in text or "mapping" in text.lower():
        return "expected a mapping or a list here"
    return "a value of the wrong form here: see docs/authoring.md for what this field takes"


def _step_of(exc: BaseException) -> tuple[str | int, ...]:
    """The path step(s) an exception's notes name (attribute, index, mapping key or union kind)."""
    steps: list[str | int] = []
    for note in reversed(getattr(exc, "__notes__", [])):  # notes are added from the inside out
        if isinstance(note, _KeyNote):
            steps.append(note.key)  # type: ignore[attr-defined]
        elif isinstance(note, AttributeValidationNote):
            steps.append("from" if note.name == "from_" else note.name)
        elif isinstance(note, IterableValidationNote):
            steps.append(note.index)
    return tuple(steps)


# -- events and orders, for save files -----------------------------------------------------------------

#: Tagged unions in save files: the tag field, and tag -> class.
TAGGED: dict[str, dict[str, type]] = {
    "condition": CONDITION_KINDS,
    "effect": EFFECT_KINDS,
    "order": {kind.value: cls for kind, cls in ORDER_CLASSES.items()},
    "change": CHANGE_CLASSES,
    "event": EVENT_CLASSES,
}
UNIONS: dict[str, object] = {
    "condition": sc.Condition,
    "effect": sc.Effect,
    "order": Order,
    "change": Change,
    "event": Event,
}


@cache
def save_converter() -> cattrs.Converter:
    """Converter for save files: tagged unions, dates as ISO text, tuples as lists. Saves are written by
    the program, so errors need not be detailed (a damaged save is reported by event): it is faster."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=False)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_structure_hook(dt.date, _date)
    conv.register_structure_hook(Point, _point)
    conv.register_unstructure_hook(Route, make_dict_unstructure_fn(Route, conv, from_=override(rename="from")))
    conv.register_structure_hook(Route, make_dict_structure_fn(Route, conv, from_=override(rename="from")))
    for field, classes in TAGGED.items():
        for tag, cls in classes.items():
            conv.register_unstructure_hook(cls, _tagging(conv, cls, field, tag))
        conv.register_structure_hook(UNIONS[field], _untagging(conv, field, classes))
    conv.register_structure_hook_factory(_is_list_tuple, lambda t: _saved_tuple(conv, t))
    return conv


def _saved_tuple(conv: cattrs.Converter, t: type) -> Callable[[object, type], tuple]:
    """``tuple[X, ...]`` from a saved list, the element's hook looked up once (cattrs' own tuple hook
    looks it up for every element: a large save has hundreds of thousands)."""
    element = typing.get_args(t)[0]
    structure = None if element is str else conv.get_structure_hook(element)

    def hook(value: object, _: type) -> tuple:
        if not isinstance(value, list):
            raise ValueProblem(f"expected a list, got {_show(value)}")
        if structure is None:
            return tuple(value)
        return tuple(structure(item, element) for item in value)

    return hook


def _tagging(conv: cattrs.Converter, cls: type, field: str, tag: str) -> Callable[[object], dict]:
    """Unstructure ``cls`` with its tag first; its fields by a function cattrs generates once."""
    generated: list[Callable[[object], dict]] = []

    def hook(obj: object) -> dict:
        if not generated:
            generated.append(make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True))
        return {field: tag, **generated[0](obj)}

    return hook


def _untagging(conv: cattrs.Converter, field: str, classes: dict[str, type]) -> Callable[[object, type], object]:
    hooks: dict[str, Callable[[object, type], object]] = {}  # tag -> the class's hook, looked up once

    def hook(value: object, _: type) -> object:
        if not isinstance(value, dict) or field not in value:
            raise ValueProblem(f"expected a mapping with a {field!r} tag, got {_show(value)}")
        body = dict(value)
        tag = body.pop(field)
        if tag not in classes:
            raise ValueProblem(f"unknown {field} {tag!r}", "bad-value")
        if tag not in hooks:
            hooks[tag] = conv.get_structure_hook(classes[tag])
        return hooks[tag](body, classes[tag])

    return hook


def event_to_data(event: Event) -> dict:
    """One event as plain data (JSON-ready)."""
    return save_converter().unstructure(event, unstructure_as=type(event))


def event_from_data(data: object) -> Event:
    """One event from plain data; raises on anything malformed."""
    return save_converter().structure(data, Event)  # type: ignore[arg-type]
