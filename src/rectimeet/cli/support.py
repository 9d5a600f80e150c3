"""Shared CLI plumbing: loading specs, turning errors into exit codes, printing findings."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn, ParamSpec, TypeVar

import click

from rectimeet.cli.help import as_of_option as as_of_option
from rectimeet.cli.help import format_option as format_option
from rectimeet.cli.help import help_lang
from rectimeet.cli.help import lang_option as lang_option
from rectimeet.errors import RectimeetError
from rectimeet.i18n import N_, render
from rectimeet.rules.engine import Finding, Severity

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2
EXIT_INTERNAL = 3

def quiet_broken_pipe() -> NoReturn:
    """The reader of our output went away (``| head``): stop quietly, exit 0.

    stdout is pointed at /dev/null first, so that the interpreter's final flush does not fail
    again on the closed pipe.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    raise SystemExit(EXIT_OK)


def error_json(exc: RectimeetError, lang: str) -> dict[str, Any]:
    """A refused input as JSON: a code, the message and, for a spec, every located problem."""
    from rectimeet.errors import SpecError

    if isinstance(exc, SpecError):
        return {"code": exc.problems[0].code if len(exc.problems) == 1 else "spec",
                "message": exc.render(lang), "spec": exc.source,
                "problems": [{"code": p.code, "path": p.dotted_path, "line": p.line,
                              "column": p.column, "message": p.text(lang)} for p in exc.problems]}
    return {"code": type(exc).__name__, "message": exc.render(lang), "problems": []}


def echo_json_error(code: str, message: str) -> None:
    echo_json({"ok": False, "error": {"code": code, "message": message, "problems": []}})


def wants_json() -> bool:
    ctx = click.get_current_context(silent=True)
    return ctx is not None and ctx.params.get("fmt") == "json"


def handle_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Run a command; a RectimeetError becomes a clear message and exit 2, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except BrokenPipeError:
            quiet_broken_pipe()
        except RectimeetError as exc:
            lang = current_lang()
            if wants_json():
                echo_json({"ok": False, "error": error_json(exc, lang)})
            click.echo(exc.render(lang), err=True)
            raise SystemExit(EXIT_UNUSABLE) from None
        except click.ClickException as exc:
            if wants_json():
                echo_json_error("usage", exc.format_message())
                raise SystemExit(EXIT_UNUSABLE) from None
            raise
        except (click.exceptions.Exit, SystemExit, KeyboardInterrupt):
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
            text = render(N_("rectimeet: internal error: {kind}: {error}\nSet RECTIMEET_DEBUG=1 to see the traceback, and please report it."),
                          {"kind": type(exc).__name__, "error": str(exc)}, current_lang())
            if wants_json():
                echo_json_error("internal", text)
            click.echo(text, err=True)
            raise SystemExit(EXIT_INTERNAL) from None

    return wrapper


def current_lang() -> str:
    """The --lang of the running command, else RECTIMEET_LANG, else zh."""
    ctx = click.get_current_context(silent=True)
    lang = ctx.params.get("lang") if ctx is not None else None
    return lang if isinstance(lang, str) else help_lang(ctx)


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


def echo_json(data: Any, indent: int | None = 2) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=indent, default=str))


def stderr_is_tty() -> bool:
    return sys.stderr.isatty()
