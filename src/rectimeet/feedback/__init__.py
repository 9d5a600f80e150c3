"""The inspection group's feedback document (巡视巡察反馈意见): read it, and import its problems.

:func:`parse` turns a .docx (or a .txt copy) into a typed :class:`FeedbackDocument`; a plugin's
``rectimeet_parse_feedback`` hook is asked first, so a province can read its own format.
:func:`rectimeet.feedback.importer.import_feedback` brings the problems into a spec.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rectimeet.feedback.errors import FeedbackError, FeedbackImportError

if TYPE_CHECKING:
    from rectimeet.feedback.model import FeedbackArea, FeedbackDocument, FeedbackItem
    from rectimeet.plugins import PluginHost

_MODELS = ("FeedbackArea", "FeedbackDocument", "FeedbackItem")


def __getattr__(name: str) -> object:
    # The models are built on first use: the plugin host imports this package for its
    # errors, and a check that reads no feedback should not build them.
    if name in _MODELS:
        from rectimeet.feedback import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "FeedbackArea",
    "FeedbackDocument",
    "FeedbackError",
    "FeedbackImportError",
    "FeedbackItem",
    "parse",
    "parse_builtin",
]


def parse(path: Path | str, host: PluginHost | None = None) -> FeedbackDocument:
    """Read a feedback document: plugins first (``rectimeet_parse_feedback``), then the
    built-in reader. Raises :class:`FeedbackError` (file and place) when it cannot."""
    from rectimeet.plugins import get_host

    path = Path(path)
    found = (host or get_host()).parse_feedback(path)
    if found is not None:
        return found
    return parse_builtin(path)


def parse_builtin(path: Path | str) -> FeedbackDocument:
    """The built-in reader alone (no plugins)."""
    from rectimeet.feedback.parser import parse_blocks
    from rectimeet.feedback.reader import read_blocks

    path = Path(path)
    return parse_blocks(read_blocks(path), str(path))
