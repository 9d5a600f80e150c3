"""Word's automatic list numbering, written out as text.

A paragraph numbered by Word carries no number in its text: it has ``w:numPr`` (``w:numId`` and
``w:ilvl``), directly or through its paragraph style, and ``numbering.xml`` maps the numId to an
abstract list whose level gives the start value, the number format (``w:numFmt``) and the
pattern (``w:lvlText``, e.g. ``%1．`` or ``（%1）``). Lists sharing an abstract list continue
each other's numbering unless a ``w:lvlOverride/w:startOverride`` restarts a level, which is what
Word's "restart numbering" writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rectimeet.feedback.numerals import to_chinese

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    # Word repeats the letter past z: aa, bb, …
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One level's counter in the level's ``w:numFmt``."""
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULL_WIDTH)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "decimalEnclosedParen" and 0 < n <= 20:
        return _PAREN[n - 1]
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
               "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand",
               "ideographLegalTraditional"):
        return to_chinese(n)
    if fmt == "ideographTraditional" and 0 < n <= 10:
        return _TIANGAN[n - 1]
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        text = _letters(n)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman"):
        text = _roman(n)
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "none":
        return ""
    return str(n)


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


def _val(element: Any, tag: str) -> str | None:
    found = element.find(W + tag)
    if found is None:
        return None
    value = found.get(W + "val")
    return str(value) if value is not None else None


def _level(lvl: Any) -> Level:
    start = _val(lvl, "start")
    return Level(start=int(start) if start and start.lstrip("-").isdigit() else 1,
                 fmt=_val(lvl, "numFmt") or "decimal", text=_val(lvl, "lvlText") or "")


@dataclass
class ListNumbering:
    """Counters for one document, fed its paragraphs in order."""

    abstract_of: dict[str, str] = field(default_factory=dict)
    """numId → abstractNumId."""
    levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    """abstractNumId → ilvl → level."""
    overrides: dict[str, dict[int, Level]] = field(default_factory=dict)
    """numId → ilvl → level replaced by the num."""
    restarts: dict[str, dict[int, int]] = field(default_factory=dict)
    """numId → ilvl → start value the num restarts at."""
    style_numbering: dict[str, tuple[str, int]] = field(default_factory=dict)
    """paragraph styleId → (numId, ilvl), base styles resolved."""
    default_style: str | None = None
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def from_parts(cls, numbering: Any | None, styles: Any | None) -> ListNumbering:
        """Read ``numbering.xml`` and ``styles.xml`` (lxml elements, either may be absent)."""
        out = cls()
        if numbering is not None:
            for abstract in numbering.iter(W + "abstractNum"):
                key = str(abstract.get(W + "abstractNumId"))
                out.levels[key] = {int(lvl.get(W + "ilvl", "0")): _level(lvl)
                                   for lvl in abstract.iter(W + "lvl")}
            for num in numbering.iter(W + "num"):
                num_id = str(num.get(W + "numId"))
                out.abstract_of[num_id] = _val(num, "abstractNumId") or ""
                for override in num.iter(W + "lvlOverride"):
                    ilvl = int(override.get(W + "ilvl", "0"))
                    start = _val(override, "startOverride")
                    if start is not None and start.lstrip("-").isdigit():
                        out.restarts.setdefault(num_id, {})[ilvl] = int(start)
                    lvl = override.find(W + "lvl")
                    if lvl is not None:
                        out.overrides.setdefault(num_id, {})[ilvl] = _level(lvl)
        if styles is not None:
            out._read_styles(styles)
        return out

    def _read_styles(self, styles: Any) -> None:
        direct: dict[str, tuple[str | None, int | None]] = {}
        based_on: dict[str, str] = {}
        for style in styles.iter(W + "style"):
            if style.get(W + "type") != "paragraph":
                continue
            style_id = str(style.get(W + "styleId"))
            if style.get(W + "default") in ("1", "true"):
                self.default_style = style_id
            base = _val(style, "basedOn")
            if base:
                based_on[style_id] = base
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                level_text = _val(num_pr, "ilvl")
                direct[style_id] = (_val(num_pr, "numId"),
                                    int(level_text) if level_text and level_text.isdigit() else None)
        for style_id in list(based_on) + list(direct):
            num_id: str | None = None
            ilvl: int | None = None
            seen: set[str] = set()
            current: str | None = style_id
            # A style inherits numbering (and each half of it separately) from its bases.
            while current is not None and current not in seen:
                seen.add(current)
                own_num, own_lvl = direct.get(current, (None, None))
                num_id = num_id if num_id is not None else own_num
                ilvl = ilvl if ilvl is not None else own_lvl
                current = based_on.get(current)
            if num_id is not None:
                self.style_numbering[style_id] = (num_id, ilvl or 0)

    def _level_of(self, num_id: str, ilvl: int) -> Level | None:
        override = self.overrides.get(num_id, {}).get(ilvl)
        if override is not None:
            return override
        return self.levels.get(self.abstract_of.get(num_id, ""), {}).get(ilvl)

    def label(self, paragraph: Any) -> str | None:
        """The number Word shows before ``paragraph`` (a ``w:p`` element), or None.

        Must be called for every paragraph in document order: it advances the counters.
        """
        num_id, ilvl = self._numbering_of(paragraph)
        if num_id is None or num_id == "0" or num_id not in self.abstract_of:
            return None
        level = self._level_of(num_id, ilvl)
        if level is None or level.fmt == "bullet":
            return None
        abstract = self.abstract_of[num_id]
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for restart_lvl, start in self.restarts.get(num_id, {}).items():
                counters[restart_lvl] = start - 1
                for deeper in [k for k in counters if k > restart_lvl]:
                    del counters[deeper]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = level.text
        for k in range(9, -1, -1):
            token = f"%{k + 1}"
            if token in text:
                shown = self._level_of(num_id, k) or Level()
                value = counters.get(k, shown.start)
                text = text.replace(token, format_number(value, shown.fmt))
        return text

    def _numbering_of(self, paragraph: Any) -> tuple[str | None, int]:
        ppr = paragraph.find(W + "pPr")
        num_id: str | None = None
        ilvl: int | None = None
        style_id = self.default_style
        if ppr is not None:
            num_pr = ppr.find(W + "numPr")
            if num_pr is not None:
                num_id = _val(num_pr, "numId")
                lvl = _val(num_pr, "ilvl")
                ilvl = int(lvl) if lvl and lvl.isdigit() else None
            style_id = _val(ppr, "pStyle") or style_id
        if num_id is None and style_id in self.style_numbering:
            num_id, style_lvl = self.style_numbering[style_id]
            ilvl = ilvl if ilvl is not None else style_lvl
        return num_id, ilvl or 0
