"""What a level plugin supplies: the defaults for one kind of unit."""

from pydantic import Field

from rectimeet.coreschema import new_dict, new_list
from rectimeet.models.base import Id, Model
from rectimeet.models.meeting import AgendaItem, MeetingKind
from rectimeet.models.milestone import Milestone
from rectimeet.models.outline import OutlineSection
from rectimeet.models.study import StudyItem
from rectimeet.models.unit import OrgType, SuperiorRole, Tier
from rectimeet.text import Name, Text
from rectimeet.vocabulary import VocabularyTerm

ParamValue = int | float | bool | str


class FocusArea(Model):
    """An aspect for self-examination (对照检查方面) with its guiding questions."""

    title: Name
    """E.g. 党的领导方面."""
    points: list[Text] = Field(default_factory=new_list)
    """What to examine under it."""


class Participants(Model):
    """Who guides (到会指导) and who observes (列席) by default."""

    guides: list[Text] = Field(default_factory=new_list)
    """到会指导 / 督导, e.g. 县委第一巡察组, 县纪委监委派驻纪检监察组."""
    observers: list[Text] = Field(default_factory=new_list)
    """列席, e.g. 非中共党员副局长."""
    attendees_note: Text = ""
    """Who attends beyond the team, e.g. 副科级以上党员干部."""
    guides_label: Text = "到会指导"
    """What the level's plans call the guides: 到会指导, 出席领导, 督导组."""


class LevelInfo(Model):
    """A level a plugin provides: shown by ``rectimeet plugins`` and used by ``new``."""

    id: Id
    """Level id used in ``unit.level``, e.g. township."""
    name: Name
    """Chinese name, e.g. 乡镇党委."""
    description: Text = ""
    """What kind of unit it fits and which real plans it was drawn from."""
    org_types: list[OrgType] = Field(default_factory=new_list)
    """Party organisation types it covers."""
    tiers: list[Tier] = Field(default_factory=new_list)
    """Tiers it covers."""
    variants: list[Id] = Field(default_factory=new_list)
    """Its variants, for ``rectimeet new --variant`` (``branch``, ``department_inspection``)."""


class LevelDefaults(Model):
    """Everything a level resolves to for one unit, after every plugin had its say."""

    level: Id
    """The level id."""
    meeting_kind: MeetingKind = MeetingKind.DEMOCRATIC_LIFE
    """The meeting the unit holds when the spec does not say."""
    agenda: list[AgendaItem] = Field(default_factory=new_list)
    """Default agenda in order."""
    study: list[StudyItem] = Field(default_factory=new_list)
    """Default study list."""
    focus_areas: list[FocusArea] = Field(default_factory=new_list)
    """Default focus areas for self-examination."""
    participants: Participants = Field(default_factory=Participants)
    """Default guides and observers."""
    milestones: list[Milestone] = Field(default_factory=new_list)
    """Default milestones with offsets, recipients and provenance."""
    requirements: list[Text] = Field(default_factory=new_list)
    """有关要求 paragraphs for the 实施方案."""
    superiors: dict[SuperiorRole, Name] = Field(default_factory=new_dict)
    """Superior bodies' names by role (the spec's own names win)."""
    params: dict[str, ParamValue] = Field(default_factory=new_dict)
    """Rule parameters (min_criticisms, …); the spec's rules.params win."""
    outline: list[OutlineSection] = Field(default_factory=new_list)
    """The 实施方案's parts in order (empty: the core's default outline)."""


class LevelProfile(Model):
    """A level's data file: what a level plugin keeps as YAML and loads through the models."""

    info: LevelInfo
    """Identity of the level."""
    meeting_kind: MeetingKind = MeetingKind.DEMOCRATIC_LIFE
    """The meeting a unit of this level holds."""
    agenda: list[AgendaItem] = Field(default_factory=new_list)
    """The default agenda, in order (``title``, ``speaker``, ``part``, ``kind``)."""
    study: list[StudyItem] = Field(default_factory=new_list)
    """The default study list (``title``, ``category``, ``note``)."""
    focus_areas: list[FocusArea] = Field(default_factory=new_list)
    """对照检查方面 with their guiding points."""
    participants: dict[Tier, Participants] = Field(default_factory=new_dict)
    """Participants by the unit's tier (names differ: 县委… vs 市委… vs 省委…); a guide written
    ``{inspection_group}`` becomes the plan's inspecting group."""
    superiors: dict[Tier, dict[SuperiorRole, Name]] = Field(default_factory=new_dict)
    """Superior bodies' names by tier and role; the nearest tier answers when the unit's is absent."""
    milestones: list[Milestone] = Field(default_factory=new_list)
    """The timeline: every milestone with its anchor, offset, recipients and ``source``."""
    requirements: list[Text] = Field(default_factory=new_list)
    """有关要求 paragraphs for the 实施方案."""
    params: dict[str, ParamValue] = Field(default_factory=new_dict)
    """Rule parameters for units of the level (min_criticisms, …)."""
    terms: list[VocabularyTerm] = Field(default_factory=new_list)
    """Milestone keys and agenda kinds of the level's own (``rectimeet_vocabulary``)."""
    outline: list[OutlineSection] = Field(default_factory=new_list)
    """The 实施方案's parts in order, as the level's real plans have them."""
    scaffold_patch: dict[str, str] = Field(default_factory=new_dict)
    """For a variant: what ``rectimeet new --variant`` changes in the level's scaffold so that the
    spec selects the variant, by dotted path (``unit.org_type: 党支部``)."""
