"""Ledger status: days left in the item's unit, warning colours at the thresholds, counts, report."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import SMALL_SPEC
from rectimeet.api import prepare
from rectimeet.documents.report import ledger_info
from rectimeet.ledger.status import Colour, summarize
from rectimeet.models.checklist import ChecklistItem, ChecklistStatus, Evidence
from rectimeet.models.milestone import DateUnit
from rectimeet.models.plan import Plan
from rectimeet.plugins import PluginHost
from rectimeet.scheduling.workdays import WeekendsOnly, days_left
from rectimeet.spec import load_text

AS_OF = dt.date(2026, 12, 1)


def plan_with(*items: ChecklistItem, params: dict[str, int] | None = None) -> Plan:
    plan = load_text(SMALL_SPEC).plan
    update: dict[str, object] = {"checklist": list(items)}
    if params:
        update["rules"] = plan.rules.model_copy(update={"params": params})
    return plan.model_copy(update=update)


def item(item_id: str, left: int | None, status: str = "整改中", **extra: object) -> ChecklistItem:
    deadline = None if left is None else AS_OF + dt.timedelta(days=left)
    return ChecklistItem(id=item_id, issue=f"问题{item_id}", deadline=deadline,
                         status=ChecklistStatus(status), **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("left", "colour"),
    [(21, Colour.NONE), (20, Colour.GREEN), (11, Colour.GREEN), (10, Colour.YELLOW),
     (0, Colour.YELLOW), (-1, Colour.RED), (None, Colour.NONE)],
)
def test_colour_at_the_default_thresholds(left: int | None, colour: Colour) -> None:
    (status,) = summarize(plan_with(item("Z1", left)), AS_OF).items
    assert (status.days_left, status.colour) == (left, colour)


def test_thresholds_come_from_the_spec_params() -> None:
    plan = plan_with(item("Z1", 25), item("Z2", 12), params={"ledger_green_days": 30,
                                                             "ledger_yellow_days": 12})
    colours = {s.item.id: s.colour for s in summarize(plan, AS_OF).items}
    assert colours == {"Z1": Colour.GREEN, "Z2": Colour.YELLOW}


def test_finished_items_are_grey_even_past_their_deadline() -> None:
    closed = item("Z1", -5, "已销号", evidence=[Evidence(what="纪要", where="档案室")],
                  closed_by="王主任", closed_on=AS_OF)
    plan = plan_with(closed, item("Z2", -5, "已完成"))
    summary = summarize(plan, AS_OF)
    assert [s.colour for s in summary.items] == [Colour.GREY, Colour.GREY]
    assert summary.overdue == []


def test_overdue_first_then_by_days_left() -> None:
    plan = plan_with(item("Z1", 30), item("Z2", 5), item("Z3", -2), item("Z4", -9), item("Z5", None))
    order = [s.item.id for s in summarize(plan, AS_OF).items]
    assert order == ["Z4", "Z3", "Z2", "Z1", "Z5"]


def test_working_day_items_count_working_days() -> None:
    # From Tuesday 2026-12-01: Wed–Fri, a full week, then Monday = 9 working days, 13 calendar.
    monday = dt.date(2026, 12, 14)
    plan = plan_with(
        ChecklistItem(id="Z1", issue="甲", deadline=monday, deadline_unit=DateUnit.WORKING_DAYS),
        ChecklistItem(id="Z2", issue="乙", deadline=monday))
    left = {s.item.id: s.days_left for s in summarize(plan, AS_OF, WeekendsOnly()).items}
    assert left == {"Z1": 9, "Z2": 13}


def test_days_left_over_a_weekend() -> None:
    friday, saturday, monday = dt.date(2026, 12, 4), dt.date(2026, 12, 5), dt.date(2026, 12, 7)
    assert days_left(friday, saturday, WeekendsOnly()) == 0
    assert days_left(saturday, friday, WeekendsOnly()) == -1
    assert days_left(friday, monday, WeekendsOnly()) == 1
    assert days_left(friday, monday, None) == 3


def test_counts_by_kind_owner_source_and_status() -> None:
    summary = summarize(load_text(SMALL_SPEC).plan, AS_OF)
    assert summary.by_kind == {"立行立改": 1, "限期整改": 1, "长期坚持": 0}
    assert summary.by_owner == {"班子": 1, "王委员": 1}
    assert summary.by_source["巡察反馈"] == 2
    assert summary.by_status["待整改"] == 2
    data = summary.as_json()
    assert data["total"] == 2 and data["items"][0]["id"] == "Z2"


def test_ledger_info_numbers(core_host: PluginHost) -> None:
    closed = item("Z1", -5, "已销号", evidence=[Evidence(what="纪要", where="档案室")],
                  closed_by="王主任", closed_on=AS_OF, kind="限期整改")
    plan = plan_with(closed, item("Z2", -1, kind="立行立改"), item("Z3", None, "待整改", kind="长期坚持"),
                     item("Z4", 3, "已完成"))
    ctx = ledger_info(prepare(plan, core_host), AS_OF)
    assert ctx.as_of_text == "2026年12月1日"
    assert (ctx.total, ctx.closed, ctx.done, ctx.in_progress, ctx.pending, ctx.overdue) == (4, 1, 1, 1, 1, 1)
    assert [(k.kind, k.total, k.closed) for k in ctx.by_kind] == [("立行立改", 1, 0), ("限期整改", 2, 1),
                                                                 ("长期坚持", 1, 0)]
    assert [r.seq for r in ctx.rows] == [1, 2, 3, 4]
    first = ctx.rows[0]
    assert first.evidence == "纪要（档案室）" and first.deadline_text == "2026年11月26日"
    assert [r.issue for r in ctx.overdue_items] == ["问题Z2"]
    assert [r.deadline_text for r in ctx.long_term_items] == ["长期坚持"]
