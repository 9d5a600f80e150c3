"""A clerk's read of every generated document: every example, the demo and each level's scaffold.

The faults are those a 党政办 reviewer marks before signing (``rectimeet.documents.lint``); the
patterns live there, one place, and grow as faults are found. Each pattern is first shown to catch
its fault, so a pattern that can never fire does not pass for a clean set.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import pytest

import rectimeet
from rectimeet.documents.lint import Page, lint, read_docx
from rectimeet.plugins import get_host
from rectimeet.spec.scaffold import new_spec

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MEETING_DAY = dt.date(2026, 12, 18)


def _sources(tmp: Path) -> list[Path]:
    sources = sorted(EXAMPLES.glob("plan*.yaml"))
    demo = tmp / "demo.yaml"
    demo.write_text((resources.files("rectimeet") / "data" / "demo.yaml").read_text("utf-8"), "utf-8")
    sources.append(demo)
    host = get_host()
    for level, info in sorted(host.levels().items()):
        for key in [level, *(f"{level}.{v}" for v in info.variants)]:
            path = tmp / f"scaffold-{key}.yaml"
            path.write_text(new_spec(key, MEETING_DAY, host), "utf-8")
            sources.append(path)
    return sources


@pytest.fixture(scope="module")
def faults(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    tmp = tmp_path_factory.mktemp("lint")
    found: list[str] = []
    for source in _sources(tmp):
        prepared = rectimeet.prepare(source)
        chair_id = prepared.plan.meeting.host
        chair = prepared.plan.unit.member(chair_id) if chair_id else prepared.plan.unit.principal()
        calendar = prepared.calendar
        assert calendar is not None
        out = tmp / source.stem
        for path in rectimeet.assemble(prepared, out):
            page = read_docx(path, chair=chair.name if chair else "",
                             organisation=prepared.plan.unit.party_org)
            for fault in lint(page, lambda day, cal=calendar: not cal.is_working_day(day)):
                found.append(f"{source.name} | {fault.code} {fault.why} | {fault.document} | {fault.text}")
    return found


def test_every_generated_document_reads_clean(faults: list[str]) -> None:
    assert faults == []


def _page(*paragraphs: str, style: str = "正文", tables: list[list[list[str]]] | None = None,
          chair: str = "", organisation: str = "", signed: str = "") -> Page:
    rows = [(style, p) for p in paragraphs]
    if signed:
        rows.append(("署名日期", signed))
    return Page("t.docx", rows, tables or [], chair, organisation)


@pytest.mark.parametrize(("code", "page"), [
    ("CL01", _page("今天，市委巡察组领导同志、市委巡察办领导同志的领导同志到会指导")),
    ("CL01", _page("请市委第二巡察组组长刘虎领导同志讲话。")),
    ("CL02", _page("学习《中国共产党章程》、《中国共产党纪律处分条例》。")),
    ("CL03", _page("（一）党委（党组）书记审阅把关发言提纲")),
    ("CL04", _page("地点：待定")),
    ("CL05", _page("时间：2026年7月3日前上午9:00至下午5:30")),
    ("CL06", _page("上午8:30至上午11:30：理论学习。")),
    ("CL07", _page("于2026年12月4日前前完成。")),
    ("CL09", _page("经中共某县委员会研究，决定召开中共某县委员会巡察整改专题民主生活会。",
                   organisation="中共某县委员会")),
    ("CL10", _page("于2026年7月18日前报送。")),  # a Saturday
    ("CL11", _page("请陈立军同志代表领导班子作对照检查。", chair="陈立军")),
    ("CL12", _page(tables=[[["序号", "问题", "整改措施"]]])),
    ("CL13", [_page("一、会议主题", style="一级标题"), _page("县委巡察组反馈意见整改")]),
    ("CL14", _page("请于2026年12月7日前将发言提纲交主要负责同志审阅。", signed="2026年12月9日")),
])
def test_each_pattern_catches_its_fault(code: str, page: Page | list[Page]) -> None:
    if isinstance(page, list):  # a heading and the paragraph under it
        page = Page("t.docx", [row for p in page for row in p.paragraphs], [])
    rest_days = {dt.date(2026, 7, 18)}
    codes = {f.code for f in lint(page, lambda day: day in rest_days)}
    assert code in codes


def test_titles_in_book_marks_are_quoted_as_published() -> None:
    page = _page("学习《党委（党组）落实全面从严治党主体责任规定》。")
    assert lint(page) == []
