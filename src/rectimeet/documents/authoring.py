"""Writing docxtpl templates from code, so every Jinja tag sits in exactly one run.

Word splits a hand-typed ``{{ x }}`` over several runs (spell-check, revisions, formatting) and
AutoCorrect curls its quotes; a template written here cannot have either problem. Table loops use
``{%tr %}`` rows and paragraph loops ``{%p %}`` paragraphs of their own.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table

from rectimeet.documents import gbt9704 as gb
from rectimeet.documents import gbt9704_docx

# Fixed so that a fresh build is byte-for-byte comparable with the committed templates.
_TIMESTAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
TEXT_BLOCK_WIDTH_MM = 210 - gb.MARGIN_LEFT_MM - gb.MARGIN_RIGHT_MM
LANDSCAPE_BLOCK_WIDTH_MM = 297 - gb.MARGIN_TOP_MM - gb.MARGIN_BOTTOM_MM
CELL_MARGIN_MM = 1.0
"""Left and right padding in a table cell (Word's default is 1.9 mm)."""
_CELL_CHAR_MM = (gb.TABLE_PT + gb.CHAR_SPACING_TWIPS / 20) * 25.4 / 72


def column_mm(cells: float) -> float:
    """The width of a column that holds ``cells`` 小四 characters on one line, padding included."""
    return round(cells * _CELL_CHAR_MM + 2 * CELL_MARGIN_MM + 0.6, 1)


class TemplateWriter:
    """A GB/T 9704 document being written as a template."""

    def __init__(self, *, landscape: bool = False) -> None:
        self.doc = docx.Document()
        self.landscape = landscape
        gbt9704_docx.setup_styles(self.doc)
        gbt9704_docx.setup_page(self.doc, landscape=landscape)
        gbt9704_docx.prune_styles(self.doc)
        body = self.doc.element.body
        for paragraph in list(body.iterchildren(qn("w:p"))):
            body.remove(paragraph)
        self._drop_unused_parts()
        props = self.doc.core_properties
        props.author = "rectimeet"
        props.last_modified_by = "rectimeet"
        props.title = ""
        props.subject = ""
        props.comments = ""
        props.keywords = ""
        props.language = gb.LANGUAGE
        props.revision = 1
        props.created = _TIMESTAMP
        props.modified = _TIMESTAMP
        props.last_printed = _TIMESTAMP

    def _drop_unused_parts(self) -> None:
        # python-docx's stock package carries parts these templates never use; every render
        # parses and re-compresses each part, so leaving them out makes every document cheaper.
        unused = ("stylesWithEffects", "customXml", "webSettings", "thumbnail")
        for owner in (self.doc.part, self.doc.part.package):
            for rel_id, rel in list(owner.rels.items()):
                if rel.reltype.rsplit("/", 1)[-1] in unused:
                    owner.drop_rel(rel_id) if owner is self.doc.part else owner.rels.pop(rel_id)

    # -- paragraphs ---------------------------------------------------------------------------

    def para(self, text: str, style: str | None = None, *, keep_next: bool = False) -> None:
        """One paragraph whose whole text (tags included) is a single run."""
        paragraph = self.doc.add_paragraph(style=style)
        if text:
            paragraph.add_run(text)
        if keep_next:
            paragraph.paragraph_format.keep_with_next = True

    def runs(self, parts: list[tuple[str, str | None]], style: str | None = None) -> None:
        """One paragraph of several runs, each ``(text, character style or None)``."""
        paragraph = self.doc.add_paragraph(style=style)
        for text, char_style in parts:
            paragraph.add_run(text, style=char_style)

    def title(self, text: str) -> None:
        self.para(text, gb.STYLE_TITLE)

    def h1(self, text: str) -> None:
        self.para(text, gb.STYLE_H1)

    def h2(self, text: str) -> None:
        self.para(text, gb.STYLE_H2)

    def h3(self, text: str) -> None:
        self.para(text, gb.STYLE_H3)

    def h4(self, text: str) -> None:
        self.para(text, gb.STYLE_H4)

    def plain(self, text: str) -> None:
        self.para(text, gb.STYLE_PLAIN)

    def tag(self, statement: str) -> None:
        """A paragraph-level Jinja statement, e.g. ``for x in xs`` → ``{%p for x in xs %}``."""
        self.para(f"{{%p {statement} %}}", gb.STYLE_PLAIN)

    def blank(self, *, keep_next: bool = False) -> None:
        self.para("", gb.STYLE_PLAIN, keep_next=keep_next)

    def signature(self, issuer: str, date: str) -> None:
        """署名 and 成文日期 (7.3.5.2: one blank line below the text, right-aligned).

        The three paragraphs keep together; the rendered document also keeps the text above with
        them (:func:`rectimeet.documents.typeset.keep_signature_with_text`), so the block never
        stands alone on a page (7.3.5.5).
        """
        self.blank(keep_next=True)
        self.para(issuer, gb.STYLE_SIGNATURE, keep_next=True)
        self.para(date, gb.STYLE_SIGNATURE)

    # -- tables -------------------------------------------------------------------------------

    def table(self, headers: list[str], widths_mm: list[float], *, loop: str | None = None,
              cells: list[str] | None = None, rows: list[list[str]] | None = None,
              min_row_height_mm: float | None = None, empty: str | None = None) -> Table:
        """A bordered table: a header row, fixed ``rows``, then one looped row per item.

        With ``empty``, a looped table with no items is left out and the paragraph ``empty`` (for
        example "无。") printed instead, so no table is only a header.
        """
        if empty is not None:
            if loop is None or rows:
                raise ValueError("only a table made of looped rows alone can be empty")
            items = loop.split(" in ", 1)[1]
            self.tag(f"if {items}")
        block = LANDSCAPE_BLOCK_WIDTH_MM if self.landscape else TEXT_BLOCK_WIDTH_MM
        if sum(widths_mm) > block + 0.5:
            raise ValueError(f"table is wider than the text block: {sum(widths_mm)} mm")
        table: Table = self.doc.add_table(rows=0, cols=len(headers))
        table.style = gb.STYLE_TABLE
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        margins = OxmlElement("w:tblCellMar")
        for edge in ("left", "right"):
            margin = OxmlElement(f"w:{edge}")
            margin.set(qn("w:w"), str(round(CELL_MARGIN_MM * 1440 / 25.4)))
            margin.set(qn("w:type"), "dxa")
            margins.append(margin)
        table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption",
                                               "w:tblDescription", "w:tblPrChange")
        # The grid columns carry the widths LibreOffice and WPS lay out by; cell widths alone
        # are ignored there and every column comes out equal.
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)
        self._row(table, headers, widths_mm, gb.STYLE_TABLE_HEAD, header=True)
        for fixed in rows or []:
            self._row(table, fixed, widths_mm, gb.STYLE_TABLE_TEXT, height=min_row_height_mm)
        if loop is not None:
            if cells is None or len(cells) != len(headers):
                raise ValueError("a looped table needs one cell template per column")
            blank = [""] * (len(headers) - 1)
            self._row(table, [f"{{%tr for {loop} %}}", *blank], widths_mm, gb.STYLE_TABLE_TEXT)
            self._row(table, cells, widths_mm, gb.STYLE_TABLE_TEXT, height=min_row_height_mm)
            self._row(table, ["{%tr endfor %}", *blank], widths_mm, gb.STYLE_TABLE_TEXT)
        if empty is not None:
            self.tag("else")
            self.para(empty)
            self.tag("endif")
        return table

    @staticmethod
    def _row(table: Table, texts: list[str], widths_mm: list[float], style: str, *,
             header: bool = False, height: float | None = None) -> None:
        row = table.add_row()  # type: ignore[no-untyped-call]
        tr_pr = row._tr.get_or_add_trPr()
        # A row never splits across pages; the header row repeats on every page.
        tr_pr.append(OxmlElement("w:cantSplit"))
        if header:
            tr_pr.append(OxmlElement("w:tblHeader"))
        if height is not None:
            row.height = Mm(height)
        for cell, text, width in zip(row.cells, texts, widths_mm, strict=True):
            cell.width = Mm(width)
            paragraph = cell.paragraphs[0]
            paragraph.style = style
            if text:
                paragraph.add_run(text)

    # -- output -------------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        # Values keep their leading/trailing and repeated spaces only with xml:space="preserve".
        for part_element in self._text_parts():
            for text in part_element.iter(qn("w:t")):
                text.set(qn("xml:space"), "preserve")
        path.parent.mkdir(parents=True, exist_ok=True)
        self.doc.save(str(path))

    def _text_parts(self) -> list[Any]:
        section = self.doc.sections[0]
        return [self.doc.element.body, section.footer._element, section.even_page_footer._element]
