"""乡镇党委 (township): plans 11 and 01."""

from rectimeet_levels._profile import Level
from rectimeet_levels.rules import township_rules

# Registered as an object: pluggy finds its hook methods (see _profile.Level).
plugin = Level("township", rules=township_rules)
