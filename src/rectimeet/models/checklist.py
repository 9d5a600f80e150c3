"""整改清单: the rectification checklist and its items."""

from enum import StrEnum

from pydantic import Field

from rectimeet.coreschema import new_list
from rectimeet.models.base import TEAM, Day, Id, Model
from rectimeet.models.milestone import DateUnit
from rectimeet.text import Text


class ChecklistKind(StrEnum):
    """立行立改 (at once), 限期整改 (by a deadline), 长期坚持 (long-term)."""

    IMMEDIATE = "立行立改"
    DEADLINE = "限期整改"
    LONG_TERM = "长期坚持"


class ChecklistSource(StrEnum):
    """Where the problem came from."""

    FEEDBACK = "巡察反馈"
    OPINION = "征求意见"
    CRITICISM = "会上批评"
    SELF_FOUND = "自查"


class ChecklistStatus(StrEnum):
    """Item lifecycle: 待整改 → 整改中 → 已完成 → 已销号."""

    PENDING = "待整改"
    IN_PROGRESS = "整改中"
    DONE = "已完成"
    CLOSED = "已销号"


class Evidence(Model):
    """佐证材料: what proves the item is done, and where it is kept."""

    what: Text
    """Description, e.g. 制度文件《某某管理办法》."""
    where: Text = ""
    """Where it is filed, e.g. 档案室 2026-卷12."""


class Change(Model):
    """One recorded change to an item (history is never rewritten)."""

    on: Day
    """Date of the change."""
    by: Text = ""
    """Who made it."""
    field: Text
    """Which field changed (status, deadline, …)."""
    old: Text = ""
    """Value before."""
    new: Text = ""
    """Value after."""
    note: Text = ""
    """Why."""


class ChecklistItem(Model):
    """One row of the 整改清单 / 台账."""

    id: Id
    """Identifier, e.g. Z1."""
    issue: Text
    """The problem (问题)."""
    source: ChecklistSource = ChecklistSource.FEEDBACK
    """巡察反馈, 征求意见, 会上批评 or 自查."""
    source_ref: Id | None = None
    """Id of the feedback issue, suggestion or opinion it answers, when there is one."""
    owner: Id = TEAM
    """``班子`` (team list) or a member id (that member's personal list)."""
    lead: Id | None = None
    """Member id of the responsible leader (责任领导)."""
    responsible: Text = ""
    """Responsible person or department (责任人/责任单位)."""
    measure: Text = ""
    """The rectification measure (整改措施)."""
    kind: ChecklistKind = ChecklistKind.DEADLINE
    """立行立改, 限期整改 or 长期坚持."""
    deadline: Day | None = None
    """Completion deadline (完成时限)."""
    deadline_unit: DateUnit = DateUnit.DAYS
    """How days left are counted for warnings: calendar days or working days."""
    status: ChecklistStatus = ChecklistStatus.PENDING
    """待整改, 整改中, 已完成 or 已销号."""
    evidence: list[Evidence] = Field(default_factory=new_list)
    """佐证材料, required to close (销号)."""
    closed_by: Text = ""
    """Reviewer who approved closing (销号审核人)."""
    closed_on: Day | None = None
    """Date closed (销号日期)."""
    note: Text = ""
    """Remarks (备注)."""
    history: list[Change] = Field(default_factory=new_list)
    """Every change made through rectimeet, oldest first."""
