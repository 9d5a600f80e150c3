"""Read a feedback document into blocks: paragraphs (Word's list numbers written out) and tables.

A .docx is read with python-docx, in body order; a .txt is one paragraph per line. Anything
else — an encrypted document (an OLE compound file), an old .doc, a PDF — is refused with a
message that says what the file is.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rectimeet.feedback.errors import FeedbackError
from rectimeet.feedback.numbering import ListNumbering
from rectimeet.i18n import N_

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The signature of an OLE compound file: an encrypted Office file or a pre-2007 .doc."""


@dataclass(frozen=True)
class Paragraph:
    text: str
    """The paragraph's text, preceded by its automatic list number when Word numbers it."""
    kind: str
    """``paragraph`` (a .docx) or ``line`` (a .txt)."""
    number: int
    """1-based paragraph or line number in the file."""


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    number: int
    """1-based table number in the document."""


Block = Paragraph | Table


def read_blocks(path: Path) -> list[Block]:
    """The document's paragraphs and tables, in order."""
    source = str(path)
    try:
        head = path.read_bytes()[:8] if path.is_file() else None
    except OSError as exc:
        raise FeedbackError(source, N_("cannot read the file: {reason}"),
                            {"reason": exc.strerror}) from None
    if head is None:
        raise FeedbackError(source, N_("file not found") if not path.exists()
                            else N_("this is a directory, not a feedback document"))
    if head.startswith(OLE_MAGIC):
        data = path.read_bytes()
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise FeedbackError(source, N_("the document is encrypted (password-protected); "
                                           "save a copy without the password as .docx"))
        raise FeedbackError(source, N_("this is an old Word .doc (or another OLE compound "
                                       "file); save it as .docx"))
    if path.suffix.lower() == ".txt":
        return _read_text(path)
    if not zipfile.is_zipfile(path):
        raise FeedbackError(source, N_("not a Word document (.docx) or a .txt file"))
    return _read_docx(path)


def _read_text(path: Path) -> list[Block]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # gb18030 decodes almost anything; kept for the type checker
        raise FeedbackError(str(path), N_("not UTF-8 or GB18030 text"))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [Paragraph(line.strip(), "line", n) for n, line in enumerate(lines, 1) if line.strip()]


def _read_docx(path: Path) -> list[Block]:
    import docx
    from docx.table import Table as DocxTable

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a zip that is no .docx
        raise FeedbackError(str(path), N_("cannot read the Word document ({error})"),
                            {"error": type(exc).__name__}) from None
    numbering = ListNumbering.from_parts(_numbering_element(document),
                                         document.styles.element)
    blocks: list[Block] = []
    paragraphs = tables = 0
    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            tables += 1
            blocks.append(Table(_table_rows(item), tables))
            continue
        paragraphs += 1
        label = numbering.label(item._p)
        # A line break inside a paragraph (Shift+Enter) separates like a paragraph does.
        lines = [line.strip() for line in item.text.split("\n")]
        if label:
            lines[0] = f"{label}{lines[0]}"
        blocks.extend(Paragraph(line, "paragraph", paragraphs) for line in lines if line)
    return blocks


def _numbering_element(document: Any) -> Any:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    # Not document.part.numbering_part: that adds an empty part when the file has none.
    for rel in document.part.rels.values():
        if rel.reltype == RT.NUMBERING and not rel.is_external:
            return getattr(rel.target_part, "element", None)
    return None


def _table_rows(table: Any) -> tuple[tuple[str, ...], ...]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            # python-docx repeats a horizontally merged cell once per grid column.
            if cell._tc is previous:
                continue
            previous = cell._tc
            cells.append("\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        rows.append(tuple(cells))
    return tuple(rows)
