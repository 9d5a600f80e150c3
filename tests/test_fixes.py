"""docxtpl's fixes of a rendered body, skipped when they would change nothing, give docxtpl's result."""

from __future__ import annotations

import io

from docxtpl import DocxTemplate
from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree

from rectimeet.documents.fixes import fix_body, resolve_listing

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def _cell(span: int | None) -> str:
    properties = "" if span is None else f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>'
    return f"<w:tc>{properties}<w:p><w:r><w:t>格</w:t></w:r></w:p></w:tc>"


_rows = st.lists(st.lists(st.one_of(st.none(), st.integers(1, 3)), min_size=0, max_size=5),
                 min_size=0, max_size=4)
_tables = st.tuples(st.lists(st.integers(100, 3000), min_size=0, max_size=5), _rows, st.booleans())


def _body(tables: list[tuple[list[int], list[list[int | None]], bool]], drawings: int) -> str:
    parts = []
    for widths, rows, nested in tables:
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        inner = ""
        if nested and rows:
            inner = f"<w:tbl><w:tblGrid>{grid}</w:tblGrid><w:tr>{_cell(None)}</w:tr></w:tbl>"
        body_rows = "".join(f"<w:tr>{''.join(_cell(s) for s in row)}{inner if i == 0 else ''}</w:tr>"
                            for i, row in enumerate(rows))
        parts.append(f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{body_rows}</w:tbl>")
    pictures = "".join(f'<w:p><w:r><w:drawing><wp:inline><wp:docPr id="{7 - n}" name="p"/>'
                       f"</wp:inline></w:drawing></w:r></w:p>" for n in range(drawings))
    return f'<w:body xmlns:w="{W}" xmlns:wp="{WP}">{"".join(parts)}{pictures}<w:p/></w:body>'


def _docxtpl_fixed(xml: str) -> bytes:
    template = DocxTemplate(io.BytesIO())
    tree = template.fix_tables(xml)
    template.docx_ids_index = 1000
    template.fix_docpr_ids(tree)
    result: bytes = etree.tostring(tree)
    return result


@given(tables=st.lists(_tables, max_size=3), drawings=st.integers(0, 3))
@example(tables=[([1000, 1000], [[None, None]], False)], drawings=0)  # the grid agrees
@example(tables=[([1000, 1000], [[None, None, None]], False)], drawings=1)  # a loop added a cell
@example(tables=[([1000, 1000, 1000], [[2], [None]], True)], drawings=2)  # fewer cells than columns
def test_the_body_is_fixed_as_docxtpl_fixes_it(
        tables: list[tuple[list[int], list[list[int | None]], bool]], drawings: int) -> None:
    xml = _body(tables, drawings)
    assert etree.tostring(fix_body(xml)) == _docxtpl_fixed(xml)


def test_a_table_without_a_grid_fails_as_it_does_in_docxtpl() -> None:
    xml = f'<w:body xmlns:w="{W}"><w:tbl><w:tr>{_cell(None)}</w:tr></w:tbl></w:body>'
    for fix in (fix_body, _docxtpl_fixed):
        try:
            fix(xml)
        except AttributeError:
            continue
        raise AssertionError(f"{fix.__name__} accepted a table without a grid")


@given(st.text(st.sampled_from(list("甲a \t\n\a\f")), max_size=10))
def test_listing_outside_paragraphs_that_need_it_is_left_alone(text: str) -> None:
    plain = '<w:p><w:r><w:t xml:space="preserve">不变</w:t></w:r></w:p>'
    xml = f'{plain}<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>{plain}'
    assert resolve_listing(xml) == DocxTemplate(io.BytesIO()).resolve_listing(xml)
