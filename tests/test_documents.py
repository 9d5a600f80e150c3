"""The document set: GB/T 9704 format, safe rendering, atomic output, consistency, overrides."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from conftest import SMALL_SPEC
from rectimeet import api, atomic
from rectimeet import spec as spec_mod
from rectimeet.documents import assembly, build_templates
from rectimeet.documents import pdf as pdf_mod
from rectimeet.documents.assembly import assemble, convert_pdf, safe_file_stem
from rectimeet.documents.authoring import TemplateWriter
from rectimeet.documents.builtin import DOCUMENTS
from rectimeet.documents.facts import PlanFacts
from rectimeet.documents.registry import select
from rectimeet.errors import BuildError, TemplateError
from rectimeet.hookspecs import LevelContext, hookimpl
from rectimeet.prepared import Prepared
from rectimeet.testing import host_with
from test_documents_support import NS, W, body_text, open_docx, part_xml, seen, table_text

AS_OF = dt.date(2026, 12, 20)


@pytest.fixture(scope="module")
def host() -> Any:
    return host_with()


@pytest.fixture(scope="module")
def prepared(host: Any) -> Prepared:
    return api.prepare(spec_mod.load_text(SMALL_SPEC).plan, host)


@pytest.fixture(scope="module")
def built(prepared: Prepared, host: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("docs")
    paths = assemble(prepared, out, host=host, as_of=AS_OF)
    return {p.name: p for p in paths}


def _by_name(built: dict[str, Path], name: str) -> Path:
    return next(p for n, p in built.items() if name in n)


# -- the set --------------------------------------------------------------------------------


def test_whole_set_is_written_with_chinese_file_names(built: dict[str, Path]) -> None:
    per_member = 3  # the small spec's team
    assert len(built) == len(DOCUMENTS) - 1 + per_member
    assert "测试乡党委巡察整改专题民主生活会实施方案.docx" in built
    assert "测试乡党委巡察整改专题民主生活会个人发言提纲（李乡长）.docx" in built


def test_documents_are_selected_by_id_or_chinese_name() -> None:
    assert [d.id for d in select(DOCUMENTS, ["实施方案", "checklist"])] == ["plan", "checklist"]
    with pytest.raises(BuildError, match="nope") as err:
        select(DOCUMENTS, ["nope"])
    assert str(err.value).startswith("未知的文书：nope；可选：plan（实施方案）、")
    assert err.value.render("en").startswith("unknown document nope; known: plan（实施方案）, ")


# -- GB/T 9704 page set-up and styles, read from the produced files -----------------------------


def _style(styles: Any, name: str) -> Any:
    found = styles.xpath(f"w:style[w:name/@w:val='{name}']", namespaces=NS)
    assert found, f"style {name} missing"
    return found[0]


def _attr(el: Any, path: str, attr: str) -> str | None:
    found = el.xpath(path, namespaces=NS)
    return found[0].get(f"{{{W}}}{attr}") if found else None


@pytest.mark.parametrize("doc_id", [d.id for d in DOCUMENTS])
def test_every_document_has_the_gbt9704_page_and_styles(built: dict[str, Path], doc_id: str) -> None:
    doc_type = next(d for d in DOCUMENTS if d.id == doc_id)
    path = next(p for n, p in built.items() if doc_type.name in n)
    open_docx(path)  # opens with python-docx
    document = part_xml(path, "word/document.xml")
    sect = document.xpath("//w:body/w:sectPr", namespaces=NS)[0]
    margins = {k: int(_attr(sect, "w:pgMar", k) or 0) for k in ("top", "bottom", "left", "right")}
    if doc_id == "checklist":  # eight columns: a landscape page (GB/T 9704 10.1), block turned
        assert _attr(sect, "w:pgSz", "w") == "16838" and _attr(sect, "w:pgSz", "h") == "11906"
        assert margins == {"top": 1587, "bottom": 1474, "left": 2098, "right": 1984}
    else:
        assert _attr(sect, "w:pgSz", "w") == "11906" and _attr(sect, "w:pgSz", "h") == "16838"  # A4
        assert margins == {"top": 2098, "bottom": 1984, "left": 1587, "right": 1474}  # 37/35/28/26 mm
    # A lines-only grid and runs condensed by 0.25 pt: 28 characters a line in Word, WPS and
    # LibreOffice alike (a negative charSpace makes LibreOffice set 13-16).
    assert _attr(sect, "w:docGrid", "type") == "lines"
    assert _attr(sect, "w:docGrid", "charSpace") is None
    assert _attr(sect, "w:docGrid", "linePitch") == "579"  # 28.95 pt: 22 lines
    footer_types = {el.get(f"{{{W}}}type") for el in sect.xpath("w:footerReference", namespaces=NS)}
    assert footer_types == {"default", "even"}  # 7.5: odd and even page numbers differ

    styles = part_xml(path, "word/styles.xml")
    defaults = styles.xpath("w:docDefaults/w:rPrDefault/w:rPr", namespaces=NS)[0]
    assert _attr(defaults, "w:lang", "eastAsia") == "zh-CN"
    assert _attr(defaults, "w:lang", "val") == "en-US"  # digits: LibreOffice never splits "2026"
    assert _attr(defaults, "w:spacing", "val") == "-5"
    assert _attr(defaults, "w:rFonts", "eastAsia") == "仿宋_GB2312"
    expected = {"公文标题": ("方正小标宋简体", "44"), "Normal": ("仿宋_GB2312", "32"),
                "一级标题": ("黑体", "32"), "二级标题": ("楷体_GB2312", "32"),
                "三级标题": ("仿宋_GB2312", "32"), "四级标题": ("仿宋_GB2312", "32"),
                "页码": ("宋体", "28")}
    for name, (font, size) in expected.items():
        style = _style(styles, name)
        assert _attr(style, "w:rPr/w:rFonts", "eastAsia") == font, name
        assert _attr(style, "w:rPr/w:rFonts", "ascii") == font, name
        assert _attr(style, "w:rPr/w:rFonts", "asciiTheme") is None, name
        assert _attr(style, "w:rPr/w:sz", "val") == size, name
        assert _attr(style, "w:rPr/w:lang", "eastAsia") == "zh-CN", name
    normal = _style(styles, "Normal")
    assert _attr(normal, "w:pPr/w:ind", "firstLineChars") == "200"  # 左空二字
    assert _attr(normal, "w:pPr/w:spacing", "lineRule") == "exact"
    assert _attr(normal, "w:pPr/w:spacing", "line") == "579"
    assert _attr(_style(styles, "公文表格"), "w:rPr/w:rFonts", "eastAsia") == "仿宋_GB2312"
    assert normal.xpath("w:pPr/w:widowControl", namespaces=NS)
    for heading in ("公文标题", "一级标题", "二级标题", "三级标题"):
        assert _style(styles, heading).xpath("w:pPr/w:keepNext", namespaces=NS), heading
    assert _attr(_style(styles, "四级标题"), "w:pPr/w:keepNext", "val") == "0"

    settings = part_xml(path, "word/settings.xml")
    assert settings.xpath("w:evenAndOddHeaders", namespaces=NS)
    with zipfile.ZipFile(path) as z:
        footers = [etree_text(z.read(n)) for n in z.namelist() if n.startswith("word/footer")]
    assert sorted(footers) == ["— PAGE 1 —", "— PAGE 1 —"]


def etree_text(xml: bytes) -> str:
    text = re.sub(r"<w:instrText[^>]*>\s*(\w+)\s*</w:instrText>", r"\1 ", xml.decode())
    return re.sub(r"<[^>]+>", "", text.split("?>", 1)[1]).strip()


def test_footers_put_odd_page_numbers_right_and_even_left(built: dict[str, Path]) -> None:
    path = _by_name(built, "实施方案")
    doc = open_docx(path)
    section = doc.sections[0]
    assert section.footer.paragraphs[0].alignment == 2  # right
    assert section.even_page_footer.paragraphs[0].alignment == 0  # left


def test_numbering_is_text_not_word_auto_numbering(built: dict[str, Path]) -> None:
    for path in built.values():
        xml = part_xml(path, "word/document.xml")
        assert not xml.xpath("//w:numPr", namespaces=NS), path.name
    text = body_text(_by_name(built, "实施方案"))
    for heading in ("一、会议主题", "四、会前准备", "七、有关要求"):
        assert heading in text
    assert re.search(r"^（一）", text, re.M) and re.search(r"^1\.", text, re.M)


# -- templates ----------------------------------------------------------------------------------


def test_committed_templates_equal_a_fresh_build(tmp_path: Path) -> None:
    fresh = build_templates.build_all(tmp_path)
    for path in fresh:
        committed = build_templates.TEMPLATE_DIR / path.name
        with zipfile.ZipFile(path) as new, zipfile.ZipFile(committed) as old:
            assert new.namelist() == old.namelist(), path.name
            for member in new.namelist():
                assert new.read(member) == old.read(member), f"{path.name}:{member} differs; run " \
                    "python -m rectimeet.documents.build_templates"


def test_every_jinja_tag_of_every_template_sits_in_one_run() -> None:
    for name in build_templates.BUILDERS:
        xml = part_xml(build_templates.TEMPLATE_DIR / name, "word/document.xml")
        for paragraph in xml.iter(f"{{{W}}}p"):
            runs = ["".join(t.text or "" for t in r.iter(f"{{{W}}}t")) for r in paragraph.iter(f"{{{W}}}r")]
            joined = "".join(runs)
            for opener, closer in (("{{", "}}"), ("{%", "%}")):
                in_runs = sum(r.count(opener) for r in runs)
                assert joined.count(opener) == in_runs == sum(r.count(closer) for r in runs), (name, joined)
            assert not re.search(r"\{[{%][^}%]*[“”‘’]", joined), (name, joined)  # no AutoCorrect quotes


# -- rendering safety ---------------------------------------------------------------------------


def _template_with(tmp_path: Path, file_name: str, *lines: str) -> Path:
    writer = TemplateWriter()
    for line in lines:
        writer.para(line)
    directory = tmp_path / "templates"
    writer.save(directory / file_name)
    return directory


@pytest.mark.parametrize("field", ["no_such_field", "meeting.no_such_attribute"])
def test_unknown_field_names_template_and_field(prepared: Prepared, host: Any, tmp_path: Path,
                                                 field: str) -> None:
    templates = _template_with(tmp_path, "plan.docx", "{{ doc.title }}", "{{ " + field + " }}")
    out = tmp_path / "out"
    with pytest.raises(TemplateError) as err:
        assemble(prepared, out, ["plan", "notice"], [templates], host=host, as_of=AS_OF)
    assert "plan.docx" in str(err.value)
    assert field.rsplit(".", 1)[-1] in str(err.value)
    assert "不存在的字段" in str(err.value) and "uses unknown field" in err.value.render("en")
    assert not out.exists() or not any(out.iterdir())  # nothing half-built


def test_syntax_error_in_a_user_template_is_a_template_error(prepared: Prepared, host: Any,
                                                           tmp_path: Path) -> None:
    templates = _template_with(tmp_path, "notice.docx", "{% if %}")
    with pytest.raises(TemplateError, match=re.escape("notice.docx")) as err:
        assemble(prepared, tmp_path / "out", ["notice"], [templates], host=host, as_of=AS_OF)
    assert "语法错误" in str(err.value) and "Jinja syntax error" in err.value.render("en")


def test_sandbox_refuses_unsafe_attribute_access(prepared: Prepared, host: Any, tmp_path: Path) -> None:
    templates = _template_with(tmp_path, "notice.docx", "{{ doc.__class__.__mro__ }}")
    with pytest.raises(TemplateError):
        assemble(prepared, tmp_path / "out", ["notice"], [templates], host=host, as_of=AS_OF)


def test_values_are_text_never_markup_or_code(prepared: Prepared, host: Any, tmp_path: Path) -> None:
    tricky = 'A&B <b>粗</b> "引号" \'单\' {{ 7*7 }} {% if x %} {_{ 第一行\n第二行\t尾'
    plan = prepared.plan.model_copy(deep=True)
    plan.meeting.venue = tricky
    plan.unit.org_name = tricky
    again = api.prepare(plan, host)
    paths = assemble(again, tmp_path, ["plan", "notice"], host=host, as_of=AS_OF)
    for path in paths:
        text = body_text(path)
        assert tricky in text
        assert "49" not in text.replace(tricky, "")
        assert tricky in open_docx(path).core_properties.title


# -- atomic output ------------------------------------------------------------------------------


def test_a_failure_mid_build_leaves_no_file_and_keeps_the_old_one(
        prepared: Prepared, host: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "测试乡党委巡察整改专题民主生活会实施方案.docx"
    target.write_bytes(b"old")
    real = assembly.render_document
    calls = {"n": 0}

    def failing(*args: Any, **kwargs: Any) -> bytes:
        calls["n"] += 1
        if calls["n"] == 3:
            raise TemplateError("simulated failure")
        return real(*args, **kwargs)

    monkeypatch.setattr(assembly, "render_document", failing)
    with pytest.raises(TemplateError):
        assemble(prepared, tmp_path, host=host, as_of=AS_OF)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_a_failure_while_writing_leaves_the_old_file_intact(
        prepared: Prepared, host: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "测试乡党委巡察整改专题民主生活会实施方案.docx"
    target.write_bytes(b"old")

    def broken_replace(src: Any, dst: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(OSError):
        assemble(prepared, tmp_path, ["plan"], host=host, as_of=AS_OF)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temporary left


# -- consistency and content ----------------------------------------------------------------------


def test_documents_of_one_build_agree(prepared: Prepared, built: dict[str, Path]) -> None:
    facts = PlanFacts(prepared, AS_OF)
    texts = {name: body_text(path) for name, path in built.items()}
    meeting_date = facts.meeting.date_weekday
    for doc in ("实施方案", "会议通知", "会议议程和主持词"):
        assert meeting_date in texts[_by_name(built, doc).name]
    assert facts.meeting.date_text in texts[_by_name(built, "情况报告").name]
    for member in prepared.plan.unit.members:
        for doc in ("实施方案", "会议通知", "征求意见表", "整改清单", "会议议程和主持词"):
            assert member.name in texts[_by_name(built, doc).name], (member.name, doc)
    talks_due = facts.due("talks")
    assert talks_due in texts[_by_name(built, "实施方案").name]
    assert talks_due in texts[_by_name(built, "谈心谈话安排表").name]
    talk_rows = table_text(_by_name(built, "谈心谈话安排表")).count("未谈") + \
        table_text(_by_name(built, "谈心谈话安排表")).count("已谈")
    assert talk_rows == len(prepared.talks)
    assert f"共安排{len(prepared.talks)}次" in texts[_by_name(built, "实施方案").name]
    total = len(prepared.plan.checklist)
    assert f"整改清单共{total}项" in texts[_by_name(built, "情况报告").name]
    assert f"整改清单共{total}项" in texts[_by_name(built, "整改清单").name]
    assert f"{total}项整改任务" in texts[_by_name(built, "整改情况报告").name]
    report_due = facts.due("report")
    for doc in ("实施方案", "报送及归档材料清单", "情况报告"):
        assert report_due in texts[_by_name(built, doc).name], doc


def test_outlines_are_skeletons_with_the_persons_own_issues(prepared: Prepared,
                                                            built: dict[str, Path]) -> None:
    text = body_text(_by_name(built, "个人发言提纲（王委员）"))
    assert "落实主体责任不到位" in text  # claimed by m3
    assert "基层党组织建设薄弱" not in text.split("四、")[0]  # not claimed by m3
    assert "【本人撰写" in text
    assert "王委员同志" not in text.split("四、")[1].split("五、")[0]  # criticism from others only
    assert "张书记同志提出2条" in text and "李乡长同志提出2条" in text
    team = body_text(_by_name(built, "领导班子对照检查材料提纲"))
    assert "基层党组织建设薄弱" in team and "落实主体责任不到位" not in team.split("二、")[0]


def test_host_script_goes_team_first_then_principal_then_members(built: dict[str, Path]) -> None:
    text = body_text(_by_name(built, "会议议程和主持词")).split("二、主持词")[1]
    team = text.index("代表领导班子作对照检查")
    # 张书记 chairs: he speaks for himself ("下面，我……"), never "请张书记同志".
    order = [text.index("下面，我作个人对照检查。【张书记同志发言】"),
             *(text.index(f"请{name}同志作个人对照检查") for name in ("李乡长", "王委员"))]
    assert team < order[0] < order[1] < order[2]
    assert "请张书记同志" not in text
    assert "【请李乡长、王委员同志依次提出批评意见】" in text


def test_file_names_are_safe_and_bounded() -> None:
    assert safe_file_stem('a/b\\c:d*e?f"g<h>i|j\nk') == "a_b_c_d_e_f_g_h_i_j_k"
    capped = safe_file_stem("长" * 300)
    assert len(f"{capped}.docx".encode()) <= assembly.MAX_NAME_BYTES
    # Capping keeps both ends and never maps two titles to one name.
    a, b = safe_file_stem("甲" + "长" * 300 + "张三"), safe_file_stem("甲" + "长" * 300 + "李四")
    assert a.startswith("甲长") and "张三" in a and "李四" in b and a != b
    assert safe_file_stem("..") == "_"


# -- template lookup order ----------------------------------------------------------------------


def test_explicit_templates_win_over_plugin_templates_over_built_in(prepared: Prepared,
                                                                   tmp_path: Path) -> None:
    plugin_dir = _template_with(tmp_path / "plugin", "notice.docx", "来自插件的模板 {{ org.name }}")
    user_dir = _template_with(tmp_path / "user", "notice.docx", "来自用户的模板 {{ org.name }}")

    class TemplatePlugin:
        @hookimpl
        def rectimeet_template_dirs(self, ctx: LevelContext) -> list[Path]:
            return [plugin_dir]

    host = host_with(TemplatePlugin())
    [built_in] = assemble(prepared, tmp_path / "a", ["plan"], host=host, as_of=AS_OF)
    assert "一、会议主题" in body_text(built_in)
    [from_plugin] = assemble(prepared, tmp_path / "b", ["notice"], host=host, as_of=AS_OF)
    assert body_text(from_plugin) == "来自插件的模板 测试乡党委"
    [from_user] = assemble(prepared, tmp_path / "c", ["notice"], [user_dir], host=host, as_of=AS_OF)
    assert body_text(from_user) == "来自用户的模板 测试乡党委"


# -- PDF ----------------------------------------------------------------------------------------


def test_pdf_without_libreoffice_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    monkeypatch.setattr(pdf_mod.shutil, "which", lambda name: None)
    with pytest.raises(BuildError, match="libreoffice-writer-nogui fonts-noto-cjk") as err:
        convert_pdf([tmp_path / "x.docx"], tmp_path)
    assert "尚未安装" in str(err.value) and "which is not installed" in err.value.render("en")


def test_bold_headings_house_style(tmp_path: Path) -> None:
    """documents.bold_headings bolds the 楷体/仿宋 heading styles; off by default (GB/T 9704)."""
    import docx

    from rectimeet import api
    from rectimeet.spec import load

    loaded = load(Path(__file__).resolve().parent.parent / "src" / "rectimeet" / "data" / "demo.yaml")
    plain = api.assemble(loaded.plan, tmp_path / "plain", ["plan"])
    bold_plan = loaded.plan.model_copy(
        update={"documents": loaded.plan.documents.model_copy(update={"bold_headings": True})})
    bold = api.assemble(bold_plan, tmp_path / "bold", ["plan"])
    assert not docx.Document(str(plain[0])).styles["二级标题"].font.bold
    styles = docx.Document(str(bold[0])).styles
    assert styles["二级标题"].font.bold and styles["三级标题"].font.bold
    assert not styles["一级标题"].font.bold


def test_imprecise_deadlines_print_as_written() -> None:
    from rectimeet.documents.facts import until as _until

    assert _until("2026年12月4日") == "2026年12月4日前"
    for text in ("11月初", "11月上旬", "12月底", "12月10日前", "会后15日内"):
        assert _until(text) == text


def test_meeting_date_text_is_announced_as_written(tmp_path: Path) -> None:
    """plan01 announces its meeting as 7月上旬: documents say so, the timeline still counts."""
    import docx

    from rectimeet import api
    from rectimeet.spec import load

    plan = load(Path(__file__).resolve().parent.parent / "examples" / "plan01.yaml").plan
    assert plan.meeting.date_text == "2026年7月上旬"
    (path,) = api.assemble(plan, tmp_path, ["plan"])
    text = "\n".join(seen(p.text) for p in docx.Document(str(path)).paragraphs)
    assert "2026年7月上旬" in text and "2026年7月7日（星期二）" not in text
