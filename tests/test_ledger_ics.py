"""Calendar export: parses back, one VTODO per deadline, stable UIDs, identical re-exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar

from conftest import SMALL_SPEC
from rectimeet.api import prepare
from rectimeet.ledger import lifecycle
from rectimeet.ledger.ics import PRODID, build_calendar, export_ics
from rectimeet.models.checklist import ChecklistItem
from rectimeet.plugins import PluginHost
from rectimeet.prepared import Prepared
from rectimeet.spec import load_text


def prepared(core_host: PluginHost, *extra: ChecklistItem) -> Prepared:
    plan = load_text(SMALL_SPEC).plan
    plan = plan.model_copy(update={"checklist": [*plan.checklist, *extra]})
    return prepare(plan, core_host)


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def test_the_calendar_parses_back_with_every_component(core_host: PluginHost, tmp_path: Path
                                                       ) -> None:
    p = prepared(core_host, ChecklistItem(id="Z3", issue="长期坚持的事项", kind="长期坚持"))
    path = export_ics(p, tmp_path / "plan.ics")
    cal = parse(path.read_bytes())
    assert str(cal["prodid"]) == PRODID and str(cal["version"]) == "2.0"
    events = [c for c in cal.walk("VEVENT")]
    todos = [c for c in cal.walk("VTODO")]
    dated_talks = [t for t in p.talks if t.date is not None]
    assert len(events) == len(p.milestones) + len(dated_talks)
    # One to-do per checklist deadline; the item without a deadline has none.
    assert sorted(str(t["summary"]) for t in todos) == sorted(
        f"整改：{i.issue}" for i in p.plan.checklist if i.deadline is not None)
    for todo in todos:
        assert isinstance(todo.decoded("due"), dt.date)
        assert "contact" in todo
        (alarm,) = todo.walk("VALARM")
        assert alarm.decoded("trigger") < dt.timedelta(0)
        assert str(alarm["action"]) == "DISPLAY" and "description" in alarm
    for event in events:
        start = event.decoded("dtstart")
        assert not isinstance(start, dt.datetime)  # all-day
        assert event.decoded("dtend") == start + dt.timedelta(days=1)
        assert "dtstamp" in event and "uid" in event
    titles = {str(e["summary"]) for e in events}
    assert {m.title for m in p.milestones} <= titles
    assert any(t.startswith("谈心谈话：张书记与李乡长") for t in titles)


def test_uids_are_unique_and_two_exports_are_identical(core_host: PluginHost) -> None:
    first = build_calendar(prepared(core_host)).to_ical()
    second = build_calendar(prepared(core_host)).to_ical()
    assert first == second
    uids = [str(c["uid"]) for c in parse(first).walk() if "uid" in c]
    assert len(uids) == len(set(uids))


def test_a_ledger_change_keeps_the_uids_and_marks_the_update(core_host: PluginHost) -> None:
    before = prepared(core_host)
    plan = before.plan
    started = lifecycle.start(plan.checklist[0], by="党政办", on=dt.date(2026, 12, 3))
    after = prepare(plan.model_copy(update={"checklist": [started, *plan.checklist[1:]]}),
                    core_host)

    def todos(p: Prepared) -> dict[str, Calendar]:
        return {str(t["uid"]): t for t in parse(build_calendar(p).to_ical()).walk("VTODO")}

    old, new = todos(before), todos(after)
    assert set(old) == set(new)
    changed = [uid for uid in new if new[uid]["status"] != old[uid]["status"]]
    assert len(changed) == 1
    assert new[changed[0]]["status"] == "IN-PROCESS"
    assert int(new[changed[0]]["sequence"]) > int(old[changed[0]]["sequence"])
    assert new[changed[0]].decoded("dtstamp") > old[changed[0]].decoded("dtstamp")
