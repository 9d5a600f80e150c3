"""Rule examples: a clean base spec and, per rule code, a small patch that makes the rule fire.

The data lives in ``docs/rule_examples.yaml``. A patch is a mapping with any of

- ``set``: dotted path → value (``inspection.issues.0.claimed_by: []``; integers index lists),
- ``append``: dotted path of a list → item to add,
- ``delete``: list of dotted paths to remove,

applied in that order to a deep copy of ``base``. The docs build and ``tests/test_docs.py`` both
apply them and run the real rules, so an example that stops firing fails both.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

EXAMPLES_FILE = Path(__file__).resolve().parents[2] / "rule_examples.yaml"


@dataclass(frozen=True)
class RuleExample:
    code: str
    patch: dict[str, Any]
    note: str


def load_examples(path: Path = EXAMPLES_FILE) -> tuple[dict[str, Any], dict[str, RuleExample]]:
    """The base spec data and the examples by rule code."""
    data = YAML(typ="safe").load(path.read_text("utf-8"))
    examples = {
        str(code): RuleExample(
            str(code),
            {k: v for k, v in (entry or {}).items() if k in ("set", "append", "delete")},
            str((entry or {}).get("note", "")),
        )
        for code, entry in data["examples"].items()
    }
    return data["base"], examples


def _split(path: str) -> list[str | int]:
    return [int(part) if part.lstrip("-").isdigit() else part for part in path.split(".")]


def _parent(data: Any, path: str) -> tuple[Any, str | int]:
    keys = _split(path)
    node = data
    for key in keys[:-1]:
        if isinstance(node, dict) and isinstance(key, str):
            node = node.setdefault(key, {})  # sections a clean spec leaves out
        else:
            node = node[key]
    return node, keys[-1]


def apply_patch(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """A patched deep copy of ``base`` (see the module docstring for the patch format)."""
    data = copy.deepcopy(base)
    for path, value in (patch.get("set") or {}).items():
        node, key = _parent(data, path)
        node[key] = copy.deepcopy(value)
    for path, item in (patch.get("append") or {}).items():
        node, key = _parent(data, path)
        if isinstance(node, dict):
            node.setdefault(key, [])
        node[key].append(copy.deepcopy(item))
    for path in patch.get("delete") or []:
        node, key = _parent(data, path)
        del node[key]
    return data


def findings_for(data: dict[str, Any], host: Any = None) -> list[Any]:
    """Validate ``data`` as a plan and run every rule on it (with the test level available)."""
    from rectimeet import api
    from rectimeet.models.plan import Plan
    from rectimeet.testing import host_with

    plan = Plan.model_validate(data)
    return api.check(plan, host=host or host_with(entry_points=True))
