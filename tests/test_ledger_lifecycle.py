"""The item lifecycle: 待整改 → 整改中 → 已完成 → 已销号, reopening, and the history it keeps."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from rectimeet.errors import LedgerError, RectimeetError
from rectimeet.ledger import lifecycle
from rectimeet.models.checklist import ChecklistItem, ChecklistKind, ChecklistStatus, Evidence

DAY = dt.date(2026, 12, 1)
PROOF = [Evidence(what="《责任清单》", where="档案室 2026-卷12")]


def fresh() -> ChecklistItem:
    return ChecklistItem(id="Z1", issue="主体责任落实不到位", deadline=dt.date(2026, 12, 31))


def closed() -> ChecklistItem:
    item = lifecycle.start(fresh(), by="办公室", on=DAY)
    item = lifecycle.complete(item, by="办公室", on=DAY)
    return lifecycle.close(item, by="办公室", on=DAY, reviewer="王主任", evidence=PROOF)


def test_the_forward_path_records_every_step_and_leaves_the_input_alone() -> None:
    item = fresh()
    done = lifecycle.complete(lifecycle.start(item, by="甲", on=DAY), by="乙", on=DAY)
    shut = lifecycle.close(done, by="丙", on=DAY, reviewer="王主任", evidence=PROOF,
                           closed_on=dt.date(2026, 12, 2), note="审核通过")
    assert item.status is ChecklistStatus.PENDING and item.history == []
    assert shut.status is ChecklistStatus.CLOSED
    assert (shut.closed_by, shut.closed_on, shut.evidence) == ("王主任", dt.date(2026, 12, 2),
                                                               PROOF)
    steps = [(c.field, c.old, c.new, c.by) for c in shut.history if c.field == "status"]
    assert steps == [("status", "待整改", "整改中", "甲"), ("status", "整改中", "已完成", "乙"),
                     ("status", "已完成", "已销号", "丙")]
    assert {c.field for c in shut.history} >= {"evidence", "closed_by", "closed_on"}
    assert shut.history[-1].note == "审核通过"


@pytest.mark.parametrize(
    ("evidence", "reviewer", "missing"),
    [([], "王主任", "佐证材料"),
     ([Evidence(what="《责任清单》")], "王主任", "存放位置"),
     (PROOF, "", "销号审核人")],
)
def test_closing_without_evidence_or_reviewer_is_refused_in_both_languages(
        evidence: list[Evidence], reviewer: str, missing: str) -> None:
    done = lifecycle.complete(lifecycle.start(fresh(), by="甲", on=DAY), by="甲", on=DAY)
    with pytest.raises(lifecycle.LifecycleError) as caught:
        lifecycle.close(done, by="甲", on=DAY, reviewer=reviewer, evidence=evidence)
    assert isinstance(caught.value, LedgerError)
    assert "不能销号" in str(caught.value) and missing in str(caught.value)
    assert "cannot be closed" in caught.value.text("en")
    # Through the base class too, as the CLI prints every RectimeetError.
    error: RectimeetError = caught.value
    assert error.render("en") == caught.value.text("en") and error.render() == str(error)
    assert error.message_id == "item {id} cannot be closed: {reason}"
    assert "不能销号" not in error.render("en")


@pytest.mark.parametrize("operation", [lifecycle.complete, lifecycle.reopen])
def test_skipping_a_step_is_refused_with_the_allowed_statuses(operation: object) -> None:
    with pytest.raises(lifecycle.LifecycleError) as caught:
        operation(fresh(), by="甲", on=DAY)  # type: ignore[operator]
    assert "待整改" in str(caught.value) and "不能由" in str(caught.value)


def test_reopening_clears_the_closing_but_keeps_it_in_the_history() -> None:
    item = lifecycle.reopen(closed(), by="纪委", on=DAY, note="回头看发现反弹")
    assert item.status is ChecklistStatus.IN_PROGRESS
    assert (item.closed_by, item.closed_on) == ("", None)
    assert item.evidence == PROOF
    reopened = [c for c in item.history if c.note == "回头看发现反弹"]
    assert {(c.field, c.old) for c in reopened} == {("status", "已销号"), ("closed_by", "王主任"),
                                                    ("closed_on", DAY.isoformat())}


def test_a_closed_item_cannot_lose_its_evidence_and_status_is_not_editable() -> None:
    with pytest.raises(lifecycle.LifecycleError):
        lifecycle.edit(closed(), "evidence", [], by="甲", on=DAY)
    with pytest.raises(lifecycle.LifecycleError):
        lifecycle.edit(fresh(), "status", ChecklistStatus.CLOSED, by="甲", on=DAY)
    with pytest.raises(lifecycle.LifecycleError):
        lifecycle.edit(fresh(), "closed_by", "王主任", by="甲", on=DAY)


def test_an_edit_records_old_and_new_and_no_change_records_nothing() -> None:
    item = lifecycle.edit(fresh(), "deadline", dt.date(2027, 1, 15), by="甲", on=DAY, note="延期")
    assert [(c.field, c.old, c.new, c.note) for c in item.history] == [
        ("deadline", "2026-12-31", "2027-01-15", "延期")]
    assert lifecycle.edit(item, "deadline", dt.date(2027, 1, 15), by="甲", on=DAY) is item


@pytest.mark.parametrize(
    ("current", "target", "path"),
    [("待整改", "已销号", ["整改中", "已完成", "已销号"]),
     ("已销号", "已完成", ["整改中", "已完成"]),
     ("已完成", "整改中", ["整改中"]),
     ("整改中", "整改中", [])],
)
def test_path_to(current: str, target: str, path: list[str]) -> None:
    steps = lifecycle.path_to(ChecklistStatus(current), ChecklistStatus(target))
    assert [s.value for s in steps] == path


def test_there_is_no_way_back_to_pending() -> None:
    with pytest.raises(lifecycle.LifecycleError, match="退回"):
        lifecycle.path_to(ChecklistStatus.IN_PROGRESS, ChecklistStatus.PENDING)


texts = st.sampled_from(["", "王主任", "党政办", " 李四 "])
evidence_lists = st.lists(st.builds(Evidence, what=st.sampled_from(["《办法》", "会议纪要"]),
                                    where=st.sampled_from(["", "档案室"])), max_size=2)
days = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2028, 12, 31))


class LifecycleMachine(RuleBasedStateMachine):
    """Any sequence of operations: refused ones change nothing, accepted ones only append."""

    def __init__(self) -> None:
        super().__init__()
        self.item = fresh()

    def _attempt(self, operation: object, *args: object, **kwargs: object) -> None:
        before = self.item
        snapshot = before.model_dump()
        try:
            after = operation(before, *args, **kwargs)  # type: ignore[operator]
        except lifecycle.LifecycleError as err:
            assert err.text("zh") and err.text("en")
            after = before
        assert before.model_dump() == snapshot, "an operation mutated its input"
        assert after.history[:len(before.history)] == before.history, "history was rewritten"
        changed = after.model_dump(exclude={"history"}) != before.model_dump(exclude={"history"})
        assert changed == (len(after.history) > len(before.history))
        self.item = after

    @rule(by=texts, on=days)
    def start(self, by: str, on: dt.date) -> None:
        self._attempt(lifecycle.start, by=by, on=on)

    @rule(by=texts, on=days)
    def complete(self, by: str, on: dt.date) -> None:
        self._attempt(lifecycle.complete, by=by, on=on)

    @rule(by=texts, on=days, reviewer=texts, evidence=st.none() | evidence_lists,
          closed_on=st.none() | days)
    def close(self, by: str, on: dt.date, reviewer: str, evidence: list[Evidence] | None,
              closed_on: dt.date | None) -> None:
        self._attempt(lifecycle.close, by=by, on=on, reviewer=reviewer, evidence=evidence,
                      closed_on=closed_on)

    @rule(by=texts, on=days)
    def reopen(self, by: str, on: dt.date) -> None:
        self._attempt(lifecycle.reopen, by=by, on=on)

    @rule(status=st.sampled_from(ChecklistStatus), by=texts, on=days, reviewer=texts)
    def move(self, status: ChecklistStatus, by: str, on: dt.date, reviewer: str) -> None:
        self._attempt(lifecycle.move_to, status, by=by, on=on, reviewer=reviewer)

    @rule(data=st.data())
    def edit(self, data: st.DataObject) -> None:
        field = data.draw(st.sampled_from(["deadline", "measure", "kind", "evidence",
                                           "closed_by", "closed_on", "status"]))
        value = data.draw({
            "deadline": st.none() | days, "measure": texts, "kind": st.sampled_from(ChecklistKind),
            "evidence": evidence_lists, "closed_by": texts, "closed_on": st.none() | days,
            "status": st.sampled_from(ChecklistStatus)}[field])
        self._attempt(lifecycle.edit, field, value, by="甲", on=DAY)

    @invariant()
    def valid_state(self) -> None:
        assert lifecycle.state_problems(self.item) == []

    @invariant()
    def status_history_is_a_chain(self) -> None:
        status = "待整改"
        for change in self.item.history:
            if change.field == "status":
                assert change.old == status
                status = change.new
        assert status == self.item.status.value


LifecycleMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=25,
                                              deadline=None)
TestLifecycleMachine = LifecycleMachine.TestCase


@given(target=st.sampled_from(ChecklistStatus), start=st.sampled_from(ChecklistStatus))
def test_move_to_reaches_any_status_but_pending(start: ChecklistStatus,
                                                target: ChecklistStatus) -> None:
    item = lifecycle.move_to(fresh().model_copy(update={"evidence": PROOF}), start, by="甲",
                             on=DAY, reviewer="王主任")
    if target is ChecklistStatus.PENDING and start is not ChecklistStatus.PENDING:
        with pytest.raises(lifecycle.LifecycleError):
            lifecycle.move_to(item, target, by="甲", on=DAY, reviewer="王主任")
        return
    moved = lifecycle.move_to(item, target, by="甲", on=DAY, reviewer="王主任")
    assert moved.status is target
    assert lifecycle.state_problems(moved) == []
