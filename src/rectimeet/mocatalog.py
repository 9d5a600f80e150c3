"""A compiled ``.mo`` message catalogue, looked up in place.

A ``.mo`` file (GNU gettext's compiled format) holds two tables of (length, offset) pairs, one
for the message ids and one for their translations, with the ids sorted. One message is found by
binary search, without decoding the several hundred others: a command shows a handful of
messages, and decoding the whole catalogue costs every command about a millisecond. Going through
all messages (tests, tools) decodes them with the standard library's gettext.
"""

from __future__ import annotations

import gettext
import io
import struct
from collections.abc import Iterator, Mapping
from typing import Any

MAGIC = 0x950412DE


class CompiledCatalog(Mapping[str, str]):
    """msgid → msgstr of a ``.mo``; empty translations and the ``hidden`` ids are left out."""

    def __init__(self, data: bytes, hidden: frozenset[str] = frozenset()):
        for order in ("<", ">"):
            if struct.unpack_from(order + "I", data)[0] == MAGIC:
                break
        else:
            raise ValueError("not a compiled message catalogue (.mo)")
        self._data = data
        self._pair = struct.Struct(order + "2I")
        self._count, self._ids, self._texts = struct.unpack_from(order + "3I", data, 8)
        self._hidden = hidden
        self._everything: dict[str, str] | None = None

    def _entry(self, table: int, index: int) -> bytes:
        length, offset = self._pair.unpack_from(self._data, table + 8 * index)
        return self._data[offset:offset + length]

    def raw(self, msgid: str) -> str | None:
        """The translation stored for ``msgid`` (hidden ids included), or None."""
        key = msgid.encode("utf-8")
        low, high = 0, self._count
        while low < high:
            middle = (low + high) // 2
            probe = self._entry(self._ids, middle)
            if probe < key:
                low = middle + 1
            elif probe > key:
                high = middle
            else:
                return self._entry(self._texts, middle).decode("utf-8")
        return None

    def __getitem__(self, msgid: str) -> str:
        text = self.raw(msgid) if msgid and msgid not in self._hidden else None
        if not text:
            raise KeyError(msgid)
        return text

    def _all(self) -> dict[str, str]:
        if self._everything is None:
            translations = gettext.GNUTranslations(io.BytesIO(self._data))
            messages: dict[Any, Any] = getattr(translations, "_catalog", {})
            self._everything = {str(k): str(v) for k, v in messages.items()
                                if k and v and k not in self._hidden}
        return self._everything

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())
