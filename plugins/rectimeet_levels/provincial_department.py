"""省直厅局党委/党组 (provincial department; examples/plan04.yaml, a 厅 inspected by the provincial
committee); a unit inspected by its department's own 巡察 gets the ``department_inspection``
variant."""

from rectimeet.hookspecs import LevelContext
from rectimeet.levels import DataLevel
from rectimeet.models.inspection import InspectionKind
from rectimeet_levels import PACKAGE


def _variant(ctx: LevelContext) -> str | None:
    # A 厅 itself is 巡视-ed by the 省委; 巡察 of a provincial unit comes from its own 厅党组.
    inspected_by_department = ctx.plan is not None and ctx.plan.inspection.kind is InspectionKind.XUNCHA
    return "department_inspection" if inspected_by_department else None


# Registered as an object: pluggy finds its hook methods (see rectimeet.levels.DataLevel).
plugin = DataLevel("provincial_department", package=PACKAGE, variant=_variant)
