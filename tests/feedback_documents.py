"""Realistic feedback documents (巡视巡察反馈意见) built in code with python-docx, and what each
one says, area by area.

Each builder returns the path it wrote; ``EXPECTED[name]`` is ``[(area label, area title,
[(problem label, statement, details)])]``. The units and people are invented.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

Expected = list[tuple[str, str, list[tuple[str, str, list[str]]]]]

# -- Word automatic numbering ------------------------------------------------------------------


def add_abstract_list(document: object, levels: list[tuple[str, str]]) -> str:
    """Add an abstract list with ``levels`` [(numFmt, lvlText)]; return its id."""
    numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    used = [int(a.get(f"{{{W}}}abstractNumId")) for a in numbering.iter(f"{{{W}}}abstractNum")]
    abstract_id = str(max(used, default=0) + 1)
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels))
    element = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                        f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
    first_num = numbering.find(f"{{{W}}}num")
    if first_num is not None:
        first_num.addprevious(element)
    else:
        numbering.append(element)
    return abstract_id


def add_num(document: object, abstract_id: str, restart: dict[int, int] | None = None) -> str:
    """A list instance (w:num) of the abstract list; ``restart`` gives startOverride by level."""
    numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    used = [int(n.get(f"{{{W}}}numId")) for n in numbering.iter(f"{{{W}}}num")]
    num_id = str(max(used, default=0) + 1)
    overrides = "".join(f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/>'
                        f"</w:lvlOverride>" for lvl, start in (restart or {}).items())
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                               f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'))
    return num_id


def numbered(document: object, text: str, num_id: str, ilvl: int = 0) -> None:
    paragraph = document.add_paragraph(text)  # type: ignore[attr-defined]
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/>'
                         f'<w:numId w:val="{num_id}"/></w:numPr>'))


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _doc(lines: list[str]) -> docx.document.Document:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    return document


# -- 1. 乡镇 · 巡察 · 1．numbering, multi-paragraph problems, （1） details ------------------

TOWNSHIP_LINES = [
    "县委第一巡察组",
    "关于巡察白沙镇党委的反馈意见",
    "中共白沙镇委员会：",
    "根据县委统一部署，2026年9月8日至10月24日，县委第一巡察组对白沙镇党委开展了县委第十一轮巡察"
    "常规巡察。巡察组认为，镇党委能够贯彻落实上级决策部署，各项工作取得了一定成效。同时，巡察"
    "也发现了一些问题。现将巡察情况反馈如下。",
    "一、巡察发现的主要问题",
    "（一）贯彻落实党的路线方针政策和县委决策部署方面",
    "1．学习贯彻习近平新时代中国特色社会主义思想不够深入。党委理论学习中心组学习流于形式，"
    "2025年以来集中研讨仅2次。",
    "2．落实乡村振兴战略有差距。产业项目推进缓慢，3个村集体经济年收入不足5万元。",
    "镇级招商引资项目落地率低，2个签约项目至今未开工。",
    "（二）落实全面从严治党战略部署方面",
    "1．“两个责任”落实不到位。",
    "（1）党委书记第一责任人职责履行不充分，对班子成员廉政谈话走过场。",
    "（2）纪委监督执纪“四种形态”运用不够，第一种形态占比偏低。",
    "2．村级小微权力监督缺位。村务公开不及时，石桥村2025年第三季度财务未公开。",
    "3．违反中央八项规定精神问题仍有发生。公务接待超标准，白条入账3笔。",
    "（三）落实新时代党的组织路线方面",
    "1．基层党组织建设薄弱。“三会一课”记录不全，2个村党支部组织生活会未按时召开。",
    "2．发展党员程序不规范。",
    "巡察期间，巡察组共收到反映问题线索4件，已按有关规定移交县纪委监委等单位处理。",
    "二、意见建议",
    "（一）提高政治站位，扎实推进整改。要把巡察整改作为重大政治任务，逐项制定整改措施。",
    "（二）压紧压实管党治党政治责任。要严格落实“两个责任”。",
    "（三）加强基层党组织建设。",
    "请白沙镇党委在收到反馈意见后两个月内，将整改情况报告报送县委巡察办。",
    "县委第一巡察组",
    "2026年11月27日",
]

TOWNSHIP: Expected = [
    ("（一）", "贯彻落实党的路线方针政策和县委决策部署方面", [
        ("1．", "学习贯彻习近平新时代中国特色社会主义思想不够深入",
         ["党委理论学习中心组学习流于形式，2025年以来集中研讨仅2次。"]),
        ("2．", "落实乡村振兴战略有差距",
         ["产业项目推进缓慢，3个村集体经济年收入不足5万元。",
          "镇级招商引资项目落地率低，2个签约项目至今未开工。"]),
    ]),
    ("（二）", "落实全面从严治党战略部署方面", [
        ("1．", "“两个责任”落实不到位",
         ["（1）党委书记第一责任人职责履行不充分，对班子成员廉政谈话走过场。",
          "（2）纪委监督执纪“四种形态”运用不够，第一种形态占比偏低。"]),
        ("2．", "村级小微权力监督缺位", ["村务公开不及时，石桥村2025年第三季度财务未公开。"]),
        ("3．", "违反中央八项规定精神问题仍有发生", ["公务接待超标准，白条入账3笔。"]),
    ]),
    ("（三）", "落实新时代党的组织路线方面", [
        ("1．", "基层党组织建设薄弱", ["“三会一课”记录不全，2个村党支部组织生活会未按时召开。"]),
        ("2．", "发展党员程序不规范", []),
    ]),
]


def township(directory: Path) -> Path:
    path = directory / "白沙镇反馈意见.docx"
    _doc(TOWNSHIP_LINES).save(str(path))
    return path


def township_txt(directory: Path) -> Path:
    """The same text, as a clerk's .txt copy (GB18030, CRLF line ends, blank lines)."""
    path = directory / "白沙镇反馈意见.txt"
    path.write_bytes("\r\n\r\n".join(TOWNSHIP_LINES).encode("gb18030"))
    return path


# -- 2. 县直部门 · 巡察 · 一是/二是 sentences ---------------------------------------------

COUNTY_BUREAU_LINES = [
    "县委第三巡察组关于巡察县交通运输局党组的反馈意见",
    "县交通运输局党组：",
    "2026年4月至5月，县委第三巡察组对县交通运输局党组开展了常规巡察。现将巡察情况反馈如下。",
    "一、巡察发现的主要问题",
    "（一）党的领导方面。一是贯彻落实县委交通强县部署不够有力，农村公路建设任务完成率仅78%。"
    "二是落实意识形态工作责任制不到位；局党组专题研究意识形态工作仅1次。",
    "（二）党的建设方面",
    "一是党组会议制度执行不严格，“三重一大”事项未经集体研究即作决定。二是干部队伍建设有短板，"
    "中层干部年龄结构老化。",
    "三是机关党支部组织生活不规范。",
    "2025年以来主题党日活动内容单一，学习记录雷同。",
    "（三）全面从严治党方面",
    "一是工程项目监管存在廉政风险，2个项目存在先施工后招标问题。二是落实中央八项规定精神有差距，"
    "公车使用登记不全。",
    "二、整改意见建议",
    "1．强化政治担当。局党组要切实担起巡察整改主体责任。",
    "2．健全制度机制。",
    "三、移交问题线索情况",
    "巡察期间，巡察组收到问题线索2件，已移交县纪委监委。",
    "县委第三巡察组",
    "2026年6月12日",
]

COUNTY_BUREAU: Expected = [
    ("（一）", "党的领导方面", [
        ("一是", "贯彻落实县委交通强县部署不够有力，农村公路建设任务完成率仅78%", []),
        ("二是", "落实意识形态工作责任制不到位", ["局党组专题研究意识形态工作仅1次。"]),
    ]),
    ("（二）", "党的建设方面", [
        ("一是", "党组会议制度执行不严格，“三重一大”事项未经集体研究即作决定", []),
        ("二是", "干部队伍建设有短板，中层干部年龄结构老化", []),
        ("三是", "机关党支部组织生活不规范", ["2025年以来主题党日活动内容单一，学习记录雷同。"]),
    ]),
    ("（三）", "全面从严治党方面", [
        ("一是", "工程项目监管存在廉政风险，2个项目存在先施工后招标问题", []),
        ("二是", "落实中央八项规定精神有差距，公车使用登记不全", []),
    ]),
]


def county_bureau(directory: Path) -> Path:
    path = directory / "交通运输局反馈意见.docx"
    _doc(COUNTY_BUREAU_LINES).save(str(path))
    return path


# -- 3. 学校 · 巡察 · problems in a table ----------------------------------------------------

SCHOOL_ROWS = [
    ("1", "党的领导", "落实党组织领导的校长负责制不到位", "党组织会议和校长办公会议事规则未修订。\n重大事项会前沟通不充分。"),
    ("2", "党的领导", "思政课教师队伍建设滞后", "专职思政课教师缺2名。"),
    ("3", "党的建设", "教师党支部“双带头人”培育不足", ""),
    ("4", "全面从严治党", "食堂采购管理不规范", "食材采购未按规定比价，2025年采购台账缺失3个月。"),
]


def school(directory: Path) -> Path:
    document = _doc([
        "县教育局党组第二巡察组",
        "关于巡察县第一中学党委的反馈意见",
        "县第一中学党委：",
        "按照县教育局党组巡察工作安排，县教育局党组第二巡察组于2026年3月对县第一中学党委进行了"
        "专项巡察。现将有关情况反馈如下。",
        "一、巡察发现的主要问题",
        "巡察发现的主要问题如下表：",
    ])
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ("序号", "问题类别", "存在问题", "具体表现"),
                          strict=True):
        cell.text = text
    first_area_row = None
    for number, area, problem, details in SCHOOL_ROWS:
        row = table.add_row()
        row.cells[0].text = number
        row.cells[2].text = problem
        if details:
            row.cells[3].text = details
        if first_area_row is not None and first_area_row[1] == area:
            # Word users merge the category cell down over its rows.
            merged = first_area_row[0].merge(row.cells[1])
            merged.text = area
        else:
            row.cells[1].text = area
            first_area_row = (row.cells[1], area)
    for line in ["二、意见建议", "（一）全面加强党的领导。", "（二）从严加强食堂管理。",
                 "请学校党委于两个月内报送整改情况报告。", "县教育局党组第二巡察组", "二〇二六年四月十日"]:
        document.add_paragraph(line)
    path = directory / "第一中学反馈意见.docx"
    document.save(str(path))
    return path


SCHOOL: Expected = [
    ("（一）", "党的领导", [
        ("1", "落实党组织领导的校长负责制不到位",
         ["党组织会议和校长办公会议事规则未修订。", "重大事项会前沟通不充分。"]),
        ("2", "思政课教师队伍建设滞后", ["专职思政课教师缺2名。"]),
    ]),
    ("（二）", "党的建设", [("3", "教师党支部“双带头人”培育不足", [])]),
    ("（三）", "全面从严治党", [
        ("4", "食堂采购管理不规范", ["食材采购未按规定比价，2025年采购台账缺失3个月。"]),
    ]),
]


# -- 4. 省直厅局 · 巡视 · Word automatic list numbering ---------------------------------------

def provincial_department(directory: Path) -> Path:
    document = _doc([
        "省委第五巡视组关于巡视省交通运输厅党组的反馈意见",
        "省交通运输厅党组：",
        "根据省委巡视工作领导小组统一部署，2026年3月至5月，省委第五巡视组对省交通运输厅党组进行了"
        "常规巡视。现将巡视情况反馈如下。",
    ])
    outline = add_abstract_list(document, [("chineseCounting", "%1、"),
                                           ("chineseCounting", "（%2）"),
                                           ("decimalFullWidth", "%3．")])
    num = add_num(document, outline)
    numbered(document, "巡视发现的主要问题", num, 0)
    numbered(document, "贯彻落实党中央决策部署和省委工作要求方面", num, 1)
    numbered(document, "推动交通强省建设统筹谋划不够。重大项目前期工作滞后，3个项目未按期开工。", num, 2)
    numbered(document, "落实安全生产责任有差距。", num, 2)
    document.add_paragraph("对重点领域安全隐患排查不彻底，2025年发生较大事故1起。")
    numbered(document, "落实全面从严治党“两个责任”方面", num, 1)
    numbered(document, "党组主体责任压得不实。对下属单位廉政风险防控督导不够。", num, 2)
    numbered(document, "工程建设领域腐败问题易发多发。", num, 2)
    numbered(document, "意见建议", num, 0)
    numbered(document, "坚决扛起巡视整改政治责任。", num, 1)
    document.add_paragraph("请省交通运输厅党组在收到反馈意见后两个月内报送整改情况报告。")
    document.add_paragraph("省委第五巡视组")
    document.add_paragraph("2026年6月30日")
    path = directory / "交通运输厅反馈意见.docx"
    document.save(str(path))
    return path


PROVINCIAL_DEPARTMENT: Expected = [
    ("（一）", "贯彻落实党中央决策部署和省委工作要求方面", [
        ("１．", "推动交通强省建设统筹谋划不够", ["重大项目前期工作滞后，3个项目未按期开工。"]),
        ("２．", "落实安全生产责任有差距", ["对重点领域安全隐患排查不彻底，2025年发生较大事故1起。"]),
    ]),
    ("（二）", "落实全面从严治党“两个责任”方面", [
        ("１．", "党组主体责任压得不实", ["对下属单位廉政风险防控督导不够。"]),
        ("２．", "工程建设领域腐败问题易发多发", []),
    ]),
]


# -- 5. 市 · 巡视 · half-width (1) numbering, 回头看, a date in Chinese numerals -----------------

CITY_LINES = [
    "省委第二巡视组关于对云溪市委巡视“回头看”的反馈意见",
    "云溪市委：",
    "2026年8月，省委第二巡视组对云溪市委开展了巡视“回头看”。现将有关情况反馈如下：",
    "一、发现的主要问题",
    "(一)上轮巡视整改方面",
    "(1)整改主体责任落实不到位。",
    "市委常委会研究巡视整改工作不经常。",
    "部分整改措施落实打折扣，2项整改任务未按期完成。",
    "(2)长效机制建设滞后。",
    "(二)选人用人方面",
    "(1)干部选拔任用程序不严格。",
    "二、意见和建议",
    "要把巡视“回头看”整改作为检验“四个意识”的重要标尺。",
    "三、问题线索移交",
    "巡视中收到的问题线索6件，已按规定移交省纪委监委。",
    "请在收到反馈意见后两个月内报送整改情况报告。",
    "省委第二巡视组",
    "二〇二六年十月十五日",
]

CITY: Expected = [
    ("（一）", "上轮巡视整改方面", [
        ("(1)", "整改主体责任落实不到位",
         ["市委常委会研究巡视整改工作不经常。", "部分整改措施落实打折扣，2项整改任务未按期完成。"]),
        ("(2)", "长效机制建设滞后", []),
    ]),
    ("（二）", "选人用人方面", [("(1)", "干部选拔任用程序不严格", [])]),
]


def city(directory: Path) -> Path:
    path = directory / "云溪市委回头看反馈意见.docx"
    _doc(CITY_LINES).save(str(path))
    return path


# -- 6. 乡镇 · 专项巡察 · half-width "1." and full-width "（1）" problems, no areas ------------

SPECIAL_LINES = [
    "县委第二巡察组关于对石门乡党委开展乡村振兴领域专项巡察的反馈意见",
    "根据县委安排，县委第二巡察组于2026年5月对石门乡党委开展了专项巡察。",
    "一、巡察发现的主要问题",
    "1.衔接资金项目管理不规范。",
    "2.产业帮扶项目效益不高。（1）2个合作社长期停产。（2）扶贫车间闲置。",
    "3.防返贫动态监测不到位。",
    "二、意见建议",
    "一是压实责任。二是健全机制。",
    "县委第二巡察组",
    "2026年7月3日",
]

SPECIAL: Expected = [
    ("", "", [
        ("1.", "衔接资金项目管理不规范", []),
        ("2.", "产业帮扶项目效益不高", ["（1）2个合作社长期停产。（2）扶贫车间闲置。"]),
        ("3.", "防返贫动态监测不到位", []),
    ]),
]


def special(directory: Path) -> Path:
    path = directory / "石门乡专项巡察反馈意见.docx"
    _doc(SPECIAL_LINES).save(str(path))
    return path


BUILDERS: dict[str, tuple[Callable[[Path], Path], Expected]] = {
    "township": (township, TOWNSHIP),
    "township_txt": (township_txt, TOWNSHIP),
    "county_bureau": (county_bureau, COUNTY_BUREAU),
    "school": (school, SCHOOL),
    "provincial_department": (provincial_department, PROVINCIAL_DEPARTMENT),
    "city": (city, CITY),
    "special": (special, SPECIAL),
}
