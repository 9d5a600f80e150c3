"""Breaking a document title into lines, as GB/T 9704-2012 7.3.1 asks.

The standard centres the 2号 title and, when it needs more than one line, asks that "回行时，要做到
词意完整，排列对称，长短适宜，间距恰当" in a trapezoid or diamond. So a break falls only between words
(never inside 专题民主生活会, 实施方案 or an organ's name when it can be helped), and the lines are as
few and as even as possible; centring makes the shape.

Where a break may fall is decided by :func:`break_costs`: the gap after the issuing organ (before
巡察整改…) is the best place, gaps between the meeting's and the document's own words come next, gaps
inside an organ's name (after 中共, after a 省/市/县/镇 level, before 委员会/党委/党组) are allowed when
nothing better fits, and every other gap is forbidden. Only when a run with no allowed gap is
wider than a line is it cut where it must be (:attr:`TitleLayout.forced`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rectimeet.documents import gbt9704 as gb

# Words a title is made of, longest first so that 专题民主生活会 wins over 民主生活会.
KNOWN_WORDS = tuple(sorted((
    "巡视巡察整改", "巡察整改", "巡视整改", "整改", "专题民主生活会", "专题组织生活会", "民主生活会",
    "组织生活会", "实施方案", "会议通知", "征求意见表", "谈心谈话安排表", "会议议程和主持词",
    "议程和主持词", "领导班子对照检查材料", "领导班子", "对照检查材料", "（提纲）", "个人发言提纲",
    "发言提纲", "整改清单",
    "情况报告", "整改情况", "情况的报告", "报送及归档材料清单", "反馈意见", "巡察", "巡视",
    "巡察组", "巡视组",
    "关于召开", "关于", "的通知", "的报告",
), key=len, reverse=True))

# One alternation in the same order: at each position the regex engine tries the words longest
# first, as a loop over KNOWN_WORDS would, in C.
_KNOWN = re.compile("|".join(map(re.escape, KNOWN_WORDS)))

# Words a line may not end with (they lead into what follows) or start with (they close it).
_NO_BREAK_AFTER = ("关于召开", "关于")
_NO_BREAK_BEFORE = ("的通知", "的报告", "（提纲）", "巡察组", "巡视组")
_NAME_ENDS = ("巡察组", "巡视组")
"""Words that end a name (县委第二巡察组): what follows starts the title's main words."""

ORGAN_SUFFIXES = ("委员会", "党委", "党组", "党工委", "党总支", "党支部")
_LEVELS = "省市县区旗州盟镇乡"

COST_AFTER_ORGAN = 0.0
"""The usual place: …委员会 / 巡察整改专题民主生活会实施方案."""
COST_BETWEEN_WORDS = 1.0
COST_INSIDE_MEETING = 3.0
"""巡察整改 / 专题民主生活会: allowed, but the meeting's name reads best whole."""
COST_INSIDE_ORGAN = 4.0
FORCED = 1000.0
_BALANCE_WEIGHT = 0.25
"""Cost of each character a line is longer or shorter than the average."""

_RECTIFICATION = ("巡视巡察整改", "巡察整改", "巡视整改", "整改")
_MEETINGS = ("专题民主生活会", "专题组织生活会", "民主生活会", "组织生活会")


def char_cells(char: str) -> float:
    """Width in character cells: a full-width character is one cell, a half-width one half."""
    return 0.5 if unicodedata.east_asian_width(char) in ("Na", "H") else 1.0


def text_cells(text: str) -> float:
    return sum(char_cells(c) for c in text)


def title_line_cells() -> int:
    """Cells in one title line: the text block over a 2号 character (less the condensed spacing)."""
    width_pt = (gb.PAGE_WIDTH_MM - gb.MARGIN_LEFT_MM - gb.MARGIN_RIGHT_MM) * 72 / 25.4
    return int(width_pt // (gb.TITLE_PT + gb.CHAR_SPACING_TWIPS / 20))


def _words(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, known) spans covering ``text``: known words, and the runs between them."""
    spans: list[tuple[int, int, bool]] = []
    i = unknown_start = 0
    while i < len(text):
        match = _KNOWN.match(text, i)
        if match is None:
            i += 1
            continue
        word = match.group(0)
        if unknown_start < i:
            spans.append((unknown_start, i, False))
        spans.append((i, i + len(word), True))
        i += len(word)
        unknown_start = i
    if unknown_start < len(text):
        spans.append((unknown_start, len(text), False))
    return spans


def _organ_gaps(text: str, start: int, end: int) -> dict[int, float]:
    """Allowed gaps inside a run that is not a known word (an organ's or a group's name)."""
    gaps: dict[int, float] = {}
    run = text[start:end]
    if run.startswith("中共") and len(run) > 2:
        gaps[start + 2] = COST_INSIDE_ORGAN
    for suffix in ORGAN_SUFFIXES:
        for match in re.finditer(re.escape(suffix), run):
            # "县委" and "镇党委" read as one word: never break right after a level character.
            if match.start() > 0 and run[match.start() - 1] not in _LEVELS:
                gaps[start + match.start()] = COST_INSIDE_ORGAN
    for match in re.finditer(f"[{_LEVELS}]", run):
        gap = match.end()
        follows = run[match.end():match.end() + 1]
        if 1 < match.end() < len(run) and follows not in ("委", "党", "直", "属", "人", "政", "纪"):
            gaps[start + gap] = COST_INSIDE_ORGAN
    return gaps


def break_costs(text: str) -> dict[int, float]:
    """The allowed gaps of ``text`` (index of the first character of the next line) → cost."""
    costs: dict[int, float] = {}
    spans = _words(text)
    for index, (start, end, known) in enumerate(spans):
        if not known:
            costs.update(_organ_gaps(text, start, end))
        if index == 0:
            continue
        previous = spans[index - 1]
        word = text[start:end]
        before = text[previous[0]:previous[1]]
        if before in _NO_BREAK_AFTER or word in _NO_BREAK_BEFORE:
            continue
        # After a name (an unknown run) comes the title's main word: the best break.
        if (known and not previous[2]) or before in _NAME_ENDS:
            costs[start] = COST_AFTER_ORGAN
        elif (before in _RECTIFICATION and word in _MEETINGS) or (
                before in ("巡察", "巡视") and word in ("反馈意见", "整改情况", "整改")):
            costs[start] = COST_INSIDE_MEETING
        else:
            costs[start] = COST_BETWEEN_WORDS
    return {gap: cost for gap, cost in costs.items() if 0 < gap < len(text)}


@dataclass(frozen=True)
class TitleLayout:
    """The lines of a title and how they were chosen."""

    lines: tuple[str, ...]
    forced: int
    """Breaks that fall where no word boundary allowed one (a name wider than a line)."""


def break_title(text: str, width: float | None = None) -> TitleLayout:
    """Split ``text`` into the fewest lines of at most ``width`` cells, breaking at word gaps and
    keeping the lines as even as possible. Existing line breaks in ``text`` are kept."""
    return _break_title(text, float(title_line_cells() if width is None else width))


@lru_cache(maxsize=1024)
def _break_title(text: str, width: float) -> TitleLayout:
    # Every document of a set has a title of the same few words: worth remembering.
    if width < 1:
        raise ValueError("a title line must hold at least one character")
    lines: list[str] = []
    forced = 0
    for part in text.split("\n"):
        layout = _break_part(part, width)
        lines.extend(layout.lines)
        forced += layout.forced
    return TitleLayout(tuple(lines), forced)


def _break_part(text: str, width: float) -> TitleLayout:
    if text_cells(text) <= width or not text:
        return TitleLayout((text,), 0)
    allowed = break_costs(text)
    n = len(text)
    # gaps[a]: the cost of starting a line at a (FORCED where no word boundary allows it).
    gaps = [0.0] + [allowed.get(i, FORCED) for i in range(1, n)]
    prefix = [0.0]
    for char in text:
        prefix.append(prefix[-1] + char_cells(char))
    # first[b]: the earliest start of a line that ends at b and fits (a line of one character
    # always fits: the width holds at least one).
    first = [0] * (n + 1)
    a = 0
    for b in range(1, n + 1):
        while prefix[b] - prefix[a] > width:
            a += 1
        first[b] = a

    # Pass 1: the fewest forced breaks, then the fewest lines (as forced × _MANY + lines).
    best = [_NONE] * (n + 1)
    best[0] = 0
    for b in range(1, n + 1):
        for a in range(b - 1, first[b] - 1, -1):
            if best[a] != _NONE:
                candidate = best[a] + (_MANY if a > 0 and gaps[a] >= FORCED else 0) + 1
                if candidate < best[b]:
                    best[b] = candidate
    min_forced, line_count = divmod(best[n], _MANY)
    mean = prefix[n] / line_count
    # fewest[a]: the fewest lines the text from a on needs. A line ending at b that leaves more
    # than the remaining lines can hold is never part of the answer: pass 2 skips it.
    fewest = [0] * (n + 1)
    end = n
    for a in range(n - 1, -1, -1):
        while prefix[end] - prefix[a] > width:
            end -= 1
        fewest[a] = 1 + min(fewest[a + 1:end + 1])

    # Pass 2: with that many lines and forced breaks, the cheapest gaps and the most even lines.
    State = tuple[int, float, int]  # forced, score, previous gap
    table: list[dict[int, State]] = [{} for _ in range(n + 1)]
    table[0][0] = (0, 0.0, -1)
    for b in range(1, n + 1):
        room = line_count - fewest[b]  # the most lines that may end at b
        states = table[b]
        for a in range(b - 1, first[b] - 1, -1):
            previous = table[a]
            if not previous:
                continue
            gap_cost = gaps[a] if a > 0 else 0.0
            extra = 1 if gap_cost >= FORCED else 0
            gap_score = min(gap_cost, FORCED) * (1 - extra)
            balance = _BALANCE_WEIGHT * abs(prefix[b] - prefix[a] - mean)
            for k, (f, score, _) in previous.items():
                if k >= room or f + extra > min_forced:
                    continue
                new = (f + extra, score + gap_score + balance, a)
                old = states.get(k + 1)
                if old is None or new[:2] < old[:2]:
                    states[k + 1] = new
    cuts = [n]
    k, position = line_count, n
    while position > 0:
        position = table[position][k][2]
        k -= 1
        cuts.append(position)
    cuts.reverse()
    lines = tuple(text[cuts[i]:cuts[i + 1]] for i in range(len(cuts) - 1))
    return TitleLayout(lines, min_forced)


_MANY = 1 << 20
"""More lines than any title has: pass 1 orders (forced, lines) as one number."""
_NONE = 1 << 62
