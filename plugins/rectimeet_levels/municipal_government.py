"""市（县）政府党组 (municipal government): plan05."""

from rectimeet_levels._profile import Level

_level = Level("municipal_government")

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
