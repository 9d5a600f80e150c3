"""The last pass over a rendered document: what only the finished text can decide.

- Titles are broken into balanced lines at word gaps (:mod:`rectimeet.documents.titles`).
- The 署名 and 成文日期 keep with the paragraph above them, so they never stand alone on a page
  (GB/T 9704-2012 7.3.5.5); the template already keeps the two together.
- Dates, document numbers and times are joined with U+2060 WORD JOINER wherever a digit meets a
  character, so a renderer that follows the Unicode line-breaking rules never splits "2026年11月
  26日" or "〔2026〕5号" across lines. The joiner is invisible and prints nothing. Each such
  number sits in a run of its own, with a zero-width space on either side where a break is
  allowed (see :func:`join_numbers_in` and :func:`_offer_breaks` for why). rectimeet owns these
  two invisible characters in rendered body text: any a user typed next to digits are replaced.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from lxml import etree

from rectimeet.documents import gbt9704 as gb
from rectimeet.documents.titles import break_title

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

# The pass works on plain lxml elements, so a render needs no python-docx: WordprocessingML's
# namespace, and the Clark names of the elements it reads and writes, computed once.
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


_P, _PPR, _PSTYLE, _R, _RPR, _T, _BR, _CR, _TAB, _VAL, _LANG, _EAST_ASIA, _STYLE, _NAME, _STYLE_ID = (
    _w(tag) for tag in ("p", "pPr", "pStyle", "r", "rPr", "t", "br", "cr", "tab", "val", "lang",
                        "eastAsia", "style", "name", "styleId"))
_KEEP_NEXT = _w("keepNext")

WORD_JOINER = "\u2060"
BREAK_OPPORTUNITY = "\u200b"
"""ZERO WIDTH SPACE: where a line may break next to a joined number (see :func:`join_numbers_in`)."""
LAYOUT_MARKS = (WORD_JOINER, BREAK_OPPORTUNITY)
"""The invisible characters this pass adds; rectimeet owns them in rendered body text."""

# Characters a line may not start or end with (the zh-CN line-breaking rules of Word and
# LibreOffice): no break opportunity is offered next to them.
NO_LINE_START = frozenset("!%),.:;?]}¢°·’”…‰′″℃∶、。〃〉》」』】〕〗〞！＂％＇），．：；？］｝～")
NO_LINE_END = frozenset("$([{£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（．［｛￡￥")

NO_BREAK = re.compile(
    r"〔\d+〕\d+号"                                # 〔2026〕5号
    r"|(?:上午|中午|下午|晚上)?\d{1,2}[:：]\d{2}"   # 上午8:30
    r"|\d+年(?:\d+月(?:\d+日)?)?"                  # 2026年11月26日, 2026年11月, 2026年
    r"|\d+月(?:\d+日)?"                            # 11月26日
    r"|\d+[日号时分秒]"
)
"""Numbers with their units that must stay on one line."""

_PERIODS = frozenset({"上午", "中午", "下午", "晚上"})
_DIGIT = re.compile(r"\d")
_DIGIT_EDGE = re.compile(r"(?<=\d)(?=\D)|(?<=\D)(?=\d)")


def join_numbers(text: str) -> str:
    """``text`` with a word joiner wherever a digit meets another character inside a date,
    document number or time. Idempotent."""
    def joined(match: re.Match[str]) -> str:
        text = _DIGIT_EDGE.sub(WORD_JOINER, match.group(0))
        # 上午/下午 before a time: the two characters stay together and with the time.
        if text[:2] in _PERIODS:
            text = text[0] + WORD_JOINER + text[1:]
        return text

    return NO_BREAK.sub(joined, strip_joiners(text)) if text else text


def strip_joiners(text: str) -> str:
    """The text a reader sees: without the invisible marks this pass adds."""
    for mark in LAYOUT_MARKS:
        text = text.replace(mark, "")
    return text


def _style_id(paragraph: Any) -> str | None:
    ppr = paragraph.find(_PPR)
    style = ppr.find(_PSTYLE) if ppr is not None else None
    return None if style is None else str(style.get(_VAL))


def _text(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(_T))


_NS = {"w": W_NS}
# Compiled once: lxml evaluates these in C, instead of a Python loop over every paragraph.
_STYLE_IDS_NAMED = etree.XPath("w:style[w:name/@w:val = $name]/@w:styleId", namespaces=_NS)
_PARAGRAPHS_OF_STYLE = etree.XPath("w:p[w:pPr/w:pStyle/@w:val = $id]", namespaces=_NS)


def style_ids(styles: Any, *names: str) -> frozenset[str]:
    """The ids of the styles named ``names`` in a styles part (``w:styles``, parsed)."""
    return frozenset(str(i) for name in names for i in _STYLE_IDS_NAMED(styles, name=name))


def _paragraphs_of_style(body: Any, ids: Iterable[str]) -> list[Any]:
    """The body's paragraphs of the given style ids, in document order."""
    ids = list(ids)
    found = [p for i in ids for p in _PARAGRAPHS_OF_STYLE(body, id=i)]
    if len(ids) > 1:
        order = {id(p): n for n, p in enumerate(body.iterchildren(_P))}
        found.sort(key=lambda p: order[id(p)])
    return found


def _sub(parent: Any, tag: str) -> Any:
    return etree.SubElement(parent, tag)


def break_titles(body: Any, ids: Iterable[str]) -> None:
    """Rewrite every title paragraph (style ``ids``) of ``body`` as its balanced lines, joined by
    line breaks."""
    for paragraph in _paragraphs_of_style(body, ids):
        runs = paragraph.findall(_R)
        text = "".join(_run_text(run) for run in runs)
        if not runs or not text:
            continue
        lines = break_title(strip_joiners(text)).lines
        first = runs[0]
        for run in runs[1:]:
            paragraph.remove(run)
        for child in list(first):
            if child.tag != _RPR:
                first.remove(child)
        for index, line in enumerate(lines):
            if index:
                _sub(first, _BR)
            for part_index, part in enumerate(line.split("\t")):
                if part_index:
                    _sub(first, _TAB)
                t = _sub(first, _T)
                t.set(_XML_SPACE, "preserve")
                t.text = part


def _run_text(run: Any) -> str:
    parts = []
    for child in run:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag in (_BR, _CR):
            parts.append("\n")
        elif child.tag == _TAB:
            parts.append("\t")
    return "".join(parts)


def keep_signature_with_text(body: Any, ids: Iterable[str]) -> None:
    """Keep the paragraph above the signature block (style ``ids``) on the same page as the
    block."""
    ids = frozenset(ids)
    if not ids:
        return
    first = _paragraphs_of_style(body, ids)[:1]
    if not first:
        return
    before = first[0].getprevious()
    while before is not None and before.tag == _P and (
            _style_id(before) in ids or not _text(before).strip()):
        before = before.getprevious()
    if before is not None and before.tag == _P:
        _keep_next(before)


def _keep_next(paragraph: Any) -> None:
    ppr = _first_child(paragraph, _PPR)
    if ppr.find(_KEEP_NEXT) is None:
        _insert_before(ppr, ppr.makeelement(_KEEP_NEXT), _AFTER_KEEP_NEXT)


def _first_child(parent: Any, tag: str) -> Any:
    """``parent``'s ``tag`` child, added as its first child if missing (w:pPr in a paragraph and
    w:rPr in a run come first, by the schema)."""
    child = parent.find(tag)
    if child is None:
        child = parent.makeelement(tag)
        parent.insert(0, child)
    return child


def _insert_before(parent: Any, element: Any, successors: tuple[str, ...]) -> None:
    """Put ``element`` before the child the schema orders next after it (the first of
    ``successors``, in their order, that ``parent`` has), or last."""
    for tag in successors:
        child = parent.find(tag)
        if child is not None:
            child.addprevious(element)
            return
    parent.append(element)


_AFTER_KEEP_NEXT = tuple(_w(tag) for tag in (
    "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
    "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
    "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents",
    "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange"))


def join_numbers_in(body: Any) -> None:
    """Join every date, number and time in the body, each in a run of its own.

    LibreOffice (7.x) breaks before any ideograph by its own CJK rules, word joiner or not
    ("2026年11月26 / 日"); in a run whose East Asian language is not Chinese it follows the
    Unicode rules, which honour the joiner. So each match gets such a run. The language only
    steers line breaking and proofing; fonts come from the style, so the text looks the same.
    """
    for t in list(body.iter(_T)):
        text = t.text or ""
        if not _DIGIT.search(text):
            continue
        run = t.getparent()
        plain = run.tag == _R and all(child.tag in (_RPR, _T) for child in run) \
            and len(run.findall(_T)) == 1
        if not plain:
            t.text = join_numbers(text)
            continue
        pieces = _split_matches(strip_joiners(text))
        if len(pieces) == 1 and not pieces[0][1]:
            continue
        for index, (piece, matched) in enumerate(pieces):
            new = copy.deepcopy(run)
            if matched:
                piece = join_numbers(piece)
                _set_east_asian_language(new, BREAK_LANGUAGE)
            else:
                piece = _offer_breaks(piece, pieces, index)
            new.find(_T).text = piece
            run.addprevious(new)
        run.getparent().remove(run)


def _offer_breaks(piece: str, pieces: list[tuple[str, bool]], index: int) -> str:
    """LibreOffice never breaks at the edge of a number's own run by itself: it steps back one
    character and drags "改，" along, leaving a loose line. A zero-width space next to the number
    (where the line-breaking rules allow a break anyway) offers it the break it should take."""
    if index > 0 and pieces[index - 1][1] and piece[:1] not in NO_LINE_START and piece[:1].strip():
        piece = BREAK_OPPORTUNITY + piece
    if index + 1 < len(pieces) and pieces[index + 1][1] and piece[-1:] not in NO_LINE_END \
            and piece[-1:].strip():
        piece = piece + BREAK_OPPORTUNITY
    return piece


BREAK_LANGUAGE = "en-US"


def _split_matches(text: str) -> list[tuple[str, bool]]:
    pieces: list[tuple[str, bool]] = []
    at = 0
    for match in NO_BREAK.finditer(text):
        if match.start() > at:
            pieces.append((text[at:match.start()], False))
        pieces.append((match.group(0), True))
        at = match.end()
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


_AFTER_LANG = tuple(_w(tag) for tag in ("eastAsianLayout", "specVanish", "oMath"))


def _set_east_asian_language(run: Any, language: str) -> None:
    rpr = _first_child(run, _RPR)
    lang = rpr.find(_LANG)
    if lang is None:
        lang = rpr.makeelement(_LANG)
        _insert_before(rpr, lang, _AFTER_LANG)
    lang.set(_EAST_ASIA, language)


def typeset_body(body: Any, title_ids: Iterable[str], signature_ids: Iterable[str]) -> None:
    """Every pass, in order, on a rendered body (``w:body``, parsed), given the ids of the
    title and signature styles of its document (see :func:`style_ids`)."""
    break_titles(body, title_ids)
    keep_signature_with_text(body, signature_ids)
    join_numbers_in(body)


def typeset(doc: DocumentObject) -> None:
    """Every pass, in order, on a rendered python-docx document (its styles read once)."""
    styles = doc.styles.element
    typeset_body(doc.element.body, style_ids(styles, gb.STYLE_TITLE),
                 style_ids(styles, gb.STYLE_SIGNATURE))
