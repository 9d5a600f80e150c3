"""The render check's geometry rules, on made-up pages (no LibreOffice needed), so they can fail."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from rectimeet.documents import gbt9704 as gb
from render_check import (
    LINE_PITCH,
    PITCH,
    PT_PER_MM,
    Line,
    Page,
    Paragraph,
    align,
    check,
    leading_unit,
    natural_cells,
)

LEFT = gb.MARGIN_LEFT_MM * PT_PER_MM
A4 = (595.3, 841.9)
TOP = gb.MARGIN_TOP_MM * PT_PER_MM


def _page(index: int, texts: Sequence[tuple[str, int]], *, tables: Sequence[float] = (),
          size: float = 16.0) -> Page:
    """A page whose lines are (text, indent in characters), on the 28.95 pt grid."""
    page = Page(index, *A4, table_tops=list(tables))
    for n, (text, indent) in enumerate(texts):
        cells = sum(1.0 if ord(c) > 0x2E80 else 0.5 for c in text)
        page.lines.append(Line(index, text, LEFT + indent * PITCH, TOP + n * LINE_PITCH, size, cells))
    return page


def _paragraph(text: str, kind: str = "body") -> Paragraph:
    return Paragraph(kind, text)


FULL = "测" * 28
FIRST = "测" * 26


def test_full_lines_pass_and_two_cells_a_character_fail() -> None:
    good = [_page(1, [(FIRST, 2), (FULL, 0), ("测测。", 0)])]
    assert check("doc", [_paragraph(FIRST + FULL + "测测。")], good) == []
    spread = [_page(1, [("测" * 12, 2), ("测" * 14, 0), ("测。", 0)])]
    problems = check("doc", [_paragraph("测" * 26 + "测。")], spread)
    assert [p.message.split(",")[0] for p in problems] == ["a line holds 14.0 characters"] * 2


def test_a_short_line_is_fine_when_a_date_did_not_fit() -> None:
    first = "测" * 22 + "时限："  # 25 characters and the indent: the date needs 7.5 more
    page = [_page(1, [(first, 2), ("2026年12月25日前完成。", 0)])]
    assert check("doc", [_paragraph(first + "2026年12月25日前完成。")], page) == []


def test_a_line_wider_than_the_block_fails() -> None:
    page = [_page(1, [("测" * 28, 2), ("测。", 0)])]
    (problem,) = check("doc", [_paragraph("测" * 28 + "测。")], page)
    assert "more than 28" in problem.message


def test_a_heading_on_the_last_line_of_a_page_fails_unless_a_table_follows() -> None:
    body = [(FULL, 0)] * 20
    paragraphs = [_paragraph(FULL * 20), _paragraph("一、会议主题", "heading"), _paragraph("正文。")]
    pages = [_page(1, [*body, ("一、会议主题", 2)]), _page(2, [("正文。", 2)])]
    problems = check("doc", paragraphs, pages)
    assert any("is the last line of the page" in p.message for p in problems)
    pages[0].table_tops.append(800.0)
    assert not any("last line" in p.message for p in check("doc", paragraphs, pages))


def test_a_page_holding_only_the_signature_fails() -> None:
    paragraphs = [_paragraph("正文。"), _paragraph("某镇委员会", "signature"),
                  _paragraph("2026年11月26日", "date")]
    pages = [_page(1, [("正文。", 2)]), _page(2, [("某镇委员会", 20), ("2026年11月26日", 20)])]
    assert any("only the signature" in p.message for p in check("doc", paragraphs, pages))


def test_a_short_page_needs_a_reason() -> None:
    lines = [(FULL, 0)] * 19
    paragraphs = [_paragraph(FULL * 19), _paragraph("下一段。")]
    pages = [_page(1, lines), _page(2, [("下一段。", 2)])]
    (problem,) = check("doc", paragraphs, pages)
    assert problem.page == 1 and "holds 19 lines, not 22" in problem.message
    # A heading moved to the next page is a reason; so is the signature block.
    paragraphs[1] = _paragraph("下一段。", "heading")
    assert check("doc", paragraphs, pages) == []


def test_widow_control_may_move_one_line() -> None:
    paragraphs = [_paragraph(FULL * 20), _paragraph(FULL * 2 + "完。")]
    pages = [_page(1, [(FULL, 0)] * 21), _page(2, [(FULL, 0), (FULL, 0), ("完。", 0)])]
    assert not any("lines, not" in p.message for p in check("doc", paragraphs, pages))


def test_more_than_22_lines_fail() -> None:
    pages = [_page(1, [(FULL, 0)] * 23)]
    (problem,) = check("doc", [_paragraph(FULL * 23)], pages)
    assert "holds 23 lines, more than 22" in problem.message


def test_titles_break_only_at_word_gaps() -> None:
    title = "中共云溪县白沙镇委员会巡察整改专题民主生活会实施方案"
    good = [_page(1, [("中共云溪县白沙镇委员会", 4), ("巡察整改专题民主生活会实施方案", 2)], size=22.0)]
    assert check("doc", [_paragraph(title, "title")], good) == []
    bad = [_page(1, [(title[:20], 0), (title[20:], 7)], size=22.0)]
    (problem,) = check("doc", [_paragraph(title, "title")], bad)
    assert "title breaks inside a word: 改专题民主生 / 活会实施方案" in problem.message


@pytest.mark.parametrize(("first", "second", "message"), [
    ("测" * 20 + "于2026年11月2", "6日前完成。", "'2026年11月26日' is split"),
    ("测" * 22 + "〔202", "6〕5号文。", "'〔2026〕5号' is split"),
    ("测" * 24 + "共12", "30人。", "a number is split"),
])
def test_numbers_and_dates_never_split(first: str, second: str, message: str) -> None:
    pages = [_page(1, [(first, 2), (second, 0)])]
    problems = check("doc", [_paragraph(first + second)], pages)
    assert any(message in p.message for p in problems)


def test_text_that_does_not_follow_the_docx_is_reported() -> None:
    (problem,) = check("doc", [_paragraph("一段话，")], [_page(1, [("一段话", 2)])])
    assert "does not follow the .docx" in problem.message
    with pytest.raises(Exception, match="does not have"):
        align([_paragraph("甲")], [_page(1, [("甲", 2), ("乙", 2)])])


def test_a_missing_punctuation_mark_is_caught() -> None:
    """LibreOffice once dropped hanging punctuation; the alignment notices a lost "、"."""
    problems = check("doc", [_paragraph(FIRST + "、纪委")], [_page(1, [(FIRST, 2), ("纪委", 0)])])
    assert problems and "expected '、纪委'" in problems[0].message


@pytest.mark.parametrize(("text", "unit"), [
    ("2026年12月25日前）", "2026年12月25日前）"),
    ("改，2026年10月30日）", "改，2026年10月30日）"),
    ("见箱1条", "见"),
    ("份。另", "份。"),
])
def test_what_travels_to_the_next_line(text: str, unit: str) -> None:
    assert leading_unit(text) == unit


def test_natural_width_counts_half_width_digits_and_the_space_around_them() -> None:
    cjk = 16.0
    digit = 8.0
    assert natural_cells([("测", cjk)] * 4, 16.0) == pytest.approx(4.0)
    # "会4条": two transitions outside a joined date add a quarter character each.
    assert natural_cells([("会", cjk), ("4", digit), ("条", cjk)], 16.0) == pytest.approx(
        (16 - 0.25 + 8 - 0.25 + 16 - 0.25 + 2 * 4) / 15.75)
    # A joined date gets no such space (LibreOffice sets it in a run of its own language).
    date = [("2", digit), ("6", digit), ("年", cjk)]
    assert natural_cells(date, 16.0) == pytest.approx((3 * -0.25 + 32) / 15.75)
