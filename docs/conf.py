"""Sphinx configuration for the rectimeet documentation (MyST Markdown)."""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
# The generator extension lives with the docs; the package itself is installed (editable or not).
sys.path.insert(0, str(DOCS / "_ext"))

project = "rectimeet"
author = "rectimeet contributors"
copyright = "2026, rectimeet contributors"
language = "zh_CN"

extensions = ["myst_parser", "sphinx.ext.autodoc", "rectimeet_docs"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

root_doc = "index"
# Generated pages are pulled into their owning pages with {include}, never built on their own;
# the example plugin is a packaging example, not a page; the rule examples are data.
exclude_patterns = ["_build", "_generated", "example_plugin", "example_level", "**/README.md",
                    "rule_examples.yaml"]
suppress_warnings = ["myst.header"]

html_theme = "alabaster"
html_title = "rectimeet"
html_static_path: list[str] = []
