"""Text normalisation: what every string goes through before it enters the model.

docxtpl silently drops or truncates text containing XML-illegal characters (XML 1.0 allows no
control characters but tab and line breaks), so such text is refused here, at the door, with the
offending position.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from rectimeet.coreschema import Prebuilt

# Control characters other than tab and newline. Lone surrogates and the two non-characters
# are found without a pattern: a character class reaching into them costs every process
# about half a millisecond to compile.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def find_illegal(text: str) -> tuple[int, str] | None:
    """Return ``(index, character)`` of the first character a .docx cannot hold, if any: a
    control character other than tab and line breaks, a lone surrogate, U+FFFE or U+FFFF."""
    match = _CONTROL.search(text)
    first = match.start() if match is not None else len(text)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:  # only a surrogate cannot be encoded
            first = min(first, exc.start)
        for char in ("\ufffe", "\uffff"):
            found = text.find(char, 0, first)
            if found >= 0:
                first = found
    return (first, text[first]) if first < len(text) else None


def normalise(text: str) -> str:
    """CRLF, a lone CR and NEL (U+0085, the line break of old mainframe and some copied text)
    become LF; illegal characters raise ``PydanticCustomError('bad_text')``."""
    # NEL is a line break to YAML writers: ruamel.yaml writes it into a quoted scalar that
    # reads back as a space, so a text keeping it could not be written to a spec and read back.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x85", "\n")
    bad = find_illegal(text)
    if bad is not None:
        index, char = bad
        raise PydanticCustomError(
            "bad_text",
            "text contains character U+{codepoint} at position {index}, which a .docx cannot hold",
            {"codepoint": f"{ord(char):04X}", "index": index},
        )
    return text


def _not_blank(text: str) -> str:
    if not text.strip():
        raise PydanticCustomError("blank_text", "text must not be empty")
    return text


class WrittenInt(int):
    """An integer read from a spec that remembers how it was written (``0301``, ``1_000``)."""

    source: str

    def __new__(cls, value: int, source: str) -> WrittenInt:
        self = super().__new__(cls, value)
        self.source = source
        return self

    def __reduce__(self) -> tuple[type[WrittenInt], tuple[int, str]]:
        # copy and pickle (process pools) rebuild it with its source.
        return WrittenInt, (int(self), self.source)


class WrittenFloat(float):
    """A float read from a spec that remembers how it was written (``3.10``, ``2026.10``)."""

    source: str

    def __new__(cls, value: float, source: str) -> WrittenFloat:
        self = super().__new__(cls, value)
        self.source = source
        return self

    def __reduce__(self) -> tuple[type[WrittenFloat], tuple[float, str]]:
        return WrittenFloat, (float(self), self.source)


def _coerce_scalar(value: object) -> object:
    # YAML turns 0301 or 3.10 into numbers; in a text field the clerk meant the characters
    # written, so the scalar's source text is kept (301 or 3.1 would change a room or a 文号).
    if isinstance(value, WrittenInt | WrittenFloat):
        return value.source
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _text_schema() -> CoreSchema:
    return core_schema.no_info_before_validator_function(
        _coerce_scalar, core_schema.no_info_after_validator_function(normalise, core_schema.str_schema()))


def _name_schema() -> CoreSchema:
    return core_schema.no_info_after_validator_function(_not_blank, _text_schema())


Text = Annotated[str, Prebuilt(_text_schema)]
"""Any user-facing text: written numbers kept as written, normalised, may be empty."""

Name = Annotated[str, Prebuilt(_name_schema)]
"""Text that must say something (names, titles, issue texts)."""
