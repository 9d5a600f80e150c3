"""征求意见: opinions collected before the meeting."""

from enum import StrEnum
from typing import Annotated

from rectimeet.models.base import TEAM, Id, Model, whole
from rectimeet.text import Name, Text


class OpinionChannel(StrEnum):
    """How an opinion was collected."""

    FORUM = "座谈会"
    FORM = "征求意见表"
    BOX = "意见箱"
    VISIT = "走访"
    ONLINE = "网络"
    INTERVIEW = "个别谈话"


class Opinion(Model):
    """An opinion or suggestion (意见建议) about the team or a member."""

    id: Id
    """Identifier, e.g. O1."""
    channel: OpinionChannel = OpinionChannel.FORM
    """座谈会, 征求意见表, 意见箱, 走访, 网络 or 个别谈话."""
    about: Id = TEAM
    """``班子`` for the team, or a member id."""
    text: Name
    """The opinion, as collected (原汁原味)."""
    source: Text = ""
    """Who gave it, as far as recorded (e.g. 村党支部书记座谈会)."""
    count: Annotated[int, whole(ge=1)] = 1
    """How many people raised it (an aggregated opinion)."""
