"""The built-in templates, written from code: ``python -m rectimeet.documents.build_templates``.

Each function below writes one document's template; the .docx files it produces are committed
under ``rectimeet/documents/templates`` and a test checks they equal a fresh build. A user edits a
copy in Word or WPS and points ``--templates`` (or a plugin's ``rectimeet_template_dirs``) at it.
Field names are those of :func:`rectimeet.documents.context.build_context`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from rectimeet.documents import gbt9704 as gb
from rectimeet.documents.authoring import (
    LANDSCAPE_BLOCK_WIDTH_MM,
    TEXT_BLOCK_WIDTH_MM,
    TemplateWriter,
)
from rectimeet.documents.authoring import column_mm as col

TEMPLATE_DIR = Path(__file__).parent / "templates"

KAI = gb.CHAR_KAI
NONE = "无。"
"""What a table with no rows prints instead (never a header alone)."""

# Columns hold their longest usual value on one line at 小四: 序号 2 characters, a date such as
# 2026年12月25日 7 (a digit is half a character), 2026年11月30日上午 9, a person's name 3.
SEQ = col(2)
DATE = col(8)
NAME = col(3)


def _rest(*fixed: float, parts: int = 1, block: float = TEXT_BLOCK_WIDTH_MM) -> list[float]:
    """The width left over by the ``fixed`` columns, split into ``parts`` equal columns."""
    left = block - sum(fixed)
    return [round(left / parts - 0.05, 1)] * parts


def _participants(w: TemplateWriter) -> None:
    w.tag("for p in participants")
    w.runs([("{{ p.number }}{{ p.label }}：", KAI), ("{{ p.text }}", None)])
    w.tag("endfor")


def _sessions(w: TemplateWriter) -> None:
    w.para("时间：{{ meeting.date_weekday }}，{{ meeting.length_text }}。")
    w.tag("for s in meeting.sessions")
    w.para("{{ s.time_text }}：{{ s.content }}")
    w.tag("endfor")


def _numbered(w: TemplateWriter, items: str) -> None:
    w.tag(f"for it in {items}")
    w.para("{{ it.number }}{{ it.text }}")
    w.tag("endfor")


def _requirements(w: TemplateWriter) -> None:
    w.tag("for r in requirements")
    w.runs([("{{ r.number }}{{ r.head }}", KAI), ("{{ r.rest }}", None)])
    w.tag("endfor")


def plan(w: TemplateWriter) -> None:
    """实施方案: the parts of the plan's outline, each a 一、 heading over its paragraphs."""
    w.title("{{ doc.title }}")
    w.para("{{ intro }}")
    w.tag("for section in sections")
    w.h1("{{ section.number }}{{ section.title }}")
    w.tag("for b in section.blocks")
    w.tag('if b.style == "h2"')
    w.h2("{{ b.text }}")
    w.tag('elif b.style == "lead"')
    w.runs([("{{ b.lead }}", KAI), ("{{ b.text }}", None)])
    w.tag("else")
    w.para("{{ b.text }}")
    w.tag("endif")
    w.tag("endfor")
    w.tag("endfor")
    w.signature("{{ issuer }}", "{{ issued_on_text }}")


def notice(w: TemplateWriter) -> None:
    """会议通知."""
    w.tag("if doc_number")
    w.para("{{ doc_number }}", gb.STYLE_DOC_NUMBER)
    w.tag("endif")
    w.title("{{ doc.title }}")
    w.plain("{{ notice.addressees }}：")
    w.para("经{{ org.name }}研究，定于{{ meeting.date_weekday }}召开{{ meeting.short_title }}。"
           "现将有关事项通知如下。")
    w.h1("一、会议时间")
    _sessions(w)
    w.h1("二、会议地点")
    w.para("{{ meeting.venue }}")
    w.h1("三、参会人员")
    _participants(w)
    w.h1("四、会议议程")
    w.tag("for a in agenda")
    w.para("{{ a.number }}{{ a.text }}")
    w.tag("endfor")
    w.h1("五、有关要求")
    _numbered(w, "notice.requirements")
    w.signature("{{ issuer }}", "{{ notice.date_text }}")


def opinion_form(w: TemplateWriter) -> None:
    """征求意见表: a printable form."""
    w.title("{{ doc.title }}")
    w.para("为开好{{ meeting.short_title }}，现就{{ org.name }}领导班子和班子成员在{{ focus_titles }}"
           "等方面存在的问题广泛征求意见建议。请于{{ opinion_form.due_text }}前将本表交"
           "{{ opinion_form.collector }}，可不署名。")
    w.table(["征求意见对象", "意见建议"], [40, 116], rows=[["领导班子", ""]], loop="t in opinion_form.targets",
            cells=["{{ t }}", ""], min_row_height_mm=28)
    w.plain("填表人（可不填）：　　　　　　单位：　　　　　　日期：")


def talk_schedule(w: TemplateWriter) -> None:
    """谈心谈话安排表, from the scheduled talks."""
    w.title("{{ doc.title }}")
    w.para("{{ talks.summary }}")
    fixed = [SEQ, col(4), col(4), col(9), col(4)]
    w.table(["序号", "谈话人", "谈话对象", "类型", "时间", "完成情况"],
            [SEQ, col(4), col(4), *_rest(*fixed), col(9), col(4)], loop="t in talks.rows", empty=NONE,
            cells=["{{ t.seq }}", "{{ t.a_name }}", "{{ t.b_name }}", "{{ t.kind_text }}",
                   "{{ t.when_text }}", "{{ t.held_text }}"])
    w.para("{{ talks.note }}")


def agenda_script(w: TemplateWriter) -> None:
    """会议议程和主持词: the agenda, then the host's script (for the host only)."""
    w.title("{{ doc.title }}")
    w.plain("时间：{{ meeting.date_weekday }}{{ meeting.time_range_text }}")
    w.plain("地点：{{ meeting.venue }}")
    w.plain("主持：{{ meeting.host_label }}")
    w.h1("一、会议议程")
    w.tag("for a in agenda")
    w.para("{{ a.number }}{{ a.text }}")
    w.tag("endfor")
    w.h1("二、主持词")
    w.para("（主持人用。【】内为需要填写或由他人发言的内容。）")
    w.tag("for block in script")
    w.h2("{{ block.number }}{{ block.heading }}")
    w.tag("for line in block.lines")
    w.para("{{ line }}")
    w.tag("endfor")
    w.tag("endfor")


def _outline_body(w: TemplateWriter, who: str) -> None:
    # Items of a list are body paragraphs, not headings: a heading keeps with what follows, and
    # a list of headings would drag a whole list onto the next page.
    w.para("说明：本提纲只列出标题和相关问题，正文由本人撰写，严禁他人代笔、网上下载。")
    w.h1("一、认领的{{ inspection.kind }}反馈问题")
    w.tag(f"if {who}.claimed")
    w.tag(f"for it in {who}.claimed")
    w.h3("{{ it.number }}{{ it.text }}")
    w.para("【本人撰写：问题表现和原因剖析】")
    w.tag("endfor")
    w.tag("else")
    w.para("【本人撰写：对照反馈问题对号入座查找的问题】")
    w.tag("endif")
    w.h1("二、征求到的意见建议")
    w.tag(f"if {who}.opinions")
    w.tag(f"for it in {who}.opinions")
    w.para("{{ it.number }}{{ it.text }}")
    w.tag("endfor")
    w.para("【本人撰写：对上述意见建议的认识】")
    w.tag("else")
    w.para("【本人撰写】")
    w.tag("endif")
    w.h1("三、对照检查")
    w.tag("for area in focus_areas")
    w.h2("{{ area.number }}{{ area.title }}")
    w.tag("for pt in area.points")
    w.para("{{ pt.number }}{{ pt.text }}")
    w.tag("endfor")
    w.para("【本人撰写】")
    w.tag("endfor")


def team_outline(w: TemplateWriter) -> None:
    """班子对照检查材料: a skeleton only."""
    w.title("{{ doc.title }}")
    _outline_body(w, "team")
    w.h1("四、原因剖析")
    w.para("【本人撰写】")
    w.h1("五、整改措施")
    w.tag("for it in team.checklist")
    w.para("{{ it.seq }}.{{ it.issue }}（{{ it.kind }}，{{ it.deadline_text }}）")
    w.tag("endfor")
    w.para("【本人撰写】")


def member_outline(w: TemplateWriter) -> None:
    """个人发言提纲: a skeleton only, one per member."""
    w.title("{{ doc.title }}")
    w.plain("{{ person.label }}")
    _outline_body(w, "person")
    w.h1("四、收到的批评意见")
    w.tag("if person.criticisms")
    w.tag("for it in person.criticisms")
    # A heading only when the points follow; a bare count is an item of the list.
    w.tag("if it.texts")
    w.h3("{{ it.number }}{{ it.from_name }}同志提出{{ it.count }}条")
    w.tag("else")
    w.para("{{ it.number }}{{ it.from_name }}同志提出{{ it.count }}条")
    w.tag("endif")
    w.tag("for t in it.texts")
    w.h4("{{ t.number }}{{ t.text }}")
    w.tag("endfor")
    w.tag("endfor")
    w.tag("else")
    w.para("【会上记录】")
    w.tag("endif")
    w.h1("五、原因剖析")
    w.para("【本人撰写】")
    w.h1("六、整改措施")
    w.tag("for it in person.checklist")
    w.para("{{ it.seq }}.{{ it.issue }}（{{ it.kind }}，{{ it.deadline_text }}）")
    w.tag("endfor")
    w.para("【本人撰写】")
    w.h1("七、需要说明的其他事项")
    w.para("（一）个人有关事项报告情况：【本人撰写，如无可删除】")
    w.para("（二）谈话函询、约谈情况：【本人撰写，如无可删除】")
    w.para("（三）上次民主生活会整改措施落实情况：【本人撰写】")


def _checklist_table(w: TemplateWriter, rows: str) -> None:
    # Eight columns fit only across a landscape page (GB/T 9704 10.1).
    fixed = [SEQ, col(4), col(6), col(4), DATE, col(3)]
    problem, measure = _rest(*fixed, parts=2, block=LANDSCAPE_BLOCK_WIDTH_MM)
    w.table(["序号", "问题", "来源", "整改措施", "责任人", "整改类型", "完成时限", "状态"],
            [SEQ, problem, col(4), measure, col(6), col(4), DATE, col(3)], loop=f"it in {rows}",
            empty=NONE,
            cells=["{{ it.seq }}", "{{ it.issue }}", "{{ it.source }}", "{{ it.measure }}",
                   "{{ it.responsible }}", "{{ it.kind }}", "{{ it.deadline_text }}", "{{ it.status }}"])


def checklist(w: TemplateWriter) -> None:
    """整改清单: the team's, then each member's."""
    w.title("{{ doc.title }}")
    w.para("{{ checklist.summary }}")
    w.h1("一、领导班子整改清单")
    _checklist_table(w, "checklist.team_rows")
    w.h1("二、班子成员个人整改清单")
    w.tag("for g in checklist.member_groups")
    w.h2("{{ g.number }}{{ g.label }}")
    _checklist_table(w, "g.rows")
    w.tag("endfor")
    w.h1("三、{{ checklist.feedback_heading }}")
    w.para("{{ checklist.feedback_summary }}")
    w.tag("for g in checklist.feedback_groups")
    w.h2("{{ g.number }}{{ g.title }}")
    w.table(["序号", "编号", "反馈问题", "具体表现", "认领", "整改事项"], [10, 16, 50, 46, 18, 16],
            loop="it in g.rows",
            cells=["{{ it.seq }}", "{{ it.id }}", "{{ it.text }}", "{{ it.details }}",
                   "{{ it.claimed }}", "{{ it.answered_by }}"])
    w.tag("endfor")
    w.tag("if checklist.suggestions")
    w.h1("四、{{ checklist.suggestions_heading }}")
    _numbered(w, "checklist.suggestions")
    w.tag("endif")


def report(w: TemplateWriter) -> None:
    """情况报告, from the plan's actual data."""
    w.title("{{ doc.title }}")
    w.plain("{{ report.addressees }}：")
    w.para("{{ report.intro }}")
    w.h1("一、会前准备情况")
    w.tag("for s in report.preparation")
    w.runs([("{{ s.number }}{{ s.head }}", KAI), ("{{ s.text }}", None)])
    w.tag("endfor")
    w.h1("二、会议召开情况")
    w.tag("for line in report.meeting")
    w.para("{{ line }}")
    w.tag("endfor")
    w.h1("三、整改措施制定情况")
    w.tag("for line in report.rectification")
    w.para("{{ line }}")
    w.tag("endfor")
    w.h1("四、下一步工作")
    w.para("【本单位撰写】")
    w.signature("{{ issuer }}", "{{ report.date_text }}")


def submissions(w: TemplateWriter) -> None:
    """报送及归档材料清单."""
    w.title("{{ doc.title }}")
    w.h1("一、报送材料")
    fixed = [SEQ, DATE, col(4)]
    w.table(["序号", "材料", "报送对象", "时限", "责任"], [SEQ, *_rest(*fixed, parts=2), DATE, col(4)],
            loop="s in submissions", empty=NONE,
            cells=["{{ s.seq }}", "{{ s.deliverable }}", "{{ s.recipients_text }}", "{{ s.due_text }}",
                   "{{ s.responsible }}"])
    w.h1("二、立卷存档材料")
    w.table(["序号", "材料", "说明"], [SEQ, *_rest(SEQ, parts=2)], loop="a in archive", empty=NONE,
            cells=["{{ a.seq }}", "{{ a.name }}", "{{ a.note }}"])


def rectification_report(w: TemplateWriter) -> None:
    """整改情况报告, from the ledger's state (due 2 months after the feedback)."""
    w.title("{{ doc.title }}")
    w.plain("{{ rectification.addressees }}：")
    w.para("{{ rectification.intro }}")
    w.h1("一、整改总体情况")
    w.para("{{ rectification.summary }}")
    w.tag("for k in ledger.by_kind")
    w.para("{{ k.number }}{{ k.kind }}{{ k.total }}项，已销号{{ k.closed }}项。")
    w.tag("endfor")
    w.h1("二、整改事项明细")
    fixed = [SEQ, col(6), col(4), DATE, col(3)]
    w.table(["序号", "问题", "责任人", "整改类型", "完成时限", "状态"],
            [SEQ, *_rest(*fixed), col(6), col(4), DATE, col(3)], loop="it in ledger.rows", empty=NONE,
            cells=["{{ it.seq }}", "{{ it.issue }}", "{{ it.owner }}", "{{ it.kind }}",
                   "{{ it.deadline_text }}", "{{ it.status }}"])
    w.h1("三、逾期和需长期坚持的事项")
    w.tag("for line in rectification.open_lines")
    w.para("{{ line }}")
    w.tag("endfor")
    w.h1("四、下一步工作")
    w.para("【本单位撰写】")
    w.signature("{{ issuer }}", "{{ rectification.date_text }}")


LANDSCAPE = frozenset({"checklist.docx"})
"""Templates laid out across a landscape page: the eight-column 整改清单."""

BUILDERS: dict[str, Callable[[TemplateWriter], None]] = {
    "plan.docx": plan,
    "notice.docx": notice,
    "opinion_form.docx": opinion_form,
    "talk_schedule.docx": talk_schedule,
    "agenda_script.docx": agenda_script,
    "team_outline.docx": team_outline,
    "member_outline.docx": member_outline,
    "checklist.docx": checklist,
    "report.docx": report,
    "submissions.docx": submissions,
    "rectification_report.docx": rectification_report,
}


def build_template(file_name: str, out_dir: Path = TEMPLATE_DIR) -> Path:
    writer = TemplateWriter(landscape=file_name in LANDSCAPE)
    BUILDERS[file_name](writer)
    path = out_dir / file_name
    writer.save(path)
    return path


def build_all(out_dir: Path = TEMPLATE_DIR) -> list[Path]:
    """Write every built-in template into ``out_dir``."""
    return [build_template(name, out_dir) for name in BUILDERS]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out_dir = Path(args[0]) if args else TEMPLATE_DIR
    for path in build_all(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
