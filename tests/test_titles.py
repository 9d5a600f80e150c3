"""Title line breaks (GB/T 9704-2012 7.3.1): at word gaps, as few and as even lines as possible."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rectimeet.documents.titles import (
    KNOWN_WORDS,
    break_costs,
    break_title,
    text_cells,
    title_line_cells,
)

MEETING = "巡察整改专题民主生活会"
KINDS = ("实施方案", "整改清单", "个人发言提纲", "报送及归档材料清单", "领导班子对照检查材料（提纲）")


def test_a_title_line_holds_twenty_2hao_characters() -> None:
    assert title_line_cells() == 20  # 156 mm over 22 pt less 0.25 pt


@pytest.mark.parametrize(("title", "lines"), [
    ("中共云溪县白沙镇委员会巡察整改专题民主生活会实施方案",
     ("中共云溪县白沙镇委员会", "巡察整改专题民主生活会实施方案")),
    ("关于召开中共云溪县白沙镇委员会巡察整改专题民主生活会的通知",
     ("关于召开中共云溪县白沙镇委员会", "巡察整改专题民主生活会的通知")),
    ("关于召开中共云溪县白沙镇委员会巡察整改专题民主生活会情况的报告",
     ("关于召开中共云溪县白沙镇委员会", "巡察整改专题民主生活会情况的报告")),
    ("关于县委第二巡察组巡察反馈意见整改情况的报告", ("关于县委第二巡察组", "巡察反馈意见整改情况的报告")),
    ("中共云溪县白沙镇委员会巡察整改专题民主生活会议程和主持词",
     ("中共云溪县白沙镇委员会", "巡察整改专题民主生活会议程和主持词")),
    ("短标题", ("短标题",)),
])
def test_titles_break_after_the_organ(title: str, lines: tuple[str, ...]) -> None:
    layout = break_title(title)
    assert layout.lines == lines and layout.forced == 0


def test_a_long_organ_breaks_inside_its_name_at_a_level() -> None:
    layout = break_title("中共某某自治区某某自治州某某某县某某某某乡委员会巡察整改专题民主生活会实施方案")
    assert layout.forced == 0
    assert layout.lines[-1] == "巡察整改专题民主生活会实施方案"
    assert all(text_cells(line) <= 20 for line in layout.lines)


def test_existing_line_breaks_are_kept() -> None:
    assert break_title("第一行\n第二行").lines == ("第一行", "第二行")


def test_a_name_with_no_gap_wider_than_a_line_is_cut_and_counted() -> None:
    layout = break_title("甲" * 45)
    assert layout.forced == 2 and [len(line) for line in layout.lines] == [15, 15, 15]


def test_width_must_hold_a_character() -> None:
    with pytest.raises(ValueError, match="at least one character"):
        break_title("标题", width=0.5)


def test_no_gap_inside_a_known_word() -> None:
    title = f"中共某县委员会{MEETING}实施方案"
    gaps = break_costs(title)
    for word in ("专题民主生活会", "实施方案", "巡察整改"):
        start = title.index(word)
        assert not any(start < gap < start + len(word) for gap in gaps), word


_NAME_CHARS = st.sampled_from(list("云溪白沙石门青乡镇县市区省局委党组中共工信商务和投资促进第一二三"))
organs = st.builds(lambda core, suffix: core + suffix,
                   st.text(_NAME_CHARS, min_size=1, max_size=40),
                   st.sampled_from(["委员会", "党委", "党组", "党总支", ""]))


@settings(max_examples=150, deadline=None)
@given(organ=organs, kind=st.sampled_from(KINDS), prefix=st.sampled_from(["", "中共"]))
def test_any_organ_gives_lines_that_fit_and_break_only_where_allowed(organ: str, kind: str,
                                                                     prefix: str) -> None:
    title = f"{prefix}{organ}{MEETING}{kind}"
    layout = break_title(title)
    assert "".join(layout.lines) == title
    assert all(line and text_cells(line) <= title_line_cells() for line in layout.lines)
    offsets = [sum(len(line) for line in layout.lines[:i]) for i in range(1, len(layout.lines))]
    allowed = break_costs(title)
    assert sum(offset not in allowed for offset in offsets) == layout.forced
    # The words of the meeting and the document are never cut.
    for word in (MEETING, kind):
        start = title.rindex(word)
        assert not any(start < offset < start + len(word) for offset in offsets
                       if not (word == MEETING and offset == start + len("巡察整改")))
    # As few lines as the allowed gaps permit (greedy filling finds that minimum).
    if layout.forced == 0:
        assert len(layout.lines) == _fewest_lines(title, sorted(allowed))


def _fewest_lines(title: str, gaps: list[int]) -> int:
    start, count = 0, 1
    while text_cells(title[start:]) > title_line_cells():
        start = max(g for g in gaps if g > start and text_cells(title[start:g]) <= title_line_cells())
        count += 1
    return count


@settings(max_examples=100, deadline=None)
@given(organ=organs, kind=st.sampled_from(KINDS))
def test_two_line_titles_are_balanced_among_the_best_gaps(organ: str, kind: str) -> None:
    title = f"{organ}{MEETING}{kind}"
    layout = break_title(title)
    if len(layout.lines) != 2 or layout.forced:
        return
    costs = break_costs(title)
    chosen = len(layout.lines[0])
    width = title_line_cells()
    fitting = [g for g in costs if text_cells(title[:g]) <= width and text_cells(title[g:]) <= width]
    cheapest = min(costs[g] for g in fitting)
    assert costs[chosen] <= cheapest + 4  # never an organ-internal gap when a word gap fits…
    best = min(abs(text_cells(title[:g]) - text_cells(title[g:])) for g in fitting
               if costs[g] == costs[chosen])
    # …and among gaps of the same kind, the most even split.
    assert abs(text_cells(layout.lines[0]) - text_cells(layout.lines[1])) == best


def test_known_words_are_longest_first() -> None:
    assert list(KNOWN_WORDS) == sorted(KNOWN_WORDS, key=len, reverse=True)


_title_text = st.lists(
    st.one_of(st.sampled_from(KNOWN_WORDS),
              st.text(st.sampled_from(list("中共县委镇乡巡察整改组的关")), max_size=3)),
    max_size=8).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=_title_text)
def test_words_are_the_longest_known_words_read_left_to_right(text: str) -> None:
    from rectimeet.documents.titles import _words

    spans = _words(text)
    assert "".join(text[a:b] for a, b, _ in spans) == text
    assert all(spans[i][1] == spans[i + 1][0] for i in range(len(spans) - 1))
    for start, end, known in spans:
        if known:
            assert text[start:end] in KNOWN_WORDS
            assert not any(text.startswith(w, start) for w in KNOWN_WORDS if len(w) > end - start)
        else:
            assert not any(text.startswith(w, i) for i in range(start, end) for w in KNOWN_WORDS)
