"""The spec file reference, generated from the JSON schema of :class:`rectimeet.models.plan.Plan`.

Field descriptions come from the models' attribute docstrings (read by ``rectimeet.models.fielddocs``), so
the reference changes when the model does.
"""

from __future__ import annotations

import json
from typing import Any

from rectimeet.models.plan import Plan


def _anchor(name: str) -> str:
    return f"spec-{name.lower()}"


def _type_of(schema: dict[str, Any]) -> str:
    """A short human type for a property schema, linking to model sections."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{_anchor(name)})"
    if "anyOf" in schema:
        parts = [_type_of(s) for s in schema["anyOf"]]
        return " or ".join(p for p in parts if p != "null")
    kind = schema.get("type")
    if kind == "array":
        return f"list of {_type_of(schema.get('items', {}))}"
    if kind == "object":
        values = schema.get("additionalProperties")
        if isinstance(values, dict):
            return f"mapping to {_type_of(values)}"
        return "mapping"
    if "enum" in schema:
        return "one of " + ", ".join(f"`{v}`" for v in schema["enum"])
    if "const" in schema:
        return f"`{schema['const']}`"
    if kind == "string" and "format" in schema:
        return {"date": "date (YYYY-MM-DD)", "date-time": "date-time", "time": "time (HH:MM)"}.get(
            schema["format"], f"string ({schema['format']})"
        )
    if kind is None:
        return "any"
    return str(kind)


def _default(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _reachable(schema: dict[str, Any]) -> list[str]:
    """Definition names in the order a reader meets them walking from the top."""
    defs = schema.get("$defs", {})
    order: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                name = ref.rsplit("/", 1)[-1]
                if name not in order:
                    order.append(name)
                    walk(defs.get(name, {}))
            for key, value in node.items():
                if key != "$defs":
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({k: v for k, v in schema.items() if k != "$defs"})
    return order


def _patched_descriptions() -> dict[str, dict[str, str]]:
    """Field docs for patch models, which change the fields of a model outside the schema."""
    from rectimeet.models.milestone import Milestone

    Milestone.field_docs()
    return {
        "MilestonePatch": {
            name: " ".join((field.description or "").split())
            for name, field in Milestone.model_fields.items()
        }
    }


def field_descriptions(name: str, schema: dict[str, Any]) -> dict[str, str]:
    """Every field's description (falling back to the patched model's for patch models)."""
    fallback = _patched_descriptions().get(name, {})
    return {
        field: " ".join(str(prop.get("description") or fallback.get(field, "")).split())
        for field, prop in schema.get("properties", {}).items()
    }


def _section(name: str, schema: dict[str, Any], level: str) -> list[str]:
    lines = [f"({_anchor(name)})=", f"{level} {name}", ""]
    if schema.get("description"):
        lines += [schema["description"].strip(), ""]
    if "enum" in schema:
        lines += ["Values: " + ", ".join(f"`{v}`" for v in schema["enum"]), ""]
        return lines
    required = set(schema.get("required", []))
    descriptions = field_descriptions(name, schema)
    for field, prop in schema.get("properties", {}).items():
        if field in required:
            flags = "**required**"
        elif prop.get("default") is not None:
            flags = f"default `{_default(prop['default'])}`"
        else:
            flags = "optional"
        description = descriptions[field]
        lines.append(f"- `{field}` — {_type_of(prop)}, {flags}." + (f" {description}" if description else ""))
    lines.append("")
    return lines


def spec_reference(warn: Any = None) -> str:
    schema = Plan.model_json_schema()
    lines = [
        "<!-- Generated from rectimeet.models by docs/_ext/rectimeet_docs; do not edit. -->",
        "",
    ]
    lines += _section("Plan", {k: v for k, v in schema.items() if k != "$defs"}, "##")
    defs = schema.get("$defs", {})
    for name in _reachable(schema):
        lines += _section(name, defs[name], "##")
    return "\n".join(lines)
