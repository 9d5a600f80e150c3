"""Message catalogues (babel/gettext): zh_CN by default, English available.

Message ids are English source strings with ``{named}`` fields; the catalogues live in
``rectimeet/locale/<lang>/LC_MESSAGES/rectimeet.po`` and are read on first use.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from rectimeet.mocatalog import CompiledCatalog
from rectimeet.packagedata import fingerprint, package_files

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


SOURCE_KEY = "\x01rectimeet: crc32 of the .po"
"""A pseudo-message in each compiled ``.mo``: the checksum of the ``.po`` it was compiled from."""


@cache
def catalog(locale: str) -> Mapping[str, str]:
    """The msgid → msgstr map of one locale (empty and fuzzy translations left out).

    The compiled ``.mo`` beside the ``.po`` is looked up in place (see
    :mod:`rectimeet.mocatalog`), where parsing the ``.po`` costs babel's import and tens of
    milliseconds on every command. The ``.mo`` is used only when it was compiled from this
    very ``.po`` (it carries the ``.po``'s checksum); otherwise the ``.po`` is read itself.
    """
    folder = package_files("rectimeet") / "locale" / locale / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if not po.is_file():
        return {}
    source = po.read_bytes()
    if mo.is_file():
        messages = CompiledCatalog(mo.read_bytes(), hidden=frozenset({SOURCE_KEY}))
        if messages.raw(SOURCE_KEY) == fingerprint(source):
            return messages
    return source_catalog(source, locale)


def compiled_catalog(data: bytes) -> dict[str, str]:
    """The messages of a compiled ``.mo`` (the header entry left out)."""
    translations = gettext.GNUTranslations(io.BytesIO(data))
    messages: dict[Any, Any] = getattr(translations, "_catalog", {})
    return {str(k): str(v) for k, v in messages.items() if k and v}


def source_catalog(data: bytes, locale: str) -> dict[str, str]:
    """The messages of a ``.po``, as compiling it keeps them."""
    from babel.messages.pofile import read_po

    cat = read_po(io.BytesIO(data), locale=locale)
    return {str(m.id): str(m.string) for m in cat if m.id and m.string and not m.fuzzy}


def compile_catalog(po: Path) -> Path:
    """Compile ``po`` into the ``.mo`` beside it (with the ``.po``'s checksum); return its path."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from rectimeet import atomic

    source = po.read_bytes()
    cat = read_po(io.BytesIO(source), locale=po.parent.parent.name)
    cat.add(SOURCE_KEY, fingerprint(source))
    buffer = io.BytesIO()
    write_mo(buffer, cat)
    mo = po.with_suffix(".mo")
    atomic.write_bytes(mo, buffer.getvalue())
    return mo


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
