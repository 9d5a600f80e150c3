"""学校党组织 (school); examples/plan06.yaml is one."""

from rectimeet.levels import DataLevel
from rectimeet_levels import PACKAGE
from rectimeet_levels.rules import school_rules

# Registered as an object: pluggy finds its hook methods (see rectimeet.levels.DataLevel).
plugin = DataLevel("school", package=PACKAGE, rules=school_rules)
