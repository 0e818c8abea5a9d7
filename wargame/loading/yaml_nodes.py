"""Safe YAML in, with the line and column of every value.

Only plain YAML is read: mappings, sequences and the standard scalars (text, numbers,
booleans, null, dates). Tags that would build objects are refused; duplicate keys are
errors; aliases are bounded so that a "billion laughs" file fails fast; oversize files
are refused before parsing. The result is plain data plus a map from each value's path
to its position, so later checks can report ``file:line:col``.
"""

from __future__ import annotations

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from wargame.core.problems import Problem, ValuePath, problem

MAX_BYTES = 2_000_000
"""Files larger than this are refused: no scenario needs more."""
MAX_ALIASES = 500
"""Aliases (``*name``) allowed in one file."""
MAX_VALUES = 200_000
"""Values an alias may repeat, all aliases together (a large plain file is bounded by its size)."""

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

Position = tuple[int, int]


class YamlProblem(Exception):
    """The file cannot be read as YAML at all; ``problem`` says where and why."""

    def __init__(self, found: Problem) -> None:
        super().__init__(str(found))
        self.problem = found


class _BoundedComposer(Composer):
    """PyYAML's composer, counting aliases so that expansion bombs stop early."""

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            self.alias_count = getattr(self, "alias_count", 0) + 1
            if self.alias_count > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise YamlProblem(
                    _at(mark, f"more than {MAX_ALIASES} aliases: refusing to expand this file", "yaml-aliases")
                )
        return super().compose_node(parent, index)


class _Loader(Reader, Scanner, Parser, _BoundedComposer, SafeConstructor, Resolver):
    """The pure-Python safe loader (it keeps marks with buffers), with bounded aliases."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _BoundedComposer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


# libyaml's parser and composer when there (fifteen times faster); aliases are then bounded
# when the document is built, by ``MAX_VALUES``.
LOADER: type = yaml.CSafeLoader if yaml.__with_libyaml__ else _Loader


def _at(mark, message: str, code: str) -> Problem:
    found = problem((), message, code)
    if mark is None:
        return found
    return found.at("", mark.line + 1, mark.column + 1)


class Document:
    """Plain data read from YAML, with positions by path."""

    def __init__(
        self,
        data: object,
        positions: dict[ValuePath, Position],
        key_positions: dict[ValuePath, Position],
        problems: list[Problem],
    ) -> None:
        self.data = data
        self.positions = positions
        self.key_positions = key_positions
        self.problems = problems
        """Problems found while reading that did not stop it (duplicate keys, refused tags)."""
        self.refused: list[ValuePath] = []
        """Paths whose values were refused; problems found there later are only echoes."""

    def position(self, path: ValuePath, *, key: bool = False) -> Position | None:
        """The position of the value at ``path`` (or of its key), else of its nearest ancestor."""
        path = tuple(path)
        while True:
            if key and path in self.key_positions:
                return self.key_positions[path]
            if path in self.positions:
                return self.positions[path]
            if not path:
                return None
            path = path[:-1]


def _syntax_problem(text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """A parser's complaint in words a designer can act on, at the right place."""
    mark = exc.problem_mark or exc.context_mark
    lines = text.splitlines()
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if mark is not None and "\t" in line[: mark.column + 1]:
        tab = line.index("\t")
        return _at(mark, "found a tab character: YAML indents with spaces, not tabs", "syntax").at(
            "", mark.line + 1, tab + 1
        )
    message = exc.problem or "not valid YAML"
    if exc.context:
        opened = exc.context_mark
        bracket = "while parsing a flow" in exc.context  # say where the open bracket was
        started = (
            f" started at line {opened.line + 1}" if bracket and opened and mark and opened.line != mark.line else ""
        )
        message = f"{message} ({exc.context}{started})"
    if "flow mapping" in (exc.context or "") and mark is not None and ":" in line[: mark.column]:
        message += " (inside {braces} a colon ends a key: put text with colons in quotes)"
    return _at(mark, message, "syntax")


def _line_col(text: str, offset: int, found: Problem) -> Problem:
    """Place a problem known by character offset (PyYAML's reader errors)."""
    before = text[:offset]
    return found.at("", before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


def read(text: str) -> Document:
    """Parse YAML text into a :class:`Document`. Raises :class:`YamlProblem`."""
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise YamlProblem(
            problem((), f"file larger than {MAX_BYTES // 1_000_000} MB: refusing to read it", "too-large")
        )
    loader = LOADER(text)
    try:
        node = loader.get_single_node()
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(_syntax_problem(text, exc)) from None
    except yaml.YAMLError as exc:  # reader errors: bad characters
        mark = getattr(exc, "position", None)
        found = problem((), f"not valid YAML: {getattr(exc, 'reason', exc)}", "syntax")
        raise YamlProblem(found.at("", 1, 1) if mark is None else _line_col(text, mark, found)) from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlProblem(problem((), "the file is empty", "empty").at("", 1, 1))
    builder = _Builder(loader)
    data = builder.build(node, ())
    document = Document(data, builder.positions, builder.key_positions, builder.problems)
    document.refused = builder.refused
    return document


class _Builder:
    """Turn a node tree into plain data, refusing tags and duplicate keys, recording positions."""

    def __init__(self, loader: _Loader) -> None:
        self.loader = loader
        self.positions: dict[ValuePath, Position] = {}
        self.key_positions: dict[ValuePath, Position] = {}
        self.problems: list[Problem] = []
        self.refused: list[ValuePath] = []
        """Paths of values refused (tags): later checks say nothing more about them."""
        self.count = 0
        self.seen: set[int] = set()

    def build(self, node: Node, path: ValuePath, repeated: bool = False) -> object:
        repeated = repeated or id(node) in self.seen  # reached again through an alias
        self.seen.add(id(node))
        if repeated:
            self.count += 1
            if self.count > MAX_VALUES:
                raise YamlProblem(
                    _at(node.start_mark, f"more than {MAX_VALUES} values once aliases are expanded", "yaml-aliases")
                )
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _STANDARD_TAGS:
            self.problems.append(
                _at(node.start_mark, f"tag {node.tag!r} is not allowed: only plain YAML values", "yaml-tag")
            )
            self.refused.append(path)
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path, repeated)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i), repeated) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as exc:  # PyYAML's dates raise a plain ValueError
            raise YamlProblem(
                _at(node.start_mark, f"cannot read this value: {getattr(exc, 'problem', None) or exc}", "syntax")
            ) from None

    def _mapping(self, node: MappingNode, path: ValuePath, repeated: bool = False) -> dict:
        out: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(_at(key_node.start_mark, "merge keys (<<) are not allowed", "yaml-merge"))
                continue
            if not isinstance(key_node, ScalarNode):
                self.problems.append(_at(key_node.start_mark, "a key must be a plain value", "syntax"))
                continue
            key = self.build(key_node, (*path, "<key>"))
            self.positions.pop((*path, "<key>"), None)
            if isinstance(key, float | bool) or key is None:
                key = str(key).lower() if isinstance(key, bool) else key
            if key in out:
                first = self.key_positions[(*path, key)][0]
                self.problems.append(
                    _at(key_node.start_mark, f"duplicate key {key!r} (first at line {first})", "duplicate-key")
                )
                continue
            self.key_positions[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, (*path, key), repeated)
        return out
