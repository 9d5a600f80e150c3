"""巡视 / 巡察 and its feedback (反馈意见)."""

from enum import StrEnum

from pydantic import Field

from rectimeet.coreschema import new_list
from rectimeet.models.base import Day, Id, Model
from rectimeet.text import Name, Text


class InspectionKind(StrEnum):
    """巡视 (by a provincial or the central committee) or 巡察 (by a city or county committee)."""

    XUNSHI = "巡视"
    XUNCHA = "巡察"


class InspectionScope(StrEnum):
    """常规 (regular), 专项 (special-topic) or 回头看 (follow-up) inspection."""

    REGULAR = "常规"
    SPECIAL = "专项"
    FOLLOW_UP = "回头看"


class FeedbackIssue(Model):
    """One problem named in the feedback (反馈问题), and who claimed it (认领)."""

    id: Id
    """Identifier, e.g. F1."""
    category: Text = ""
    """The aspect it falls under, e.g. 党的领导, 党的建设, 全面从严治党."""
    text: Name
    """The problem as the feedback states it."""
    details: list[Text] = Field(default_factory=new_list)
    """具体表现: what the feedback says after the statement, one entry per paragraph."""
    position: Text = ""
    """Where the problem stands in the feedback document: section, area and number, e.g.
    ``一、（二）3．``. ``rectimeet import --feedback`` fills it and manages the problems that
    have one; a problem typed by hand leaves it empty."""
    claimed_by: list[Id] = Field(default_factory=new_list)
    """Who claims it: member ids and/or ``班子`` for the team as a whole."""


class FeedbackSuggestion(Model):
    """One of the inspection group's 意见建议: not a problem, but a checklist item may answer it."""

    id: Id
    """Identifier, e.g. S1."""
    text: Name
    """The suggestion as the feedback states it (its first sentence)."""
    details: list[Text] = Field(default_factory=new_list)
    """The rest of the suggestion, one entry per paragraph."""
    position: Text = ""
    """Where it stands in the feedback document, e.g. ``二、（一）``."""


class Inspection(Model):
    """The inspection whose feedback the meeting answers."""

    kind: InspectionKind = InspectionKind.XUNCHA
    """巡视 or 巡察."""
    scope: InspectionScope = InspectionScope.REGULAR
    """常规, 专项 or 回头看."""
    group: Name
    """The inspecting group, e.g. 县委第一巡察组."""
    round: Text = ""
    """The round, e.g. 县委第十一轮巡察, when the feedback names it."""
    feedback_date: Day
    """Date the feedback was handed over (反馈日期): anchor of the 1- and 2-month rules."""
    feedback_title: Text = ""
    """Title of the feedback document, e.g. 《县委第一巡察组关于巡察某某乡党委的反馈意见》."""
    issues: list[FeedbackIssue] = Field(default_factory=new_list)
    """The problems named in the feedback."""
    suggestions: list[FeedbackSuggestion] = Field(default_factory=new_list)
    """The feedback's 意见建议, kept apart from the problems; a checklist item's ``source_ref``
    may name one."""
