"""Message catalogues (babel/gettext): zh_CN by default, English available.

Message ids are English source strings with ``{named}`` fields; the catalogues live in
``rectimeet/locale/<lang>/LC_MESSAGES/rectimeet.po`` and are read on first use.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

DOMAIN = "rectimeet"
DEFAULT_LANG = "zh"
LANGS = {"zh": "zh_CN", "zh_CN": "zh_CN", "zh-CN": "zh_CN", "en": "en"}


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


def locale_for(lang: str) -> str:
    try:
        return LANGS[lang]
    except KeyError:
        from rectimeet.errors import LanguageError

        raise LanguageError(N_("unsupported language {lang}; use zh or en"), {"lang": lang}) from None


@cache
def catalog(locale: str) -> Mapping[str, str]:
    """The msgid → msgstr map of one locale (empty translations left out)."""
    from babel.messages.pofile import read_po

    path = resources.files("rectimeet") / "locale" / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        cat = read_po(fh, locale=locale)
    return {str(m.id): str(m.string) for m in cat if m.id and m.string and not m.fuzzy}


def translate(msgid: str, lang: str = DEFAULT_LANG) -> str:
    """Translate ``msgid``; falls back to the English id when a catalogue lacks it."""
    return catalog(locale_for(lang)).get(msgid, msgid)


def _fmt(value: Any, lang: str) -> str:
    if isinstance(value, list | tuple | set | frozenset):
        sep = "、" if locale_for(lang) == "zh_CN" else ", "
        return sep.join(_fmt(v, lang) for v in value)
    # Values that know how to say themselves (errors, talk-schedule problems) do so in ``lang``.
    localised = getattr(value, "render", None)
    if callable(localised):
        return str(localised(lang))
    return str(value)


def render(msgid: str, params: Mapping[str, Any] | None = None, lang: str = DEFAULT_LANG) -> str:
    """Translate and fill in ``{named}`` fields (lists are joined the local way)."""
    text = translate(msgid, lang)
    if not params:
        return text
    return text.format(**{k: _fmt(v, lang) for k, v in params.items()})


# Ids rendered from run-time values (severity names) or inside f-strings, where extraction
# cannot see them; marked here so that ``nox -s i18n`` keeps them in the catalogues.
RUNTIME_IDS = (N_("error"), N_("warning"), N_("info"), N_("hint"))
