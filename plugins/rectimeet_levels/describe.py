"""Markdown tables of what each built-in level provides, rendered from its data files.

``python -m rectimeet_levels.describe`` prints the tables for every level (the level reference in
``docs/levels.md`` is this output); ``render_level("township")`` renders one level.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence

from rectimeet.levels import load_profile, profile_names
from rectimeet.models.level import LevelProfile
from rectimeet.models.milestone import DateUnit, Milestone
from rectimeet_levels import PACKAGE

LEVELS = ("township", "county_bureau", "provincial_department", "school", "municipal_government")
"""The built-in levels, in the order the docs present them."""

VARIANT_NAMES = {
    "branch": "党支部（unit.org_type 为 党支部）",
    "department_inspection": "厅党组巡察（inspection.kind 为 巡察）",
}

_UNIT_WORDS = {DateUnit.DAYS: "天", DateUnit.WORKING_DAYS: "个工作日", DateUnit.MONTHS: "个月"}
_ANCHOR_WORDS = {"meeting": "会", "feedback": "反馈"}


def _cell(text: object) -> str:
    # A pipe or a line break would end the table cell early.
    return str(text).replace("|", "\\|").replace("\n", " ").strip() or "—"


def _table(head: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def when(milestone: Milestone) -> str:
    """The deadline in words: 会前15天, 会后15天, 反馈后2个月, 会当天."""
    anchor = _ANCHOR_WORDS.get(milestone.anchor, f"“{milestone.anchor}”")
    if milestone.offset == 0:
        return f"{anchor}当天"
    side = "前" if milestone.offset < 0 else "后"
    return f"{anchor}{side}{abs(milestone.offset)}{_UNIT_WORDS[milestone.unit]}"


def _profile_sections(profile: LevelProfile, heading: str) -> list[str]:
    out: list[str] = []
    if profile.outline:
        out += [f"{heading} 实施方案结构（outline）", ""]
        out += _table(["#", "id", "标题", "kind", "内容"],
                      [(i, s.id, s.title, s.kind.value,
                        "；".join(s.body) or ("、".join(s.steps) if s.steps else s.step or ""))
                       for i, s in enumerate(profile.outline, 1)])
    out += [f"{heading} 议程（agenda）", ""]
    out += _table(["#", "议程", "发言人", "时段", "kind"],
                  [(i, a.title, a.speaker, a.part, a.kind) for i, a in enumerate(profile.agenda, 1)])
    out += [f"{heading} 学习篇目（study）", ""]
    out += _table(["类别", "篇目", "说明"], [(s.category, s.title, s.note) for s in profile.study])
    out += [f"{heading} 对照检查方面（focus_areas）", ""]
    out += _table(["方面", "查摆要点"], [(f.title, "；".join(f.points)) for f in profile.focus_areas])
    out += [f"{heading} 到会指导和列席（participants，按层级）", ""]
    out += _table(["层级", "到会指导", "列席", "参会范围"],
                  [(tier.value, "、".join(p.guides), "、".join(p.observers), p.attendees_note)
                   for tier, p in profile.participants.items()])
    out += [f"{heading} 上级机关（superiors，按层级）", ""]
    roles = sorted({role for names in profile.superiors.values() for role in names})
    tiers = list(profile.superiors)
    out += _table(["角色", *(t.value for t in tiers)],
                  [(role.value, *(profile.superiors[t].get(role, "") for t in tiers)) for role in roles])
    out += [f"{heading} 时间节点（milestones）", ""]
    out += _table(["key", "事项", "时限", "报送对象", "依据"],
                  [(m.key + ("" if m.enabled else "（停用）"), m.title, when(m), "、".join(m.recipients),
                    m.source) for m in profile.milestones])
    out += [f"{heading} 有关要求（requirements）", ""]
    out += [f"{i}. {_cell(r)}" for i, r in enumerate(profile.requirements, 1)]
    out += ["", f"{heading} 规则参数（params）", ""]
    out += _table(["参数", "默认值"], sorted(profile.params.items()))
    if profile.terms:
        out += [f"{heading} 本层级声明的词汇（terms）", ""]
        out += _table(["词汇", "key", "名称", "说明"],
                      [(t.vocabulary.value, t.key, t.label, t.description) for t in profile.terms])
    return out


def render_level(level: str) -> str:
    """The Markdown reference of one level, its variants included."""
    profile = load_profile(PACKAGE, level)
    info = profile.info
    out = [f"## {info.name}（`{info.id}`）", "", info.description, "",
           f"- 党组织类型：{'、'.join(t.value for t in info.org_types)}",
           f"- 层级：{'、'.join(t.value for t in info.tiers)}",
           f"- 会议：{profile.meeting_kind.value}", ""]
    out += _profile_sections(profile, "###")
    for name in profile_names(PACKAGE):
        base, _, variant = name.partition(".")
        if base != level or not variant:
            continue
        alt = load_profile(PACKAGE, name)
        out += [f"### 变体：{VARIANT_NAMES.get(variant, variant)}", "", alt.info.description,
                "", f"- 会议：{alt.meeting_kind.value}", ""]
        out += _profile_sections(alt, "####")
    return "\n".join(out).rstrip() + "\n"


def render_all(levels: Sequence[str] = LEVELS) -> str:
    """The Markdown reference of every built-in level."""
    return "\n".join(render_level(level) for level in levels)


def main(argv: Sequence[str] | None = None) -> int:
    levels = list(argv if argv is not None else sys.argv[1:]) or list(LEVELS)
    sys.stdout.write(render_all(levels))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
