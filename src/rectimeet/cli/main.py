"""The ``rectimeet`` command line.

Exit codes: 0 fine (warnings allowed), 1 the plan has errors, 2 the input is unusable (missing
file, bad YAML, schema violation, bad text, unknown level), 3 an internal error.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
from pathlib import Path
from typing import Any

import click

from rectimeet import __version__
from rectimeet.cli.support import (
    EXIT_FINDINGS,
    EXIT_OK,
    echo_json,
    format_finding,
    handle_errors,
    lang_option,
    summary_line,
)
from rectimeet.errors import RectimeetError
from rectimeet.i18n import N_, render

# Commands that live with their feature; loaded when the group is first used.
LAZY_COMMANDS = {
    "schedule": "rectimeet.cli.schedule:schedule",
    "build": "rectimeet.cli.build:build",
    "demo": "rectimeet.cli.build:demo",
    "export": "rectimeet.cli.ledger:export",
    "import": "rectimeet.cli.ledger:import_",
    "status": "rectimeet.cli.ledger:status",
}


class LazyGroup(click.Group):
    """A group whose feature commands are imported on demand (keeps start-up fast)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS:
            module_name, attr = LAZY_COMMANDS[cmd_name].split(":")
            command: click.Command = getattr(importlib.import_module(module_name), attr)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rectimeet")
def main() -> None:
    """rectimeet: plan, check and document a 巡视巡察整改专题民主生活会."""


@main.command()
@click.option("--level", required=True, help="Level id, e.g. township, county_bureau.")
@click.option("--meeting-date", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Meeting date (YYYY-MM-DD); every other date is fitted to it.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the spec here instead of printing it.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@handle_errors
def new(level: str, meeting_date: dt.datetime | None, output: Path | None, force: bool) -> None:
    """Write a complete, commented example spec for LEVEL."""
    from rectimeet import atomic
    from rectimeet.errors import UnknownLevelError
    from rectimeet.plugins import get_host
    from rectimeet.spec.scaffold import new_spec

    host = get_host()
    levels = host.levels()
    if level not in levels:
        raise UnknownLevelError(N_("unknown level {level}; installed levels: {known}"),
                                {"level": level, "known": ", ".join(sorted(levels))})
    text = new_spec(level, meeting_date.date() if meeting_date else None, host)
    if output is None:
        click.echo(text, nl=False)
        return
    if output.exists() and not force:
        raise RectimeetError(N_("{path} exists; use --force to overwrite it"), {"path": str(output)})
    atomic.write_text(output, text)
    click.echo(render(N_("wrote {path}"), {"path": str(output)}), err=True)


@main.command()
@click.argument("spec", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Check as of this date (default: today).")
@handle_errors
def check(spec: Path, fmt: str, lang: str, today: dt.datetime | None) -> None:
    """Check SPEC against every rule; exit 1 when there are errors."""
    from rectimeet import api
    from rectimeet import spec as spec_mod
    from rectimeet.rules.engine import has_errors

    loaded = spec_mod.load(spec)
    with spec_mod.located(loaded):
        findings = api.check(loaded.plan, source_map=loaded.source_map, spec_dir=spec.parent,
                             today=today.date() if today else None)
    if fmt == "json":
        echo_json({"spec": str(spec), "findings": [f.to_dict(lang) for f in findings],
                   "errors": sum(1 for f in findings if f.severity.value == "error")})
    else:
        for f in findings:
            click.echo(format_finding(f, str(spec), lang))
        click.echo(summary_line(findings, lang))
    raise SystemExit(EXIT_FINDINGS if has_errors(findings) else EXIT_OK)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def plugins(fmt: str) -> None:
    """List installed plugins, their versions, levels and hooks."""
    from rectimeet.plugins import get_host

    records = get_host().records()
    if fmt == "json":
        echo_json([{"name": r.name, "distribution": r.distribution, "version": r.version,
                    "builtin": r.builtin, "levels": list(r.levels), "hooks": list(r.hooks)}
                   for r in records])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*(render(h) for h in (N_("plugin"), N_("distribution"), N_("version"),
                                        N_("levels"), N_("hooks"))))
    for r in records:
        table.add_row(r.name, r.distribution or "", r.version or "", ", ".join(r.levels),
                      ", ".join(h.removeprefix("rectimeet_") for h in r.hooks))
    Console().print(table)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
@handle_errors
def rules(fmt: str, lang: str) -> None:
    """List every rule: code, severity, family and what it checks."""
    from rectimeet import api

    items = api.rules()
    if fmt == "json":
        echo_json([{"code": r.code, "name": r.name, "family": r.family, "severity": r.severity.value,
                    "summary": render(r.summary, None, lang), "params": dict(r.params),
                    "source": r.source} for r in items])
        return
    for r in items:
        click.echo(f"{r.code}  {r.severity.value:<7}  {r.name:<36}  {render(r.summary, None, lang)}")


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
@handle_errors
def schema(output: Path | None) -> None:
    """Print the JSON schema of a spec file (for editors: validation and completion)."""
    text = json.dumps(spec_schema(), ensure_ascii=False, indent=2)
    if output is None:
        click.echo(text)
    else:
        from rectimeet import atomic

        atomic.write_text(output, text + "\n")


def spec_schema() -> dict[str, Any]:
    from rectimeet.models.plan import Plan

    schema: dict[str, Any] = Plan.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://rectimeet.invalid/spec.schema.json"
    schema["title"] = "rectimeet spec"
    return schema
