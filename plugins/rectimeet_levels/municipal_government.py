"""市（县）政府党组 (municipal government): plan05."""

from rectimeet_levels._profile import Level

# Registered as an object: pluggy finds its hook methods (see _profile.Level).
plugin = Level("municipal_government")
