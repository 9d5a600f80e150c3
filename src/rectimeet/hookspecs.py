"""The plugin contract: every hook a rectimeet plugin can implement.

Plugins register under the ``rectimeet`` entry-point group::

    [project.entry-points.rectimeet]
    myprovince = "rectimeet_myprovince"

and implement hooks with :data:`rectimeet.hookimpl`. Hooks that supply a level's defaults take a
single :class:`~rectimeet.hookspecs.LevelContext` so that the context can grow without breaking
plugins. Precedence is fixed: a third-party plugin is asked before a built-in level plugin, which
is asked before the core fallback; for "first result" hooks the first non-``None`` answer wins.

Hooks are grouped by what they feed: levels and defaults, rules, calendar, documents, scaffold,
feedback import.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pluggy

if TYPE_CHECKING:
    from rectimeet.documents.registry import DocumentType
    from rectimeet.feedback.model import FeedbackDocument
    from rectimeet.models.level import FocusArea, LevelDefaults, LevelInfo, Participants
    from rectimeet.models.meeting import AgendaItem, MeetingKind
    from rectimeet.models.milestone import Milestone
    from rectimeet.models.outline import OutlineSection
    from rectimeet.models.plan import Plan
    from rectimeet.models.study import StudyItem
    from rectimeet.models.unit import SuperiorRole, Unit
    from rectimeet.rules.engine import Rule
    from rectimeet.scheduling.calendar_data import YearSchedule
    from rectimeet.vocabulary import VocabularyTerm

PROJECT = "rectimeet"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


class LevelContext(NamedTuple):
    """What a defaults hook is told about the unit it answers for.

    ``level`` is ``unit.level``; ``plan`` is ``None`` when defaults are wanted for a unit alone
    (e.g. by ``rectimeet new``).
    """

    level: str
    unit: Unit
    plan: Plan | None = None


# ---------------------------------------------------------------------------------------------
# Levels and their defaults
# ---------------------------------------------------------------------------------------------


@hookspec
def rectimeet_levels() -> list[LevelInfo]:
    """Return the levels this plugin provides.

    Called by ``rectimeet plugins`` and when a spec names a level. Results of every plugin are
    combined; two plugins declaring the same level id is an error.

    Example::

        @hookimpl
        def rectimeet_levels():
            return [LevelInfo(id="township", name="乡镇党委")]
    """


@hookspec(firstresult=True)
def rectimeet_agenda(ctx: LevelContext) -> list[AgendaItem] | None:
    """Return the default agenda (议程) for the unit, in order, or ``None`` to pass.

    Used when the spec's ``meeting.agenda`` is empty. Stops at first non-None result.

    Example::

        @hookimpl
        def rectimeet_agenda(ctx):
            if ctx.level == "township":
                return [AgendaItem(title="主要负责同志代表班子作对照检查")]
    """


@hookspec(firstresult=True)
def rectimeet_meeting_kind(ctx: LevelContext) -> MeetingKind | None:
    """Return the kind of meeting the unit holds (专题民主生活会 or 专题组织生活会), or ``None``.

    Used when the spec's ``meeting.kind`` is empty: a 党支部 holds a 专题组织生活会 (支部工作条例).
    Stops at first non-None result.

    Example::

        @hookimpl
        def rectimeet_meeting_kind(ctx):
            if ctx.unit.org_type is OrgType.BRANCH:
                return MeetingKind.ORGANIZATIONAL_LIFE
    """


@hookspec(firstresult=True)
def rectimeet_study_list(ctx: LevelContext) -> list[StudyItem] | None:
    """Return the default study list (学习篇目) for the unit, or ``None`` to pass.

    Used when the spec's ``study.items`` is empty. Stops at first non-None result.

    Example::

        @hookimpl
        def rectimeet_study_list(ctx):
            return [StudyItem(title="《中国共产党章程》", category="党章党规")]
    """


@hookspec(firstresult=True)
def rectimeet_focus_areas(ctx: LevelContext) -> list[FocusArea] | None:
    """Return the focus areas for self-examination (对照检查方面), or ``None`` to pass.

    Used when the spec's ``focus_areas`` is empty. Stops at first non-None result.

    Example::

        @hookimpl
        def rectimeet_focus_areas(ctx):
            return [FocusArea(title="党的领导方面")]
    """


@hookspec(firstresult=True)
def rectimeet_participants(ctx: LevelContext) -> Participants | None:
    """Return who guides (到会指导) and who observes (列席) by default, or ``None`` to pass.

    Names usually depend on ``ctx.unit.tier`` (县委… / 市委… / 省委…). Used when the spec's
    ``meeting.guides`` / ``meeting.observers`` are empty. Stops at first non-None result.

    Example::

        @hookimpl
        def rectimeet_participants(ctx):
            return Participants(guides=["县委第一巡察组"], observers=[])
    """


@hookspec(firstresult=True)
def rectimeet_superiors(ctx: LevelContext) -> dict[SuperiorRole, str] | None:
    """Return the names of the unit's superior bodies by role, or ``None`` to pass.

    Names the spec gives in ``unit.superiors`` always win over these. Stops at first non-None
    result.

    Example::

        @hookimpl
        def rectimeet_superiors(ctx):
            return {SuperiorRole.DISCIPLINE: "县纪委监委", SuperiorRole.ORGANIZATION: "县委组织部"}
    """


@hookspec(firstresult=True)
def rectimeet_milestones(ctx: LevelContext) -> list[Milestone] | None:
    """Return the default milestones (reporting timeline) with offsets, recipients and sources.

    The spec's ``schedule.milestones`` patches these by key. Stops at first non-None result.

    Example::

        @hookimpl
        def rectimeet_milestones(ctx):
            return [Milestone(key="report", title="报送情况报告", offset=15,
                              recipients=["discipline", "organization"],
                              source="民主生活会若干规定")]
    """


@hookspec(firstresult=True)
def rectimeet_requirements(ctx: LevelContext) -> list[str] | None:
    """Return the 有关要求 paragraphs of the 实施方案, or ``None`` to pass.

    Stops at first non-None result.

    Example::

        @hookimpl
        def rectimeet_requirements(ctx):
            return ["严肃会议纪律，不得无故缺席。"]
    """


@hookspec(firstresult=True)
def rectimeet_rule_params(ctx: LevelContext) -> dict[str, int | float | bool | str] | None:
    """Return default rule parameters for the level (e.g. ``{"min_criticisms": 3}``).

    The spec's ``rules.params`` win. Stops at first non-None result.

    Example::

        @hookimpl
        def rectimeet_rule_params(ctx):
            return {"min_criticisms": 3}
    """


@hookspec
def rectimeet_vocabulary() -> list[VocabularyTerm]:
    """Return the milestone keys and agenda kinds this plugin adds to the named vocabularies.

    The core declares the keys it knows (``rectimeet.vocabulary``); a plugin whose milestones
    or agenda use a key of its own declares it here, with a Chinese label and a description,
    so that rules VC101–VC103 do not report it. Results of every plugin are combined; the first
    declaration of a key wins. A data-driven level (``rectimeet.levels.DataLevel``) answers
    from the ``terms`` of its data files.

    Example::

        @hookimpl
        def rectimeet_vocabulary():
            return [VocabularyTerm(vocabulary="milestone", key="case_study",
                                   label="剖析典型案例", description="A case examined before the meeting.")]
    """


@hookspec
def rectimeet_adjust_defaults(ctx: LevelContext, defaults: LevelDefaults) -> None:
    """Change the resolved defaults in place, after every "first result" hook answered.

    Every plugin's implementation runs (third parties last, so they see the level's values).
    This is how a province's plugin moves the 15-day report deadline or adds a study item
    without re-stating a whole level.

    Example::

        @hookimpl
        def rectimeet_adjust_defaults(ctx, defaults):
            for m in defaults.milestones:
                if m.key == "report":
                    m.offset = 10
            defaults.study.append(StudyItem(title="《某省实施办法》"))
    """


# ---------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------


@hookspec
def rectimeet_rules() -> list[Rule]:
    """Return extra rules for the rule engine.

    Results of every plugin are combined; a code already taken is an error naming both plugins.

    Example::

        @hookimpl
        def rectimeet_rules():
            return [my_rule]  # a rectimeet.rules.engine.Rule
    """


# ---------------------------------------------------------------------------------------------
# Calendar
# ---------------------------------------------------------------------------------------------


@hookspec
def rectimeet_calendar_years() -> list[YearSchedule]:
    """Return published holiday schedules (放假安排 and 调休) to add to the working-day calendar.

    Results of every plugin are combined; a year given by a plugin replaces the built-in one.
    A region's extra holidays go here too.

    Example::

        @hookimpl
        def rectimeet_calendar_years():
            return [YearSchedule(year=2027, holidays=[...], workdays=[...], source="国办发明电〔2026〕x号")]
    """


# ---------------------------------------------------------------------------------------------
# Documents and scaffold
# ---------------------------------------------------------------------------------------------


@hookspec(firstresult=True)
def rectimeet_outline(ctx: LevelContext) -> list[OutlineSection] | None:
    """Return the parts of the 实施方案 in order (:class:`~rectimeet.models.outline.OutlineSection`).

    Used as the base the spec's ``outline`` changes. Stops at first non-None result; the core
    answers last with its seven parts.

    Example::

        @hookimpl
        def rectimeet_outline(ctx):
            if ctx.level == "township":
                return [OutlineSection(id="time", title="会议时间", kind="time"),
                        OutlineSection(id="theme", title="会议主题和要求", kind="theme")]
    """


@hookspec
def rectimeet_documents() -> list[DocumentType]:
    """Return the document types this plugin provides (:class:`~rectimeet.documents.registry.DocumentType`).

    Each record names an id, a Chinese name, a template and a typed context function over the
    plan's facts. Every plugin's records are collected, lowest precedence first (the built-in
    set, then level plugins, then third parties): a record whose id is already taken is an error
    unless it sets ``replaces=True``, in which case it takes the earlier one's place.

    Example::

        from dataclasses import replace
        from rectimeet.documents.builtin import PLAN

        @hookimpl
        def rectimeet_documents():
            return [
                DocumentType("minutes", "会议记录", Path(__file__).parent / "minutes.docx",
                             minutes_context, "{meeting_title}会议记录"),
                replace(PLAN, template=Path(__file__).parent / "plan.docx", replaces=True),
            ]
    """


@hookspec
def rectimeet_template_dirs(ctx: LevelContext) -> list[Path]:
    """Return directories holding .docx templates that override the built-in ones by file name.

    Directories from plugins asked first win; a user's ``--templates`` directory wins over all.

    Example::

        @hookimpl
        def rectimeet_template_dirs(ctx):
            return [Path(__file__).parent / "templates"]
    """


@hookspec(firstresult=True)
def rectimeet_scaffold(level: str) -> str | None:
    """Return a complete, commented example spec (YAML text) for ``level``, or ``None`` to pass.

    Used by ``rectimeet new --level``, which loads the text as YAML (keeping its comments) and
    replaces every date in it with one fitted to the chosen meeting date; the text holds real
    dates, not placeholders. What a scaffold must contain is in the plugin guide. Stops at first
    non-None result.

    Example::

        @hookimpl
        def rectimeet_scaffold(level):
            if level == "township":
                return (Path(__file__).parent / "scaffold.yaml").read_text("utf-8")
    """


# ---------------------------------------------------------------------------------------------
# Feedback import
# ---------------------------------------------------------------------------------------------


@hookspec(firstresult=True)
def rectimeet_parse_feedback(path: Path) -> FeedbackDocument | None:
    """Read a feedback document (反馈意见) in a format of your own, or return ``None`` to pass.

    Called by :func:`rectimeet.feedback.parse` and ``rectimeet import --feedback`` before the
    built-in reader, which handles the usual .docx and .txt layouts. Answer only for files you
    recognise (by name, content or layout) and return a
    :class:`~rectimeet.feedback.FeedbackDocument`; raise
    :class:`~rectimeet.feedback.FeedbackError` to refuse a file you recognise but cannot use.
    Stops at first non-None result.

    Example::

        @hookimpl
        def rectimeet_parse_feedback(path):
            if path.suffix != ".json":
                return None
            return FeedbackDocument.model_validate_json(path.read_text("utf-8"))
    """
