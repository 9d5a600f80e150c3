"""Read a spec fast: libyaml's events, in one pass, become plain data and the source map.

The round-trip loader (:func:`rectimeet.spec.loader.parse_yaml`) keeps comments and order for
writing a spec back, and costs about ten times as much as libyaml. Reading needs neither: the
events libyaml's parser emits already carry the position of every key and item, which is all
the source map holds, and building the data straight from them needs no node tree (for a
county ledger the tree alone is several times the size of its data). Plain scalars are typed
with ruamel.yaml's own YAML 1.2 table, as the round-trip loader types them, so ``yes`` stays
text and ``2026-11-27`` becomes a date either way.

Anything this reader does not reproduce exactly (anchors and aliases, merge keys, duplicate
keys, keys that are not text, explicit tags, more than one document, a version directive,
Unicode line separators, syntax errors) makes :func:`read` answer ``None``; the caller then
reads with the round-trip loader, which also words the error. Without the compiled
ruamel.yaml.clib the same events come from ruamel's pure-Python parser: slower, same answers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from ruamel.yaml.nodes import ScalarNode

from rectimeet.sourcemap import SpecPath
from rectimeet.text import WrittenFloat, WrittenInt

SourceMap = dict[SpecPath, tuple[int, int]]

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_TIMESTAMP = _TAG + "timestamp"
_INT = _TAG + "int"
_FLOAT = _TAG + "float"
# Scalars whose plain value the safe constructor builds exactly as the round-trip one does
# (up to ruamel's int/float subclasses, which plain data drops anyway).
_SCALAR_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
# A tag starts a node: at the start of a line or after white space or a flow indicator. Some
# text with a "!" also matches; it is then only read more slowly.
_EXPLICIT_TAG = re.compile(r"(?:^|[\s\[\]{},])!", re.MULTILINE)
_ODD_BREAK_MARKS = ("\x85", "\u2028", "\u2029")
_NO_KEY = object()


def _needs_round_trip(text: str) -> bool:
    """Whether ``text`` holds what this reader leaves to the round-trip loader before reading
    it: a version directive, a tag, or a line break libyaml counts otherwise. Substring tests
    first: the patterns walk a county's ten megabytes in about a tenth of a second."""
    return "%YAML" in text or ("!" in text and _EXPLICIT_TAG.search(text) is not None) \
        or any(mark in text for mark in _ODD_BREAK_MARKS)


class _Unsupported(Exception):
    """The text uses YAML this reader leaves to the round-trip loader."""


@cache
def _yaml() -> YAML:
    # typ="safe" picks libyaml's parser when ruamel.yaml.clib is installed.
    return YAML(typ="safe")


@cache
def _constructor() -> SafeConstructor:
    # Bound to a loader, whose resolver says which YAML version the numbers follow.
    constructor: SafeConstructor = _yaml().constructor
    return constructor


@cache
def _implicit_tags() -> dict[Any, list[tuple[str, Any]]]:
    """ruamel's table of implicit tags (first character → (tag, pattern)), for YAML 1.2."""
    table: dict[Any, list[tuple[str, Any]]] = _yaml().resolver.versioned_resolver
    return table


@cache
def _candidates(first: str | None) -> tuple[tuple[str, Callable[[str], object]], ...]:
    """The implicit tags a plain scalar starting with ``first`` may have, each with its pattern's
    match function. ruamel compiles its patterns on first use and routes every later use
    through a Python-level attribute lookup; the compiled pattern itself is taken once here
    (compiling only the patterns for characters a spec actually starts a scalar with)."""
    found = []
    for tag, pattern in _implicit_tags().get(first, ()):
        lazy = pattern.lazy_self if type(pattern) is not re.Pattern else None
        compiled = lazy() if callable(lazy) else pattern
        found.append((tag, compiled.match))
    return tuple(found)


def _scalar(event: ScalarEvent) -> tuple[str, Any]:
    """The scalar's tag and value, typed as the round-trip loader types it."""
    if event.anchor is not None or event.tag not in (None, "!"):
        raise _Unsupported("anchor or tag")
    value = event.value
    tag = _STR
    if event.implicit[0]:
        for key in (value[0] if value else "", None):
            for candidate, match in _candidates(key):
                if match(value):
                    tag = candidate
                    break
            else:
                continue
            break
    if tag == _STR:
        return tag, value
    if tag not in _SCALAR_TAGS:
        raise _Unsupported(tag)
    if tag == _TIMESTAMP and len(value) == 10 and value[4] == value[7] == "-":
        # A plain date, the common case: what the constructor builds, without its regex.
        try:
            return tag, dt.date.fromisoformat(value)
        except ValueError:
            return tag, value  # 2026-13-01: left as text, as below
    node = ScalarNode(tag, value, event.start_mark, event.end_mark, style=event.style)
    if tag == _TIMESTAMP:
        try:
            return tag, _constructor().construct_yaml_timestamp(node)
        except ValueError:
            # An impossible date (2026-13-01) stays text so that validation can point at it.
            return tag, value
    # The tag's own constructor, not construct_object: that one keeps every node it saw.
    value = SafeConstructor.yaml_constructors[tag](_constructor(), node)
    # Numbers remember how they were written (0301, 3.10), as the round-trip loader keeps them.
    if tag == _INT:
        return tag, WrittenInt(int(value), event.value)
    if tag == _FLOAT:
        return tag, WrittenFloat(float(value), event.value)
    return tag, value


def _build(events: Any, size: list[int] | None = None) -> tuple[Any, SourceMap]:
    """Data and source map from ``events``; ``size``, when given, receives the number of values
    (keys, scalars and collections) and the deepest nesting (the root collection is 0)."""
    out: SourceMap = {}
    # Open collections, innermost last: [container, its path, the key awaiting its value].
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    values = deepest = 0
    for event in events:
        kind = type(event)
        if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
            values += 1
            mark = event.start_mark
            if kind is ScalarEvent:
                tag, value = _scalar(event)
            else:
                if event.anchor is not None or event.tag not in (None, "!"):
                    raise _Unsupported("anchor or tag")
                tag, value = "", {} if kind is MappingStartEvent else []
            if not stack:
                root, path = value, ()
                if kind is MappingStartEvent:
                    out[()] = (1, 1)
            else:
                frame = stack[-1]
                container, parent = frame[0], frame[1]
                if type(container) is list:
                    path = (*parent, len(container))
                    out[path] = (mark.line + 1, mark.column + 1)
                    container.append(value)
                elif frame[2] is _NO_KEY:
                    # A key: only text (the round-trip loader refuses some others outright).
                    if tag != _STR:
                        raise _Unsupported("key")
                    if value in container:
                        raise _Unsupported("duplicate key")
                    frame[2] = value
                    out[(*parent, value)] = (mark.line + 1, mark.column + 1)
                    continue
                else:
                    path = (*parent, frame[2])
                    container[frame[2]] = value
                    frame[2] = _NO_KEY
            if kind is not ScalarEvent:
                stack.append([value, path, _NO_KEY])
                deepest = max(deepest, len(stack))
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Unsupported("several documents")
        elif kind not in (StreamStartEvent, StreamEndEvent, DocumentEndEvent):
            raise _Unsupported(kind.__name__)  # an alias
    if size is not None:
        size[:] = [values, max(deepest - 1, 0)]
    return root, out


def read(text: str, size: list[int] | None = None) -> tuple[Any, SourceMap] | None:
    """Plain data and source map of ``text``, as the round-trip loader gives them; ``None`` when
    the text needs the round-trip loader (see the module docstring). ``size`` receives the
    number of values and the deepest nesting (no aliases here: that is the data's own size)."""
    if _needs_round_trip(text):
        # A version directive changes how numbers read; the round-trip loader keeps an explicit
        # tag (!!str 1) as a tagged object, which validation then refuses; and libyaml counts
        # lines at U+0085, U+2028 and U+2029 differently, which would shift the line numbers.
        return None
    try:
        return _build(_yaml().parse(text), size)
    except (_Unsupported, YAMLError, ValueError, TypeError):
        return None


def _shaped(events: Any) -> Iterator[tuple[Any, type, bool, bool]]:
    """Each event with its type and whether it opens or closes a collection."""
    for event in events:
        kind = type(event)
        yield (event, kind, kind is MappingStartEvent or kind is SequenceStartEvent,
               kind is MappingEndEvent or kind is SequenceEndEvent)


def _top_level(events: Any, keys: frozenset[str]) -> Any:
    """The events of ``keys`` in the top mapping only; every other key and its value is dropped
    as it streams by (nothing is built for it)."""
    depth = 0
    expect_key = False
    skip = 0  # depth of the value being dropped, 0 when none
    drop_next = False
    for event, kind, opens, closes in _shaped(events):
        if skip:
            skip += 1 if opens else -1 if closes else 0
            continue
        if depth == 1 and kind is MappingEndEvent:
            depth = 0
            yield event
            continue
        if depth == 1 and expect_key and kind is ScalarEvent:
            expect_key = False
            if event.value not in keys:
                drop_next = True
                continue
            yield event
            continue
        if depth == 1 and not expect_key:
            expect_key = True
            if drop_next:
                drop_next = False
                if opens:
                    skip = 1
                continue
        if opens:
            depth += 1
            if depth == 1 and kind is MappingStartEvent:
                expect_key = True
        elif closes:
            depth -= 1
        yield event


def read_sections(text: str, keys: frozenset[str]) -> dict[str, Any] | None:
    """The top-level ``keys`` of the mapping ``text`` holds, as :func:`read` would give them,
    without building the rest (listing levels needs two small sections of each level's file).
    ``None`` when the text is not a mapping or needs the round-trip loader."""
    if _needs_round_trip(text):
        return None
    try:
        data, _ = _build(_top_level(_yaml().parse(text), keys))
    except (_Unsupported, YAMLError, ValueError, TypeError):
        return None
    return data if isinstance(data, dict) else None


def _only_items(events: Any, key: str, wanted: frozenset[int]) -> Any:
    """The events, with each item of the top-level sequence ``key`` that is not ``wanted``
    replaced by one empty scalar at the item's place: nothing is built for it, and the items
    keep their indexes and positions."""
    depth = 0
    expect_key = False
    in_key = False  # the top-level key just read is ``key``
    items = False  # inside the sequence that is ``key``'s value
    item = -1
    skip = 0
    for event, kind, opens, closes in _shaped(events):
        if skip:
            skip += 1 if opens else -1 if closes else 0
            continue
        if items and depth == 2 and not closes:
            item += 1
            if item not in wanted:
                skip = 1 if opens else 0
                yield ScalarEvent(None, None, (True, False), "", event.start_mark, event.start_mark)
                continue
        if depth == 1 and expect_key and kind is ScalarEvent:
            expect_key = False
            in_key = event.value == key
        elif opens:
            depth += 1
            if depth == 1:
                expect_key = kind is MappingStartEvent
            elif depth == 2:
                items = in_key and kind is SequenceStartEvent
        elif closes:
            depth -= 1
            if depth == 1:
                items = in_key = False
                expect_key = True
        elif depth == 1:
            expect_key = True  # a scalar value at the top
            in_key = False
        yield event


def read_items(text: str, key: str, wanted: frozenset[int]) -> tuple[Any, SourceMap] | None:
    """What :func:`read` gives, with each item of the top-level block sequence ``key`` that is
    not ``wanted`` left as ``None`` (its position is still in the source map, at the item's
    index). Reading a county's ledger back to check a few edited items then builds only those.
    ``None`` when the text needs the round-trip loader."""
    if _needs_round_trip(text):
        return None
    try:
        return _build(_only_items(_yaml().parse(text), key, wanted))
    except (_Unsupported, YAMLError, ValueError, TypeError):
        return None

