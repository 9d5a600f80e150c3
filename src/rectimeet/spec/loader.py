"""YAML spec files: load with line numbers, report every problem with file:line:column, dump.

ruamel.yaml's round-trip loader keeps the position of every key and item, which lets both
validation errors and rule findings point at the line a clerk must edit. The same loader keeps
comments and order when rectimeet writes a spec back (ledger import).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from rectimeet.errors import Problem, SpecError, StructureErrors, UnknownLevelError
from rectimeet.i18n import N_
from rectimeet.models.plan import Plan
from rectimeet.sourcemap import locate as locate
from rectimeet.spec import fastload
from rectimeet.spec.messages import message_for
from rectimeet.text import WrittenFloat, WrittenInt

SourceMap = dict[tuple[str | int, ...], tuple[int, int]]

# Stable codes for what pydantic reports; tests and users key on these, not on wording.
_PYDANTIC_CODES = {
    "missing": "M010",
    "extra_forbidden": "M011",
    "bad_text": "M012",
    "blank_text": "M013",
}
_INVALID_VALUE = "M014"

MAX_SPEC_BYTES = 16 * 1024 * 1024
"""A spec larger than this is refused before parsing. A county's aggregated ledger of 30,000
items is about 8 MiB and reads in a second or two through the fast reader; reading much more
would take long, and writing it back (round-trip loader) far longer."""
MAX_NODES = 1_000_000
"""Values a spec may hold once every alias is expanded (a "billion laughs" spec holds 10⁹)."""
MAX_DEPTH = 64
"""Nesting a spec may have (a plan nests about six levels deep)."""


@dataclass
class LoadedSpec:
    """A plan together with where it came from."""

    plan: Plan
    path: Path | None
    source_map: SourceMap = field(default_factory=dict)
    text: str | None = field(default=None, repr=False)
    """The spec's text, when it was read from a file or text."""
    _document: Any = field(default=None, repr=False)

    @property
    def document(self) -> Any:
        """The round-trip YAML document (comments and order kept) for writing back.

        Reading uses the fast loader; the round-trip parse happens here, on first use.
        """
        if self._document is None and self.text is not None:
            self._document = parse_yaml(self.text, self.path)
        return self._document


def _lenient_timestamp(constructor: RoundTripConstructor, node: Any) -> Any:
    # An impossible date (2026-13-01) stays text so that validation can point at its line.
    try:
        return RoundTripConstructor.construct_yaml_timestamp(constructor, node)
    except ValueError:
        return constructor.construct_scalar(node)


def _written_int(constructor: RoundTripConstructor, node: Any) -> Any:
    # The source text is kept so that a text field reads 0301 as written, and writing the
    # spec back reproduces it.
    return WrittenInt(int(RoundTripConstructor.construct_yaml_int(constructor, node)), node.value)


def _written_float(constructor: RoundTripConstructor, node: Any) -> Any:
    return WrittenFloat(float(RoundTripConstructor.construct_yaml_float(constructor, node)),
                        node.value)


def _represent_written(representer: Any, data: WrittenInt | WrittenFloat) -> Any:
    tag = "tag:yaml.org,2002:int" if isinstance(data, WrittenInt) else "tag:yaml.org,2002:float"
    return representer.represent_scalar(tag, data.source)


def _yaml() -> YAML:
    y = YAML(typ="rt")
    # Set before the constructor is first touched: ruamel reads these when it builds it (the
    # quotes were silently dropped when this came after).
    y.preserve_quotes = True
    y.allow_duplicate_keys = False
    y.width = 4096
    y.constructor.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)
    y.constructor.add_constructor("tag:yaml.org,2002:int", _written_int)
    y.constructor.add_constructor("tag:yaml.org,2002:float", _written_float)
    y.representer.add_representer(WrittenInt, _represent_written)
    y.representer.add_representer(WrittenFloat, _represent_written)
    return y


def _walk(node: Any, path: tuple[str | int, ...], out: SourceMap) -> None:
    if isinstance(node, CommentedMap):
        for key in node:
            try:
                line, col = node.lc.key(key)
            except (KeyError, TypeError):
                continue
            out[(*path, str(key))] = (line + 1, col + 1)
            _walk(node[key], (*path, str(key)), out)
    elif isinstance(node, CommentedSeq):
        for i, item in enumerate(node):
            try:
                line, col = node.lc.item(i)
            except (KeyError, TypeError, IndexError):
                continue
            out[(*path, i)] = (line + 1, col + 1)
            _walk(item, (*path, i), out)


def source_map(document: Any) -> SourceMap:
    out: SourceMap = {}
    if isinstance(document, CommentedMap):
        out[()] = (1, 1)
    _walk(document, (), out)
    return out


def to_plain(node: Any) -> Any:
    """Round-trip YAML nodes → plain dicts, lists and scalars (dates stay dates)."""
    if isinstance(node, dict):
        return {str(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


_QUOTED_OR_COMMENT = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"\\]|\\.)*\"|#[^\n]*")
_BRACKET = re.compile(r"[\[\]{}]")


def _flow_too_deep(text: str) -> bool:
    """Whether flow brackets (outside quotes and comments) nest deeper than MAX_DEPTH: the YAML
    parser takes seconds to reach its recursion limit on such input, so it is refused first."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    depth = 0
    for match in _BRACKET.finditer(_QUOTED_OR_COMMENT.sub("", text)):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        else:
            depth = max(depth - 1, 0)
    return False


class _Refused(Exception):
    def __init__(self, code: str, msgid: str, **params: Any) -> None:
        super().__init__(msgid)
        self.problem = Problem(code, (), msgid, params=params)


def _measure(document: Any) -> None:
    """Refuse a document that nests too deeply, refers to itself or expands past
    :data:`MAX_NODES` through aliases. Shared (aliased) nodes are counted by their expanded
    size without expanding them."""
    memo: dict[int, tuple[int, int]] = {}
    active: set[int] = set()

    def size(node: Any, depth: int) -> tuple[int, int]:
        if not isinstance(node, dict | list):
            return 1, 0
        key = id(node)
        if key in memo:
            total, height = memo[key]
        else:
            if key in active:
                raise _Refused("Y004", N_("an alias refers to the value that contains it"))
            if depth > MAX_DEPTH:
                raise _Refused("Y003", N_("the spec nests deeper than {limit} levels"),
                               limit=MAX_DEPTH)
            active.add(key)
            children = [*node.keys(), *node.values()] if isinstance(node, dict) else node
            total, height = 1, 0
            for child in children:
                n, h = size(child, depth + 1)
                total += n
                height = max(height, h + 1)
                if total > MAX_NODES:
                    raise _Refused("Y004", N_("the spec expands to more than {limit} values "
                                              "(aliases repeat too much)"), limit=MAX_NODES)
            active.discard(key)
            memo[key] = total, height
        if depth + height > MAX_DEPTH:
            raise _Refused("Y003", N_("the spec nests deeper than {limit} levels"),
                           limit=MAX_DEPTH)
        return total, height

    size(document, 0)


def parse_yaml(text: str, source: Path | str | None = None) -> Any:
    """Parse YAML text, turning syntax errors into a located :class:`SpecError`.

    Texts beyond :data:`MAX_SPEC_BYTES`, nesting beyond :data:`MAX_DEPTH` and aliases that
    expand past :data:`MAX_NODES` are refused (codes Y003, Y004, Y005).
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_SPEC_BYTES:
        raise SpecError([Problem("Y005", (), N_("the spec is {size} bytes; at most {limit} bytes "
                                                "are read"),
                                 params={"size": size, "limit": MAX_SPEC_BYTES})], source)
    if _flow_too_deep(text):
        raise SpecError([Problem("Y003", (), N_("the spec nests deeper than {limit} levels"),
                                 params={"limit": MAX_DEPTH})], source)
    try:
        document = _yaml().load(text)
        _measure(document)
        return document
    except _Refused as exc:
        raise SpecError([exc.problem], source) from None
    except RecursionError:
        raise SpecError([Problem("Y003", (), N_("the spec nests deeper than {limit} levels"),
                                 params={"limit": MAX_DEPTH})], source) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        col = mark.column + 1 if mark is not None else None
        detail = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        raise SpecError([Problem("Y001", (), N_("YAML syntax error: {detail}"), line, col,
                                 {"detail": detail})], source) from exc
    except YAMLError as exc:
        raise SpecError([Problem("Y001", (), N_("YAML syntax error: {detail}"), params={"detail": str(exc)})],
                        source) from exc


def problems_from_validation(exc: ValidationError, smap: SourceMap) -> list[Problem]:
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        ctx = err.get("ctx") or {}
        inner = ctx.get("error")
        if isinstance(inner, StructureErrors):
            for p in inner.problems:
                line, col = locate(p.path, smap)
                problems.append(Problem(p.code, p.path, p.message, line, col, p.params))
            continue
        loc = tuple(err["loc"])
        # Pydantic prefixes union branches and function validators into loc; keep data keys.
        path = tuple(p for p in loc if isinstance(p, int) or not str(p).startswith(("function-", "lax-")))
        code = _PYDANTIC_CODES.get(err["type"], _INVALID_VALUE)
        msgid, params = message_for(err)
        line, col = locate(path, smap)
        problems.append(Problem(code, path, msgid, line, col, params))
    return problems


def plan_from_data(data: Any, source: Path | str | None = None, smap: SourceMap | None = None) -> Plan:
    """Validate plain data into a :class:`Plan`, raising a located :class:`SpecError`."""
    smap = smap or {}
    if not isinstance(data, dict):
        raise SpecError([Problem("Y002", (), N_("a spec must be a mapping with unit:, inspection: and meeting: sections"), 1, 1)], source)
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        raise SpecError(problems_from_validation(exc, smap), source) from exc


def load_text(text: str, source: Path | str | None = None) -> LoadedSpec:
    # Too large or too deeply nested: parse_yaml refuses it with its own words.
    fits = len(text.encode("utf-8", "surrogatepass")) <= MAX_SPEC_BYTES and not _flow_too_deep(text)
    size: list[int] = []
    fast = fastload.read(text, size) if fits else None
    if fast is None:  # YAML the fast reader leaves alone, or a problem for parse_yaml to word
        document = parse_yaml(text, source)
        data, smap = to_plain(document), source_map(document)
    else:
        (data, smap), document = fast, None
        # No aliases in what the fast reader reads: its count is the data's own size, and
        # walking the data again to measure it (half a second for a county) is not needed.
        values, deepest = size
        if deepest > MAX_DEPTH:
            raise SpecError([Problem("Y003", (), N_("the spec nests deeper than {limit} levels"),
                                     params={"limit": MAX_DEPTH})], source)
        if values > MAX_NODES:
            raise SpecError([Problem("Y004", (), N_("the spec expands to more than {limit} "
                                                    "values (aliases repeat too much)"),
                                     params={"limit": MAX_NODES})], source)
    plan = plan_from_data(data, source, smap)
    return LoadedSpec(plan, Path(source) if source else None, smap, text, document)


def load(path: Path | str) -> LoadedSpec:
    """Load a spec file with its source map (for located errors and findings)."""
    return load_bytes(read_spec_bytes(path), path)


def read_spec_bytes(path: Path | str) -> bytes:
    """The bytes of a spec file; a missing, unreadable or oversized file is a located error."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_SPEC_BYTES:
            raise SpecError([Problem("Y005", (), N_("the spec is {size} bytes; at most {limit} "
                                                    "bytes are read"),
                                     params={"size": path.stat().st_size,
                                             "limit": MAX_SPEC_BYTES})], path)
        return path.read_bytes()
    except FileNotFoundError:
        raise SpecError([Problem("F001", (), N_("file not found"))], path) from None
    except IsADirectoryError:
        raise SpecError([Problem("F001", (), N_("this is a directory, not a spec file"))], path) from None
    except OSError as exc:
        raise SpecError([Problem("F002", (), N_("cannot read the file: {reason}"),
                                 params={"reason": exc.strerror})], path) from None


def decode_spec(raw: bytes, source: Path | str | None = None) -> str:
    """Spec bytes as text: UTF-8, with or without a byte-order mark."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SpecError([Problem("F003", (), N_("UTF-16 text; save the spec as UTF-8"))], source)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError([Problem("F003", (), N_("not UTF-8 text (byte {byte}); save the spec as UTF-8"),
                                 params={"byte": exc.start})], source) from None


def load_bytes(raw: bytes, path: Path | str) -> LoadedSpec:
    """Load a spec from the bytes of the file at ``path`` (read once, e.g. under a lock)."""
    return load_text(decode_spec(raw, path), path)


def load_plan(path: Path | str) -> Plan:
    """Load and validate a spec file into a :class:`Plan`."""
    return load(path).plan


def plan_to_data(plan: Plan) -> dict[str, Any]:
    """The plan as plain data, as a spec would say it (defaults left out)."""
    data: dict[str, Any] = plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    # Required-but-defaulted keys keep the spec readable.
    data.setdefault("unit", {}).setdefault("level", plan.unit.level)
    return data


def dump_plan(plan: Plan) -> str:
    """The plan as YAML text."""
    buf = io.StringIO()
    y = YAML(typ="safe", pure=True)
    y.default_flow_style = False
    y.allow_unicode = True
    # Keep the model's field order; ruamel types this attribute as None.
    y.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    y.dump(plan_to_data(plan), buf)
    return buf.getvalue()


def dump_document(document: Any) -> str:
    buf = io.StringIO()
    _yaml().dump(document, buf)
    return buf.getvalue()


def with_lines(exc: SpecError, smap: Mapping[tuple[str | int, ...], tuple[int, int]]
               ) -> SpecError:
    """``exc`` with the line of every problem that has a path but no line yet."""
    problems = []
    for p in exc.problems:
        if p.line is None and p.path:
            line, col = locate(p.path, smap)
            p = Problem(p.code, p.path, p.message, line, col, p.params)
        problems.append(p)
    return SpecError(problems, exc.source)


@contextmanager
def located(loaded: LoadedSpec) -> Iterator[None]:
    """Give errors raised while working on ``loaded`` (timeline, level, rule parameters) the
    spec's file and line."""
    try:
        yield
    except SpecError as exc:
        spec = str(loaded.path) if loaded.path else None
        if exc.source not in (None, spec):
            raise  # another file's problem (rectimeet.toml, a calendar file): its own lines
        raise with_lines(SpecError(exc.problems, spec), loaded.source_map) from None
    except UnknownLevelError as exc:
        line, col = locate(("unit", "level"), loaded.source_map)
        raise SpecError([Problem("L001", ("unit", "level"), exc.message_id, line, col,
                                 exc.params)], loaded.path) from None


def iter_spec_files(directory: Path) -> Iterator[Path]:
    yield from sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
