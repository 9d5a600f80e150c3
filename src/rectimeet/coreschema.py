"""Reusable field types given to pydantic as ready-made core schemas.

``Annotated[str, BeforeValidator(f), AfterValidator(g)]`` makes pydantic inspect ``f`` and
``g`` again for every field that uses the type (about 0.15 ms a field, and the models have
a few hundred text fields: a fifth of what a ``rectimeet check`` spent importing them). A
:class:`Prebuilt` marker hands pydantic the finished core schema instead; the validation, the
error types and the JSON schema are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import CoreSchema


class Prebuilt:
    """``Annotated`` metadata whose core schema is ``build()`` (a fresh copy for each field)."""

    __slots__ = ("build",)

    def __init__(self, build: Callable[[], CoreSchema]) -> None:
        self.build = build

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return self.build()

    def __repr__(self) -> str:
        return f"Prebuilt({getattr(self.build, '__name__', self.build)!r})"


# pydantic inspects every default factory's signature; for a builtin such as ``list`` that
# means parsing its text signature with the tokenizer (about 0.5 ms a field, a quarter of the
# models' import). A Python function is inspected directly.
def new_list() -> list[Any]:
    """A fresh empty list (a default factory)."""
    return []


def new_dict() -> dict[Any, Any]:
    """A fresh empty dict (a default factory)."""
    return {}
