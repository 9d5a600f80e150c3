"""The plugin host: precedence, failures named after the plugin, no import-time loading."""

from __future__ import annotations

import subprocess
import sys
import types
from typing import Any

import pytest

from rectimeet import plugins as plugins_mod
from rectimeet.errors import PluginError, UnknownLevelError
from rectimeet.hookspecs import LevelContext, hookimpl
from rectimeet.models import StudyItem, Unit
from rectimeet.models.level import LevelDefaults, LevelInfo
from rectimeet.testing import TEST_LEVEL, host_with


def unit(level: str = TEST_LEVEL) -> Unit:
    return Unit.model_validate({"name": "测试乡", "level": level,
                                "members": [{"id": "m1", "name": "张三", "role": "主要负责同志"}]})


class LevelPlugin:
    """Stands in for a built-in level plugin: answers for test_level."""

    @hookimpl
    def rectimeet_study_list(self, ctx: LevelContext) -> list[StudyItem] | None:
        if ctx.level == TEST_LEVEL:
            return [StudyItem(title="层级学习篇目")]
        return None


class ThirdParty:
    @hookimpl
    def rectimeet_study_list(self, ctx: LevelContext) -> list[StudyItem] | None:
        return [StudyItem(title="第三方学习篇目")]


def test_core_fallback_answers_when_nobody_else_does() -> None:
    defaults = host_with().defaults(unit())
    assert any("巡视工作条例" in s.title for s in defaults.study)
    assert [m.key for m in defaults.milestones][:2] == ["plan_to_superior", "study"]


def test_precedence_third_party_over_level_over_core() -> None:
    assert host_with(LevelPlugin()).defaults(unit()).study[0].title == "层级学习篇目"
    assert host_with(LevelPlugin(), ThirdParty()).defaults(unit()).study[0].title == "第三方学习篇目"


def test_entry_points_load_builtins_before_third_parties(monkeypatch: pytest.MonkeyPatch) -> None:
    def ep(name: str, value: str) -> Any:
        return types.SimpleNamespace(name=name, value=value, dist=types.SimpleNamespace(name="x"))

    # A third party's package may start like ours (rectimeet_province): only the built-in
    # packages themselves count as built-in.
    fake = [ep("zz_third", "rectimeet_province:plugin"), ep("township", "rectimeet_levels.township:plugin"),
            ep("aa_third", "other.levels:plugin")]
    monkeypatch.setattr(plugins_mod, "_group_entry_points", lambda group: fake)
    order = [e.name for e, _ in plugins_mod._entry_points()]
    assert order == ["township", "aa_third", "zz_third"]  # registered in this order → called LIFO


def test_adjust_defaults_sees_level_values_and_changes_them() -> None:
    class Province:
        @hookimpl
        def rectimeet_adjust_defaults(self, ctx: LevelContext, defaults: LevelDefaults) -> None:
            for m in defaults.milestones:
                if m.key == "report":
                    m.offset = 10
            defaults.study.append(StudyItem(title="《某省实施办法》"))

    d = host_with(Province()).defaults(unit())
    assert next(m for m in d.milestones if m.key == "report").offset == 10
    assert d.study[-1].title == "《某省实施办法》"


def test_a_failing_plugin_is_named() -> None:
    class Broken:
        @hookimpl
        def rectimeet_agenda(self, ctx: LevelContext) -> None:
            raise RuntimeError("boom")

    mod = types.ModuleType("broken_plugin")
    mod.rectimeet_agenda = Broken().rectimeet_agenda  # type: ignore[attr-defined]
    with pytest.raises(PluginError) as info:
        host_with(mod).defaults(unit())
    assert info.value.plugin == "broken_plugin"
    assert "boom" in str(info.value) and "broken_plugin" in str(info.value)


def test_invalid_data_from_a_plugin_is_named() -> None:
    class BadData:
        @hookimpl
        def rectimeet_study_list(self, ctx: LevelContext) -> Any:
            return [{"titel": "typo"}]

    with pytest.raises(PluginError) as info:
        host_with(BadData()).defaults(unit())
    assert "hook rectimeet_study_list returned invalid data" in info.value.render("en")


def test_misspelled_hook_fails_loudly() -> None:
    class Typo:
        @hookimpl
        def rectimeet_agendaa(self, ctx: LevelContext) -> None:
            return None

    with pytest.raises(PluginError) as info:
        host_with(Typo())
    assert "rectimeet_agendaa" in str(info.value)


def test_duplicate_level_is_refused() -> None:
    class Again:
        @hookimpl
        def rectimeet_levels(self) -> list[LevelInfo]:
            return [LevelInfo(id=TEST_LEVEL, name="重复")]

    with pytest.raises(PluginError) as info:
        host_with(Again()).levels()
    assert "already provided" in info.value.render("en")
    assert "已由插件" in str(info.value)


def test_unknown_level_lists_installed_ones() -> None:
    with pytest.raises(UnknownLevelError) as info:
        host_with().defaults(unit("nowhere"))
    assert TEST_LEVEL in str(info.value)


def test_import_has_no_side_effects() -> None:
    code = ("import sys, rectimeet, rectimeet.plugins as p; "
            "assert p._HOST is None; "
            "assert not [m for m in sys.modules if m.startswith('rectimeet_levels')]; "
            "assert 'docxtpl' not in sys.modules; print('clean')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "clean"


def test_records_list_hooks_and_distribution() -> None:
    records = {r.name: r for r in host_with(LevelPlugin()).records()}
    core = records["rectimeet.core_defaults"]
    assert core.builtin and core.distribution == "rectimeet"
    assert "rectimeet_milestones" in core.hooks
    assert records["rectimeet.testing"].levels == (TEST_LEVEL,)


def test_an_adjuster_that_breaks_the_defaults_is_named() -> None:
    class Breaks:
        @hookimpl
        def rectimeet_adjust_defaults(self, ctx: LevelContext, defaults: LevelDefaults) -> None:
            defaults.milestones[0].offset = "soon"  # type: ignore[assignment]

    mod = types.ModuleType("province_plugin")
    mod.rectimeet_adjust_defaults = Breaks().rectimeet_adjust_defaults  # type: ignore[attr-defined]
    with pytest.raises(PluginError) as info:
        host_with(mod).defaults(unit())
    assert info.value.plugin == "province_plugin"


def test_plugin_discovery_finds_what_importlib_metadata_finds() -> None:
    import importlib.metadata as md

    ours = [(ep.name, ep.value) for ep in plugins_mod._group_entry_points(plugins_mod.ENTRY_POINT_GROUP)]
    assert sorted(ours) == sorted((ep.name, ep.value)
                                  for ep in md.entry_points(group=plugins_mod.ENTRY_POINT_GROUP))
    assert {"township", "school"} <= {name for name, _ in ours}
