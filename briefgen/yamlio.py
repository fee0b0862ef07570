"""Reading and rewriting people's YAML safely.

* Reading refuses what a facts file never needs and an attacker would use: aliases (the "billion
  laughs" bomb), tags that construct objects (``!!python/object``) and duplicate keys.  Every
  refusal names the file and line.
* Rewriting goes through ruamel.yaml's round-trip mode, so a reviewer's comments and key order
  survive, and through a temporary file and a rename, so an interrupted write never leaves half a
  file behind.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from .errors import BriefgenError, FactsError

_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP, _INT, _VALUE, _MERGE = (_TAG + name for name in ("str", "seq", "map", "int", "value", "merge"))
# Tags a facts file may carry: YAML's core schema, nothing that builds objects.
_SAFE_TAGS = {None, "!", *(_TAG + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp"))}
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 50 * 1024 * 1024


_ANYWHERE = tuple(_Loader.yaml_implicit_resolvers.get(None, []))
_BY_FIRST = {first: (*found, *_ANYWHERE) for first, found in _Loader.yaml_implicit_resolvers.items()
             if first is not None}  # PyYAML's patterns for values starting with each character


class _FactsLoader(_Loader):  # type: ignore[misc,valid-type]
    """PyYAML's safe loader with its tag resolution done in one short call per node.

    The C parser asks Python for the tag of every node it composes (``resolve``, with
    ``descend_resolver`` and ``ascend_resolver`` around it): a fifth of loading a facts file.
    PyYAML's own ``resolve`` builds a list of candidate patterns each time and checks path
    resolvers, which a safe loader never has; here the patterns for each first character are
    put together once, in PyYAML's order, so every value resolves to the tag PyYAML gives it.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:  # a plain scalar: a number, a boolean, a date... or text
                for tag, pattern in _BY_FIRST.get(value[:1], _ANYWHERE):
                    if pattern.match(value):
                        return str(tag)
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """Path resolvers: a safe loader has none."""

    def ascend_resolver(self) -> None:
        """Path resolvers: a safe loader has none."""


def _round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.preserve_quotes = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def read_text(path: Path, what: str = "file", error: type[BriefgenError] = FactsError) -> str:
    """Read UTF-8 text as Python's text mode does (newlines become ``\\n``; a BOM is dropped).

    Raises ``error`` naming the file and line for unreadable, binary or non-UTF-8 input.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise error.at(path, f"cannot read {what}: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise error.at(path, f"{what} is {len(raw)} bytes; the limit is {MAX_BYTES}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error.at(path, f"{what} is not UTF-8 text (byte {exc.start})", line=line) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise error.at(path, f"{what} is binary, not text (NUL byte)", line=line)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_events(text: str, path: Path) -> None:
    """Refuse aliases, anchors and object-building tags before anything is constructed."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, yaml.AliasEvent):
                raise FactsError.at(path, "YAML aliases (*name) are not allowed in facts files", line=line)
            if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                if event.anchor:
                    raise FactsError.at(path, "YAML anchors (&name) are not allowed in facts files", line=line)
                if event.tag not in _SAFE_TAGS and not (isinstance(event, yaml.ScalarEvent) and event.tag is None):
                    raise FactsError.at(path, f"YAML tag {event.tag} is not allowed in facts files", line=line)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(path, exc) from None


def _syntax_error(path: Path, exc: Any) -> BriefgenError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    problem = exc.problem or exc.context or "invalid YAML"
    return FactsError.at(path, f"YAML syntax error: {problem}", line=line)


def _plain(node: Any, loader: Any, path: Path) -> Any:
    """Plain data (dicts with string keys, lists, scalars) from a composed node, refusing duplicate
    keys: one walk, where constructing, checking and copying the data took three (~1 ms a file).

    Scalars other than strings (numbers, booleans, null, dates) are built by PyYAML's safe
    constructor, as ``construct_document`` would; plain decimal integers (most numbers of a facts
    file: offsets, years) directly.
    """
    if isinstance(node, yaml.ScalarNode):
        value = node.value
        if node.tag == _STR:
            return value
        if node.tag == _INT and value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
            return int(value)  # what PyYAML makes of it (a leading 0 is octal there, so left to it)
        return loader.construct_object(node)
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, loader, path) for item in node.value]
    out: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key, value in node.value:
        line = key.start_mark.line + 1
        if not isinstance(key, yaml.ScalarNode):
            raise FactsError.at(path, "YAML syntax error: a key must be a plain value, not a list or "
                                "mapping", line=line)
        if key.tag == _MERGE:
            raise FactsError.at(path, "YAML merge keys (<<) are not allowed in facts files", line=line)
        if key.value in lines:
            raise FactsError.at(path, f"YAML syntax error: duplicate key {key.value!r} (first on line "
                                f"{lines[key.value]})", line=line)
        lines[key.value] = line
        name = key.value if key.tag == _VALUE else _plain(key, loader, path)  # '=' is a plain key
        out[str(name)] = _plain(value, loader, path)
    return out


def load(path: Path, what: str = "facts file") -> tuple[Any, Locator]:
    """Load a YAML file for validation; return plain data (string keys) and a locator for line numbers.

    PyYAML's C parser does the reading (fast; ruamel's round trip is kept for rewriting files).
    """
    text = read_text(path, what)
    if any(c in text for c in "&*!"):  # anchors, aliases and tags need one of these characters
        _check_events(text, path)
    loader = _FactsLoader(text)
    try:  # one parse: nodes (with lines) for the checks and the locator, then plain data from them
        node = loader.get_single_node()
        data = _plain(node, loader, path) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(path, exc) from None
    finally:
        loader.dispose()
    if data is None:
        raise FactsError.at(path, f"{what} is empty", line=1)
    if not isinstance(data, dict):
        hint = " (source:, people:, ...)" if what == "facts file" else ""
        raise FactsError.at(path, f"a {what} must be a mapping{hint}", line=1)
    return data, Locator(node)


def load_round_trip(path: Path) -> CommentedMap:
    """Load for rewriting: comments, order and quoting are kept (after the same safety checks)."""
    load(path)
    data = _round_trip().load(read_text(path, "facts file"))
    return data


def to_plain(node: Any) -> Any:
    """ruamel's commented containers and scalar subclasses as plain Python values."""
    if isinstance(node, dict):
        return {str(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


class Locator:
    """Maps a pydantic error location (keys and indices) to a line of the YAML file."""

    def __init__(self, root: Any) -> None:
        self.root = root

    def line(self, loc: Sequence[str | int]) -> int | None:
        node: Any = self.root
        line: int | None = 1
        for key in loc:
            if isinstance(node, yaml.MappingNode):
                match = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
                if match is None:
                    break
                key_node = next(k for k, v in node.value if v is match)
                line, node = key_node.start_mark.line + 1, match
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                break
        return line


def dump(data: Any) -> str:
    """YAML of round-trip data (comments and order kept), for rewriting a person's file."""
    stream = io.StringIO()
    _round_trip().dump(data, stream)
    return stream.getvalue()


def dump_new(data: Any) -> str:
    """YAML of plain data for a new file (no comments to keep): PyYAML's C emitter, ~6x faster."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return str(yaml.dump(to_plain(data), Dumper=dumper, sort_keys=False, allow_unicode=True, width=100,
                         default_flow_style=False))


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write text (or bytes) so that readers see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
