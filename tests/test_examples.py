"""The ten real plans reproduced as specs (examples/planNN.yaml), checked and built.

Each example must load, check with no errors, and build into a 实施方案 that says what the real
plan says. The expected facts below are read off the real plans' texts (not published with the project), not
copied from the specs: if a spec, a level plugin or the template drops or reorders something the
real plan states, these tests fail. Facts are matched as key phrases inside the right section of
the generated document, so wording may differ from the seed but content and order may not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from rectimeet import api
from rectimeet.cli import main
from rectimeet.spec import LoadedSpec, load
from test_documents_support import seen

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@dataclass(frozen=True)
class Seed:
    """What one real plan states, as key phrases (each drawn from the seed text)."""

    level: str
    inspection: str
    """巡视 or 巡察."""
    when: tuple[str, ...]
    """How long / which half-day, as the document must state it."""
    guides: tuple[str, ...] = ()
    observers: tuple[str, ...] = ()
    venue: str = ""
    agenda: tuple[str, ...] = ()
    """Agenda items, in the plan's order."""
    study: tuple[str, ...] = ()
    """Study items, in the plan's order."""
    report_to: tuple[str, ...] = ()
    """Recipients of the after-meeting report."""
    elsewhere: tuple[str, ...] = ()
    """Other facts the plan states that the document must carry somewhere."""
    headings: tuple[str, ...] = ()
    """The plan's own top-level headings (一、二、…), in order, without their numbers."""
    where: tuple[tuple[str, str], ...] = ()
    """Which heading (by a key word) holds each kind of fact, where it is not the usual one:
    when (时间), venue (时间), people (人员), agenda (议程), study (准备), after (会后)."""

    def place(self, kind: str) -> str:
        usual = {"when": "时间", "venue": "时间", "people": "人员", "agenda": "议程", "study": "准备",
                 "after": "会后"}
        return dict(self.where).get(kind, usual[kind])


SEEDS: dict[str, Seed] = {
    "plan01": Seed(
        level="township", inspection="巡察", when=(),
        guides=("督导组",),
        agenda=("代表班子作对照检查", "自我批评", "督导组"),
        study=("习近平新时代中国特色社会主义思想", "巡察工作", "河南", "专项检查报告"),
        elsewhere=("中层以上干部", "村党支部", "选人用人", "牌友圈", "题词题字"),
        headings=('专题民主生活会主题', '专题民主生活会会前打算', '召开专题民主生活会', '专题民主生活会会后工作'),
        where=(('when', '召开'), ('people', '召开'), ('agenda', '召开'), ('study', '会前')),
    ),
    "plan03": Seed(
        level="county_bureau", inspection="巡察", when=("上午",),
        guides=("县委组织部", "县委巡察办", "第四纪检监察组"),
        observers=("副科级以上党员干部",), venue="党员活动室",
        agenda=("准备情况", "代表班子作检视剖析", "依次进行检视剖析", "点评"),
        study=("意识形态工作", "治国理政", "巡视工作条例", "民主生活会若干规定", "第五次全体会议",
               "最新重要讲话", "有关要求"),
        report_to=("县纪委监委", "县委组织部", "县委巡察办", "第四纪检监察组"),
        elsewhere=("个别约谈", "征求意见表", "整改清单"),
        headings=('聚焦“县委第一巡察组巡察反馈意见整改”主题', '充分做好会前准备', '认真组织召开民主生活会', '抓好问题整改和通报工作', '有关要求'),
        where=(('when', '召开'), ('venue', '召开'), ('people', '召开'), ('agenda', '召开'), ('after', '通报')),
    ),
    "plan04": Seed(
        level="provincial_department", inspection="巡视", when=("半天",), venue="会议室",
        agenda=("代表班子作对照检查",),
        study=("习近平新时代中国特色社会主义思想", "中央政治局", "应急管理工作", "中国共产党章程",
               "巡视工作条例", "党内政治生活", "选拔任用工作条例", "责任追究办法", "主题教育"),
        elsewhere=("以班子问题代替个人问题", "廉政", "公开"),
        headings=('民主生活会主题', '认真学习相关内容', '梳理检视问题', '严肃开展批评和自我批评', '抓好问题整改', '会议时间', '会议地点'),
        where=(('venue', '地点'), ('agenda', '批评'), ('study', '学习'), ('after', '整改')),
    ),
    "plan05": Seed(
        level="municipal_government", inspection="巡视", when=("会期一天", "上午", "下午"),
        guides=("市纪委监委", "组织部"), observers=("副市长", "主任"), venue="会议室",
        agenda=("对照检查",),
        study=("中央巡视工作规划", "五人小组", "组长"),
        report_to=("市纪委监委", "组织部"),
        elsewhere=("党的领导方面", "党的建设方面", "全面从严治党", "秘书组", "研究室", "综合组",
                   "机关事务管理局", "汇编"),
        headings=('会议时间和地点', '参加会议人员', '会议的主题和要求', '深入查找剖析突出问题和原因', '方法步骤', '有关要求'),
        where=(('agenda', '方法步骤'), ('study', '方法步骤'), ('after', '方法步骤')),
    ),
    "plan06": Seed(
        level="school", inspection="巡视", when=("下午", "半天"),
        guides=("县委指派",), observers=("非中共党员科级领导", "校级领导", "办公室主任"),
        agenda=("准备情况", "代表领导班子进行对照检查", "先班子、后个人", "点评", "表态"),
        study=("十九大", "巡视工作", "巡视反馈", "扫黑除恶", "扶贫开发"),
        elsewhere=("教代会代表", "学校办公室", "不得请假"),
        headings=('民主生活会主题', '会议时间及参会人员', '会前准备', '会议议程', '抓好问题整改', '相关要求'),
        where=(('after', '整改'),),
    ),
    "plan08": Seed(
        level="county_bureau", inspection="巡视", when=(),
        guides=("巡回指导组",), observers=("非中共党员副局长",), venue="会议室",
        agenda=("代表班子作对照检查", "逐一进行对照检查", "逐一对其提出批评意见"),
        study=("党章党规", "习近平新时代中国特色社会主义思想", "巡视工作", "视察山东"),
        report_to=("市委", "市纪委", "市委组织部"),
        elsewhere=("好人主义", "问题清单", "责任清单"),
        headings=('民主生活会主题和总体要求', '与会范围及时间、地点', '具体程序和步骤', '切实加强组织领导'),
        where=(('when', '与会范围'), ('venue', '与会范围'), ('people', '与会范围'), ('agenda', '程序'), ('study', '程序'), ('after', '程序')),
    ),
    "plan09": Seed(
        level="county_bureau", inspection="巡察", when=("下午",),
        guides=("巡察工作领导小组成员", "巡察组组长", "纪检组组长"),
        agenda=("代表局党组作对照检查", "逐一进行对照检查", "点评", "整改工作要求"),
        study=("中国共产党章程", "廉洁自律准则", "巡视工作条例", "十九大",
               "习近平新时代中国特色社会主义思想", "巡视巡察工作"),
        elsewhere=("典型事例", "党的领导", "党的建设", "全面从严治党"),
        headings=('会议主题', '开展范围', '实施步骤', '会议要求', '组织领导'),
        where=(('when', '实施步骤'), ('venue', '实施步骤'), ('people', '开展范围'), ('agenda', '实施步骤'), ('study', '实施步骤'), ('after', '实施步骤')),
    ),
    "plan11": Seed(
        level="township", inspection="巡察", when=("星期五", "会期一天", "上午", "下午"),
        guides=("挂点县领导", "巡察工作领导小组成员", "巡察组", "对口纪检监察室", "县委组织部"),
        venue="乡党委会议室",
        agenda=("入党誓词", "专题学习", "警示教育片", "书面通报", "征求意见情况", "逐一认领问题",
                "纪检监察室", "挂点县领导讲话", "表态发言"),
        study=("视察", "章程", "纪律处分条例", "党内政治生活", "问责典型问题",
               "推动巡视工作向纵深发展"),
        report_to=("县委巡察办",),
        elsewhere=("整改办", "挂点联系县领导", "电子稿", "立卷存档"),
        headings=('会议时间', '会议地点', '会议主题和要求', '参会人员和列席人员', '会议议程', '工作安排', '认真做好会后工作', '其他有关要求'),
        where=(('venue', '地点'), ('study', '工作安排')),
    ),
    "plan12": Seed(
        level="county_bureau", inspection="巡察", when=(),
        study=("习近平新时代中国特色社会主义思想", "十九届各中全会", "治国理政", "抗美援朝",
               "视察", "党章", "政治建设", "主体责任规定", "主题教育", "巡察工作", "全会"),
        agenda=("对照检查",),
        elsewhere=("不少于半天", "市纪委", "上级党组织", "月初", "重大事项"),
        headings=('会议主题', '民主生活会召开时间', '方法和步骤', '有关要求'),
        where=(('agenda', '方法和步骤'), ('study', '方法和步骤'), ('after', '方法和步骤')),
    ),
    "plan14": Seed(
        level="county_bureau", inspection="巡视", when=("上午", "半天"),
        guides=("县委督导组",),
        agenda=("征求意见情况", "代表班子作对照检查", "个人发言", "督导组", "总结发言"),
        study=("习近平新时代中国特色社会主义思想", "代表团", "巡视工作的重要论述", "反馈意见",
               "表态讲话", "巡视工作条例", "巡视工作规划", "民主生活会若干规定", "整改方案"),
        report_to=("县纪委", "县委组织部"),
        elsewhere=("两代表一委员", "意见箱", "党员大会", "审阅"),
        headings=('会议主题', '会议时间', '会议地点', '参会人员', '开展批评和自我批评', '有关工作', '会后有关工作', '加强组织领导'),
        where=(('venue', '地点'), ('agenda', '批评'), ('study', '有关工作'), ('after', '会后')),
    ),
}

HEADING = re.compile(r"^[一二三四五六七八九十]+、")


def test_every_example_has_a_seed_entry_and_back() -> None:
    assert {p.stem for p in EXAMPLES.glob("plan*.yaml")} == set(SEEDS)


@pytest.fixture(scope="module", params=sorted(SEEDS))
def example(request: pytest.FixtureRequest) -> tuple[str, LoadedSpec]:
    name: str = request.param
    return name, load(EXAMPLES / f"{name}.yaml")


def test_example_checks_with_no_errors(example: tuple[str, LoadedSpec]) -> None:
    _, loaded = example
    findings = api.check(loaded.plan, source_map=loaded.source_map, spec_dir=EXAMPLES)
    errors = [f"{f.code} line {f.line}: {f.message('en')}" for f in findings
              if f.severity.value == "error"]
    assert errors == []


def test_example_states_the_plans_level_and_inspection(example: tuple[str, LoadedSpec]) -> None:
    name, loaded = example
    seed = SEEDS[name]
    plan = loaded.plan
    assert plan.unit.level == seed.level
    assert plan.inspection.kind.value == seed.inspection
    # Every member has something to answer for, and the meeting date is a real 2026 working day.
    assert 4 <= len(plan.unit.members) <= 7
    assert plan.meeting.date.year == 2026 and plan.meeting.date.weekday() < 5


def test_example_comment_names_its_seed(example: tuple[str, LoadedSpec]) -> None:
    name, _ = example
    head = (EXAMPLES / f"{name}.yaml").read_text("utf-8").splitlines()[:12]
    assert head[0].startswith(f"# 依据：真实方案 {name}（未随本项目发布）")
    assert any("虚构" in line for line in head)


def _build_plan_text(spec: Path, out: Path) -> str:
    result = CliRunner().invoke(main, ["build", str(spec), "-o", str(out), "--only", "plan"])
    assert result.exit_code == 0, result.output
    (path,) = out.glob("*实施方案*.docx")
    document = Document(str(path))
    lines = [seen(p.text) for p in document.paragraphs]
    for table in document.tables:
        lines.extend(seen(cell.text) for row in table.rows for cell in row.cells)
    return "\n".join(lines)


def _sections(text: str) -> dict[str, str]:
    """Top-level sections (一、… 二、…) of the document by heading."""
    sections: dict[str, str] = {}
    heading = ""
    for line in text.splitlines():
        if HEADING.match(line):
            heading = line
            sections[heading] = ""
        elif heading:
            sections[heading] += line + "\n"
    return sections


def _section(sections: dict[str, str], key: str) -> str:
    found = [body for heading, body in sections.items() if key in heading]
    assert found, f"no section whose heading has {key!r}; headings: {list(sections)}"
    return found[0]


def _assert_in_order(body: str, phrases: tuple[str, ...], what: str) -> None:
    position = 0
    for phrase in phrases:
        found = body.find(phrase, position)
        assert found >= 0, f"{what}: {phrase!r} missing or out of order"
        position = found + len(phrase)


@pytest.fixture(scope="module")
def built(example: tuple[str, LoadedSpec], tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    name, _ = example
    return name, _build_plan_text(EXAMPLES / f"{name}.yaml", tmp_path_factory.mktemp(name))


def test_document_has_the_plans_own_outline(built: tuple[str, str]) -> None:
    """The 实施方案's top-level headings are the real plan's, in its order."""
    name, text = built
    headings = [HEADING.sub("", h) for h in _sections(text)]
    assert headings == list(SEEDS[name].headings)


def test_document_states_when_where_and_who(built: tuple[str, str]) -> None:
    name, text = built
    seed = SEEDS[name]
    sections = _sections(text)
    when = _section(sections, seed.place("when"))
    for phrase in seed.when:
        assert phrase in when
    if seed.venue:
        assert seed.venue in _section(sections, seed.place("venue"))
    if seed.guides or seed.observers:
        people = _section(sections, seed.place("people"))
        _assert_in_order(people, seed.guides, "guides")
        _assert_in_order(people, seed.observers, "observers")


def test_document_has_the_agenda_in_the_plans_order(built: tuple[str, str]) -> None:
    name, text = built
    _assert_in_order(_section(_sections(text), SEEDS[name].place("agenda")), SEEDS[name].agenda, "agenda")


def test_document_has_the_study_list_in_the_plans_order(built: tuple[str, str]) -> None:
    name, text = built
    preparation = _section(_sections(text), SEEDS[name].place("study"))
    assert "学习" in preparation
    _assert_in_order(preparation, SEEDS[name].study, "study list")


def test_document_names_the_reports_recipients(built: tuple[str, str]) -> None:
    name, text = built
    after = _section(_sections(text), SEEDS[name].place("after"))
    for recipient in SEEDS[name].report_to:
        assert recipient in after, recipient


def test_document_carries_the_plans_other_facts(built: tuple[str, str]) -> None:
    name, text = built
    for phrase in SEEDS[name].elsewhere:
        assert phrase in text, phrase


def test_a_missing_study_item_would_be_caught(tmp_path: Path) -> None:
    # The comparison must be able to fail: drop one study item and the order check rejects it.
    text = (EXAMPLES / "plan09.yaml").read_text("utf-8")
    trimmed = tmp_path / "plan09.yaml"
    trimmed.write_text(text.replace("    - {category: 党章党规, title: 《中国共产党廉洁自律准则》}\n", ""),
                       "utf-8")
    preparation = _section(_sections(_build_plan_text(trimmed, tmp_path / "out")), SEEDS["plan09"].place("study"))
    with pytest.raises(AssertionError):
        _assert_in_order(preparation, SEEDS["plan09"].study, "study list")
