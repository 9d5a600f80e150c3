"""市（县）政府党组 (municipal government); examples/plan05.yaml is one."""

from rectimeet.levels import DataLevel
from rectimeet_levels import PACKAGE

# Registered as an object: pluggy finds its hook methods (see rectimeet.levels.DataLevel).
plugin = DataLevel("municipal_government", package=PACKAGE)
