"""The exception hierarchy: every failure a caller can act on is a :class:`RectimeetError`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple


class RectimeetError(Exception):
    """Base of every error rectimeet raises on purpose.

    ``message`` is an English message id with ``{named}`` fields (marked with
    :func:`rectimeet.i18n.N_`); :meth:`render` gives it in zh (the default, also ``str(exc)``)
    or en.
    """

    def __init__(self, message: str = "", params: Mapping[str, Any] | None = None) -> None:
        self.message_id = message
        self.params: Mapping[str, Any] = dict(params or {})
        super().__init__(message)

    def render(self, lang: str = "zh") -> str:
        from rectimeet.i18n import render

        return render(self.message_id, self.params, lang)

    def __str__(self) -> str:
        return self.render()


class Problem(NamedTuple):
    """One thing wrong with an input: a stable code, where it is, and what is wrong.

    ``message`` is a message id with ``{named}`` fields filled from ``params``; ``path`` is where
    in the input, ``line`` and ``column`` where in its file when known. An immutable record (a
    named tuple).
    """

    code: str
    path: tuple[str | int, ...]
    message: str
    line: int | None = None
    column: int | None = None
    params: Mapping[str, Any] = {}

    @property
    def dotted_path(self) -> str:
        return format_path(self.path)

    def text(self, lang: str = "zh") -> str:
        from rectimeet.i18n import render

        return render(self.message, self.params, lang)


def format_path(path: tuple[str | int, ...]) -> str:
    """Render a spec path as ``talks[3].parties`` (the form used in messages and docs)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "<root>"


class SpecError(RectimeetError):
    """A spec could not be read or does not describe a valid plan.

    Carries every problem found, each with its path and, when the spec came from a file, the
    line and column; the CLI prints them and exits with status 2.
    """

    def __init__(self, problems: list[Problem], source: Path | str | None = None) -> None:
        self.problems = problems
        self.source = str(source) if source is not None else None
        super().__init__()

    def render(self, lang: str = "zh") -> str:
        lines = []
        for p in self.problems:
            where = self.source or "<spec>"
            if p.line is not None:
                where += f":{p.line}"
                if p.column is not None:
                    where += f":{p.column}"
            lines.append(f"{where}: {p.code} {p.dotted_path}: {p.text(lang)}")
        return "\n".join(lines)


@dataclass
class StructureErrors(ValueError):
    """Raised inside model validation when cross-references or uniqueness fail.

    Pydantic keeps the original exception in the error context, so the spec loader can expand
    it back into one located problem per violation.
    """

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(f"{p.code} {p.dotted_path}: {p.text()}" for p in self.problems)


class PluginError(RectimeetError):
    """A plugin failed to load, registered a bad hook, or returned something invalid."""

    def __init__(self, plugin: str, distribution: str | None, message: str,
                 params: Mapping[str, Any] | None = None) -> None:
        self.plugin = plugin
        self.distribution = distribution
        super().__init__(message, params)

    def render(self, lang: str = "zh") -> str:
        from rectimeet.i18n import N_, render

        head = (render(N_("plugin {plugin} (distribution {distribution})"),
                       {"plugin": self.plugin, "distribution": self.distribution}, lang)
                if self.distribution else
                render(N_("plugin {plugin}"), {"plugin": self.plugin}, lang))
        return f"{head}: {super().render(lang)}"


class LanguageError(RectimeetError, ValueError):
    """A language rectimeet has no catalogue for (``zh`` and ``en`` are supported).

    Also a :class:`ValueError`, which is what earlier versions raised.
    """


class UnknownLevelError(RectimeetError):
    """The spec names a level no installed plugin provides."""


class TemplateError(RectimeetError):
    """A document template is broken or references a field the context does not have."""


class BuildError(RectimeetError):
    """Assembling documents failed; nothing half-written was left behind."""


class WriteError(RectimeetError, OSError):
    """A file or folder could not be written (permissions, a full disk, a file where a folder
    should be); the old file, if any, is intact. Also an :class:`OSError`, as it was before
    rectimeet named it."""

    def __str__(self) -> str:
        return self.render()


class SpecChangedError(RectimeetError):
    """The spec changed on disk after it was read, or another writer holds it; nothing was
    written."""


class LedgerError(RectimeetError):
    """A rectification-ledger operation was refused (invalid transition, bad workbook)."""
