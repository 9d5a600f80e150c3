"""A clerk's read of a finished document: the faults a 党政办 reviewer marks before signing.

Every pattern lives here, with the reason it is a fault; the test suite runs them over every
document of every example, the demo and each level's scaffold. When a new fault is found in a
generated document, it gets a pattern here first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_TITLE = re.compile(r"《[^《》]*》")
_DEADLINE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日前")


@dataclass(frozen=True)
class Fault:
    """One fault, where it is and why it is one."""

    code: str
    document: str
    text: str
    """The paragraph (or table cell) it was found in."""
    why: str


@dataclass(frozen=True)
class Page:
    """What the lint reads of one document."""

    name: str
    paragraphs: list[tuple[str, str]]
    """(style name, text) of each body paragraph, in order."""
    tables: list[list[list[str]]]
    """Each table's rows of cell texts."""
    chair: str = ""
    """The chair's name, for the script (a chair does not invite himself)."""
    organisation: str = ""
    """The party organisation's full name (named once per sentence)."""


TextCheck = Callable[[str], str | None]
"""A check of one paragraph: the reason it is a fault, or None."""

PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("CL01", re.compile(r"领导同志的领导同志|领导同志领导同志|领导的领导同志"
                        r"|(组长|书记|部长|主任|局长)([\u4e00-\u9fff]{2,3})?领导同志"),
     "领导同志 doubled, or a named person called 领导同志 (a person is 同志)"),
    ("CL02", re.compile(r"》、《|”、“"), "顿号 between items in 书名号 or quotes (GB/T 15834 4.5.3.5)"),
    ("CL03", re.compile(r"（市）|（县）|（党组）|（支部）|（县、市、区）|（市、县）|党委（党组）|党总支（支部）|（居）"),
     "alternatives left in brackets: the unit's own form was not chosen"),
    ("CL04", re.compile(r"待定|【待补充】"), "a gap the plan leaves open (待定, 【待补充】)"),
    ("CL05", re.compile(r"前[上下]午|前中午"), "an imprecise date where a day and time are needed"),
    ("CL06", re.compile(r"(上午|下午)\d{1,2}:\d{2}至\1"), "the day period repeated in a time range"),
    ("CL07", re.compile(r"前前|。。|，，|、、"), "doubled characters"),
    ("CL08", re.compile(r"[（(]\s*[)）]|【】(?!内)"), "an empty bracket"),
)


def _sentences(text: str) -> Iterable[str]:
    return (s for s in re.split(r"[。；！？]", text) if s)


def _dates(pattern: re.Pattern[str], text: str) -> list[dt.date]:
    out = []
    for m in pattern.finditer(text):
        try:
            out.append(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        except ValueError:
            continue
    return out


def lint(page: Page, is_rest_day: Callable[[dt.date], bool] | None = None) -> list[Fault]:
    """Every fault of ``page``."""
    faults: list[Fault] = []
    texts = [text for _style, text in page.paragraphs]
    cells = [cell for table in page.tables for row in table for cell in row]

    def add(code: str, text: str, why: str) -> None:
        faults.append(Fault(code, page.name, text, why))

    for text in [*texts, *cells]:
        # Titles in 书名号 are quoted as published (《党委（党组）…规定》): not the unit's words.
        own = _TITLE.sub("《》", text)
        for code, pattern, why in PATTERNS:
            if pattern.search(own):
                add(code, text, why)
        if page.organisation:
            for sentence in _sentences(text):
                if sentence.count(page.organisation) > 1:
                    add("CL09", text, "the organisation named twice in one sentence")
        if is_rest_day is not None:
            for day in _dates(_DEADLINE, text):
                if is_rest_day(day):
                    add("CL10", text, f"a deadline on a rest day ({day.isoformat()})")
    if page.chair:
        for text in texts:
            if re.search(rf"请{re.escape(page.chair)}同志(?!审阅)", text) and "主持" not in text:
                add("CL11", text, "the chair invites himself (the script says 下面，我……)")
    for table in page.tables:
        if len(table) <= 1:
            add("CL12", " | ".join(table[0]) if table else "", "a table with a header and no rows")
    for i, (style, text) in enumerate(page.paragraphs[:-1]):
        if style == "一级标题" and "主题" in text:
            following = page.paragraphs[i + 1][1]
            if following and not following.endswith(("。", "”", "！")):
                add("CL13", following, "the theme is not a full sentence")
    # 成文日期: the last date of the signature block; nothing may be asked for before it.
    signed = [d for style, text in page.paragraphs if style == "署名日期" for d in _dates(_DATE, text)]
    if signed:
        day = signed[-1]
        for text in texts:
            for deadline in _dates(_DEADLINE, text):
                if deadline < day:
                    add("CL14", text, f"asks for something by {deadline.isoformat()}, before the "
                                      f"document's own date {day.isoformat()}")
    return faults


def read_docx(path: Path, *, chair: str = "", organisation: str = "") -> Page:
    """A .docx as the lint reads it."""
    import docx

    from rectimeet.documents.typeset import strip_joiners

    document = docx.Document(str(path))
    # Read as a reader sees it: the joiners that keep dates on one line are layout, not text.
    paragraphs = [(p.style.name if p.style is not None else "", strip_joiners(p.text))
                  for p in document.paragraphs]
    tables = [[[strip_joiners(cell.text) for cell in row.cells] for row in table.rows]
              for table in document.tables]
    return Page(path.name, paragraphs, tables, chair, organisation)
