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
the body (:mod:`rectimeet.documents.fixes`), typesets it, sets the core properties, and writes
the package with every other part copied still compressed. What a render needs to know about
the template's package (the XML around the body, the headers and footers with fields, the ids of
the title and signature styles) is worked out once with python-docx and kept beside the
compiled parts, so a build whose templates are all cached imports neither python-docx nor
docxtpl. Templates with footnotes, and the bold-headings house style (which edits the styles
part), take docxtpl's whole path.
"""

from __future__ import annotations

import copy
import re
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from rectimeet import atomic
from rectimeet.documents import gbt9704 as gb
from rectimeet.documents import template_cache
from rectimeet.documents.compiled import (
    BODY_PART,
    CORE_PROPERTY_LIMIT,
    CompiledPart,
    CompiledTemplate,
    Layout,
    run_part,
)
from rectimeet.documents.fixes import fix_body
from rectimeet.documents.package import Package
from rectimeet.documents.typeset import style_ids, typeset_body
from rectimeet.errors import TemplateError
from rectimeet.i18n import N_

if TYPE_CHECKING:
    from rectimeet.documents.caching_template import CachingTemplate

_UNDEFINED_NAME = re.compile(r"'([^']*)' is undefined")
_MISSING_ATTRIBUTE = re.compile(r"has no attribute '([^']*)'")


def new_environment() -> SandboxedEnvironment:
    """The only environment templates run in: sandboxed, autoescaping, strict."""
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


_CACHE: dict[tuple[str, int, int], CompiledTemplate] = {}


def clear_cache() -> None:
    """Forget every template cached in this process (tests, or a long-lived process whose
    templates changed). The compiled code cached on disk is keyed by each part's content and
    never needs clearing."""
    _CACHE.clear()


def _load(path: Path) -> CompiledTemplate:
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    cached = _CACHE.get(key)
    if cached is None:
        cached = CompiledTemplate(name=path.name, data=path.read_bytes())
        _CACHE[key] = cached
    return cached


def _caching_template(compiled: CompiledTemplate) -> CachingTemplate:
    """The template opened with docxtpl (and so python-docx), imported only now."""
    from rectimeet.documents.caching_template import CachingTemplate

    return CachingTemplate(compiled)


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
            return _render_parts(compiled, layout, dict(context), title, subject)
    doc = _caching_template(compiled)
    with _template_errors(compiled):
        return doc.render_whole(dict(context), new_environment(), title=title, subject=subject,
                                bold_headings=bold_headings)


@contextmanager
def _template_errors(compiled: CompiledTemplate) -> Iterator[None]:
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


def _layout(compiled: CompiledTemplate) -> Layout | None:
    """The template's part-by-part layout, or ``None`` when it needs docxtpl's whole path.

    Read from the on-disk cache when it holds this very template file; else worked out with
    python-docx (and its parts compiled) and stored there."""
    if compiled.layout is not None or compiled.whole:
        return compiled.layout
    directory = template_cache.cache_dir()
    digest = template_cache.layout_key(new_environment(), compiled.name, compiled.data) \
        if directory is not None else ""
    layout = _cached_layout(compiled, directory, digest)
    if layout is None:
        package = Package(compiled.data)
        layout = None if _CORE not in package.names() \
            else _new_layout(compiled, package, directory, digest)
    compiled.whole = layout is None
    compiled.layout = layout
    return layout


def _cached_layout(compiled: CompiledTemplate, directory: Path | None, digest: str) -> Layout | None:
    """The layout stored under ``digest`` with every part's compiled code, or ``None`` (not
    there, damaged, or a part's code missing)."""
    record = template_cache.load_layout(directory, digest)
    try:
        prefix, suffix, title_ids, signature_ids, entries, index = record  # type: ignore[misc]
        package = Package(compiled.data, index)
        parts = []
        for name, member, part_digest in entries:
            loaded = template_cache.load(directory, part_digest)
            if loaded is None or member not in package.names():
                return None
            parts.append(CompiledPart(str(name), str(member), *loaded))
        if not (isinstance(prefix, str) and isinstance(suffix, str) and parts
                and parts[0].name == BODY_PART):
            return None
        layout = Layout(package, prefix, suffix, parts[0], tuple(parts[1:]),
                        frozenset(map(str, title_ids)), frozenset(map(str, signature_ids)),
                        etree.fromstring(package.read(_CORE)))
    except (TypeError, ValueError, LookupError, zipfile.BadZipFile, zlib.error,
            etree.XMLSyntaxError):
        return None  # not a record of this shape, or not of this file
    for part in parts:
        compiled.fields[part.name], compiled.codes[part.name] = part.fields, part.code
    return layout


def _new_layout(compiled: CompiledTemplate, package: Package, directory: Path | None,
                digest: str) -> Layout | None:
    """Work the layout out with python-docx, compile its parts, and store it (when the cache is
    on); ``None`` when the template needs docxtpl's whole path."""
    names = package.names()
    text = package.read("word/document.xml").decode("utf-8") if "word/document.xml" in names else ""
    start, end = text.find("<w:body"), text.rfind("</w:body>")
    if "word/footnotes.xml" in names or start < 0 or end < 0 or text.count("<w:body") != 1:
        compiled.whole = True
        return None
    helper = _caching_template(compiled)
    helper.init_docx()
    env = new_environment()
    parts = [helper.part(BODY_PART, "word/document.xml", helper.get_xml(), env)]
    for uri in (helper.HEADER_URI, helper.FOOTER_URI):
        for _key, part in helper.get_headers_footers(uri):
            if any(mark in part.blob.decode("utf-8") for mark in _FIELD_MARKS):
                parts.append(helper.part(str(part.partname), str(part.partname).lstrip("/"),
                                         str(helper.get_part_xml(part)), env))
    styles = helper.docx.styles.element
    layout = Layout(package, text[:start], text[end + len("</w:body>"):], parts[0][0],
                     tuple(p for p, _ in parts[1:]), style_ids(styles, gb.STYLE_TITLE),
                     style_ids(styles, gb.STYLE_SIGNATURE), etree.fromstring(package.read(_CORE)))
    if directory is not None:
        template_cache.store_layout(directory, digest, (
            layout.prefix, layout.suffix, tuple(sorted(layout.title_ids)),
            tuple(sorted(layout.signature_ids)),
            tuple((p.name, p.member, part_digest) for p, part_digest in parts), package.index()))
    return layout


def _render_parts(compiled: CompiledTemplate, layout: Layout, context: dict[str, Any], title: str,
                  subject: str) -> bytes:
    env = new_environment()
    body_part = layout.body
    body_xml = run_part(compiled, body_part.name, body_part.fields, body_part.code, context, env)
    # docxtpl's own fixes, on the rendered body only (parsed leniently, as docxtpl does).
    tree = fix_body(body_xml)
    typeset_body(tree, layout.title_ids, layout.signature_ids)
    body = etree.tostring(tree, encoding="unicode")
    replaced = {"word/document.xml": (layout.prefix + body + layout.suffix).encode("utf-8")}
    for part in layout.fielded:
        xml = run_part(compiled, part.name, part.fields, part.code, context, env).encode("utf-8")
        etree.fromstring(xml)  # a malformed part fails here, as it would in docxtpl
        replaced[part.member] = _DECLARATION + xml
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
