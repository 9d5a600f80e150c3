"""``rectimeet schedule SPEC``: the computed timeline and talk schedule, as a table or JSON."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from rectimeet.cli_support import echo_json, handle_errors
from rectimeet.formatting import date_weekday_cn
from rectimeet.prepared import Prepared

PHASE_LABELS = {"before": "会前", "meeting": "会议", "after": "会后"}
KIND_LABELS = {
    "principal_member": "主要负责同志与班子成员",
    "member_member": "班子成员之间",
    "member_head": "班子成员与分管部门负责人",
    "member_branch": "班子成员与支部党员代表",
    "other": "其他",
}


def _milestone_table(prepared: Prepared) -> Table:
    table = Table(title=escape(f"{prepared.plan.meeting_title} 时间安排"), title_justify="left")
    for column in ("日期", "阶段", "事项", "责任", "报送"):
        table.add_column(column)
    for m in prepared.milestones:
        when = m.due_text if m.imprecise else date_weekday_cn(m.due)
        if m.moved_from is not None:
            how = "提前" if m.moved_from > m.due else "顺延"
            when += f"\n（由{m.moved_from.month}月{m.moved_from.day}日{how}）"
        table.add_row(*(escape(cell) for cell in (
            when, PHASE_LABELS[m.phase.value], m.title, m.responsible, "、".join(m.recipients))))
    return table


def _talk_table(prepared: Prepared) -> Table:
    table = Table(title="谈心谈话安排", title_justify="left")
    for column in ("日期", "时段", "谈话双方", "类型", "状态"):
        table.add_column(column)
    for t in sorted(prepared.talks, key=lambda t: (t.date is None, t.date, t.half_day != "上午")):
        table.add_row(*(escape(cell) for cell in (
            date_weekday_cn(t.date) if t.date else "未安排", t.half_day,
            f"{t.a_name} — {t.b_name}", KIND_LABELS.get(t.kind, t.kind),
            "已谈" if t.held else "计划")))
    return table


def render_text(prepared: Prepared, console: Console) -> None:
    """Print the timeline, the talk schedule and any calendar or talk problems."""
    console.print(f"会议日期：{date_weekday_cn(prepared.plan.meeting.date)}")
    console.print(_milestone_table(prepared))
    console.print(_talk_table(prepared))
    if prepared.talk_problem:
        console.print(escape(prepared.talk_problem), style="bold red")
    for year in prepared.calendar_notes:
        console.print(f"注意：{year}年放假安排尚未公布，按周末和固定法定节日推算（未含调休）。",
                      style="yellow")


@click.command()
@click.argument("spec", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="A readable table, or JSON with ISO dates.")
@handle_errors
def schedule(spec: Path, fmt: str) -> None:
    """Show the timeline and talk schedule computed for SPEC."""
    from rectimeet import api
    from rectimeet import spec as spec_mod

    loaded = spec_mod.load(spec)
    prepared = api.prepare(loaded.plan, spec_dir=spec.parent)
    if fmt == "json":
        echo_json(api.schedule(prepared))
        return
    render_text(prepared, Console(width=160, soft_wrap=False, highlight=False))
