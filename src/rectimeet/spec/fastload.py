"""Read a spec fast: libyaml composes the node tree, one walk builds plain data and the source map.

The round-trip loader (:func:`rectimeet.spec.loader.parse_yaml`) keeps comments and order for
writing a spec back, and costs about ten times as much as libyaml. Reading needs neither: the
node tree libyaml composes already carries the position of every key and item, which is all the
source map holds. ruamel.yaml resolves the tags with the same YAML 1.2 rules in both loaders,
so ``yes`` stays text and ``2026-11-27`` becomes a date either way.

Anything this walk does not reproduce exactly (merge keys, duplicate keys, keys that are not
text, explicit tags, a version directive, Unicode line separators, syntax errors) makes :func:`read` answer ``None``; the caller then reads with the
round-trip loader, which also words the error. Without the compiled ruamel.yaml.clib the same
walk runs over ruamel's pure-Python composer: slower, same answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from rectimeet.sourcemap import SpecPath

SourceMap = dict[SpecPath, tuple[int, int]]

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_TIMESTAMP = _TAG + "timestamp"
# Scalars whose plain value the safe constructor builds exactly as the round-trip one does
# (up to ruamel's int/float subclasses, which plain data drops anyway).
_SCALAR_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))


# A tag starts a node: at the start of a line or after white space or a flow indicator. Some
# text with a "!" also matches; it is then only read more slowly.
_EXPLICIT_TAG = re.compile(r"(?:^|[\s\[\]{},])!", re.MULTILINE)
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")


class _Unsupported(Exception):
    """The text uses YAML this walk leaves to the round-trip loader."""


_TAGS: dict[str, Tag] = {}


def _shared_tag(suffix: str) -> Tag:
    tag = _TAGS.get(suffix)
    if tag is None:
        tag = _TAGS[suffix] = Tag(suffix=suffix)
    return tag


class _Resolver(VersionedResolver):
    """ruamel's resolver with its own tables and rules, minus the per-scalar overhead.

    The table of implicit tags is looked up once (:func:`read` refuses texts with a ``%YAML``
    directive, so the version never changes), and every node shares one tag object per tag.
    ruamel's path resolvers, which rectimeet does not use, would take ruamel's own way.
    """

    @property
    def versioned_resolver(self) -> Any:
        table = self.__dict__.get("_table")
        if table is None:
            table = VersionedResolver.versioned_resolver.fget(self)  # type: ignore[attr-defined]
            self.__dict__["_table"] = table
        return table

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        if kind is ScalarNode:
            if implicit[0]:
                table = self.versioned_resolver
                for key in (value[0] if value else "", None):
                    for tag, regexp in table.get(key, ()):
                        if regexp.match(value):
                            return _shared_tag(tag)
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is SequenceNode else self.DEFAULT_MAPPING_TAG


def _tag(node: Node) -> str:
    # Node.tag builds a new string every time; a resolved tag's suffix is the whole tag.
    ctag = node.ctag
    return str(ctag.suffix) if ctag.handle is None else str(ctag)


@cache
def _composer() -> YAML:
    # typ="safe" picks libyaml's parser when ruamel.yaml.clib is installed.
    yaml = YAML(typ="safe")
    yaml.Resolver = _Resolver
    return yaml


@cache
def _constructor() -> SafeConstructor:
    # Bound to the composer, whose resolver says which YAML version the numbers follow.
    constructor: SafeConstructor = _composer().constructor
    return constructor


def _scalar(node: ScalarNode) -> Any:
    tag = _tag(node)
    if tag == _STR:
        return node.value
    if tag not in _SCALAR_TAGS:
        raise _Unsupported(tag)
    if tag == _TIMESTAMP:
        try:
            return _constructor().construct_yaml_timestamp(node)
        except ValueError:
            # An impossible date (2026-13-01) stays text so that validation can point at it.
            return node.value
    # The tag's own constructor, not construct_object: that one keeps every node it saw.
    return SafeConstructor.yaml_constructors[tag](_constructor(), node)


_TAKEN: list[Any] = []


def _take(node: Node) -> Iterator[Any]:
    """The children of ``node``, each let go of once yielded, so that the node tree shrinks as
    the data grows (a county ledger's tree is several times the size of its data).

    A node met a second time is an alias of one already taken: the round-trip loader reads it.
    """
    children = node.value
    if children is _TAKEN:
        raise _Unsupported("alias")
    node.value = _TAKEN
    for i in range(len(children)):
        child, children[i] = children[i], None
        yield child


def _build(node: Node, path: SpecPath, out: SourceMap) -> Any:
    if node.anchor is not None:
        raise _Unsupported("anchor")
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, MappingNode):
        if _tag(node) != _TAG + "map":
            raise _Unsupported(node.tag)
        mapping: dict[str, Any] = {}
        for key_node, value_node in _take(node):
            # Only text keys: the round-trip loader refuses some others (null) outright.
            if not isinstance(key_node, ScalarNode) or _tag(key_node) != _STR:
                raise _Unsupported("key")
            key = key_node.value
            if key in mapping:
                raise _Unsupported("duplicate key")
            mark = key_node.start_mark
            here = (*path, key)
            out[here] = (mark.line + 1, mark.column + 1)
            mapping[key] = _build(value_node, here, out)
        return mapping
    if isinstance(node, SequenceNode):
        if _tag(node) != _TAG + "seq":
            raise _Unsupported(node.tag)
        items = []
        for i, item in enumerate(_take(node)):
            mark = item.start_mark
            here = (*path, i)
            out[here] = (mark.line + 1, mark.column + 1)
            items.append(_build(item, here, out))
        return items
    raise _Unsupported(type(node).__name__)


def read(text: str) -> tuple[Any, SourceMap] | None:
    """Plain data and source map of ``text``, as the round-trip loader gives them; ``None`` when
    the text needs the round-trip loader (see the module docstring)."""
    if "%YAML" in text or _EXPLICIT_TAG.search(text) or _ODD_BREAKS.search(text):
        # A version directive changes how numbers read; the round-trip loader keeps an explicit
        # tag (!!str 1) as a tagged object, which validation then refuses; and libyaml counts
        # lines at U+0085, U+2028 and U+2029 differently, which would shift the line numbers.
        return None
    try:
        root = _composer().compose(text)
    except YAMLError:
        return None
    out: SourceMap = {}
    if root is None:
        return None, out
    if isinstance(root, MappingNode):
        out[()] = (1, 1)
    try:
        return _build(root, (), out), out
    except (_Unsupported, YAMLError, ValueError, TypeError):
        return None
