"""The core fallback plugin: generic defaults every level can lean on, and the built-in rules.

Registered first and marked ``trylast``, so any level plugin or third-party plugin that answers
wins. Every number carries its provenance in the milestone's ``source``: a public regulation
where one fixes it, else "地方惯例" (common local practice, not a national rule).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rectimeet.hookspecs import LevelContext, hookimpl
from rectimeet.models.level import FocusArea, Participants
from rectimeet.models.meeting import AgendaItem, MeetingKind
from rectimeet.models.milestone import DateUnit, Milestone, Phase
from rectimeet.models.outline import DEFAULT_OUTLINE, OutlineSection
from rectimeet.models.study import StudyItem
from rectimeet.models.unit import SuperiorRole, Tier
from rectimeet.vocabulary import AgendaKind, MilestoneKey

if TYPE_CHECKING:
    from rectimeet.rules.engine import Rule

_COMMITTEE = {Tier.PROVINCE: "省委", Tier.CITY: "市委", Tier.COUNTY: "县委", Tier.TOWNSHIP: "县委"}
_DISCIPLINE = {Tier.PROVINCE: "省纪委监委", Tier.CITY: "市纪委监委", Tier.COUNTY: "县纪委监委",
               Tier.TOWNSHIP: "县纪委监委"}


def _committee(ctx: LevelContext) -> str:
    return _COMMITTEE[ctx.unit.tier]


@hookimpl(trylast=True)
def rectimeet_agenda(ctx: LevelContext) -> list[AgendaItem]:
    # The order most real plans follow: 先班子后个人, 先一把手后成员, 先自我批评后批评.
    return [
        AgendaItem(title="主持人宣布会议开始，介绍到会指导领导", speaker="主持人", kind=AgendaKind.OPENING),
        AgendaItem(title="通报会前准备情况和征求意见情况", speaker="主要负责同志", kind=AgendaKind.REPORT),
        AgendaItem(title="主要负责同志代表领导班子作对照检查", speaker="主要负责同志",
                   kind=AgendaKind.TEAM_EXAMINATION),
        AgendaItem(title="主要负责同志作个人对照检查，其他班子成员逐一提出批评意见",
                   speaker="主要负责同志", kind=AgendaKind.PRINCIPAL_EXAMINATION),
        AgendaItem(title="班子成员逐一作个人对照检查、开展自我批评，其他成员逐一提出批评意见，本人表态",
                   speaker="班子成员", kind=AgendaKind.MEMBER_EXAMINATION),
        AgendaItem(title="到会指导领导点评讲话", speaker="到会指导领导", kind=AgendaKind.GUIDANCE),
        AgendaItem(title="主要负责同志总结表态", speaker="主要负责同志", kind=AgendaKind.CLOSING),
    ]


@hookimpl(trylast=True)
def rectimeet_outline(ctx: LevelContext) -> list[OutlineSection]:
    return list(DEFAULT_OUTLINE)


@hookimpl(trylast=True)
def rectimeet_meeting_kind(ctx: LevelContext) -> MeetingKind:
    return MeetingKind.for_org_type(ctx.unit.org_type)


@hookimpl(trylast=True)
def rectimeet_study_list(ctx: LevelContext) -> list[StudyItem]:
    kind = "巡视" if ctx.plan is None or ctx.plan.inspection.kind.value == "巡视" else "巡察"
    return [
        StudyItem(title="习近平新时代中国特色社会主义思想", category="理论学习"),
        StudyItem(title=f"习近平总书记关于{kind}工作的重要论述", category="理论学习"),
        StudyItem(title="《中国共产党章程》", category="党章党规"),
        StudyItem(title="《关于新形势下党内政治生活的若干准则》", category="党章党规"),
        StudyItem(title="《中国共产党巡视工作条例》", category="党章党规"),
        StudyItem(title="《县以上党和国家机关党员领导干部民主生活会若干规定》", category="党章党规"),
        StudyItem(title=f"{kind}组反馈意见", category="反馈意见"),
    ]


@hookimpl(trylast=True)
def rectimeet_focus_areas(ctx: LevelContext) -> list[FocusArea]:
    return [
        FocusArea(title="党的领导方面", points=["贯彻落实党中央决策部署和上级要求情况"]),
        FocusArea(title="党的建设方面", points=["基层党组织建设、干部队伍建设情况"]),
        FocusArea(title="全面从严治党方面", points=["落实主体责任和监督责任、作风建设情况"]),
        FocusArea(title="巡视巡察反馈问题整改方面", points=["对号入座认领问题、整改措施落实情况"]),
    ]


@hookimpl(trylast=True)
def rectimeet_participants(ctx: LevelContext) -> Participants:
    c = _committee(ctx)
    group = ctx.plan.inspection.group if ctx.plan is not None else f"{c}巡察组"
    return Participants(guides=[group, f"{c}组织部", _DISCIPLINE[ctx.unit.tier]], observers=[])


@hookimpl(trylast=True)
def rectimeet_superiors(ctx: LevelContext) -> dict[SuperiorRole, str]:
    c = _committee(ctx)
    office = "巡视办" if ctx.unit.tier is Tier.PROVINCE else "巡察办"
    return {
        SuperiorRole.DISCIPLINE: _DISCIPLINE[ctx.unit.tier],
        SuperiorRole.ORGANIZATION: f"{c}组织部",
        SuperiorRole.INSPECTION_OFFICE: f"{c}{office}",
        SuperiorRole.PARTY_COMMITTEE: c,
    }


def _m(key: str, title: str, offset: int, phase: Phase, **kw: object) -> Milestone:
    return Milestone.model_validate({"key": key, "title": title, "offset": offset, "phase": phase, **kw})


@hookimpl(trylast=True)
def rectimeet_milestones(ctx: LevelContext) -> list[Milestone]:
    b, a = Phase.BEFORE, Phase.AFTER
    k = MilestoneKey
    local = "默认值（地方惯例，非全国统一规定）"
    rules = "《县以上党和国家机关党员领导干部民主生活会若干规定》"
    return [
        _m(k.PLAN_TO_SUPERIOR, "制定实施方案并报上级审核", -15, b, responsible="办公室",
           deliverable="实施方案", recipients=["organization", "discipline"],
           source="提前15天：地方惯例，非全国统一规定，可按上级通知调整"),
        _m(k.STUDY, "开展学习研讨（集中学习不少于半天）", -12, b, responsible="领导班子",
           after=[k.PLAN_TO_SUPERIOR], source=f"会前先学习，再征求意见、谈心谈话、撰写发言提纲（{rules}）；{local}"),
        _m(k.OPINIONS, "广泛征求意见", -10, b, responsible="办公室", deliverable="征求意见表",
           after=[k.STUDY], source=f"征求意见（{rules}）；{local}"),
        _m(k.TALKS, "开展谈心谈话", -7, b, responsible="班子成员", after=[k.OPINIONS],
           source=f"谈心谈话（{rules}）；会前一周为通行做法，{local}"),
        _m(k.MATERIALS_WRITTEN, "撰写对照检查材料和个人发言提纲", -5, b, responsible="班子成员",
           deliverable="对照检查材料、个人发言提纲", after=[k.TALKS],
           source=f"本人撰写发言提纲（{rules}）；{local}"),
        _m(k.MATERIALS_REVIEWED, "主要负责同志审阅把关发言提纲", -4, b, responsible="主要负责同志",
           after=[k.MATERIALS_WRITTEN], source=f"主要负责人审阅把关（{rules}）；{local}"),
        _m(k.MATERIALS_TO_SUPERIOR, "对照检查材料报上级审核", -3, b, responsible="办公室",
           deliverable="对照检查材料、个人发言提纲", recipients=["organization", "inspection_office"],
           after=[k.MATERIALS_REVIEWED], source=f"各地方案多写“提前xx天报审”；{local}"),
        # Issued before the outlines it asks for are due (materials_reviewed), so that the
        # notice never asks for something by a day before its own date (SC110).
        _m(k.NOTICE, "印发会议通知", -6, b, responsible="办公室", deliverable="会议通知",
           after=[k.PLAN_TO_SUPERIOR], source=local),
        _m(k.MEETING, "召开专题民主生活会", 0, Phase.MEETING, responsible="领导班子"),
        _m(k.CHECKLIST, "制定班子和个人整改清单", 7, a, responsible="领导班子",
           deliverable="整改清单", recipients=["organization"], source=f"各地方案多写“会后xx日内”；{local}"),
        _m(k.REPORT, "报送民主生活会情况报告和会议记录", 15, a, responsible="办公室",
           deliverable="情况报告、会议记录", recipients=["discipline", "organization", "inspection_office"],
           source=f"民主生活会后15日内（{rules}）"),
        _m(k.CIRCULATION, "在一定范围内通报民主生活会情况", 15, a, responsible="领导班子",
           deliverable="通报", source=f"会后在一定范围通报会前准备、批评和自我批评、整改措施等情况；{local}"),
        _m(k.BRANCH_MEETING, "所属党支部召开专题组织生活会", 30, a, responsible="所属党支部",
           source=f"双重组织生活（{rules}第三条）；默认会后30天"),
        _m(k.RECTIFICATION_REPORT, "报送巡视巡察整改情况报告", 2, a, anchor="feedback",
           unit=DateUnit.MONTHS, responsible="领导班子", deliverable="整改情况报告",
           recipients=["inspection_office"], source="反馈后2个月内（《中国共产党巡视工作条例》（2015）第二十七条）"),
    ]


@hookimpl(trylast=True)
def rectimeet_requirements(ctx: LevelContext) -> list[str]:
    return [
        "提高思想认识。班子成员要把开好专题民主生活会作为巡察整改的重要政治任务，认真做好会前各项准备。",
        "严肃会议纪律。参会人员原则上不得请假，确需请假的须经主要负责同志批准；到会人数须达到应到会人数的三分之二以上。",
        "坚持本人撰写。对照检查材料和发言提纲由本人亲自撰写，严禁他人代笔、网上下载。",
        "抓好整改落实。会后及时形成整改清单，明确整改措施、责任人和完成时限，实行销号管理。",
    ]


@hookimpl(trylast=True)
def rectimeet_rule_params(ctx: LevelContext) -> dict[str, int | float | bool | str]:
    return {}


@hookimpl(trylast=True)
def rectimeet_scaffold(level: str) -> str:
    from rectimeet.spec.scaffold import generic_scaffold

    return generic_scaffold()


@hookimpl
def rectimeet_rules() -> list[Rule]:
    from rectimeet.rules.builtin import builtin_rules

    return builtin_rules()
