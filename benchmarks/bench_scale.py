"""The targets of the performance issue, each next to its floor measured in the same run.

Run: ``python benchmarks/bench_scale.py [--json] [--items N] [--repeat N]``. Every command runs
as ``rectimeet …`` in a fresh process (what an editor or a clerk runs), and its CPU time (user +
system, not wall time: the machine may be shared) and peak RSS are that process's own. Times are
medians.

- ``check``: ``rectimeet check`` of one example spec against the import floor of what it needs:
  ``python -c "import pydantic, click, ruamel.yaml"`` (the models, the command line, the loader);
- ``ledger``: ``check``, ``status``, ``export --xlsx`` and ``import --xlsx`` of a county ledger
  (30,000 items: 300 units of 100) against the floor of a bare openpyxl write and read of the
  same cell values; target ≤ 5 s CPU and ≤ 300 MB each;
- ``members``: ``check`` and ``schedule`` of a 100-member plan (9,900 criticisms, about 5,000
  talk pairs); target: check ≤ 1 s CPU.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LEDGER_ITEMS = 30_000
MEMBERS = 100

# Runs one command in this process and reports this process's own CPU and peak RSS.
_RUNNER = """
import json, resource, sys
argv = json.loads(sys.argv[1])
if argv and argv[0] == "-c":
    exec(argv[1])
else:
    sys.argv = ["rectimeet", *argv]
    from rectimeet.cli import main
    try:
        main()
    except SystemExit:
        pass
r = resource.getrusage(resource.RUSAGE_SELF)
sys.stderr.write("\\nBENCH " + json.dumps({"cpu_s": r.ru_utime + r.ru_stime,
                                          "rss_mb": r.ru_maxrss / 1024}) + "\\n")
"""


def measure(argv: list[str], repeat: int = 1) -> dict[str, float]:
    """Median CPU seconds and the largest peak RSS (MB) of ``repeat`` fresh runs of ``argv``."""
    cpu, rss = [], []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", _RUNNER, json.dumps(argv)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              check=False)
        line = [x for x in done.stderr.splitlines() if x.startswith("BENCH ")]
        if not line:
            raise RuntimeError(f"{argv} failed:\n{done.stderr[-2000:]}")
        result = json.loads(line[-1][6:])
        cpu.append(result["cpu_s"])
        rss.append(result["rss_mb"])
    return {"cpu_s": statistics.median(cpu), "rss_mb": max(rss)}


def bench_check(repeat: int) -> dict[str, Any]:
    ours = measure(["check", "examples/plan11.yaml"], repeat)
    floor = measure(["-c", "import pydantic, click, ruamel.yaml"], repeat)
    return {"title": "check of examples/plan11.yaml", "target_ratio": 1.5,
            "floor_title": 'import floor: python -c "import pydantic, click, ruamel.yaml"',
            "ours_s": ours["cpu_s"], "floor_s": floor["cpu_s"], "peak_rss_mb": ours["rss_mb"],
            "ratio": ours["cpu_s"] / floor["cpu_s"]}


def _ledger_spec(items: int, path: Path) -> None:
    sys.path.insert(0, str(HERE))
    from bench_ledger import ledger

    from rectimeet.spec import dump_plan

    path.write_text(dump_plan(ledger(items)), encoding="utf-8")


def _bare_floor(spec: Path, folder: Path) -> float:
    """CPU of a bare openpyxl write + read of the ledger's cell values (values made beforehand)."""
    code = f"""
import time
from openpyxl import Workbook, load_workbook
from rectimeet.ledger.excel import COLUMNS, row_values
from rectimeet.spec import load
plan = load({str(spec)!r}).plan
rows = [row_values(plan, item, seq) for seq, item in enumerate(plan.checklist, start=1)]
start = time.process_time()
wb = Workbook(); ws = wb.active
ws.append([c.header for c in COLUMNS])
for row in rows:
    ws.append(row)
wb.save({str(folder / "bare.xlsx")!r})
for _ in load_workbook({str(folder / "bare.xlsx")!r}, data_only=True).active.iter_rows(values_only=True):
    pass
print(time.process_time() - start)
"""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def bench_ledger(items: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        spec, xlsx = folder / "ledger.yaml", folder / "ledger.xlsx"
        _ledger_spec(items, spec)
        commands = {
            "check": ["check", str(spec)],
            "status": ["status", str(spec), "--as-of", "2026-12-15"],
            "export": ["export", str(spec), "--xlsx", str(xlsx), "--as-of", "2026-12-15"],
        }
        detail = {name: measure(argv) for name, argv in commands.items()}
        copy = folder / "ledger-import.yaml"
        shutil.copy(spec, copy)
        detail["import"] = measure(["import", str(copy), "--xlsx", str(xlsx), "--by", "基准",
                                    "--as-of", "2026-12-15"])
        floor = _bare_floor(spec, folder)
    worst = max(d["cpu_s"] for d in detail.values())
    return {"title": f"ledger of {items:,} items: check, status, export, import (slowest)",
            "floor_title": "bare openpyxl write + read of the same cells",
            "target_s": 5.0, "target_rss_mb": 300.0,
            "ours_s": worst, "floor_s": floor, "ratio": worst / floor,
            "peak_rss_mb": max(d["rss_mb"] for d in detail.values()), "detail": detail}


def bench_members(members: int, repeat: int) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from bench_core import unit_plan_data

    from rectimeet.models.plan import Plan
    from rectimeet.spec import dump_plan

    data = unit_plan_data(members)
    data["schedule"] = {"talk_window_days": 60, "talk_capacity": 8}
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "members.yaml"
        spec.write_text(dump_plan(Plan.model_validate(data)), encoding="utf-8")
        check = measure(["check", str(spec)], repeat)
        schedule = measure(["schedule", str(spec)], repeat)
        floor = measure(["-c", "import pydantic, click, ruamel.yaml"], repeat)
    return {"title": f"{members} members: check (schedule in detail)", "target_s": 1.0,
            "floor_title": "import floor (as for check)",
            "ours_s": check["cpu_s"], "floor_s": floor["cpu_s"],
            "ratio": check["cpu_s"] / floor["cpu_s"],
            "peak_rss_mb": max(check["rss_mb"], schedule["rss_mb"]),
            "detail": {"check": check, "schedule": schedule}}


def verdict(result: dict[str, Any]) -> str:
    """``met`` or ``MISSED`` against the result's own target."""
    ok = True
    if "target_ratio" in result:
        ok &= result["ratio"] <= result["target_ratio"]
    if "target_s" in result:
        ok &= result["ours_s"] <= result["target_s"]
    if "target_rss_mb" in result:
        ok &= result["peak_rss_mb"] <= result["target_rss_mb"]
    return "met" if ok else "MISSED"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", choices=("check", "ledger", "members"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--items", type=int, default=LEDGER_ITEMS)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    if args.name == "check":
        result = bench_check(args.repeat)
    elif args.name == "ledger":
        result = bench_ledger(args.items)
    else:
        result = bench_members(MEMBERS, args.repeat)
    result["verdict"] = verdict(result)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    print(f"{result['title']}: {result['ours_s']:.3f} s CPU, {result['peak_rss_mb']:.0f} MB; "
          f"{result['floor_title']}: {result['floor_s']:.3f} s; ratio {result['ratio']:.2f}; "
          f"{result['verdict']}")
    for name, d in result.get("detail", {}).items():
        if isinstance(d, dict) and "cpu_s" in d:
            print(f"  {name:<10} {d['cpu_s']:.3f} s CPU  {d['rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
