"""YAML spec files: load with line numbers, report every problem with file:line:column, dump.

ruamel.yaml's round-trip loader keeps the position of every key and item, which lets both
validation errors and rule findings point at the line a clerk must edit. The same loader keeps
comments and order when rectimeet writes a spec back (ledger import).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from rectimeet import atomic
from rectimeet.errors import Problem, SpecError, StructureErrors
from rectimeet.i18n import N_
from rectimeet.models.plan import Plan
from rectimeet.sourcemap import locate as locate
from rectimeet.spec import fastload
from rectimeet.spec.messages import message_for

SourceMap = dict[tuple[str | int, ...], tuple[int, int]]

# Stable codes for what pydantic reports; tests and users key on these, not on wording.
_PYDANTIC_CODES = {
    "missing": "M010",
    "extra_forbidden": "M011",
    "bad_text": "M012",
    "blank_text": "M013",
}
_INVALID_VALUE = "M014"


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


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.constructor.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)
    y.preserve_quotes = True
    y.width = 4096
    y.allow_duplicate_keys = False
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


def parse_yaml(text: str, source: Path | str | None = None) -> Any:
    """Parse YAML text, turning syntax errors into a located :class:`SpecError`."""
    try:
        return _yaml().load(text)
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
    fast = fastload.read(text)
    if fast is None:  # YAML the fast reader leaves alone, or a syntax error to word
        document = parse_yaml(text, source)
        data, smap = to_plain(document), source_map(document)
    else:
        (data, smap), document = fast, None
    plan = plan_from_data(data, source, smap)
    return LoadedSpec(plan, Path(source) if source else None, smap, text, document)


def load(path: Path | str) -> LoadedSpec:
    """Load a spec file with its source map (for located errors and findings)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SpecError([Problem("F001", (), N_("file not found"))], path) from None
    except IsADirectoryError:
        raise SpecError([Problem("F001", (), N_("this is a directory, not a spec file"))], path) from None
    except OSError as exc:
        raise SpecError([Problem("F002", (), N_("cannot read the file: {reason}"),
                                 params={"reason": exc.strerror})], path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError([Problem("F003", (), N_("not UTF-8 text (byte {byte}); save the spec as UTF-8"),
                                 params={"byte": exc.start})], path) from None
    return load_text(text, path)


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


def write_document(path: Path | str, document: Any) -> None:
    """Write a round-trip document back (comments and order kept), atomically."""
    atomic.write_text(path, dump_document(document))


def iter_spec_files(directory: Path) -> Iterator[Path]:
    yield from sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
