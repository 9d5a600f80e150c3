"""Validating plain data, or a plugin's answer, as a type: ``validate_as(list[AgendaItem], data)``.

pydantic validates a type other than a model through a :class:`~pydantic.TypeAdapter`, whose
schema is built on first use, about a tenth of a millisecond each; a check asks for about fifteen
types. Most are a model or a list of one, and a model's own validator is already built, so those
are validated with it. Anything else, and any value that fails (for pydantic's full wording of
where it failed), goes through the type's adapter, built once per process.
"""

from __future__ import annotations

import functools
import typing
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError


@functools.cache
def adapter(type_: Any) -> TypeAdapter[Any]:
    return TypeAdapter(type_)


@functools.cache
def _shape(type_: Any) -> tuple[str, type[BaseModel] | None]:
    """("model", M) for a model, ("list", M) for ``list[M]``, ("other", None) otherwise."""
    if isinstance(type_, type) and issubclass(type_, BaseModel):
        return "model", type_
    args = typing.get_args(type_)
    if typing.get_origin(type_) is list and len(args) == 1 and isinstance(args[0], type) \
            and issubclass(args[0], BaseModel):
        return "list", args[0]
    return "other", None


def validate_as(type_: Any, value: Any) -> Any:
    """``value`` validated as ``type_`` (raises :class:`pydantic.ValidationError`)."""
    shape, model = _shape(type_)
    if model is not None:
        if shape == "model":
            return model.model_validate(value)
        if type(value) is list:
            try:
                return [model.model_validate(item) for item in value]
            except ValidationError:
                pass  # worded by the adapter, with the item's index
    return adapter(type_).validate_python(value)
