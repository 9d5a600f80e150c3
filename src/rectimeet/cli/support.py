"""Shared CLI plumbing: loading specs, turning errors into exit codes, printing findings."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click

from rectimeet.errors import RectimeetError
from rectimeet.i18n import N_, render
from rectimeet.rules.engine import Finding, Severity

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2
EXIT_INTERNAL = 3

lang_option = click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
    help="Language of messages (zh_CN or English).",
)


def handle_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Run a command; a RectimeetError becomes a clear message and exit 2, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except RectimeetError as exc:
            click.echo(exc.render(current_lang()), err=True)
            raise SystemExit(EXIT_UNUSABLE) from None
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except OSError as exc:
            # A folder that cannot be created, a full disk, a read-only file: the input or the
            # machine, not rectimeet, so exit 2 with the path.
            from rectimeet.atomic import write_error

            path = exc.filename or "?"
            click.echo(write_error(path, exc).render(current_lang()), err=True)
            raise SystemExit(EXIT_UNUSABLE) from None
        except Exception as exc:
            if os.environ.get("RECTIMEET_DEBUG"):
                raise
            click.echo(render(N_("rectimeet: internal error: {kind}: {error}\nSet RECTIMEET_DEBUG=1 to see the traceback, and please report it."),
                              {"kind": type(exc).__name__, "error": str(exc)}, current_lang()), err=True)
            raise SystemExit(EXIT_INTERNAL) from None

    return wrapper


def current_lang() -> str:
    """The --lang of the running command, where it has one (zh otherwise)."""
    ctx = click.get_current_context(silent=True)
    lang = ctx.params.get("lang") if ctx is not None else None
    return lang if isinstance(lang, str) else "zh"


def format_finding(f: Finding, source: str | None, lang: str) -> str:
    where = source or "<spec>"
    if f.line is not None:
        where += f":{f.line}"
        if f.column is not None:
            where += f":{f.column}"
    sev = render(f.severity.value, None, lang)
    text = f"{where}: {f.code} {sev} [{f.location}] {f.message(lang)}"
    hint = f.hint(lang)
    if hint:
        text += f"\n    {render(N_('hint'), None, lang)}: {hint}"
    return text


def summary_line(findings: Iterable[Finding], lang: str) -> str:
    findings = list(findings)
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    return render("{errors} errors, {warnings} warnings, {infos} notes",
                  {"errors": counts[Severity.ERROR], "warnings": counts[Severity.WARNING],
                   "infos": counts[Severity.INFO]}, lang)


def spec_paths(paths: Iterable[Path]) -> list[Path]:
    """Expand directories into the specs they hold (sorted), keep files as given."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(x for x in p.iterdir() if x.suffix in (".yaml", ".yml") and x.is_file())
            if not found:
                raise RectimeetError(N_("{path}: no .yaml specs in this directory"), {"path": str(p)})
            out.extend(found)
        else:
            out.append(p)
    return out


def echo_json(data: Any) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def stderr_is_tty() -> bool:
    return sys.stderr.isatty()
