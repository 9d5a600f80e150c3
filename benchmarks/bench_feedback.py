"""Reading a 60-problem feedback document (反馈意见) against a bare python-docx read of it.

Run: ``python benchmarks/bench_feedback.py [PROBLEMS] [--json]``. The document has six areas of
problems numbered by Word (numbering.xml), two detail paragraphs each, suggestions and a
closing. Prints best-of-5 times of ``rectimeet.feedback.parse_builtin`` (which also writes out
Word's list numbers), of a bare ``docx.Document`` + every paragraph's text, their ratio, the
dry-run import into a spec, and the peak RSS.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
from pathlib import Path

import docx
from bench_core import best
from bench_ledger import BASE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from rectimeet.feedback import parse_builtin
from rectimeet.feedback.importer import plan_import
from rectimeet.spec import load_text

SPEC = BASE  # the ledger benchmark's small township spec
AREAS = ["党的领导方面", "党的建设方面", "全面从严治党方面", "选人用人方面", "意识形态工作方面", "整改落实方面"]


def document(path: Path, problems: int) -> None:
    doc = docx.Document()
    for line in ["县委第一巡察组关于巡察基准乡党委的反馈意见", "中共基准乡委员会：",
                 "根据县委统一部署，县委第一巡察组对基准乡党委开展了常规巡察。现将巡察情况反馈如下。",
                 "一、巡察发现的主要问题"]:
        doc.add_paragraph(line)
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1．"/></w:lvl></w:abstractNum>'))
    per_area = max(1, problems // len(AREAS))
    for a, area in enumerate(AREAS, 1):
        doc.add_paragraph(f"（{'一二三四五六'[a - 1]}）{area}")
        num_id = str(900 + a)
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        for n in range(1, per_area + 1):
            paragraph = doc.add_paragraph(f"第{a}方面第{n}个问题：制度执行不严格。监督检查流于形式，"
                                          "2025年以来仅开展检查1次。")
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
            doc.add_paragraph("（1）台账记录不全，3个村未建立台账。")
            doc.add_paragraph("（2）整改跟踪不及时。")
    for line in ["二、意见建议", "（一）提高政治站位。", "（二）压实责任。",
                 "请在收到反馈意见后两个月内报送整改情况报告。", "县委第一巡察组", "2026年9月1日"]:
        doc.add_paragraph(line)
    doc.save(str(path))


def bare(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def main(problems: int, as_json: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "反馈意见.docx"
        document(path, problems)
        parsed = parse_builtin(path)
        assert len(parsed.problems) == problems, len(parsed.problems)
        ours = best(lambda: parse_builtin(path))
        baseline = best(lambda: bare(path))
        plan = load_text(SPEC).plan
        importing = best(lambda: plan_import(plan, parsed))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {"title": f"feedback parse, {problems} problems (Word numbering)",
              "baseline_title": "bare python-docx open + paragraph texts",
              "ours_s": ours, "baseline_s": baseline, "ratio": ours / baseline, "peak_rss_mb": rss,
              "detail": {"import_dry_run_ms": importing * 1000}}
    if as_json:
        print(json.dumps(result))
        return
    print(f"parse        {ours * 1000:.1f} ms   bare read {baseline * 1000:.1f} ms   "
          f"ratio {ours / baseline:.2f}")
    print(f"import (dry) {importing * 1000:.1f} ms")
    print(f"peak RSS     {rss:.0f} MB")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--json"]
    main(int(args[0]) if args else 60, "--json" in sys.argv)
