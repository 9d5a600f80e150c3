"""Run every benchmark side by side, print a table of ratios, and compare with the last run.

The performance targets (``bench_scale.py``: check against its import floor, documents against
the zip/XML floor, a 30,000-item ledger, 100 members) follow the table, each with its floor
measured in the same run; ``--ledger-items`` shrinks the ledger for a quick look.

``python benchmarks/run.py`` (or ``nox -s bench``). Each benchmark runs in a fresh process so its
peak RSS is its own. Results are kept in ``benchmarks/results.json``; the next run prints the
change against it. ``--no-save`` leaves the file alone; ``--batch N`` shrinks the 200-plan batch
for a quick look.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
RSS_LIMIT_MB = 300  # per process, for the 200-plan batch


def run_core(name: str, extra: list[str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, str(HERE / "bench_core.py"), name, "--json", *extra],
                         check=True, capture_output=True, text=True).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def run_ledger() -> dict[str, Any]:
    """Drive the ledger engineer's benchmark and read its printed lines."""
    out = subprocess.run([sys.executable, str(HERE / "bench_ledger.py"), "500"], check=True,
                         capture_output=True, text=True).stdout
    export = re.search(r"export\s+([\d.]+) ms\s+bare write\s+([\d.]+) ms", out)
    read = re.search(r"read\+check\s+([\d.]+) ms\s+bare read\s+([\d.]+) ms", out)
    rss = re.search(r"peak RSS\s+([\d.]+) MB", out)
    if not (export and read and rss):
        raise RuntimeError(f"could not read bench_ledger.py output:\n{out}")
    ours = (float(export[1]) + float(read[1])) / 1000
    bare = (float(export[2]) + float(read[2])) / 1000
    return {"title": "ledger export + import, 500 items", "baseline_title": "bare openpyxl write + read",
            "ours_s": ours, "baseline_s": bare, "ratio": ours / bare, "peak_rss_mb": float(rss[1]),
            "detail": {"export_ms": float(export[1]), "bare_write_ms": float(export[2]),
                       "read_ms": float(read[1]), "bare_read_ms": float(read[2])}}


def previous() -> dict[str, Any]:
    if RESULTS.exists():
        data: dict[str, Any] = json.loads(RESULTS.read_text("utf-8"))
        return data
    return {}


def change(now: float, before: float | None) -> str:
    if not before:
        return "new"
    return f"{(now - before) / before * 100:+.0f}%"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--no-save", action="store_true")
    parser.add_argument("--ledger-items", type=int, default=30_000,
                        help="items of the county ledger in the scale targets")
    args = parser.parse_args(argv)
    # As installing a wheel does: no benchmark should pay for compiling the sources.
    import compileall

    for folder in ("src", "plugins"):
        compileall.compile_dir(HERE.parent / folder, quiet=1)

    results: dict[str, dict[str, Any]] = {}
    for name in ("check", "documents"):
        results[name] = run_core(name, [])
    results["batch"] = run_core("batch", ["--batch", str(args.batch)])
    if (HERE / "bench_ledger.py").exists():
        results["ledger"] = run_ledger()
    if (HERE / "bench_feedback.py").exists():
        out = subprocess.run([sys.executable, str(HERE / "bench_feedback.py"), "60", "--json"],
                             check=True, capture_output=True, text=True).stdout
        results["feedback"] = json.loads(out.strip().splitlines()[-1])

    targets: dict[str, dict[str, Any]] = {}
    for name, extra in (("check", []), ("parse", []), ("members", []), ("documents", []),
                        ("ledger", ["--items", str(args.ledger_items)])):
        out = subprocess.run([sys.executable, str(HERE / "bench_scale.py"), name, "--json", *extra],
                             check=True, capture_output=True, text=True).stdout
        targets[name] = json.loads(out.strip().splitlines()[-1])

    before = previous().get("results", {})
    header = f"{'benchmark':<48} {'ours':>10} {'baseline':>10} {'ratio':>7} {'RSS MB':>7} {'vs last':>8}"
    print(header)
    print("-" * len(header))
    for name, r in results.items():
        last = before.get(name, {}).get("ratio")
        print(f"{r['title'][:48]:<48} {r['ours_s'] * 1000:>8.1f}ms {r['baseline_s'] * 1000:>8.1f}ms "
              f"{r['ratio']:>7.2f} {r['peak_rss_mb']:>7.0f} {change(r['ratio'], last):>8}")
        print(f"{'  baseline: ' + r['baseline_title']:<48}")
    docs = results["documents"]["detail"]["per_document"]
    print("\nper document (ours / bare docxtpl):")
    for doc_id, d in docs.items():
        print(f"  {doc_id:<22} {d['ours_s'] * 1000:>7.1f} ms / {d['baseline_s'] * 1000:>7.1f} ms"
              f"  ratio {d['ours_s'] / d['baseline_s']:.2f}  ({d['files']} file(s))")
    print("\ntargets (CPU time of a fresh `rectimeet` process, median; floor measured in this run):")
    for t in targets.values():
        goals = [f"≤ {t['target_ratio']}× floor" if "target_ratio" in t else "",
                 f"≤ {t['target_s']} s" if "target_s" in t else "",
                 f"≤ {t['target_rss_mb']:.0f} MB" if "target_rss_mb" in t else "",
                 f"fixed ≤ {t['target_fixed_s']} s" if "target_fixed_s" in t else ""]
        goal = ", ".join(g for g in goals if g) or "none (reported)"
        print(f"  {t['title'][:60]:<60} {t['ours_s']:>7.3f} s {t['peak_rss_mb']:>5.0f} MB  "
              f"floor {t['floor_s']:.3f} s  ratio {t['ratio']:>6.2f}  target {goal}: {t['verdict']}")
        if "fixed_s" in t:
            print(f"      fixed cost per build {t['fixed_s']:.3f} s (target ≤ {t['target_fixed_s']} s),"
                  f" marginal {t['marginal_per_document_s'] * 1000:.2f} ms per document")
        for part, d in t.get("detail", {}).items():
            if not isinstance(d, dict):
                print(f"      {part}: {d * 1000:.1f} ms" if part.endswith("_s") else
                      f"      {part}: {d:.2f}")
                continue
            extra = f"  floor {d['floor_s']:.3f} s, ratio {d['cpu_s'] / d['floor_s']:.2f}" \
                if "floor_s" in d else ""
            if "per_document_s" in d:
                extra = (f"  {d['per_document_s'] * 1000:.2f} ms per document, ratio "
                         f"{d['ratio']:.2f} (target ≤ {d['target_ratio']})")
            print(f"      {part:<10} {d['cpu_s']:>7.3f} s {d['rss_mb']:>5.0f} MB{extra}")
    batch = results["batch"]
    worst = max(batch["peak_rss_mb"], batch.get("children_peak_rss_mb", 0.0))
    verdict = "ok" if worst < RSS_LIMIT_MB else "OVER THE LIMIT"
    print(f"\nbatch peak RSS per process: {worst:.0f} MB (limit {RSS_LIMIT_MB} MB): {verdict}")

    if not args.no_save:
        RESULTS.write_text(json.dumps({
            "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "python": platform.python_version(),
            "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
            "results": results,
            "targets": targets,
        }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"saved {RESULTS.relative_to(HERE.parent)}")
    return 0 if worst < RSS_LIMIT_MB else 1


if __name__ == "__main__":
    sys.exit(main())
