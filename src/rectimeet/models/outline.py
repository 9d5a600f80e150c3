"""The outline of the 实施方案: its parts (一、二、…), their titles, order and words.

Real plans differ in their outline: 会议主题 / 会议时间 / 会议地点 / 参会人员 / 会议议程 / 工作安排 /
工作要求 with the preparation after the agenda, or four parts, or the steps as parts of their own.
A level supplies a default outline as data; the spec's ``outline`` renames, reorders, drops or
adds parts, and gives any part its own paragraphs (``body``).
"""

from enum import StrEnum

from pydantic import Field, model_validator

from rectimeet.coreschema import new_list
from rectimeet.models.base import Id, Model
from rectimeet.text import Name, Text


class SectionKind(StrEnum):
    """What a part of the 实施方案 shows when it has no words of its own."""

    THEME = "theme"
    """会议主题: the theme sentence."""
    TIME = "time"
    """会议时间: the date, the length and each half-day."""
    VENUE = "venue"
    """会议地点."""
    TIME_VENUE = "time_venue"
    """会议时间和地点, in one part."""
    PARTICIPANTS = "participants"
    """参会人员: guides, the team, observers, the recorder, and who else attends."""
    AGENDA = "agenda"
    """会议议程: who chairs, the order, and each item."""
    MEETING = "meeting"
    """召开会议: time, place, participants and agenda as （一）（二）… of one part."""
    PREPARATION = "preparation"
    """会前准备 / 工作安排: the steps before the meeting, each a （一） with its deadline."""
    AFTER = "after"
    """会后工作: the steps after the meeting."""
    STEPS = "steps"
    """方法步骤: every step, before and after, in order."""
    STEP = "step"
    """One step (the milestone named by ``step``) as a part of its own."""
    REQUIREMENTS = "requirements"
    """有关要求: each requirement a （一） with its lead sentence."""
    TEXT = "text"
    """Only the part's own paragraphs (``body``)."""


class OutlineSection(Model):
    """One part of the 实施方案."""

    id: Id
    """Stable id the spec uses to change this part, e.g. theme, preparation, organisation."""
    title: Name
    """The heading without its number, e.g. 会议主题, 工作安排."""
    kind: SectionKind = SectionKind.TEXT
    """What the part shows (see the section kinds)."""
    body: list[Text] = Field(default_factory=new_list)
    """The part's own paragraphs. For a part that lists things (preparation, after, steps,
    requirements, meeting, participants, agenda) they come first, before the list; for any other
    part they replace the generated text."""
    step: Id | None = None
    """For kind ``step``: the key of the milestone shown."""
    steps: list[Id] = Field(default_factory=new_list)
    """For preparation, after and steps: which milestones, in this order (default: by phase,
    in timeline order; a milestone shown as a part of its own is left out)."""

    @model_validator(mode="after")
    def _step_named(self) -> "OutlineSection":
        if self.kind is SectionKind.STEP and not self.step:
            raise ValueError("a section of kind step names its milestone in `step`")
        return self


class SectionPatch(Model):
    """A change to a part of the level's outline by id, or a new part (then title is needed)."""

    id: Id
    """The id of the part to change, or of a new one."""
    title: Name | None = None
    """A new heading (without its number)."""
    kind: SectionKind | None = None
    """What the part shows (see the section kinds)."""
    body: list[Text] | None = None
    """The part's own paragraphs; ``{fields}`` such as ``{org}``, ``{group}``, ``{principal}``
    are filled in."""
    step: Id | None = None
    """For kind step: the milestone shown."""
    steps: list[Id] | None = None
    """For preparation, after and steps: which milestones, in this order."""
    enabled: bool = True
    """False drops the part."""

    def apply(self, base: OutlineSection | None) -> OutlineSection:
        data = base.model_dump() if base is not None else {"id": self.id}
        data.update(self.model_dump(exclude_unset=True, exclude={"id", "enabled"}))
        if base is None and "title" not in data:
            raise ValueError(f"outline section {self.id} is new: give it a title")
        return OutlineSection.model_validate(data)


class OutlineSettings(Model):
    """The spec's changes to the 实施方案's outline."""

    order: list[Id] = Field(default_factory=new_list)
    """The parts in the order wanted; parts not named are dropped. Empty: the level's order,
    new parts at the end."""
    sections: list[SectionPatch] = Field(default_factory=new_list)
    """Changes by id (rename, new words, drop) and new parts."""

    def apply(self, base: list[OutlineSection]) -> list[OutlineSection]:
        by_id = {s.id: s for s in base}
        order = [s.id for s in base]
        for patch in self.sections:
            if not patch.enabled:
                by_id.pop(patch.id, None)
                continue
            by_id[patch.id] = patch.apply(by_id.get(patch.id))
            if patch.id not in order:
                order.append(patch.id)
        if self.order:
            order = list(self.order)
        return [by_id[i] for i in order if i in by_id]


DEFAULT_OUTLINE: tuple[OutlineSection, ...] = (
    OutlineSection(id="theme", title="会议主题", kind=SectionKind.THEME),
    OutlineSection(id="time_venue", title="会议时间和地点", kind=SectionKind.TIME_VENUE),
    OutlineSection(id="participants", title="参会人员", kind=SectionKind.PARTICIPANTS),
    OutlineSection(id="preparation", title="会前准备", kind=SectionKind.PREPARATION),
    OutlineSection(id="agenda", title="会议议程", kind=SectionKind.AGENDA),
    OutlineSection(id="after", title="会后工作", kind=SectionKind.AFTER),
    OutlineSection(id="requirements", title="有关要求", kind=SectionKind.REQUIREMENTS),
)
"""The outline when neither the level nor the spec gives one (the core's seven parts)."""
