"""The render check: what a clerk checks on the printed page, asserted on LibreOffice's PDF.

``python tests/render_check.py OUT`` builds the demo and every example, converts each .docx to
PDF directly (``rectimeet.documents.pdf.convert``), and checks every page against its .docx:

- a line that is not the last of its paragraph holds 28 ± 1 characters (a half-width character
  counts half), unless what starts the next line could not have fitted;
- a page that is not the last holds 22 lines, unless the next page starts with a heading, a
  table or the signature block, or widow control moved one line; no page holds more;
- no page holds only the 署名 or the 成文日期; no heading is the last line of a page;
- a title breaks only at a line break of the .docx or at a gap its words allow;
- no date, document number, time or number is split across lines;
- no table is only a header row.

It writes PNG pages of the demo into ``OUT/png`` (``--png-dir`` elsewhere), prints the pages per
document and the fonts used, and exits 1 when anything fails. Used by ``nox -s render``; the
functions below are unit-tested in test_render_check.py without LibreOffice.
"""

from __future__ import annotations

import argparse
import itertools
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rectimeet.documents import gbt9704 as gb
from rectimeet.documents.titles import break_costs, char_cells
from rectimeet.documents.typeset import NO_BREAK, NO_LINE_START, strip_joiners

PT_PER_MM = 72 / 25.4
BODY_SIZE = float(gb.BODY_PT)
TITLE_SIZE = float(gb.TITLE_PT)
PITCH = gb.BODY_PT + gb.CHAR_SPACING_TWIPS / 20
"""Advance of one full-width body character, in pt."""
LINE_PITCH = gb.LINE_PITCH_TWIPS / 20
TOLERANCE_CHARS = 1.0
AUTOSPACE = 0.25
"""Space between Asian and Western text (Word's and LibreOffice's default), in ems."""


LEAD_IN = 2
"""Characters before a number that may travel to the next line with it."""

HEADING_STYLES = {gb.STYLE_H1, gb.STYLE_H2, gb.STYLE_H3}


@dataclass
class Paragraph:
    """One body paragraph of the .docx (tables are not paragraphs here)."""

    kind: str
    """title, heading, signature (署名), date (成文日期) or body."""
    text: str
    breaks: frozenset[int] = frozenset()
    """Offsets in ``text`` where the .docx itself breaks the line."""


@dataclass
class Line:
    page: int
    text: str
    x0: float
    top: float
    size: float
    cells: float
    """Natural width in character cells: glyph widths over the font size."""


@dataclass
class Page:
    index: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    table_tops: list[float] = field(default_factory=list)
    """Tops of table text (小四) on the page."""

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def text_left(self) -> float:
        return (gb.MARGIN_TOP_MM if self.landscape else gb.MARGIN_LEFT_MM) * PT_PER_MM

    @property
    def capacity(self) -> float:
        """Full-width characters a line holds."""
        block_mm = (297 - gb.MARGIN_TOP_MM - gb.MARGIN_BOTTOM_MM if self.landscape
                    else 210 - gb.MARGIN_LEFT_MM - gb.MARGIN_RIGHT_MM)
        return block_mm * PT_PER_MM / PITCH

    @property
    def has_title(self) -> bool:
        return any(line.size > BODY_SIZE + 1 for line in self.lines)


@dataclass(frozen=True)
class Problem:
    document: str
    page: int | None
    message: str

    def __str__(self) -> str:
        where = f" p{self.page}" if self.page is not None else ""
        return f"{self.document}{where}: {self.message}"


class AlignmentError(Exception):
    """The PDF's text does not follow the .docx paragraph by paragraph."""


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", strip_joiners(text))


# -- reading ------------------------------------------------------------------------------------


def read_docx(path: Path) -> tuple[list[Paragraph], list[str]]:
    """The body paragraphs, and a problem for every table that is only a header."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    paragraphs: list[Paragraph] = []
    problems: list[str] = []
    signature_seen = 0
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:tbl"):
            rows = block.findall(qn("w:tr"))
            if len(rows) <= 1:
                problems.append("a table has a header row and no rows")
            continue
        if block.tag != qn("w:p"):
            continue
        from docx.text.paragraph import Paragraph as DocxParagraph

        para = DocxParagraph(block, document)
        raw = para.text
        text = normalise(raw.replace("\n", ""))
        if not text:
            continue
        style = para.style.name if para.style is not None else ""
        if style == gb.STYLE_TITLE:
            kind = "title"
        elif style in HEADING_STYLES:
            kind = "heading"
        elif style == gb.STYLE_SIGNATURE:
            kind = "signature" if signature_seen == 0 else "date"
            signature_seen += 1
        else:
            kind = "body"
        breaks = set()
        offset = 0
        for part in raw.split("\n")[:-1]:
            offset += len(normalise(part))
            breaks.add(offset)
        paragraphs.append(Paragraph(kind, text, frozenset(breaks)))
    return paragraphs, problems


def read_pdf(path: Path) -> list[Page]:
    """Body-size lines and table-text positions of every page."""
    import pdfplumber

    pages: list[Page] = []
    with pdfplumber.open(str(path)) as pdf:
        for index, pdf_page in enumerate(pdf.pages, start=1):
            page = Page(index, float(pdf_page.width), float(pdf_page.height))
            body_chars = []
            for char in pdf_page.chars:
                size = float(char["size"])
                if not str(char["text"]).strip() or not normalise(str(char["text"])):
                    continue
                if size >= BODY_SIZE - 0.5:
                    body_chars.append(char)
                elif size <= gb.TABLE_PT + 0.5:
                    page.table_tops.append(float(char["top"]))
            page.lines = group_lines(index, body_chars)
            pages.append(page)
    return pages


def group_lines(page: int, chars: Iterable[dict[str, object]]) -> list[Line]:
    """Characters on the same baseline (within 3 pt) make one line, left to right."""
    rows: list[list[dict[str, object]]] = []
    for char in sorted(chars, key=lambda c: (float(str(c["top"])), float(str(c["x0"])))):
        top = float(str(char["top"]))
        if rows and abs(float(str(rows[-1][0]["top"])) - top) <= 3:
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = []
    for row in rows:
        row.sort(key=lambda c: float(str(c["x0"])))
        size = max(float(str(c["size"])) for c in row)
        cells = natural_cells([(str(c["text"]), float(str(c["x1"])) - float(str(c["x0"])))
                               for c in row], size)
        lines.append(Line(page, "".join(str(c["text"]) for c in row), float(str(row[0]["x0"])),
                          float(str(row[0]["top"])), size, cells))
    return lines


def natural_cells(glyphs: Sequence[tuple[str, float]], size: float) -> float:
    """The width a line's characters take unjustified, in body character pitches: each glyph's
    width less the condensed spacing, plus the quarter-character space renderers set where a
    half-width character meets a full-width one."""
    width = sum(advance + gb.CHAR_SPACING_TWIPS / 20 for _, advance in glyphs)
    text = "".join(t for t, _ in glyphs)
    # Dates and numbers joined for line breaking sit in runs of their own language, where
    # LibreOffice adds no such space (measured); elsewhere a digit next to 条 or 份 gets it.
    joined = [False] * len(text)
    for match in NO_BREAK.finditer(text):
        joined[match.start():match.end()] = [True] * (match.end() - match.start())
    halves = [char_cells(t[:1] or " ") < 1 for t, _ in glyphs]
    transitions = sum(1 for i in range(1, len(halves)) if halves[i] != halves[i - 1]
                      and not joined[i] and not joined[i - 1])
    return (width + transitions * AUTOSPACE * size) / (size + gb.CHAR_SPACING_TWIPS / 20)


# -- checking -----------------------------------------------------------------------------------


def align(paragraphs: Sequence[Paragraph], pages: Sequence[Page]) -> list[tuple[Paragraph, list[Line]]]:
    """Each paragraph with the PDF lines that print it."""
    lines = [line for page in pages for line in page.lines
             if not _is_page_number(line, page)]
    result: list[tuple[Paragraph, list[Line]]] = []
    at = 0
    for para in paragraphs:
        taken: list[Line] = []
        printed = ""
        while printed != para.text:
            if at >= len(lines):
                raise AlignmentError(f"the PDF ends before {para.text[:20]!r}")
            candidate = printed + normalise(lines[at].text)
            if not para.text.startswith(candidate):
                raise AlignmentError(f"p{lines[at].page}: expected {para.text[len(printed):][:20]!r}, "
                                     f"printed {normalise(lines[at].text)[:20]!r}")
            printed = candidate
            taken.append(lines[at])
            at += 1
        result.append((para, taken))
    if at < len(lines):
        raise AlignmentError(f"p{lines[at].page}: text the .docx does not have: {lines[at].text[:20]!r}")
    return result


def _is_page_number(line: Line, page: Page) -> bool:
    return line.size < BODY_SIZE - 0.5 or line.top > page.height - gb.MARGIN_BOTTOM_MM * PT_PER_MM


def check(name: str, paragraphs: Sequence[Paragraph], pages: Sequence[Page]) -> list[Problem]:
    """Every check of the module docstring, on one document."""
    try:
        laid_out = align(paragraphs, pages)
    except AlignmentError as exc:
        return [Problem(name, None, f"PDF text does not follow the .docx: {exc}")]
    problems: list[Problem] = []
    by_page = {page.index: page for page in pages}
    for index, (para, lines) in enumerate(laid_out):
        following = laid_out[index + 1][1][0] if index + 1 < len(laid_out) else None
        problems += _check_breaks(name, para, lines)
        if para.kind in ("body", "heading", "signature", "date"):
            problems += _check_fill(name, para, lines, by_page)
        if para.kind == "heading" and following is not None:
            last = lines[-1]
            page = by_page[last.page]
            table_below = any(top > last.top for top in page.table_tops)
            if following.page != last.page and not table_below:
                problems.append(Problem(name, last.page, f"heading {para.text[:16]!r} is the last "
                                                         "line of the page"))
    problems += _check_pages(name, pages, laid_out)
    return problems


def _check_breaks(name: str, para: Paragraph, lines: Sequence[Line]) -> list[Problem]:
    problems = []
    offsets = []
    at = 0
    for line in lines[:-1]:
        at += len(normalise(line.text))
        offsets.append((at, line.page))
    allowed = break_costs(para.text) if para.kind == "title" else {}
    for offset, page in offsets:
        before, after = para.text[:offset], para.text[offset:]
        if para.kind == "title" and offset not in para.breaks and offset not in allowed:
            problems.append(Problem(name, page, f"title breaks inside a word: {before[-6:]} / {after[:6]}"))
        for match in NO_BREAK.finditer(para.text):
            if match.start() < offset < match.end():
                problems.append(Problem(name, page, f"{match.group(0)!r} is split across lines"))
                break
        else:
            if before[-1:].isdigit() and after[:1].isdigit():
                problems.append(Problem(name, page, f"a number is split: {before[-6:]} / {after[:6]}"))
    return problems


def leading_unit(text: str) -> str:
    """What must move together to the start of a line: a joined date or number (with what
    LibreOffice keeps next to it), a run of digits, or a character with the punctuation that may
    not start a line."""
    joined = NO_BREAK.search(text)
    digits = re.match(r"\d+", text)
    if joined and joined.start() <= LEAD_IN:
        # A joined number near the start drags the characters before it along (a line may not
        # end in "，" before it either), and LibreOffice does not break right after it
        # (measured: "2026年10月30日 / 前" is not taken), so one character after it travels too.
        unit = text[:joined.end() + 1]
    elif digits:
        unit = digits.group(0)
    else:
        unit = text[:1]
    rest = text[len(unit):]
    while rest[:1] in NO_LINE_START and rest:
        unit, rest = unit + rest[0], rest[1:]
    return unit


def _check_fill(name: str, para: Paragraph, lines: Sequence[Line], pages: dict[int, Page]) -> list[Problem]:
    problems = []
    for line, nxt in itertools.pairwise(lines):
        page = pages[line.page]
        if line.size > BODY_SIZE + 1:
            continue
        used = (line.x0 - page.text_left) / PITCH + line.cells
        capacity = page.capacity
        if used > capacity + TOLERANCE_CHARS:
            problems.append(Problem(name, line.page, f"a line holds {used:.1f} characters, more than "
                                                     f"{capacity:.0f}: {line.text[:12]}…"))
        elif used < capacity - TOLERANCE_CHARS:
            unit = leading_unit(normalise(nxt.text))
            if used + sum(char_cells(c) for c in unit) < capacity - TOLERANCE_CHARS:
                problems.append(Problem(name, line.page, f"a line holds {used:.1f} characters, not "
                                                         f"{capacity:.0f}: {line.text[:12]}…"))
    return problems


def _check_pages(name: str, pages: Sequence[Page],
                 laid_out: Sequence[tuple[Paragraph, list[Line]]]) -> list[Problem]:
    owner = {id(line): index for index, (_, lines) in enumerate(laid_out) for line in lines}
    problems = []
    for number, page in enumerate(pages):
        body = [line for line in page.lines if not _is_page_number(line, page)]
        kinds = {laid_out[owner[id(line)]][0].kind for line in body if id(line) in owner}
        if body and kinds and kinds <= {"signature", "date"} and not page.table_tops:
            problems.append(Problem(name, page.index, "the page holds only the signature block"))
        if page.landscape:
            continue
        if len(body) > gb.LINES_PER_PAGE:
            problems.append(Problem(name, page.index, f"the page holds {len(body)} lines, more than "
                                                      f"{gb.LINES_PER_PAGE}"))
        if (number == len(pages) - 1 or page.has_title or page.table_tops
                or len(body) >= gb.LINES_PER_PAGE):
            continue
        if not _short_page_explained(pages[number + 1], len(body), laid_out, owner):
            problems.append(Problem(name, page.index, f"the page holds {len(body)} lines, not "
                                                      f"{gb.LINES_PER_PAGE}"))
    return problems


def _short_page_explained(nxt: Page, count: int, laid_out: Sequence[tuple[Paragraph, list[Line]]],
                          owner: dict[int, int]) -> bool:
    """A page holds fewer than 22 lines because of a rule that moved text to the next page."""
    nxt_body = [line for line in nxt.lines if not _is_page_number(line, nxt)]
    if not nxt_body or (nxt.table_tops and min(nxt.table_tops) < nxt_body[0].top):
        return True  # the next page starts with a table (rows never split)
    index = owner.get(id(nxt_body[0]))
    if index is None:
        return False
    para, lines = laid_out[index]
    if para.kind in ("heading", "signature", "date", "title"):
        return True  # a heading keeps with its text; the signature block stays together
    if index + 1 < len(laid_out) and laid_out[index + 1][0].kind == "signature":
        return True  # the last paragraph keeps with the signature block
    # Widow and orphan control move one line of a paragraph of two or more lines.
    return count == gb.LINES_PER_PAGE - 1 and len(lines) >= 2


# -- the CI run ---------------------------------------------------------------------------------


def build_all(out: Path, examples: Path) -> dict[str, list[Path]]:
    """Build the demo and every example; return each set's .docx files."""
    from importlib import resources

    from rectimeet import api
    from rectimeet import spec as spec_mod
    from rectimeet.api import build_specs

    sets: dict[str, list[Path]] = {}
    text = (resources.files("rectimeet") / "data" / "demo.yaml").read_text("utf-8")
    prepared = api.prepare(spec_mod.load_text(text, source="demo.yaml"))
    sets["demo"] = api.assemble(prepared, out / "demo")
    specs = sorted(examples.glob("*.yaml"))
    for result in build_specs(specs, out, jobs=1):
        if result.status != "built":
            raise SystemExit(f"{result.spec}: not built: {result.messages}")
        sets[result.spec.stem] = [p for p in result.files if p.suffix == ".docx"]
    return sets


def check_file(docx_path: Path, pdf_path: Path, name: str) -> list[Problem]:
    paragraphs, table_problems = read_docx(docx_path)
    problems = [Problem(name, None, message) for message in table_problems]
    return problems + check(name, paragraphs, read_pdf(pdf_path))


def main(argv: Sequence[str] | None = None) -> int:
    from rectimeet.documents.pdf import convert, describe_fonts, font_report

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the documents, PDFs and PNG pages")
    parser.add_argument("--examples", type=Path, default=Path(__file__).parent.parent / "examples")
    parser.add_argument("--png-dpi", type=int, default=60, help="resolution of OUT/png")
    parser.add_argument("--docs", type=Path, default=None,
                        help="also write the few small pages docs/documents.md shows here")
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        raise SystemExit("the render check needs poppler-utils (pdftoppm)")
    # Only what this run writes is replaced; pages of an earlier run are cleared first.
    shutil.rmtree(args.out / "png", ignore_errors=True)
    sets = build_all(args.out, args.examples)
    problems: list[Problem] = []
    print(f"{'set':8} {'pages':>5}  document")
    for set_name, docx_files in sets.items():
        folder = docx_files[0].parent
        pdfs = convert(docx_files, folder / "pdf")
        for docx_path, pdf_path in zip(docx_files, pdfs, strict=True):
            pages = read_pdf(pdf_path)
            print(f"{set_name:8} {len(pages):5}  {docx_path.stem}")
            problems += check_file(docx_path, pdf_path, f"{set_name}/{docx_path.stem}")
        if set_name == "demo":
            _write_png(pdfs, args.out / "png", args.png_dpi)
            if args.docs is not None:
                _write_doc_pages(pdfs, args.docs)
    for line in describe_fonts(font_report(), "en"):
        print(line)
    for problem in problems:
        print(f"FAIL {problem}")
    documents = sum(len(files) for files in sets.values())
    print(f"{documents} documents checked, {len(problems)} problems")
    return 1 if problems else 0


def _write_png(pdfs: Sequence[Path], folder: Path, dpi: int) -> None:
    """Every page of every PDF, as ``<document>-<page>.png``."""
    folder.mkdir(parents=True, exist_ok=True)
    for pdf in pdfs:
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(folder / pdf.stem)],
                       check=True)


DOC_PAGES = (("实施方案", "plan", "first"), ("实施方案", "plan", "last"), ("会议通知", "notice", "first"),
             ("整改清单", "checklist", "first"))
"""The demo pages docs/documents.md shows: (document, file name, page)."""
DOC_DPI = 45


def _write_doc_pages(pdfs: Sequence[Path], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for document, name, which in DOC_PAGES:
        pdf = next(p for p in pdfs if p.stem.endswith(document))
        page = 1 if which == "first" else len(read_pdf(pdf))
        subprocess.run(["pdftoppm", "-png", "-r", str(DOC_DPI), "-f", str(page), "-l", str(page),
                        "-singlefile", str(pdf), str(folder / f"{name}-{which}")], check=True)


if __name__ == "__main__":
    sys.exit(main())
