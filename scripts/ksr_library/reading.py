"""Reading: from a library folder to raw documents with located front matter.

Everything here is defensive: files are read as bytes, capped in size, decoded as UTF-8
(a BOM is accepted), CRLF is folded to LF, symlinks are refused, and front matter is
parsed with a safe YAML composer that rejects anchors, aliases, duplicate keys, deep
nesting and explicit tags other than the core ones *before* any value is built, and a
value an explicit tag cannot read (`!!int abc`) is a problem, not a crash. Control
characters (see [`characters`][ksr_library.characters]) are refused anywhere in a file,
also when a YAML escape produces them. Every failure becomes a
[`Problem`][ksr_library.errors.Problem] naming the file, line, column and key.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler
from yaml.events import (
    AliasEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ksr_library.characters import FORBIDDEN, character_message, forbidden_characters, forbidden_in_values
from ksr_library.errors import MAX_PROBLEMS_PER_TEXT, Problem, capped

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A document file larger than this is refused unread."""
MAX_FRONT_MATTER_BYTES = 64 * 1024
"""Front matter larger than this is refused before it is parsed."""
MAX_NESTING = 8
"""Front matter nested deeper than this is refused while it is composed."""
GLOSSARY_FILE = "glossary.yml"
"""The glossary's file name, at the library root."""
ALLOWED_TAGS = frozenset(
    {
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:map",
        "tag:yaml.org,2002:seq",
    }
)
"""The YAML tags a value may have (implicitly, or written as `!!str`, `!!int`...); any other is refused."""

YamlPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Located:
    """Positions of every key and value of a parsed YAML tree, 1-based, in file lines."""

    keys: dict[YamlPath, tuple[int, int]]
    values: dict[YamlPath, tuple[int, int]]
    raw: dict[YamlPath, str]
    """The source text of each scalar value, e.g. `1.10` for a number YAML read as 1.1."""

    def where(self, path: YamlPath, *, key: bool = False) -> tuple[int, int]:
        """Position of a key (or its value), else of the nearest enclosing one."""
        table = self.keys if key else self.values
        for end in range(len(path), 0, -1):
            found = table.get(path[:end]) or self.keys.get(path[:end])
            if found:
                return found
        return self.values.get((), (1, 1))

    def path_at(self, line: int, col: int) -> YamlPath:
        """The path of the scalar value holding a file position, or of the mapping whose key holds it.

        The value or key that starts nearest before the position is taken to hold it.
        """
        starts = [(pos, path, False) for path, pos in self.keys.items() if pos <= (line, col)]
        starts += [(self.values[path], path, True) for path in self.raw if self.values[path] <= (line, col)]
        _, path, is_value = max(starts, default=((0, 0), (), True))
        return path if is_value else path[:-1]


@dataclass(frozen=True)
class RawDocument:
    """A document file as read: front matter data with positions, and the body."""

    path: Path
    """Absolute path of the file."""
    rel: str
    """Path relative to the library folder, with forward slashes."""
    data: dict[str, Any]
    located: Located
    body: str
    body_line: int
    """1-based file line on which the body starts."""


class YamlRefusedError(Exception):
    """Front matter uses a YAML feature we refuse; carries the position."""

    def __init__(self, message: str, line: int, col: int, key: str = "front matter") -> None:
        """Keep the message and the 0-based mark of the offending node."""
        super().__init__(message)
        self.message, self.line, self.col, self.key = message, line, col, key


class _Resolver(yaml.SafeLoader):
    """Safe scalar resolution and construction, with dates kept as strings.

    The implicit timestamp resolver is removed so that an impossible date is reported by
    the schema with its position instead of failing inside PyYAML.
    """

    yaml_implicit_resolvers = {  # noqa: RUF012 - PyYAML reads this class attribute
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


_RESOLVER = _Resolver("")


def _events(text: str) -> Iterator[Event]:
    """Parse events from libyaml when PyYAML has it (much faster), else from PyYAML."""
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


def _refuse(event: Event) -> None:
    """Refuse anchors and aliases before anything is built, so an alias bomb never grows."""
    if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and event.anchor):
        line, col = _event_position(event)
        raise YamlRefusedError(
            "YAML anchors and aliases (&name, *name) are not allowed: write the value out", line, col
        )


def _event_position(event: Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line, mark.column) if mark else (0, 0)


def _scalar_node(event: ScalarEvent) -> ScalarNode:
    resolve: Any = _RESOLVER.resolve
    tag = event.tag if event.tag and event.tag != "!" else resolve(ScalarNode, event.value, event.implicit)
    mark: Any = event.start_mark
    return ScalarNode(tag, event.value, mark, mark, style=event.style)


def compose_yaml(text: str) -> Node | None:
    """Compose YAML text into a node tree, refusing anchors, aliases and deep nesting.

    Nodes are built here from the parser's events (libyaml's when available), so every
    check runs before any value is built.
    """
    open_nodes: list[tuple[Node, list[Node]]] = []
    root: Node | None = None
    for event in _events(text):
        _refuse(event)
        node: Node | None = None
        if isinstance(event, ScalarEvent):
            node = _scalar_node(event)
        elif isinstance(event, MappingStartEvent | SequenceStartEvent):
            if len(open_nodes) >= MAX_NESTING:
                raise YamlRefusedError(
                    f"front matter is nested more than {MAX_NESTING} levels deep", *_event_position(event)
                )
            mark: Any = event.start_mark
            is_map = isinstance(event, MappingStartEvent)
            tag = event.tag or ("tag:yaml.org,2002:map" if is_map else "tag:yaml.org,2002:seq")
            open_nodes.append((MappingNode(tag, [], mark) if is_map else SequenceNode(tag, [], mark), []))
        elif isinstance(event, MappingEndEvent | SequenceEndEvent):
            node, items = open_nodes.pop()
            node.value = (
                list(zip(items[::2], items[1::2], strict=True)) if isinstance(node, MappingNode) else items
            )
        if node is not None:
            if open_nodes:
                open_nodes[-1][1].append(node)
            else:
                root = node
    return root


def _scalar(node: ScalarNode) -> Any:  # noqa: ANN401 - YAML scalars are any of str/int/float/bool/None
    return _RESOLVER.construct_object(node, deep=True)


def node_to_python(node: Node, line_offset: int) -> tuple[Any, Located]:
    """Build plain Python values from a node tree and record where each key and value is.

    Args:
        node: The composed YAML node.
        line_offset: Number of file lines before the YAML text starts.

    Returns:
        The value and the positions of its keys and values.

    Raises:
        YamlRefusedError: A mapping key is repeated or is not a plain scalar.
    """
    keys: dict[YamlPath, tuple[int, int]] = {}
    values: dict[YamlPath, tuple[int, int]] = {}
    raw: dict[YamlPath, str] = {}

    def pos(n: Node) -> tuple[int, int]:
        return (n.start_mark.line + 1 + line_offset, n.start_mark.column + 1)

    def build(n: Node, path: YamlPath) -> Any:  # noqa: ANN401
        values[path] = pos(n)
        dotted = ".".join(str(p) for p in path) or "front matter"
        if n.tag not in ALLOWED_TAGS:
            raise YamlRefusedError(
                f"the YAML tag '{_short_tag(n.tag)}' is not allowed: remove it", *_mark(n, 0), key=dotted
            )
        if isinstance(n, ScalarNode):
            raw[path] = n.value
            try:
                return _scalar(n)
            except (ValueError, KeyError, yaml.YAMLError):
                raise YamlRefusedError(
                    f"'{n.value}' cannot be read as {_short_tag(n.tag)}: fix the value or remove the tag",
                    *_mark(n, 0),
                    key=dotted,
                ) from None
        if isinstance(n, SequenceNode):
            return [build(item, (*path, i)) for i, item in enumerate(n.value)]
        assert isinstance(n, MappingNode)
        result: dict[str, Any] = {}
        for key_node, value_node in n.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlRefusedError("a key must be a plain name", *_mark(key_node, line_offset))
            name = str(key_node.value)
            dotted = ".".join(str(p) for p in (*path, name))
            if name in result:
                first = keys[(*path, name)][0]
                raise YamlRefusedError(
                    f"duplicate key (first given on line {first}): keep one of them",
                    *_mark(key_node, line_offset),
                    key=dotted,
                )
            keys[(*path, name)] = pos(key_node)
            result[name] = build(value_node, (*path, name))
        return result

    return build(node, ()), Located(keys, values, raw)


def _mark(node: Node, line_offset: int) -> tuple[int, int]:
    return node.start_mark.line, node.start_mark.column


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def parse_yaml(text: str, rel: str, line_offset: int) -> tuple[Any, Located] | list[Problem]:
    """Parse YAML text strictly, returning its value and positions, or its problems.

    A forbidden character is reported at its place under the key that holds it (the text
    is parsed with it blanked out, to find that key), and so is one a YAML escape produces.

    Args:
        text: The YAML source.
        rel: The file, relative to the library, for the problem's location.
        line_offset: Number of file lines before the YAML text starts.
    """
    literal = FORBIDDEN.search(text) is not None
    parsed = _parse_clean(FORBIDDEN.sub("_", text) if literal else text, rel, line_offset)
    if isinstance(parsed, Problem):
        located, problems = Located({}, {}, {}), [parsed]
    else:
        located, problems = parsed[1], []
        escaped = forbidden_in_values(parsed[0])
        problems += capped(
            [Problem(rel, *located.where(path), _dotted(path), character_message(c)) for path, c in escaped]
        )
    if literal:
        problems += character_problems(
            text, rel, line_offset + 1, lambda line, col: _dotted(located.path_at(line, col))
        )
    if problems or isinstance(parsed, Problem):
        return problems
    return parsed


def character_problems(
    text: str, rel: str, first_line: int, key_at: Callable[[int, int], str]
) -> list[Problem]:
    """Problems of the forbidden characters in a text that starts on file line `first_line`.

    Linear in the text's length: only the first few are located (see `errors.capped`).

    Args:
        text: The text.
        rel: The file, relative to the library.
        first_line: The file line on which the text starts.
        key_at: The key to report for a file line and column.
    """
    problems = []
    for offset, char in itertools.islice(forbidden_characters(text), MAX_PROBLEMS_PER_TEXT):
        line, col = text_position(text, offset)
        line += first_line - 1
        problems.append(Problem(rel, line, col, key_at(line, col), character_message(char)))
    total = (
        len(problems) if len(problems) < MAX_PROBLEMS_PER_TEXT else sum(1 for _ in forbidden_characters(text))
    )
    return capped(problems, total)


def _dotted(path: YamlPath) -> str:
    return ".".join(str(p) for p in path) or "front matter"


def text_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in a text."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _parse_clean(text: str, rel: str, line_offset: int) -> tuple[Any, Located] | Problem:
    try:
        node = compose_yaml(text)
        if node is None:
            return None, Located({}, {}, {})
        return node_to_python(node, line_offset)
    except YamlRefusedError as refused:
        line = refused.line + 1 + line_offset
        return Problem(rel, line, refused.col + 1, refused.key, refused.message)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1, 1)
        detail = err.problem or "invalid YAML"
        return Problem(rel, line, col, "front matter", f"invalid YAML: {detail}")


def read_text(path: Path, rel: str) -> str | Problem:
    """Read a library file as text: size-capped, UTF-8 (BOM allowed), LF line endings."""
    if path.is_symlink():
        return Problem(rel, 1, 1, "file", "symbolic links are not allowed in the library")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return Problem(rel, 1, 1, "file", f"file is {size} bytes; the limit is {MAX_FILE_BYTES}")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        col = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        return Problem(rel, line, col, "file", "file is not UTF-8: save it with UTF-8 encoding")
    return text.replace("\r\n", "\n").replace("\r", "\n")


_OPENING = re.compile(r"\A---[ \t]*\n")


def split_document(text: str, rel: str) -> tuple[str, str, int] | Problem:
    """Split a document into front matter and body with python-frontmatter's YAML handler.

    Returns:
        The front matter text, the body, and the 1-based file line where the body starts.
    """
    if not _OPENING.match(text):
        return Problem(
            rel,
            1,
            1,
            "front matter",
            "a document must start with front matter: a line '---', the YAML keys, a line '---'",
        )
    handler = YAMLHandler()
    try:
        fm, body = handler.split(text)
    except ValueError:
        return Problem(
            rel,
            1,
            1,
            "front matter",
            "front matter is not closed: add a line '---' after the last key",
        )
    if len(fm.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        return Problem(
            rel,
            1,
            1,
            "front matter",
            f"front matter is larger than {MAX_FRONT_MATTER_BYTES} bytes",
        )
    stripped = body.lstrip("\n")
    body_line = text.count("\n", 0, len(text) - len(stripped)) + 1
    return fm, stripped, body_line


def read_document(path: Path, rel: str) -> RawDocument | list[Problem]:
    """Read one document file into front matter data with positions and its body, or its problems."""
    text = read_text(path, rel)
    return [text] if isinstance(text, Problem) else parse_document(text, path, rel)


def parse_document(text: str, path: Path, rel: str) -> RawDocument | list[Problem]:
    """A document file's text (as `read_text` gives it) as front matter data with positions and its body.

    Returns:
        The raw document, or its problems.
    """
    parts = split_document(text, rel)
    if isinstance(parts, Problem):
        return [parts]
    fm, body, body_line = parts
    parsed = parse_yaml(fm, rel, line_offset=0 if fm.startswith("\n") else 1)
    problems = parsed if isinstance(parsed, list) else []
    problems += character_problems(body, rel, body_line, lambda line, col: "body")
    if problems:
        return problems
    assert isinstance(parsed, tuple)
    data, located = parsed
    if not isinstance(data, dict):
        return [Problem(rel, 2, 1, "front matter", "front matter must be a mapping of key: value")]
    return RawDocument(path, rel, data, located, body, body_line)


def list_library(library: Path) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """List the Markdown documents of a library in a stable order, refusing symlinks.

    Hidden files and folders (starting with `.`) are ignored.

    Returns:
        `(path, rel)` pairs sorted by `rel`, and a problem for every symlink found.
    """
    found: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    for path in sorted(library.rglob("*")):
        rel = path.relative_to(library).as_posix()
        if any(part.startswith(".") for part in path.relative_to(library).parts):
            continue
        if path.is_symlink():
            problems.append(Problem(rel, 1, 1, "file", "symbolic links are not allowed in the library"))
        elif path.suffix == ".md" and path.is_file():
            found.append((path, rel))
    return found, problems
