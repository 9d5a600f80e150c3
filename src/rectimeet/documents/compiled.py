"""A template file as a render uses it: its compiled parts and its layout, kept per process.

Shared by the part-by-part render (:mod:`rectimeet.documents.render`) and docxtpl's whole path
(:mod:`rectimeet.documents.caching_template`); this module itself needs neither python-docx nor
docxtpl.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import CodeType
from typing import Any, NamedTuple

import jinja2

from rectimeet.documents.fixes import resolve_listing
from rectimeet.documents.package import Package
from rectimeet.errors import TemplateError
from rectimeet.i18n import N_

BODY_PART = "/word/document.xml"
CORE_PROPERTY_LIMIT = 255
_PARAGRAPH_MARK = re.compile(r"\n<w:p([ >])")


class CompiledTemplate:
    """What survives between renders of one template file in one process."""

    # A plain class and two NamedTuples rather than dataclasses: a dataclass compiles its
    # methods when its module is imported, and every build imports this one.
    __slots__ = ("codes", "data", "fields", "layout", "name", "whole")

    def __init__(self, name: str, data: bytes) -> None:
        self.name = name
        self.data = data
        self.codes: dict[str, CodeType] = {}
        """Compiled Jinja code per package part name (/word/document.xml, /word/footer1.xml…)."""
        self.fields: dict[str, frozenset[str]] = {}
        """Top-level names each part reads from the context."""
        self.layout: Layout | None = None
        """How to render the package part by part (set on first render; see
        :func:`rectimeet.documents.render._layout`)."""
        self.whole = False
        """The template needs docxtpl's whole path."""


class CompiledPart(NamedTuple):
    """One part a part-by-part render runs: its names and its compiled code."""

    name: str
    """The package part name (/word/document.xml), which the code carries."""
    member: str
    """The zip member it is written to (word/document.xml)."""
    fields: frozenset[str]
    code: CodeType


class Layout(NamedTuple):
    """What a part-by-part render of one template needs, worked out once."""

    package: Package
    prefix: str
    suffix: str
    """word/document.xml before and after the body."""
    body: CompiledPart
    fielded: tuple[CompiledPart, ...]
    """The headers and footers that have fields (the rest are copied)."""
    title_ids: frozenset[str]
    signature_ids: frozenset[str]
    """The ids of the title and signature styles, for the typesetting pass."""
    core: Any
    """docProps/core.xml, parsed."""


def run_part(compiled: CompiledTemplate, part_name: str, fields: frozenset[str], code: CodeType,
             context: Mapping[str, Any], env: jinja2.Environment) -> str:
    """Run one part's compiled code with ``context``: its XML, with docxtpl's listing resolved.

    A field the context lacks is refused before anything runs, naming every missing field."""
    missing = sorted(fields - context.keys() - env.globals.keys())
    if missing:
        raise TemplateError(N_("template {name} uses unknown field {fields}"),
                            {"name": compiled.name, "fields": missing})
    template = env.template_class.from_code(env, code, env.make_globals(None))
    xml = template.render(context)
    xml = _PARAGRAPH_MARK.sub(r"<w:p\1", xml)
    # docxtpl would now turn "{_{" into "{{" in the output, values included, so a user's
    # "{_{" would change; templates that need literal braces write {{ "{{" }} instead.
    return resolve_listing(xml)
