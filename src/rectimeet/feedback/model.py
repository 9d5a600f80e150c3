"""What a feedback document (巡视巡察反馈意见) says, as typed data."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from rectimeet.coreschema import new_list
from rectimeet.models.inspection import InspectionKind, InspectionScope


class _Model(BaseModel):
    # Field docstrings document the code; reading them into descriptions at import cost every
    # command that loads the plugins (nothing shows these descriptions).
    model_config = ConfigDict(extra="forbid")


class FeedbackItem(_Model):
    """One numbered problem or suggestion, as the document words it."""

    label: str
    """The number as printed (or as Word numbers it): ``1．``, ``（1）``, ``一是``, ``（一）``."""
    statement: str = Field(min_length=1)
    """Its first sentence, without the number and the closing punctuation."""
    details: list[str] = Field(default_factory=new_list)
    """具体表现: the rest of the item, one entry per paragraph."""
    position: str
    """Section, area and number, e.g. ``一、（二）3．``: where a reader finds it in the source."""
    where: str = ""
    """Where it starts in the file (``paragraph 12``, ``line 12``, ``table 1, row 3``)."""


class FeedbackArea(_Model):
    """An area of the problem section (the （一）（二） headings) and its problems."""

    label: str = ""
    """``（一）``; empty when the section has no areas."""
    title: str = ""
    """The heading, e.g. 贯彻落实党中央决策部署方面."""
    section: str = ""
    """The label of the section it belongs to, e.g. ``一、``."""
    problems: list[FeedbackItem] = Field(default_factory=new_list)


class FeedbackDocument(_Model):
    """A parsed feedback document: who inspected, the problems by area, and everything else."""

    source: str = ""
    """The file it was read from."""
    title: str = ""
    """The document's title, e.g. 县委第一巡察组关于巡察某某乡党委的反馈意见."""
    kind: InspectionKind | None = None
    """巡视 or 巡察, when the document says."""
    scope: InspectionScope | None = None
    """专项 or 回头看 when the title says; None otherwise."""
    group: str = ""
    """The inspecting body, e.g. 县委第一巡察组."""
    round: str = ""
    """The round, e.g. 县委第十一轮巡察."""
    date: dt.date | None = None
    """The date the document is signed (its 成文日期)."""
    opening: list[str] = Field(default_factory=new_list)
    """Paragraphs before the problem section (who inspected, when, the overall assessment)."""
    areas: list[FeedbackArea] = Field(default_factory=new_list)
    """The problem section(s), area by area."""
    suggestions: list[FeedbackItem] = Field(default_factory=new_list)
    """意见建议."""
    referrals: list[str] = Field(default_factory=new_list)
    """The 移交问题线索 paragraph(s)."""
    closing: list[str] = Field(default_factory=new_list)
    """What follows: the request to report on rectification, signature and date."""

    @property
    def problems(self) -> list[FeedbackItem]:
        """Every problem, in document order."""
        return [p for area in self.areas for p in area.problems]
