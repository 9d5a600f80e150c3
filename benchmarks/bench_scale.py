"""The targets of the performance issue, each next to its floor measured in the same run.

Run: ``python benchmarks/bench_scale.py [--json] [--items N] [--repeat N]``. Every command runs
as ``rectimeet …`` in a fresh process (what an editor or a clerk runs), and its CPU time (user +
system, not wall time: the machine may be shared) and peak RSS are that process's own. Times are
medians.

- ``check``: ``rectimeet check`` of one example spec against the import floor of what it needs:
  pydantic with one model built, click, pluggy and ruamel.yaml's loader (the bare
  ``import pydantic, click, ruamel.yaml`` is shown too), and the CPU of one warm re-check as
  ``check --watch`` runs it after a save;
- ``ledger``: ``check``, ``status``, ``export --xlsx`` and ``import --xlsx`` of a county ledger
  (30,000 items: 300 units of 100) against the floor of a bare openpyxl write and read of the
  same cell values (and, in the detail, a bare calamine read: the import's reader); target
  ≤ 5 s CPU and ≤ 300 MB each;
- ``members``: ``check`` and ``schedule`` of a 100-member plan (9,900 criticisms, about 5,000
  talk pairs); target: check ≤ 1 s CPU;
- ``parse``: reading the demo spec into data and source map, against libyaml's safe load of
  the same text (and, for comparison, the round-trip loader);
- ``documents``: ``rectimeet build`` of 1, 20 and 200 demo plans on one process: CPU per
  document against the floor of deflating a document's final parts and parsing their XML
  (target ≤ 4× in the 20-plan batch, ≤ 3× in the 200-plan one), and the fixed CPU of a build
  (one plan's build, median of ``--repeat`` runs, less its marginal cost; target ≤ 0.3 s), with
  the compiled templates cached as a user's are after their first build (and, for comparison,
  without the cache).
"""

from __future__ import annotations

import argparse
import json
import os
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
code = 0
if argv and argv[0] == "-c":
    exec(argv[1])
else:
    sys.argv = ["rectimeet", *argv]
    from rectimeet.cli import main
    try:
        main()
    except SystemExit as exc:
        code = exc.code
r = resource.getrusage(resource.RUSAGE_SELF)
sys.stderr.write("\\nBENCH " + json.dumps({"cpu_s": r.ru_utime + r.ru_stime,
                                          "rss_mb": r.ru_maxrss / 1024, "exit": code}) + "\\n")
"""


def compile_sources() -> None:
    """Byte-compile the sources first, as installing a wheel does: a process that compiles
    every module it imports (PYTHONDONTWRITEBYTECODE, a read-only checkout) is not what a
    user runs."""
    import compileall

    for folder in ("src", "plugins"):
        compileall.compile_dir(ROOT / folder, quiet=1)


def measure(argv: list[str], repeat: int = 1, env: dict[str, str] | None = None) -> dict[str, float]:
    """Median CPU seconds and the largest peak RSS (MB) of ``repeat`` fresh runs of ``argv``
    (with ``env`` added to the environment)."""
    cpu, rss = [], []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", _RUNNER, json.dumps(argv)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              check=False, env={**os.environ, **(env or {})})
        line = [x for x in done.stderr.splitlines() if x.startswith("BENCH ")]
        if not line:
            raise RuntimeError(f"{argv} failed:\n{done.stderr[-2000:]}")
        result = json.loads(line[-1][6:])
        if result["exit"] not in (0, 1, None):  # 1: rule findings; 2: the input was refused
            raise RuntimeError(f"{argv} exited with {result['exit']}:\n{done.stderr[-2000:]}")
        cpu.append(result["cpu_s"])
        rss.append(result["rss_mb"])
    return {"cpu_s": statistics.median(cpu), "rss_mb": max(rss)}


# What ``check`` cannot do without: pydantic with its first model built (pydantic imports its
# machinery and looks for its own plugins on first use, whatever the model), the command line,
# the plugin manager and the YAML loader. ``import pydantic`` alone is not that floor: pydantic
# imports lazily, so it loads almost nothing until a model is defined.
CHECK_FLOOR = ("from pydantic import BaseModel, Field\n"
               "class M(BaseModel):\n    x: int = Field(ge=0)\n"
               "M(x=1)\nimport click, pluggy\nfrom ruamel.yaml import YAML")
CHECK_FLOOR_TITLE = ("import floor: pydantic with one model built and validated, click, pluggy "
                     "and ruamel.yaml's loader")

# One warm re-check, as ``check --watch`` runs it after a save: the spec read anew, the host,
# levels and calendars already loaded.
_WATCH = """
import json, sys, time
from rectimeet import api
spec = sys.argv[1]
api.check(api.prepare(spec))
times = []
for _ in range(int(sys.argv[2])):
    start = time.process_time()
    api.check(api.prepare(spec))
    times.append(time.process_time() - start)
times.sort()
print(json.dumps({"cpu_s": times[len(times) // 2]}))
"""


def bench_check(repeat: int) -> dict[str, Any]:
    ours = measure(["check", "examples/plan11.yaml"], repeat)
    floor = measure(["-c", CHECK_FLOOR], repeat)
    import_only = measure(["-c", "import pydantic, click, ruamel.yaml"], repeat)
    watch = json.loads(subprocess.run([sys.executable, "-c", _WATCH, "examples/plan11.yaml", "21"],
                                      cwd=ROOT, check=True, capture_output=True, text=True).stdout)
    return {"title": "check of examples/plan11.yaml", "target_ratio": 1.5,
            "floor_title": CHECK_FLOOR_TITLE,
            "ours_s": ours["cpu_s"], "floor_s": floor["cpu_s"], "peak_rss_mb": ours["rss_mb"],
            "ratio": ours["cpu_s"] / floor["cpu_s"],
            "detail": {
                "import_only_floor_s": import_only["cpu_s"],
                "ratio_to_import_only": ours["cpu_s"] / import_only["cpu_s"],
                "watch_per_save_s": watch["cpu_s"]}}


def _in_child(code: str) -> None:
    """Run ``code`` in a child process. Specs are made there: a child process starts with its
    parent's peak RSS, so a parent that built a large plan would inflate every measurement."""
    subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(HERE)!r})\n{code}"],
                   check=True, cwd=ROOT)


def _ledger_spec(items: int, path: Path) -> None:
    _in_child(f"""
from bench_ledger import ledger
from rectimeet.spec import dump_plan
open({str(path)!r}, "w", encoding="utf-8").write(dump_plan(ledger({items})))
""")


def _bare_floor(spec: Path, folder: Path) -> dict[str, float]:
    """CPU of a bare openpyxl write, and read, of the ledger's cell values (made beforehand), and
    of a bare calamine read of the same file (the reader the import uses)."""
    code = f"""
import time
from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook
from rectimeet.ledger.excel import COLUMNS, cell_value
from rectimeet.spec import load
plan = load({str(spec)!r}).plan
rows = [[cell_value(plan, item, c, seq) for c in COLUMNS]
        for seq, item in enumerate(plan.checklist, start=1)]
start = time.process_time()
wb = Workbook(); ws = wb.active
ws.append([c.header for c in COLUMNS])
for row in rows:
    ws.append(row)
wb.save({str(folder / "bare.xlsx")!r})
middle = time.process_time()
for _ in load_workbook({str(folder / "bare.xlsx")!r}, data_only=True).active.iter_rows(values_only=True):
    pass
end = time.process_time()
with CalamineWorkbook.from_path({str(folder / "bare.xlsx")!r}) as book:
    for _ in book.get_sheet_by_index(0).iter_rows():
        pass
print(middle - start, end - middle, time.process_time() - end)
"""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    write, read, calamine = out.stdout.strip().splitlines()[-1].split()
    return {"write_s": float(write), "read_s": float(read), "calamine_read_s": float(calamine)}


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
        # A clerk's import changes something: a note on each of 100 rows spread over the sheet.
        edited = folder / "ledger-edited.xlsx"
        _in_child(f"""
from openpyxl import load_workbook
wb = load_workbook({str(xlsx)!r})
ws = wb.active
header = [c.value for c in ws[2]]
column = header.index("备注") + 1
step = max(1, (ws.max_row - 2) // 100)
for row in range(3, ws.max_row + 1, step)[:100]:
    ws.cell(row=row, column=column, value="已电话督办")
wb.save({str(edited)!r})
""")
        shutil.copy(spec, copy)
        detail["import_edited"] = measure(["import", str(copy), "--xlsx", str(edited), "--by",
                                           "基准", "--as-of", "2026-12-15"])
        floor = _bare_floor(spec, folder)
    # Each command against its own floor: export against a bare write, import against a bare
    # read; check and status touch no workbook, so the bare write stands as a size yardstick.
    floors = {"check": floor["write_s"], "status": floor["write_s"], "export": floor["write_s"],
              "import": floor["read_s"], "import_edited": floor["read_s"]}
    for name, d in detail.items():
        d["floor_s"] = floors[name]
    worst = max(detail, key=lambda name: detail[name]["cpu_s"])
    bare = {"bare_openpyxl_write_s": floor["write_s"], "bare_openpyxl_read_s": floor["read_s"],
            "bare_calamine_read_s": floor["calamine_read_s"]}
    return {"title": f"ledger of {items:,} items: check, status, export, import unchanged and "
                     f"with 100 rows edited (slowest)",
            "floor_title": f"bare openpyxl write {floor['write_s']:.2f} s, read "
                           f"{floor['read_s']:.2f} s of the same cells (bare calamine read "
                           f"{floor['calamine_read_s']:.2f} s)",
            "target_s": 5.0, "target_rss_mb": 300.0,
            "ours_s": detail[worst]["cpu_s"], "floor_s": floors[worst],
            "ratio": detail[worst]["cpu_s"] / floors[worst],
            "peak_rss_mb": max(d["rss_mb"] for d in detail.values()), "detail": {**detail, **bare}}


def bench_members(members: int, repeat: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "members.yaml"
        _in_child(f"""
from bench_core import unit_plan_data
from rectimeet.models.plan import Plan
from rectimeet.spec import dump_plan
data = unit_plan_data({members})
data["schedule"] = {{"talk_window_days": 60, "talk_capacity": 8}}
open({str(spec)!r}, "w", encoding="utf-8").write(dump_plan(Plan.model_validate(data)))
""")
        check = measure(["check", str(spec)], repeat)
        schedule = measure(["schedule", str(spec)], repeat)
        floor = measure(["-c", CHECK_FLOOR], repeat)
    return {"title": f"{members} members: check (schedule in detail)", "target_s": 1.0,
            "floor_title": "import floor (as for check)",
            "ours_s": check["cpu_s"], "floor_s": floor["cpu_s"],
            "ratio": check["cpu_s"] / floor["cpu_s"],
            "peak_rss_mb": max(check["rss_mb"], schedule["rss_mb"]),
            "detail": {"check": check, "schedule": schedule}}


def zip_xml_floor(paths: list[Path]) -> float:
    """CPU per document of the physical floor: deflating each final part and parsing its XML."""
    import io
    import time
    import zipfile
    import zlib

    from lxml import etree

    parts = []
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            parts.append([(n, archive.read(n)) for n in archive.namelist()])
    times = []
    for _ in range(5):
        start = time.process_time()
        for members in parts:
            out = io.BytesIO()
            for name, content in members:
                deflater = zlib.compressobj(6, zlib.DEFLATED, -15)
                out.write(deflater.compress(content) + deflater.flush())
                if name.endswith((".xml", ".rels")):
                    etree.fromstring(content)
        times.append((time.process_time() - start) / len(parts))
    return statistics.median(times)


def bench_documents(batches: tuple[int, ...] = (1, 20, 200), repeat: int = 5) -> dict[str, Any]:
    """``rectimeet build`` of 1, 20 and 200 demo plans on one process: CPU per document against
    the zip/XML floor, and the fixed cost of a build.

    The builds use a compiled-template cache of their own, filled by a first build that is not
    measured: a user's templates are compiled once, not once per build. The one-plan build is
    also measured with the cache off (``fixed_cold_s``: the fixed cost right after installing
    rectimeet or editing every template)."""
    from importlib import resources

    text = (resources.files("rectimeet") / "data" / "demo.yaml").read_text("utf-8")
    runs: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warm = {"RECTIMEET_TEMPLATE_CACHE": str(folder / "template-cache")}
        documents: dict[int, int] = {}
        for count in batches:
            specs = folder / f"specs{count}"
            specs.mkdir()
            for i in range(count):
                (specs / f"plan{i:03d}.yaml").write_text(text, encoding="utf-8")
        one = ["build", str(folder / f"specs{min(batches)}" / "plan000.yaml"), "-o",
               str(folder / "warm-up"), "-j", "1", "--as-of", "2026-12-31"]
        measure(one, 1, warm)
        cold = measure(one, repeat, {"RECTIMEET_TEMPLATE_CACHE": "off"})
        for count in batches:
            specs = folder / f"specs{count}"
            out = folder / f"out{count}"
            runs[count] = measure(["build", str(specs if count > 1 else specs / "plan000.yaml"),
                                   "-o", str(out), "-j", "1", "--as-of", "2026-12-31"],
                                  repeat if count == 1 else 1, warm)
            documents[count] = len(list(out.rglob("*.docx")))
        floor = zip_xml_floor(sorted((folder / "out1").rglob("*.docx")))
    per_plan = documents[1]
    # The marginal cost of a plan, from the largest batch; the rest of one plan's build is fixed.
    largest = max(batches)
    marginal = (runs[largest]["cpu_s"] - runs[1]["cpu_s"]) / (largest - 1)
    fixed = runs[1]["cpu_s"] - marginal
    detail: dict[str, Any] = {"one_plan_s": runs[1]["cpu_s"], "one_plan_cold_s": cold["cpu_s"],
                              "fixed_cold_s": cold["cpu_s"] - marginal}
    for count in batches[1:]:
        per_document = runs[count]["cpu_s"] / documents[count]
        detail[f"batch_{count}"] = {"cpu_s": runs[count]["cpu_s"], "rss_mb": runs[count]["rss_mb"],
                                    "per_document_s": per_document,
                                    "ratio": per_document / floor,
                                    "target_ratio": 3.0 if count >= 200 else 4.0}
    return {"title": f"documents: build of {largest} plans ({per_plan} documents each), 1 process",
            "floor_title": "deflate + parse of a document's final parts",
            "ours_s": runs[largest]["cpu_s"] / documents[largest], "floor_s": floor,
            "ratio": runs[largest]["cpu_s"] / documents[largest] / floor,
            "target_ratio": 3.0, "fixed_s": fixed, "target_fixed_s": 0.3,
            "marginal_per_document_s": marginal / per_plan,
            "peak_rss_mb": max(r["rss_mb"] for r in runs.values()), "detail": detail}


def bench_parse(repeat: int) -> dict[str, Any]:
    """Reading the demo spec (data + source map) against libyaml's own safe load, in process."""
    import time
    from importlib import resources

    from ruamel.yaml import YAML

    from rectimeet.spec import fastload
    from rectimeet.spec.loader import parse_yaml, source_map, to_plain

    text = (resources.files("rectimeet") / "data" / "demo.yaml").read_text("utf-8")
    floor_yaml = YAML(typ="safe")

    def median(fn: Any) -> float:
        times = []
        for _ in range(max(repeat, 5) * 6):
            start = time.process_time()
            fn()
            times.append(time.process_time() - start)
        return statistics.median(times)

    def round_trip() -> None:
        document = parse_yaml(text)
        source_map(document)
        to_plain(document)

    ours = median(lambda: fastload.read(text))
    floor = median(lambda: list(floor_yaml.parse(text)))
    return {"title": f"read the demo spec ({len(text):,} characters) with its source map",
            "floor_title": "libyaml's parse of the same text (its events, nothing built)",
            "ours_s": ours, "floor_s": floor, "ratio": ours / floor,
            "peak_rss_mb": 0.0, "detail": {"round_trip_loader_s": median(round_trip),
                                           "libyaml_safe_load_s": median(lambda: floor_yaml.load(text))}}


def verdict(result: dict[str, Any]) -> str:
    """``met`` or ``MISSED`` against the result's own target."""
    ok = True
    if "target_ratio" in result:
        ok &= result["ratio"] <= result["target_ratio"]
    if "target_s" in result:
        ok &= result["ours_s"] <= result["target_s"]
    if "target_rss_mb" in result:
        ok &= result["peak_rss_mb"] <= result["target_rss_mb"]
    if "target_fixed_s" in result:
        ok &= result["fixed_s"] <= result["target_fixed_s"]
    for d in result.get("detail", {}).values():
        if isinstance(d, dict) and "target_ratio" in d:
            ok &= d["ratio"] <= d["target_ratio"]
    return "met" if ok else "MISSED"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", choices=("check", "ledger", "members", "documents", "parse"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--items", type=int, default=LEDGER_ITEMS)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    compile_sources()
    if args.name == "check":
        result = bench_check(args.repeat)
    elif args.name == "ledger":
        result = bench_ledger(args.items)
    elif args.name == "documents":
        result = bench_documents(repeat=args.repeat)
    elif args.name == "parse":
        result = bench_parse(args.repeat)
    else:
        result = bench_members(MEMBERS, args.repeat)
    result["verdict"] = verdict(result)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    print(f"{result['title']}: {result['ours_s']:.3f} s CPU, {result['peak_rss_mb']:.0f} MB; "
          f"{result['floor_title']}: {result['floor_s']:.3f} s; ratio {result['ratio']:.2f}; "
          f"{result['verdict']}")
    if "fixed_s" in result:
        print(f"  fixed cost per build {result['fixed_s']:.3f} s CPU (target ≤ "
              f"{result['target_fixed_s']} s); marginal {result['marginal_per_document_s'] * 1000:.2f} "
              f"ms per document; floor {result['floor_s'] * 1000:.2f} ms per document")
    for name, d in result.get("detail", {}).items():
        if not isinstance(d, dict):
            print(f"  {name}: {d * 1000 if name.endswith('_s') else d:.{1 if name.endswith('_s') else 2}f}"
                  f"{' ms' if name.endswith('_s') else ''}")
            continue
        extra = f"  floor {d['floor_s']:.3f} s" if "floor_s" in d else ""
        if "per_document_s" in d:
            extra = (f"  {d['per_document_s'] * 1000:.2f} ms per document, ratio {d['ratio']:.2f} "
                     f"(target ≤ {d['target_ratio']})")
        print(f"  {name:<10} {d['cpu_s']:.3f} s CPU  {d['rss_mb']:.0f} MB{extra}")


if __name__ == "__main__":
    main()
