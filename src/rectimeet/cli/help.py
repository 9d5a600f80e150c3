"""Help in the user's language, with examples, and the options every command shares.

Help texts are English message ids (marked with ``N_``) translated at display time, so
``rectimeet check --help`` is Chinese by default and English with ``--lang en`` or
``RECTIMEET_LANG=en``. Old option names stay accepted as hidden aliases of the new one.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from rectimeet.i18n import LANGS, N_, translate

FC = TypeVar("FC", bound=Callable[..., Any])
LANG_ENV = "RECTIMEET_LANG"
_META_KEY = "rectimeet.lang"

# Click's own texts, shown in every help page; extraction cannot see them.
CLICK_TEXTS = (N_("Show this message and exit."), N_("Show the version and exit."),
               N_("Usage:"), N_("Options"), N_("Commands"), N_("Examples"), N_("default"),
               N_("required"))
_EXTRA = re.compile(r"\[(default: .*?|required|default: .*?; required)\]$")


def _translate_extra(text: str, lang: str) -> str:
    """Click's ``[default: x; required]`` suffix, in ``lang``."""
    def sub(match: re.Match[str]) -> str:
        inner = match.group(1).replace("default:", translate("default", lang) + ":")
        return "[" + inner.replace("required", translate("required", lang)) + "]"

    return _EXTRA.sub(sub, text)


def _lang_in_args(args: Sequence[str]) -> str | None:
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _valid(lang: str | None) -> str | None:
    return lang if lang in LANGS else None


def help_lang(ctx: click.Context | None) -> str:
    """The language of help and usage errors: ``--lang`` on the command line, else
    ``RECTIMEET_LANG``, else zh."""
    while ctx is not None:
        found = ctx.meta.get(_META_KEY)
        if isinstance(found, str):
            return found
        ctx = ctx.parent
    return _valid(os.environ.get(LANG_ENV)) or "zh"


def _tr(text: str | None, lang: str) -> str:
    if not text:
        return ""
    msgid = " ".join(text.split())  # docstring-style wrapping is not part of the id
    return translate(msgid, lang)


class AliasedOption(click.Option):
    """An option whose old names (``hidden_aliases``) still work but are not shown in help."""

    def __init__(self, *args: Any, hidden_aliases: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hidden_aliases = tuple(hidden_aliases)


class HelpMixin:
    """Translated help text, option help and section titles; an Examples section."""

    examples: Sequence[str] = ()

    def _remember_lang(self, ctx: click.Context, args: list[str]) -> None:
        lang = _valid(_lang_in_args(args))
        if lang:
            ctx.meta[_META_KEY] = lang

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        assert isinstance(self, click.Command)
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces),
                              prefix=translate("Usage:", help_lang(ctx)) + " ")

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        assert isinstance(self, click.Command)
        text = _tr(self.help, help_lang(ctx))
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        assert isinstance(self, click.Command)
        lang = help_lang(ctx)
        records = []
        for param in self.get_params(ctx):
            if not isinstance(param, click.Option):
                continue  # arguments are in the usage line
            shown = copy.copy(param)
            if isinstance(shown, click.Option):
                shown.help = _tr(shown.help, lang) or None
                hidden = getattr(param, "hidden_aliases", ())
                shown.opts = [o for o in shown.opts if o not in hidden]
            record = shown.get_help_record(ctx)
            if record is not None:
                records.append((record[0], _translate_extra(record[1], lang)))
        if records:
            with formatter.section(translate("Options", lang)):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if not self.examples:
            return
        with formatter.section(translate("Examples", help_lang(ctx))):
            for line in self.examples:
                formatter.write_text(line)

    def get_short_help_str(self, limit: int = 45) -> str:
        assert isinstance(self, click.Command)
        text = _tr(self.short_help or self.help, help_lang(click.get_current_context(silent=True)))
        first = text.split("\n\n")[0]
        for stop in ("。", ". "):
            if stop in first:
                first = first.split(stop)[0] + stop.strip()
                break
        return first


class Command(HelpMixin, click.Command):
    """A rectimeet command: translated help, an Examples section, JSON usage errors."""

    def __init__(self, *args: Any, examples: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.examples = tuple(examples)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        self._remember_lang(ctx, args)
        json_wanted = _wants_json(args)  # before click's parser consumes ``args``
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            if json_wanted:
                from rectimeet.cli.support import EXIT_UNUSABLE, echo_json_error

                echo_json_error("usage", exc.format_message())
                raise SystemExit(EXIT_UNUSABLE) from None
            raise


def _wants_json(args: Sequence[str]) -> bool:
    for index, arg in enumerate(args):
        if arg == "--format" and index + 1 < len(args) and args[index + 1] == "json":
            return True
        if arg == "--format=json":
            return True
    return False


def lang_callback(ctx: click.Context, _param: click.Parameter, value: str | None) -> str:
    """``--lang`` of the command, else the group's ``--lang``, else RECTIMEET_LANG, else zh."""
    if value:
        ctx.meta[_META_KEY] = value
        return value
    return help_lang(ctx)


lang_option = click.option(
    "--lang", type=click.Choice(["zh", "en"]), default=None, envvar=LANG_ENV,
    callback=lang_callback, is_eager=True,
    help=N_("Language of messages and help: zh (default) or en; also RECTIMEET_LANG."),
)


def as_of_option(*old_names: str, help: str = N_("As-of date (YYYY-MM-DD; default today).")
                 ) -> Callable[[FC], FC]:
    """``--as-of DATE``, the one name for the as-of date; ``old_names`` stay as hidden aliases."""
    return click.option("--as-of", *old_names, "as_of", cls=AliasedOption,
                        hidden_aliases=old_names, type=click.DateTime(["%Y-%m-%d"]),
                        metavar="YYYY-MM-DD", default=None, help=help)


def format_option(help: str = N_("Text for people, or JSON for other programs.")
                  ) -> Callable[[FC], FC]:
    return click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                        show_default=True, help=help)


def command(name: str | None = None, **attrs: Any) -> Callable[[Callable[..., Any]], Command]:
    """``click.command`` making a :class:`Command` (translated help, examples)."""
    decorator: Callable[[Callable[..., Any]], Command] = click.command(name, cls=Command, **attrs)
    return decorator
