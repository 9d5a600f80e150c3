"""Safe, cached docxtpl rendering.

Safety: every render gets a fresh ``SandboxedEnvironment(autoescape=True,
undefined=StrictUndefined)`` because docxtpl's ``render(..., autoescape=True)`` assigns
``env.autoescape`` on the environment it is given; values are escaped, never evaluated; core
properties are set through python-docx after rendering (docxtpl would escape them a second
time); a field the context lacks raises :class:`~rectimeet.errors.TemplateError` naming the
template file and the field; output goes through :mod:`rectimeet.atomic`.

Speed: a naive render reads the file, runs docxtpl's XML clean-up regexes over every part and
compiles the result with Jinja each time, then re-parses and re-saves the whole package. Per
process, this module keeps the template bytes and the compiled Jinja code of each part, keyed by
path, size and mtime, and the package's members as stored (:mod:`rectimeet.documents.package`);
between processes, the compiled code is kept in a per-user cache keyed by the part's own XML
(:mod:`rectimeet.documents.template_cache`), so neither the clean-up nor Jinja runs again until
the template changes. A render then runs the compiled code of the body and of the headers and
footers that have fields, applies docxtpl's own table and drawing-id fixes to
the body, sets the core properties, and writes the package with every other part copied still
compressed. Templates with footnotes, and the bold-headings house style (which edits the
styles part), take docxtpl's whole path.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, meta
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from rectimeet import atomic
from rectimeet.documents import gbt9704 as gb
from rectimeet.documents import template_cache
from rectimeet.documents.package import Package
from rectimeet.documents.typeset import typeset
from rectimeet.errors import TemplateError
from rectimeet.i18n import N_

BODY_PART = "/word/document.xml"
CORE_PROPERTY_LIMIT = 255
_PARAGRAPH_START = re.compile(r"<w:p([ >])")
_PARAGRAPH_MARK = re.compile(r"\n<w:p([ >])")
# docxtpl's own pattern for a paragraph, and the characters its resolve_listing rewrites.
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
_LISTING_CHARS = re.compile("[\t\a\n\f]")
_UNDEFINED_NAME = re.compile(r"'([^']*)' is undefined")
_MISSING_ATTRIBUTE = re.compile(r"has no attribute '([^']*)'")


def new_environment() -> SandboxedEnvironment:
    """The only environment templates run in: sandboxed, autoescaping, strict."""
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


@dataclass
class _CompiledTemplate:
    """What survives between renders of one template file in one process."""

    name: str
    data: bytes
    codes: dict[str, CodeType] = field(default_factory=dict)
    """Compiled Jinja code per package part name (/word/document.xml, /word/footer1.xml…)."""
    fields: dict[str, frozenset[str]] = field(default_factory=dict)
    """Top-level names each part reads from the context."""
    layout: _Layout | None = None
    """How to render the package part by part (set on first render; see :func:`_layout`)."""
    whole: bool = False
    """The template needs docxtpl's whole path."""


@dataclass
class _Layout:
    """What a part-by-part render of one template needs, worked out once."""

    template: _CachingTemplate
    """Parsed once: its clean-up, table and id fixes are docxtpl's own."""
    package: Package
    prefix: str
    suffix: str
    """word/document.xml before and after the body."""
    fielded: dict[str, Any]
    """Zip name → part of each header or footer that has fields (the rest are copied)."""
    core: Any
    """docProps/core.xml, parsed."""


_CACHE: dict[tuple[str, int, int], _CompiledTemplate] = {}


def clear_cache() -> None:
    """Forget every template cached in this process (tests, or a long-lived process whose
    templates changed). The compiled code cached on disk is keyed by each part's content and
    never needs clearing."""
    _CACHE.clear()


def _load(path: Path) -> _CompiledTemplate:
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    cached = _CACHE.get(key)
    if cached is None:
        cached = _CompiledTemplate(name=path.name, data=path.read_bytes())
        _CACHE[key] = cached
    return cached


class _CachingTemplate(DocxTemplate):  # type: ignore[misc]
    """docxtpl's render, with the clean-up and compilation of each part done once per process.

    docxtpl itself drives the render (tables, headers, footers, docPr ids); only the steps that
    depend on the template alone are taken from the cache.
    """

    def __init__(self, compiled: _CompiledTemplate) -> None:
        super().__init__(io.BytesIO(compiled.data))
        self.compiled = compiled

    def build_xml(self, context: Mapping[str, Any], jinja_env: jinja2.Environment | None = None) -> str:
        return self._render_part(BODY_PART, self.get_xml, context, jinja_env)

    def build_headers_footers_xml(self, context: Mapping[str, Any], uri: str,
                                  jinja_env: jinja2.Environment | None = None
                                  ) -> Iterator[tuple[str, bytes]]:
        for rel_key, part in self.get_headers_footers(uri):
            def source(part: Any = part) -> str:
                return str(self.get_part_xml(part))
            xml = self._render_part(str(part.partname), source, context, jinja_env)
            yield rel_key, xml.encode("utf-8")

    def resolve_listing(self, xml: str) -> str:
        # docxtpl turns tabs, line and page breaks in texts into runs and paragraphs by running
        # three nested regular expressions over every paragraph: only paragraphs that hold
        # one of those characters can change, so only those go through it.
        if not _LISTING_CHARS.search(xml):
            return xml
        return _PARAGRAPH.sub(lambda m: str(super(_CachingTemplate, self).resolve_listing(m.group(0)))
                              if _LISTING_CHARS.search(m.group(0)) else m.group(0), xml)

    def _compile(self, part_name: str, stored: str, env: jinja2.Environment
                 ) -> tuple[frozenset[str], CodeType]:
        """The names a part reads and its compiled code: from the on-disk cache when it holds
        this very part (:mod:`rectimeet.documents.template_cache`), else cleaned up (docxtpl's
        clean-up, then one paragraph per line so Jinja reports useful line numbers), compiled and
        stored."""
        name = f"{self.compiled.name}{part_name}"
        directory = template_cache.cache_dir()
        digest = template_cache.key(env, name, stored)
        cached = template_cache.load(directory, digest)
        if cached is not None:
            return cached
        xml = _PARAGRAPH_START.sub(r"\n<w:p\1", str(self.patch_xml(stored)))
        try:
            # Parsed once: the same tree gives the code and the names it reads.
            tree = env.parse(xml, name=name)
            fields = frozenset(meta.find_undeclared_variables(tree))  # before compiling optimises it
            code = env.compile(tree, name=name)
        except jinja2.TemplateSyntaxError as exc:
            # Jinja's own description (English) is passed on as it is.
            raise TemplateError(N_("template {name}: Jinja syntax error in {part} (line {line} "
                                   "of the part's XML): {error}"),
                                {"name": self.compiled.name, "part": part_name,
                                 "line": exc.lineno, "error": exc.message}) from exc
        template_cache.store(directory, digest, fields, code)
        return fields, code

    def render_properties(self, context: Mapping[str, Any], jinja_env: jinja2.Environment | None = None
                          ) -> None:
        # Properties are plain values set by the caller afterwards; rendering them through an
        # autoescaping environment would store "A&amp;B" for "A&B".
        return None

    def _render_part(self, part_name: str, source: Callable[[], str], context: Mapping[str, Any],
                     env: jinja2.Environment | None) -> str:
        """Render one part; ``source`` gives its XML as stored in the template."""
        assert env is not None, "rectimeet always passes its own environment"
        code = self.compiled.codes.get(part_name)
        if code is None:
            self.compiled.fields[part_name], code = self._compile(part_name, source(), env)
            self.compiled.codes[part_name] = code
        missing = sorted(self.compiled.fields[part_name] - context.keys() - env.globals.keys())
        if missing:
            raise TemplateError(N_("template {name} uses unknown field {fields}"),
                                {"name": self.compiled.name, "fields": missing})
        template = env.template_class.from_code(env, code, env.make_globals(None))
        self.current_rendering_part = part_name
        xml = template.render(context)
        xml = _PARAGRAPH_MARK.sub(r"<w:p\1", xml)
        # docxtpl would now turn "{_{" into "{{" in the output, values included, so a user's
        # "{_{" would change; templates that need literal braces write {{ "{{" }} instead.
        return str(self.resolve_listing(xml))


def render_document(template: Path, context: Mapping[str, Any], *, title: str = "", subject: str = "",
                    bold_headings: bool = False) -> bytes:
    """Render ``template`` with ``context``; return the .docx bytes.

    ``title`` and ``subject`` become the document's core properties, exactly as given.
    ``bold_headings`` is the common house style that bolds the 楷体 and 仿宋 heading levels
    (GB/T 9704 itself does not bold them).
    """
    compiled = _load(template)
    layout = None if bold_headings else _layout(compiled)
    if layout is not None:
        with _template_errors(compiled):
            return _render_parts(layout, dict(context), title, subject)
    doc = _CachingTemplate(compiled)
    with _template_errors(compiled):
        doc.render(dict(context), new_environment(), autoescape=True)
    typeset(doc.docx)
    if bold_headings:
        for style_name in (gb.STYLE_H2, gb.STYLE_H3):
            if style_name in [s.name for s in doc.docx.styles]:
                doc.docx.styles[style_name].font.bold = True
    props = doc.docx.core_properties
    # The OPC core properties hold at most 255 characters per field.
    props.title = title[:CORE_PROPERTY_LIMIT]
    props.subject = subject[:CORE_PROPERTY_LIMIT]
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


@contextmanager
def _template_errors(compiled: _CompiledTemplate) -> Iterator[None]:
    """Jinja's errors as :class:`TemplateError` naming the template (and the field)."""
    try:
        yield
    except TemplateError:
        raise
    except jinja2.UndefinedError as exc:
        raise TemplateError(N_("template {name} uses unknown field {fields}"),
                            {"name": compiled.name, "fields": [_field_name(exc)]}) from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(N_("template {name}: {error}"),
                            {"name": compiled.name, "error": str(exc)}) from exc


_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
_CORE = "docProps/core.xml"
_DC = "{http://purl.org/dc/elements/1.1/}"
_FIELD_MARKS = ("{{", "{%", "{#")


def _layout(compiled: _CompiledTemplate) -> _Layout | None:
    """The template's part-by-part layout, or ``None`` when it needs docxtpl's whole path."""
    if compiled.layout is not None or compiled.whole:
        return compiled.layout
    package = Package(compiled.data)
    names = package.names()
    text = package.read("word/document.xml").decode("utf-8") if "word/document.xml" in names else ""
    start, end = text.find("<w:body"), text.rfind("</w:body>")
    if ("word/footnotes.xml" in names or _CORE not in names or start < 0 or end < 0
            or text.count("<w:body") != 1):
        compiled.whole = True
        return None
    helper = _CachingTemplate(compiled)
    helper.init_docx()
    fielded: dict[str, Any] = {}
    for uri in (helper.HEADER_URI, helper.FOOTER_URI):
        for _key, part in helper.get_headers_footers(uri):
            if any(mark in part.blob.decode("utf-8") for mark in _FIELD_MARKS):
                fielded[str(part.partname).lstrip("/")] = part
    compiled.layout = _Layout(helper, package, text[:start], text[end + len("</w:body>"):],
                              fielded, etree.fromstring(package.read(_CORE)))
    return compiled.layout


def _render_parts(layout: _Layout, context: dict[str, Any], title: str, subject: str) -> bytes:
    helper, env = layout.template, new_environment()
    body_xml = helper._render_part(BODY_PART, helper.get_xml, context, env)
    # docxtpl's own fixes, on the rendered body only (it parses leniently, as docxtpl does).
    tree = helper.fix_tables(body_xml)
    helper.docx_ids_index = 1000
    helper.fix_docpr_ids(tree)
    # The typesetting pass works on a python-docx document: the template's own, parsed once,
    # takes each render's body in turn (its body source is compiled already).
    helper.map_tree(tree)
    del tree  # python-docx's element classes apply to proxies made after the move
    typeset(helper.docx)
    body = etree.tostring(helper.docx.element.body, encoding="unicode")
    replaced = {"word/document.xml": (layout.prefix + body + layout.suffix).encode("utf-8")}
    for name, part in layout.fielded.items():
        def source(part: Any = part) -> str:
            return str(helper.get_part_xml(part))
        xml = helper._render_part(str(part.partname), source, context, env).encode("utf-8")
        etree.fromstring(xml)  # a malformed part fails here, as it would in docxtpl
        replaced[name] = _DECLARATION + xml
    replaced[_CORE] = _core_properties(layout.core, title, subject)
    return layout.package.write(replaced)


def _core_properties(core: Any, title: str, subject: str) -> bytes:
    """core.xml with the title and subject set (at most 255 characters each, as OPC allows)."""
    root = copy.deepcopy(core)
    for tag, value in (("title", title), ("subject", subject)):
        element = root.find(f"{_DC}{tag}")
        if element is None:
            element = etree.SubElement(root, f"{_DC}{tag}")
        element.text = value[:CORE_PROPERTY_LIMIT]
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


def _field_name(exc: jinja2.UndefinedError) -> str:
    message = str(exc.message or exc)
    for pattern in (_UNDEFINED_NAME, _MISSING_ATTRIBUTE):
        match = pattern.search(message)
        if match:
            return match.group(1)
    return message


def write_document(template: Path, context: Mapping[str, Any], target: Path, *, title: str = "",
                   subject: str = "") -> Path:
    """Render and write atomically: a failure leaves no file and an existing one untouched."""
    data = render_document(template, context, title=title, subject=subject)
    return atomic.write_bytes(target, data)
