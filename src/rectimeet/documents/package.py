"""A .docx package read once and written again with only some parts changed.

A rendered document differs from its template in a few parts (the body, a header or footer
with fields, the core properties); fonts, styles, numbering, the theme and settings stay as they
are. :class:`Package` keeps every member's compressed bytes as stored in the template, and
:meth:`Package.write` copies those bytes unchanged and deflates only the parts given anew, so
an untouched part costs a memory copy rather than an inflate, a parse, a serialisation and a
deflate.

zipfile reads the template; it cannot copy a member without recompressing it, so the output's
headers and central directory are written here, in the plain (non-ZIP64) form every Office
suite reads. A template package is far below the 4 GB where ZIP64 would be needed.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_LOCAL_SIGNATURE = 0x04034B50
_CENTRAL_SIGNATURE = 0x02014B50
_END_SIGNATURE = 0x06054B50
_VERSION = 20  # 2.0: deflate
_UTF8_NAME = 0x800
_LEVEL = 6  # zlib's default: what python-docx (through zipfile) writes


class Member(NamedTuple):
    """One stored member: its name, how it is stored, and its bytes as stored (a NamedTuple: a
    frozen dataclass compiles its methods on every import)."""

    name: str
    method: int
    dos_time: int
    dos_date: int
    crc: int
    size: int
    raw: bytes
    """The member's data as stored (deflated for a deflated member)."""


class Package:
    """The members of a zip package, in order, with their stored bytes."""

    def __init__(self, data: bytes, index: Sequence[Sequence[Any]] | None = None) -> None:
        """The package ``data``, its directory read by zipfile, or taken from ``index`` (what
        :meth:`index` gave for these very bytes; each entry's local header is checked)."""
        self.members: list[Member] = []
        self._offsets: list[int] = []
        if index is not None:
            for name, method, dos_time, dos_date, crc, size, offset, length in index:
                start = _data_start(data, int(offset), str(name))
                self.members.append(Member(str(name), int(method), int(dos_time), int(dos_date),
                                           int(crc), int(size), data[start:start + int(length)]))
                self._offsets.append(int(offset))
        else:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for info in archive.infolist():
                    start = _data_start(data, info.header_offset, info.filename)
                    self.members.append(Member(info.filename, info.compress_type,
                                               _dos_time(info.date_time), _dos_date(info.date_time),
                                               info.CRC, info.file_size,
                                               data[start:start + info.compress_size]))
                    self._offsets.append(info.header_offset)
        self._members = {m.name: m for m in self.members}
        self._texts: dict[str, bytes] = {}
        self._data = data

    def index(self) -> tuple[tuple[str, int, int, int, int, int, int, int], ...]:
        """Each member's directory entry, with where its local header starts and how long its
        stored bytes are, as plain values: kept beside a template's compiled parts, it spares the
        next process reading the zip directory."""
        return tuple((m.name, m.method, m.dos_time, m.dos_date, m.crc, m.size, offset, len(m.raw))
                     for m, offset in zip(self.members, self._offsets, strict=True))

    def names(self) -> list[str]:
        return [m.name for m in self.members]

    def read(self, name: str) -> bytes:
        """The uncompressed content of member ``name``."""
        if name not in self._texts:
            member = self._members.get(name)
            if member is None or member.method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                # Not a member, or stored some other way: zipfile says what is wrong or reads it.
                with zipfile.ZipFile(io.BytesIO(self._data)) as archive:
                    self._texts[name] = archive.read(name)
            else:
                # Inflated from the bytes already held, without reading the zip directory again.
                content = member.raw if member.method == zipfile.ZIP_STORED \
                    else zlib.decompress(member.raw, -15)
                if zlib.crc32(content) != member.crc or len(content) != member.size:
                    raise zipfile.BadZipFile(f"bad CRC-32 or size for {name}")
                self._texts[name] = content
        return self._texts[name]

    def write(self, replaced: Mapping[str, bytes]) -> bytes:
        """The package with the members in ``replaced`` given new content, the rest copied."""
        out = io.BytesIO()
        central: list[bytes] = []
        for member in self.members:
            content = replaced.get(member.name)
            if content is None:
                method, crc, size, raw = member.method, member.crc, member.size, member.raw
            else:
                deflater = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
                raw = deflater.compress(content) + deflater.flush()
                method, crc, size = zipfile.ZIP_DEFLATED, zlib.crc32(content), len(content)
            name = member.name.encode("utf-8")
            flags = 0 if name.isascii() else _UTF8_NAME
            offset = out.tell()
            out.write(_LOCAL.pack(_LOCAL_SIGNATURE, _VERSION, flags, method, member.dos_time,
                                  member.dos_date, crc, len(raw), size, len(name), 0))
            out.write(name)
            out.write(raw)
            central.append(_CENTRAL.pack(_CENTRAL_SIGNATURE, _VERSION, _VERSION, flags, method,
                                         member.dos_time, member.dos_date, crc, len(raw), size,
                                         len(name), 0, 0, 0, 0, 0, offset) + name)
        start = out.tell()
        for entry in central:
            out.write(entry)
        out.write(_END.pack(_END_SIGNATURE, 0, 0, len(central), len(central), out.tell() - start,
                            start, 0))
        return out.getvalue()


def _data_start(data: bytes, offset: int, name: str) -> int:
    """Where the stored bytes of the member whose local header is at ``offset`` start."""
    # The local header repeats the name and has its own extra field: skip both to the data.
    header = data[offset:offset + _LOCAL.size]
    fields = _LOCAL.unpack(header) if len(header) == _LOCAL.size else (0,) * 11
    start = offset + _LOCAL.size + fields[9]
    if fields[0] != _LOCAL_SIGNATURE or data[offset + _LOCAL.size:start] not in (
            name.encode("utf-8"), name.encode("cp437", "replace")):
        raise zipfile.BadZipFile(f"bad local header for {name}")
    return int(start + fields[10])


def _dos_time(date_time: tuple[int, int, int, int, int, int]) -> int:
    return date_time[3] << 11 | date_time[4] << 5 | date_time[5] // 2


def _dos_date(date_time: tuple[int, int, int, int, int, int]) -> int:
    return max(date_time[0] - 1980, 0) << 9 | date_time[1] << 5 | date_time[2]
