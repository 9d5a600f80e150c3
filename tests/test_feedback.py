"""Reading the feedback document (反馈意见) and importing its problems into a spec."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from conftest import run_cli as run
from feedback_documents import (
    BUILDERS,
    COUNTY_BUREAU_LINES,
    TOWNSHIP,
    TOWNSHIP_LINES,
    add_abstract_list,
    add_num,
    county_bureau,
    numbered,
    township,
)
from rectimeet import plugins
from rectimeet.feedback import FeedbackDocument, FeedbackError, FeedbackImportError, parse
from rectimeet.feedback.importer import import_feedback
from rectimeet.feedback.numbering import format_number
from rectimeet.models.inspection import InspectionKind, InspectionScope
from rectimeet.spec import load, load_text
from test_documents_support import seen

pytestmark = pytest.mark.usefixtures("core_only")




def areas_of(doc: FeedbackDocument) -> list[tuple[str, str, list[tuple[str, str, list[str]]]]]:
    return [(a.label, a.title, [(p.label, p.statement, p.details) for p in a.problems])
            for a in doc.areas]


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# -- parsing: the exact problems, area by area ---------------------------------------------


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_parses_the_exact_problems_area_by_area(name: str, tmp_path: Path) -> None:
    build, expected = BUILDERS[name]
    assert areas_of(parse(build(tmp_path))) == expected


METADATA = {
    "township": ("县委第一巡察组关于巡察白沙镇党委的反馈意见", InspectionKind.XUNCHA, "县委第一巡察组",
                 "县委第十一轮巡察", dt.date(2026, 11, 27), InspectionScope.REGULAR),
    "county_bureau": ("县委第三巡察组关于巡察县交通运输局党组的反馈意见", InspectionKind.XUNCHA,
                      "县委第三巡察组", "", dt.date(2026, 6, 12), InspectionScope.REGULAR),
    "school": ("县教育局党组第二巡察组关于巡察县第一中学党委的反馈意见", InspectionKind.XUNCHA,
               "县教育局党组第二巡察组", "", dt.date(2026, 4, 10), InspectionScope.SPECIAL),
    "provincial_department": ("省委第五巡视组关于巡视省交通运输厅党组的反馈意见", InspectionKind.XUNSHI,
                              "省委第五巡视组", "", dt.date(2026, 6, 30), InspectionScope.REGULAR),
    "city": ("省委第二巡视组关于对云溪市委巡视“回头看”的反馈意见", InspectionKind.XUNSHI,
             "省委第二巡视组", "", dt.date(2026, 10, 15), InspectionScope.FOLLOW_UP),
    "special": ("县委第二巡察组关于对石门乡党委开展乡村振兴领域专项巡察的反馈意见", InspectionKind.XUNCHA,
                "县委第二巡察组", "", dt.date(2026, 7, 3), InspectionScope.SPECIAL),
}


@pytest.mark.parametrize("name", sorted(METADATA))
def test_reads_title_inspecting_body_and_date(name: str, tmp_path: Path) -> None:
    doc = parse(BUILDERS[name][0](tmp_path))
    assert (doc.title, doc.kind, doc.group, doc.round, doc.date, doc.scope) == METADATA[name]


def test_opening_suggestions_referrals_and_closing_are_not_problems(tmp_path: Path) -> None:
    doc = parse(township(tmp_path))
    statements = [p.statement for p in doc.problems]
    assert doc.opening[0] == "中共白沙镇委员会："
    assert doc.opening[1].startswith("根据县委统一部署")
    assert [s.statement for s in doc.suggestions] == [
        "提高政治站位，扎实推进整改", "压紧压实管党治党政治责任", "加强基层党组织建设"]
    assert doc.suggestions[0].details == ["要把巡察整改作为重大政治任务，逐项制定整改措施。"]
    assert doc.referrals == ["巡察期间，巡察组共收到反映问题线索4件，已按有关规定移交县纪委监委等单位处理。"]
    assert doc.closing == ["请白沙镇党委在收到反馈意见后两个月内，将整改情况报告报送县委巡察办。",
                           "县委第一巡察组", "2026年11月27日"]
    everything_else = [*doc.opening, *doc.referrals, *doc.closing,
                       *(s.statement for s in doc.suggestions)]
    assert not any(s in text for s in statements for text in everything_else)
    # The last problem does not swallow the referral paragraph after it.
    assert doc.problems[-1].details == []


def test_referral_section_and_its_heading_are_kept_apart(tmp_path: Path) -> None:
    doc = parse(county_bureau(tmp_path))
    assert doc.referrals == ["巡察期间，巡察组收到问题线索2件，已移交县纪委监委。"]
    assert [s.statement for s in doc.suggestions] == ["强化政治担当", "健全制度机制"]


def test_txt_copy_reads_like_the_docx(tmp_path: Path) -> None:
    from_docx = parse(township(tmp_path))
    from_txt = parse(BUILDERS["township_txt"][0](tmp_path))
    assert areas_of(from_txt) == areas_of(from_docx) == TOWNSHIP
    assert (from_txt.title, from_txt.group, from_txt.date) == (from_docx.title, from_docx.group,
                                                               from_docx.date)


def test_positions_trace_each_problem_to_its_section_area_and_number(tmp_path: Path) -> None:
    doc = parse(township(tmp_path))
    assert [p.position for p in doc.problems] == [
        "一、（一）1．", "一、（一）2．", "一、（二）1．", "一、（二）2．", "一、（二）3．",
        "一、（三）1．", "一、（三）2．"]
    assert doc.problems[0].where == "paragraph 7"
    table_doc = parse(BUILDERS["school"][0](tmp_path))
    assert table_doc.problems[2].where == "table 1, row 4"


def test_an_area_that_states_the_problem_itself_is_one_problem(tmp_path: Path) -> None:
    lines = ["关于巡察某某乡党委的反馈意见", "一、巡察发现的主要问题",
             "（一）落实全面从严治党主体责任不到位。党委对党风廉政建设研究部署不够。",
             "对村干部日常监督不严。", "（二）基层党组织建设方面", "部分村党组织软弱涣散。",
             "党员发展程序不规范。"]
    doc = parse(write_lines(tmp_path / "f.txt", lines))
    assert areas_of(doc) == [
        ("（一）", "", [("（一）", "落实全面从严治党主体责任不到位",
                         ["党委对党风廉政建设研究部署不够。", "对村干部日常监督不严。"])]),
        ("（二）", "基层党组织建设方面", [("", "部分村党组织软弱涣散", []),
                                          ("", "党员发展程序不规范", [])]),
    ]


def test_yishi_is_not_split_inside_a_word(tmp_path: Path) -> None:
    lines = ["关于巡察某某局党组的反馈意见", "一、巡察发现的主要问题",
             "（一）党的建设方面",
             "一是统一是非标准不够，学习统一是关键。二是制度执行不严。"]
    doc = parse(write_lines(tmp_path / "f.txt", lines))
    assert [p.statement for p in doc.problems] == ["统一是非标准不够，学习统一是关键", "制度执行不严"]


# -- Word automatic numbering --------------------------------------------------------------


def test_word_numbering_restarts_and_style_numbering(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("关于巡察某某乡党委的反馈意见")
    document.add_paragraph("一、巡察发现的主要问题")
    document.add_paragraph("（一）党的领导方面")
    # The built-in "List Number" style carries its numbering in styles.xml.
    document.add_paragraph("理论学习不深入。", style="List Number")
    document.add_paragraph("决策部署落实不力。", style="List Number")
    document.add_paragraph("（二）党的建设方面")
    problems = add_abstract_list(document, [("decimal", "(%1)")])
    num = add_num(document, problems, restart={0: 1})
    numbered(document, "组织生活不规范。", num)
    numbered(document, "党员管理松散。", num)
    document.add_paragraph("（三）全面从严治党方面")
    numbered(document, "公务接待不规范。", add_num(document, problems, restart={0: 1}))
    path = tmp_path / "auto.docx"
    document.save(str(path))
    assert areas_of(parse(path)) == [
        ("（一）", "党的领导方面", [("1.", "理论学习不深入", []), ("2.", "决策部署落实不力", [])]),
        ("（二）", "党的建设方面", [("(1)", "组织生活不规范", []), ("(2)", "党员管理松散", [])]),
        ("（三）", "全面从严治党方面", [("(1)", "公务接待不规范", [])]),
    ]


@pytest.mark.parametrize(("number", "fmt", "shown"), [
    (3, "decimal", "3"), (12, "decimalFullWidth", "１２"), (4, "decimalEnclosedCircle", "④"),
    (11, "chineseCounting", "十一"), (20, "chineseCountingThousand", "二十"),
    (3, "ideographTraditional", "丙"), (4, "lowerRoman", "iv"), (28, "upperLetter", "BB"),
    (5, "none", ""),
])
def test_word_number_formats(number: int, fmt: str, shown: str) -> None:
    assert format_number(number, fmt) == shown


# -- bad input: exit 2, a clear message, nothing written -------------------------------------


def _encrypted(tmp_path: Path) -> Path:
    plain = township(tmp_path)
    path = tmp_path / "加密.docx"
    with plain.open("rb") as source, path.open("wb") as out:
        OOXMLFile(source).encrypt("123456", out)
    return path


BAD = {
    "not_docx": (lambda d: (d / "反馈.docx").write_bytes(b"%PDF-1.7 not a word file") and d / "反馈.docx",
                 "不是 Word 文档"),
    "old_doc": (lambda d: (d / "反馈.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
                and d / "反馈.doc", "旧版 Word .doc"),
    "encrypted": (_encrypted, "已加密"),
    "no_problem_section": (lambda d: write_lines(d / "f.txt", ["关于巡察某某乡党委的反馈意见",
                                                               "一、总体评价", "党委工作有成效。"]),
                           "没有找到问题部分"),
    "empty_problem": (lambda d: write_lines(d / "f.txt", ["一、巡察发现的主要问题", "（一）党的建设方面",
                                                          "1．组织生活不规范。", "2．", "3．党员管理松散。"]),
                      "第 4 行：问题“一、（一）2．”没有内容"),
    "empty_area": (lambda d: write_lines(d / "f.txt", ["一、巡察发现的主要问题", "（一）党的建设方面",
                                                       "（二）党风廉政建设方面", "1．公款吃喝。"]),
                   "第 2 行：方面“（一）党的建设方面”下没有问题"),
    "missing": (lambda d: d / "没有这个文件.docx", "找不到文件"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_exits_2_and_writes_nothing(case: str, tmp_path: Path, small_spec: Path) -> None:
    make, message = BAD[case]
    source = make(tmp_path)
    before = small_spec.read_bytes()
    code, out, err = run("import", str(small_spec), "--feedback", str(source))
    assert code == 2, err
    assert message in err and str(source) in err
    assert "Traceback" not in err and out == ""
    assert small_spec.read_bytes() == before
    with pytest.raises(FeedbackError):
        parse(source)


def test_bad_input_message_in_english(tmp_path: Path, small_spec: Path) -> None:
    source = _encrypted(tmp_path)
    code, _, err = run("import", str(small_spec), "--feedback", str(source), "--lang", "en")
    assert code == 2 and "encrypted (password-protected)" in err


def test_import_needs_exactly_one_source(small_spec: Path, tmp_path: Path) -> None:
    code, _, err = run("import", str(small_spec))
    assert code == 2 and "--feedback" in err
    code, _, err = run("import", str(small_spec), "--xlsx", "a.xlsx", "--feedback", "b.docx")
    assert code == 2 and "--feedback" in err


# -- importing into a spec -----------------------------------------------------------------


def test_import_adds_problems_with_area_details_position_and_inspection(small_spec: Path,
                                                                        tmp_path: Path) -> None:
    source = township(tmp_path)
    code, out, err = run("import", str(small_spec), "--feedback", str(source))
    assert code == 0, err
    plan = load(small_spec).plan
    imported = [i for i in plan.inspection.issues if i.position]
    assert [(i.id, i.category, i.text, i.details, i.position, i.claimed_by) for i in imported[:2]] == [
        ("F1-1", "贯彻落实党的路线方针政策和县委决策部署方面",
         "学习贯彻习近平新时代中国特色社会主义思想不够深入",
         ["党委理论学习中心组学习流于形式，2025年以来集中研讨仅2次。"], "一、（一）1．", ["班子"]),
        ("F1-2", "贯彻落实党的路线方针政策和县委决策部署方面", "落实乡村振兴战略有差距",
         ["产业项目推进缓慢，3个村集体经济年收入不足5万元。",
          "镇级招商引资项目落地率低，2个签约项目至今未开工。"], "一、（一）2．", ["班子"]),
    ]
    # The spec's hand-typed F1 says word for word what 一、（三）1 says: it is adopted, claims and
    # all; F2 is not in the document and stays as it was.
    assert [i.id for i in imported] == ["F1-1", "F1-2", "F2-1", "F2-2", "F2-3", "F1", "F3-2"]
    assert [i.text for i in imported] == [p for _, _, ps in TOWNSHIP for _, p, _ in ps]
    assert imported[5].claimed_by == ["班子", "m1", "m2"]
    assert imported[5].category == "落实新时代党的组织路线方面"
    assert [(i.id, i.claimed_by) for i in plan.inspection.issues if not i.position] == [("F2", ["m3"])]
    assert [(s.id, s.text) for s in plan.inspection.suggestions] == [
        ("S1", "提高政治站位，扎实推进整改"), ("S2", "压紧压实管党治党政治责任"), ("S3", "加强基层党组织建设")]
    inspection = plan.inspection
    assert (inspection.group, inspection.round, inspection.feedback_date, inspection.feedback_title) == (
        "县委第一巡察组", "县委第十一轮巡察", dt.date(2026, 11, 27), "《县委第一巡察组关于巡察白沙镇党委的反馈意见》")
    text = small_spec.read_text("utf-8")
    assert text.startswith("# 一个最小的完整规格（测试用）\n")
    assert "F1-1" in out and "一、（一）1．" in out
    assert "新增 9 项，删除 0 项，修改 4 项" in err  # F1 adopted; date, round, title


def test_reimport_of_the_same_document_changes_nothing(small_spec: Path, tmp_path: Path) -> None:
    source = township(tmp_path)
    assert run("import", str(small_spec), "--feedback", str(source))[0] == 0
    once = small_spec.read_bytes()
    code, out, err = run("import", str(small_spec), "--feedback", str(source))
    assert code == 0 and out == "" and "没有变化" in err
    assert small_spec.read_bytes() == once
    # The .txt copy of the same text is the same document.
    code, _, err = run("import", str(small_spec), "--feedback", str(BUILDERS["township_txt"][0](tmp_path)))
    assert code == 0 and "没有变化" in err and small_spec.read_bytes() == once


def test_dry_run_shows_the_table_and_writes_nothing(small_spec: Path, tmp_path: Path) -> None:
    before = small_spec.read_bytes()
    code, out, err = run("import", str(small_spec), "--feedback", str(township(tmp_path)), "--dry-run")
    assert code == 0, err
    assert small_spec.read_bytes() == before
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in out.splitlines()
            if line.startswith("│")]
    assert rows[0] == ["新增", "F1-1", "一、（一）1．", "学习贯彻习近平新时代中国特色社会主义思想不够深入"]
    assert ["修改", "F1", "一、（三）1．", "基层党组织建设薄弱（category、details、position）"] in rows
    assert ["修改", "inspection.feedback_date", "", "2026-10-30 → 2026-11-27"] in rows
    assert "试运行" in err or "dry run" in err


def _revised(tmp_path: Path) -> Path:
    lines = list(TOWNSHIP_LINES)
    # Drop 一、（一）2, reword 一、（二）3, add a problem at the end of （三）.
    lines.remove("2．落实乡村振兴战略有差距。产业项目推进缓慢，3个村集体经济年收入不足5万元。")
    lines.remove("镇级招商引资项目落地率低，2个签约项目至今未开工。")
    lines[lines.index("3．违反中央八项规定精神问题仍有发生。公务接待超标准，白条入账3笔。")] = \
        "3．违反中央八项规定精神问题时有发生。公务接待超标准，白条入账3笔。"
    lines.insert(lines.index("2．发展党员程序不规范。") + 1, "3．党员教育管理偏松。")
    return write_lines(tmp_path / "修订稿.txt", lines)


def test_revised_document_reports_added_removed_changed(small_spec: Path, tmp_path: Path) -> None:
    assert run("import", str(small_spec), "--feedback", str(township(tmp_path)))[0] == 0
    code, out, err = run("import", str(small_spec), "--feedback", str(_revised(tmp_path)), "--lang", "en")
    assert code == 0, err
    rows = {tuple(c.strip() for c in line.split("│")[1:4]) for line in out.splitlines()
            if line.startswith("│")}
    assert ("removed", "F1-2", "一、（一）2．") in rows
    assert ("changed", "F2-3", "一、（二）3．") in rows
    assert ("added", "F3-3", "一、（三）3．") in rows
    assert "1 added, 1 removed, 1 changed" in err
    plan = load(small_spec).plan
    reworded = next(i for i in plan.inspection.issues if i.id == "F2-3")
    assert reworded.text == "违反中央八项规定精神问题时有发生"
    assert "F1-2" not in {i.id for i in plan.inspection.issues}


def test_dropping_a_claimed_problem_is_refused_unless_allowed(small_spec: Path, tmp_path: Path) -> None:
    assert run("import", str(small_spec), "--feedback", str(township(tmp_path)))[0] == 0
    text = small_spec.read_text("utf-8")
    # The team assigns F1-2 to m2, and a checklist item answers it.
    text = text.replace("position: 一、（一）2．\n      claimed_by: [班子]",
                        "position: 一、（一）2．\n      claimed_by: [班子, m2]")
    text = text.replace("source_ref: F2, owner: m3", "source_ref: F1-2, owner: m3")
    small_spec.write_text(text, "utf-8")
    assert load(small_spec).plan.checklist[1].source_ref == "F1-2"
    before = small_spec.read_bytes()
    code, _, err = run("import", str(small_spec), "--feedback", str(_revised(tmp_path)))
    assert code == 1
    assert "F1-2" in err and "李乡长" in err and "Z2" in err and "--allow-drop" in err
    assert small_spec.read_bytes() == before
    code, _, err = run("import", str(small_spec), "--feedback", str(_revised(tmp_path)), "--allow-drop",
                       "--by", "党政办", "--on", "2026-12-01")
    assert code == 0, err
    plan = load(small_spec).plan
    item = plan.checklist[1]
    assert item.source_ref is None
    assert (item.history[-1].field, item.history[-1].old, item.history[-1].by) == ("source_ref", "F1-2", "党政办")
    assert "Z2" in err


def test_a_hand_typed_problem_worded_like_the_document_is_adopted(small_spec: Path, tmp_path: Path) -> None:
    text = small_spec.read_text("utf-8").replace("text: 基层党组织建设薄弱", "text: 发展党员程序不规范")
    small_spec.write_text(text, "utf-8")
    code, _, err = run("import", str(small_spec), "--feedback", str(township(tmp_path)))
    assert code == 0, err
    issue = load(small_spec).plan.inspection.issues
    adopted = next(i for i in issue if i.id == "F1")
    assert (adopted.position, adopted.claimed_by) == ("一、（三）2．", ["班子", "m1", "m2"])
    assert "F3-2" not in {i.id for i in issue}


def test_import_keeps_comments_and_untouched_lines(small_spec: Path, tmp_path: Path) -> None:
    original = small_spec.read_text("utf-8").replace("feedback_date: 2026-10-30",
                                                     "feedback_date: 2026-10-30   # 反馈日期")
    small_spec.write_text(original, "utf-8")
    assert run("import", str(small_spec), "--feedback", str(township(tmp_path)))[0] == 0
    after = small_spec.read_text("utf-8")
    assert "feedback_date: 2026-11-27   # 反馈日期" in after
    head = original[:original.index("inspection:")]
    middle = original[original.index("meeting:"):original.index("checklist:")]
    unchanged = [*head.splitlines(), *middle.splitlines(), "  kind: 巡察", "  group: 县委第一巡察组",
                 "    - {id: F2, category: 全面从严治党, text: 落实主体责任不到位, claimed_by: [m3]}"]
    for line in unchanged:
        assert line in after


def test_spec_with_suggestions_loads_and_checklist_may_answer_one(small_spec_text: str) -> None:
    text = small_spec_text.replace(
        "\nmeeting:\n", "\n  suggestions:\n    - {id: S1, text: 压实管党治党责任}\nmeeting:\n", 1)
    text = text.replace("source_ref: F2,", "source_ref: S1,")
    plan = load_text(text).plan
    assert plan.checklist[1].source_ref == "S1"
    from rectimeet.errors import SpecError

    with pytest.raises(SpecError, match="S9"):
        load_text(text.replace("source_ref: S1,", "source_ref: S9,"))


def test_import_api_dry_run_and_result(small_spec: Path, tmp_path: Path) -> None:
    result = import_feedback(small_spec, county_bureau(tmp_path), dry_run=True)
    assert not result.written
    assert [c.id for c in result.changes if c.action == "added"][:3] == ["F1-1", "F1-2", "F2-1"]
    assert result.kept == ["F1", "F2"]
    assert result.plan.inspection.group == "县委第三巡察组"


def test_import_refusal_lists_every_blocked_problem(small_spec: Path, tmp_path: Path) -> None:
    import_feedback(small_spec, county_bureau(tmp_path))
    text = small_spec.read_text("utf-8").replace("claimed_by: [班子]", "claimed_by: [班子, m1]")
    small_spec.write_text(text, "utf-8")
    with pytest.raises(FeedbackImportError) as raised:
        import_feedback(small_spec, write_lines(tmp_path / "x.txt", [*COUNTY_BUREAU_LINES[:4],
                                                                     "（一）党的领导方面", "1．新问题。"]))
    assert [item_id for item_id, _ in raised.value.blocked] == ["F1-1", "F1-2", "F2-1", "F2-2", "F2-3",
                                                                "F3-1", "F3-2"]


# -- done when: new → import → check → build, the 整改清单 lists the problems word for word ------


def test_new_import_check_build_lists_the_problems_word_for_word(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    monkeypatch.setattr(plugins, "_HOST", None)  # the installed level plugins, as a clerk has them
    spec = tmp_path / "spec.yaml"
    assert run("new", "--level", "township", "-o", str(spec))[0] == 0
    source = township(tmp_path)
    code, _, err = run("import", str(spec), "--feedback", str(source))
    assert code == 0, err
    code, out, err = run("check", str(spec))
    assert code == 0, out + err  # warnings only: the clerk still assigns members and measures
    assert "CK105" in out
    out_dir = tmp_path / "out"
    code, out, err = run("build", str(spec), "-o", str(out_dir), "--only", "整改清单")
    assert code == 0, err
    [checklist] = list(out_dir.glob("*整改清单.docx"))
    document = docx.Document(str(checklist))
    cells = [seen(cell.text) for table in document.tables for row in table.rows for cell in row.cells]
    for _, _, problems in TOWNSHIP:
        for _, statement, details in problems:
            assert statement in cells
            assert "".join(details) in cells
    paragraphs = [seen(p.text) for p in document.paragraphs]
    assert "三、巡察反馈问题清单" in paragraphs
    # The scaffold's example problems (typed by hand) come first; the imported areas follow.
    headings = [p for p in paragraphs if p.startswith("（")]
    assert [h.split("）", 1)[1] for h in headings[-3:]] == [title for _, title, _ in TOWNSHIP]
    assert "1.提高政治站位，扎实推进整改。要把巡察整改作为重大政治任务，逐项制定整改措施。" in paragraphs


def test_unnumbered_problem_heading_with_areas_numbered_like_sections(tmp_path: Path) -> None:
    lines = ["市委第一巡察组关于巡察市水务局党组的反馈意见", "巡察发现的主要问题",
             "一、党的领导方面", "1．贯彻新发展理念有差距。", "二、党的建设方面", "1．支部建设薄弱。",
             "意见建议", "一是压实责任。", "市委第一巡察组", "2026年5月6日"]
    doc = parse(write_lines(tmp_path / "f.txt", lines))
    assert areas_of(doc) == [("一、", "党的领导方面", [("1．", "贯彻新发展理念有差距", [])]),
                             ("二、", "党的建设方面", [("1．", "支部建设薄弱", [])])]
    assert [p.position for p in doc.problems] == ["一、1．", "二、1．"]
    assert [s.statement for s in doc.suggestions] == ["压实责任"]


def test_a_line_break_inside_a_word_paragraph_separates_statement_and_details(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in ["关于巡察某某乡党委的反馈意见", "一、巡察发现的主要问题", "（一）党的建设方面"]:
        document.add_paragraph(line)
    paragraph = document.add_paragraph("1．组织生活不规范")
    paragraph.add_run().add_break()
    paragraph.add_run("2025年支部主题党日内容单一。")
    path = tmp_path / "br.docx"
    document.save(str(path))
    assert areas_of(parse(path)) == [("（一）", "党的建设方面",
                                      [("1．", "组织生活不规范", ["2025年支部主题党日内容单一。"])])]


def test_a_comment_ending_the_inspection_section_stays_at_its_end(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("unit:\n  name: 测试乡\n  level: test_level\n  members:\n"
                    "    - {id: m1, name: 张书记, role: 主要负责同志}\n"
                    "inspection:\n  group: 县委第一巡察组   # 巡察组\n  feedback_date: 2026-10-30\n"
                    "  # 反馈问题待导入\n\n# 三、会议安排 ----\nmeeting:\n  date: 2026-12-18\n", "utf-8")
    assert run("import", str(spec), "--feedback", str(township(tmp_path)))[0] == 0
    text = spec.read_text("utf-8")
    assert "  group: 县委第一巡察组   # 巡察组\n" in text
    assert text.index("claimed_by") < text.index("# 反馈问题待导入") < text.index("# 三、会议安排")
    assert "# 三、会议安排 ----\nmeeting:\n" in text
    assert len(load(spec).plan.inspection.issues) == 7


def test_sections_before_the_problems_open_and_after_them_close(tmp_path: Path) -> None:
    lines = ["县委第一巡察组关于巡察某某乡党委的反馈意见", "一、巡察工作开展情况", "巡察组进驻30天。",
             "二、巡察发现的主要问题", "（一）党的建设方面", "1．组织生活不规范。",
             "三、整改要求", "要认真整改。", "四、意见建议", "（一）压实责任。", "县委第一巡察组",
             "2026年11月27日"]
    doc = parse(write_lines(tmp_path / "f.txt", lines))
    assert doc.opening == ["一、巡察工作开展情况", "巡察组进驻30天。"]
    assert [p.position for p in doc.problems] == ["二、（一）1．"]
    assert doc.closing == ["三、整改要求", "要认真整改。", "县委第一巡察组", "2026年11月27日"]
    assert [s.statement for s in doc.suggestions] == ["压实责任"]


def test_numbered_problems_before_the_first_area_are_not_lost(tmp_path: Path) -> None:
    lines = ["关于巡察某某乡党委的反馈意见", "一、巡察发现的主要问题", "巡察发现以下问题：",
             "1．政治站位不高。", "（一）党的建设方面", "1．组织生活不规范。"]
    doc = parse(write_lines(tmp_path / "f.txt", lines))
    assert areas_of(doc) == [("", "", [("1．", "政治站位不高", [])]),
                             ("（一）", "党的建设方面", [("1．", "组织生活不规范", [])])]
