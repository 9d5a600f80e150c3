"""The named vocabularies: milestone keys, agenda item kinds and talk kinds, declared once.

Milestone keys (``schedule.milestones[].key``, a level's milestones) and agenda kinds
(``meeting.agenda[].kind``) are plain strings in specs and level data. The core gives some of them
a meaning of its own — the 实施方案 writes a step's text from its key, the host's script a block
from an agenda kind, ``rectimeet new`` fits dates to ``study`` or ``materials_written``, rules
look up ``talks`` or ``report`` — so a key spelled differently silently loses that meaning.
Every key the core knows is declared here, in order, with its Chinese label and an English
description; code compares against these members, never against string literals.

Plugins add keys of their own through the ``rectimeet_vocabulary`` hook (a data-driven level
declares them under ``terms:`` in its data file); rules VC101–VC103 report keys that nobody
declared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import NamedTuple

from rectimeet.models.base import Id, Model
from rectimeet.text import Name, Text


class Vocabulary(StrEnum):
    """Which vocabulary a term belongs to."""

    MILESTONE = "milestone"
    """Milestone keys: ``schedule.milestones[].key`` and a level's milestones."""
    AGENDA = "agenda"
    """Agenda item kinds: ``meeting.agenda[].kind`` and a level's agenda."""


class VocabularyTerm(Model):
    """One declared key: what a plugin or level data file adds to a vocabulary."""

    vocabulary: Vocabulary
    """``milestone`` or ``agenda``."""
    key: Id
    """The key as specs write it, e.g. ``case_study``."""
    label: Name
    """Its Chinese name, e.g. 剖析典型案例."""
    description: Text = ""
    """What it stands for, and what (if anything) rectimeet does with it."""


class MilestoneKey(StrEnum):
    """Milestone keys the core gives a meaning to (see :data:`MILESTONE_TERMS`)."""

    PLAN_TO_SUPERIOR = "plan_to_superior"
    STUDY = "study"
    OPINIONS = "opinions"
    TALKS = "talks"
    MATERIALS_WRITTEN = "materials_written"
    MATERIALS_REVIEWED = "materials_reviewed"
    MATERIALS_TO_SUPERIOR = "materials_to_superior"
    NOTICE = "notice"
    MEETING = "meeting"
    CHECKLIST = "checklist"
    REPORT = "report"
    CIRCULATION = "circulation"
    BRANCH_MEETING = "branch_meeting"
    PUBLICITY = "publicity"
    ARCHIVE = "archive"
    RECTIFICATION_REPORT = "rectification_report"


class AgendaKind(StrEnum):
    """Agenda item kinds the core knows (see :data:`AGENDA_TERMS`)."""

    OPENING = "opening"
    REPORT = "report"
    STUDY = "study"
    FILM = "film"
    OATH = "oath"
    TEAM_EXAMINATION = "team_examination"
    PRINCIPAL_EXAMINATION = "principal_examination"
    MEMBER_EXAMINATION = "member_examination"
    CRITICISM = "criticism"
    GUIDANCE = "guidance"
    CLOSING = "closing"


class TalkKind(StrEnum):
    """Kinds of 谈心谈话: the 四必谈 pairs, and ``other`` for a recorded talk outside them."""

    PRINCIPAL_MEMBER = "principal_member"
    """主要负责同志 ↔ each member."""
    MEMBER_MEMBER = "member_member"
    """Members ↔ each other."""
    MEMBER_HEAD = "member_head"
    """A member ↔ the head of each department or village they oversee."""
    MEMBER_BRANCH = "member_branch"
    """A member ↔ a party-member representative of their own branch (optional fourth)."""
    OTHER = "other"
    """A recorded talk that is none of the required pairs."""


class Term(NamedTuple):
    """A core term: its key, Chinese label and English description."""

    key: str
    label: str
    description: str


def _terms(*rows: tuple[str, str, str]) -> dict[str, Term]:
    return {str(key): Term(str(key), label, description) for key, label, description in rows}


MILESTONE_TERMS: Mapping[str, Term] = _terms(
    (MilestoneKey.PLAN_TO_SUPERIOR, "制定实施方案并报上级审核",
     "The 实施方案 is drawn up and sent to the superior bodies. Its date is the default 成文日期 "
     "of the plan and the notice; the plan writes it as its first step."),
    (MilestoneKey.STUDY, "开展学习研讨",
     "Study before the meeting. `rectimeet new` dates the example's study sessions up to it; "
     "the plan lists the study items under it."),
    (MilestoneKey.OPINIONS, "广泛征求意见",
     "Opinions are collected from party members and the public (征求意见)."),
    (MilestoneKey.TALKS, "开展谈心谈话",
     "The 谈心谈话 are finished. The talk scheduler fits the 四必谈 pairs into the window that "
     "ends on this date; the plan states the minimum number of criticisms under it."),
    (MilestoneKey.MATERIALS_WRITTEN, "撰写对照检查材料和个人发言提纲",
     "The team's 对照检查材料 and each member's 发言提纲 are written; the date `new` gives the "
     "materials' submitted_on."),
    (MilestoneKey.MATERIALS_REVIEWED, "主要负责同志审阅把关发言提纲",
     "The principal leader reviews every 发言提纲 (审阅把关); materials rules check review dates "
     "against it."),
    (MilestoneKey.MATERIALS_TO_SUPERIOR, "对照检查材料报上级审核",
     "The materials go to the superior bodies for review."),
    (MilestoneKey.NOTICE, "印发会议通知", "The meeting notice is issued."),
    (MilestoneKey.MEETING, "召开专题民主生活会",
     "The meeting itself; its date is `meeting.date` and every offset counts from it."),
    (MilestoneKey.CHECKLIST, "制定整改清单",
     "The team's and each member's 整改清单 are drawn up after the meeting."),
    (MilestoneKey.REPORT, "报送情况报告和会议记录",
     "The 情况报告 and 会议记录 go to the superior bodies (within 15 days under "
     "《县以上党和国家机关党员领导干部民主生活会若干规定》)."),
    (MilestoneKey.CIRCULATION, "通报民主生活会情况",
     "The meeting is made known within a set scope (通报); the recipients name the scope."),
    (MilestoneKey.BRANCH_MEETING, "所属党支部召开专题组织生活会",
     "The follow-up meetings of the party branches below the unit (双重组织生活)."),
    (MilestoneKey.PUBLICITY, "公开整改情况",
     "The checklist and its progress are made public within a set scope. The plan adds this step "
     "with generic text when the level has no such milestone."),
    (MilestoneKey.ARCHIVE, "立卷存档",
     "The documents of the meeting are filed. The plan adds this step, listing what is filed, "
     "when the level has no such milestone."),
    (MilestoneKey.RECTIFICATION_REPORT, "报送整改情况报告",
     "The rectification report to the inspection office, within two months of the feedback "
     "(《中国共产党巡视工作条例》); `new` dates checklist deadlines by it."),
)
"""Every milestone key the core knows, in lifecycle order."""

AGENDA_TERMS: Mapping[str, Term] = _terms(
    (AgendaKind.OPENING, "宣布会议开始",
     "The host opens the meeting and introduces the guiding leaders. Without one, the host's "
     "script opens with it anyway."),
    (AgendaKind.REPORT, "通报会前准备情况", "A report on the preparation and the opinions collected."),
    (AgendaKind.STUDY, "集中学习", "Study at the meeting, led by its speaker."),
    (AgendaKind.FILM, "观看警示教育片", "A warning-education film."),
    (AgendaKind.OATH, "重温入党誓词", "Members renew the party oath, led by the principal leader."),
    (AgendaKind.TEAM_EXAMINATION, "代表领导班子作对照检查",
     "The principal leader's examination on behalf of the team."),
    (AgendaKind.PRINCIPAL_EXAMINATION, "主要负责同志作个人对照检查",
     "The principal leader's own examination, followed by every other member's criticism."),
    (AgendaKind.MEMBER_EXAMINATION, "班子成员逐一作个人对照检查",
     "Every member in turn: self-criticism, the others' criticism, the member's response. "
     "The host's script writes one block per member present."),
    (AgendaKind.CRITICISM, "其他同志逐一提出批评意见",
     "Criticism by the others as an item of its own (when the agenda separates it)."),
    (AgendaKind.GUIDANCE, "到会指导领导点评讲话", "The guiding leaders comment."),
    (AgendaKind.CLOSING, "主要负责同志总结表态", "The principal leader's closing statement."),
)
"""Every agenda kind the core knows, in the usual order of a meeting."""

TALK_TERMS: Mapping[str, Term] = _terms(
    (TalkKind.PRINCIPAL_MEMBER, "主要负责同志与班子成员", "The principal leader with each member."),
    (TalkKind.MEMBER_MEMBER, "班子成员之间", "Every two members."),
    (TalkKind.MEMBER_HEAD, "班子成员与分管部门（联系点）负责同志",
     "A member with the head of each department or place they oversee."),
    (TalkKind.MEMBER_BRANCH, "班子成员与所在党支部党员代表",
     "A member with a representative of their own party branch (optional)."),
    (TalkKind.OTHER, "其他", "A recorded talk outside the required pairs."),
)
"""The kinds of 谈心谈话 (四必谈 and other), with the labels documents print."""

TALK_KINDS: Mapping[str, str] = {key: term.label for key, term in TALK_TERMS.items()}
"""Talk kind → the label documents and messages print (主要负责同志与班子成员, …)."""

CORE_TERMS: Mapping[Vocabulary, Mapping[str, Term]] = {
    Vocabulary.MILESTONE: MILESTONE_TERMS,
    Vocabulary.AGENDA: AGENDA_TERMS,
}


class Declared(NamedTuple):
    """The vocabularies in force: the core's terms plus every plugin's, by key."""

    milestones: Mapping[str, str] = {}
    """Milestone key → label."""
    agenda: Mapping[str, str] = {}
    """Agenda kind → label."""
    origin: Mapping[tuple[Vocabulary, str], str] = {}
    """(vocabulary, key) → who declared it (``rectimeet`` for the core, else the plugin)."""

    def knows(self, vocabulary: Vocabulary, key: str) -> bool:
        return key in (self.milestones if vocabulary is Vocabulary.MILESTONE else self.agenda)


CORE = "rectimeet"


def declared(extra: Iterable[tuple[str, VocabularyTerm]] = ()) -> Declared:
    """The core's terms plus ``(plugin, term)`` pairs; the first declaration of a key wins."""
    tables: dict[Vocabulary, dict[str, str]] = {v: {} for v in Vocabulary}
    origin: dict[tuple[Vocabulary, str], str] = {}
    for vocabulary, terms in CORE_TERMS.items():
        for key, term in terms.items():
            tables[vocabulary][key] = term.label
            origin[(vocabulary, key)] = CORE
    for plugin, declaration in extra:
        if declaration.key not in tables[declaration.vocabulary]:
            tables[declaration.vocabulary][declaration.key] = declaration.label
            origin[(declaration.vocabulary, declaration.key)] = plugin
    return Declared(tables[Vocabulary.MILESTONE], tables[Vocabulary.AGENDA], origin)


def nearest(key: str, known: Iterable[str]) -> str | None:
    """The known key ``key`` is most likely a misspelling of, if any is close."""
    import difflib

    found = difflib.get_close_matches(key, list(known), n=1, cutoff=0.8)
    return found[0] if found else None
