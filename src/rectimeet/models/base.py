"""Shared model configuration and reference types."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints

TEAM = "班子"
"""The owner/claimant keyword for the leadership team as a whole (rather than one member)."""

Id = Annotated[str, StringConstraints(pattern=r"^[^\s]+$", min_length=1, max_length=64)]
"""A stable identifier: any text without white space (``m1``, ``zhang``, ``张三`` all work)."""


class Model(BaseModel):
    """Base of every rectimeet model: unknown keys are errors, field docs feed the JSON schema."""

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        populate_by_name=True,
    )

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # Field docstrings are read on demand (see rectimeet.models.fielddocs), not at import.
        from rectimeet.models.fielddocs import rebuild_with_docs

        rebuild_with_docs(Model)
        return super().model_json_schema(*args, **kwargs)

    @classmethod
    def field_docs(cls) -> None:
        """Make sure every field's ``description`` holds its docstring (read on first call)."""
        from rectimeet.models.fielddocs import attach_field_docs

        attach_field_docs(Model)
