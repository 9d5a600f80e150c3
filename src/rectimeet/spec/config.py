"""Project configuration: rule settings shared by every spec in a directory tree.

A ``rectimeet.toml`` in the spec's directory or any parent (the nearest wins) may hold::

    [rules]
    disable = ["WD103"]
    params = { min_criticisms = 5 }

    [rules.severity]
    CL102 = "error"

The spec's own ``rules:`` section is applied on top (it wins on conflicts).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from rectimeet.errors import Problem, SpecError
from rectimeet.i18n import N_
from rectimeet.models.plan import Plan, RuleSettings
from rectimeet.spec.messages import message_for

FILE_NAME = "rectimeet.toml"


def find_config(start: Path) -> Path | None:
    """The nearest ``rectimeet.toml`` at or above ``start``."""
    start = start.resolve()
    for directory in (start, *start.parents):
        candidate = directory / FILE_NAME
        if candidate.is_file():
            return candidate
    return None


def load_rule_settings(path: Path) -> RuleSettings:
    import tomllib  # only when a project has a rectimeet.toml

    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SpecError([Problem("P001", (), N_("cannot read the project configuration: {error}"),
                                 params={"error": str(exc)})], path) from exc
    try:
        return RuleSettings.model_validate(data.get("rules", {}))
    except ValidationError as exc:
        problems = []
        for e in exc.errors():
            msgid, params = message_for(e)
            problems.append(Problem("P002", ("rules", *map(str, e["loc"])), msgid, params=params))
        raise SpecError(problems, path) from exc


def merged(project: RuleSettings, spec: RuleSettings) -> RuleSettings:
    """Project settings with the spec's on top."""
    return RuleSettings(
        disable=sorted({*project.disable, *spec.disable}),
        severity={**project.severity, **spec.severity},
        params={**project.params, **spec.params},
    )


def apply_project_config(plan: Plan, spec_dir: Path | None) -> Plan:
    """Return ``plan`` with the nearest project configuration merged into its rule settings."""
    if spec_dir is None:
        return plan
    path = find_config(spec_dir)
    if path is None:
        return plan
    return plan.model_copy(update={"rules": merged(load_rule_settings(path), plan.rules)})
