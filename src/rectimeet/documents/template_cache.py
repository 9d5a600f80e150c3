"""Compiled template parts kept on disk between builds, keyed by their Jinja source.

Making a template part runnable (docxtpl's clean-up regexes over its XML, then Jinja's parse,
the search for the fields it reads, code generation and Python's compile) costs far more than
running the result, and every ``rectimeet build`` used to do it for every template. The compiled
code and the part's field names are kept in a per-user cache directory, one file per part, named
by a digest of everything the code depends on: the part's XML as stored in the template, the
docxtpl, Jinja, Python and rectimeet versions, this module's :data:`FORMAT` (which also stands
for rectimeet's own clean-up step), the environment's class and syntax settings, and the name
the code carries. A template edited in Word, another docxtpl or Jinja, or another Python gets
another name, so a cached file can never stand in for a changed template; a file that cannot be
read is ignored and compiled afresh.

Beside the parts, one small file per template file holds what a render needs to know about its
package (the XML around the body, which headers and footers have fields, the ids of the title
and signature styles, and the digests of its compiled parts), named by a digest of the whole
template file and the same settings; with it, a build renders without opening the template with
python-docx (or importing it) at all.

Where: ``RECTIMEET_TEMPLATE_CACHE`` names the directory; ``off`` (or ``0``, ``no``, ``false``)
turns the cache off. By default it is the user cache directory
(:func:`platformdirs.user_cache_path`), sub-directory ``templates``. A cache that cannot be
written (read-only home, full disk) only makes builds slower; it never fails one.

The files hold marshalled code objects, as Jinja's own ``FileSystemBytecodeCache`` does: the
cache directory is the user's own and is created readable by the user only.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import marshal
import os
import sys
import tempfile
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2

import rectimeet

ENV_VAR = "RECTIMEET_TEMPLATE_CACHE"
OFF = frozenset({"off", "0", "no", "false"})
FORMAT = 1
"""Bumped whenever what a cache file holds, or how a part is cleaned up before Jinja compiles it,
changes."""
_SUFFIX = ".jinja-code"
_LAYOUT_SUFFIX = ".layout"


def cache_dir() -> Path | None:
    """The directory compiled parts are kept in, or ``None`` when the cache is off."""
    configured = os.environ.get(ENV_VAR, "").strip()
    if configured.lower() in OFF:
        return None
    if configured:
        return Path(configured).expanduser()
    return _default_dir()


@functools.cache
def _default_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("rectimeet", appauthor=False) / "templates"


@functools.cache
def _docxtpl_version() -> str:
    # From the installed distribution's metadata: importing docxtpl would import python-docx,
    # which a render from the cache does not need.
    module = sys.modules.get("docxtpl")
    if module is not None:
        return str(module.__version__)
    from importlib import metadata

    return metadata.version("docxtpl")


def key(env: jinja2.Environment, name: str, source: str) -> str:
    """The digest that names the cache file of the part ``source`` (its XML as stored in the
    template) compiled as ``name`` in ``env``."""
    return _digest(env, name, source.encode("utf-8"))


def layout_key(env: jinja2.Environment, name: str, data: bytes) -> str:
    """The digest that names the layout file of the template file ``data`` named ``name``,
    rendered in ``env``."""
    return _digest(env, f"layout:{name}", data)


def _digest(env: jinja2.Environment, name: str, source: bytes) -> str:
    settings = (
        FORMAT, rectimeet.__version__, _docxtpl_version(), jinja2.__version__,
        sys.implementation.cache_tag, importlib.util.MAGIC_NUMBER,
        f"{type(env).__module__}.{type(env).__qualname__}", env.autoescape, env.optimized,
        env.block_start_string, env.block_end_string, env.variable_start_string,
        env.variable_end_string, env.comment_start_string, env.comment_end_string,
        env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
        env.newline_sequence, env.keep_trailing_newline, sorted(env.extensions), name,
    )
    digest = hashlib.sha256(repr(settings).encode("utf-8"))
    digest.update(b"\0")
    digest.update(source)
    return digest.hexdigest()


def load(directory: Path | None, digest: str) -> tuple[frozenset[str], CodeType] | None:
    """The field names and code stored under ``digest``, or ``None`` (not there, unreadable)."""
    if directory is None:
        return None
    try:
        data = (directory / f"{digest}{_SUFFIX}").read_bytes()
        fmt, fields, code = marshal.loads(data)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if fmt != FORMAT or not isinstance(code, CodeType) or not isinstance(fields, tuple) \
            or not all(isinstance(f, str) for f in fields):
        return None
    return frozenset(fields), code


def store(directory: Path | None, digest: str, fields: frozenset[str], code: CodeType) -> None:
    """Keep ``fields`` and ``code`` under ``digest``; best effort, written in one step."""
    if directory is not None:
        _write(directory, f"{digest}{_SUFFIX}", marshal.dumps((FORMAT, tuple(sorted(fields)), code)))


def load_layout(directory: Path | None, digest: str) -> tuple[Any, ...] | None:
    """The layout record stored under ``digest`` (a tuple of plain values: strings, numbers,
    tuples of them), or ``None`` (not there, unreadable, damaged). The caller checks its shape."""
    if directory is None:
        return None
    try:
        data = (directory / f"{digest}{_LAYOUT_SUFFIX}").read_bytes()
        fmt, checksum, payload = marshal.loads(data)
        if fmt != FORMAT or checksum != hashlib.sha256(payload).hexdigest():
            return None
        record = marshal.loads(payload)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return record if isinstance(record, tuple) else None


def store_layout(directory: Path | None, digest: str, record: tuple[Any, ...]) -> None:
    """Keep the layout ``record`` (plain values only) under ``digest``; best effort. The record
    carries its own checksum: its numbers say where the template's parts lie, and a damaged
    one must not copy the wrong bytes into a document."""
    if directory is not None:
        payload = marshal.dumps(record)
        _write(directory, f"{digest}{_LAYOUT_SUFFIX}",
               marshal.dumps((FORMAT, hashlib.sha256(payload).hexdigest(), payload)))


def _write(directory: Path, name: str, data: bytes) -> None:
    with contextlib.suppress(OSError):
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Written beside its final name, then renamed: parallel builds never read half a file.
        handle, temp = tempfile.mkstemp(prefix=".", suffix=".part", dir=directory)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, directory / name)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)
