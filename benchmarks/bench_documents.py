"""Benchmark of document assembly (a benchmark, not a test): ``python benchmarks/bench_documents.py``.

Prints, for the embedded demo plan:
1. per document: rectimeet's cached, sandboxed render vs a bare docxtpl load + render + save of the
   same template with the same context, in the same run (median of N runs each);
2. the whole set for one plan (context + every document, written to disk);
3. 100 plans on 1 and on 2 processes (documents only; each worker prepares the plan once).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import io
import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from importlib import resources
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment

from rectimeet import api
from rectimeet import spec as spec_mod
from rectimeet.documents.assembly import BUILTIN_TEMPLATES, assemble, contexts
from rectimeet.documents.builtin import DOCUMENTS
from rectimeet.documents.render import render_document
from rectimeet.prepared import Prepared

AS_OF = dt.date(2027, 1, 13)


def demo_prepared() -> Prepared:
    text = (resources.files("rectimeet") / "data" / "demo.yaml").read_text("utf-8")
    return api.prepare(spec_mod.load_text(text, source="demo.yaml").plan)


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up (fills our cache; the bare path has nothing to cache)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bare_docxtpl(template: Path, context: dict[str, Any]) -> bytes:
    doc = DocxTemplate(str(template))
    doc.render(context, Environment(autoescape=True), autoescape=True)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


_WORKER_PREPARED: Prepared | None = None


def _one_plan(index: int) -> int:
    global _WORKER_PREPARED
    if _WORKER_PREPARED is None:
        _WORKER_PREPARED = demo_prepared()
    with tempfile.TemporaryDirectory() as out:
        return len(assemble(_WORKER_PREPARED, Path(out) / str(index), as_of=AS_OF))


def batch_seconds(plans: int, workers: int) -> float:
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_one_plan, range(workers)))  # start and warm every worker first
        start = time.perf_counter()
        list(pool.map(_one_plan, range(plans)))
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs per document (median)")
    parser.add_argument("--plans", type=int, default=100, help="plans in the batch")
    args = parser.parse_args()

    prepared = demo_prepared()
    every = list(contexts(prepared, DOCUMENTS, AS_OF))
    print(f"per document (median of {args.runs} runs, ms)")
    print(f"{'document':<24}{'bare docxtpl':>14}{'rectimeet':>12}{'ratio':>8}")
    ratios = []
    for doc in DOCUMENTS:
        doc_ctx = next(c.context.model_dump() for c in every if c.type.id == doc.id)
        template = BUILTIN_TEMPLATES / str(doc.template)
        bare = median_ms(functools.partial(bare_docxtpl, template, doc_ctx), args.runs)
        ours = median_ms(functools.partial(render_document, template, doc_ctx, title="t", subject="s"),
                         args.runs)
        ratios.append(ours / bare)
        print(f"{doc.id:<24}{bare:>14.1f}{ours:>12.1f}{ours / bare:>8.2f}")
    print(f"{'geometric mean ratio':<50}{statistics.geometric_mean(ratios):>8.2f}")

    with tempfile.TemporaryDirectory() as out:
        whole = median_ms(lambda: assemble(prepared, Path(out), as_of=AS_OF), max(3, args.runs // 4))
        count = len(assemble(prepared, Path(out), as_of=AS_OF))
    print(f"\nwhole set for one plan: {count} files in {whole:.0f} ms ({whole / count:.1f} ms per file)")

    one = batch_seconds(args.plans, 1)
    two = batch_seconds(args.plans, 2)
    print(f"\n{args.plans} plans × {count} files")
    print(f"{'processes':<12}{'seconds':>10}{'plans/s':>10}{'speed-up':>10}")
    print(f"{1:<12}{one:>10.2f}{args.plans / one:>10.1f}{1.0:>10.2f}")
    print(f"{2:<12}{two:>10.2f}{args.plans / two:>10.1f}{one / two:>10.2f}")


if __name__ == "__main__":
    main()
