"""Shared model configuration and reference types."""

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from rectimeet.coreschema import Prebuilt

TEAM = "班子"
"""The owner/claimant keyword for the leadership team as a whole (rather than one member)."""

Id = Annotated[str, Prebuilt(lambda: core_schema.str_schema(pattern=r"^[^\s]+$", min_length=1,
                                                            max_length=64))]
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


Day = Annotated[dt.date, Prebuilt(lambda: core_schema.no_info_after_validator_function(
    _day_in_range, core_schema.date_schema()))]
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


def _clock_time_schema() -> CoreSchema:
    return core_schema.no_info_after_validator_function(
        _naive_time, core_schema.no_info_before_validator_function(_time_not_number,
                                                                   core_schema.time_schema()))


ClockTime = Annotated[dt.time, Prebuilt(_clock_time_schema)]
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


def _no_bool(value: object) -> object:
    # Pydantic reads true as 1; in a spec, count: true is a mistake, not a number.
    if isinstance(value, bool):
        raise PydanticCustomError("bool_number", "{value} is true/false, not a number",
                                  {"value": str(value).lower()})
    return value


def whole(*, ge: int | None = None, le: int | None = None) -> Prebuilt:
    """``Annotated[int, whole(ge=1)]``: a whole number within bounds that true/false is not
    (the bounds are part of the type, so the JSON schema shows them)."""
    return Prebuilt(lambda: core_schema.no_info_before_validator_function(
        _no_bool, core_schema.int_schema(ge=ge, le=le)))


def number(*, gt: float | None = None, le: float | None = None) -> Prebuilt:
    """``Annotated[float, number(gt=0)]``: a number within bounds that true/false is not."""
    return Prebuilt(lambda: core_schema.no_info_before_validator_function(
        _no_bool, core_schema.float_schema(gt=gt, le=le)))
