"""Sphinx extension: write the generated reference pages before the build reads sources.

The spec, CLI, rule and hook references are produced from the code at every build (never copied
by hand) into ``docs/_generated/``; the hand-written pages pull them in with ``{include}``. The
generators are plain functions so that tests can call them without Sphinx.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rectimeet_docs.cli_reference import cli_reference
from rectimeet_docs.context_reference import context_reference, document_reference
from rectimeet_docs.hook_reference import hook_reference
from rectimeet_docs.rule_catalogue import rule_catalogue
from rectimeet_docs.spec_reference import spec_reference

GENERATED_DIR = "_generated"

PAGES = {
    "spec_reference.md": spec_reference,
    "cli_reference.md": cli_reference,
    "rule_catalogue.md": rule_catalogue,
    "hook_reference.md": hook_reference,
    "document_reference.md": document_reference,
    "context_reference.md": context_reference,
}


def write_generated(docs_dir: Path, warn: Any = None) -> list[Path]:
    """Write every generated page under ``docs_dir/_generated``; return the paths written.

    ``warn(message)`` receives problems (a CLI command that cannot be imported, a rule example
    that does not fire); under ``sphinx -W`` these fail the build.
    """
    out_dir = docs_dir / GENERATED_DIR
    out_dir.mkdir(exist_ok=True)
    written = []
    for name, generate in PAGES.items():
        path = out_dir / name
        text = generate(warn=warn)
        # Rewrite only on change so Sphinx does not rebuild every page each time.
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _on_builder_inited(app: Any) -> None:
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    write_generated(Path(app.srcdir), warn=lambda message: logger.warning(message))


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _on_builder_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
