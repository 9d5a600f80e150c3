"""The kit plugin authors test with: fixtures from rectimeet.testing, used as they would."""

from __future__ import annotations

from typing import Any

from rectimeet import api
from rectimeet.hookspecs import LevelContext, hookimpl
from rectimeet.models import Plan, StudyItem
from rectimeet.models.level import LevelDefaults
from rectimeet.plugins import PluginHost
from rectimeet.testing import host_with


class ExtraStudy:
    @hookimpl
    def rectimeet_adjust_defaults(self, ctx: LevelContext, defaults: LevelDefaults) -> None:
        defaults.study.append(StudyItem(title="《某省党内法规汇编》"))


def test_host_fixture_has_the_builtin_levels(rectimeet_host: PluginHost) -> None:
    assert {"township", "school", "test_level"} <= set(rectimeet_host.levels())


def test_demo_plan_checks_without_errors(demo_plan: Plan, rectimeet_host: PluginHost) -> None:
    assert demo_plan.unit.level == "township"
    assert not [f for f in api.check(demo_plan, host=rectimeet_host) if f.severity.value == "error"]


def test_build_documents_shows_a_plugins_effect(demo_plan: Plan, build_documents: Any) -> None:
    plan = demo_plan.model_copy(update={"study": demo_plan.study.model_copy(update={"items": []})})
    plain = build_documents(plan, documents=["plan"])
    with_plugin = build_documents(plan, host=host_with(ExtraStudy(), entry_points=True), documents=["plan"])
    (text,) = with_plugin.values()
    assert "《某省党内法规汇编》" in text
    assert "《某省党内法规汇编》" not in next(iter(plain.values()))
