"""The five built-in level plugins: their data, their scaffolds, discovery and their rules."""

from __future__ import annotations

import importlib
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from rectimeet import api
from rectimeet.hookspecs import LevelContext
from rectimeet.i18n import translate
from rectimeet.levels import load_profile, nearest_tier, profile_names
from rectimeet.models.level import LevelProfile
from rectimeet.models.plan import Plan
from rectimeet.models.unit import OrgType, SuperiorRole, Tier, Unit
from rectimeet.plugins import PluginHost, make_host
from rectimeet.prepared import Prepared
from rectimeet.rules.engine import RuleContext, Severity
from rectimeet.spec import load
from rectimeet_levels import PACKAGE, describe
from rectimeet_levels.rules import school_consults_staff_congress, township_branch_follow_up

LEVELS = ("township", "county_bureau", "provincial_department", "school", "municipal_government")
VARIANTS = ("county_bureau.branch", "provincial_department.department_inspection")
CORE_KEYS = {
    "plan_to_superior", "study", "opinions", "talks", "materials_written", "materials_reviewed",
    "materials_to_superior", "notice", "meeting", "checklist", "report", "circulation",
    "branch_meeting", "rectification_report",
}
PACKAGE_DIR = Path(str(resources.files("rectimeet_levels")))
DOCS = Path(__file__).resolve().parent.parent / "docs" / "levels.md"


@pytest.fixture(scope="module")
def host() -> PluginHost:
    return make_host()


@pytest.fixture(scope="module")
def scaffold_plans() -> dict[str, Plan]:
    return {level: load(PACKAGE_DIR / "scaffolds" / f"{level}.yaml").plan for level in LEVELS}


def unit(level: str, tier: Tier = Tier.COUNTY, org_type: OrgType = OrgType.PARTY_GROUP) -> Unit:
    return Unit(name="某单位", level=level, tier=tier, org_type=org_type,
                members=[{"id": "m1", "name": "张三", "role": "主要负责同志"}])


def with_changes(plan: Plan, **sections: dict[str, Any] | list[Any]) -> Plan:
    """A copy of ``plan`` with whole sections (or ``unit``/``inspection`` fields) changed."""
    data = plan.model_dump(by_alias=True)
    for key, value in sections.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key].update(value)
        else:
            data[key] = value
    return Plan.model_validate(data)


# -- data files --------------------------------------------------------------------------------


def test_every_level_and_variant_has_a_data_file() -> None:
    assert set(profile_names(PACKAGE)) == {*LEVELS, *VARIANTS}


@pytest.mark.parametrize("name", [*LEVELS, *VARIANTS])
def test_data_file_validates_with_the_core_model(name: str) -> None:
    raw = YAML(typ="safe", pure=True).load((PACKAGE_DIR / "data" / f"{name}.yaml").read_text("utf-8"))
    profile = LevelProfile.model_validate(raw)
    assert profile.info.id == name.split(".")[0]
    assert profile.agenda and profile.study and profile.focus_areas and profile.requirements
    assert profile.participants and profile.superiors


@pytest.mark.parametrize("name", [*LEVELS, *VARIANTS])
def test_milestones_carry_the_core_keys_with_provenance(name: str) -> None:
    profile = load_profile(PACKAGE, name)
    by_key = {m.key: m for m in profile.milestones}
    assert len(by_key) == len(profile.milestones), "milestone keys are unique"
    assert set(by_key) >= CORE_KEYS
    assert all(m.source for m in profile.milestones if m.key != "meeting")
    r1 = by_key["rectification_report"]
    assert (r1.anchor, r1.offset, r1.unit.value) == ("feedback", 2, "months")
    assert by_key["report"].offset == 15 and by_key["plan_to_superior"].offset == -15
    for m in profile.milestones:
        for before in m.after:
            assert before in by_key, f"{m.key} comes after unknown {before}"
            earlier = by_key[before]
            if earlier.anchor == m.anchor and earlier.unit == m.unit:
                assert earlier.offset <= m.offset, f"{before} must not be due after {m.key}"


@pytest.mark.parametrize("name", [*LEVELS, *VARIANTS])
def test_every_recipient_role_has_a_name_at_every_tier(name: str) -> None:
    profile = load_profile(PACKAGE, name)
    roles = {SuperiorRole(r) for m in profile.milestones for r in m.recipients
             if r in SuperiorRole._value2member_map_}
    assert roles, "a level reports to someone"
    for tier, names in profile.superiors.items():
        assert roles <= set(names), f"{tier}: missing {roles - set(names)}"
    assert set(profile.participants) == set(profile.superiors)


def test_branch_variant_holds_an_organisational_life_meeting() -> None:
    assert load_profile(PACKAGE, "county_bureau").meeting_kind.value == "专题民主生活会"
    assert load_profile(PACKAGE, "county_bureau.branch").meeting_kind.value == "专题组织生活会"


# -- discovery and answering -------------------------------------------------------------------


def test_levels_are_discovered_through_the_entry_point_group(host: PluginHost) -> None:
    assert set(LEVELS) <= set(host.levels())
    records = {r.name: r for r in host.records()}
    for level in LEVELS:
        assert records[level].distribution == "rectimeet"
        assert records[level].levels == (level,)
        assert host.pm.get_plugin(level) is importlib.import_module(f"rectimeet_levels.{level}").plugin


def test_blocking_a_level_plugin_removes_its_level() -> None:
    assert "school" not in make_host(block=("school",)).levels()


@pytest.mark.parametrize("level", LEVELS)
def test_a_level_answers_only_for_its_own_units(host: PluginHost, level: str) -> None:
    plugin = host.pm.get_plugin(level)
    assert plugin is not None
    for other in LEVELS:
        ctx = LevelContext(level=other, unit=unit(other))
        answers = [plugin.rectimeet_agenda(ctx), plugin.rectimeet_study_list(ctx),
                   plugin.rectimeet_milestones(ctx), plugin.rectimeet_superiors(ctx),
                   plugin.rectimeet_participants(ctx), plugin.rectimeet_requirements(ctx),
                   plugin.rectimeet_rule_params(ctx), plugin.rectimeet_focus_areas(ctx)]
        if other == level:
            assert all(a is not None for a in answers)
        else:
            assert all(a is None for a in answers)
    assert plugin.rectimeet_scaffold(level) is not None
    assert all(plugin.rectimeet_scaffold(o) is None for o in LEVELS if o != level)


@pytest.mark.parametrize("level", LEVELS)
def test_defaults_resolve_to_the_level_data(host: PluginHost, level: str) -> None:
    profile = load_profile(PACKAGE, level)
    tier = next(iter(profile.participants))
    org_type = profile.info.org_types[0]
    defaults = host.defaults(unit(level, tier=tier, org_type=org_type))
    # Names in the data follow the unit: {committee}书记 is the 党委书记 of a 党委.
    assert [a.title for a in defaults.agenda] == [a.title.replace("{committee}", org_type.value)
                                                  for a in profile.agenda]
    assert "{committee}" not in defaults.model_dump_json()
    assert [s.title for s in defaults.study] == [s.title for s in profile.study]
    assert [m.key for m in defaults.milestones] == [m.key for m in profile.milestones]
    assert defaults.params["min_criticisms"] == 3


def test_department_inspection_names_follow_the_inspecting_committee(host: PluginHost) -> None:
    """A unit inspected by its department's own 巡察: every organ is named after the department's
    committee as the spec names the group (司法厅党委第三巡察组 → 司法厅党委巡察办)."""
    from rectimeet.models.inspection import InspectionKind
    from rectimeet.models.plan import Plan

    plan = Plan.model_validate({
        "unit": {"name": "省司法厅直属监狱", "level": "provincial_department", "org_type": "党委",
                 "tier": "省", "members": [{"id": "a", "name": "甲", "role": "主要负责同志"},
                                          {"id": "b", "name": "乙"}]},
        "inspection": {"kind": InspectionKind.XUNCHA.value, "group": "司法厅党委第三巡察组",
                       "feedback_date": "2026-05-06", "issues": []},
        "meeting": {"date": "2026-06-04"},
    })
    defaults = host.defaults(plan.unit, plan)
    text = defaults.model_dump_json()
    assert "司法厅党委巡察办" in defaults.participants.guides
    assert "厅党组" not in text and "（人事处）" not in text
    assert not any(f"{{{field}}}" in text for field in ("committee", "inspector", "inspection_group"))


@pytest.mark.parametrize(
    ("level", "tier", "org_type", "prefix"),
    [
        ("county_bureau", Tier.COUNTY, OrgType.PARTY_GROUP, "县"),
        ("county_bureau", Tier.CITY, OrgType.PARTY_GROUP, "市"),
        ("county_bureau", Tier.CITY, OrgType.BRANCH, "市"),
        ("township", Tier.COUNTY, OrgType.PARTY_COMMITTEE, "县"),
        ("township", Tier.TOWNSHIP, OrgType.PARTY_COMMITTEE, "县"),  # nearest tier: the county
        ("school", Tier.CITY, OrgType.GENERAL_BRANCH, "市"),
        ("municipal_government", Tier.COUNTY, OrgType.PARTY_GROUP, "县"),
        ("provincial_department", Tier.PROVINCE, OrgType.PARTY_GROUP, "省"),
        ("provincial_department", Tier.COUNTY, OrgType.PARTY_GROUP, "省"),  # only 省 names exist
    ],
)
def test_names_follow_the_units_tier(host: PluginHost, level: str, tier: Tier, org_type: OrgType,
                                     prefix: str) -> None:
    defaults = host.defaults(unit(level, tier=tier, org_type=org_type))
    assert defaults.superiors[SuperiorRole.DISCIPLINE].startswith(prefix)
    assert defaults.superiors[SuperiorRole.ORGANIZATION] == f"{prefix}委组织部"
    others = {"县", "市", "省"} - {prefix}
    assert not any(g.startswith(tuple(f"{o}委" for o in others)) for g in defaults.participants.guides)


def test_county_bureau_branch_gets_the_plan03_defaults(host: PluginHost) -> None:
    defaults = host.defaults(unit("county_bureau", org_type=OrgType.BRANCH))
    assert defaults.agenda[0].title == "主要领导汇报会前准备情况"
    assert "副科级以上党员干部" in defaults.participants.observers
    meeting = next(m for m in defaults.milestones if m.key == "meeting")
    assert "组织生活会" in meeting.title


def test_the_plans_inspecting_group_is_named(host: PluginHost,
                                             scaffold_plans: dict[str, Plan]) -> None:
    plan = scaffold_plans["township"]
    defaults = host.defaults(plan.unit, plan)
    assert defaults.superiors[SuperiorRole.INSPECTION_GROUP] == "县委第三巡察组"
    assert "县委第三巡察组" in defaults.participants.guides
    assert not any("{" in g for g in defaults.participants.guides)
    electronic = next(m for m in defaults.milestones if m.key == "electronic_copies")
    assert electronic.recipients == ["inspection_group"]


def test_a_department_inspected_unit_gets_department_names(
        host: PluginHost, scaffold_plans: dict[str, Plan]) -> None:
    plan = scaffold_plans["provincial_department"]
    assert host.defaults(plan.unit, plan).superiors[SuperiorRole.INSPECTION_OFFICE] == "省委巡视办"
    inspected = with_changes(plan, inspection={"kind": "巡察", "group": "厅党组第二巡察组"})
    defaults = host.defaults(inspected.unit, inspected)
    assert defaults.superiors[SuperiorRole.INSPECTION_OFFICE] == "厅党组巡察办"
    assert defaults.superiors[SuperiorRole.DISCIPLINE] == "驻厅纪检监察组"
    assert "厅党组第二巡察组" in defaults.participants.guides


@given(level=st.sampled_from(LEVELS), tier=st.sampled_from(list(Tier)),
       org_type=st.sampled_from(list(OrgType)))
def test_any_unit_of_a_level_gets_complete_defaults(level: str, tier: Tier,
                                                    org_type: OrgType) -> None:
    defaults = make_host_cached().defaults(unit(level, tier=tier, org_type=org_type))
    assert defaults.participants.guides
    keys = {m.key for m in defaults.milestones}
    assert keys >= CORE_KEYS
    for m in defaults.milestones:
        for r in m.recipients:
            if r in SuperiorRole._value2member_map_:
                assert SuperiorRole(r) in defaults.superiors, (m.key, r)


_HOST: list[PluginHost] = []


def make_host_cached() -> PluginHost:
    # hypothesis forbids function-scoped fixtures in @given tests; one host is enough.
    if not _HOST:
        _HOST.append(make_host())
    return _HOST[0]


def test_nearest_tier_prefers_the_closer_then_the_higher() -> None:
    table = {Tier.PROVINCE: "p", Tier.COUNTY: "c"}
    assert nearest_tier(table, Tier.COUNTY) == "c"
    assert nearest_tier(table, Tier.TOWNSHIP) == "c"
    assert nearest_tier(table, Tier.CITY) == "p"  # equally far: the higher tier
    assert nearest_tier({}, Tier.CITY) is None


# -- scaffolds ---------------------------------------------------------------------------------


@pytest.mark.parametrize("level", LEVELS)
def test_scaffold_is_served_and_validates(host: PluginHost, level: str,
                                          scaffold_plans: dict[str, Plan]) -> None:
    text = host.scaffold(level)
    assert text == (PACKAGE_DIR / "scaffolds" / f"{level}.yaml").read_text("utf-8")
    plan = scaffold_plans[level]
    assert plan.unit.level == level
    assert 4 <= len(plan.unit.members) <= 7
    assert plan.unit.members[0].role.value == "主要负责同志"
    assert 3 <= len(plan.inspection.issues) <= 6
    assert {item.kind.value for item in plan.checklist} == {"立行立改", "限期整改", "长期坚持"}
    given_by: dict[str, int] = {}
    for c in plan.criticisms:
        given_by[c.from_] = given_by.get(c.from_, 0) + c.count
    assert all(given_by.get(m, 0) >= 3 for m in plan.member_ids)
    assert plan.meeting.date.year == 2026 and plan.meeting.date.weekday() < 5


@pytest.mark.parametrize("level", LEVELS)
def test_scaffold_checks_without_errors_or_warnings(host: PluginHost, level: str,
                                                    scaffold_plans: dict[str, Plan]) -> None:
    findings = api.check(scaffold_plans[level], host=host)
    assert [(f.code, f.message("en")) for f in findings
            if f.severity is not Severity.INFO] == []


# -- level rules -------------------------------------------------------------------------------


def prepared(host: PluginHost, plan: Plan) -> Prepared:
    return Prepared(plan, host.defaults(plan.unit, plan))


def test_school_without_staff_congress_opinions_is_warned(
        host: PluginHost, scaffold_plans: dict[str, Plan]) -> None:
    plan = scaffold_plans["school"]
    assert list(school_consults_staff_congress(RuleContext(prepared(host, plan), {}))) == []
    relabelled = [{**o.model_dump(by_alias=True), "source": o.source.replace("教代会代表", "教职工")}
                  for o in plan.opinions]
    without = with_changes(plan, opinions=relabelled)
    hits = list(school_consults_staff_congress(RuleContext(prepared(host, without), {})))
    assert [h.path for h in hits] == [("opinions",)]
    codes = {(f.code, f.severity) for f in api.check(without, host=host)}
    assert ("LV101", Severity.WARNING) in codes


def test_staff_congress_rule_ignores_other_levels(host: PluginHost,
                                                  scaffold_plans: dict[str, Plan]) -> None:
    plan = scaffold_plans["county_bureau"]
    assert not any("教代会" in o.source for o in plan.opinions)
    assert list(school_consults_staff_congress(RuleContext(prepared(host, plan), {}))) == []


def test_township_without_branch_follow_up_is_warned(
        host: PluginHost, scaffold_plans: dict[str, Plan]) -> None:
    plan = scaffold_plans["township"]
    assert list(township_branch_follow_up(RuleContext(prepared(host, plan), {}))) == []
    dropped = with_changes(plan, schedule={"milestones": [{"key": "branch_meeting", "enabled": False}]})
    hits = list(township_branch_follow_up(RuleContext(prepared(host, dropped), {})))
    assert len(hits) == 1 and hits[0].params == {"key": "branch_meeting"}
    assert "LV201" in {f.code for f in api.check(dropped, host=host)}
    rescheduled = with_changes(plan, schedule={"milestones": [{"key": "branch_meeting", "offset": 20}]})
    assert list(township_branch_follow_up(RuleContext(prepared(host, rescheduled), {}))) == []


def test_branch_follow_up_rule_ignores_other_levels(host: PluginHost,
                                                    scaffold_plans: dict[str, Plan]) -> None:
    plan = with_changes(scaffold_plans["school"],
                        schedule={"milestones": [{"key": "branch_meeting", "enabled": False}]})
    assert list(township_branch_follow_up(RuleContext(prepared(host, plan), {}))) == []


def test_level_rule_messages_are_translated() -> None:
    for r in (school_consults_staff_congress, township_branch_follow_up):
        assert r.code.startswith("LV")
        assert translate(r.summary, "zh") != r.summary
        assert translate(r.summary, "en") == r.summary


# -- docs --------------------------------------------------------------------------------------


@pytest.mark.parametrize("level", LEVELS)
def test_description_lists_what_the_level_provides(level: str) -> None:
    text = describe.render_level(level)
    profile = load_profile(PACKAGE, level)
    assert all(m.key in text for m in profile.milestones)
    assert all(a.title in text for a in profile.agenda)


def test_docs_carry_the_current_level_tables() -> None:
    assert describe.render_all() in DOCS.read_text("utf-8"), (
        "regenerate docs/levels.md with: python -m rectimeet_levels.describe")


# -- rectimeet.levels.DataLevel for a third party ----------------------------------------------

EXAMPLE_LEVEL = Path(__file__).resolve().parent.parent / "docs" / "example_level"


@pytest.fixture
def soe_host(monkeypatch: pytest.MonkeyPatch) -> PluginHost:
    from rectimeet.levels import DataLevel
    from rectimeet.testing import host_with

    monkeypatch.syspath_prepend(str(EXAMPLE_LEVEL))
    return host_with(DataLevel("state_enterprise", package="rectimeet_soe"))


def test_data_level_sections_left_out_fall_back_to_the_core(soe_host: PluginHost) -> None:
    import datetime as dt

    from rectimeet.spec.scaffold import new_spec
    from rectimeet.testing import TEST_LEVEL, host_with
    from rectimeet.vocabulary import Vocabulary

    plan = Plan.model_validate(YAML(typ="safe").load(new_spec("state_enterprise", dt.date(2026, 9, 17),
                                                                 soe_host)))
    defaults = soe_host.defaults(plan.unit, plan)
    core = host_with().defaults(plan.unit.model_copy(update={"level": TEST_LEVEL}), plan)
    # Given in the data file: the level's own answers.
    assert defaults.superiors[SuperiorRole.PARTY_COMMITTEE] == "市国资委党委"
    assert [a.kind for a in defaults.agenda][:2] == ["opening", "workers_report"]
    assert defaults.participants.guides[0] == "市委第二巡察组"  # {inspection_group}
    # Left out: the core fallback answers, not an empty list.
    assert [m.key for m in defaults.milestones] == [m.key for m in core.milestones]
    assert defaults.focus_areas == core.focus_areas and defaults.requirements == core.requirements
    assert soe_host.vocabulary().knows(Vocabulary.AGENDA, "workers_report")
    assert [f.code for f in api.check(plan, host=soe_host) if f.severity is not Severity.INFO] == []


def test_data_level_names_a_missing_data_file(soe_host: PluginHost) -> None:
    from rectimeet.errors import PluginError
    from rectimeet.levels import DataLevel

    with pytest.raises(PluginError, match=r"data/nowhere\.yaml"):
        DataLevel("nowhere", package="rectimeet_soe").rectimeet_levels()


def test_the_shipped_listing_is_in_step_with_the_data_files() -> None:
    # Every command lists every level; the listing spares it reading each file. After editing
    # a data file: python -m rectimeet.levels rectimeet_levels
    from rectimeet.levels import DATA_DIR, LISTING, listing_text
    from rectimeet.packagedata import package_files

    shipped = (package_files("rectimeet_levels") / DATA_DIR / LISTING).read_text("utf-8")
    assert shipped == listing_text("rectimeet_levels")


def test_a_listing_entry_is_used_only_for_the_file_it_was_taken_from(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from rectimeet import levels
    from rectimeet.packagedata import fingerprint, package_files

    raw = (package_files("rectimeet_levels") / levels.DATA_DIR / "school.yaml").read_bytes()
    real = levels.level_info("rectimeet_levels", "school")
    forged = {"info": {**real.model_dump(mode="json"), "name": "改过的名称"}}

    def listing_with(checksum: str) -> dict[str, object]:
        return {"school": {"checksum": checksum, "sections": forged}}

    for checksum, expected in ((fingerprint(raw), "改过的名称"), ("0-0", real.name)):
        monkeypatch.setattr(levels, "_listing", lambda package, c=checksum: listing_with(c))
        levels._listed_data.cache_clear()
        levels.level_info.cache_clear()
        try:
            assert levels.level_info("rectimeet_levels", "school").name == expected
        finally:
            levels._listed_data.cache_clear()
            levels.level_info.cache_clear()


def test_sections_holding_numbers_are_not_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 0301 read from YAML keeps how it was written; JSON would not: such a file is read itself.
    from rectimeet import levels

    data = tmp_path / "pkg" / levels.DATA_DIR
    data.mkdir(parents=True)
    (data / "a.yaml").write_text("info: {id: a, name: 甲, description: '说明'}\n", "utf-8")
    (data / "b.yaml").write_text("info: {id: b, name: 0301, description: '说明'}\n", "utf-8")
    monkeypatch.setattr(levels, "package_files", lambda package: tmp_path / package)
    levels.profile_names.cache_clear()
    try:
        listed = json.loads(levels.listing_text("pkg"))["files"]
    finally:
        levels.profile_names.cache_clear()
    assert sorted(listed) == ["a"]


def test_a_level_file_is_read_from_the_listing_only_while_its_checksum_matches(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The whole file ships parsed in the listing (JSON parses ten times faster than YAML); an
    # edited file is read itself until the listing is written again.
    from rectimeet import levels
    from rectimeet.packagedata import fingerprint, package_files

    raw = (package_files("rectimeet_levels") / levels.DATA_DIR / "school.yaml").read_bytes()
    shipped = levels._listing("rectimeet_levels")["school"]["data"]
    assert shipped == levels.fastload.read(raw.decode("utf-8"))[0]  # type: ignore[index]
    forged = {**shipped, "info": {**shipped["info"], "name": "改过的名称"}}
    for checksum, expected in ((fingerprint(raw), "改过的名称"), ("0-0", shipped["info"]["name"])):
        monkeypatch.setattr(levels, "_listing", lambda package, c=checksum: {
            "school": {"checksum": c, "sections": {}, "data": forged}})
        levels._profile_data.cache_clear()
        levels.load_profile.cache_clear()
        try:
            assert levels.load_profile("rectimeet_levels", "school").info.name == expected
        finally:
            levels._profile_data.cache_clear()
            levels.load_profile.cache_clear()


@given(st.text(alphabet=st.sampled_from(list("第一二三十0１9巡视察组办党委县司法厅x")), max_size=12))
def test_the_inspector_is_the_group_name_without_its_numbered_group(group: str) -> None:
    import re

    from rectimeet.levels import inspector_of

    oracle = re.sub(r"第?[一二三四五六七八九十\d]*(巡视|巡察)[组办]$", "", group) or group
    assert inspector_of(group) == oracle
    assert inspector_of("司法厅党委第三巡察组") == "司法厅党委"
