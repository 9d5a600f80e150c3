"""The 实施方案's outline: the level's parts, changed by the spec; every step placed once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import rectimeet
from rectimeet.documents.facts import PlanFacts
from rectimeet.models.outline import (
    DEFAULT_OUTLINE,
    OutlineSection,
    OutlineSettings,
    SectionKind,
    SectionPatch,
)
from rectimeet.spec import load_text

ROOT = Path(__file__).resolve().parents[1]
AS_OF = __import__("datetime").date(2026, 8, 1)


def test_rename_reorder_drop_and_add() -> None:
    settings_ = OutlineSettings(sections=[
        SectionPatch(id="preparation", title="工作安排"),
        SectionPatch(id="requirements", enabled=False),
        SectionPatch(id="organisation", title="组织领导", body=["成立专班。"]),
    ])
    parts = settings_.apply(list(DEFAULT_OUTLINE))
    assert [p.id for p in parts] == ["theme", "time_venue", "participants", "preparation", "agenda",
                                     "after", "organisation"]
    assert parts[3].title == "工作安排" and parts[3].kind is SectionKind.PREPARATION
    assert parts[-1].kind is SectionKind.TEXT and parts[-1].body == ["成立专班。"]
    ordered = OutlineSettings(order=["agenda", "theme"]).apply(list(DEFAULT_OUTLINE))
    assert [p.id for p in ordered] == ["agenda", "theme"]


def test_a_new_part_needs_a_title_and_a_step_part_its_step() -> None:
    with pytest.raises(ValueError, match="title"):
        OutlineSettings(sections=[SectionPatch(id="new")]).apply(list(DEFAULT_OUTLINE))
    with pytest.raises(ValueError, match="step"):
        OutlineSection(id="x", title="学习", kind=SectionKind.STEP)


def _example(name: str) -> str:
    return (ROOT / "examples" / f"{name}.yaml").read_text("utf-8")


def _headings(text: str) -> list[str]:
    prepared = rectimeet.prepare(load_text(text))
    return [s.title for s in PlanFacts(prepared, AS_OF).sections]


def test_the_documented_example_restructures_a_plan() -> None:
    doc = (ROOT / "docs" / "spec.md").read_text("utf-8")
    block = doc.split("An example: a county bureau", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    yaml = YAML()
    data = yaml.load(_example("plan14"))
    for key, value in yaml.load(block).items():
        if key == "schedule":
            data["schedule"]["milestones"] = list(data["schedule"].get("milestones") or []) + list(
                value["milestones"])
        else:
            data[key] = value
    import io

    out = io.StringIO()
    yaml.dump(data, out)
    prepared = rectimeet.prepare(load_text(out.getvalue()))
    facts = PlanFacts(prepared, AS_OF)
    assert [s.title for s in facts.sections] == ["民主生活会主题和总体要求", "与会范围及时间、地点",
                                                 "具体程序和步骤", "切实加强组织领导"]
    text = "\n".join(b.text for s in facts.sections for b in s.blocks)
    assert f"{prepared.plan.unit.org_type.value}书记为第一责任人" in text
    talk_window = prepared.plan.schedule.talk_window_days
    assert f"会前{talk_window}天内，班子成员之间" in text and "{" not in text


@pytest.fixture(scope="module")
def township() -> rectimeet.Prepared:
    return rectimeet.prepare(ROOT / "examples" / "plan11.yaml")


TOWNSHIP_PARTS = ["time", "venue", "theme", "participants", "agenda", "preparation", "after", "requirements"]


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_every_step_is_shown_once_whatever_the_outline(township: rectimeet.Prepared,
                                                       data: st.DataObject) -> None:
    from dataclasses import replace

    order = data.draw(st.permutations(TOWNSHIP_PARTS))
    dropped = data.draw(st.sets(st.sampled_from(["participants", "agenda", "requirements", "time"])))
    kept = [i for i in order if i not in dropped]
    plan = township.plan.model_copy(update={"outline": OutlineSettings(order=kept)})
    facts = PlanFacts(replace(township, plan=plan), AS_OF)
    assert [s.id for s in facts.sections] == kept
    shown = [re.sub(r"^（[一二三四五六七八九十]+）", "", b.text)
             for s in facts.sections for b in s.blocks if b.style == "h2"]
    for m in township.milestones:
        if m.phase.value != "meeting":
            assert sum(1 for h in shown if h.startswith(m.title)) == 1, m.key
