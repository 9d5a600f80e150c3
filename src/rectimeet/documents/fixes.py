"""docxtpl's clean-ups of a rendered body, run without python-docx when they change nothing.

After Jinja has run, docxtpl turns tabs, line and page breaks in texts into runs and
paragraphs (``resolve_listing``), parses the body leniently, widens or narrows each table's
grid to the cells a loop produced (``fix_tables``) and renumbers the drawings' ids
(``fix_docpr_ids``). Importing docxtpl means importing python-docx, a fifth of a warm build's
fixed cost, yet for most documents the first two change nothing. So this module checks whether
they would, and only then hands the XML to docxtpl's own functions; the drawing ids it numbers
itself, from 1001 in document order as docxtpl does.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TBL, _TBL_GRID, _GRID_COL, _TR, _TC, _TC_PR, _GRID_SPAN, _VAL = (
    f"{_W}{tag}" for tag in ("tbl", "tblGrid", "gridCol", "tr", "tc", "tcPr", "gridSpan", "val"))
_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_FIRST_DRAWING_ID = 1001
"""docxtpl numbers drawings from its ``docx_ids_index`` of 1000, plus one."""

# docxtpl's pattern for a paragraph, and the characters its resolve_listing rewrites.
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
_LISTING_CHARS = re.compile("[\t\a\n\f]")


@functools.cache
def _docxtpl() -> Any:
    """A docxtpl template object, for its XML functions (which read nothing from the file)."""
    import io

    from docxtpl import DocxTemplate

    return DocxTemplate(io.BytesIO())


def resolve_listing(xml: str) -> str:
    """docxtpl's ``resolve_listing``, run only over the paragraphs it can change: those that
    hold a tab, a line or page break, or a paragraph mark (docxtpl runs three nested regular
    expressions over every paragraph)."""
    if not _LISTING_CHARS.search(xml):
        return xml
    resolve = _docxtpl().resolve_listing
    return _PARAGRAPH.sub(lambda m: str(resolve(m.group(0)))
                          if _LISTING_CHARS.search(m.group(0)) else m.group(0), xml)


def fix_body(xml: str) -> Any:
    """The rendered body ``xml`` parsed as docxtpl parses it (leniently), with docxtpl's table
    fix applied when a table needs it and the drawings renumbered; returns the root element."""
    tree = etree.fromstring(xml, parser=etree.XMLParser(recover=True))
    if tree is None or tree.nsmap.get("w") != _W[1:-1] \
            or any(_grid_disagrees(table) for table in tree.iter(_TBL)):
        tree = _docxtpl().fix_tables(xml)  # docxtpl's own fix (or its own error)
    for number, element in enumerate(tree.iter(_DOC_PR), start=_FIRST_DRAWING_ID):
        element.attrib["id"] = str(number)
    return tree


def _grid_disagrees(table: Any) -> bool:
    """Whether docxtpl's ``fix_tables`` would change this table's grid (or fail on it): a row
    (of the table, or of a table inside it, as docxtpl counts them) with more cells than the
    grid has columns, or no row whose cells span all of them."""
    grid = table.find(_TBL_GRID)
    if grid is None:
        return True
    columns = len(grid.findall(_GRID_COL))
    widest = 0
    for row in table.iter(_TR):
        cells = row.findall(_TC)
        if len(cells) > columns:
            return True
        span = 0
        for cell in cells:
            properties = cell.find(_TC_PR)
            merged = None if properties is None else properties.find(_GRID_SPAN)
            if merged is None:
                span += 1
                continue
            try:
                span += int(merged.get(_VAL))
            except (TypeError, ValueError):
                return True
        widest = max(widest, span)
    return widest < columns
