"""The ``rectimeet`` command line: ``main`` is the click group (entry point ``rectimeet.cli:main``)."""

from __future__ import annotations

from rectimeet.cli.main import main

__all__ = ["main"]
