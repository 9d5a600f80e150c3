"""Milestones of the lifecycle: declared relative to an anchor, computed by the timeline."""

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from rectimeet.coreschema import new_list
from rectimeet.models.base import Day, Id, Model, whole
from rectimeet.text import Name, Text

MAX_OFFSET = 1000
"""Largest offset in any unit (1000 months is 83 years): a milestone further out is a typo."""


class Phase(StrEnum):
    """When a milestone falls relative to the meeting."""

    BEFORE = "before"
    MEETING = "meeting"
    AFTER = "after"


class DateUnit(StrEnum):
    """How an offset is counted."""

    DAYS = "days"
    """Calendar days (the default: every rule found counts 日/天)."""
    WORKING_DAYS = "working_days"
    """Working days on the mainland China calendar, 调休 included."""
    MONTHS = "months"
    """Months: the corresponding day, or the month's last day when there is none."""


class DateKind(StrEnum):
    """How a milestone's date came about, so documents know how to print it."""

    COUNTED = "counted"
    """Counted from its anchor; nothing written in the spec."""
    DAY = "day"
    """One day written in the spec: ``due: 2026-12-18`` or ``due_text: 12月20日前``."""
    RANGE = "range"
    """A span of days written out: 10月26日-28日, 10月26日至11月2日."""
    PART = "part"
    """A part of a month: 10月下旬, 12月初, 月底."""
    RELATIVE = "relative"
    """A phrase counted from the meeting or the feedback: 会后及时, 会后15日内, 会前一周."""

    @property
    def imprecise(self) -> bool:
        """Whether the text names more than one day or no day at all (print it as written)."""
        return self in (DateKind.RANGE, DateKind.PART, DateKind.RELATIVE)


class Milestone(Model):
    """A step of the lifecycle with a deadline relative to an anchor."""

    key: Id
    """Stable key from the milestone vocabulary, e.g. ``plan_to_superior``, ``report``; a key of
    the spec's own is a step of its own."""
    title: Name
    """Title as it appears in documents, e.g. 报送情况报告和会议记录."""
    anchor: Id = "meeting"
    """``meeting``, ``feedback``, or the key of another milestone."""
    offset: Annotated[int, whole(ge=-MAX_OFFSET, le=MAX_OFFSET)] = 0
    """Signed offset from the anchor: negative = before (会前N天), positive = after (会后N日内)."""
    unit: DateUnit = DateUnit.DAYS
    """days, working_days or months."""
    phase: Phase | None = None
    """before / meeting / after; derived from the date when omitted."""
    responsible: Text = ""
    """Who does it (责任主体), e.g. 党政办."""
    deliverable: Text = ""
    """What is produced or sent, e.g. 情况报告、会议记录."""
    recipients: list[Text] = Field(default_factory=new_list)
    """To whom: superior-role keys (discipline, organization, …) or literal names."""
    after: list[Id] = Field(default_factory=new_list)
    """Keys of milestones that must come first (preparation order)."""
    source: Text = ""
    """Provenance of the number, e.g. 民主生活会若干规定 (15日内) or 地方惯例."""
    due: Day | None = None
    """An absolute date that overrides the computed one (still checked)."""
    due_text: Text = ""
    """The date as written: 11月上旬, 月初, 12月20日前, a range (10月26日-28日, 10月26日至28日)
    or a phrase counted from the meeting or feedback (会后及时, 会后一周内, 会后15日内, 会前一周).
    Documents print it as written; a range is scheduled on its last day."""
    enabled: bool = True
    """False drops a default milestone the unit does not use."""
    body: list[Text] = Field(default_factory=new_list)
    """The step's own paragraphs in the 实施方案 (what the study covers, how the talks go …);
    empty: the text the core writes for the step."""


class MilestonePatch(Model):
    """A change to a default milestone by key, or a new milestone (then title is required)."""

    key: Id
    """Key of the default milestone to change, or of a new one."""
    title: Name | None = None
    anchor: Id | None = None
    offset: Annotated[int, whole(ge=-MAX_OFFSET, le=MAX_OFFSET)] | None = None
    unit: DateUnit | None = None
    phase: Phase | None = None
    responsible: Text | None = None
    deliverable: Text | None = None
    recipients: list[Text] | None = None
    after: list[Id] | None = None
    source: Text | None = None
    due: Day | None = None
    due_text: Text | None = None
    enabled: bool | None = None
    body: list[Text] | None = None

    def apply(self, base: Milestone | None) -> Milestone:
        """Return ``base`` with this patch's set fields applied (or a new milestone)."""
        data = base.model_dump() if base is not None else {"key": self.key}
        data.update(self.model_dump(exclude_unset=True, exclude={"key"}))
        return Milestone.model_validate(data)
