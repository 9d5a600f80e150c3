"""Shared model configuration and reference types."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

TEAM = "班子"
"""The owner/claimant keyword for the leadership team as a whole (rather than one member)."""

Id = Annotated[str, StringConstraints(pattern=r"^[^\s]+$", min_length=1, max_length=64)]
"""A stable identifier: any text without white space (``m1``, ``zhang``, ``张三`` all work)."""


FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2199, 12, 31)
"""Dates a plan may name: wide enough for any meeting, narrow enough that every deadline
computed from them (offsets, working days, warnings) stays a valid date."""


def _day_in_range(value: dt.date) -> dt.date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise PydanticCustomError("date_range", "{value} is outside {first} … {last}",
                                  {"value": value.isoformat(), "first": FIRST_DAY.isoformat(),
                                   "last": LAST_DAY.isoformat()})
    return value


Day = Annotated[dt.date, AfterValidator(_day_in_range)]
"""A calendar date between :data:`FIRST_DAY` and :data:`LAST_DAY`."""


def _time_not_number(value: object) -> object:
    # 830 or 690 (a YAML 1.1 tool's reading of 11:30) would become seconds after midnight.
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise PydanticCustomError("time_number", "{value} is a number, not a time of day",
                                  {"value": str(getattr(value, "source", value))})
    return value


def _naive_time(value: dt.time) -> dt.time:
    # A time with a zone cannot be compared with the plan's other (local) times.
    return value.replace(tzinfo=None)


ClockTime = Annotated[dt.time, BeforeValidator(_time_not_number), AfterValidator(_naive_time)]
"""A time of day written as ``HH:MM`` (local, without zone)."""


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

    @field_validator("*", mode="before")
    @classmethod
    def _no_bool_as_number(cls, value: Any, info: ValidationInfo) -> Any:
        # Pydantic reads true as 1; in a spec, count: true is a mistake, not a number.
        if isinstance(value, bool) and info.field_name is not None:
            annotation = cls.model_fields[info.field_name].annotation
            if annotation in _NUMBERS:
                raise PydanticCustomError("bool_number", "{value} is true/false, not a number",
                                          {"value": str(value).lower()})
        return value


_NUMBERS: tuple[object, ...] = (int, float, int | None, float | None)
