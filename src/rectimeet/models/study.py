"""学习研讨: the study list and the sessions."""

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from rectimeet.coreschema import new_list
from rectimeet.models.base import Day, Model, number
from rectimeet.text import Name, Text


class StudyItem(Model):
    """One entry of the study list (学习篇目)."""

    title: Name
    """Title as it should appear, e.g. 《中国共产党巡视工作条例》."""
    category: Text = ""
    """Grouping, e.g. 理论学习, 党章党规, 巡视巡察, 反馈意见."""
    note: Text = ""
    """Extra note, e.g. 节选 or 第X卷."""


class StudyMode(StrEnum):
    """集中学习 (together) or 个人自学 (individual)."""

    COLLECTIVE = "集中学习"
    INDIVIDUAL = "个人自学"


class StudySession(Model):
    """A study session actually planned or held."""

    date: Day
    """Day of the session."""
    mode: StudyMode = StudyMode.COLLECTIVE
    """集中学习 or 个人自学."""
    days: Annotated[float, number(gt=0, le=10)] = 0.5
    """Length in days: 0.5 is half a day (the minimum for 集中学习), 1 a whole day."""
    topic: Text = ""
    """What was studied."""


class Study(Model):
    """The study part of the preparation."""

    items: list[StudyItem] = Field(default_factory=new_list)
    """The study list; empty means the level's default list."""
    sessions: list[StudySession] = Field(default_factory=new_list)
    """Sessions planned or held."""
