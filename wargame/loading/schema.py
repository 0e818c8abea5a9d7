"""JSON Schema for scenario and rules files, generated from the engine's classes.

The schema is what editors use (through ``# yaml-language-server: $schema=...``) to
complete and check YAML as the designer types. It is generated from the attrs classes,
with each field's description taken from its class's ``Attributes:`` docstring, so the
model, the loader and the schema cannot drift apart; a test checks that the committed
files equal what this module writes (``wargame schema``).
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import json
import re
import types
import typing
from pathlib import Path

import attrs

from wargame.core import scenario as sc
from wargame.core.rules import RuleSet
from wargame.core.scenario import CONDITION_KINDS, EFFECT_KINDS, Point, Scenario

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def field_docs(cls: type) -> dict[str, str]:
    """Field descriptions from a class docstring's ``Attributes:`` section (``a, b: text`` covers both)."""
    doc = inspect.getdoc(cls) or ""
    if "Attributes:" not in doc:
        return {}
    out: dict[str, str] = {}
    current: list[str] = []
    text = ""
    for line in doc.split("Attributes:", 1)[1].splitlines():
        match = re.match(r"^    ([a-z_][a-z0-9_, ]*):\s*(.*)$", line)
        if match and not line.startswith("     "):
            for name in current:
                out[name] = text.strip()
            current = [n.strip() for n in match.group(1).split(",")]
            text = match.group(2)
        elif line.startswith("        ") and current:
            text += " " + line.strip()
        elif not line.strip():
            continue
        else:
            break
    for name in current:
        out[name] = text.strip()
    return {name: _plain(text) for name, text in out.items()}


def _plain(text: str) -> str:
    """Docstring markup to plain text for editors' hovers."""
    return text.replace("``", "`")


def _summary(cls: type) -> str:
    doc = inspect.getdoc(cls) or ""
    return _plain(doc.split("\n\n")[0].replace("\n", " ").strip())


class _Builder:
    """Turns annotations into JSON Schema, one ``$defs`` entry per class."""

    def __init__(self) -> None:
        self.defs: dict[str, dict] = {}

    def ref(self, cls: type) -> dict:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder against recursion
            self.defs[name] = self._object(cls)
        return {"$ref": f"#/$defs/{name}"}

    def _object(self, cls: type) -> dict:
        docs = field_docs(cls)
        hints = typing.get_type_hints(cls)
        properties: dict[str, dict] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if field.name == "content_hash":
                continue
            key = "from" if field.name == "from_" else field.name
            schema = self.schema(hints[field.name])
            if docs.get(field.name):
                schema = {**schema, "description": docs[field.name]}
            properties[key] = schema
            if field.default is attrs.NOTHING:
                required.append(key)
        out = {"type": "object", "description": _summary(cls), "properties": properties, "additionalProperties": False}
        if required:
            out["required"] = required
        return out

    def schema(self, hint: object) -> dict:
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if hint is sc.Condition:
            return {"$ref": "#/$defs/Condition"}
        if hint is sc.Effect:
            return {"$ref": "#/$defs/Effect"}
        if origin in (types.UnionType, typing.Union):
            options = [a for a in args if a is not type(None)]
            if set(options) == set(typing.get_args(sc.Condition)):
                inner = {"$ref": "#/$defs/Condition"}
            elif len(options) == 1:
                inner = self.schema(options[0])
            else:
                inner = {"anyOf": [self.schema(a) for a in options]}
            return {"anyOf": [inner, {"type": "null"}]} if type(None) in args else inner
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.schema(args[0])}
            return {"type": "array", "prefixItems": [self.schema(a) for a in args], "minItems": len(args),
                    "maxItems": len(args)}  # fmt: skip
        if origin is dict:
            key, value = args
            out: dict = {"type": "object", "additionalProperties": self.schema(value)}
            if isinstance(key, type) and issubclass(key, enum.Enum):
                out["propertyNames"] = {"enum": [m.value for m in key]}
            elif key is int:
                out["propertyNames"] = {"pattern": "^-?[0-9]+$"}
            return out
        if hint is Point:
            return {"anyOf": [{"type": "string"}, self.ref(Point)]}
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return {"type": "string", "enum": [m.value for m in hint]}
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return {"type": "integer"}
        if hint is float:
            return {"type": "number"}
        if hint is str:
            return {"type": "string"}
        if hint is dt.date:
            return {"type": "string", "format": "date"}
        if isinstance(hint, type) and attrs.has(hint):
            return self.ref(hint)
        raise TypeError(f"no schema for {hint!r}")

    def union(self, kinds: dict[str, type], what: str) -> dict:
        """A one-key mapping naming the kind, with the short forms the loader accepts."""
        options = []
        for key, cls in kinds.items():
            body = self.ref(cls)
            short = _SHORT_FORMS.get(cls)
            value = {"anyOf": [body, short]} if short else body
            options.append(
                {
                    "type": "object",
                    "properties": {key: value},
                    "required": [key],
                    "additionalProperties": False,
                    "description": _summary(cls),
                }
            )
        return {"description": f"A {what}: a mapping with one key naming its kind.", "oneOf": options}


_SHORT_FORMS: dict[type, dict] = {
    sc.AllOf: {"type": "array", "items": {"$ref": "#/$defs/Condition"}},
    sc.AnyOf: {"type": "array", "items": {"$ref": "#/$defs/Condition"}},
    sc.Not: {"$ref": "#/$defs/Condition"},
    sc.Arrive: {"type": "array", "items": {"type": "string"}},
    sc.Withdraw: {"type": "array", "items": {"type": "string"}},
    sc.DateReached: {"type": "string", "format": "date"},
    sc.TurnReached: {"type": "integer"},
    sc.GateOpen: {"type": "string"},
    sc.InjectFired: {"type": "string"},
}


def scenario_schema() -> dict:
    """The JSON Schema of a scenario file."""
    builder = _Builder()
    builder.defs["Condition"] = builder.union(CONDITION_KINDS, "condition")
    builder.defs["Effect"] = builder.union(EFFECT_KINDS, "effect")
    root = builder._object(Scenario)
    root["properties"]["rules"] = {"type": "string", "description": "The rule set: a bundled id (core) or a path."}
    root["properties"]["rule_overrides"] = {
        "type": "object",
        "description": "Values that replace the rule set's, in the rule set's own layout (merged into it).",
    }
    root["required"] = [r for r in root["required"] if r != "rules"]
    colour = builder.defs["Side"]["properties"]["colour"]
    colour["anyOf"] = [{"pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"}, {"enum": ["", *sc.COLOUR_NAMES]}]
    return {
        "$schema": DRAFT,
        "$id": "https://seminar-wargame.invalid/schemas/scenario.schema.json",
        "title": "wargame scenario",
        **root,
        "$defs": _reachable(root, builder.defs),
    }


def _reachable(root: dict, defs: dict[str, dict]) -> dict[str, dict]:
    """Only the definitions the root refers to, directly or not, sorted by name."""
    keep: set[str] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/") and ref[8:] not in keep:
                keep.add(ref[8:])
                todo.append(defs[ref[8:]])
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return {name: defs[name] for name in sorted(keep)}


def rules_schema() -> dict:
    """The JSON Schema of a rules file."""
    builder = _Builder()
    root = builder._object(RuleSet)
    return {
        "$schema": DRAFT,
        "$id": "https://seminar-wargame.invalid/schemas/rules.schema.json",
        "title": "wargame rule set",
        **root,
        "$defs": _reachable(root, builder.defs),
    }


def schema_texts() -> dict[str, str]:
    """File name -> the text ``wargame schema`` writes."""
    return {
        "scenario.schema.json": json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n",
        "rules.schema.json": json.dumps(rules_schema(), indent=2, ensure_ascii=False) + "\n",
    }


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write both schemas; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
