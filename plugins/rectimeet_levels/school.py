"""学校党组织 (school): plan06."""

from rectimeet_levels._profile import Level
from rectimeet_levels.rules import school_rules

# Registered as an object: pluggy finds its hook methods (see _profile.Level).
plugin = Level("school", rules=school_rules)
