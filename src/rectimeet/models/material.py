"""对照检查材料 and 个人发言提纲: tracked, never written by rectimeet."""

from enum import StrEnum

from rectimeet.models.base import TEAM, Day, Id, Model
from rectimeet.text import Text


class MaterialKind(StrEnum):
    """Team self-examination material or a member's speech outline."""

    TEAM = "班子对照检查材料"
    PERSONAL = "个人发言提纲"


class Material(Model):
    """The status of one self-written material: submitted, reviewed, signed, reported."""

    kind: MaterialKind = MaterialKind.PERSONAL
    """班子对照检查材料 or 个人发言提纲."""
    author: Id = TEAM
    """Member id (``班子`` for the team material)."""
    submitted_on: Day | None = None
    """Date the draft was handed in."""
    reviewed_by: Id | None = None
    """Member id of the reviewer (审阅把关), normally the principal leader."""
    reviewed_on: Day | None = None
    """Date of the review."""
    signed_on: Day | None = None
    """Date signed by the author and the principal leader."""
    reported_on: Day | None = None
    """Date sent to the superior for review (报审/报备)."""
    note: Text = ""
    """Remarks, e.g. the reviewer's requests for revision."""
