"""The printed-page pass over rendered documents, and the layout the templates carry for it."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rectimeet import api
from rectimeet import spec as spec_mod
from rectimeet.documents import gbt9704 as gb
from rectimeet.documents.assembly import assemble
from rectimeet.documents.authoring import column_mm
from rectimeet.documents.typeset import WORD_JOINER, join_numbers, strip_joiners
from test_documents_support import NS, W, part_xml

AS_OF = dt.date(2027, 1, 13)
J = WORD_JOINER


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    text = (resources.files("rectimeet") / "data" / "demo.yaml").read_text("utf-8")
    prepared = api.prepare(spec_mod.load_text(text, source="demo.yaml").plan)
    paths = assemble(prepared, tmp_path_factory.mktemp("demo"), as_of=AS_OF)
    return {p.stem: p for p in paths}


def _doc(demo: dict[str, Path], name: str) -> Path:
    return next(p for stem, p in demo.items() if stem.endswith(name))


@pytest.mark.parametrize(("text", "joined"), [
    ("2026年11月26日前", f"2026{J}年{J}11{J}月{J}26{J}日前"),
    ("〔2026〕5号", f"〔{J}2026{J}〕{J}5{J}号"),
    ("上午8:30至下午5:30", f"上{J}午{J}8{J}:{J}30至下{J}午{J}5{J}:{J}30"),  # 上午 stays with its time
    ("共8项", "共8项"),
    ("", ""),
])
def test_dates_numbers_and_times_are_joined(text: str, joined: str) -> None:
    assert join_numbers(text) == joined


@given(st.text())
def test_joining_is_invisible_and_idempotent(text: str) -> None:
    text = strip_joiners(text)
    once = join_numbers(text)
    assert strip_joiners(once) == text
    assert join_numbers(once) == once


def test_titles_are_broken_into_balanced_lines(demo: dict[str, Path]) -> None:
    body = part_xml(_doc(demo, "实施方案"), "word/document.xml")
    title = body.xpath("//w:p[w:pPr/w:pStyle/@w:val='公文标题'][1]", namespaces=NS)[0]
    lines = "".join(el.text if el.tag == f"{{{W}}}t" else "\n"
                    for el in title.iter(f"{{{W}}}t", f"{{{W}}}br"))
    assert lines == "中共云溪县白沙镇委员会\n巡察整改专题民主生活会实施方案"


def test_the_paragraph_above_the_signature_keeps_with_it(demo: dict[str, Path]) -> None:
    for name in ("实施方案", "会议通知", "情况报告", "整改情况报告"):
        body = part_xml(_doc(demo, name), "word/document.xml")
        paragraphs = body.xpath("//w:body/w:p", namespaces=NS)
        styles = [p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) for p in paragraphs]
        first_signature = styles.index("署名日期")
        blank, above = paragraphs[first_signature - 1], paragraphs[first_signature - 2]
        assert above.xpath("w:pPr/w:keepNext", namespaces=NS), name
        assert "".join(above.xpath(".//w:t/text()", namespaces=NS)).strip(), name
        assert blank.xpath("w:pPr/w:keepNext", namespaces=NS), name
        assert paragraphs[first_signature].xpath("w:pPr/w:keepNext", namespaces=NS), name


def test_dates_sit_in_runs_libreoffice_breaks_by_the_unicode_rules(demo: dict[str, Path]) -> None:
    body = part_xml(_doc(demo, "会议通知"), "word/document.xml")
    runs = body.xpath("//w:r[w:rPr/w:lang/@w:eastAsia='en-US']", namespaces=NS)
    texts = {"".join(r.xpath("w:t/text()", namespaces=NS)) for r in runs}
    assert f"2026{J}年{J}12{J}月{J}11{J}日" in texts


def test_no_table_is_only_a_header(demo: dict[str, Path]) -> None:
    body = part_xml(_doc(demo, "整改清单"), "word/document.xml")
    for table in body.xpath("//w:tbl", namespaces=NS):
        assert len(table.xpath("w:tr", namespaces=NS)) > 1
    texts = ["".join(p.xpath(".//w:t/text()", namespaces=NS)) for p in body.xpath("//w:body/w:p", namespaces=NS)]
    assert texts.count("无。") == 3  # three members of the demo have no items of their own


def test_rows_never_split_and_headers_repeat(demo: dict[str, Path]) -> None:
    for name in ("整改清单", "谈心谈话安排表", "报送及归档材料清单", "整改情况报告", "征求意见表"):
        body = part_xml(_doc(demo, name), "word/document.xml")
        for table in body.xpath("//w:tbl", namespaces=NS):
            rows = table.xpath("w:tr", namespaces=NS)
            assert all(r.xpath("w:trPr/w:cantSplit", namespaces=NS) for r in rows), name
            assert rows[0].xpath("w:trPr/w:tblHeader", namespaces=NS), name


def test_narrow_columns_hold_their_content_on_one_line(demo: dict[str, Path]) -> None:
    twips_per_mm = 1440 / 25.4
    for name in ("整改清单", "谈心谈话安排表", "报送及归档材料清单", "整改情况报告"):
        body = part_xml(_doc(demo, name), "word/document.xml")
        table = body.xpath("//w:tbl", namespaces=NS)[0]
        header = ["".join(c.xpath(".//w:t/text()", namespaces=NS)) for c in table.xpath("w:tr[1]/w:tc", namespaces=NS)]
        widths = [int(c.get(f"{{{W}}}w")) / twips_per_mm for c in table.xpath("w:tblGrid/w:gridCol", namespaces=NS)]
        by_header = dict(zip(header, widths, strict=True))
        assert by_header["序号"] >= column_mm(2) - 0.1, name  # never 序/号
        for date_column in ("完成时限", "时限", "时间"):
            if date_column in by_header:
                assert by_header[date_column] >= column_mm(7) - 0.1, name  # 2026年12月25日


def test_the_eight_column_checklist_is_set_across_a_landscape_page(demo: dict[str, Path]) -> None:
    body = part_xml(_doc(demo, "整改清单"), "word/document.xml")
    size = body.xpath("//w:body/w:sectPr/w:pgSz", namespaces=NS)[0]
    assert size.get(f"{{{W}}}orient") == "landscape"
    assert int(size.get(f"{{{W}}}w")) > int(size.get(f"{{{W}}}h"))


def test_hanging_punctuation_is_off_for_libreoffice() -> None:
    """LibreOffice reads w:overflowPunct inverted and drops hanging punctuation in justified
    lines; val="1" keeps every character (Word and WPS read it as their default)."""
    from rectimeet.documents.authoring import TemplateWriter

    writer = TemplateWriter()
    normal = writer.doc.styles["Normal"].element
    assert normal.xpath("w:pPr/w:overflowPunct/@w:val") == ["1"]
    assert gb.CHAR_SPACING_TWIPS == -5


def test_a_break_is_offered_next_to_a_joined_number_where_the_rules_allow_one(
        demo: dict[str, Path]) -> None:
    """LibreOffice steps back a character at the edge of a number's run ("立行立 / 改，2026…");
    a zero-width space before the number lets it break after "，" instead."""
    body = part_xml(_doc(demo, "领导班子对照检查材料提纲"), "word/document.xml")
    texts = ["".join(p.xpath(".//w:t/text()", namespaces=NS)) for p in body.xpath("//w:body/w:p", namespaces=NS)]
    item = next(t for t in texts if t.startswith("1.") and "立行立改" in t)
    assert f"（立行立改，\u200b2026{J}年" in item
    assert "\u200b）" not in item  # never before a mark that may not start a line
    assert strip_joiners(item) == "1.“第一议题”学习流于形式（立行立改，2026年12月25日）"
