"""Calendar export as a phone imports it: parsed back with the icalendar library, field by field.

The meeting is a timed VEVENT in Asia/Shanghai with LOCATION; milestones and ledger deadlines
are all-day VEVENTs with a VALARM (phone calendars skip VTODOs on import); UIDs never change,
and SEQUENCE and DTSTAMP move forward exactly when an event changes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar, Event

from conftest import SMALL_SPEC
from rectimeet.api import prepare
from rectimeet.ledger import lifecycle
from rectimeet.ledger.ics import (
    FINGERPRINT,
    PRODID,
    TZID,
    build_calendar,
    export_ics,
    export_many_ics,
)
from rectimeet.models.checklist import ChecklistItem
from rectimeet.models.meeting import Session
from rectimeet.plugins import PluginHost
from rectimeet.prepared import Prepared
from rectimeet.spec import load_text

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def prepared(core_host: PluginHost, *extra: ChecklistItem, **meeting: object) -> Prepared:
    plan = load_text(SMALL_SPEC).plan
    plan = plan.model_copy(update={"checklist": [*plan.checklist, *extra]})
    if meeting:
        plan = plan.model_copy(update={"meeting": plan.meeting.model_copy(update=meeting)})
    return prepare(plan, core_host)


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def by_summary(cal: Calendar) -> dict[str, Event]:
    return {str(e["summary"]): e for e in cal.walk("VEVENT")}


def test_the_calendar_parses_back_with_every_component(core_host: PluginHost, tmp_path: Path
                                                       ) -> None:
    p = prepared(core_host, ChecklistItem(id="Z3", issue="长期坚持的事项", kind="长期坚持"))
    path = export_ics(p, tmp_path / "plan.ics")
    cal = parse(path.read_bytes())
    assert str(cal["prodid"]) == PRODID and str(cal["version"]) == "2.0"
    assert cal.walk("VTODO") == []
    events = cal.walk("VEVENT")
    dated_talks = [t for t in p.talks if t.date is not None]
    deadlines = [i for i in p.plan.checklist if i.deadline is not None]
    assert len(events) == len(p.milestones) + len(dated_talks) + len(deadlines)
    uids = [str(e["uid"]) for e in events]
    assert len(uids) == len(set(uids))
    for event in events:
        assert "dtstamp" in event and "uid" in event and "sequence" in event


def test_the_meeting_is_a_timed_event_with_location(core_host: PluginHost) -> None:
    sessions = [Session(part="上午", start=dt.time(8, 30), end=dt.time(11, 30), content="理论学习"),
                Session(part="下午", start=dt.time(14, 30), end=dt.time(17, 30),
                        content="专题民主生活会")]
    p = prepared(core_host, sessions=sessions)
    cal = parse(build_calendar(p).to_ical())
    meeting = by_summary(cal)[p.meeting_title]
    start, end = meeting.decoded("dtstart"), meeting.decoded("dtend")
    # Phones convert a zoned time to their own zone: the instant must be 8:30 in China.
    assert start == dt.datetime(2026, 11, 27, 8, 30, tzinfo=SHANGHAI)
    assert end == dt.datetime(2026, 11, 27, 17, 30, tzinfo=SHANGHAI)
    assert meeting["dtstart"].params["TZID"] == TZID
    assert str(meeting["location"]) == "乡党委会议室"
    assert "上午 08:30—11:30 理论学习" in str(meeting["description"])
    # The zone the event names is defined in the file (RFC 5545 3.2.19).
    (zone,) = cal.walk("VTIMEZONE")
    assert str(zone["tzid"]) == TZID
    (standard,) = zone.walk("STANDARD")
    assert standard.decoded("tzoffsetto") == dt.timedelta(hours=8)
    (alarm,) = meeting.walk("VALARM")
    assert alarm.decoded("trigger") < dt.timedelta(0)


def test_a_meeting_without_sessions_is_a_morning_at_the_unit(core_host: PluginHost) -> None:
    p = prepared(core_host, venue="")
    meeting = by_summary(parse(build_calendar(p).to_ical()))[p.meeting_title]
    assert meeting.decoded("dtstart") == dt.datetime(2026, 11, 27, 9, 0, tzinfo=SHANGHAI)
    assert meeting.decoded("dtend") == dt.datetime(2026, 11, 27, 12, 0, tzinfo=SHANGHAI)
    assert str(meeting["location"]) == p.plan.unit.name


def test_milestones_and_deadlines_are_all_day_events_with_alarms(core_host: PluginHost) -> None:
    p = prepared(core_host)
    events = by_summary(parse(build_calendar(p).to_ical()))
    for m in p.milestones:
        if m.key == "meeting":
            continue
        event = events[m.title]
        start = event.decoded("dtstart")
        assert type(start) is dt.date and start == m.due  # all-day
        assert event.decoded("dtend") == start + dt.timedelta(days=1)
        (alarm,) = event.walk("VALARM")
        assert str(alarm["action"]) == "DISPLAY" and "description" in alarm
        # Three days before, at 9:00 (an all-day event starts at 0:00).
        assert alarm.decoded("trigger") == dt.timedelta(days=-3, hours=9)
    for item in p.plan.checklist:
        event = events[f"整改期限：{item.issue}"]
        assert event.decoded("dtstart") == item.deadline
        assert "整改台账" in str(event["categories"].to_ical(), "utf-8")
        assert f"编号：{item.id}" in str(event["description"])
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("trigger") < dt.timedelta(0)


def test_two_exports_are_identical(core_host: PluginHost, tmp_path: Path) -> None:
    first = build_calendar(prepared(core_host)).to_ical()
    second = build_calendar(prepared(core_host)).to_ical()
    assert first == second
    path = tmp_path / "plan.ics"
    export_ics(prepared(core_host), path)
    before = path.read_bytes()
    export_ics(prepared(core_host), path)  # over the previous export: nothing changed
    assert path.read_bytes() == before


def test_a_ledger_change_keeps_the_uid_and_marks_the_update(core_host: PluginHost) -> None:
    before = prepared(core_host)
    plan = before.plan
    started = lifecycle.start(plan.checklist[0], by="党政办", on=dt.date(2026, 12, 3))
    after = prepare(plan.model_copy(update={"checklist": [started, *plan.checklist[1:]]}),
                    core_host)

    def deadlines(p: Prepared) -> dict[str, Event]:
        return {str(e["uid"]): e for e in parse(build_calendar(p).to_ical()).walk("VEVENT")
                if str(e["summary"]).startswith("整改期限")}

    old, new = deadlines(before), deadlines(after)
    assert set(old) == set(new)
    changed = [uid for uid in new if new[uid][FINGERPRINT] != old[uid][FINGERPRINT]]
    assert len(changed) == 1
    assert "状态：整改中" in str(new[changed[0]]["description"])
    assert int(new[changed[0]]["sequence"]) > int(old[changed[0]]["sequence"])
    assert new[changed[0]].decoded("dtstamp") > old[changed[0]].decoded("dtstamp")


def test_moving_the_meeting_updates_the_events_over_the_previous_export(
        core_host: PluginHost, tmp_path: Path) -> None:
    path = tmp_path / "plan.ics"
    export_ics(prepared(core_host), path)
    old = {str(e["uid"]): e for e in parse(path.read_bytes()).walk("VEVENT")}
    export_ics(prepared(core_host, date=dt.date(2026, 12, 4)), path)
    new = {str(e["uid"]): e for e in parse(path.read_bytes()).walk("VEVENT")}
    assert set(new) >= {uid for uid, e in old.items() if "整改期限" not in str(e["summary"])}
    moved = [uid for uid in old if uid in new
             and old[uid].decoded("dtstart") != new[uid].decoded("dtstart")]
    assert moved  # the meeting and the milestones counted from it
    for uid in moved:
        assert int(new[uid]["sequence"]) == int(old[uid]["sequence"]) + 1
        assert new[uid].decoded("dtstamp") > old[uid].decoded("dtstamp")
    unchanged = [uid for uid in old if uid in new
                 and old[uid][FINGERPRINT] == new[uid][FINGERPRINT]]
    for uid in unchanged:
        assert new[uid]["sequence"] == old[uid]["sequence"]
        assert new[uid].decoded("dtstamp") == old[uid].decoded("dtstamp")


def test_several_units_share_one_calendar(core_host: PluginHost, tmp_path: Path) -> None:
    one = prepared(core_host)
    other_plan = one.plan.model_copy(update={"unit": one.plan.unit.model_copy(
        update={"name": "青溪县石门乡"})})
    two = prepare(other_plan, core_host)
    cal = parse(export_many_ics([one, two], tmp_path / "all.ics").read_bytes())
    uids = [str(e["uid"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert len(uids) == 2 * len(parse(build_calendar(one).to_ical()).walk("VEVENT"))
