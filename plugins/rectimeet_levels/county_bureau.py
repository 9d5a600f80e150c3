"""县直/市直部门党组 (county bureau, at county or city tier; examples/plan08, 09, 12 and 14.yaml);
a 党支部 (examples/plan03.yaml) gets the ``branch`` variant."""

from rectimeet.hookspecs import LevelContext
from rectimeet.levels import DataLevel
from rectimeet.models.unit import OrgType
from rectimeet_levels import PACKAGE


def _variant(ctx: LevelContext) -> str | None:
    return "branch" if ctx.unit.org_type is OrgType.BRANCH else None


# Registered as an object: pluggy finds its hook methods (see rectimeet.levels.DataLevel).
plugin = DataLevel("county_bureau", package=PACKAGE, variant=_variant)
