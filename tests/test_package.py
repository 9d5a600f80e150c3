"""A template package read once: its members as zipfile reads them, damage detected."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from rectimeet.documents.assembly import BUILTIN_TEMPLATES
from rectimeet.documents.package import Package


@pytest.mark.parametrize("template", sorted(BUILTIN_TEMPLATES.glob("*.docx")), ids=lambda p: p.name)
def test_every_member_reads_as_zipfile_reads_it(template: Path) -> None:
    data = template.read_bytes()
    package = Package(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert package.names() == archive.namelist()
        for name in archive.namelist():
            assert package.read(name) == archive.read(name)


def test_stored_members_and_missing_ones() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("stored.xml", "<a>存</a>", compress_type=zipfile.ZIP_STORED)
        archive.writestr("deflated.xml", "<b>压缩</b>" * 50, compress_type=zipfile.ZIP_DEFLATED)
    package = Package(out.getvalue())
    assert package.read("stored.xml") == "<a>存</a>".encode()
    assert package.read("deflated.xml") == ("<b>压缩</b>" * 50).encode()
    with pytest.raises(KeyError):
        package.read("missing.xml")


def test_a_damaged_member_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("part.xml", "<a>" + "甲" * 40 + "</a>", compress_type=zipfile.ZIP_STORED)
    data = bytearray(out.getvalue())
    at = data.index("甲".encode())
    data[at:at + 3] = "乙".encode()
    with pytest.raises(zipfile.BadZipFile):
        Package(bytes(data)).read("part.xml")


@pytest.mark.parametrize("template", sorted(BUILTIN_TEMPLATES.glob("*.docx")), ids=lambda p: p.name)
def test_a_package_from_its_index_is_the_package(template: Path) -> None:
    data = template.read_bytes()
    package = Package(data)
    again = Package(data, package.index())
    assert again.members == package.members
    assert again.write({"word/document.xml": b"<x/>"}) == package.write({"word/document.xml": b"<x/>"})


def test_an_index_that_does_not_fit_the_data_is_refused() -> None:
    data = (BUILTIN_TEMPLATES / "notice.docx").read_bytes()
    index = Package(data).index()
    shifted = [(*row[:6], row[6] + 1, row[7]) for row in index]
    renamed = [("other.xml", *index[0][1:]), *index[1:]]
    for wrong in (shifted, renamed, [(*index[0][:6], len(data) + 10, 5)]):
        with pytest.raises(zipfile.BadZipFile):
            Package(data, wrong)
