"""The oversight page in a real browser: headless Chromium at phone width (390 px).

The page is loaded into a 390×844 frame (headless Chromium will not make its own window that
narrow); a probe in the outer page measures what is laid out inside — each unit's chart drawn
and inside the screen, the counts shown, no sideways scrolling, nothing fetched — and Chromium's
``--dump-dom`` hands the measurements back. The expected numbers come from the same units
counted in Python. On CI (``CI`` set) a missing Chromium fails the test: .ci/run installs it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest

from conftest import SMALL_SPEC
from rectimeet.oversight import Oversight, collect
from rectimeet.oversight.html import export_report

AS_OF = dt.date(2027, 1, 12)
PHONE = (390, 844)

PROBE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"></head>
<body style="margin:0">
<iframe id="page" src="report.html" style="border:0;width:%(w)dpx;height:%(h)dpx"></iframe>
<pre id="probe">pending</pre>
<script>
document.getElementById("page").addEventListener("load", function () {
  var win = this.contentWindow, doc = this.contentDocument, out = {};
  function box(el) { var r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, width: r.width, height: r.height}; }
  function shown(el) { var s = win.getComputedStyle(el); var r = el.getBoundingClientRect();
    return s.display !== "none" && s.visibility !== "hidden" && r.width > 0 && r.height > 0; }
  out.viewport = win.innerWidth;
  out.scrollWidth = doc.documentElement.scrollWidth;
  out.resources = win.performance.getEntriesByType("resource").length;
  out.tiles = {};
  doc.querySelectorAll(".tile").forEach(function (t) {
    out.tiles[t.id] = {value: t.querySelector("b").textContent.trim(), shown: shown(t),
                       box: box(t)}; });
  out.units = [];
  doc.querySelectorAll("article.unit").forEach(function (u) {
    var svg = u.querySelector("svg.chart");
    var segs = [];
    u.querySelectorAll("svg.chart rect[class^=seg-]").forEach(function (r) {
      segs.push({kind: r.getAttribute("class").slice(4), box: box(r)}); });
    out.units.push({name: u.querySelector("h2").textContent.trim(), chart: box(svg),
                    chartShown: shown(svg), segments: segs,
                    done: u.querySelector(".n.done").textContent.trim(),
                    overdue: u.querySelector(".n.overdue").textContent.trim(),
                    due10: u.querySelector(".n.due-10").textContent.trim(),
                    due20: u.querySelector(".n.due-20").textContent.trim(),
                    box: box(u)}); });
  out.overdueRows = [];
  doc.querySelectorAll("#overdue tbody tr").forEach(function (tr) {
    out.overdueRows.push({text: tr.textContent.replace(/\\s+/g, " ").trim(), shown: shown(tr),
                          box: box(tr)}); });
  var head = doc.querySelector("#overdue thead");
  out.tableHeadShown = head ? shown(head) : null;
  document.getElementById("probe").textContent = JSON.stringify(out);
});
</script>
</body></html>
"""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs the Debian package")
        pytest.skip("chromium is not installed (apt-get install chromium); CI runs this test")
    return found


def run_chromium(browser: str, *args: str) -> str:
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--allow-file-access-from-files", "--virtual-time-budget=5000", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def units(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three units: the demo township (open, overdue and due items), the small spec, an example."""
    folder = tmp_path_factory.mktemp("units")
    demo = (resources.files("rectimeet") / "data" / "demo.yaml").read_text("utf-8")
    (folder / "demo.yaml").write_text(demo, encoding="utf-8")
    (folder / "small.yaml").write_text(SMALL_SPEC, encoding="utf-8")
    examples = Path(__file__).resolve().parent.parent / "examples"
    shutil.copy(examples / "plan11.yaml", folder / "plan11.yaml")
    return folder


@pytest.fixture(scope="module")
def oversight(units: Path) -> Oversight:
    return collect(sorted(units.glob("*.yaml")), AS_OF)


@pytest.fixture(scope="module")
def measured(units: Path, oversight: Oversight, tmp_path_factory: pytest.TempPathFactory
             ) -> dict[str, object]:
    browser = chromium()
    site = tmp_path_factory.mktemp("site")
    export_report(oversight, site / "report.html")
    (site / "probe.html").write_text(PROBE % {"w": PHONE[0], "h": PHONE[1]}, encoding="utf-8")
    dom = run_chromium(browser, "--window-size=600,900", "--dump-dom",
                       (site / "probe.html").as_uri())
    match = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.DOTALL)
    assert match and match.group(1) != "pending", dom[-2000:]
    data: dict[str, object] = json.loads(match.group(1).replace("&amp;", "&"))
    return data


def test_the_page_is_laid_out_at_phone_width(measured: dict[str, object]) -> None:
    assert measured["viewport"] == PHONE[0]
    assert measured["scrollWidth"] <= PHONE[0]  # nothing scrolls sideways
    assert measured["resources"] == 0  # no style sheet, font, image or script fetched
    assert measured["tableHeadShown"] is False  # the overdue table turned into cards


def test_every_unit_has_its_chart_on_screen(measured: dict[str, object],
                                            oversight: Oversight) -> None:
    shown = measured["units"]
    assert isinstance(shown, list)
    assert [u["name"] for u in shown] == [u.unit for u in oversight.units]
    for unit, data in zip(oversight.units, shown, strict=True):
        chart = data["chart"]
        assert data["chartShown"] and chart["height"] > 0
        assert chart["left"] >= 0 and chart["right"] <= PHONE[0]
        assert chart["width"] > PHONE[0] * 0.7  # the bar spans the card, not a sliver
        c = unit.counts
        drawn = {s["kind"]: s["box"]["width"] for s in data["segments"]}
        expected = {"done": c.done, "overdue": c.overdue, "due-10": c.due_within_10,
                    "due-20": c.due_within_20, "later": c.later}
        assert set(drawn) == {k for k, n in expected.items() if n}
        for kind, width in drawn.items():
            # Each segment is as wide as its share of the unit's items.
            assert width == pytest.approx(chart["width"] * expected[kind] / c.total, abs=1.5)
        assert data["done"] == f"{c.done}/{c.total}"
        assert data["overdue"] == str(c.overdue)
        assert data["due10"] == str(c.due_within_10)
        assert data["due20"] == str(c.due_within_20)


def test_the_counts_and_the_overdue_list_are_on_screen(measured: dict[str, object],
                                                       oversight: Oversight) -> None:
    tiles = measured["tiles"]
    assert isinstance(tiles, dict)
    overall = oversight.overall
    expected = {"total-units": len(oversight.units), "total-items": overall.total,
                "total-done": overall.done, "total-in-progress": overall.in_progress,
                "total-overdue": overall.overdue, "total-due-10": overall.due_within_10,
                "total-due-20": overall.due_within_20}
    for tile_id, value in expected.items():
        assert tiles[tile_id]["value"] == str(value)
        assert tiles[tile_id]["shown"] and tiles[tile_id]["box"]["right"] <= PHONE[0]
    assert overall.overdue > 0  # the fixture has overdue items to show
    rows = measured["overdueRows"]
    assert isinstance(rows, list) and len(rows) == len(oversight.overdue)
    for row, item in zip(rows, oversight.overdue, strict=True):
        assert row["shown"] and row["box"]["right"] <= PHONE[0]
        assert item.item.issue in row["text"] and item.unit in row["text"]


def test_a_phone_screenshot_is_taken(units: Path, oversight: Oversight, tmp_path: Path) -> None:
    browser = chromium()
    export_report(oversight, tmp_path / "report.html")
    (tmp_path / "probe.html").write_text(PROBE % {"w": PHONE[0], "h": 2400}, encoding="utf-8")
    shot = tmp_path / "phone.png"
    run_chromium(browser, f"--window-size={PHONE[0]},2400", f"--screenshot={shot}",
                 (tmp_path / "probe.html").as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    assert width == PHONE[0]
    if os.environ.get("RECTIMEET_KEEP_SCREENSHOT"):
        shutil.copy(shot, os.environ["RECTIMEET_KEEP_SCREENSHOT"])
