"""docxtpl's template, with the clean-up and compilation of each part done once.

Imported only when a template has to be opened with docxtpl (and so python-docx): to compile
its parts and work out its layout the first time (:mod:`rectimeet.documents.render`), and for
the templates that take docxtpl's whole path (footnotes, the bold-headings house style).
docxtpl itself drives that whole render (tables, headers, footers, docPr ids); only the steps
that depend on the template alone are taken from the caches.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Mapping
from types import CodeType
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2 import meta

from rectimeet.documents import gbt9704 as gb
from rectimeet.documents import template_cache
from rectimeet.documents.compiled import (
    BODY_PART,
    CORE_PROPERTY_LIMIT,
    CompiledPart,
    CompiledTemplate,
    run_part,
)
from rectimeet.documents.fixes import resolve_listing
from rectimeet.documents.typeset import typeset
from rectimeet.errors import TemplateError
from rectimeet.i18n import N_

_PARAGRAPH_START = re.compile(r"<w:p([ >])")


class CachingTemplate(DocxTemplate):  # type: ignore[misc]
    """docxtpl's template over a template file's bytes, compiling each part through the
    caches of :mod:`rectimeet.documents.compiled` and :mod:`rectimeet.documents.template_cache`."""

    def __init__(self, compiled: CompiledTemplate) -> None:
        super().__init__(io.BytesIO(compiled.data))
        self.compiled = compiled

    def part(self, name: str, member: str, stored: str, env: jinja2.Environment) -> tuple[CompiledPart, str]:
        """Part ``name`` (written to zip ``member``) compiled from ``stored`` (its XML as stored
        in the template), and the digest its code is cached under."""
        digest, fields, code = self._compile(name, stored, env)
        self.compiled.fields[name], self.compiled.codes[name] = fields, code
        return CompiledPart(name, member, fields, code), digest

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
        return resolve_listing(xml)

    def _compile(self, part_name: str, stored: str, env: jinja2.Environment
                 ) -> tuple[str, frozenset[str], CodeType]:
        """The cache digest of a part, the names it reads and its compiled code: from the on-disk
        cache when it holds this very part (:mod:`rectimeet.documents.template_cache`), else
        cleaned up (docxtpl's clean-up, then one paragraph per line so Jinja reports useful line
        numbers), compiled and stored."""
        name = f"{self.compiled.name}{part_name}"
        directory = template_cache.cache_dir()
        digest = template_cache.key(env, name, stored)
        cached = template_cache.load(directory, digest)
        if cached is not None:
            return (digest, *cached)
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
        return digest, fields, code

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
            _digest, self.compiled.fields[part_name], code = self._compile(part_name, source(), env)
            self.compiled.codes[part_name] = code
        self.current_rendering_part = part_name
        return run_part(self.compiled, part_name, self.compiled.fields[part_name], code, context, env)

    def render_whole(self, context: dict[str, Any], env: jinja2.Environment, *, title: str,
                     subject: str, bold_headings: bool) -> bytes:
        """docxtpl's whole render, typeset, with the house style and core properties; the
        .docx bytes."""
        self.render(context, env, autoescape=True)
        typeset(self.docx)
        if bold_headings:
            for style_name in (gb.STYLE_H2, gb.STYLE_H3):
                if style_name in [s.name for s in self.docx.styles]:
                    self.docx.styles[style_name].font.bold = True
        props = self.docx.core_properties
        # The OPC core properties hold at most 255 characters per field.
        props.title = title[:CORE_PROPERTY_LIMIT]
        props.subject = subject[:CORE_PROPERTY_LIMIT]
        buffer = io.BytesIO()
        self.save(buffer)
        return buffer.getvalue()
