"""Blocks of a feedback document → :class:`FeedbackDocument`.

The shape every 反馈意见 shares: a title, an opening (who inspected whom, when), then numbered
sections — 一、巡察发现的主要问题 with areas （一）（二）…, 二、意见建议, 三、移交问题线索 —
and a closing (the request to report, signature, date). Within an area the problems are the
first kind of numbering found: ``1．`` / ``1.`` / ``1、``, ``（1）`` / ``(1)``, ``①``, or the
sentences ``一是……二是……``; deeper numbering and unnumbered paragraphs belong to the problem
above them (its 具体表现).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rectimeet.feedback.errors import FeedbackError
from rectimeet.feedback.model import FeedbackArea, FeedbackDocument, FeedbackItem
from rectimeet.feedback.numerals import from_chinese, to_chinese
from rectimeet.feedback.reader import Block, Paragraph, Table
from rectimeet.i18n import N_, render
from rectimeet.models.inspection import InspectionKind, InspectionScope

_CN = "一二三四五六七八九十"
_DIGIT = "0-9０-９"
SECTION = re.compile(rf"^([{_CN}]{{1,3}})\s*[、.．]\s*(.*)$", re.S)
AREA = re.compile(rf"^([（(]\s*[{_CN}]{{1,3}}\s*[）)])\s*(.*)$", re.S)
ARABIC = re.compile(rf"^([{_DIGIT}]{{1,3}}\s*[.．、])(?![{_DIGIT}])\s*(.*)$", re.S)
PAREN = re.compile(rf"^([（(]\s*[{_DIGIT}]{{1,3}}\s*[）)])\s*(.*)$", re.S)
CIRCLED = re.compile(r"^([①-⑳])\s*(.*)$", re.S)
MARKERS = (("area", AREA), ("arabic", ARABIC), ("paren", PAREN), ("circled", CIRCLED))
PROBLEM_KINDS = ("arabic", "paren", "circled", "yishi")
SUGGESTION_KINDS = ("area", "arabic", "paren", "circled", "yishi")

# 一是/二是 count only at the start of a sentence or clause, never inside a word (统一是…).
_BOUNDARY = r"(?<![^。；;，,：:\s])"
_STOPS = "。；;：！？!?"
_OPEN, _CLOSE = "“‘《（(「【〔", "”’》）)」】〕"
_END_PUNCT = "。；;，,：:、 \t"

_DOC_NUMBER = re.compile(r"〔\d{4}〕\s*\d+\s*号|\[\d{4}\]\s*\d+\s*号")
# A place name before 县委/党委 never holds the words of a sentence around it (开展了、根据…).
_NAME = r"(?:(?![了的在对向于和与及开展根据按照依经由是进行将把被从至到等])[\u4e00-\u9fff])"
_ORG = rf"(?:中央|{_NAME}{{0,8}}?(?:省|市|州|县|区|旗|盟)委|{_NAME}{{0,10}}?党(?:委|组))"
GROUP = re.compile(_ORG + rf"(?:第[{_CN}]+)?(?:巡视|巡察)组")
ROUND = re.compile(_ORG + rf"第[{_CN}]+轮(?:巡视|巡察)")
_LEAD_WORDS = ("根据", "按照", "依据", "关于", "经", "受", "由", "在", "对", "按")
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_CN_DATE = re.compile(r"^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月"
                      r"([一二三四五六七八九十]{1,3})日$")
_REFERRAL = re.compile(r"问题线索[^。]{0,30}?[0-9０-９一二三四五六七八九十]+\s*(?:件|条|个)"
                       r"|[0-9０-９一二三四五六七八九十]+\s*(?:件|条|个)[^。]{0,30}?问题线索")
_HEADING_WORDS = ("主要问题", "发现的问题", "存在的问题", "意见建议", "意见和建议", "整改建议",
                  "问题线索")


@dataclass(frozen=True)
class Where:
    """A place in the file, said in either language: ``paragraph 12`` / ``第 12 段``."""

    msgid: str
    params: tuple[tuple[str, int], ...]

    def render(self, lang: str = "zh") -> str:
        return render(self.msgid, dict(self.params), lang)

    def __str__(self) -> str:
        return self.msgid.format(**dict(self.params))


@dataclass(frozen=True)
class Unit:
    """One paragraph (or part of one) with where it came from."""

    text: str
    where: Where
    marked: bool = False
    """Whether the text starts with a number of any kind."""
    area_label: str | None = None
    """Set on a ``一、`` heading that stands for an area (see :meth:`_Parser._sections`)."""

    @property
    def where_text(self) -> Where:
        return self.where


@dataclass(frozen=True)
class TableUnit:
    table: Table


@dataclass
class Section:
    kind: str
    """problems, suggestions, referrals or other."""
    label: str
    title: str
    body: list[Unit | TableUnit] = field(default_factory=list)


def _where(block: Paragraph) -> Where:
    if block.kind == "line":
        return Where(N_("line {n}"), (("n", block.number),))
    return Where(N_("paragraph {n}"), (("n", block.number),))


def _marker(text: str) -> tuple[str, str, str] | None:
    """(kind, label, rest) of a numbered paragraph."""
    for kind, pattern in MARKERS:
        match = pattern.match(text)
        if match:
            return kind, re.sub(r"\s+", "", match.group(1)), match.group(2)
    return None


def _yishi(ordinal: int) -> re.Pattern[str]:
    return re.compile(_BOUNDARY + to_chinese(ordinal) + "是")


def split_statement(text: str) -> tuple[str, str]:
    """The first sentence (outside quotes and brackets) and the rest."""
    depth = 0
    for i, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and char in _STOPS:
            return text[:i].strip(), text[i + 1:].strip()
    return text.strip(), ""


def _clean(text: str) -> str:
    return text.strip().rstrip(_END_PUNCT).strip()


def _section_kind(title: str) -> str:
    if "线索" in title:
        return "referrals"
    if "建议" in title or title.startswith("整改意见"):
        return "suggestions"
    if "问题" in title:
        return "problems"
    return "other"


def _heading(unit: Unit) -> tuple[str, str, str] | None:
    """(label, title, rest of the paragraph) when the unit opens a section."""
    match = SECTION.match(unit.text)
    if match:
        title, rest = split_statement(match.group(2))
        if len(title) <= 40:
            return match.group(1) + "、", _clean(title), rest
        return None
    text = unit.text.strip()
    if (len(text) <= 24 and not any(c in text[:-1] for c in "。；，")
            and any(word in text for word in _HEADING_WORDS)):
        return "", _clean(text), ""
    return None


def _is_closing(text: str) -> bool:
    plain = unicodedata.normalize("NFKC", text).strip()
    if _DATE.match(plain) or _CN_DATE.match(plain):
        return True
    if GROUP.fullmatch(plain):
        return True
    if plain.startswith("请") and ("整改" in plain or "报送" in plain):
        return True
    return "整改情况报告" in plain or "联系电话" in plain or plain.startswith("联系人")


def _is_referral(text: str) -> bool:
    return bool(_REFERRAL.search(text)) and any(w in text for w in ("移交", "转交", "移送", "转办"))


class _Parser:
    def __init__(self, blocks: Sequence[Block], source: str) -> None:
        self.source = source
        self.units: list[Unit | TableUnit] = []
        for block in blocks:
            if isinstance(block, Table):
                self.units.append(TableUnit(block))
            else:
                text = block.text.strip()
                self.units.append(Unit(text, _where(block), _marker(text) is not None))

    def fail(self, msgid: str, **params: object) -> FeedbackError:
        return FeedbackError(self.source, msgid, params)

    # -- the whole document --------------------------------------------------------------

    def parse(self) -> FeedbackDocument:
        head: list[Unit] = []
        sections: list[Section] = []
        for unit in self.units:
            if isinstance(unit, Unit):
                opened = _heading(unit)
                if opened is not None:
                    label, title, rest = opened
                    sections.append(Section(_section_kind(title), label, title))
                    if rest:
                        sections[-1].body.append(Unit(rest, unit.where, _marker(rest) is not None))
                    continue
            if sections:
                sections[-1].body.append(unit)
            elif isinstance(unit, Unit):
                head.append(unit)
        sections = _areas_as_sections(sections)
        if not any(s.kind == "problems" for s in sections):
            raise self.fail(N_("no problem section found (a heading such as "
                               "“一、巡察发现的主要问题”)"))
        closing = self._split_closing(sections[-1])
        doc = FeedbackDocument(source=self.source)
        title, opening = _title(head)
        doc.title = title
        doc.opening = [u.text for u in opening]
        others: list[str] = []
        for section in sections:
            if section.kind == "problems":
                doc.areas.extend(self._areas(section, doc.referrals))
            elif section.kind == "suggestions":
                doc.suggestions.extend(self._suggestions(section, doc.referrals))
            elif section.kind == "referrals":
                doc.referrals.extend(_texts(section.body))
            else:
                # 一、总体评价 before the problems belongs to the opening; 四、整改要求 after
                # them to the closing.
                text = [section.label + section.title, *_texts(section.body)]
                (others if doc.areas else doc.opening).extend(text)
        doc.closing = others + closing
        if not doc.problems:
            raise self.fail(N_("the problem section has no problems"))
        _fill_metadata(doc)
        return doc

    def _split_closing(self, last: Section) -> list[str]:
        """Take the closing (request to report, signature, date) off the last section."""
        for i, unit in enumerate(last.body):
            if isinstance(unit, Unit) and not unit.marked and _is_closing(unit.text):
                closing = _texts(last.body[i:])
                del last.body[i:]
                return closing
        return []

    # -- problems -------------------------------------------------------------------------

    def _areas(self, section: Section, referrals: list[str]) -> list[FeedbackArea]:
        body = self._drop_referrals(section.body, referrals)
        starts = [i for i, u in enumerate(body)
                  if isinstance(u, Unit) and (u.area_label or AREA.match(u.text))]
        areas: list[FeedbackArea] = []
        if not starts:
            if any(isinstance(u, TableUnit) and _table_columns(u.table) for u in body):
                return self._table_areas(section, body, None)
            area = FeedbackArea(section=section.label)
            area.problems = self._items(body, PROBLEM_KINDS, section.label, "")
            return [area] if area.problems else []
        # Text before the first area is the section's introduction — unless it holds numbered
        # problems, which then form an area without a heading.
        before = body[:starts[0]]
        if self._level(before, ("arabic", "paren", "circled")) is not None:
            areas.append(FeedbackArea(section=section.label, problems=self._items(
                before, PROBLEM_KINDS, section.label, "")))
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(body)
            heading = body[start]
            assert isinstance(heading, Unit)
            match = AREA.match(heading.text)
            assert match is not None
            label = heading.area_label or \
                re.sub(r"\s+", "", match.group(1)).replace("(", "（").replace(")", "）")
            title, rest = split_statement(match.group(2))
            area_body = list(body[start + 1:end])
            if rest:
                area_body.insert(0, Unit(rest, heading.where, _marker(rest) is not None))
            if "线索" in title:
                referrals.extend([heading.text, *_texts(area_body)])
                continue
            areas.extend(self._area(section, label, _clean(title), heading, area_body))
        return areas

    def _area(self, section: Section, label: str, title: str, heading: Unit,
              body: list[Unit | TableUnit]) -> list[FeedbackArea]:
        tables = [u for u in body if isinstance(u, TableUnit) and _table_columns(u.table)]
        if tables and _table_columns(tables[0].table).get("area") is not None:
            return self._table_areas(section, body, (label, title))
        area = FeedbackArea(label=label, title=title, section=section.label)
        prefix = section.label + label
        if self._level(body, PROBLEM_KINDS) is not None or tables:
            area.problems = self._items(body, PROBLEM_KINDS, section.label, label)
        elif "方面" in title or "领域" in title:
            # An area named by its subject with plain paragraphs under it: one problem each.
            area.problems = [self._item(f"{prefix}第{to_chinese(n)}段", "", [u.text], u)
                             for n, u in enumerate((u for u in body if isinstance(u, Unit)), 1)]
        elif title:
            # An area whose heading states the problem itself: （二）某某不到位。具体表现……
            area.title = ""
            area.problems = [self._item(prefix, label, [title, *_texts(body)], heading)]
        if not area.problems:
            raise self.fail(N_("{where}: area “{label}{title}” has no problems"),
                            where=heading.where, label=label, title=title)
        return [area]

    def _drop_referrals(self, body: list[Unit | TableUnit],
                        referrals: list[str]) -> list[Unit | TableUnit]:
        kept: list[Unit | TableUnit] = []
        for unit in body:
            if isinstance(unit, Unit) and not unit.marked and _is_referral(unit.text):
                referrals.append(unit.text)
            else:
                kept.append(unit)
        return kept

    # -- numbered items -------------------------------------------------------------------

    def _level(self, body: Iterable[Unit | TableUnit], kinds: Sequence[str]) -> str | None:
        """The kind of numbering that marks items: the first one found."""
        for unit in body:
            if not isinstance(unit, Unit):
                continue
            found = _marker(unit.text)
            if found is not None and found[0] in kinds:
                return found[0]
            if "yishi" in kinds and _yishi(1).search(unit.text):
                return "yishi"
        return None

    def _items(self, body: list[Unit | TableUnit], kinds: Sequence[str], section: str,
               area: str) -> list[FeedbackItem]:
        level = self._level(body, kinds)
        raw: list[tuple[str, list[str], Unit]] = []  # label, paragraphs, where it starts
        items: list[FeedbackItem] = []

        def flush() -> None:
            for label, parts, unit in raw:
                items.append(self._item(section + area + label, label, parts, unit))
            raw.clear()

        for unit in body:
            if isinstance(unit, TableUnit):
                flush()
                items.extend(self._table_items(unit.table, section + area))
                continue
            if level == "yishi":
                self._split_yishi(unit, raw)
                continue
            found = _marker(unit.text)
            if found is not None and found[0] == level:
                raw.append((found[1], [found[2]], unit))
            elif raw:
                raw[-1][1].append(unit.text)
        flush()
        return items

    def _split_yishi(self, unit: Unit, raw: list[tuple[str, list[str], Unit]]) -> None:
        text = unit.text
        cuts: list[tuple[int, int]] = []
        position = 0
        while True:
            match = _yishi(len(raw) + len(cuts) + 1).search(text, position)
            if match is None:
                break
            cuts.append((match.start(), match.end()))
            position = match.end()
        before = text[:cuts[0][0]] if cuts else text
        if before.strip() and raw:
            raw[-1][1].append(before.strip())
        for n, (start, end) in enumerate(cuts):
            stop = cuts[n + 1][0] if n + 1 < len(cuts) else len(text)
            raw.append((text[start:end], [text[end:stop]], unit))

    def _item(self, position: str, label: str, parts: list[str], unit: Unit) -> FeedbackItem:
        parts = [p.strip() for p in parts]
        while parts and not _clean(parts[0]):
            parts.pop(0)
        if not parts:
            raise self.fail(N_("{where}: problem “{label}” has no text"),
                            where=unit.where, label=position)
        statement, rest = split_statement(parts[0])
        details = [d for d in (rest, *parts[1:]) if _clean(d)]
        if not _clean(statement):
            raise self.fail(N_("{where}: problem “{label}” has no text"),
                            where=unit.where, label=position)
        return FeedbackItem(label=label, statement=_clean(statement),
                            details=[d.strip() for d in details], position=position,
                            where=str(unit.where))

    # -- tables ---------------------------------------------------------------------------

    def _table_items(self, table: Table, prefix: str) -> list[FeedbackItem]:
        columns = _table_columns(table)
        if not columns:
            return []
        items = []
        for row_number, row in enumerate(table.rows[1:], 2):
            item = self._row_item(table, columns, row, row_number, prefix)
            if item is not None:
                items.append(item)
        return items

    def _row_item(self, table: Table, columns: dict[str, int | None], row: tuple[str, ...],
                  row_number: int, prefix: str) -> FeedbackItem | None:
        def cell(name: str) -> str:
            index = columns.get(name)
            return row[index].strip() if index is not None and index < len(row) else ""

        problem, details, number = cell("problem"), cell("details"), cell("number")
        if not problem and not details:
            return None
        where = Unit("", Where(N_("table {table}, row {row}"),
                               (("table", table.number), ("row", row_number))))
        label = number or str(row_number - 1)
        parts = [*problem.split("\n"), *details.split("\n")] if problem else ["", *details.split("\n")]
        return self._item(prefix + label, label, parts, where)

    def _table_areas(self, section: Section, body: list[Unit | TableUnit],
                     heading: tuple[str, str] | None) -> list[FeedbackArea]:
        """Areas from a table's area column (merged cells carry the area down)."""
        areas: list[FeedbackArea] = []
        for unit in body:
            if not isinstance(unit, TableUnit):
                continue
            columns = _table_columns(unit.table)
            if not columns:
                continue
            current = ""
            for row_number, row in enumerate(unit.table.rows[1:], 2):
                index = columns.get("area")
                title = row[index].strip() if index is not None and index < len(row) else ""
                title = _clean(AREA.sub(r"\2", title)) if title else current
                if not areas or title != current:
                    label = f"（{to_chinese(len(areas) + 1)}）"
                    if heading is not None:
                        label, title = heading if not areas else (label, title)
                    areas.append(FeedbackArea(label=label, title=title, section=section.label))
                    current = title
                item = self._row_item(unit.table, columns, row, row_number,
                                      section.label + areas[-1].label)
                if item is not None:
                    areas[-1].problems.append(item)
        return [a for a in areas if a.problems]

    # -- suggestions ----------------------------------------------------------------------

    def _suggestions(self, section: Section, referrals: list[str]) -> list[FeedbackItem]:
        body = self._drop_referrals(section.body, referrals)
        if self._level(body, SUGGESTION_KINDS) is None:
            return [self._item(f"{section.label}第{to_chinese(n)}段", "", [u.text], u)
                    for n, u in enumerate((u for u in body if isinstance(u, Unit)), 1)]
        return self._items(body, SUGGESTION_KINDS, section.label, "")


def _areas_as_sections(sections: list[Section]) -> list[Section]:
    """An unnumbered “巡察发现的主要问题” heading followed by ``一、…方面`` headings: those are
    its areas, not sections of their own."""
    out: list[Section] = []
    for section in sections:
        previous = out[-1] if out else None
        if (section.kind == "other" and previous is not None and previous.kind == "problems"
                and previous.label == "" and section.label):
            numeral = section.label.rstrip("、")
            where = next((u.where for u in section.body if isinstance(u, Unit)),
                         Where(N_("paragraph {n}"), (("n", 0),)))
            previous.body.append(Unit(f"（{numeral}）{section.title}", where, True, section.label))
            previous.body.extend(section.body)
            continue
        out.append(section)
    return out


def _texts(units: Iterable[Unit | TableUnit]) -> list[str]:
    out: list[str] = []
    for unit in units:
        if isinstance(unit, Unit):
            out.append(unit.text)
        else:
            out.extend("\t".join(row) for row in unit.table.rows)
    return out


def _table_columns(table: Table) -> dict[str, int | None]:
    """Which column holds what, from the header row; empty when no column names a problem."""
    if len(table.rows) < 2:
        return {}
    header = [re.sub(r"\s+", "", h) for h in table.rows[0]]
    found: dict[str, int | None] = {"number": None, "area": None, "problem": None, "details": None}
    for i, name in enumerate(header):
        if found["number"] is None and name in ("序号", "编号", "序"):
            found["number"] = i
        elif found["area"] is None and any(w in name for w in ("方面", "类别", "领域", "类型")):
            found["area"] = i
        elif found["details"] is None and any(w in name for w in ("表现", "具体", "情况")):
            found["details"] = i
        elif found["problem"] is None and "问题" in name:
            found["problem"] = i
    if found["problem"] is None:
        return {}
    return found


def _title(head: list[Unit]) -> tuple[str, list[Unit]]:
    """The title lines at the top (short, no sentence, not a 文号) and the opening after them."""
    lines: list[str] = []
    rest = list(head)
    while rest and len(lines) < 3:
        text = rest[0].text.strip()
        if _DOC_NUMBER.search(text) and len(text) <= 30:
            rest.pop(0)
            continue
        if len(text) > 60 or "。" in text or text.endswith(("：", ":")):
            break
        lines.append(text)
        rest.pop(0)
    return "".join(lines), rest


def _strip_lead(text: str) -> str:
    """``根据县委第十一轮巡察`` → ``县委第十一轮巡察``: a leading verb is not part of a name."""
    for word in _LEAD_WORDS:
        rest = text[len(word):]
        if text.startswith(word) and (GROUP.fullmatch(rest) or ROUND.fullmatch(rest)):
            return _strip_lead(rest)
    return text


def _date(text: str) -> dt.date | None:
    plain = unicodedata.normalize("NFKC", text).strip()
    match = _DATE.match(plain)
    parts: tuple[int | None, ...]
    if match:
        parts = tuple(int(g) for g in match.groups())
    else:
        match = _CN_DATE.match(plain)
        if not match:
            return None
        parts = tuple(from_chinese(g) for g in match.groups())
    year, month, day = parts
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _fill_metadata(doc: FeedbackDocument) -> None:
    where = [*doc.closing[::-1], doc.title, *doc.opening]
    for text in doc.closing:
        if GROUP.fullmatch(text.strip()):
            doc.group = text.strip()
    if not doc.group:
        for text in where:
            match = GROUP.search(text)
            if match:
                doc.group = _strip_lead(match.group())
                break
    for text in [doc.title, *doc.opening]:
        match = ROUND.search(text)
        if match:
            doc.round = _strip_lead(match.group())
            break
    for text in reversed(doc.closing):
        found = _date(text)
        if found is not None:
            doc.date = found
            break
    words = doc.title + doc.group
    everything = words + "".join(doc.opening)
    for text in (words, everything):
        xunshi, xuncha = text.count("巡视"), text.count("巡察")
        if xunshi != xuncha:
            doc.kind = InspectionKind.XUNSHI if xunshi > xuncha else InspectionKind.XUNCHA
            break
    first = doc.title + "".join(doc.opening)
    if "回头看" in first:
        doc.scope = InspectionScope.FOLLOW_UP
    elif "专项巡" in first:
        doc.scope = InspectionScope.SPECIAL
    elif "常规巡" in first:
        doc.scope = InspectionScope.REGULAR


def parse_blocks(blocks: Sequence[Block], source: str) -> FeedbackDocument:
    """Parse the blocks of one document (see :func:`rectimeet.feedback.reader.read_blocks`)."""
    return _Parser(blocks, source).parse()
