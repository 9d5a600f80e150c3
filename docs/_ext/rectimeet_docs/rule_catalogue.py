"""The rule catalogue, generated from :func:`rectimeet.api.rules` and ``docs/rule_examples.yaml``."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML

from rectimeet_docs.rule_examples import apply_patch, findings_for, load_examples


def _yaml(data: Any) -> str:
    yaml = YAML()
    yaml.allow_unicode = True
    yaml.default_flow_style = False
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue().rstrip()


def rule_catalogue(warn: Any = None) -> str:
    from rectimeet import api
    from rectimeet.i18n import render
    from rectimeet.testing import host_with

    host = host_with(entry_points=True)
    base, examples = load_examples()
    rules = api.rules(host)
    provider = {rule.code: plugin for plugin, rule in host.plugin_rules()}
    lines = [
        "<!-- Generated from rectimeet.api.rules() by docs/_ext/rectimeet_docs; do not edit. -->",
        "",
        "| code | name | family | severity |",
        "|---|---|---|---|",
        *(f"| [{r.code}](#rule-{r.code.lower()}) | {r.name} | {r.family} | {r.severity.value} |" for r in rules),
        "",
    ]
    for r in rules:
        lines += [
            f"(rule-{r.code.lower()})=",
            f"## {r.code} `{r.name}`",
            "",
            f"- **Family**: {r.family}; **default severity**: {r.severity.value}; "
            f"**provided by**: `{provider.get(r.code, '?')}`",
            f"- **检查内容**: {render(r.summary, None, 'zh')}",
            f"- **Checks**: {render(r.summary, None, 'en')}",
            f"- **理由 (rationale)**: {r.rationale}",
            f"- **依据 (source)**: {r.source}",
        ]
        if r.params:
            params = ", ".join(f"`{k}` = `{v!r}`" for k, v in r.params.items())
            lines.append(f"- **Parameters** (set under `rules.params`): {params}")
        lines.append("")
        example = examples.get(r.code)
        if example is None:
            if warn:
                warn(f"rule {r.code} has no example in docs/rule_examples.yaml")
            continue
        lines += ["Example — this change to a clean spec triggers it:", "", "```yaml",
                  _yaml(example.patch), "```", ""]
        if example.note:
            lines += [example.note, ""]
        try:
            hits = [f for f in findings_for(apply_patch(base, example.patch), host) if f.code == r.code]
        except Exception as exc:
            if warn:
                warn(f"rule {r.code}: its example is not a valid spec ({type(exc).__name__}: {exc})")
            continue
        if not hits:
            if warn:
                warn(f"rule {r.code}: its example in docs/rule_examples.yaml does not trigger it")
            continue
        lines += ["```{code-block} text",
                  *(f"{f.code} {f.severity.value} [{f.location}] {f.message('zh')}" for f in hits[:3]),
                  "```", ""]
    return "\n".join(lines)
