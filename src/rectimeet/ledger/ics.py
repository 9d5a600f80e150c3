"""The plan's dates as an iCalendar file (RFC 5545) that phone calendars import.

The meeting is a timed event (its sessions' start and end, ``TZID=Asia/Shanghai`` with the zone
defined in the file) with its venue as LOCATION; milestones, talks and checklist deadlines are
all-day events, milestones and deadlines with a reminder (VALARM). Deadlines are VEVENTs, not
VTODOs, because common phone calendars skip to-dos on import.

UIDs come from the unit and the thing's key, so they never change. SEQUENCE and DTSTAMP tell a
calendar that an event is newer: a checklist item counts its recorded changes (its history) and
is stamped with the last one; for everything else, whose history the plan does not keep, the
previous export at the same path is the history — each event carries a fingerprint of its
content (``X-RECTIMEET-FINGERPRINT``), and an event whose fingerprint differs from the previous
file's gets that file's SEQUENCE plus one and the time of export as DTSTAMP. An unchanged event
keeps both, so exporting the same plan twice gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path

from icalendar import Alarm, Calendar, Event, Timezone, TimezoneStandard

from rectimeet import atomic
from rectimeet.ledger.rows import evidence_text
from rectimeet.models.checklist import ChecklistItem, ChecklistStatus
from rectimeet.prepared import ComputedMilestone, Prepared, ScheduledTalk
from rectimeet.scheduling.timeline import MEETING as MEETING_KEY

PRODID = "-//rectimeet//巡视巡察整改专题民主生活会//ZH"
REMINDER_DAYS = 3
"""Default of ``ledger_reminder_days``: how long before a deadline the reminder goes off."""
_NAMESPACE = uuid.UUID("6f1c2a52-3d4e-5b7a-9c1d-2e3f4a5b6c7d")
TZID = "Asia/Shanghai"
"""The zone of the meeting's times. A named zone (with its VTIMEZONE in the file) rather than
floating time: a phone set to another zone, or a calendar account kept in UTC, still shows the
meeting at the time it is held in China; floating times would move with the device."""
SESSION_HOURS = 3
"""How long a session without an end time is assumed to last."""
FINGERPRINT = "X-RECTIMEET-FINGERPRINT"
Revisions = Mapping[str, tuple[str, int, dt.datetime]]
"""UID → (fingerprint, SEQUENCE, DTSTAMP) of a previous export."""


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


def _alarm(title: str, days: int, all_day: bool = True) -> Alarm:
    """A reminder ``days`` before; for an all-day event at 9:00 that day (its start is 0:00)."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"提醒：{title}")
    alarm.add("trigger", dt.timedelta(days=-days, hours=9 if all_day else 0))
    return alarm


def _milestone_event(prepared: Prepared, m: ComputedMilestone, reminder: int) -> Event:
    event = Event()
    event.add("uid", stable_uid(prepared.plan.unit.name, f"milestone/{m.key}"))
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


def _talk_event(prepared: Prepared, index: int, talk: ScheduledTalk) -> Event | None:
    if talk.date is None:
        return None
    title = f"谈心谈话：{talk.a_name}与{talk.b_name}"
    event = Event()
    # Pair and kind identify a talk; the index only separates a pair that talks twice.
    key = f"talk/{talk.a}/{talk.b}/{talk.kind}"
    same = sum(1 for t in prepared.talks[:index] if (t.a, t.b, t.kind) == (talk.a, talk.b,
                                                                           talk.kind))
    event.add("uid", stable_uid(prepared.plan.unit.name, key + (f"/{same}" if same else "")))
    event.add("summary", title + (f"（{talk.half_day}）" if talk.half_day else ""))
    event.add("dtstart", talk.date)
    event.add("dtend", talk.date + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("description", f"谈话双方：{talk.a_name}、{talk.b_name}"
              + ("\n已谈" if talk.held else ""))
    event.add("categories", ["谈心谈话"])
    return event


def _shanghai() -> Timezone:
    """China Standard Time, UTC+8 all year (no daylight saving since 1991)."""
    tz = Timezone()
    tz.add("tzid", TZID)
    standard = TimezoneStandard()
    standard.add("dtstart", dt.datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", dt.timedelta(hours=8))
    standard.add("tzoffsetto", dt.timedelta(hours=8))
    standard.add("tzname", "CST")
    tz.add_component(standard)
    return tz


def meeting_times(prepared: Prepared) -> tuple[dt.datetime, dt.datetime]:
    """Start of the first session and end of the last (naive, local time in China)."""
    meeting = prepared.plan.meeting
    sessions = sorted(meeting.sessions, key=lambda s: s.start)
    first = sessions[0].start if sessions else dt.time(9, 0)
    start = dt.datetime.combine(meeting.date, first)
    last = sessions[-1] if sessions else None
    if last is not None and last.end is not None:
        end = dt.datetime.combine(meeting.date, last.end)
    else:
        end = dt.datetime.combine(meeting.date, last.start if last else first) + dt.timedelta(
            hours=SESSION_HOURS)
    return start, end


def _meeting_event(prepared: Prepared, m: ComputedMilestone, reminder: int) -> Event:
    """The meeting day as a timed event with LOCATION (the venue, else the unit)."""
    plan = prepared.plan
    start, end = meeting_times(prepared)
    event = Event()
    event.add("uid", stable_uid(plan.unit.name, f"milestone/{m.key}"))
    event.add("summary", prepared.meeting_title)
    event.add("dtstart", start, parameters={"TZID": TZID})
    event.add("dtend", end, parameters={"TZID": TZID})
    event.add("location", plan.meeting.venue or plan.unit.name)
    lines = [f"会议：{prepared.meeting_title}"]
    for session in plan.meeting.sessions:
        until = f"—{session.end:%H:%M}" if session.end else ""
        lines.append(f"{session.part} {session.start:%H:%M}{until} {session.content}".rstrip())
    if m.responsible:
        lines.append(f"责任主体：{m.responsible}")
    event.add("description", "\n".join(lines))
    event.add("categories", ["民主生活会"])
    event.add_component(_alarm(prepared.meeting_title, reminder, all_day=False))
    return event


def _item_event(prepared: Prepared, item: ChecklistItem, reminder: int) -> Event | None:
    if item.deadline is None:
        return None
    plan = prepared.plan
    event = Event()
    event.add("uid", stable_uid(plan.unit.name, f"checklist/{item.id}"))
    finished = item.status in (ChecklistStatus.DONE, ChecklistStatus.CLOSED)
    title = f"整改期限：{item.issue}" + (f"（{item.status.value}）" if finished else "")
    event.add("summary", title)
    event.add("dtstart", item.deadline)
    event.add("dtend", item.deadline + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    lead = plan.unit.person_name(item.lead) if item.lead else ""
    people = "、".join(p for p in (lead, item.responsible) if p)
    if people:
        event.add("contact", people)
    lines = [f"编号：{item.id}", f"整改类型：{item.kind.value}", f"状态：{item.status.value}"]
    if item.measure:
        lines.append(f"整改措施：{item.measure}")
    if lead:
        lines.append(f"责任领导：{lead}")
    if item.responsible:
        lines.append(f"责任人：{item.responsible}")
    if item.evidence:
        lines.append(f"佐证材料：{evidence_text(item.evidence)}")
    event.add("description", "\n".join(lines))
    event.add("categories", ["整改台账", item.kind.value])
    if not finished:
        # Nobody needs reminding of a deadline already met.
        event.add_component(_alarm(title, reminder))
    return event


def fingerprint(event: Event) -> str:
    """A digest of what the event says (everything but DTSTAMP, SEQUENCE and itself)."""
    lines = [line for line in event.to_ical().decode("utf-8").splitlines()
             if not line.startswith(("DTSTAMP", "SEQUENCE", FINGERPRINT))]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


def previous_revisions(path: Path | str) -> dict[str, tuple[str, int, dt.datetime]]:
    """UID → (fingerprint, SEQUENCE, DTSTAMP) of the events of an earlier export, if readable."""
    try:
        cal = Calendar.from_ical(Path(path).read_bytes())
    except (OSError, ValueError):
        return {}
    out = {}
    for event in cal.walk("VEVENT"):
        stamp = event.decoded("dtstamp", None)
        if FINGERPRINT in event and isinstance(stamp, dt.datetime):
            out[str(event["uid"])] = (str(event[FINGERPRINT]), int(event.get("sequence", 0)),
                                      stamp)
    return out


def _stamp(event: Event, base: tuple[int, dt.datetime], previous: Revisions,
           now: dt.datetime) -> Event:
    digest = fingerprint(event)
    sequence, stamp = base
    old = previous.get(str(event["uid"]))
    if old is not None:
        old_digest, old_sequence, old_stamp = old
        if old_digest == digest:
            sequence, stamp = max(sequence, old_sequence), max(stamp, old_stamp)
        else:
            sequence, stamp = max(sequence, old_sequence + 1), max(stamp, now)
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    event.add(FINGERPRINT, digest)
    return event


def _item_base(prepared: Prepared, item: ChecklistItem) -> tuple[int, dt.datetime]:
    days = [prepared.plan.inspection.feedback_date, *(c.on for c in item.history)]
    if item.closed_on:
        days.append(item.closed_on)
    return len(item.history), dt.datetime.combine(max(days), dt.time(), tzinfo=dt.UTC)


def _reminder_days(prepared: Prepared) -> int:
    reminder = prepared.param("ledger_reminder_days", REMINDER_DAYS)
    return int(reminder) if isinstance(reminder, int | float) and not isinstance(reminder, bool) \
        else REMINDER_DAYS


def events(prepared: Prepared, previous: Revisions | None = None,
           now: dt.datetime | None = None) -> list[Event]:
    """Every event of one plan, stamped against ``previous`` (see the module's notes)."""
    previous = previous or {}
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    days = _reminder_days(prepared)
    base = (0, stamp_of(prepared))
    out = []
    for m in prepared.milestones:
        event = (_meeting_event(prepared, m, days) if m.key == MEETING_KEY
                 else _milestone_event(prepared, m, days))
        out.append(_stamp(event, base, previous, now))
    for index, talk in enumerate(prepared.talks):
        talk_event = _talk_event(prepared, index, talk)
        if talk_event is not None:
            out.append(_stamp(talk_event, base, previous, now))
    for item in prepared.plan.checklist:
        item_event = _item_event(prepared, item, days)
        if item_event is not None:
            out.append(_stamp(item_event, _item_base(prepared, item), previous, now))
    return out


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    cal.add_component(_shanghai())
    return cal


def build_calendar(prepared: Prepared, previous: Revisions | None = None,
                   now: dt.datetime | None = None) -> Calendar:
    """The plan's calendar: the meeting timed, everything else all-day (see the module)."""
    cal = _calendar(prepared.meeting_title)
    for event in events(prepared, previous, now):
        cal.add_component(event)
    return cal


def export_ics(prepared: Prepared, path: Path | str) -> Path:
    """Write the calendar file atomically; an earlier export at ``path`` supplies SEQUENCE."""
    return atomic.write_bytes(path, build_calendar(prepared, previous_revisions(path)).to_ical())


def export_many_ics(plans: Sequence[Prepared], path: Path | str, name: str = "巡察整改"
                    ) -> Path:
    """One calendar with the events of several units (their UIDs differ by unit)."""
    previous = previous_revisions(path)
    cal = _calendar(name)
    for prepared in plans:
        for event in events(prepared, previous):
            cal.add_component(event)
    return atomic.write_bytes(path, cal.to_ical())
