"""A document of the plugin's own: the 会议记录 (minutes form), and a 江北省 会议通知.

A document type is a record: an id, a Chinese name, a template, a typed context and a title. The
context model extends ``DocumentContext`` (what every document has) with the fields this
template uses; the function builds it from the plan's facts, which the core computes once per
build for every document of the set.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rectimeet.documents.builtin import NOTICE
from rectimeet.documents.contexts import ContextModel, DocInfo, DocumentContext, MemberRow, Numbered
from rectimeet.documents.facts import PlanFacts, join
from rectimeet.documents.registry import DocumentType

TEMPLATES = Path(__file__).parent / "templates"


class Speaker(ContextModel):
    """One speaker's block in the minutes."""

    number: str
    """Heading number （一） etc."""
    heading: str
    """Who speaks and in what capacity, e.g. 张三同志（党委书记）代表领导班子作对照检查."""


class MinutesContext(DocumentContext):
    """会议记录: the facts known before the meeting, and room for what is said."""

    time_text: str
    """Date, weekday and time range."""
    host: str
    """主持人."""
    present_text: str
    """出席: the members present, 名字（职务）."""
    observers_text: str
    """列席: guides and observers."""
    absent_text: str
    """缺席: members on leave with their reasons, or 无."""
    recorder: str
    """记录人 (a gap to fill in when the spec names none)."""
    agenda: list[Numbered]
    """议程."""
    speakers: list[Speaker]
    """A block per speaker, in speaking order."""


def minutes_context(facts: PlanFacts, doc: DocInfo, person: MemberRow | None) -> MinutesContext:
    meeting = facts.meeting
    present = [m for m in facts.members if m.name not in {a.name for a in meeting.absent}]
    headings = []
    for m in present:
        role = "代表领导班子作对照检查，并作个人对照检查" if m.is_principal else "作个人对照检查"
        headings.append(f"{m.label}{role}")
    headings += [f"{body}领导讲话" for body in facts.prepared.guides]
    return MinutesContext(
        **facts.base(doc),
        time_text=f"{meeting.date_weekday}{meeting.time_range_text}",
        host=meeting.host_label,
        present_text=join(m.label for m in present),
        observers_text=join([meeting.guides_text, meeting.observers_text]) or "无",
        absent_text=join((f"{a.name}（{a.reason}）" if a.reason else a.name) for a in meeting.absent) or "无",
        recorder=meeting.recorder or "【记录人】",
        agenda=facts.agenda,
        speakers=[Speaker(number=f"（{_cn(i)}）", heading=h) for i, h in enumerate(headings, 1)],
    )


def _cn(n: int) -> str:
    from rectimeet.formatting import cn_number

    return cn_number(n)


MINUTES = DocumentType(
    "minutes", "会议记录", TEMPLATES / "minutes.docx", minutes_context, "{meeting_title}会议记录",
    description="会议记录：时间、地点、主持人、出席、列席、缺席、记录人、议程，每位发言人留有记录空间，签字",
)

JIANGBEI_NOTICE = replace(NOTICE, template=TEMPLATES / "notice.docx", replaces=True,
                          description="会议通知（江北省格式：加“联系人”一栏）")
"""The built-in 会议通知 with the province's own template; same context, same place in the set."""
