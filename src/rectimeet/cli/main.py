"""The ``rectimeet`` command line.

Exit codes: 0 fine (warnings allowed), 1 the plan has errors, 2 the input is unusable (missing
file, bad YAML, schema violation, bad text, unknown level), 3 an internal error.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rectimeet import __version__
from rectimeet.cli.help import Command, HelpMixin
from rectimeet.cli.support import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNUSABLE,
    as_of_option,
    echo_json,
    format_option,
    handle_errors,
    lang_option,
    quiet_broken_pipe,
    spec_paths,
    summary_line,
)
from rectimeet.errors import RectimeetError
from rectimeet.i18n import N_, render
from rectimeet.rules.engine import format_finding

if TYPE_CHECKING:
    from rectimeet.cli.watch import WatchState

# Commands that live with their feature; loaded when the group is first used.
LAZY_COMMANDS = {
    "schedule": "rectimeet.cli.schedule:schedule",
    "build": "rectimeet.cli.build:build",
    "demo": "rectimeet.cli.build:demo",
    "export": "rectimeet.cli.ledger:export",
    "import": "rectimeet.cli.ledger:import_",
    "status": "rectimeet.cli.ledger:status",
    "report": "rectimeet.cli.oversight:report",
}


class LazyGroup(HelpMixin, click.Group):
    """A group whose feature commands are imported on demand (keeps start-up fast)."""

    command_class = Command

    def __init__(self, *args: Any, examples: tuple[str, ...] | list[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.examples = tuple(examples)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # Shared by every nested context, so `rectimeet check --help --lang en` is English too.
        self._remember_lang(ctx, args)
        return super().parse_args(ctx, args)

    # Output to a reader that went away (`rectimeet --help | head -1`) ends quietly with exit 0;
    # click itself would exit 1. Help is printed while parsing, everything else while invoking.
    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:
            quiet_broken_pipe()

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            quiet_broken_pipe()

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from rectimeet.cli.help import help_lang
        from rectimeet.i18n import translate

        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str()))
        if rows:
            with formatter.section(translate("Commands", help_lang(ctx))):
                formatter.write_dl(rows)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS:
            module_name, attr = LAZY_COMMANDS[cmd_name].split(":")
            command: click.Command = getattr(importlib.import_module(module_name), attr)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]},
             help=N_("rectimeet: plan, check and document a 巡视巡察整改专题民主生活会, and follow "
                     "the rectification ledgers of many units."),
             examples=["rectimeet new --level township -o meeting.yaml",
                       "rectimeet --lang en check meeting.yaml"])
@click.version_option(__version__, prog_name="rectimeet")
@lang_option
def main(lang: str) -> None:
    del lang  # kept in the context for the sub-commands (see lang_callback)


@main.command(
    help=N_("Write a complete, commented example spec for the level given by --level (see "
            "`rectimeet plugins` for the installed levels)."),
    examples=["rectimeet new --level township --meeting-date 2026-12-18 -o meeting.yaml",
              "rectimeet new --level county_bureau > bureau.yaml",
              "rectimeet new --level county_bureau --variant branch -o branch.yaml"])
@click.option("--level", required=True, help=N_("Level id, e.g. township, county_bureau."))
@click.option("--variant", default=None,
              help=N_("A variant of the level, e.g. branch (a 党支部 of a county bureau) or "
                      "department_inspection (a unit inspected by its own department)."))
@click.option("--meeting-date", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help=N_("Meeting date (YYYY-MM-DD); every other date is fitted to it."))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=N_("Write the spec here instead of printing it (and the JSON schema next to "
                      "it, for editors, when it is not there yet)."))
@click.option("--force", is_flag=True, help=N_("Overwrite an existing output file."))
@lang_option
@handle_errors
def new(level: str, variant: str | None, meeting_date: dt.datetime | None, output: Path | None,
        force: bool, lang: str) -> None:
    from rectimeet import atomic
    from rectimeet.errors import UnknownLevelError
    from rectimeet.plugins import get_host
    from rectimeet.spec.scaffold import SCHEMA_FILE, new_spec

    host = get_host()
    levels = host.levels()
    if level not in levels:
        raise UnknownLevelError(N_("unknown level {level}; installed levels: {known}"),
                                {"level": level, "known": ", ".join(sorted(levels))})
    key = f"{level}.{variant}" if variant else level
    if variant and variant not in levels[level].variants:
        raise RectimeetError(N_("level {level} has no variant {variant}; its variants: {known}"),
                             {"level": level, "variant": variant,
                              "known": ", ".join(levels[level].variants) or "—"})
    text = new_spec(key, meeting_date.date() if meeting_date else None, host)
    if output is None:
        click.echo(text, nl=False)
        return
    if output.exists() and not force:
        raise RectimeetError(N_("{path} exists; use --force to overwrite it"), {"path": str(output)})
    atomic.write_text(output, text)
    click.echo(render(N_("wrote {path}"), {"path": str(output)}, lang), err=True)
    schema_path = output.parent / SCHEMA_FILE
    if not schema_path.exists():
        atomic.write_text(schema_path, json.dumps(spec_schema(), ensure_ascii=False, indent=2) + "\n")
        click.echo(render(N_("wrote {path}"), {"path": str(schema_path)}, lang), err=True)


@main.command(
    help=N_("Check each SPEC (a directory checks every spec in it) against every rule; exit 1 "
            "when there are errors, 2 when a spec cannot be read."),
    examples=["rectimeet check meeting.yaml", "rectimeet check specs/ --format json",
              "rectimeet check meeting.yaml --as-of 2026-12-01 --lang en",
              "rectimeet check meeting.yaml --watch"])
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option(N_("Text lines file:line: code, or JSON (also when a spec cannot be read)."))
@lang_option
@as_of_option("--today", help=N_("Check as of this date (YYYY-MM-DD; default today)."))
@click.option("--watch", is_flag=True,
              help=N_("Keep running and check again whenever a spec, its rectimeet.toml or a "
                      "calendar file it names is saved (JSON: one line per check). Ctrl-C ends."))
@handle_errors
def check(specs: tuple[Path, ...], fmt: str, lang: str, as_of: dt.datetime | None,
          watch: bool) -> None:
    from rectimeet.cli.startup import collector_paused, release, start_up

    today = as_of.date() if as_of else None
    if not watch:
        collector_paused(_check_command)(specs, fmt, lang, today, False)  # exits
        return
    try:
        # Watching, only the start-up is kept out of the collector: the process lives on.
        with start_up():
            from rectimeet.plugins import get_host

            get_host()  # the models, the plugins and their hooks
        _check_command(specs, fmt, lang, today, True)
    finally:
        release()


def _check_command(specs: tuple[Path, ...], fmt: str, lang: str, today: dt.date | None,
                   watch: bool) -> None:
    if not watch:
        raise SystemExit(_check_specs(specs, fmt, lang, today, None))
    from rectimeet.cli.watch import WatchState, ends_on_term

    state = WatchState()
    with ends_on_term():
        _watch(specs, fmt, lang, today, state)
    # The exit status of the last check whose outcome was printed.
    raise SystemExit(state.status)


def _watch(specs: tuple[Path, ...], fmt: str, lang: str, today: dt.date | None,
           state: WatchState) -> None:
    """Check, then check again after every save, until Ctrl-C."""
    from rectimeet.cli.watch import changes

    try:
        # Stamped before the first check reads them: a save during that check is not missed.
        saves = changes(lambda: state.watched | set(specs))
        _check_specs(specs, fmt, lang, today, state)
        for changed in saves:
            if fmt != "json":
                click.echo(render(N_("-- {time} changed: {files} --"),
                                  {"time": dt.datetime.now().strftime("%H:%M:%S"),
                                   "files": [str(p) for p in changed]}, lang))
            state.watched.clear()
            _check_specs(specs, fmt, lang, today, state)
    except KeyboardInterrupt:
        pass


def _check_specs(specs: tuple[Path, ...], fmt: str, lang: str, today: dt.date | None,
                 watching: WatchState | None) -> int:
    """Check every spec, print the findings, return the exit status. Watching, an unusable spec
    or an emptied folder is reported rather than raised, and ``watching`` learns the files the
    outcome depends on (the specs, their rectimeet.toml, the calendar files they name)."""
    watched: set[Path] = watching.watched if watching is not None else set()
    from rectimeet import api
    from rectimeet.cli.support import error_json
    from rectimeet.rules.engine import has_errors
    from rectimeet.spec.config import FILE_NAME as CONFIG_FILE
    from rectimeet.spec.config import find_config

    try:
        paths = spec_paths(specs)
    except RectimeetError:
        if watching is None:
            raise
        paths = []  # an emptied folder: wait for a spec to appear
    single = len(paths) == 1 and not any(p.is_dir() for p in specs)
    documents: list[dict[str, Any]] = []
    status = EXIT_OK
    for spec in paths:
        # A rectimeet.toml created beside the spec (absent files are watched too) or edited.
        watched.update({spec, spec.parent / CONFIG_FILE})
        config = find_config(spec.parent)
        if config is not None:
            watched.add(config)
        try:
            prepared = api.prepare(spec)
            base = spec.parent
            watched.update(base / name for name in prepared.plan.schedule.calendar_files)
            findings = api.check(prepared, today=today)
        except RectimeetError as exc:
            if single and watching is None:
                raise
            # One unusable spec (bad YAML, unknown level, bad rectimeet.toml) does not stop the rest.
            status = max(status, EXIT_UNUSABLE)
            documents.append({"spec": str(spec), "ok": False, "error": error_json(exc, lang)})
            if fmt != "json":
                click.echo(exc.render(lang), err=True)
            continue
        if has_errors(findings):
            status = max(status, EXIT_FINDINGS)
        documents.append({"spec": str(spec), "findings": [f.to_dict(lang) for f in findings],
                          "errors": sum(1 for f in findings if f.severity.value == "error")})
        if fmt != "json":
            for f in findings:
                click.echo(format_finding(f, str(spec), lang))
            click.echo((f"{spec}: " if not single else "") + summary_line(findings, lang))
    if watching is not None:
        watching.status = status
    if fmt == "json":
        # Watching, each check is one line (JSON Lines), for an editor to read as it comes.
        indent = None if watching is not None else 2
        if single:
            echo_json(documents[0], indent=indent)
        else:
            echo_json({"specs": documents,
                       "errors": sum(int(d.get("errors", 0)) for d in documents),
                       "unreadable": sum(1 for d in documents if "error" in d)}, indent=indent)
    return status


@main.command(
    help=N_("List installed plugins, their versions, levels, hooks and document types."),
    examples=["rectimeet plugins", "rectimeet plugins --format json"])
@format_option()
@lang_option
@handle_errors
def plugins(fmt: str, lang: str) -> None:
    from rectimeet.documents.registry import collect
    from rectimeet.plugins import get_host

    host = get_host()
    records = host.records()
    documents = collect(host)
    if fmt == "json":
        echo_json([{"name": r.name, "distribution": r.distribution, "version": r.version,
                    "builtin": r.builtin, "levels": list(r.levels), "hooks": list(r.hooks),
                    "documents": [{"id": d.type.id, "name": d.type.name, "per_member": d.type.per_member,
                                   "description": d.type.description}
                                  for d in documents if d.plugin == r.name]}
                   for r in records])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*(render(h, None, lang) for h in (N_("plugin"), N_("distribution"),
                                                    N_("version"), N_("levels"), N_("hooks"))))
    for r in records:
        table.add_row(r.name, r.distribution or "", r.version or "", ", ".join(r.levels),
                      ", ".join(h.removeprefix("rectimeet_") for h in r.hooks))
    console = Console()
    console.print(table)
    docs = Table(*(render(h) for h in (N_("document"), N_("name"), N_("plugin"), N_("description"))))
    for d in documents:
        docs.add_row(d.type.id, d.type.name, d.plugin, d.type.description)
    console.print(docs)


@main.command(
    help=N_("List every rule: code, severity, family and what it checks."),
    examples=["rectimeet rules", "rectimeet rules --lang en --format json"])
@format_option()
@lang_option
@handle_errors
def rules(fmt: str, lang: str) -> None:
    from rectimeet import api

    items = api.rules()
    if fmt == "json":
        echo_json([{"code": r.code, "name": r.name, "family": r.family, "severity": r.severity.value,
                    "summary": render(r.summary, None, lang), "params": dict(r.params),
                    "source": r.source} for r in items])
        return
    for r in items:
        severity = render(r.severity.value, None, lang)
        click.echo(f"{r.code}  {severity:<7}  {r.name:<36}  {render(r.summary, None, lang)}")


@main.command(
    help=N_("Print the JSON schema of a spec file (for editors: validation and completion)."),
    examples=["rectimeet schema -o rectimeet.schema.json"])
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=N_("Write the schema here instead of printing it."))
@lang_option
@handle_errors
def schema(output: Path | None, lang: str) -> None:
    del lang  # only messages of errors use it
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
