"""What happens to a counted deadline that lands on a rest day (weekend, holiday)."""

from enum import StrEnum
from typing import Any

from pydantic import model_validator

from rectimeet.models.base import Model


class RestDayMove(StrEnum):
    """Where a counted day that is not a working day goes."""

    EARLIER = "earlier"
    """To the last working day before it."""
    LATER = "later"
    """To the first working day after it (民法典 第二百零三条 by analogy)."""
    KEEP = "keep"
    """Nowhere: the counted day stands, rest day or not."""


class RestDayPolicy(Model):
    """``schedule.rest_day_policy``: one move for deadlines before the meeting, one for after.

    A single word (``earlier``, ``later`` or ``keep``) sets both. The default moves a deadline
    before the meeting earlier (the superior must be able to receive the submission) and rolls a
    deadline after the meeting forward (the period's last day is the next working day).
    """

    before: RestDayMove = RestDayMove.EARLIER
    """Deadlines before the meeting (会前N天)."""
    after: RestDayMove = RestDayMove.LATER
    """Deadlines after the meeting (会后N日内, 反馈后N个月内)."""

    @model_validator(mode="before")
    @classmethod
    def _one_word_for_both(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"before": data, "after": data}
        return data
