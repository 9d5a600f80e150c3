"""The message catalogues are complete: every message in the source has a zh_CN and an en translation.

Messages are extracted from the source with babel's Python API (the same keywords as the
``nox -s i18n`` session), so a new ``N_("…")`` without translations fails here.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from rectimeet.i18n import render

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "src" / "rectimeet", ROOT / "plugins" / "rectimeet_levels"]
LOCALE = ROOT / "src" / "rectimeet" / "locale"
# N_ marks a message; render/translate receive literal ids directly in a few places.
KEYWORDS = {"N_": None, "render": (1,), "translate": (1,)}
FIELD = re.compile(r"\{(\w*)[^{}]*\}")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def source_messages() -> dict[str, str]:
    """msgid → where it was first found."""
    found: dict[str, str] = {}
    for folder in SOURCES:
        for filename, lineno, message, _comments, _context in extract_from_dir(
            str(folder), method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            if isinstance(message, str) and message:
                found.setdefault(message, f"{folder.name}/{filename}:{lineno}")
    return found


def po_path(locale: str) -> Path:
    return LOCALE / locale / "LC_MESSAGES" / "rectimeet.po"


def catalogue(locale: str) -> dict[str, str]:
    with po_path(locale).open("rb") as fh:
        cat = read_po(fh, locale=locale)
    return {str(m.id): str(m.string) for m in cat if m.id and not m.fuzzy}


def fields(text: str) -> Counter[str]:
    return Counter(FIELD.findall(text))


def is_code_only(msgid: str) -> bool:
    """A message with nothing to translate: only fields, codes, numbers and punctuation."""
    return not re.search(r"[A-Za-z]{2,}", FIELD.sub("", msgid).replace("%", ""))


MESSAGES = source_messages()


def test_messages_are_found_in_the_source() -> None:
    assert len(MESSAGES) > 50
    assert "Feedback issue {id} ({text}) is claimed by nobody" in MESSAGES


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_every_source_message_is_translated(locale: str) -> None:
    translations = catalogue(locale)
    missing = {m: where for m, where in MESSAGES.items() if not translations.get(m, "").strip()}
    assert missing == {}, f"untranslated in {locale}: {missing}"


def test_chinese_translations_are_chinese() -> None:
    not_chinese = {m: s for m, s in catalogue("zh_CN").items()
                   if s and not CJK.search(s) and not is_code_only(m)}
    assert not_chinese == {}


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_translations_keep_the_fields(locale: str) -> None:
    wrong = {m: s for m, s in catalogue(locale).items() if s and fields(s) != fields(m)}
    assert wrong == {}


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_no_message_id_is_defined_twice(locale: str) -> None:
    ids = re.findall(r'^msgid "(.*)"$', po_path(locale).read_text("utf-8"), re.MULTILINE)
    assert [m for m, n in Counter(ids).items() if n > 1 and m] == []


def test_render_uses_the_catalogue_and_fills_fields() -> None:
    msgid = "Feedback issue {id} ({text}) is claimed by nobody"
    assert render(msgid, {"id": "F1", "text": "问题"}, "en") == "Feedback issue F1 (问题) is claimed by nobody"
    zh = render(msgid, {"id": "F1", "text": "问题"})
    assert CJK.search(zh.replace("问题", "")) and "F1" in zh


def test_lists_are_joined_the_local_way() -> None:
    msgid = "Checklist item {id} lacks: {missing}"
    assert render(msgid, {"id": "Z1", "missing": ["a", "b"]}, "en").endswith("a, b")
    assert render(msgid, {"id": "Z1", "missing": ["a", "b"]}, "zh").endswith("a、b")


def test_severity_names_are_translatable() -> None:
    from rectimeet.rules.engine import Severity

    for severity in Severity:
        assert severity.value in MESSAGES  # so `nox -s i18n` keeps them
        assert CJK.search(render(severity.value, None, "zh"))


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_the_shipped_mo_is_compiled_from_the_po(locale: str) -> None:
    # The commands read the .mo (fast); it must say exactly what the .po says. After editing a
    # .po, `nox -s i18n` compiles it again.
    from rectimeet.i18n import SOURCE_KEY, compiled_catalog, source_catalog

    po = po_path(locale)
    shipped = compiled_catalog(po.with_suffix(".mo").read_bytes())
    assert shipped.pop(SOURCE_KEY, None), f"{po.with_suffix('.mo')} has no checksum: run nox -s i18n"
    assert shipped == source_catalog(po.read_bytes(), locale), "stale .mo: run nox -s i18n"


def test_a_po_edited_after_compiling_is_read_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rectimeet import i18n

    folder = tmp_path / "rectimeet" / "locale" / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "rectimeet.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "hello"\nmsgstr "first"\n', "utf-8")
    i18n.compile_catalog(po)
    monkeypatch.setattr(i18n, "package_files", lambda package: tmp_path / package)
    i18n.catalog.cache_clear()
    try:
        assert i18n.catalog("en") == {"hello": "first"}  # from the .mo
        po.write_text(po.read_text("utf-8").replace('"first"', '"second"'), "utf-8")
        i18n.catalog.cache_clear()
        assert i18n.catalog("en") == {"hello": "second"}  # the .mo no longer matches: the .po
    finally:
        i18n.catalog.cache_clear()


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_looking_a_message_up_in_the_mo_finds_what_decoding_it_whole_finds(locale: str) -> None:
    # Commands look each message up by binary search over the .mo's sorted ids; that finds
    # every message only while the ids are sorted as the lookup compares them (bytes).
    from rectimeet.i18n import SOURCE_KEY, compiled_catalog
    from rectimeet.mocatalog import CompiledCatalog

    data = po_path(locale).with_suffix(".mo").read_bytes()
    whole = compiled_catalog(data)
    looked_up = CompiledCatalog(data, hidden=frozenset({SOURCE_KEY}))
    assert whole.pop(SOURCE_KEY)
    assert {msgid: looked_up[msgid] for msgid in whole} == whole
    assert dict(looked_up) == whole
    for missing in ("", SOURCE_KEY, "no such message", "\uffff"):
        assert looked_up.get(missing) is None
