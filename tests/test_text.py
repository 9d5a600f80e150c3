"""Text enters the model normalised, and text a .docx cannot hold is refused."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from rectimeet.models import StudyItem
from rectimeet.testing import clean_text
from rectimeet.text import find_illegal, normalise


def test_crlf_becomes_lf() -> None:
    assert StudyItem(title="第一行\r\n第二行\r第三行").title == "第一行\n第二行\n第三行"


def test_nel_becomes_lf_so_that_the_text_can_be_written_to_a_spec() -> None:
    # ruamel.yaml writes NEL into a quoted scalar that reads back as a space.
    from rectimeet.spec import parse_yaml, to_plain
    from rectimeet.spec.writer import dump_like

    title = StudyItem(title="第一行\x85第二行").title
    assert title == "第一行\n第二行"
    assert to_plain(parse_yaml(dump_like({"title": title}, "")))["title"] == title


@pytest.mark.parametrize("bad", ["\x00", "\x1f", "\x0b", "\ud800", "\ufffe", "\uffff", "\x7f"])
def test_illegal_characters_are_refused_with_position(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        StudyItem(title=f"党章{bad}学习")
    err = info.value.errors()[0]
    assert err["type"] == "bad_text"
    assert err["ctx"]["index"] == 2
    assert err["ctx"]["codepoint"] == f"{ord(bad):04X}"


def test_tab_newline_and_cjk_pass_unchanged() -> None:
    text = "（一）学习\t《党章》\n&<>\"' {{ 7*7 }} 〔2026〕"
    assert StudyItem(title=text).title == text


def test_blank_names_are_refused() -> None:
    with pytest.raises(ValidationError) as info:
        StudyItem(title="   ")
    assert info.value.errors()[0]["type"] == "blank_text"


@given(clean_text())
def test_clean_text_round_trips(text: str) -> None:
    assert normalise(text) == text


@given(st.text())
def test_normalise_never_lets_illegal_characters_through(text: str) -> None:
    try:
        out = normalise(text)
    except Exception as exc:  # the only refusal is the coded one
        assert getattr(exc, "type", None) == "bad_text"
    else:
        assert find_illegal(out) is None
        assert "\r" not in out and "\x85" not in out


_ORACLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


@given(st.text(alphabet=st.one_of(st.characters(codec=None), st.sampled_from(
    ["\x00", "\x0b", "\x7f", "\ud800", "\udfff", "\ufffe", "\uffff", "\t", "\n", "正"])), max_size=12))
def test_find_illegal_finds_the_first_character_a_docx_cannot_hold(text: str) -> None:
    match = _ORACLE.search(text)
    assert find_illegal(text) == (None if match is None else (match.start(), match.group()))
