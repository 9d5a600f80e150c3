"""The meeting itself: date, sessions, people and agenda."""

import datetime as dt
from enum import StrEnum

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from rectimeet.coreschema import new_list
from rectimeet.models.base import ClockTime, Day, Id, Model
from rectimeet.models.unit import OrgType
from rectimeet.text import Name, Text


class MeetingKind(StrEnum):
    """专题民主生活会 (leadership team) or 专题组织生活会 (a party branch)."""

    DEMOCRATIC_LIFE = "专题民主生活会"
    ORGANIZATIONAL_LIFE = "专题组织生活会"

    @classmethod
    def for_org_type(cls, org_type: OrgType) -> "MeetingKind":
        """The kind an organisation holds by rule: a 党支部 a 组织生活会 (《中国共产党支部工作条例
        （试行）》), a 党委/党组 (and a 党总支, by practice) a 民主生活会."""
        return cls.ORGANIZATIONAL_LIFE if org_type is OrgType.BRANCH else cls.DEMOCRATIC_LIFE


class Session(Model):
    """A half-day slot of the meeting, with times."""

    part: Text = "上午"
    """上午 or 下午."""
    start: ClockTime = dt.time(9, 0)
    """Start time."""
    end: ClockTime | None = None
    """End time, when fixed."""
    content: Text = ""
    """What happens in it, e.g. 理论学习 or 专题民主生活会."""

    @model_validator(mode="after")
    def _end_after_start(self) -> "Session":
        if self.end is not None and self.end <= self.start:
            raise PydanticCustomError("session_end", "a session must end after it starts")
        return self


class AgendaItem(Model):
    """One item of the agenda (议程), in order."""

    title: Name
    """What happens, e.g. 主要负责同志代表班子作对照检查."""
    speaker: Text = ""
    """Who speaks: a name, or a role such as 主持人, 到会指导领导."""
    part: Text = ""
    """The session (上午/下午) when the meeting spans a day."""
    kind: Text = ""
    """What the item is, from the agenda vocabulary: opening, report, study, film, oath,
    team_examination, principal_examination, member_examination, criticism, guidance, closing
    (or a kind a plugin declares); the host's script is written from it."""


class Absence(Model):
    """A member who is excused, and why (请假)."""

    member: Id
    """Member id."""
    reason: Text = ""
    """Reason, approved by the principal."""


class Meeting(Model):
    """The 专题民主生活会 (or 组织生活会)."""

    kind: MeetingKind | None = None
    """专题民主生活会 or 专题组织生活会; empty means the level's default (a 党支部 holds a
    专题组织生活会)."""
    title: Text = ""
    """Full title; defaults to 〈party org〉巡察整改专题民主生活会."""
    theme: Text = ""
    """The theme (主题)."""
    date: Day
    """The meeting date (ISO, e.g. 2026-12-18)."""
    date_text: Text = ""
    """How documents announce the date while it is not fixed yet, e.g. 7月上旬; the
    ``date`` still anchors the timeline and the checks."""
    sessions: list[Session] = Field(default_factory=new_list)
    """Half-day sessions with times; empty means one morning session at 9:00."""
    venue: Text = ""
    """Where (会议地点)."""
    host: Id | None = None
    """Member id of the host (主持), normally the principal leader."""
    attendees: list[Id] = Field(default_factory=new_list)
    """Member ids due to attend; empty means the whole team."""
    absent: list[Absence] = Field(default_factory=new_list)
    """Members excused from attending."""
    guides: list[Text] = Field(default_factory=new_list)
    """到会指导 / 督导: who guides the meeting; empty means the level's default."""
    guides_label: Text = ""
    """What the plan calls them: 到会指导 (default), 出席领导, 督导 …; empty: the level's."""
    observers: list[Text] = Field(default_factory=new_list)
    """列席: who observes; empty means the level's default."""
    attendees_note: Text = ""
    """Who attends beyond the team, e.g. 镇科级干部 or 副科级以上党员干部; empty means the
    level's default."""
    recorder: Text = ""
    """Who keeps the minutes (记录)."""
    agenda: list[AgendaItem] = Field(default_factory=new_list)
    """The agenda; empty means the level's default agenda."""
    basis: list[Text] = Field(default_factory=new_list)
    """Documents the plan is based on (根据…), e.g. the superior's notice."""
