"""Rendering part by part gives the documents docxtpl's whole path gives."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docxtpl import DocxTemplate
from hypothesis import given, settings
from hypothesis import strategies as st

from rectimeet.documents.assembly import BUILTIN_TEMPLATES
from rectimeet.documents.caching_template import CachingTemplate
from rectimeet.documents.package import Package
from rectimeet.documents.render import _load, render_document

TEMPLATE = BUILTIN_TEMPLATES / "notice.docx"
_texts = st.text(st.sampled_from(list("甲乙ab \t\n\a\f<>&")), max_size=12)


@settings(max_examples=100, deadline=None)
@given(texts=st.lists(_texts, min_size=1, max_size=5), bold=st.booleans())
def test_listing_is_resolved_as_docxtpl_resolves_it(texts: list[str], bold: bool) -> None:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    xml = "".join(f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r>{props}<w:t xml:space="preserve">'
                  f"{t}</w:t></w:r></w:p>" for t in texts)
    ours = CachingTemplate(_load(TEMPLATE))
    assert ours.resolve_listing(xml) == DocxTemplate(TEMPLATE).resolve_listing(xml)


def test_untouched_parts_are_copied_byte_for_byte(tmp_path: Path) -> None:
    template = BUILTIN_TEMPLATES / "plan.docx"
    context = _context_for("plan")
    data = render_document(template, context, title="标题", subject="主题")
    with zipfile.ZipFile(io.BytesIO(data)) as out, zipfile.ZipFile(template) as source:
        assert out.testzip() is None
        assert out.namelist() == source.namelist()
        for name in ("word/styles.xml", "word/numbering.xml", "word/theme/theme1.xml"):
            assert out.read(name) == source.read(name)
        assert out.read("word/document.xml") != source.read("word/document.xml")
    document = docx.Document(io.BytesIO(data))
    assert document.core_properties.title == "标题" and document.core_properties.subject == "主题"


def test_a_package_written_unchanged_reads_the_same() -> None:
    data = TEMPLATE.read_bytes()
    copy = Package(data).write({})
    with zipfile.ZipFile(io.BytesIO(copy)) as out, zipfile.ZipFile(io.BytesIO(data)) as source:
        assert out.testzip() is None
        assert [(i.filename, i.CRC, i.file_size) for i in out.infolist()] == \
            [(i.filename, i.CRC, i.file_size) for i in source.infolist()]


def test_the_whole_path_and_the_part_path_say_the_same(tmp_path: Path) -> None:
    template = BUILTIN_TEMPLATES / "plan.docx"
    context = _context_for("plan")
    fast = docx.Document(io.BytesIO(render_document(template, context, title="T")))
    # bold_headings takes docxtpl's whole path; only the heading styles differ.
    whole = docx.Document(io.BytesIO(render_document(template, context, title="T",
                                                     bold_headings=True)))
    assert [p.text for p in fast.paragraphs] == [p.text for p in whole.paragraphs]
    assert [[c.text for c in row.cells] for t in fast.tables for row in t.rows] == \
        [[c.text for c in row.cells] for t in whole.tables for row in t.rows]
    footer = [p.text for s in fast.sections for p in s.footer.paragraphs]
    assert footer == [p.text for s in whole.sections for p in s.footer.paragraphs]


def _context_for(doc_id: str) -> dict[str, object]:
    import datetime as dt
    from importlib import resources

    from rectimeet import api
    from rectimeet.documents.assembly import contexts
    from rectimeet.documents.builtin import DOCUMENTS
    from rectimeet.spec import load_text

    text = (resources.files("rectimeet") / "data" / "demo.yaml").read_text("utf-8")
    prepared = api.prepare(load_text(text))
    chosen = [d for d in DOCUMENTS if d.id == doc_id]
    item = next(iter(contexts(prepared, chosen, dt.date(2026, 12, 31))))
    context: dict[str, object] = item.context.model_dump()
    return context
