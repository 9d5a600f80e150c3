"""县直/市直部门党组 (county bureau, at county or city tier): plans 08, 09, 12, 14; a 党支部
(plan03) gets the ``branch`` variant."""

from rectimeet.hookspecs import LevelContext
from rectimeet.levels import DataLevel
from rectimeet.models.unit import OrgType
from rectimeet_levels import PACKAGE


def _variant(ctx: LevelContext) -> str | None:
    return "branch" if ctx.unit.org_type is OrgType.BRANCH else None


# Registered as an object: pluggy finds its hook methods (see rectimeet.levels.DataLevel).
plugin = DataLevel("county_bureau", package=PACKAGE, variant=_variant)
