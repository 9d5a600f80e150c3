"""乡镇党委 (township); examples/plan11.yaml and plan01.yaml are two."""

from rectimeet.levels import DataLevel
from rectimeet_levels import PACKAGE
from rectimeet_levels.rules import township_rules

# Registered as an object: pluggy finds its hook methods (see rectimeet.levels.DataLevel).
plugin = DataLevel("township", package=PACKAGE, rules=township_rules)
