"""Docs meta-tests: the documentation covers every hook, rule, command and field, and its examples run.

The reference pages are generated from the code by ``docs/_ext/rectimeet_docs`` at build time;
these tests call the same generators, and check them against the code independently (hook
signatures via ``inspect``, commands via click, rules via the registry).
"""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path
from typing import Any

import click
import pluggy
import pytest

from rectimeet import api, hookspecs
from rectimeet.models.plan import Plan
from rectimeet.testing import host_with

DOCS = Path(__file__).resolve().parent.parent / "docs"
TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

from rectimeet_docs import write_generated  # noqa: E402
from rectimeet_docs.cli_reference import cli_reference  # noqa: E402
from rectimeet_docs.hook_reference import hook_reference  # noqa: E402
from rectimeet_docs.rule_catalogue import rule_catalogue  # noqa: E402
from rectimeet_docs.rule_examples import apply_patch, findings_for, load_examples  # noqa: E402
from rectimeet_docs.spec_reference import field_descriptions, spec_reference  # noqa: E402


def hook_names() -> list[str]:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    return sorted(name for name in vars(pm.hook) if name.startswith("rectimeet_"))


def rule_codes() -> list[str]:
    return [r.code for r in api.rules(host_with(entry_points=True))]


@pytest.fixture(scope="module")
def host() -> Any:
    return host_with(entry_points=True)


@pytest.fixture(scope="module")
def catalogue() -> str:
    problems: list[str] = []
    text = rule_catalogue(warn=problems.append)
    assert problems == []
    return text


# -- hooks ------------------------------------------------------------------------------------


def test_hooks_page_includes_the_generated_reference() -> None:
    assert "_generated/hook_reference.md" in (DOCS / "hooks.md").read_text("utf-8")


@pytest.mark.parametrize("name", hook_names())
def test_hook_documented_with_exact_signature(name: str) -> None:
    signature = str(inspect.signature(getattr(hookspecs, name))).replace("'", "")
    assert f"## `{name}{signature}`" in hook_reference()


@pytest.mark.parametrize("name", hook_names())
def test_hook_has_a_test(name: str) -> None:
    source = (TESTS / "test_hooks.py").read_text("utf-8")
    assert re.search(rf"^def test_hook_{name}\b", source, re.MULTILINE), f"no test_hook_{name}"


# -- rules ------------------------------------------------------------------------------------


def test_rules_page_includes_the_generated_catalogue() -> None:
    assert "_generated/rule_catalogue.md" in (DOCS / "rules.md").read_text("utf-8")


def test_every_rule_code_is_in_the_catalogue(catalogue: str) -> None:
    from rectimeet.i18n import render

    for rule in api.rules(host_with(entry_points=True)):
        assert f"(rule-{rule.code.lower()})=\n## {rule.code} `{rule.name}`" in catalogue
        assert render(rule.summary, None, "zh") in catalogue
        assert render(rule.summary, None, "en") in catalogue


def test_the_base_spec_of_the_examples_is_clean(host: Any) -> None:
    base, _ = load_examples()
    assert [f.code for f in findings_for(base, host)] == []


def test_no_example_for_a_rule_that_does_not_exist() -> None:
    _, examples = load_examples()
    assert sorted(set(examples) - set(rule_codes())) == []


@pytest.mark.parametrize("code", rule_codes())
def test_rule_has_a_triggering_example(code: str, host: Any) -> None:
    base, examples = load_examples()
    assert code in examples, f"add an example for {code} to docs/rule_examples.yaml"
    findings = findings_for(apply_patch(base, examples[code].patch), host)
    assert code in {f.code for f in findings}


def test_patches_set_append_and_delete() -> None:
    base = {"a": {"b": [1, 2, 3]}, "c": 1}
    patched = apply_patch(base, {"set": {"a.b.0": 9, "d.e": 2}, "append": {"a.b": 4},
                                 "delete": ["c", "a.b.1"]})
    assert patched == {"a": {"b": [9, 3, 4]}, "d": {"e": 2}}
    assert base == {"a": {"b": [1, 2, 3]}, "c": 1}  # the base is never changed


# -- CLI and spec -------------------------------------------------------------------------------


def _commands(group: click.Group, prefix: str) -> list[tuple[str, click.Command]]:
    ctx = click.Context(group, info_name=prefix.split()[-1])
    out = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        out.append((f"{prefix} {name}", command))
        if isinstance(command, click.Group):
            out += _commands(command, f"{prefix} {name}")
    return out


def test_cli_reference_has_every_command_and_option() -> None:
    from rectimeet.cli import main

    problems: list[str] = []
    text = cli_reference(warn=problems.append)
    assert problems == []
    assert "_generated/cli_reference.md" in (DOCS / "cli.md").read_text("utf-8")
    for path, command in _commands(main, "rectimeet"):
        start = text.index(f"## `{path}`\n")
        section = text[start:].split("\n## ", 1)[0]
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if param.param_type_name == "option":
                    assert f"`{opt}`" in section, f"{path}: {opt} undocumented"


def test_spec_reference_documents_every_field() -> None:
    text = spec_reference()
    assert "_generated/spec_reference.md" in (DOCS / "spec.md").read_text("utf-8")
    schema = Plan.model_json_schema()
    models = {"Plan": schema, **schema["$defs"]}
    for name, model in models.items():
        assert f"## {name}\n" in text
        for field, description in field_descriptions(name, model).items():
            assert description, f"{name}.{field} has no docstring"
            assert f"- `{field}` — " in text


def test_generated_pages_are_written(tmp_path: Path) -> None:
    written = write_generated(tmp_path, warn=lambda message: pytest.fail(message))
    assert sorted(p.name for p in written) == ["cli_reference.md", "context_reference.md",
                                               "document_reference.md", "hook_reference.md",
                                               "rule_catalogue.md", "spec_reference.md",
                                               "vocabulary_reference.md"]
    assert all(p.read_text("utf-8").startswith("<!-- Generated") for p in written)


# -- every Python example in the docs runs -------------------------------------------------------

FENCE = re.compile(r"^(`{3,})python[ \t]*\n(.*?)^\1[ \t]*$", re.MULTILINE | re.DOTALL)


def python_blocks() -> list[Any]:
    blocks = []
    for page in sorted(DOCS.glob("*.md")):
        for i, match in enumerate(FENCE.finditer(page.read_text("utf-8"))):
            blocks.append(pytest.param(page, match.group(2), id=f"{page.name}-{i}"))
    return blocks


@pytest.mark.parametrize(("page", "code"), python_blocks())
def test_python_example_runs(page: Path, code: str, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    exec(compile(code, f"{page.name}:python-block", "exec"), {"__name__": "__docs__"})


def test_there_are_python_examples_to_run() -> None:
    assert len(python_blocks()) >= 2


def test_quickstart_gives_the_readme_commands() -> None:
    readme = (DOCS.parent / "README.md").read_text("utf-8")
    quickstart = (DOCS / "quickstart.md").read_text("utf-8")
    commands = re.findall(r"```console\n(python3 -m venv[^\n]*)\n```", readme)
    assert len(commands) == 2
    for command in commands:
        assert command in quickstart


# -- document types and template fields ----------------------------------------------------------


def _builtin_documents() -> list[Any]:
    from rectimeet.documents.builtin import DOCUMENTS

    return list(DOCUMENTS)


@pytest.mark.parametrize("document", _builtin_documents(), ids=lambda d: d.id)
def test_every_template_field_exists_in_the_context_model_and_is_documented(document: Any) -> None:
    from rectimeet_docs.context_reference import context_reference

    from rectimeet.documents.assembly import BUILTIN_TEMPLATES
    from rectimeet.documents.fields import context_fields, context_model, template_fields

    used = template_fields(BUILTIN_TEMPLATES / document.template)
    offered = context_fields(context_model(document))
    assert used, document.template
    assert sorted(used - set(offered)) == []
    page = context_reference()
    undocumented = [p for p in used if f"`{p}`" not in page and f"`{p.removesuffix('[]')}`" not in page]
    assert undocumented == []
    assert all(offered[p] for p in used), "every field a template uses has a description"


def test_template_field_analysis_sees_loops_and_unknown_fields(tmp_path: Path) -> None:
    from docx import Document

    from rectimeet.documents.fields import template_fields

    path = tmp_path / "t.docx"
    doc = Document()
    doc.add_paragraph("{% for it in checklist.team_rows %}{{ it.issue }}{{ it.nope }}{% endfor %}")
    doc.add_paragraph("{{ meeting.venue }}{% for line in report.meeting %}{{ line }}{% endfor %}")
    doc.save(str(path))
    assert template_fields(path) == {"checklist.team_rows[].issue", "checklist.team_rows[].nope",
                                     "meeting.venue", "report.meeting[]"}


def test_templates_and_documents_pages_include_the_generated_references() -> None:
    assert "_generated/context_reference.md" in (DOCS / "templates.md").read_text("utf-8")
    assert "_generated/document_reference.md" in (DOCS / "documents.md").read_text("utf-8")
# -- the plugin guide documents a level's data file ----------------------------------------------


def test_plugin_guide_documents_every_field_of_a_level_data_file() -> None:
    from rectimeet.models.level import FocusArea, LevelInfo, LevelProfile, Participants
    from rectimeet.models.meeting import AgendaItem
    from rectimeet.models.milestone import Milestone
    from rectimeet.models.study import StudyItem
    from rectimeet.models.unit import SuperiorRole
    from rectimeet.vocabulary import VocabularyTerm

    text = (DOCS / "plugin-guide.md").read_text("utf-8")
    for name in LevelProfile.model_fields:
        assert f"| `{name}` |" in text, f"LevelProfile.{name} is not in the plugin guide's table"
    for model in (LevelInfo, AgendaItem, StudyItem, FocusArea, Participants, Milestone, VocabularyTerm):
        for name in model.model_fields:
            assert f"`{name}`" in text, f"{model.__name__}.{name} is not in the plugin guide"
    for role in SuperiorRole:
        assert f"`{role.value}`" in text, f"superior role {role.value} is not in the plugin guide"


def test_plugin_guide_lists_the_milestone_keys_the_core_relies_on() -> None:
    from rectimeet.vocabulary import MilestoneKey

    text = (DOCS / "plugin-guide.md").read_text("utf-8")
    section = text[text.index("### Milestone keys the core relies on"):text.index("### The scaffold")]
    assert all(f"`{key.value}`" in section for key in MilestoneKey)
def test_the_quickstart_python_is_run_and_the_api_page_exists() -> None:
    pages = [block.values[0].name for block in python_blocks()]
    assert "quickstart.md" in pages and "api.md" in pages and "oversight.md" in pages
    quickstart = (DOCS / "quickstart.md").read_text("utf-8")
    # The quickstart must not promise that assemble checks the plan as `build` does.
    assert "does not run the rules" in quickstart
    api_page = (DOCS / "api.md").read_text("utf-8")
    assert "sphinx.ext.autodoc" in (DOCS / "conf.py").read_text("utf-8")
    for name in ("rectimeet.load", "rectimeet.schedule", "rectimeet.status",
                 "rectimeet.RectimeetError"):
        assert name in api_page
