"""A plan with everything derived from it: level defaults, timeline, talk schedule.

This is what rules, documents, exports and reports read, so that they can never disagree.
``rectimeet.prepare`` makes one (the spec read, ``rectimeet.toml`` and the spec's ``rules:``
applied); nothing below it loads a spec or a project configuration again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from rectimeet.formatting import date_cn
from rectimeet.models.level import FocusArea, LevelDefaults
from rectimeet.models.meeting import AgendaItem, MeetingKind
from rectimeet.models.milestone import DateKind, DateUnit, Phase
from rectimeet.models.outline import DEFAULT_OUTLINE, OutlineSection
from rectimeet.models.plan import Plan
from rectimeet.models.study import StudyItem
from rectimeet.vocabulary import Declared, declared

if TYPE_CHECKING:
    from pathlib import Path

    from rectimeet.plugins import PluginHost
    from rectimeet.rules.engine import SourceMap
    from rectimeet.scheduling.calendar import WorkCalendar


class ComputedMilestone(NamedTuple):
    """A milestone with its date worked out."""

    key: str
    title: str
    phase: Phase
    due: dt.date
    """The effective deadline (an override if given, else computed)."""
    computed: dt.date
    """What counting alone gave (before any override)."""
    anchor: str
    offset: int
    unit: DateUnit
    responsible: str
    deliverable: str
    recipients: tuple[str, ...]
    """Recipient names, superior-role keys already resolved to the unit's bodies."""
    source: str
    after: tuple[str, ...] = ()
    overridden: bool = False
    moved_from: dt.date | None = None
    """The raw counted day when it was moved to a working day."""
    imprecise: bool = False
    """``due_text`` names a span or a phrase (10月下旬, 10月26日-28日, 会后及时), not one day:
    print it as written, without adding 前; ``due`` is its last day."""
    body: tuple[str, ...] = ()
    """The step's own paragraphs (from the spec or the level), if any."""
    written: str = ""
    """The spec's ``due_text`` as written, "" when none was given."""
    date_kind: DateKind = DateKind.COUNTED
    """How the date came about: counted, one written day, a range, a part of a month, or a
    phrase relative to the meeting."""

    @property
    def due_text(self) -> str:
        """How to show the date: the spec's ``due_text`` exactly as written (12月20日前, 10月下旬,
        会后及时), else the formatted ``due`` (2026年12月18日)."""
        # Formatted on demand: a check that prints no date never loads babel's locale data.
        return self.written or date_cn(self.due)

    @property
    def written_day(self) -> bool:
        """The spec wrote this one day (``due`` or a day in ``due_text``): it is never moved."""
        return self.date_kind is DateKind.DAY


class ScheduledTalk(NamedTuple):
    """One talk of the generated (or recorded) schedule."""

    a: str
    b: str
    """Person ids (member or contact)."""
    a_name: str
    b_name: str
    kind: str
    """A :class:`~rectimeet.vocabulary.TalkKind`: principal_member, member_member, member_head,
    member_branch, other."""
    date: dt.date | None
    half_day: str
    """上午 or 下午 ("" when not known)."""
    held: bool = False


@dataclass
class Prepared:
    """A plan with its level defaults, timeline and talk schedule resolved."""

    plan: Plan
    defaults: LevelDefaults
    milestones: list[ComputedMilestone] = field(default_factory=list)
    talks: list[ScheduledTalk] = field(default_factory=list)
    talk_problem: str | None = None
    """Why the talk schedule could not be made (window too short), if so."""
    calendar_notes: list[str] = field(default_factory=list)
    """Years outside the published calendar that were assumed (weekends + fixed holidays)."""
    calendar: WorkCalendar | None = None
    """The work calendar the dates were computed on (rules fall back to the built-in one)."""
    host: PluginHost | None = field(default=None, repr=False)
    """The plugin host the plan was prepared with; rules and documents use the same one."""
    source_map: SourceMap | None = field(default=None, repr=False)
    """Where each value stands in the spec file (spec path → line, column), when read from one."""
    spec_path: Path | None = None
    """The spec file the plan was read from, if any."""

    @property
    def plugins(self) -> PluginHost:
        """The host it was prepared with (the process-wide one for a Prepared built by hand)."""
        if self.host is not None:
            return self.host
        from rectimeet.plugins import get_host

        return get_host()
    vocabulary: Declared = field(default_factory=declared)
    """The milestone keys and agenda kinds declared by the core and the plugins in force."""

    # What the plan says wins over the level's defaults.
    @property
    def meeting_kind(self) -> MeetingKind:
        return self.plan.meeting.kind or self.defaults.meeting_kind

    @property
    def meeting_title(self) -> str:
        return self.plan.title_for(self.meeting_kind)

    @property
    def agenda(self) -> list[AgendaItem]:
        return self.plan.meeting.agenda or self.defaults.agenda

    @property
    def guides(self) -> list[str]:
        return self.plan.meeting.guides or self.defaults.participants.guides

    @property
    def observers(self) -> list[str]:
        return self.plan.meeting.observers or self.defaults.participants.observers

    @property
    def guides_label(self) -> str:
        return self.plan.meeting.guides_label or self.defaults.participants.guides_label

    @property
    def attendees_note(self) -> str:
        return self.plan.meeting.attendees_note or self.defaults.participants.attendees_note

    @property
    def study_items(self) -> list[StudyItem]:
        return list(self.plan.study.items or self.defaults.study)

    @property
    def focus_areas(self) -> list[FocusArea]:
        return list(self.plan.focus_areas or self.defaults.focus_areas)

    @property
    def outline(self) -> list[OutlineSection]:
        """The 实施方案's parts: the level's outline (or the core's) with the spec's changes."""
        base = self.defaults.outline or list(DEFAULT_OUTLINE)
        return self.plan.outline.apply(base)

    @property
    def requirements(self) -> list[str]:
        return self.plan.requirements or self.defaults.requirements

    def superior(self, role: str) -> str | None:
        from rectimeet.models.unit import SuperiorRole

        try:
            key = SuperiorRole(role)
        except ValueError:
            return None
        return self.plan.unit.superiors.get(key) or self.defaults.superiors.get(key)

    def milestone(self, key: str) -> ComputedMilestone | None:
        return next((m for m in self.milestones if m.key == key), None)

    def param(self, name: str, default: int | float | bool | str) -> int | float | bool | str:
        if name in self.plan.rules.params:
            return self.plan.rules.params[name]
        return self.defaults.params.get(name, default)
