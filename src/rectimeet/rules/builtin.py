"""The list of built-in rules, gathered from their family modules on demand."""

from __future__ import annotations

import importlib

from rectimeet.rules.engine import Rule

FAMILY_MODULES = (
    "rectimeet.rules.claims",
    "rectimeet.rules.criticism",
    "rectimeet.rules.materials",
    "rectimeet.rules.meeting",
    "rectimeet.rules.checklist",
    "rectimeet.rules.wording",
    "rectimeet.rules.study",
    "rectimeet.rules.talks",
    "rectimeet.rules.schedule",
    "rectimeet.rules.dates",
    "rectimeet.rules.config",
)


def builtin_rules() -> list[Rule]:
    rules: list[Rule] = []
    for name in FAMILY_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            # Families still being written are skipped, but a broken import inside one is not.
            if exc.name == name:
                continue
            raise
        rules.extend(module.RULES)
    return rules
