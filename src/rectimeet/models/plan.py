"""The :class:`Plan` aggregate: one meeting's whole lifecycle, and its structural invariants."""

from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from rectimeet.coreschema import new_dict, new_list
from rectimeet.errors import Problem, StructureErrors
from rectimeet.i18n import N_
from rectimeet.models.base import TEAM, Day, Model, whole
from rectimeet.models.checklist import ChecklistItem
from rectimeet.models.criticism import Criticism
from rectimeet.models.inspection import Inspection
from rectimeet.models.level import FocusArea, ParamValue
from rectimeet.models.material import Material, MaterialKind
from rectimeet.models.meeting import Meeting, MeetingKind
from rectimeet.models.milestone import MilestonePatch
from rectimeet.models.opinion import Opinion
from rectimeet.models.outline import OutlineSettings
from rectimeet.models.restdays import RestDayMove, RestDayPolicy
from rectimeet.models.study import Study
from rectimeet.models.talk import Talk
from rectimeet.models.unit import Role, Unit
from rectimeet.text import Text


class ScheduleSettings(Model):
    """How the timeline and the talk schedule are computed."""

    roll_forward: bool = False
    """Older switch, still read: true rolls after-meeting deadlines forward, false keeps them
    on the counted day. ``rest_day_policy`` wins when both are given."""
    rest_day_policy: RestDayPolicy | None = None
    """Where a counted deadline that lands on a rest day goes: ``earlier``, ``later`` or
    ``keep``, one word for both phases or ``{before: …, after: …}``. Default: before the
    meeting earlier, after it later; a date written in the spec never moves."""
    talk_capacity: Annotated[int, whole(ge=1, le=8)] = 2
    """At most this many talks per person per half-day."""
    talk_window_days: Annotated[int, whole(ge=1, le=60)] = 7
    """Talks happen in the working days of the last N calendar days before the talk deadline."""
    include_branch_talks: bool = False
    """Add the optional fourth required talk: member ↔ their branch's representative."""
    milestones: list[MilestonePatch] = Field(default_factory=new_list)
    """Changes to the level's default milestones by key, or extra milestones."""
    calendar_files: list[str] = Field(default_factory=new_list)
    """Holiday schedule files (YAML, one year each) relative to the spec file; a file's year
    replaces the built-in or plugin schedule for that year."""

    @property
    def rest_days(self) -> RestDayPolicy:
        """The policy in force: ``rest_day_policy``, else what ``roll_forward`` said, else the
        default (a spec that set ``roll_forward`` keeps its meaning)."""
        if self.rest_day_policy is not None:
            return self.rest_day_policy
        if "roll_forward" in self.model_fields_set:
            return RestDayPolicy(after=RestDayMove.LATER if self.roll_forward else RestDayMove.KEEP)
        return RestDayPolicy()


class RuleSettings(Model):
    """Per-spec rule configuration, like a linter's."""

    disable: list[str] = Field(default_factory=new_list)
    """Rule codes to switch off."""
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=new_dict)
    """Re-grade rules: code → error, warning or info."""
    params: dict[str, ParamValue] = Field(default_factory=new_dict)
    """Rule parameters, e.g. ``min_criticisms: 3``."""


class DocumentSettings(Model):
    """Settings for the generated documents."""

    issuer: Text = ""
    """署名 (signing body); defaults to the party organisation's name."""
    issued_on: Day | None = None
    """成文日期 of the plan and notice (ISO date); defaults to the plan milestone's date."""
    doc_number: Text = ""
    """文号, e.g. 某党发〔2026〕12号."""
    bold_headings: bool = False
    """House style: bold the 楷体 and 仿宋 heading levels (not in GB/T 9704)."""


class Plan(Model):
    """One meeting's whole lifecycle: the input every command works from."""

    unit: Unit
    """The unit and its leadership team."""
    inspection: Inspection
    """The inspection and its feedback."""
    meeting: Meeting
    """The meeting."""
    study: Study = Field(default_factory=Study)
    """Study list and sessions."""
    opinions: list[Opinion] = Field(default_factory=new_list)
    """Opinions collected (征求意见)."""
    talks: list[Talk] = Field(default_factory=new_list)
    """Talks planned or held (谈心谈话)."""
    materials: list[Material] = Field(default_factory=new_list)
    """Tracked self-written materials (对照检查材料, 发言提纲)."""
    criticisms: list[Criticism] = Field(default_factory=new_list)
    """Criticism between members (批评意见)."""
    checklist: list[ChecklistItem] = Field(default_factory=new_list)
    """The rectification checklist (整改清单 / 台账)."""
    focus_areas: list[FocusArea] = Field(default_factory=new_list)
    """Focus areas for self-examination; empty means the level's default."""
    requirements: list[Text] = Field(default_factory=new_list)
    """有关要求; empty means the level's default."""
    schedule: ScheduleSettings = Field(default_factory=ScheduleSettings)
    """Timeline and talk-schedule settings."""
    rules: RuleSettings = Field(default_factory=RuleSettings)
    """Rule configuration."""
    documents: DocumentSettings = Field(default_factory=DocumentSettings)
    """Document settings."""
    outline: OutlineSettings = Field(default_factory=OutlineSettings)
    """Changes to the 实施方案's outline: rename, reorder, drop or add parts (``order``,
    ``sections``)."""

    @model_validator(mode="after")
    def _structure(self) -> "Plan":
        problems = list(structure_problems(self))
        if problems:
            raise StructureErrors(problems)
        return self

    # Convenience lookups used by rules, scheduling and documents.
    @property
    def member_ids(self) -> list[str]:
        return [m.id for m in self.unit.members]

    @property
    def meeting_kind(self) -> MeetingKind:
        """The kind the spec states, else the one its organisation type implies (the level's
        default, resolved by :class:`~rectimeet.prepared.Prepared`, can differ)."""
        if self.meeting.kind is not None:
            return self.meeting.kind
        return MeetingKind.for_org_type(self.unit.org_type)

    @property
    def meeting_title(self) -> str:
        return self.title_for(self.meeting_kind)

    def title_for(self, kind: MeetingKind) -> str:
        if self.meeting.title:
            return self.meeting.title
        inspection = "巡视" if self.inspection.kind.value == "巡视" else "巡察"
        return f"{self.unit.party_org}{inspection}整改{kind.value}"

    def attendees(self) -> list[str]:
        """Member ids due to attend."""
        return list(self.meeting.attendees) or self.member_ids


_UNKNOWN = {
    "member id": N_("{value} is not a known member id"),
    "member id (or 班子)": N_("{value} is not a known member id (or 班子)"),
    "contact id": N_("{value} is not a known contact id"),
    "branch name": N_("{value} is not a known branch name"),
    "member or contact id": N_("{value} is not a known member or contact id"),
    "feedback issue or opinion id": N_("{value} is not a known feedback issue or opinion id"),
    "feedback issue, suggestion or opinion id":
        N_("{value} is not a known feedback issue, suggestion or opinion id"),
}


def structure_problems(plan: Plan) -> Iterable[Problem]:
    """Uniqueness and reference checks; each yields a Problem with a stable M-code and path."""
    unit = plan.unit
    members = {m.id for m in unit.members}
    contacts = {c.id for c in unit.contacts}
    people = members | contacts
    branches = {b.name for b in unit.branches}

    def dup(code: str, items: list[Any], attr: str, section: tuple[str | int, ...]) -> Iterable[Problem]:
        seen: dict[str, int] = {}
        message = (N_("id {value} is used twice (first at {first})") if attr == "id"
                   else N_("name {value} is used twice (first at {first})"))
        for i, item in enumerate(items):
            value = getattr(item, attr)
            if value in seen:
                yield Problem(code, (*section, i, attr), message,
                              params={"value": value, "first": f"{section[-1]}[{seen[value]}]"})
            else:
                seen[value] = i

    yield from dup("M001", unit.members, "id", ("unit", "members"))
    yield from dup("M002", unit.members, "name", ("unit", "members"))
    for i, c in enumerate(unit.contacts):
        if c.id in members:
            yield Problem("M001", ("unit", "contacts", i, "id"), N_("id {value} is already a member's id"),
                          params={"value": c.id})
    yield from dup("M001", unit.contacts, "id", ("unit", "contacts"))
    yield from dup("M001", plan.inspection.issues, "id", ("inspection", "issues"))
    yield from dup("M001", plan.inspection.suggestions, "id", ("inspection", "suggestions"))
    yield from dup("M001", plan.opinions, "id", ("opinions",))
    yield from dup("M001", plan.checklist, "id", ("checklist",))
    yield from dup("M002", unit.branches, "name", ("unit", "branches"))
    if TEAM in people:
        yield Problem("M004", ("unit", "members"), N_("{value} is reserved for the team as a whole"),
                      params={"value": TEAM})

    principals = [i for i, m in enumerate(unit.members) if m.role is Role.PRINCIPAL]
    if len(principals) > 1:
        yield Problem("M005", ("unit", "members", principals[1], "role"),
                      N_("only one member can be the 主要负责同志"))

    def ref(value: str | None, allowed: set[str], path: tuple[str | int, ...], what: str) -> Iterable[Problem]:
        if value is not None and value not in allowed:
            yield Problem("M003", path, _UNKNOWN[what], params={"value": value})

    for i, m in enumerate(unit.members):
        for j, o in enumerate(m.oversees):
            yield from ref(o.head, contacts, ("unit", "members", i, "oversees", j, "head"), "contact id")
        if m.branch is not None:
            yield from ref(m.branch, branches, ("unit", "members", i, "branch"), "branch name")
    for i, b in enumerate(unit.branches):
        yield from ref(b.representative, contacts, ("unit", "branches", i, "representative"), "contact id")
    for i, issue in enumerate(plan.inspection.issues):
        for j, who in enumerate(issue.claimed_by):
            yield from ref(who, members | {TEAM}, ("inspection", "issues", i, "claimed_by", j),
                           "member id (or 班子)")
    for i, op in enumerate(plan.opinions):
        yield from ref(op.about, members | {TEAM}, ("opinions", i, "about"), "member id (or 班子)")
    for i, talk in enumerate(plan.talks):
        for j, who in enumerate(talk.parties):
            yield from ref(who, people, ("talks", i, "parties", j), "member or contact id")
    for i, mat in enumerate(plan.materials):
        team = mat.kind is MaterialKind.TEAM
        yield from ref(mat.author, members | {TEAM} if team else members, ("materials", i, "author"),
                       "member id")
        yield from ref(mat.reviewed_by, members, ("materials", i, "reviewed_by"), "member id")
    for i, cr in enumerate(plan.criticisms):
        yield from ref(cr.from_, members, ("criticisms", i, "from"), "member id")
        yield from ref(cr.to, members, ("criticisms", i, "to"), "member id")
        if cr.from_ == cr.to:
            yield Problem("M006", ("criticisms", i, "to"),
                          N_("criticism of oneself is 自我批评, not a criticism record"))
    issues = {f.id for f in plan.inspection.issues}
    opinions = {o.id for o in plan.opinions}
    suggestions = {s.id for s in plan.inspection.suggestions}
    for i, item in enumerate(plan.checklist):
        yield from ref(item.owner, members | {TEAM}, ("checklist", i, "owner"), "member id (or 班子)")
        yield from ref(item.lead, members, ("checklist", i, "lead"), "member id")
        yield from ref(item.source_ref, issues | opinions | suggestions,
                       ("checklist", i, "source_ref"),
                       "feedback issue, suggestion or opinion id" if suggestions
                       else "feedback issue or opinion id")
    meeting = plan.meeting
    yield from ref(meeting.host, members, ("meeting", "host"), "member id")
    for i, who in enumerate(meeting.attendees):
        yield from ref(who, members, ("meeting", "attendees", i), "member id")
    for i, ab in enumerate(meeting.absent):
        yield from ref(ab.member, members, ("meeting", "absent", i, "member"), "member id")
