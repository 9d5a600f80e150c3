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
    "rectimeet.rules.schedule",
    "rectimeet.rules.dates",
    "rectimeet.rules.config",
    "rectimeet.rules.vocabulary",
)
"""Every module holding built-in rules (each defines ``RULES``); a missing one is an error."""


def builtin_rules() -> list[Rule]:
    rules: list[Rule] = []
    for name in FAMILY_MODULES:
        rules.extend(importlib.import_module(name).RULES)
    return rules
