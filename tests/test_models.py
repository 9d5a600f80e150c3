"""Structural invariants of the model: unique ids, resolved references, stable codes."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from pydantic import ValidationError

from rectimeet.errors import StructureErrors
from rectimeet.models import Plan
from rectimeet.models.milestone import Milestone, MilestonePatch
from rectimeet.testing import plans


def codes(exc: ValidationError) -> list[tuple[str, str]]:
    out = []
    for err in exc.errors():
        inner = (err.get("ctx") or {}).get("error")
        if isinstance(inner, StructureErrors):
            out.extend((p.code, p.dotted_path) for p in inner.problems)
        else:
            out.append((err["type"], ".".join(map(str, err["loc"]))))
    return out


def test_small_spec_is_valid(small_data: dict[str, Any]) -> None:
    plan = Plan.model_validate(small_data)
    assert plan.unit.principal() is not None
    assert plan.unit.principal().name == "张书记"  # type: ignore[union-attr]
    assert plan.meeting_title == "测试乡党委巡察整改专题民主生活会"


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["unit"]["members"].append({"id": "m1", "name": "另一人"}), ("M001", "unit.members[3].id")),
        (lambda d: d["unit"]["members"].append({"id": "m9", "name": "张书记"}), ("M002", "unit.members[3].name")),
        (lambda d: d["inspection"]["issues"][0]["claimed_by"].append("m9"),
         ("M003", "inspection.issues[0].claimed_by[3]")),
        (lambda d: d["criticisms"].append({"from": "m1", "to": "x"}), ("M003", "criticisms[6].to")),
        (lambda d: d["checklist"][0].update(owner="nobody"), ("M003", "checklist[0].owner")),
        (lambda d: d["checklist"][0].update(source_ref="F9"), ("M003", "checklist[0].source_ref")),
        (lambda d: d["meeting"].update(host="h1"), ("M003", "meeting.host")),
        (lambda d: d["unit"]["members"][1]["oversees"][0].update(head="h9"),
         ("M003", "unit.members[1].oversees[0].head")),
        (lambda d: d.setdefault("talks", []).append({"parties": ["m1", "zz"]}), ("M003", "talks[0].parties[1]")),
        (lambda d: d["unit"]["members"][1].update(role="主要负责同志"), ("M005", "unit.members[1].role")),
        (lambda d: d["criticisms"].append({"from": "m1", "to": "m1"}), ("M006", "criticisms[6].to")),
        (lambda d: d["unit"]["contacts"].append({"id": "m2", "name": "重名"}), ("M001", "unit.contacts[1].id")),
    ],
)
def test_each_violation_has_a_code_and_path(small_data: dict[str, Any], mutate: Any,
                                            expected: tuple[str, str]) -> None:
    data = copy.deepcopy(small_data)
    mutate(data)
    with pytest.raises(ValidationError) as info:
        Plan.model_validate(data)
    assert expected in codes(info.value)


def test_all_violations_are_reported_at_once(small_data: dict[str, Any]) -> None:
    data = copy.deepcopy(small_data)
    data["checklist"][0]["owner"] = "nobody"
    data["meeting"]["host"] = "h1"
    with pytest.raises(ValidationError) as info:
        Plan.model_validate(data)
    assert {c for c, _ in codes(info.value)} == {"M003"}
    assert len(codes(info.value)) == 2


def test_unknown_keys_and_bad_dates_are_refused(small_data: dict[str, Any]) -> None:
    data = copy.deepcopy(small_data)
    data["meeting"]["dat"] = "2026-11-27"
    data["inspection"]["feedback_date"] = "2026-02-30"
    with pytest.raises(ValidationError) as info:
        Plan.model_validate(data)
    types = {e["type"] for e in info.value.errors()}
    assert "extra_forbidden" in types
    assert any(t.startswith("date") for t in types)


def test_talk_needs_two_different_people(small_data: dict[str, Any]) -> None:
    data = copy.deepcopy(small_data)
    data["talks"] = [{"parties": ["m1", "m1"]}]
    with pytest.raises(ValidationError):
        Plan.model_validate(data)


def test_milestone_patch_changes_only_what_it_says() -> None:
    base = Milestone(key="report", title="报送情况报告", offset=15, recipients=["discipline"], source="R12")
    patched = MilestonePatch(key="report", offset=10).apply(base)
    assert patched.offset == 10
    assert patched.recipients == ["discipline"]
    assert patched.source == "R12"
    new = MilestonePatch(key="extra", title="新增事项", offset=-3).apply(None)
    assert new.title == "新增事项"


@given(plans(max_members=30))
def test_generated_plans_are_valid_and_round_trip(plan: Plan) -> None:
    again = Plan.model_validate(plan.model_dump(by_alias=True))
    assert again == plan
