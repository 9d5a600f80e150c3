"""GB/T 9704-2012 page set-up and named styles, applied to a python-docx document (when the
built-in templates are written; see :mod:`rectimeet.documents.gbt9704` for the numbers).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import BaseStyle

from rectimeet.documents.gbt9704 import (
    BODY_PT,
    CHAR_HEI,
    CHAR_KAI,
    CHAR_SPACING_TWIPS,
    FONT_BODY,
    FONT_HEI,
    FONT_KAI,
    FONT_SONG,
    FONT_TITLE,
    FOOTER_DISTANCE_MM,
    LANGUAGE,
    LINE_PITCH_TWIPS,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    PAGE_HEIGHT_MM,
    PAGE_NUMBER_PT,
    PAGE_WIDTH_MM,
    STYLE_DOC_NUMBER,
    STYLE_H1,
    STYLE_H2,
    STYLE_H3,
    STYLE_H4,
    STYLE_PAGE_NUMBER,
    STYLE_PLAIN,
    STYLE_SIGNATURE,
    STYLE_TABLE,
    STYLE_TABLE_HEAD,
    STYLE_TABLE_TEXT,
    STYLE_TITLE,
    TABLE_PT,
    TITLE_PT,
    WESTERN_LANGUAGE,
)


@dataclass(frozen=True)
class ParagraphStyleSpec:
    name: str
    font: str
    size_pt: float
    indent_chars: int = 2
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    outline_level: int | None = None
    grid: bool = True
    """Snap to the 28.95 pt grid; table text does not, so rows stay compact."""
    space_after_lines: int = 0
    right_indent_chars: int = 0
    snap: bool = True
    """Snap lines to the grid; a 2号 title line would otherwise take two grid lines."""
    keep_next: bool = False
    """Keep with the next paragraph: headings never end a page."""


PARAGRAPH_STYLES = (
    ParagraphStyleSpec(STYLE_TITLE, FONT_TITLE, TITLE_PT, indent_chars=0,
                       align=WD_ALIGN_PARAGRAPH.CENTER, space_after_lines=1, snap=False,
                       keep_next=True),
    ParagraphStyleSpec(STYLE_H1, FONT_HEI, BODY_PT, outline_level=0, keep_next=True),
    ParagraphStyleSpec(STYLE_H2, FONT_KAI, BODY_PT, outline_level=1, keep_next=True),
    ParagraphStyleSpec(STYLE_H3, FONT_BODY, BODY_PT, outline_level=2, keep_next=True),
    ParagraphStyleSpec(STYLE_H4, FONT_BODY, BODY_PT, outline_level=3),
    ParagraphStyleSpec(STYLE_PLAIN, FONT_BODY, BODY_PT, indent_chars=0),
    ParagraphStyleSpec(STYLE_SIGNATURE, FONT_BODY, BODY_PT, indent_chars=0,
                       align=WD_ALIGN_PARAGRAPH.RIGHT, right_indent_chars=2),
    ParagraphStyleSpec(STYLE_DOC_NUMBER, FONT_BODY, BODY_PT, indent_chars=0,
                       align=WD_ALIGN_PARAGRAPH.RIGHT, right_indent_chars=2),
    ParagraphStyleSpec(STYLE_TABLE_TEXT, FONT_BODY, TABLE_PT, indent_chars=0,
                       align=WD_ALIGN_PARAGRAPH.LEFT, grid=False),
    ParagraphStyleSpec(STYLE_TABLE_HEAD, FONT_HEI, TABLE_PT, indent_chars=0,
                       align=WD_ALIGN_PARAGRAPH.CENTER, grid=False),
    ParagraphStyleSpec(STYLE_PAGE_NUMBER, FONT_SONG, PAGE_NUMBER_PT, indent_chars=0,
                       align=WD_ALIGN_PARAGRAPH.RIGHT, grid=False),
)


def _set_fonts(rpr: Any, font: str) -> None:
    """Name ``font`` for every script, dropping theme fonts that would override it."""
    fonts = rpr.get_or_add_rFonts()
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), font)


def _set_language(rpr: Any) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang.set(qn("w:val"), WESTERN_LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")


def _style_rpr(style: BaseStyle) -> Any:
    return style.element.get_or_add_rPr()


def _character_indent(ppr: Any, first_line_chars: int, right_chars: int, size_pt: float) -> None:
    ind = ppr.get_or_add_ind()
    # Character units follow the font size in Word and WPS; the twip values are for readers
    # (LibreOffice) that ignore the *Chars attributes.
    ind.set(qn("w:firstLineChars"), str(first_line_chars * 100))
    ind.set(qn("w:firstLine"), str(round(first_line_chars * size_pt * 20)))
    if right_chars:
        ind.set(qn("w:rightChars"), str(right_chars * 100))
        ind.set(qn("w:right"), str(round(right_chars * size_pt * 20)))


# Children of w:pPr must keep the schema's order or Word reports the file as damaged.
_AFTER_SNAP = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
               "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
               "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_OUTLINE = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _snap_off(ppr: Any) -> None:
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.insert_element_before(snap, *_AFTER_SNAP)


def setup_page(doc: DocumentObject, *, landscape: bool = False) -> None:
    """A4, GB/T 9704 margins, the 22 × 28 document grid, odd/even page-number footers.

    ``landscape`` turns the page for a wide table (GB/T 9704 10.1, 横排表格): the 156 × 225 mm
    text block turns with it, so every margin keeps its length.
    """
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width = Mm(PAGE_HEIGHT_MM)
        section.page_height = Mm(PAGE_WIDTH_MM)
        section.top_margin = Mm(MARGIN_LEFT_MM)
        section.bottom_margin = Mm(MARGIN_RIGHT_MM)
        section.left_margin = Mm(MARGIN_TOP_MM)
        section.right_margin = Mm(MARGIN_BOTTOM_MM)
        section.footer_distance = Mm(FOOTER_DISTANCE_MM - (MARGIN_BOTTOM_MM - MARGIN_RIGHT_MM))
    else:
        section.page_width = Mm(PAGE_WIDTH_MM)
        section.page_height = Mm(PAGE_HEIGHT_MM)
        section.top_margin = Mm(MARGIN_TOP_MM)
        section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
        section.left_margin = Mm(MARGIN_LEFT_MM)
        section.right_margin = Mm(MARGIN_RIGHT_MM)
        section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    section.header_distance = Mm(15)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    # 7.5: single (odd) pages right, double (even) pages left, one character in from the edge.
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(paragraph: Any, align: WD_ALIGN_PARAGRAPH) -> None:
    paragraph.style = STYLE_PAGE_NUMBER
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = Pt(PAGE_NUMBER_PT)
    else:
        fmt.left_indent = Pt(PAGE_NUMBER_PT)
    paragraph.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None)):
        run = paragraph.add_run()
        if kind is not None:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    paragraph.add_run("1")
    end = paragraph.add_run()
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), "end")
    end._r.append(fld)
    paragraph.add_run(" —")


# Children of w:rPr that follow w:spacing in the schema.
_AFTER_RUN_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
                      "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
                      "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")


def setup_styles(doc: DocumentObject) -> None:
    """Document defaults and every named style the templates use."""
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr_default, FONT_BODY)
    _set_language(rpr_default)
    rpr_default.get_or_add_sz().val = Pt(BODY_PT)
    size_cs = rpr_default.find(qn("w:szCs"))
    if size_cs is None:
        size_cs = OxmlElement("w:szCs")
        rpr_default.insert_element_before(size_cs, *_AFTER_RUN_SPACING[4:])
    size_cs.set(qn("w:val"), str(BODY_PT * 2))
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CHAR_SPACING_TWIPS))
    rpr_default.insert_element_before(spacing, *_AFTER_RUN_SPACING)

    normal = styles["Normal"]
    _apply_paragraph_style(normal, ParagraphStyleSpec("Normal", FONT_BODY, BODY_PT))
    for spec in PARAGRAPH_STYLES:
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        _apply_paragraph_style(style, spec)

    for name, font in ((CHAR_KAI, FONT_KAI), (CHAR_HEI, FONT_HEI)):
        char = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        rpr = _style_rpr(char)
        _set_fonts(rpr, font)
        _set_language(rpr)

    table = styles.add_style(STYLE_TABLE, WD_STYLE_TYPE.TABLE)
    table.base_style = styles["Normal Table"] if "Normal Table" in [s.name for s in styles] else None
    rpr = _style_rpr(table)
    _set_fonts(rpr, FONT_BODY)
    _set_language(rpr)
    table.font.size = Pt(TABLE_PT)
    tbl_pr = table.element.find(qn("w:tblPr"))
    if tbl_pr is None:
        tbl_pr = OxmlElement("w:tblPr")
        table.element.append(tbl_pr)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    tbl_pr.append(borders)


def _apply_paragraph_style(style: Any, spec: ParagraphStyleSpec) -> None:
    rpr = _style_rpr(style)
    _set_fonts(rpr, spec.font)
    _set_language(rpr)
    style.font.size = Pt(spec.size_pt)
    style.font.bold = False
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(spec.space_after_lines * LINE_PITCH_TWIPS / 20)
    if spec.grid:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PITCH_TWIPS / 20)
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    # Widow/orphan control: no paragraph leaves a single line alone at a page's foot or head.
    fmt.widow_control = True
    fmt.keep_with_next = spec.keep_next
    ppr = style.element.get_or_add_pPr()
    # Hanging punctuation: in a justified line LibreOffice (7.x) lays a "，" or "、" past the
    # margin and then prints nothing there, so the character is lost. Its .docx import reads
    # w:overflowPunct inverted (val="1" turns hanging off), while Word and WPS read val="1" as
    # their default (hang it, visibly). So "1": nothing is lost anywhere; LibreOffice moves the
    # last character down with the punctuation instead of hanging it.
    overflow = OxmlElement("w:overflowPunct")
    overflow.set(qn("w:val"), "1")
    ppr.insert_element_before(overflow, "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                              "w:adjustRightInd", "w:snapToGrid", *_AFTER_SNAP)
    _character_indent(ppr, spec.indent_chars, spec.right_indent_chars, spec.size_pt)
    if spec.outline_level is not None:
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(spec.outline_level))
        ppr.insert_element_before(outline, *_AFTER_OUTLINE)
    if not spec.grid or not spec.snap:
        _snap_off(ppr)


_BUILTIN_KEPT = frozenset({"Normal", "DefaultParagraphFont", "TableNormal", "NoList"})


def prune_styles(doc: DocumentObject) -> None:
    """Keep only the styles the templates use (and what they are based on).

    python-docx's stock styles.xml is 350 kB of table and list styles; every render parses and
    re-compresses it. Word and WPS add a built-in style back from the latent styles on first use.
    """
    root = doc.styles.element
    by_id = {el.get(qn("w:styleId")): el for el in root.iterchildren(qn("w:style"))}
    # Stock custom styles are the "… Char" halves of linked pairs; ours are never linked.
    ours = {sid for sid, el in by_id.items()
            if el.get(qn("w:customStyle")) == "1" and el.find(qn("w:link")) is None}
    keep = ours | (_BUILTIN_KEPT & by_id.keys())
    pending = list(keep)
    while pending:
        based = by_id[pending.pop()].find(qn("w:basedOn"))
        parent = based.get(qn("w:val")) if based is not None else None
        if parent in by_id and parent not in keep:
            keep.add(parent)
            pending.append(parent)
    for sid, el in by_id.items():
        if sid not in keep:
            root.remove(el)
