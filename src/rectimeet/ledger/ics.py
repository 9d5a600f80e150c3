"""The plan's dates as an iCalendar file (RFC 5545) for the calendar apps people already use.

Milestones and talks are all-day events, checklist deadlines are to-dos, each with a reminder.
UIDs come from the unit and the thing's key, and DTSTAMP from the plan itself, so exporting the
same plan twice gives the same bytes and importing again updates entries instead of doubling them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from icalendar import Alarm, Calendar, Event, Todo

from rectimeet import atomic
from rectimeet.documents.report import evidence_text
from rectimeet.models.checklist import ChecklistItem, ChecklistStatus
from rectimeet.prepared import ComputedMilestone, Prepared, ScheduledTalk

PRODID = "-//rectimeet//巡视巡察整改专题民主生活会//ZH"
REMINDER_DAYS = 3
"""Default of ``ledger_reminder_days``: how long before a deadline the reminder goes off."""
_NAMESPACE = uuid.UUID("6f1c2a52-3d4e-5b7a-9c1d-2e3f4a5b6c7d")
_TODO_STATUS = {
    ChecklistStatus.PENDING: "NEEDS-ACTION",
    ChecklistStatus.IN_PROGRESS: "IN-PROCESS",
    ChecklistStatus.DONE: "COMPLETED",
    ChecklistStatus.CLOSED: "COMPLETED",
}


def stable_uid(unit_name: str, key: str) -> str:
    """The same unit and key always give the same UID."""
    return f"{uuid.uuid5(_NAMESPACE, f'{unit_name}/{key}')}@rectimeet"


def stamp_of(prepared: Prepared) -> dt.datetime:
    """DTSTAMP: the latest day the plan records a change on (else the feedback date), in UTC.

    It moves only when the ledger does, so calendar apps see newer data as an update.
    """
    plan = prepared.plan
    days = [plan.inspection.feedback_date,
            *(c.on for item in plan.checklist for c in item.history),
            *(item.closed_on for item in plan.checklist if item.closed_on)]
    return dt.datetime.combine(max(days), dt.time(), tzinfo=dt.UTC)


def _alarm(title: str, days: int, related_end: bool = False) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"提醒：{title}")
    params = {"related": "END"} if related_end else {}
    alarm.add("trigger", dt.timedelta(days=-days), parameters=params)
    return alarm


def _milestone_event(prepared: Prepared, m: ComputedMilestone, stamp: dt.datetime,
                     reminder: int) -> Event:
    event = Event()
    event.add("uid", stable_uid(prepared.plan.unit.name, f"milestone/{m.key}"))
    event.add("dtstamp", stamp)
    event.add("summary", m.title)
    event.add("dtstart", m.due)
    event.add("dtend", m.due + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    lines = []
    if m.imprecise and m.due_text:
        lines.append(f"时间：{m.due_text}")
    if m.responsible:
        lines.append(f"责任主体：{m.responsible}")
        event.add("contact", m.responsible)
    if m.deliverable:
        lines.append(f"报送材料：{m.deliverable}")
    if m.recipients:
        lines.append(f"报送对象：{'、'.join(m.recipients)}")
    if m.source:
        lines.append(f"依据：{m.source}")
    if lines:
        event.add("description", "\n".join(lines))
    event.add("categories", ["民主生活会"])
    event.add_component(_alarm(m.title, reminder))
    return event


def _talk_event(prepared: Prepared, index: int, talk: ScheduledTalk, stamp: dt.datetime
                ) -> Event | None:
    if talk.date is None:
        return None
    title = f"谈心谈话：{talk.a_name}与{talk.b_name}"
    event = Event()
    # Pair and kind identify a talk; the index only separates a pair that talks twice.
    key = f"talk/{talk.a}/{talk.b}/{talk.kind}"
    same = sum(1 for t in prepared.talks[:index] if (t.a, t.b, t.kind) == (talk.a, talk.b,
                                                                           talk.kind))
    event.add("uid", stable_uid(prepared.plan.unit.name, key + (f"/{same}" if same else "")))
    event.add("dtstamp", stamp)
    event.add("summary", title + (f"（{talk.half_day}）" if talk.half_day else ""))
    event.add("dtstart", talk.date)
    event.add("dtend", talk.date + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("description", f"谈话双方：{talk.a_name}、{talk.b_name}"
              + ("\n已谈" if talk.held else ""))
    event.add("categories", ["谈心谈话"])
    return event


def _item_todo(prepared: Prepared, item: ChecklistItem, stamp: dt.datetime, reminder: int
               ) -> Todo | None:
    if item.deadline is None:
        return None
    plan = prepared.plan
    todo = Todo()
    todo.add("uid", stable_uid(plan.unit.name, f"checklist/{item.id}"))
    todo.add("dtstamp", stamp)
    title = f"整改：{item.issue}"
    todo.add("summary", title)
    todo.add("due", item.deadline)
    todo.add("status", _TODO_STATUS[item.status])
    todo.add("sequence", len(item.history))
    lead = plan.unit.person_name(item.lead) if item.lead else ""
    people = "、".join(p for p in (lead, item.responsible) if p)
    if people:
        todo.add("contact", people)
    lines = [f"编号：{item.id}", f"整改类型：{item.kind.value}", f"状态：{item.status.value}"]
    if item.measure:
        lines.append(f"整改措施：{item.measure}")
    if lead:
        lines.append(f"责任领导：{lead}")
    if item.responsible:
        lines.append(f"责任人：{item.responsible}")
    if item.evidence:
        lines.append(f"佐证材料：{evidence_text(item.evidence)}")
    todo.add("description", "\n".join(lines))
    todo.add("categories", ["整改台账", item.kind.value])
    if item.status is ChecklistStatus.CLOSED and item.closed_on is not None:
        todo.add("completed", dt.datetime.combine(item.closed_on, dt.time(), tzinfo=dt.UTC))
    todo.add_component(_alarm(title, reminder, related_end=True))
    return todo


def build_calendar(prepared: Prepared) -> Calendar:
    """Every milestone and talk as an all-day VEVENT, every dated checklist item as a VTODO."""
    plan = prepared.plan
    reminder = prepared.param("ledger_reminder_days", REMINDER_DAYS)
    days = int(reminder) if isinstance(reminder, int | float) and not isinstance(reminder, bool) \
        else REMINDER_DAYS
    stamp = stamp_of(prepared)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", plan.meeting_title)
    for m in prepared.milestones:
        cal.add_component(_milestone_event(prepared, m, stamp, days))
    for index, talk in enumerate(prepared.talks):
        event = _talk_event(prepared, index, talk, stamp)
        if event is not None:
            cal.add_component(event)
    for item in plan.checklist:
        todo = _item_todo(prepared, item, stamp, days)
        if todo is not None:
            cal.add_component(todo)
    return cal


def export_ics(prepared: Prepared, path: Path | str) -> Path:
    """Write the calendar file atomically."""
    return atomic.write_bytes(path, build_calendar(prepared).to_ical())
