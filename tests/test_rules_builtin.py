"""Every built-in (non-scheduling) rule: a spec that triggers it, and the clean spec that passes."""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rectimeet import api
from rectimeet.models import Plan
from rectimeet.plugins import PluginHost
from rectimeet.rules.engine import Severity
from rectimeet.testing import plan_data

Mutation = Callable[[dict[str, Any]], None]


def findings(data: dict[str, Any], host: PluginHost) -> list[Any]:
    return api.check(Plan.model_validate(data), host=host)


def test_clean_spec_has_no_findings(small_data: dict[str, Any], core_host: PluginHost) -> None:
    assert [f.code for f in findings(small_data, core_host)] == []


def _set(path: list[Any], value: Any) -> Mutation:
    def mutate(d: dict[str, Any]) -> None:
        node = d
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return mutate


def _drop_criticisms_from(member: str) -> Mutation:
    def mutate(d: dict[str, Any]) -> None:
        d["criticisms"] = [c for c in d["criticisms"] if c["from"] != member]
    return mutate


def _only_to(member: str, target: str) -> Mutation:
    def mutate(d: dict[str, Any]) -> None:
        d["criticisms"] = [c for c in d["criticisms"] if c["from"] != member] + [
            {"from": member, "to": target, "count": 5}]
    return mutate


TRIGGERS: list[tuple[str, Mutation, str]] = [
    ("CL101", _set(["inspection", "issues", 1, "claimed_by"], []), "inspection.issues[1].claimed_by"),
    ("CL102", _set(["inspection", "issues", 1, "claimed_by"], ["班子"]), "unit.members[2]"),
    ("CR101", _drop_criticisms_from("m2"), "unit.members[1]"),
    ("CR102", _only_to("m3", "m1"), "criticisms"),
    ("MT101", _set(["materials", 2, "reviewed_by"], "m3"), "materials[2].reviewed_by"),
    ("MT101", _set(["materials", 2, "reviewed_on"], "2026-11-26"), "materials[2].reviewed_on"),
    ("MT101", _set(["materials", 2, "reviewed_on"], "2026-11-17"), "materials[2].reviewed_on"),
    ("MT102", lambda d: d["materials"].pop(3), "unit.members[2]"),
    ("MT103", lambda d: d["materials"][3].pop("reviewed_on"), "materials[3]"),
    ("MT104", lambda d: d["materials"].pop(0), "materials"),
    ("MG101", _set(["meeting", "host"], "m2"), "meeting.host"),
    ("MG101", _set(["unit", "members", 0, "role"], "成员"), "unit.members"),
    ("MG102", _set(["meeting", "absent"], [{"member": "m2"}, {"member": "m3"}]), "meeting.absent"),
    ("MG103", lambda d: (d["unit"].update(org_type="党支部"), d["meeting"].update(kind="专题民主生活会")), "meeting.kind"),
    ("CK101", _set(["checklist", 0, "measure"], ""), "checklist[0]"),
    ("CK101", lambda d: d["checklist"][0].pop("deadline"), "checklist[0]"),
    ("CK102", _set(["checklist", 1, "deadline"], "2026-11-20"), "checklist[1].deadline"),
    ("CK103", _set(["checklist", 1, "deadline"], "2027-03-01"), "checklist[1].kind"),
    ("CK104", _set(["checklist", 1, "status"], "已销号"), "checklist[1].status"),
    ("CK105", _set(["checklist", 1, "source_ref"], "F1"), "inspection.issues[1]"),
    ("WD101", _set(["meeting", "venue"], "比照检查会议室"), "meeting.venue"),
    ("WD101", _set(["inspection", "issues", 0, "text"], "对中心巡视反馈问题整改不到位"), "inspection.issues[0].text"),
    ("WD102", _set(["meeting", "theme"], "(一)学习"), "meeting.theme"),
    ("WD103", _set(["meeting", "theme"], "团结---批评---团结"), "meeting.theme"),
    ("WD104", _set(["documents"], {"doc_number": "某党发[2026]3号"}), "documents.doc_number"),
    ("RL101", _set(["rules"], {"disable": ["XX999"]}), "rules.disable[0]"),
]


@pytest.mark.parametrize(("code", "mutate", "path"), TRIGGERS, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(TRIGGERS)])
def test_rule_triggers(small_data: dict[str, Any], core_host: PluginHost, code: str, mutate: Mutation,
                       path: str) -> None:
    data = copy.deepcopy(small_data)
    mutate(data)
    hits = [f for f in findings(data, core_host) if f.code == code]
    assert hits, f"{code} did not trigger"
    assert path in {f.location for f in hits}
    for f in hits:  # every message renders in both languages
        assert f.message("zh") and f.message("en")
        assert f.message("zh") != f.message("en")


def test_wording_message_names_the_right_term(small_data: dict[str, Any], core_host: PluginHost) -> None:
    data = copy.deepcopy(small_data)
    data["meeting"]["theme"] = "开展自我指责"
    (f,) = [f for f in findings(data, core_host) if f.code == "WD101"]
    assert "自我批评" in f.message("zh")


def test_rules_can_be_disabled_and_regraded(small_data: dict[str, Any], core_host: PluginHost) -> None:
    data = copy.deepcopy(small_data)
    data["meeting"]["host"] = "m2"
    data["rules"] = {"disable": ["MG101"]}
    assert "MG101" not in {f.code for f in findings(data, core_host)}
    data["rules"] = {"severity": {"MG101": "info"}}
    (f,) = [f for f in findings(data, core_host) if f.code == "MG101"]
    assert f.severity is Severity.INFO


def test_rule_params_from_spec(small_data: dict[str, Any], core_host: PluginHost) -> None:
    data = copy.deepcopy(small_data)
    data["rules"] = {"params": {"min_criticisms": 5}}
    assert {f.code for f in findings(data, core_host)} == {"CR101"}


def test_quorum_is_exactly_two_thirds(small_data: dict[str, Any], core_host: PluginHost) -> None:
    data = copy.deepcopy(small_data)
    for i in range(4, 7):
        data["unit"]["members"].append({"id": f"m{i}", "name": f"成员{i}"})
    data["meeting"]["attendees"] = [m["id"] for m in data["unit"]["members"]]
    data["meeting"]["absent"] = [{"member": "m5"}, {"member": "m6"}]  # 4 of 6 present
    data["rules"] = {"disable": ["CR101", "CL102", "MT102"], "params": {"attendance_ratio": 0.6667}}
    assert "MG102" not in {f.code for f in findings(data, core_host)}
    data["meeting"]["absent"].append({"member": "m4"})  # 3 of 6
    assert "MG102" in {f.code for f in findings(data, core_host)}


def test_findings_carry_spec_lines(small_spec: Any, core_host: PluginHost) -> None:
    from rectimeet.spec import load

    text = small_spec.read_text("utf-8").replace("host: m1", "host: m2")
    small_spec.write_text(text, "utf-8")
    loaded = load(small_spec)
    (f,) = [f for f in api.check(loaded.plan, host=core_host, source_map=loaded.source_map)
            if f.code == "MG101"]
    assert text.splitlines()[f.line - 1].strip() == "host: m2"  # type: ignore[operator]


def _shuffled(data: dict[str, Any], seed: int) -> dict[str, Any]:
    rnd = random.Random(seed)
    data = copy.deepcopy(data)
    for key in ("criticisms", "materials", "checklist"):
        rnd.shuffle(data[key])
    rnd.shuffle(data["unit"]["members"])
    rnd.shuffle(data["inspection"]["issues"])
    return data


@settings(max_examples=15)
@given(plan_data(max_members=10, complete=False), st.integers(0, 1000))
def test_findings_are_deterministic_and_order_independent(data: dict[str, Any], seed: int) -> None:
    from rectimeet.testing import host_with

    host = host_with()
    first = {(f.code, f.message("en")) for f in findings(data, host)}
    again = {(f.code, f.message("en")) for f in findings(copy.deepcopy(data), host)}
    shuffled = {(f.code, f.message("en")) for f in findings(_shuffled(data, seed), host)}
    assert first == again == shuffled


def test_project_config_applies_under_the_spec(tmp_path: Any, small_data: dict[str, Any],
                                               core_host: PluginHost) -> None:
    data = copy.deepcopy(small_data)
    data["meeting"]["host"] = "m2"
    sub = tmp_path / "specs" / "2026"
    sub.mkdir(parents=True)
    (tmp_path / "rectimeet.toml").write_text('[rules]\ndisable = ["MG101"]\n', "utf-8")
    plan = Plan.model_validate(data)
    assert "MG101" not in {f.code for f in api.check(plan, host=core_host, spec_dir=sub)}
    assert "MG101" in {f.code for f in api.check(plan, host=core_host)}
    # the spec's own severity still applies on top of the project's settings
    (tmp_path / "rectimeet.toml").write_text('[rules.severity]\nMG101 = "info"\n', "utf-8")
    (f,) = [f for f in api.check(plan, host=core_host, spec_dir=sub) if f.code == "MG101"]
    assert f.severity is Severity.INFO


def test_broken_project_config_is_a_located_error(tmp_path: Any, small_data: dict[str, Any],
                                                  core_host: PluginHost) -> None:
    from rectimeet.errors import SpecError

    (tmp_path / "rectimeet.toml").write_text('[rules]\ndisable = "MG101"\n', "utf-8")
    with pytest.raises(SpecError) as info:
        api.check(Plan.model_validate(small_data), host=core_host, spec_dir=tmp_path)
    assert "rectimeet.toml" in str(info.value)


def test_collective_study_rule(small_data: dict[str, Any], core_host: PluginHost) -> None:
    data = copy.deepcopy(small_data)
    data["study"]["sessions"][0]["mode"] = "个人自学"
    (f,) = [f for f in findings(data, core_host) if f.code == "ST101"]
    assert f.location == "study.sessions" and "半天" in f.message("zh")
    data = copy.deepcopy(small_data)
    data["study"]["sessions"][0]["date"] = "2026-11-27"  # the meeting day's morning counts
    assert "ST101" not in {f.code for f in findings(data, core_host)}
    data["study"]["sessions"][0]["date"] = "2026-11-30"
    assert "study.sessions[0].date" in {f.location for f in findings(data, core_host) if f.code == "ST101"}


def test_talk_schedule_problem_renders_in_each_language(small_data: dict[str, Any],
                                                       core_host: PluginHost) -> None:
    """30 members cannot fit 四必谈 into a 7-day window: TK102 explains it in zh and in en."""
    data = copy.deepcopy(small_data)
    data["unit"]["members"] += [{"id": f"x{i}", "name": f"成员{i}"} for i in range(27)]
    (f,) = [f for f in findings(data, core_host) if f.code == "TK102"]
    zh, en = f.message("zh"), f.message("en")
    assert "谈心谈话" in zh
    assert "half-days are needed" in en and "排不下" not in en


def test_a_branch_holds_an_organisational_life_meeting_by_default(small_data: dict[str, Any],
                                                                   core_host: PluginHost) -> None:
    data = copy.deepcopy(small_data)
    data["unit"]["org_type"] = "党支部"
    plan = Plan.model_validate(data)
    prepared = api.prepare(plan, core_host)
    assert prepared.meeting_title == "测试乡党支部巡察整改专题组织生活会"
    assert "MG103" not in {f.code for f in api.check(prepared, host=core_host)}


def test_every_rule_family_module_is_listed_and_a_missing_one_is_an_error(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib
    import pkgutil

    import rectimeet.rules
    from rectimeet.rules import builtin

    with_rules = {f"rectimeet.rules.{m.name}" for m in pkgutil.iter_modules(rectimeet.rules.__path__)
                  if hasattr(importlib.import_module(f"rectimeet.rules.{m.name}"), "RULES")}
    assert set(builtin.FAMILY_MODULES) == with_rules
    monkeypatch.setattr(builtin, "FAMILY_MODULES", (*builtin.FAMILY_MODULES, "rectimeet.rules.talks"))
    with pytest.raises(ModuleNotFoundError, match=r"rectimeet\.rules\.talks"):
        builtin.builtin_rules()


def test_rules_of_one_run_share_what_they_compute_once() -> None:
    import datetime as dt

    from rectimeet.rules.engine import RuleContext

    calls: list[int] = []
    memo: dict[str, object] = {}

    def compute() -> list[int]:
        calls.append(1)
        return [1, 2, 3]

    first = RuleContext(None, {}, dt.date(2026, 1, 1), frozenset(), memo)  # type: ignore[arg-type]
    second = RuleContext(None, {}, None, frozenset(), memo)  # type: ignore[arg-type]
    assert first.shared("k", compute) is second.shared("k", compute)
    assert calls == [1]
    assert RuleContext(None, {}).shared("k", compute) == [1, 2, 3]  # type: ignore[arg-type]
    assert calls == [1, 1]  # another run computes afresh
