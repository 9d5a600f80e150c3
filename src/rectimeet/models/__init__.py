"""The domain model (pydantic v2): one module per concept, aggregated by :class:`Plan`."""

from rectimeet.models.base import TEAM, Id
from rectimeet.models.checklist import (
    ChecklistItem,
    ChecklistKind,
    ChecklistSource,
    ChecklistStatus,
)
from rectimeet.models.criticism import Criticism
from rectimeet.models.inspection import (
    FeedbackIssue,
    FeedbackSuggestion,
    Inspection,
    InspectionKind,
    InspectionScope,
)
from rectimeet.models.level import FocusArea, LevelProfile, Participants
from rectimeet.models.material import Material, MaterialKind
from rectimeet.models.meeting import AgendaItem, Meeting, MeetingKind, Session
from rectimeet.models.milestone import DateUnit, Milestone, Phase
from rectimeet.models.opinion import Opinion, OpinionChannel
from rectimeet.models.plan import Plan
from rectimeet.models.study import StudyItem, StudySession
from rectimeet.models.talk import Talk
from rectimeet.models.unit import Branch, Contact, Member, OrgType, Role, SuperiorRole, Tier, Unit

__all__ = [
    "TEAM",
    "AgendaItem",
    "Branch",
    "ChecklistItem",
    "ChecklistKind",
    "ChecklistSource",
    "ChecklistStatus",
    "Contact",
    "Criticism",
    "DateUnit",
    "FeedbackIssue",
    "FeedbackSuggestion",
    "FocusArea",
    "Id",
    "Inspection",
    "InspectionKind",
    "InspectionScope",
    "LevelProfile",
    "Material",
    "MaterialKind",
    "Meeting",
    "MeetingKind",
    "Member",
    "Milestone",
    "Opinion",
    "OpinionChannel",
    "OrgType",
    "Participants",
    "Phase",
    "Plan",
    "Role",
    "Session",
    "StudyItem",
    "StudySession",
    "SuperiorRole",
    "Talk",
    "Tier",
    "Unit",
]
