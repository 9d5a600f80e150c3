"""Hook implementations of the 江北省 plugin.

Three hooks are enough for a province that accepts every level's defaults but has its own
numbers and forms: ``rectimeet_adjust_defaults`` edits the resolved defaults in place,
``rectimeet_rules`` contributes a check of the province's own, and ``rectimeet_documents`` adds
the 会议记录 and replaces the built-in 会议通知's template with the province's.
"""

from __future__ import annotations

from rectimeet.documents.registry import DocumentType
from rectimeet.hookspecs import LevelContext, hookimpl
from rectimeet.models.level import LevelDefaults
from rectimeet.models.study import StudyItem
from rectimeet.rules.engine import Rule
from rectimeet_jiangbei.minutes import JIANGBEI_NOTICE, MINUTES
from rectimeet_jiangbei.rules import report_within_deadline

REPORT_DAYS = 10
"""江北省 wants the 情况报告 and 会议记录 within 10 days of the meeting, not 15."""

REPORT_SOURCE = "江北省委组织部：民主生活会后10日内报送（示例插件 rectimeet-jiangbei）"

PROVINCIAL_STUDY_ITEM = StudyItem(
    title="《江北省党员领导干部民主生活会实施办法》",
    category="党章党规",
    note="江北省委组织部印发",
)


@hookimpl
def rectimeet_adjust_defaults(ctx: LevelContext, defaults: LevelDefaults) -> None:
    # Adjusters run after every level has answered, so this edits the level's own milestone
    # (whatever level the unit is) instead of re-stating the whole timeline.
    for milestone in defaults.milestones:
        if milestone.key == "report":
            milestone.offset = REPORT_DAYS
            milestone.source = REPORT_SOURCE
    if all(item.title != PROVINCIAL_STUDY_ITEM.title for item in defaults.study):
        defaults.study.append(PROVINCIAL_STUDY_ITEM.model_copy())


@hookimpl
def rectimeet_rules() -> list[Rule]:
    return [report_within_deadline]


@hookimpl
def rectimeet_documents() -> list[DocumentType]:
    return [MINUTES, JIANGBEI_NOTICE]
