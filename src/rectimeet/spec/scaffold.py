"""``rectimeet new``: a level's example spec with every date fitted to the chosen meeting date.

The level's scaffold text (from the ``rectimeet_scaffold`` hook; the core fallback answers with
the generic one shipped in ``rectimeet/data/scaffold.yaml``) is loaded round-trip, so its comments and key order survive,
and its dates are recomputed from the meeting date on the work calendar: the feedback date, study
sessions, a talk for every required pair (from the talk scheduler), the material dates and the
checklist deadlines. The result passes ``check`` without errors for any working-day meeting date
in a published year.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from rectimeet.formatting import weekday_cn
from rectimeet.models.checklist import ChecklistKind
from rectimeet.scheduling.calendar import WorkCalendar, calendar_for
from rectimeet.scheduling.talks import plan_talks
from rectimeet.scheduling.timeline import compute_timeline
from rectimeet.spec import dump_document, parse_yaml, plan_from_data, to_plain
from rectimeet.vocabulary import MilestoneKey

if TYPE_CHECKING:
    from rectimeet.plugins import PluginHost
    from rectimeet.prepared import ComputedMilestone

SCHEMA_FILE = "rectimeet.schema.json"
"""Where ``rectimeet new -o`` puts the spec's JSON schema: next to the spec."""
SCHEMA_LINE = f"# yaml-language-server: $schema={SCHEMA_FILE}\n"
"""First line of every scaffold: editors with the YAML language server (VS Code's YAML
extension) validate and complete the spec against the schema, resolved next to the file."""

DEFAULT_LEAD_DAYS = 21
"""Without a meeting date: the first working day at least three weeks away (time to prepare)."""
FEEDBACK_BEFORE_MEETING_DAYS = 20
"""The example's feedback comes 20 days before the meeting, inside the one-month rule (SC106)."""
IMMEDIATE_AFTER_MEETING_DAYS = 14
"""立行立改 items are due about two weeks after the meeting (CK103 allows 30 days)."""


def generic_scaffold() -> str:
    """The generic scaffold shipped with rectimeet (a county bureau with five members)."""
    return (resources.files("rectimeet") / "data" / "scaffold.yaml").read_text("utf-8")


def default_meeting_date(calendar: WorkCalendar, today: dt.date | None = None) -> dt.date:
    """The first working day at least :data:`DEFAULT_LEAD_DAYS` days after ``today``."""
    start = (today or dt.date.today()) + dt.timedelta(days=DEFAULT_LEAD_DAYS)
    return calendar.next_working_day(start)


def _due(milestones: list[ComputedMilestone], key: str, fallback: dt.date) -> dt.date:
    return next((m.due for m in milestones if m.key == key), fallback)


def _fresh(day: dt.date) -> dt.date:
    # A new object per use: the YAML writer turns a shared object into &anchors and *aliases.
    return dt.date(day.year, day.month, day.day)


def _section(document: CommentedMap, key: str) -> Any:
    value = document.get(key)
    return value if value is not None else []


def new_spec(level: str, meeting_date: dt.date | None, host: PluginHost,
             today: dt.date | None = None) -> str:
    """The scaffold YAML for ``level`` with every date fitted to ``meeting_date``."""
    text = host.scaffold(level)
    if text is None:  # only a host built without the core fallback has no scaffold at all
        raise ValueError(f"no scaffold for level {level!r}")
    document = parse_yaml(text, f"<scaffold {level}>")
    level = level.partition(".")[0]  # a variant (county_bureau.branch) is of its level
    document["unit"]["level"] = level
    calendar = calendar_for(host)
    meeting = meeting_date or default_meeting_date(calendar, today)
    document["meeting"]["date"] = _fresh(meeting)
    feedback = calendar.previous_working_day(meeting - dt.timedelta(days=FEEDBACK_BEFORE_MEETING_DAYS))
    document["inspection"]["feedback_date"] = feedback
    if "talks" in document:
        document["talks"] = CommentedSeq()

    plan = plan_from_data(to_plain(document), f"<scaffold {level}>")
    calendar = calendar_for(host, plan)
    defaults = host.defaults(plan.unit, plan)
    milestones = compute_timeline(plan, defaults, calendar)
    day_before = calendar.previous_working_day(meeting - dt.timedelta(days=1))

    study_due = _due(milestones, MilestoneKey.STUDY, day_before)
    sessions = _section(document.get("study") or CommentedMap(), "sessions")
    for i, session in enumerate(sessions):
        # Consecutive working days ending on the study deadline, none before the feedback (SC111).
        day = calendar.add_working_days(study_due, i - (len(sessions) - 1))
        session["date"] = _fresh(max(day, feedback))

    talks, _problem = plan_talks(plan, calendar, milestones)
    if "talks" in document:
        seq = CommentedSeq()
        for talk in talks:
            item = CommentedMap()
            parties = CommentedSeq([talk.a, talk.b])
            parties.fa.set_flow_style()
            item["parties"] = parties
            if talk.date is not None:
                item["date"] = _fresh(talk.date)
                item["half_day"] = talk.half_day
            item.fa.set_flow_style()
            seq.append(item)
        document["talks"] = seq

    material_dates = {
        "submitted_on": _due(milestones, MilestoneKey.MATERIALS_WRITTEN, day_before),
        "reviewed_on": _due(milestones, MilestoneKey.MATERIALS_REVIEWED, day_before),
        "signed_on": _due(milestones, MilestoneKey.MATERIALS_REVIEWED, day_before),
        "reported_on": _due(milestones, MilestoneKey.MATERIALS_TO_SUPERIOR, day_before),
    }
    for material in _section(document, "materials"):
        for field, day in material_dates.items():
            if field in material:
                material[field] = _fresh(day)

    immediate = calendar.next_working_day(meeting + dt.timedelta(days=IMMEDIATE_AFTER_MEETING_DAYS))
    by_deadline = max(calendar.previous_working_day(_due(milestones, MilestoneKey.RECTIFICATION_REPORT,
                                                          WorkCalendar.add_months(feedback, 2))),
                      immediate)
    for item in _section(document, "checklist"):
        kind = ChecklistKind(item.get("kind", ChecklistKind.DEADLINE.value))
        if kind is ChecklistKind.IMMEDIATE:
            item["deadline"] = _fresh(immediate)
        elif kind is ChecklistKind.DEADLINE:
            item["deadline"] = _fresh(by_deadline)
        elif "deadline" in item:
            del item["deadline"]  # 长期坚持 has no completion date
    refresh_weekdays(document)
    text = dump_document(document)
    return text if text.startswith("# yaml-language-server:") else SCHEMA_LINE + text


_WEEKDAY = re.compile(r"星期[一二三四五六日天]")


def refresh_weekdays(node: Any) -> None:
    """Rewrite the weekday in each date's end-of-line comment (``# 会议日期（星期五）``) to the
    date's own weekday, after the dates were refitted."""
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            if isinstance(value, dt.date):
                comment = node.ca.items.get(key)
                token = comment[2] if comment and len(comment) > 2 else None
                if token is not None and _WEEKDAY.search(token.value):
                    token.value = _WEEKDAY.sub(weekday_cn(value), token.value)
            else:
                refresh_weekdays(value)
    elif isinstance(node, CommentedSeq):
        for value in node:
            refresh_weekdays(value)
