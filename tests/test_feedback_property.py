"""Property tests: whatever the numbering style and however the text is split into paragraphs,
the parser finds the same problems, word for word."""

from __future__ import annotations

import tempfile
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feedback_documents import add_abstract_list, add_num, numbered
from rectimeet.feedback import parse_builtin
from rectimeet.feedback.numerals import to_chinese
from rectimeet.feedback.parser import parse_blocks
from rectimeet.feedback.reader import Paragraph

WORDS = ["落实", "责任", "不到位", "学习", "制度", "执行", "不严格", "监督", "党建", "工作", "薄弱",
         "资金", "管理", "不规范", "“三会一课”", "形式主义", "村级", "项目", "推进", "缓慢",
         "《条例》", "（试行）"]
AREA_TITLES = ["党的领导方面", "党的建设方面", "全面从严治党方面", "选人用人方面", "整改落实方面",
               "意识形态工作方面"]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
STYLES = {
    "full_stop": lambda n: f"{n}．",
    "half_stop": lambda n: f"{n}.",
    "dun": lambda n: f"{n}、",
    "full_digits": lambda n: f"{str(n).translate(FULL_WIDTH)}．",
    "full_paren": lambda n: f"（{n}）",
    "half_paren": lambda n: f"({n})",
    "circled": lambda n: "①②③④⑤⑥⑦⑧⑨⑩"[n - 1],
    "yishi": lambda n: f"{to_chinese(n)}是",
}

statements = st.lists(st.sampled_from(WORDS), min_size=2, max_size=6).map("".join)
details = st.lists(st.sampled_from([*WORDS, "，", "2025年", "3个村"]), min_size=2, max_size=8).map(
    lambda words: "".join(words).strip("，") + "。").filter(lambda t: len(t) > 1)


@st.composite
def problems(draw: st.DrawFn) -> tuple[str, list[tuple[str, bool]]]:
    """A statement and its details, each flagged: does it start a new paragraph?"""
    return draw(statements), draw(st.lists(st.tuples(details, st.booleans()), max_size=3))


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[tuple[str, list[tuple[str, list[tuple[str, bool]]]]]],
                                         list[bool]]:
    style = draw(st.sampled_from(sorted(STYLES)))
    titles = draw(st.lists(st.sampled_from(AREA_TITLES), min_size=1, max_size=4, unique=True))
    areas = [(title, draw(st.lists(problems(), min_size=1, max_size=6))) for title in titles]
    # For 一是 sentences: does each problem start a new paragraph (else it follows on)?
    breaks = draw(st.lists(st.booleans(), min_size=40, max_size=40))
    return style, areas, breaks


def split(parts: list[tuple[str, bool]]) -> tuple[str, list[str]]:
    """(text that follows the statement in its paragraph, the paragraphs after it)."""
    inline, paragraphs = "", []
    for text, new_paragraph in parts:
        if new_paragraph:
            paragraphs.append(text)
        elif paragraphs:
            paragraphs[-1] += text
        else:
            inline += text
    return inline, paragraphs


def expected_details(parts: list[tuple[str, bool]]) -> list[str]:
    inline, paragraphs = split(parts)
    return [inline, *paragraphs] if inline else paragraphs


def render_lines(style: str, areas: list[tuple[str, list[tuple[str, list[tuple[str, bool]]]]]],
                 breaks: list[bool]) -> list[str]:
    lines = ["县委第一巡察组关于巡察某某乡党委的反馈意见", "一、巡察发现的主要问题"]
    label = STYLES[style]
    for a, (title, items) in enumerate(areas, 1):
        lines.append(f"（{to_chinese(a)}）{title}")
        for n, (statement, parts) in enumerate(items, 1):
            starts_paragraph = style != "yishi" or breaks[(a * 7 + n) % len(breaks)]
            text = f"{label(n)}{statement}。"
            if n == 1 and not starts_paragraph:
                # 一是 may follow the area heading in its paragraph: （一）党的建设方面。一是……
                lines[-1] += "。" + text
            elif starts_paragraph:
                lines.append(text)
            else:
                lines[-1] += text
            for detail, new_paragraph in parts:
                if new_paragraph:
                    lines.append(detail)
                else:
                    lines[-1] += detail
    lines += ["二、意见建议", "（一）扎实推进整改。", "县委第一巡察组", "2026年11月27日"]
    return lines


def check(doc_areas: list[tuple[str, list[tuple[str, list[str]]]]],
          areas: list[tuple[str, list[tuple[str, list[tuple[str, bool]]]]]]) -> None:
    assert doc_areas == [(title, [(s, expected_details(parts)) for s, parts in items])
                         for title, items in areas]


@settings(max_examples=150, deadline=None)
@given(documents())
def test_any_numbering_style_and_paragraph_split(case: tuple[str, list, list[bool]]) -> None:
    style, areas, breaks = case
    lines = render_lines(style, areas, breaks)
    doc = parse_blocks([Paragraph(text, "line", n) for n, text in enumerate(lines, 1)], "f.txt")
    check([(a.title, [(p.statement, p.details) for p in a.problems]) for a in doc.areas], areas)
    labels = [p.label for a in doc.areas for p in a.problems]
    assert labels == [STYLES[style](n).replace(" ", "") for _, items in areas
                      for n in range(1, len(items) + 1)]
    assert [s.statement for s in doc.suggestions] == ["扎实推进整改"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(AREA_TITLES), st.lists(problems(), min_size=1, max_size=4)),
                min_size=1, max_size=3, unique_by=lambda area: area[0]),
       st.sampled_from([("decimal", "%1．"), ("decimal", "%1."), ("decimalFullWidth", "%1．"),
                        ("decimal", "（%1）"), ("decimalEnclosedCircle", "%1")]),
       st.booleans())
def test_word_list_numbering_in_any_format(areas: list, level: tuple[str, str], restart: bool) -> None:
    """Problems numbered by Word (numbering.xml) rather than typed, restarting in each area."""
    document = docx.Document()
    document.add_paragraph("县委第一巡察组关于巡察某某乡党委的反馈意见")
    document.add_paragraph("一、巡察发现的主要问题")
    abstract = add_abstract_list(document, [level])
    for a, (title, items) in enumerate(areas, 1):
        document.add_paragraph(f"（{to_chinese(a)}）{title}")
        # Word's "restart numbering" is a new list instance with a startOverride; without it a
        # new instance of the same list goes on counting.
        num = add_num(document, abstract, {0: 1} if restart or a == 1 else None)
        for statement, parts in items:
            inline, paragraphs = split(parts)
            numbered(document, f"{statement}。{inline}", num)
            for text in paragraphs:
                document.add_paragraph(text)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "f.docx"
        document.save(str(path))
        doc = parse_builtin(path)
    expected = [(statement, expected_details(parts)) for _, items in areas for statement, parts in items]
    assert [(p.statement, p.details) for p in doc.problems] == expected
    fmt, text = level
    numbers = ([n for _, items in areas for n in range(1, len(items) + 1)] if restart
               else list(range(1, sum(len(items) for _, items in areas) + 1)))
    from rectimeet.feedback.numbering import format_number

    assert [p.label for p in doc.problems] == [text.replace("%1", format_number(n, fmt)) for n in numbers]
