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
from collections.abc import Mapping
from dataclasses import dataclass

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_LOCAL_SIGNATURE = 0x04034B50
_CENTRAL_SIGNATURE = 0x02014B50
_END_SIGNATURE = 0x06054B50
_VERSION = 20  # 2.0: deflate
_UTF8_NAME = 0x800
_LEVEL = 6  # zlib's default: what python-docx (through zipfile) writes


@dataclass(frozen=True)
class Member:
    """One stored member: its name, how it is stored, and its bytes as stored."""

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

    def __init__(self, data: bytes) -> None:
        self.members: list[Member] = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                self.members.append(Member(info.filename, info.compress_type,
                                           _dos_time(info.date_time), _dos_date(info.date_time),
                                           info.CRC, info.file_size, _stored_bytes(data, info)))
        self._members = {m.name: m for m in self.members}
        self._texts: dict[str, bytes] = {}
        self._data = data

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


def _stored_bytes(data: bytes, info: zipfile.ZipInfo) -> bytes:
    # The local header repeats the name and has its own extra field: skip both to the data.
    header = data[info.header_offset:info.header_offset + _LOCAL.size]
    fields = _LOCAL.unpack(header)
    if fields[0] != _LOCAL_SIGNATURE:
        raise zipfile.BadZipFile(f"bad local header for {info.filename}")
    start = info.header_offset + _LOCAL.size + fields[9] + fields[10]
    return data[start:start + info.compress_size]


def _dos_time(date_time: tuple[int, int, int, int, int, int]) -> int:
    return date_time[3] << 11 | date_time[4] << 5 | date_time[5] // 2


def _dos_date(date_time: tuple[int, int, int, int, int, int]) -> int:
    return max(date_time[0] - 1980, 0) << 9 | date_time[1] << 5 | date_time[2]
