"""PDF through LibreOffice, and which of the GB/T 9704 fonts this machine really has.

The .docx files are converted exactly as written (their grid is one LibreOffice, Word and WPS
lay out alike), in one ``soffice`` call with a user profile of its own: several ``soffice``
processes sharing a profile fail at random.

Fonts: the templates name 方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312 and 宋体. LibreOffice asks
fontconfig for each; a missing one is replaced by whatever fontconfig matches, often a sans face.
:func:`font_report` asks fontconfig (``fc-match``) the same question, so ``--pdf`` can say which
fonts were found and which were substituted.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rectimeet.documents import gbt9704 as gb
from rectimeet.errors import BuildError
from rectimeet.i18n import N_, render

PDF_HELP = N_("--pdf needs LibreOffice (soffice), which is not installed. On Debian/Ubuntu: "
              "{command}")
PDF_INSTALL = ("sudo apt-get install --no-install-recommends libreoffice-writer-nogui "
               "fonts-noto-cjk")
CONVERT_TIMEOUT_S = 600

GB_FONTS: tuple[tuple[str, str], ...] = (
    (gb.FONT_TITLE, N_("title")),
    (gb.FONT_BODY, N_("body and third-level headings")),
    (gb.FONT_HEI, N_("first-level headings")),
    (gb.FONT_KAI, N_("second-level headings")),
    (gb.FONT_SONG, N_("page numbers")),
)
"""Each font the templates name, and what it sets."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(paths: Sequence[Path], out_dir: Path) -> list[Path]:
    """Convert .docx files, as they are, to PDF in ``out_dir``; return the PDFs' paths."""
    exe = soffice()
    if exe is None:
        raise BuildError(PDF_HELP, {"command": PDF_INSTALL})
    if not paths:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rectimeet-lo-") as profile:
        command = [exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, paths)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, check=False,
                                    timeout=CONVERT_TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            raise BuildError(N_("LibreOffice could not convert the documents: {output}"),
                             {"output": f"no answer after {CONVERT_TIMEOUT_S} s"}) from exc
    pdfs = [out_dir / f"{p.stem}.pdf" for p in paths]
    missing = [p.name for p in pdfs if not p.is_file()]
    if result.returncode != 0 or missing:
        # LibreOffice's own output (English) is passed on as it is.
        if missing:
            raise BuildError(N_("LibreOffice could not convert {files}: {output}"),
                             {"files": missing, "output": result.stderr.strip()})
        raise BuildError(N_("LibreOffice could not convert the documents: {output}"),
                         {"output": result.stderr.strip()})
    return pdfs


@dataclass(frozen=True)
class FontStatus:
    """What fontconfig gives for one font the templates name."""

    name: str
    role: str
    used: str | None
    """The family fontconfig matches; None when fontconfig could not be asked."""

    @property
    def found(self) -> bool:
        return self.used is not None and self.used.casefold() == self.name.casefold()


def font_report(names: Sequence[tuple[str, str]] = GB_FONTS) -> list[FontStatus]:
    """Ask fontconfig which family each of ``names`` resolves to on this machine."""
    fc_match = shutil.which("fc-match")
    statuses = []
    for name, role in names:
        used = _fc_match(fc_match, name) if fc_match else None
        statuses.append(FontStatus(name, role, used))
    return statuses


def _fc_match(fc_match: str, name: str) -> str | None:
    # Asked as LibreOffice asks: for Chinese text, so the stand-in is a CJK face.
    result = subprocess.run([fc_match, "--format=%{family}", f"{name}:lang=zh-cn"], capture_output=True,
                            text=True, check=False, timeout=30)
    if result.returncode != 0 or not result.stdout.strip():
        return None
    families = [f.strip() for f in result.stdout.split(",") if f.strip()]
    # A family has several names (one per language): the requested one counts as found.
    for family in families:
        if family.casefold() == name.casefold():
            return family
    return families[0]


def describe_fonts(statuses: Sequence[FontStatus], lang: str) -> list[str]:
    """One line per font, for ``--pdf``'s output."""
    lines = []
    for status in statuses:
        params = {"font": status.name, "role": render(status.role, None, lang), "used": status.used}
        if status.used is None:
            lines.append(render(N_("font {font} ({role}): fontconfig (fc-match) is not available "
                                   "to tell which font LibreOffice uses"), params, lang))
        elif status.found:
            lines.append(render(N_("font {font} ({role}): found"), params, lang))
        else:
            lines.append(render(N_("font {font} ({role}): not installed, substituted by {used}"),
                                params, lang))
    if any(not s.found for s in statuses):
        lines.append(render(N_("install the GB fonts or alias them with fontconfig: see "
                               "\"Fonts\" in the documents guide"), None, lang))
    return lines
