"""Shared model configuration and reference types."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

TEAM = "班子"
"""The owner/claimant keyword for the leadership team as a whole (rather than one member)."""

Id = Annotated[str, StringConstraints(pattern=r"^[^\s]+$", min_length=1, max_length=64)]
"""A stable identifier: any text without white space (``m1``, ``zhang``, ``张三`` all work)."""


class Model(BaseModel):
    """Base of every rectimeet model: unknown keys are errors, field docs feed the JSON schema."""

    model_config = ConfigDict(
        extra="forbid",
        use_attribute_docstrings=True,
        validate_assignment=True,
        populate_by_name=True,
    )
