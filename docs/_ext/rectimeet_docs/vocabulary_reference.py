"""The named vocabularies, generated from :mod:`rectimeet.vocabulary` and the built-in levels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(terms: Mapping[str, Any]) -> list[str]:
    lines = ["| key | 名称 | meaning |", "|---|---|---|"]
    lines += [f"| `{t.key}` | {_cell(t.label)} | {_cell(t.description)} |" for t in terms.values()]
    return [*lines, ""]


def vocabulary_reference(warn: Any = None) -> str:
    from rectimeet.testing import host_with
    from rectimeet.vocabulary import AGENDA_TERMS, CORE, MILESTONE_TERMS, TALK_TERMS, Vocabulary

    declared = host_with(entry_points=True).vocabulary()
    plugin_terms = [(vocabulary, key, origin) for (vocabulary, key), origin in declared.origin.items()
                    if origin != CORE]
    lines = [
        "<!-- Generated from rectimeet.vocabulary by docs/_ext/rectimeet_docs; do not edit. -->",
        "",
        "### Milestone keys",
        "",
        *_table(MILESTONE_TERMS),
        "### Agenda kinds",
        "",
        *_table(AGENDA_TERMS),
        "### Talk kinds",
        "",
        "Not written in a spec (the scheduler assigns them); listed for templates and the "
        "`rectimeet schedule` output.",
        "",
        *_table(TALK_TERMS),
        "### Declared by the built-in levels",
        "",
        "| vocabulary | key | 名称 | plugin |",
        "|---|---|---|---|",
    ]
    for vocabulary, key, origin in sorted(plugin_terms):
        table = declared.milestones if vocabulary is Vocabulary.MILESTONE else declared.agenda
        lines.append(f"| {vocabulary.value} | `{key}` | {_cell(table[key])} | {origin} |")
    return "\n".join(lines) + "\n"
