"""Oversight across units: counts per unit and overall, status/export/report on folders.

The units are the demo township (open, overdue and due items), the small test spec and a shipped
example; the expected numbers are counted here from each plan's own ``rectimeet.status``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

import rectimeet
from conftest import SMALL_SPEC
from conftest import run_cli as run
from rectimeet import plugins
from rectimeet.oversight import Counts, collect
from rectimeet.oversight.html import render_report, segments
from rectimeet.oversight.workbook import ITEMS_TITLE, SUMMARY_TITLE
from rectimeet.testing import host_with

AS_OF = dt.date(2027, 1, 12)
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(autouse=True)
def levels_and_test_level(monkeypatch: pytest.MonkeyPatch) -> None:
    """The built-in levels (the demo and examples) and the test level (the small spec)."""
    monkeypatch.setattr(plugins, "_HOST", host_with(entry_points=True))



@pytest.fixture
def units(tmp_path: Path) -> Path:
    folder = tmp_path / "units"
    folder.mkdir()
    demo = (resources.files("rectimeet") / "data" / "demo.yaml").read_text("utf-8")
    (folder / "demo.yaml").write_text(demo, encoding="utf-8")
    (folder / "small.yaml").write_text(SMALL_SPEC, encoding="utf-8")
    shutil.copy(EXAMPLES / "plan11.yaml", folder / "plan11.yaml")
    return folder


def expected_counts(spec: Path) -> Counts:
    status = rectimeet.status(rectimeet.load(spec).plan, AS_OF, spec_dir=spec.parent)
    colours = [i.colour for i in status.items]
    return Counts(total=status.total,
                  done=status.by_status["已完成"] + status.by_status["已销号"],
                  in_progress=status.by_status["整改中"], pending=status.by_status["待整改"],
                  overdue=colours.count("red"), due_within_10=colours.count("yellow"),
                  due_within_20=colours.count("green"), later=colours.count("none"))


def test_units_are_counted_one_by_one_and_together(units: Path) -> None:
    paths = sorted(units.glob("*.yaml"))
    oversight = collect(paths, AS_OF)
    by_spec = {Path(u.spec).name: u for u in oversight.units}
    assert set(by_spec) == {p.name for p in paths}
    for path in paths:
        counts = by_spec[path.name].counts
        assert counts == expected_counts(path)
        assert counts.done + counts.in_progress + counts.pending == counts.total
        assert (counts.overdue + counts.due_within_10 + counts.due_within_20 + counts.later
                == counts.in_progress + counts.pending)
    total = sum((u.counts for u in oversight.units), Counts())
    assert oversight.overall == total
    assert oversight.overall.overdue > 0 and oversight.overall.due_within_10 > 0


def test_overdue_comes_first(units: Path) -> None:
    oversight = collect(sorted(units.glob("*.yaml")), AS_OF)
    overdue = [u.counts.overdue for u in oversight.units]
    assert overdue == sorted(overdue, reverse=True)
    lateness = [o.item.days_left for o in oversight.overdue]
    assert all(d is not None and d < 0 for d in lateness)
    assert lateness == sorted(lateness)  # most overdue first
    assert len(oversight.overdue) == oversight.overall.overdue
    for unit in oversight.units:  # within a unit too
        colours = [i.colour for i in unit.status.items]
        assert colours[:colours.count("red")] == ["red"] * colours.count("red")


def test_an_unreadable_spec_is_reported_and_does_not_stop_the_others(units: Path) -> None:
    (units / "broken.yaml").write_text("unit: [\n", encoding="utf-8")
    oversight = collect(sorted(units.glob("*.yaml")), AS_OF)
    assert len(oversight.units) == 3
    (failure,) = oversight.failures
    assert failure.spec.endswith("broken.yaml")
    assert failure.problems[0].code == "Y001" and failure.problems[0].line is not None


def test_the_result_is_json(units: Path) -> None:
    oversight = collect(sorted(units.glob("*.yaml")), AS_OF)
    data = json.loads(oversight.model_dump_json())
    assert data["as_of"] == "2027-01-12"
    assert data["overall"]["overdue"] == oversight.overall.overdue


@given(st.lists(st.integers(min_value=0, max_value=30), min_size=5, max_size=5))
@settings(max_examples=60)
def test_chart_segments_are_the_shares_of_the_items(parts: list[int]) -> None:
    done, overdue, due10, due20, later = parts
    counts = Counts(total=sum(parts), done=done, overdue=overdue, due_within_10=due10,
                    due_within_20=due20, later=later, pending=sum(parts) - done)
    drawn = segments(counts)
    if counts.total == 0:
        assert drawn == []
        return
    assert sum(s.width for s in drawn) == pytest.approx(100, abs=0.01)
    x = 0.0
    for segment in drawn:
        assert segment.x == pytest.approx(x, abs=0.01)  # adjacent, no gaps or overlaps
        x += segment.width
    widths = {s.kind: s.width for s in drawn}
    assert widths.get("overdue", 0) == pytest.approx(overdue * 100 / counts.total, abs=0.01)


# -- the command line ---------------------------------------------------------------------------


def test_status_of_a_folder_as_json(units: Path) -> None:
    code, out, err = run("status", str(units), "--as-of", "2027-01-12", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["as_of"] == "2027-01-12"
    assert next(u["unit"] for u in data["units"]) == "云溪县白沙镇"  # most overdue first
    assert data["overall"]["total"] == sum(u["counts"]["total"] for u in data["units"])
    assert data["overdue"][0]["item"]["overdue"] is True


def test_status_of_a_folder_as_a_table(units: Path) -> None:
    code, out, _ = run("status", str(units), "--as-of", "2027-01-12")
    assert code == 0
    table, overdue = out.split("逾期事项")
    assert table.index("云溪县白沙镇") < table.index("青溪县石门乡")
    assert "合计" in table and "10日内到期" in table
    assert "审计指出的项目资金问题整改不到位" in overdue and "逾期12天" in overdue


def test_status_of_several_specs_in_english(units: Path) -> None:
    code, out, _ = run("status", str(units / "demo.yaml"), str(units / "small.yaml"),
                       "--as-of", "2027-01-12", "--lang", "en")
    assert code == 0
    assert "All units" in out and "Overdue items" in out


def test_status_of_a_folder_with_a_broken_spec_exits_2_with_json(units: Path) -> None:
    (units / "broken.yaml").write_text("unit: [\n", encoding="utf-8")
    code, out, err = run("status", str(units), "--format", "json")
    assert code == 2
    data = json.loads(out)
    assert len(data["units"]) == 3
    assert data["failures"][0]["problems"][0]["code"] == "Y001"
    assert "broken.yaml" in err


def test_status_and_export_work_on_the_shipped_examples(tmp_path: Path) -> None:
    code, out, err = run("status", str(EXAMPLES), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert len(data["units"]) == len(list(EXAMPLES.glob("*.yaml")))
    assert data["failures"] == []
    target = tmp_path / "s.xlsx"
    code, _, err = run("export", str(EXAMPLES), "--xlsx", str(target))
    assert code == 0, err
    wb = load_workbook(target)
    assert wb[SUMMARY_TITLE].max_row == 2 + len(data["units"]) + 1  # title, header, units, total


def test_export_summary_workbook(units: Path, tmp_path: Path) -> None:
    target = tmp_path / "summary.xlsx"
    code, _, err = run("export", str(units), "--xlsx", str(target), "--as-of", "2027-01-12")
    assert code == 0, err
    oversight = collect(sorted(units.glob("*.yaml")), AS_OF)
    wb = load_workbook(target)
    summary, items = wb[SUMMARY_TITLE], wb[ITEMS_TITLE]
    assert "2027年1月12日" in str(summary["A1"].value)
    rows = [[c.value for c in row] for row in summary.iter_rows(min_row=3)]
    assert [r[0] for r in rows] == [u.unit for u in oversight.units] + ["合计"]
    for row, unit in zip(rows, oversight.units, strict=False):
        c = unit.counts
        assert row[1:8] == [c.total, c.done, c.in_progress, c.pending, c.overdue,
                            c.due_within_10, c.due_within_20]
    assert rows[-1][1] == oversight.overall.total
    # Filters (the total row stays outside), frozen header, A4 landscape.
    assert summary.auto_filter.ref == f"A2:I{2 + len(oversight.units)}"
    assert summary.freeze_panes == "A3" and summary.page_setup.orientation == "landscape"
    overdue_rule = [r for cf in summary.conditional_formatting for r in cf.rules
                    if cf.sqref and "F3" in str(cf.sqref)]
    assert overdue_rule and overdue_rule[0].operator == "greaterThan"
    # Every item with its unit, coloured by its warning light.
    item_rows = [[c.value for c in row] for row in items.iter_rows(min_row=3)]
    assert len(item_rows) == oversight.overall.total
    assert {r[0] for r in item_rows} == {u.unit for u in oversight.units}
    assert sum(1 for r in item_rows if r[9] == "红灯") == oversight.overall.overdue
    assert items.auto_filter.ref == f"A2:J{2 + len(item_rows)}"
    labels = {str(r.formula[0]) for cf in items.conditional_formatting for r in cf.rules}
    assert labels == {'$J3="红灯"', '$J3="黄灯"', '$J3="绿灯"'}
    assert items.print_title_rows == "$2:$2" or items.print_title_rows == "2:2"


def test_export_of_a_folder_writes_one_calendar(units: Path, tmp_path: Path) -> None:
    from icalendar import Calendar

    target = tmp_path / "all.ics"
    code, _, err = run("export", str(units), "--ics", str(target))
    assert code == 0, err
    cal = Calendar.from_ical(target.read_bytes())
    meetings = [e for e in cal.walk("VEVENT") if "location" in e]
    assert len(meetings) == 3  # one timed meeting per unit
    assert len({str(e["uid"]) for e in cal.walk("VEVENT")}) == len(cal.walk("VEVENT"))


def test_report_writes_a_self_contained_page(units: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, _, err = run("report", str(units), "--html", str(target), "--as-of", "2027-01-12")
    assert code == 0, err
    page = target.read_text("utf-8")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "@media (max-width: 600px)" in page
    # Nothing to fetch: no external style sheets, scripts, images or fonts.
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<script" not in page and "<link" not in page and "@import" not in page
    oversight = collect(sorted(units.glob("*.yaml")), AS_OF)
    assert page.count('<svg class="chart"') == len(oversight.units)
    assert f"逾期事项（{oversight.overall.overdue} 项）" in page


def test_report_in_english_escapes_what_it_shows(units: Path) -> None:
    oversight = collect(sorted(units.glob("*.yaml")), AS_OF, "en")
    page = render_report(oversight, "en")
    assert '<html lang="en">' in page and "Rectification progress of 3 units" in page
    hostile = oversight.model_copy(update={"units": [oversight.units[0].model_copy(
        update={"unit": "<script>alert(1)</script>"})]})
    assert "<script>alert" not in render_report(hostile, "en")
