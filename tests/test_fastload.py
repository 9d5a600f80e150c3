"""The fast spec reader gives exactly what the round-trip loader gives, or steps aside."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from rectimeet.spec import fastload, load_text
from rectimeet.spec.loader import parse_yaml, source_map, to_plain

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("src/rectimeet/data/*.yaml"),
                *ROOT.glob("plugins/rectimeet_levels/scaffolds/*.yaml")])


def typed(value: object) -> object:
    """``value`` with the type of every scalar next to it (WrittenInt and int compare equal)."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    # ruamel's TimeStamp is a datetime that also remembers its layout for writing back.
    kind = "datetime" if isinstance(value, dt.datetime) else type(value).__name__
    return (kind, value, getattr(value, "source", None))


def round_trip(text: str) -> tuple[object, dict[tuple[str | int, ...], tuple[int, int]]]:
    document = parse_yaml(text)
    return typed(to_plain(document)), source_map(document)


def fast_read(text: str) -> tuple[object, dict[tuple[str | int, ...], tuple[int, int]]] | None:
    result = fastload.read(text)
    return None if result is None else (typed(result[0]), result[1])


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.name)
def test_every_shipped_spec_reads_the_same(path: Path) -> None:
    text = path.read_text("utf-8-sig")
    fast = fast_read(text)
    assert fast is not None, "shipped specs use no YAML the fast reader leaves alone"
    assert fast == round_trip(text)


@pytest.mark.parametrize("text", [
    "a: {名字: 张三, 日期: 2026-13-01, n: 0x1F, f: 1.5e3, b: true, z: ~, y: yes}\n",
    "a:\r\n  - 中文: [1, 2, {x: 中文中文, y: 3}]\r\n  - |\r\n    多行\r\n    文本\r\n",
    "x: 'quoted: 中文'\ny: \"dq\\t\"\nz: >-\n  folded\n  text\n",
    "- 1\n- - 2\n  - 3\n- {}\n- []\n",
    "a: 2026-11-27T10:00:00\nb: 1_000\nc: .inf\nd: 0301\ne: 3.10\nf: 0x1F\n",
    "名: {甲: 1,   乙: {丙: [中文, 中文]}}\n",
    "",
])
def test_tricky_yaml_reads_the_same(text: str) -> None:
    assert fast_read(text) == round_trip(text)


@pytest.mark.parametrize("text", [
    "a: &x {p: 1, q: [1, 2]}\nb: *x\n",  # an alias of a mapping
    "<<: {a: 1}\n",  # merge key
    "a: !!str 1\n",  # explicit tag: the round-trip loader keeps a tagged object
    "%YAML 1.1\n---\na: yes\n",  # another YAML version
    "1: x\n",  # a key that is not text
    "a: 1\na: 2\n",  # duplicate key: the round-trip loader words the error
    "a: [1, 2\n",  # syntax error: likewise
])
def test_what_it_does_not_reproduce_goes_to_the_round_trip_loader(text: str) -> None:
    assert fastload.read(text) is None


def test_syntax_errors_keep_their_line() -> None:
    from rectimeet.errors import SpecError

    with pytest.raises(SpecError) as info:
        load_text("unit:\n  name: [unclosed\nmeeting: {}\n", "y.yaml")
    assert info.value.problems[0].code == "Y001"
    assert info.value.problems[0].line is not None


def test_the_round_trip_document_is_parsed_on_first_use(small_spec_text: str) -> None:
    loaded = load_text(small_spec_text)
    assert loaded._document is None
    document = loaded.document
    assert document is not None and loaded.document is document
    assert to_plain(document) == fastload.read(small_spec_text)[0]  # type: ignore[index]


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
_scalar = st.one_of(_text, st.integers(-10**6, 10**6), st.booleans(), st.none(),
                    st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)),
                    st.floats(allow_nan=False, allow_infinity=False, width=32))
_data = st.recursive(_scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(min_size=1, max_size=6), inner, max_size=4)),
    max_leaves=20)


def _dumped(data: object, flow: bool | None) -> str:
    """``data`` as YAML, written by ruamel's pure-Python safe dumper in one of its styles."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = flow
    yaml.allow_unicode = True
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


@settings(max_examples=150, deadline=None)
@given(data=st.dictionaries(st.text(min_size=1, max_size=6), _data, max_size=5),
       flow=st.sampled_from([False, True, None]))
def test_any_dumped_data_reads_the_same(data: dict[str, object], flow: bool | None) -> None:
    text = _dumped(data, flow)
    fast = fast_read(text)
    if fast is not None:  # text with a "!" (say) is left to the round-trip loader
        assert fast == round_trip(text)


@settings(max_examples=150, deadline=None)
@given(data=st.dictionaries(st.text(min_size=1, max_size=6), _data, max_size=5),
       flow=st.sampled_from([False, True, None]), wanted=st.sets(st.text(min_size=1, max_size=6)))
def test_reading_some_sections_gives_those_sections_as_a_full_read(
        data: dict[str, object], flow: bool | None, wanted: set[str]) -> None:
    from rectimeet.spec.fastload import read_sections

    text = _dumped(data, flow)
    keys = frozenset(wanted | set(list(data)[:2]))  # some keys that are there, some not
    full = fastload.read(text)
    part = read_sections(text, keys)
    if full is None:
        return
    assert typed(part) == typed({k: v for k, v in full[0].items() if k in keys})


@pytest.mark.parametrize("path", sorted((ROOT / "plugins" / "rectimeet_levels" / "data").glob("*.yaml")),
                         ids=lambda p: p.name)
def test_level_files_list_their_info_and_terms_without_reading_the_rest(path: Path) -> None:
    from rectimeet.levels import LISTED_SECTIONS
    from rectimeet.spec.fastload import read_sections

    text = path.read_text("utf-8")
    full = fastload.read(text)
    assert full is not None
    listed = read_sections(text, LISTED_SECTIONS)
    assert listed == {k: v for k, v in full[0].items() if k in LISTED_SECTIONS}
    assert listed and "info" in listed


@settings(max_examples=150, deadline=None)
@given(data=st.dictionaries(st.text(min_size=1, max_size=6), _data, max_size=4),
       items=st.lists(_data, max_size=6), flow=st.sampled_from([False, True, None]),
       wanted=st.sets(st.integers(0, 7)))
def test_reading_some_items_gives_those_items_as_a_full_read(
        data: dict[str, object], items: list[object], flow: bool | None, wanted: set[int]) -> None:
    from rectimeet.spec.fastload import read_items

    text = _dumped({**data, "checklist": items}, flow)
    full = fastload.read(text)
    if full is None:
        return
    part = read_items(text, "checklist", frozenset(wanted))
    assert part is not None
    expected = dict(full[0])
    expected["checklist"] = [v if i in wanted else None for i, v in enumerate(expected["checklist"])]
    assert typed(part[0]) == typed(expected)
    # Every item keeps its position, built or not.
    assert {k: v for k, v in part[1].items() if len(k) == 2 and k[0] == "checklist"} == \
        {k: v for k, v in full[1].items() if len(k) == 2 and k[0] == "checklist"}


def _size(node: object, depth: int = 0) -> tuple[int, int]:
    """Values and deepest nesting, counted the way the loader's limits count them."""
    if not isinstance(node, dict | list):
        return 1, -1
    children = [*node.keys(), *node.values()] if isinstance(node, dict) else node
    total, deepest = 1, depth
    for child in children:
        n, d = _size(child, depth + 1)
        total, deepest = total + n, max(deepest, d)
    return total, deepest


@settings(max_examples=150, deadline=None)
@given(data=st.dictionaries(st.text(min_size=1, max_size=6), _data, max_size=5),
       flow=st.sampled_from([False, True, None]))
def test_the_reader_measures_what_it_reads(data: dict[str, object], flow: bool | None) -> None:
    # The spec's limits (nesting, number of values) are checked on these counts.
    size: list[int] = []
    fast = fastload.read(_dumped(data, flow), size)
    if fast is not None:
        assert tuple(size) == _size(fast[0])
