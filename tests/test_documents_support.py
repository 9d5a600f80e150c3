"""Helpers shared by the document tests (no tests here): reading text back out of a .docx."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocumentObject
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from rectimeet.documents import gbt9704 as gb
from rectimeet.documents.typeset import strip_joiners

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def open_docx(path: Path) -> DocumentObject:
    return docx.Document(str(path))


def seen(text: str) -> str:
    """Text as a reader sees it: without the invisible word joiners that keep dates on one line."""
    return strip_joiners(text)


def paragraph_text(paragraph: Paragraph) -> str:
    """A paragraph's text; a title's without the line breaks that balance it (layout, not text)."""
    text = seen(paragraph.text)
    if paragraph.style is not None and paragraph.style.name == gb.STYLE_TITLE:
        text = text.replace("\n", "")
    return text


def body_lines(doc: DocumentObject) -> list[str]:
    """Paragraph texts and table rows (cells joined by " | "), in document order."""
    out: list[str] = []
    for block in doc.element.body.iterchildren():
        tag = etree.QName(block).localname
        if tag == "p":
            out.append(paragraph_text(Paragraph(block, doc)))
        elif tag == "tbl":
            for row in Table(block, doc).rows:
                out.append(" | ".join(seen(cell.text) for cell in row.cells))
    return out


def body_text(path: Path) -> str:
    return "\n".join(body_lines(open_docx(path)))


def table_text(path: Path) -> str:
    doc = open_docx(path)
    return "\n".join(seen(cell.text) for table in doc.tables for row in table.rows
                     for cell in row.cells)


def header_footer_text(path: Path) -> str:
    doc = open_docx(path)
    parts = []
    for section in doc.sections:
        for hf in (section.header, section.footer, section.even_page_footer, section.even_page_header):
            parts.extend(p.text for p in hf.paragraphs)
    return "\n".join(parts)


def part_xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))

