"""What every built-in level shares: its data file, and the hooks that answer from it.

A level keeps its content in ``data/<level>.yaml`` (a :class:`~rectimeet.models.level.LevelProfile`)
and, where one kind of unit under the level differs, in ``data/<level>.<variant>.yaml``. Files are
read and validated on first use, never at import. A :class:`Level` answers a hook only for a unit
of its own level, so the core fallback or another plugin answers for everyone else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, TypeVar

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from rectimeet.errors import PluginError
from rectimeet.hookspecs import LevelContext, hookimpl
from rectimeet.i18n import N_
from rectimeet.models.level import FocusArea, LevelInfo, LevelProfile, ParamValue, Participants
from rectimeet.models.meeting import AgendaItem, MeetingKind
from rectimeet.models.milestone import Milestone
from rectimeet.models.outline import OutlineSection
from rectimeet.models.study import StudyItem
from rectimeet.models.unit import SuperiorRole, Tier

if TYPE_CHECKING:
    from rectimeet.rules.engine import Rule

T = TypeVar("T")

PACKAGE = "rectimeet_levels"
DISTRIBUTION = "rectimeet"

INSPECTION_GROUP_FIELD = "{inspection_group}"
"""Written in a guides list, stands for the plan's inspecting group (e.g. 县委第一巡察组)."""

# Nearest tier first when a level has no names for the unit's own tier; ties go upwards.
TIER_ORDER = (Tier.PROVINCE, Tier.CITY, Tier.COUNTY, Tier.TOWNSHIP)

VariantPicker = Callable[[LevelContext], str | None]


def _data_file(name: str) -> resources.abc.Traversable:
    return resources.files(PACKAGE) / "data" / f"{name}.yaml"


@cache
def load_profile(name: str) -> LevelProfile:
    """The validated profile ``data/<name>.yaml`` (``name`` is a level id or ``level.variant``)."""
    level = name.split(".", 1)[0]
    resource = _data_file(name)
    if not resource.is_file():
        raise PluginError(level, DISTRIBUTION, N_("data file {file} is missing"),
                          {"file": f"data/{name}.yaml"})
    try:
        data = YAML(typ="safe", pure=True).load(resource.read_text("utf-8"))
    except YAMLError as exc:
        raise PluginError(level, DISTRIBUTION, N_("{file} is not valid YAML: {error}"),
                          {"file": f"data/{name}.yaml", "error": str(exc)}) from exc
    try:
        return LevelProfile.model_validate(data)
    except ValidationError as exc:
        # pydantic's own report (English) is kept as the detail.
        raise PluginError(level, DISTRIBUTION, N_("{file} is invalid: {error}"),
                          {"file": f"data/{name}.yaml", "error": str(exc)}) from exc


def profile_names() -> list[str]:
    """Every data file's name (``township``, ``county_bureau.branch``, …), sorted."""
    folder = resources.files(PACKAGE) / "data"
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


def scaffold_text(level: str) -> str | None:
    """The commented example spec of ``level``, or ``None`` when it has none."""
    resource = resources.files(PACKAGE) / "scaffolds" / f"{level}.yaml"
    return resource.read_text("utf-8") if resource.is_file() else None


def nearest_tier(table: Mapping[Tier, T], tier: Tier) -> T | None:
    """``table[tier]``, else the entry of the closest tier (the higher one on a tie)."""
    if tier in table:
        return table[tier]
    if not table:
        return None
    here = TIER_ORDER.index(tier)
    best = min(table, key=lambda t: (abs(TIER_ORDER.index(t) - here), TIER_ORDER.index(t)))
    return table[best]


class Level:
    """The hooks of one built-in level, answered from its data files.

    A level module holds one instance as ``plugin``; the entry point names it and pluggy
    registers the object, finding these methods.
    """

    def __init__(
        self,
        level_id: str,
        *,
        variant: VariantPicker | None = None,
        rules: Callable[[], Sequence[Rule]] | None = None,
    ) -> None:
        self.id = level_id
        self._variant = variant
        self._rules = rules

    # -- which profile answers ---------------------------------------------------------------

    def profile_for(self, ctx: LevelContext) -> LevelProfile | None:
        """The profile for ``ctx``'s unit, or ``None`` when the unit is of another level."""
        if ctx.level != self.id:
            return None
        variant = self._variant(ctx) if self._variant is not None else None
        return load_profile(f"{self.id}.{variant}" if variant else self.id)

    def _superiors(self, profile: LevelProfile, ctx: LevelContext) -> dict[SuperiorRole, str]:
        names = dict(nearest_tier(profile.superiors, ctx.unit.tier) or {})
        if ctx.plan is not None:
            # The spec names the real group (县委第一巡察组); the data only knows its kind.
            names[SuperiorRole.INSPECTION_GROUP] = ctx.plan.inspection.group
        return names

    # -- hooks -------------------------------------------------------------------------------

    @hookimpl
    def rectimeet_levels(self) -> list[LevelInfo]:
        return [load_profile(self.id).info]

    @hookimpl
    def rectimeet_agenda(self, ctx: LevelContext) -> list[AgendaItem] | None:
        profile = self.profile_for(ctx)
        return None if profile is None else list(profile.agenda)

    @hookimpl
    def rectimeet_meeting_kind(self, ctx: LevelContext) -> MeetingKind | None:
        profile = self.profile_for(ctx)
        return None if profile is None else profile.meeting_kind

    @hookimpl
    def rectimeet_study_list(self, ctx: LevelContext) -> list[StudyItem] | None:
        profile = self.profile_for(ctx)
        return None if profile is None else list(profile.study)

    @hookimpl
    def rectimeet_focus_areas(self, ctx: LevelContext) -> list[FocusArea] | None:
        profile = self.profile_for(ctx)
        return None if profile is None else list(profile.focus_areas)

    @hookimpl
    def rectimeet_participants(self, ctx: LevelContext) -> Participants | None:
        profile = self.profile_for(ctx)
        if profile is None:
            return None
        found = nearest_tier(profile.participants, ctx.unit.tier)
        if found is None:
            return None
        group = self._superiors(profile, ctx).get(SuperiorRole.INSPECTION_GROUP, "巡视巡察组")
        guides = [g.replace(INSPECTION_GROUP_FIELD, group) for g in found.guides]
        return found.model_copy(update={"guides": guides})

    @hookimpl
    def rectimeet_superiors(self, ctx: LevelContext) -> dict[SuperiorRole, str] | None:
        profile = self.profile_for(ctx)
        return None if profile is None else self._superiors(profile, ctx)

    @hookimpl
    def rectimeet_milestones(self, ctx: LevelContext) -> list[Milestone] | None:
        profile = self.profile_for(ctx)
        return None if profile is None else [m.model_copy() for m in profile.milestones]

    @hookimpl
    def rectimeet_outline(self, ctx: LevelContext) -> list[OutlineSection] | None:
        profile = self.profile_for(ctx)
        return None if profile is None or not profile.outline else list(profile.outline)

    @hookimpl
    def rectimeet_requirements(self, ctx: LevelContext) -> list[str] | None:
        profile = self.profile_for(ctx)
        return None if profile is None else list(profile.requirements)

    @hookimpl
    def rectimeet_rule_params(self, ctx: LevelContext) -> dict[str, ParamValue] | None:
        profile = self.profile_for(ctx)
        return None if profile is None else dict(profile.params)

    @hookimpl
    def rectimeet_scaffold(self, level: str) -> str | None:
        return scaffold_text(self.id) if level == self.id else None

    @hookimpl
    def rectimeet_rules(self) -> list[Rule]:
        return list(self._rules()) if self._rules is not None else []
