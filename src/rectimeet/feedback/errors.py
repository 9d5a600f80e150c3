"""Why a feedback document could not be read or imported."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rectimeet.errors import RectimeetError
from rectimeet.i18n import N_, render


class FeedbackError(RectimeetError):
    """The feedback document cannot be read, or holds no usable problem section.

    ``source`` is the file; the message says where in it (paragraph, line or table row).
    """

    def __init__(self, source: str, message: str, params: Mapping[str, Any] | None = None) -> None:
        self.source = source
        super().__init__(message, params)

    def render(self, lang: str = "zh") -> str:
        return f"{self.source}: {super().render(lang)}"


class FeedbackImportError(RectimeetError):
    """Importing would drop problems that are in use; nothing was written.

    ``blocked`` lists ``(id, reasons)``; each reason is a message id and its params.
    """

    def __init__(self, spec: str, blocked: list[tuple[str, list[tuple[str, Mapping[str, Any]]]]]):
        self.spec = spec
        self.blocked = blocked
        super().__init__(N_("{spec}: {count} problem(s) in the spec are not in the feedback "
                            "document but are in use; nothing was written (give --allow-drop "
                            "to drop them)"), {"spec": spec, "count": len(blocked)})

    def render(self, lang: str = "zh") -> str:
        lines = [super().render(lang)]
        for item_id, reasons in self.blocked:
            said = "; ".join(render(msgid, params, lang) for msgid, params in reasons)
            lines.append(f"  {item_id}: {said}")
        return "\n".join(lines)
