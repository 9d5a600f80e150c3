"""The example third-party plugin in docs/example_plugin, loaded directly (no installation).

These are the effects the plugin guide promises: the report deadline moves from 15 to 10 days,
the study list gains the province's item, and rule JB101 reports a spec that schedules the report
later than the province allows. Each effect is also checked absent without the plugin, so the
tests fail if the plugin stops working rather than passing on the core defaults.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings

from rectimeet import api
from rectimeet.models.plan import Plan
from rectimeet.plugins import PluginHost
from rectimeet.testing import TEST_LEVEL, host_with, plans

ROOT = Path(__file__).resolve().parents[1]
PLUGIN_DIR = ROOT / "docs" / "example_plugin"
PROVINCIAL_ITEM = "《江北省党员领导干部民主生活会实施办法》"


@pytest.fixture(scope="module")
def plugin() -> Iterator[ModuleType]:
    sys.path.insert(0, str(PLUGIN_DIR))
    try:
        yield importlib.import_module("rectimeet_jiangbei.plugin")
    finally:
        sys.path.remove(str(PLUGIN_DIR))


@pytest.fixture(scope="module")
def with_plugin(plugin: ModuleType) -> PluginHost:
    return host_with(plugin)


@pytest.fixture(scope="module")
def without_plugin() -> PluginHost:
    return host_with()


@pytest.fixture(scope="module")
def plan() -> Plan:
    members = [{"id": "a", "name": "甲书记", "role": "主要负责同志"}, {"id": "b", "name": "乙副职"},
               {"id": "c", "name": "丙委员"}]
    return Plan.model_validate({
        "unit": {"name": "测试单位", "level": TEST_LEVEL, "members": members},
        "inspection": {"group": "县委第一巡察组", "feedback_date": "2026-05-06",
                       "issues": [{"id": "F1", "text": "主体责任落实不到位", "claimed_by": ["班子", "a", "b", "c"]}]},
        "meeting": {"date": "2026-06-04", "host": "a"},
    })


def _report_offset(host: PluginHost, plan: Plan) -> int:
    defaults = host.defaults(plan.unit, plan)
    return next(m.offset for m in defaults.milestones if m.key == "report")


def _study_titles(host: PluginHost, plan: Plan) -> list[str]:
    return [item.title for item in host.defaults(plan.unit, plan).study]


def test_report_deadline_moves_from_15_to_10_days(
    with_plugin: PluginHost, without_plugin: PluginHost, plan: Plan
) -> None:
    assert _report_offset(without_plugin, plan) == 15
    assert _report_offset(with_plugin, plan) == 10
    report = next(m for m in with_plugin.defaults(plan.unit, plan).milestones if m.key == "report")
    assert "江北省" in report.source


def test_study_list_gains_the_provincial_item_once(
    with_plugin: PluginHost, without_plugin: PluginHost, plan: Plan
) -> None:
    assert PROVINCIAL_ITEM not in _study_titles(without_plugin, plan)
    titles = _study_titles(with_plugin, plan)
    assert titles.count(PROVINCIAL_ITEM) == 1
    # The level's own list is kept in front of it.
    assert titles[: len(titles) - 1] == _study_titles(without_plugin, plan)


def test_the_rule_is_registered_with_its_code(with_plugin: PluginHost, without_plugin: PluginHost) -> None:
    assert "JB101" in {r.code for r in api.rules(with_plugin)}
    assert "JB101" not in {r.code for r in api.rules(without_plugin)}
    owners = {rule.code: name for name, rule in with_plugin.plugin_rules()}
    assert owners["JB101"] == "rectimeet_jiangbei.plugin"


def _with_report_offset(plan: Plan, offset: int, **params: int) -> Plan:
    data = plan.model_dump(by_alias=True)
    data["schedule"]["milestones"] = [{"key": "report", "offset": offset}]
    data["rules"]["params"] = params
    return Plan.model_validate(data)


def test_rule_reports_a_report_scheduled_too_late(with_plugin: PluginHost, plan: Plan) -> None:
    late = api.check(_with_report_offset(plan, 15), host=with_plugin)
    hits = [f for f in late if f.code == "JB101"]
    assert len(hits) == 1
    assert hits[0].severity.value == "error"
    assert "15" in hits[0].message() and "10" in hits[0].message()
    assert hits[0].hint()


def test_rule_is_quiet_when_the_province_is_obeyed(with_plugin: PluginHost, plan: Plan) -> None:
    assert not [f for f in api.check(plan, host=with_plugin) if f.code == "JB101"]
    assert not [f for f in api.check(_with_report_offset(plan, 8), host=with_plugin)
                if f.code == "JB101"]


def test_rule_limit_is_a_parameter_the_spec_can_change(with_plugin: PluginHost, plan: Plan) -> None:
    relaxed = _with_report_offset(plan, 15, report_max_days=20)
    assert not [f for f in api.check(relaxed, host=with_plugin) if f.code == "JB101"]


def test_the_plugin_wins_over_a_built_in_level(plugin: ModuleType) -> None:
    # Loaded after the entry points, as a third party is: it adjusts the level plugin's timeline.
    from rectimeet.spec import load

    loaded = load(ROOT / "examples" / "plan09.yaml")
    host = host_with(plugin, entry_points=True)
    level_only = host_with(entry_points=True)
    assert _report_offset(host, loaded.plan) == 10
    assert _report_offset(level_only, loaded.plan) != 10
    assert PROVINCIAL_ITEM in _study_titles(host, loaded.plan)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans(max_members=6))
def test_every_plan_gets_the_same_adjustment(with_plugin: PluginHost, plan: Plan) -> None:
    assert _report_offset(with_plugin, plan) == 10
    assert _study_titles(with_plugin, plan).count(PROVINCIAL_ITEM) == 1


# -- the plugin's own document and its replacement of a built-in template -------------------------


def _texts(paths: list[Path]) -> dict[str, str]:
    from docx import Document

    return {p.name: "\n".join(x.text for x in Document(str(p)).paragraphs) for p in paths}


def test_minutes_are_a_document_of_the_set(with_plugin: PluginHost, plan: Plan, tmp_path: Path) -> None:
    types = [d.id for d in api.document_types(with_plugin)]
    assert types[-1] == "minutes" and types.count("notice") == 1
    written = api.assemble(plan, tmp_path, ["会议记录"], host=with_plugin)
    (text,) = _texts(written).values()
    for label in ("时　　间：", "地　　点：", "主 持 人：甲书记同志", "出　　席：", "列　　席：",
                  "缺　　席：无", "记 录 人：", "一、会议议程", "主持人签字", "记录人签字"):
        assert label in text, label
    # A block per speaker, principal first, each followed by room to write.
    assert text.index("（一）甲书记") < text.index("（二）乙副职") < text.index("（三）丙委员")
    assert "代表领导班子作对照检查" in text.split("（二）")[0]
    assert "\n\n\n\n" in text.split("（一）")[1]


def test_minutes_template_uses_only_fields_its_context_declares() -> None:
    from rectimeet.documents.fields import context_fields, context_model, template_fields

    sys.path.insert(0, str(PLUGIN_DIR))
    try:
        minutes = importlib.import_module("rectimeet_jiangbei.minutes")
    finally:
        sys.path.remove(str(PLUGIN_DIR))
    for record in (minutes.MINUTES, minutes.JIANGBEI_NOTICE):
        used = template_fields(record.template)
        assert used and used <= set(context_fields(context_model(record))), record.id


def test_the_notice_template_is_the_provinces(with_plugin: PluginHost, without_plugin: PluginHost,
                                              plan: Plan, tmp_path: Path) -> None:
    (own,) = _texts(api.assemble(plan, tmp_path / "a", ["notice"], host=with_plugin)).values()
    (core,) = _texts(api.assemble(plan, tmp_path / "b", ["notice"], host=without_plugin)).values()
    assert "联系人：测试单位办公室" in own and "联系人" not in core
    assert own.startswith(core.split("\n")[0])  # same context: the same title
