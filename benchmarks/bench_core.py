"""Core benchmarks, each against a bare baseline measured in the same process.

Run one with ``python benchmarks/bench_core.py NAME [--json]`` (``benchmarks/run.py`` runs them
all, one fresh process each, so each peak RSS belongs to one benchmark):

- ``check``: check + schedule of a 30-member township plan (talk pairs included) against a bare
  pydantic validation of the same plan data;
- ``documents``: every document of the demo plan, rendered by rectimeet against a bare docxtpl
  load + render + save of the same template with the same context (the baseline and the demo
  plan come from ``bench_documents.py``);
- ``batch``: ``rectimeet build`` of a batch of demo specs (200 by default: load, check and the
  whole document set each) on 1 and on 2 processes.

Times are the best of several repeats (the minimum is the least noisy estimate of the cost).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

MEMBERS = 30


def best(fn: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident set size of this process (or of its largest child), in MB."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭"


def unit_plan_data(members: int = MEMBERS, unit_name: str = "基准镇") -> dict[str, Any]:
    """A complete township plan: every issue claimed, criticisms, outlines, checklist, heads."""
    ids = [f"m{i + 1}" for i in range(members)]
    names = [f"{_SURNAMES[i % len(_SURNAMES)]}{'建国志强海波晓东丽萍文静'[i % 6 * 2:i % 6 * 2 + 2]}{i + 1}"
             for i in range(members)]
    people = []
    contacts = []
    for i, (mid, name) in enumerate(zip(ids, names, strict=True)):
        person: dict[str, Any] = {"id": mid, "name": name, "title": "镇党委委员"}
        if i == 0:
            person.update(role="主要负责同志", title="镇党委书记")
        else:
            contacts.append({"id": f"h{i}", "name": f"站所负责人{i}", "title": "站所负责人"})
            person["oversees"] = [{"name": f"第{i}站所", "head": f"h{i}"}]
        people.append(person)
    meeting = dt.date(2026, 11, 27)
    issues = [{"id": f"F{k + 1}", "category": "党的建设", "text": f"反馈问题{k + 1}：制度执行不严格",
               "claimed_by": ["班子", *ids[k::6]]} for k in range(6)]
    return {
        "unit": {"name": unit_name, "level": "township", "org_type": "党委", "tier": "乡",
                 "members": people, "contacts": contacts},
        "inspection": {"kind": "巡察", "group": "县委第一巡察组", "feedback_date": dt.date(2026, 11, 2),
                       "issues": issues},
        "meeting": {"date": meeting, "host": ids[0], "venue": "镇党委会议室"},
        "criticisms": [{"from": a, "to": b, "count": 1} for a in ids for b in ids if a != b],
        "materials": [{"kind": "班子对照检查材料", "author": "班子"},
                      *({"kind": "个人发言提纲", "author": mid, "submitted_on": dt.date(2026, 11, 18),
                         **({"reviewed_by": ids[0], "reviewed_on": dt.date(2026, 11, 19)} if mid != ids[0] else {})}
                        for mid in ids)],
        "checklist": [{"id": f"Z{k + 1}", "issue": issue["text"], "source": "巡察反馈",
                       "source_ref": issue["id"], "owner": "班子", "lead": ids[0],
                       "measure": "制定整改措施并落实", "kind": "限期整改",
                       "deadline": dt.date(2026, 12, 31)} for k, issue in enumerate(issues)],
        # 30 members make 29 + 435 + 29 required pairs: give the talks three weeks.
        "schedule": {"talk_window_days": 21, "talk_capacity": 3},
    }


def bench_check() -> dict[str, Any]:
    from rectimeet import api
    from rectimeet.models.plan import Plan
    from rectimeet.plugins import get_host

    data = unit_plan_data()
    host = get_host()
    plan = Plan.model_validate(data)
    prepared = api.prepare(plan, host)
    pairs = len(prepared.talks)
    findings = api.check(prepared, host=host)

    def ours() -> None:
        p = api.prepare(Plan.model_validate(data), host)
        api.check(p, host=host)
        api.schedule(p, host=host)

    return {
        "title": f"check + schedule, {MEMBERS} members ({pairs} talk pairs)",
        "baseline_title": "bare pydantic validate",
        "ours_s": best(ours),
        "baseline_s": best(lambda: Plan.model_validate(data), repeat=20),
        "detail": {"talk_pairs": pairs, "findings": sorted({f.code for f in findings})},
    }


def bench_documents() -> dict[str, Any]:
    # The documents engineer's benchmark supplies the demo plan and the bare docxtpl baseline.
    from bench_documents import AS_OF, bare_docxtpl, demo_prepared

    from rectimeet.documents.assembly import BUILTIN_TEMPLATES, assemble, contexts
    from rectimeet.documents.builtin import DOCUMENTS
    from rectimeet.documents.render import render_document

    prepared = demo_prepared()
    every = list(contexts(prepared, DOCUMENTS, AS_OF))
    per_document: dict[str, dict[str, float]] = {}
    for doc in DOCUMENTS:
        template = BUILTIN_TEMPLATES / str(doc.template)
        contexts_of = [c.context.model_dump() | {"doc": {"title": c.title}} for c in every
                       if c.type.id == doc.id]

        def ours(contexts: list[dict[str, Any]] = contexts_of, template: Path = template) -> None:
            for c in contexts:
                render_document(template, c, title=c["doc"]["title"])

        def bare(contexts: list[dict[str, Any]] = contexts_of, template: Path = template) -> None:
            for c in contexts:
                bare_docxtpl(template, c)

        per_document[doc.id] = {"ours_s": best(ours), "baseline_s": best(bare), "files": len(contexts_of)}
    with tempfile.TemporaryDirectory() as out:
        whole = best(lambda: assemble(prepared, Path(out), as_of=AS_OF))
    files = sum(int(d["files"]) for d in per_document.values())
    return {
        "title": f"document set of the demo plan ({files} files)",
        "baseline_title": "bare docxtpl load+render+save, same templates and context",
        "ours_s": sum(d["ours_s"] for d in per_document.values()),
        "baseline_s": sum(d["baseline_s"] for d in per_document.values()),
        "detail": {"per_document": per_document, "assemble_whole_set_s": whole},
    }


def bench_batch(count: int = 200) -> dict[str, Any]:
    from importlib import resources

    from rectimeet.api import build_specs

    text = (resources.files("rectimeet") / "data" / "demo.yaml").read_text("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        specs = []
        for i in range(count):
            path = folder / "specs" / f"plan{i:03d}.yaml"
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            specs.append(path)
        timings = {}
        for jobs in (1, 2):
            start = time.perf_counter()
            results = build_specs(specs, folder / f"out{jobs}", jobs=jobs)
            timings[jobs] = time.perf_counter() - start
            built = sum(1 for r in results if r.status == "built")
            if built != count:
                raise SystemExit(f"only {built} of {count} plans were built with {jobs} process(es)")
    return {
        "title": f"batch of {count} plans, 2 processes",
        "baseline_title": "the same on 1 process",
        "ours_s": timings[2],
        "baseline_s": timings[1],
        "detail": {"plans": count, "per_plan_1_process_s": timings[1] / count},
        "children_peak_rss_mb": peak_rss_mb(children=True),
    }


BENCHMARKS: dict[str, Callable[..., dict[str, Any]]] = {
    "check": bench_check,
    "documents": bench_documents,
    "batch": bench_batch,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", choices=sorted(BENCHMARKS))
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--batch", type=int, default=200, help="plans in the batch benchmark")
    args = parser.parse_args(argv)
    kwargs = {"count": args.batch} if args.name == "batch" else {}
    result = BENCHMARKS[args.name](**kwargs)
    result["ratio"] = result["ours_s"] / result["baseline_s"]
    result["peak_rss_mb"] = peak_rss_mb()
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    print(f"{result['title']}: {result['ours_s'] * 1000:.1f} ms; {result['baseline_title']}: "
          f"{result['baseline_s'] * 1000:.1f} ms; ratio {result['ratio']:.2f}; "
          f"peak RSS {result['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
