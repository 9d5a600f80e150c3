"""县直/市直部门党组 (county bureau, at county or city tier): plans 08, 09, 12, 14; a 党支部
(plan03) gets the ``branch`` variant."""

from rectimeet.hookspecs import LevelContext
from rectimeet.models.unit import OrgType
from rectimeet_levels._profile import Level


def _variant(ctx: LevelContext) -> str | None:
    return "branch" if ctx.unit.org_type is OrgType.BRANCH else None


_level = Level("county_bureau", variant=_variant)

rectimeet_levels = _level.rectimeet_levels
rectimeet_agenda = _level.rectimeet_agenda
rectimeet_study_list = _level.rectimeet_study_list
rectimeet_focus_areas = _level.rectimeet_focus_areas
rectimeet_participants = _level.rectimeet_participants
rectimeet_superiors = _level.rectimeet_superiors
rectimeet_milestones = _level.rectimeet_milestones
rectimeet_requirements = _level.rectimeet_requirements
rectimeet_rule_params = _level.rectimeet_rule_params
rectimeet_scaffold = _level.rectimeet_scaffold
