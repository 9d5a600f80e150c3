"""The one place that joins names and chooses forms of address, for every document.

- Lists are joined with 、, except where one item's 书名号 or quotation mark closes right before
  the next one opens: GB/T 15834-2011 (4.5.3.5) writes those with no 顿号: 《党章》《准则》.
- A person is "name + 同志" (张三同志); a body or a group of leaders is "body + 领导同志"
  (县委巡察办领导同志), never "…领导同志的领导同志" and never "title + name + 领导同志"
  (组长刘虎同志, not 组长刘虎领导同志).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

# Words that end the name of a person rather than a body: 组长刘虎, 书记张三 (a title, then a name
# of two or three characters). Bodies end in 组, 部, 委, 办, 室, 局 … and never in a bare name.
_PERSON_TITLES = ("组长", "副组长", "书记", "副书记", "部长", "副部长", "主任", "副主任", "局长",
                  "副局长", "县长", "副县长", "市长", "副市长", "镇长", "乡长", "厅长", "副厅长", "主席",
                  "委员", "校长", "同志")
_PERSON = re.compile(rf"({'|'.join(_PERSON_TITLES)})[\u4e00-\u9fff]{{2,3}}$")
_LEADER_WORDS = ("领导同志", "有关领导", "领导", "同志", "成员", "负责人", "负责同志")
_GROUP_ENDINGS = ("人员", "干部", "党员", "班子成员", "代表")


def join(values: Iterable[str], empty: str = "") -> str:
    """Items joined with 、 (none between adjacent 《…》 or “…” items); empty ones skipped."""
    items = [v for v in values if v]
    if not items:
        return empty
    out = items[0]
    for previous, item in itertools.pairwise(items):
        both_quoted = previous.endswith(("》", "”")) and item.startswith(("《", "“"))
        out += ("" if both_quoted else "、") + item
    return out


def is_person(text: str) -> bool:
    """"市委第二巡察组组长刘虎" names a person; "市委第二巡察组" a body."""
    return bool(_PERSON.search(text)) and not text.endswith(_LEADER_WORDS[:3])


def is_group(text: str) -> bool:
    """"全体参会人员", "班子成员", "副科级以上党员干部": everyone of a kind, not one speaker."""
    return text.startswith(("全体", "各")) or text.endswith(_GROUP_ENDINGS)


def comrade(name: str) -> str:
    """A person as addressed in prose: 张三同志 (组长刘虎同志)."""
    return name if name.endswith("同志") else f"{name}同志"


def leaders_of(body: str) -> str:
    """Who speaks for a body: "县委组织部" → "县委组织部领导同志"; a person → "…同志";
    "挂点县领导" and "督导组成员" stay as they are."""
    if is_person(body):
        return comrade(body)
    if body.endswith(_LEADER_WORDS) or is_group(body) or body.endswith(_PERSON_TITLES):
        return body  # 挂点县领导, 督导组成员, 县委巡察组组长
    return f"{body}领导同志"


def welcome(guides: Iterable[str]) -> str:
    """The guests as the chair names them: "县委第二巡察组、县委组织部的领导同志", people by name."""
    bodies: list[str] = []
    others: list[str] = []
    for guide in guides:
        if not guide:
            continue
        if is_person(guide):
            others.append(comrade(guide))
        elif guide.endswith(_LEADER_WORDS) or is_group(guide):
            others.append(guide)
        else:
            bodies.append(guide)
    parts = []
    if bodies:
        parts.append(f"{join(bodies)}的领导同志")
    parts += others
    return join(parts)


def short_org(org: str, title: str) -> str:
    """The meeting title without the organisation in front: used after the organisation has been
    named in the same sentence (经镇党委研究，决定召开巡察整改专题民主生活会)."""
    return title.removeprefix(org) or title
