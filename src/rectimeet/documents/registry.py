"""The document set: one entry per document, with its Chinese name and template file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rectimeet.errors import BuildError
from rectimeet.i18n import N_

Context = dict[str, Any]


@dataclass(frozen=True)
class DocumentType:
    """One document of the set."""

    id: str
    """Stable id, used by ``--only`` and ``assemble(documents=…)``."""
    name: str
    """Chinese name; the file is 〈meeting title〉〈name〉.docx."""
    template: str
    """Template file name, looked up in the template directories."""
    title: Callable[[Context, Context | None], str]
    """The title inside the document (and its core-properties title)."""
    per_member: bool = False
    """One file per attending member (the member is ``person`` in the context)."""

    def file_stem(self, ctx: Context, person: Context | None = None) -> str:
        stem = f"{ctx['meeting']['title']}{self.name}"
        return f"{stem}（{person['name']}）" if person is not None else stem


def _t(suffix: str) -> Callable[[Context, Context | None], str]:
    return lambda ctx, person: f"{ctx['meeting']['title']}{suffix}"


DOCUMENTS: tuple[DocumentType, ...] = (
    DocumentType("plan", "实施方案", "plan.docx", _t("实施方案")),
    DocumentType("notice", "会议通知", "notice.docx",
                 lambda ctx, person: f"关于召开{ctx['meeting']['title']}的通知"),
    DocumentType("opinion_form", "征求意见表", "opinion_form.docx", _t("征求意见表")),
    DocumentType("talk_schedule", "谈心谈话安排表", "talk_schedule.docx", _t("谈心谈话安排表")),
    DocumentType("agenda_script", "会议议程和主持词", "agenda_script.docx", _t("议程和主持词")),
    DocumentType("team_outline", "领导班子对照检查材料提纲", "team_outline.docx",
                 _t("领导班子对照检查材料（提纲）")),
    DocumentType("member_outline", "个人发言提纲", "member_outline.docx",
                 _t("个人发言提纲"),
                 per_member=True),
    DocumentType("checklist", "整改清单", "checklist.docx", _t("整改清单")),
    DocumentType("report", "情况报告", "report.docx",
                 lambda ctx, person: f"关于召开{ctx['meeting']['title']}情况的报告"),
    DocumentType("submissions", "报送及归档材料清单", "submissions.docx", _t("报送及归档材料清单")),
    DocumentType("rectification_report", "整改情况报告", "rectification_report.docx",
                 lambda ctx, person: (f"关于{ctx['inspection']['group']}{ctx['inspection']['kind']}"
                                      "反馈意见整改情况的报告")),
)


def select(names: list[str] | tuple[str, ...] | None) -> list[DocumentType]:
    """The documents named by id or Chinese name (all when ``names`` is empty or None)."""
    if not names:
        return list(DOCUMENTS)
    by_key = {d.id: d for d in DOCUMENTS} | {d.name: d for d in DOCUMENTS}
    unknown = [n for n in names if n not in by_key]
    if unknown:
        raise BuildError(N_("unknown document {names}; known: {known}"),
                         {"names": unknown, "known": [f"{d.id}（{d.name}）" for d in DOCUMENTS]})
    chosen = {by_key[n].id for n in names}
    return [d for d in DOCUMENTS if d.id in chosen]
