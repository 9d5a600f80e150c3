"""The read-back shown from lines never vouches for text that reads otherwise.

`reads_back_by_lines` lets an import skip parsing a county's whole spec again after rewriting a
few items. It may decline (the caller then parses everything); it must never say yes to lines
that the loader would read as anything but what was meant, whatever a faulty writer put there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedSeq
from ruamel.yaml.error import YAMLError

from rectimeet.errors import SpecError
from rectimeet.spec import fastload
from rectimeet.spec.loader import parse_yaml, to_plain
from rectimeet.spec.readback import lines_tell, reads_back_by_lines
from rectimeet.spec.writer import edit_lines, item_nodes, item_places, item_spans_of

# Item bodies in the layouts a clerk's editor leaves: block mappings, a flow mapping, block
# scalars (kept, stripped and folded), quoted text over two lines, comments and blank lines.
ITEMS = [
    "id: Z{n}\n  note: 第{n}项",
    "id: Z{n}\n  note: |\n    第一行\n    第二行",
    "id: Z{n}\n  note: |+\n    保留换行\n",
    "id: Z{n}  # 注释\n  note: >-\n    折叠\n    文本\n\n",
    "{{id: Z{n}, note: 行内}}",
    "id: Z{n}\n  note: \"两行\n    引号\"\n  # 项内注释",
    "id: Z{n}\n  tags:\n  - 甲\n  - 乙\n\n# 项间注释",
]


def spec_text(shapes: list[int], dash: int, tail: str) -> str:
    pad = " " * dash
    body = []
    for n, shape in enumerate(shapes, start=1):
        item = ITEMS[shape].format(n=n).replace("\n", "\n" + pad)
        body.append(f"{pad}- {item}")
    return "unit: 乡\nchecklist:\n# 台账\n" + "\n".join(body) + "\n" + tail


def read_whole(text: str) -> Any:
    """What the loader reads from ``text`` (None when it does not read)."""
    fast = fastload.read(text)
    if fast is not None:
        return fast[0]
    try:
        return to_plain(parse_yaml(text))
    except SpecError:  # a syntax error, a duplicate key, nesting too deep: it does not read
        return None


def edit(text: str, rewrite: dict[int, str], remove: set[int], add: list[str]
         ) -> tuple[list[str], list[str], Any, Any, Callable[[int], int | None]]:
    """The writer's edit of ``text``: old lines, new lines, the old items' spans, the data
    meant, and which new item is which old one."""
    read = fastload.read(text)
    assert read is not None
    data, source_map = read
    old_items = data["checklist"]
    lines = text.split("\n")
    places = item_places(source_map, "checklist", len(old_items))
    assert places is not None
    spans = item_spans_of(lines, places)
    assert spans is not None
    nodes = item_nodes(lines, spans, sorted(rewrite))
    assert nodes is not None
    for index, note in rewrite.items():
        nodes[index]["note"] = note
    added = [{"id": f"N{k}", "note": note} for k, note in enumerate(add)]
    new_lines = edit_lines(lines, spans, nodes, remove, added)
    meant_items = [to_plain(nodes[i]) if i in nodes else old_items[i]
                   for i in range(len(old_items)) if i not in remove] + added
    kept_old = [i for i in range(len(old_items)) if i not in remove]
    kept_old = [None if i in rewrite else i for i in kept_old] + [None] * len(added)
    meant = {**data, "checklist": meant_items}
    return lines, new_lines, spans, meant, kept_old.__getitem__


def judge(lines: list[str], new_lines: list[str], spans: Any, meant: Any,
          kept: Callable[[int], int | None]) -> bool:
    items = meant["checklist"]
    return reads_back_by_lines(lines, spans, new_lines, len(items), kept,
                               lambda i, data: data == items[i])


def test_a_few_rewritten_items_are_shown_from_the_lines() -> None:
    text = spec_text([0, 1, 4, 5, 6, 0], 2, "\n# 尾注\nmeeting: 会\n")
    lines, new_lines, spans, meant, kept = edit(text, {1: "改", 3: "改二"}, {4}, ["新"])
    assert judge(lines, new_lines, spans, meant, kept)
    assert read_whole("\n".join(new_lines)) == meant


def test_an_untouched_item_that_changed_is_not_vouched_for() -> None:
    text = spec_text([0, 0, 0], 0, "meeting: 会\n")
    lines, new_lines, spans, meant, kept = edit(text, {0: "改"}, set(), [])
    spoiled = [line.replace("第2项", "第9项") for line in new_lines]
    assert not judge(lines, spoiled, spans, meant, kept)


def test_an_item_added_after_a_kept_block_scalar_leaves_it_its_trailing_lines() -> None:
    # The last item keeps its trailing blank lines (|+): they are its text's, and the added
    # item goes after them.
    for tail in ("\n\nmeeting: 会\n", "", "\n"):
        text = spec_text([0, 2], 2, tail)
        _, new_lines, _, meant, _ = edit(text, {}, set(), ["新"])
        assert read_whole("\n".join(new_lines)) == meant


def test_text_the_lines_cannot_judge() -> None:
    assert lines_tell("a: 1\nb: 2\n")
    assert not lines_tell("%YAML 1.1\n---\na: yes\n")
    assert not lines_tell("a: 1\rb: 2\n")
    assert not lines_tell("a: \u2028\n")


SPOILS = ["", "#", "  # 注", "- id: Z9", "  - x", "- ", "  -", "    - 丙", "  x: 1", "x: 1",
          "    note: 重复", "    more", "      第三行", "      |", "  ? k", "'", '"', "\t", "\t# c",
          "  \t", " ", "   ", " &a", " *a", "---", "...", "%YAML 1.1", "\u2028"]
"""Lines a faulty writer might leave: entries, keys, comments, indentation, tabs, markers."""


def _spoil(lines: list[str], how: int, where: int, what: str) -> list[str]:
    out = list(lines)
    at = where % (len(out) + 1)
    if how == 0:
        out.insert(at, what)
    elif how == 1 and out:
        del out[at % len(out)]
    elif how == 2 and out:
        line = out[at % len(out)]
        out[at % len(out)] = line[1:] if line.startswith(" ") else "  " + line
    elif how == 3 and out:
        out[at % len(out)] = out[at % len(out)] + what
    return out


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shapes=st.lists(st.integers(0, len(ITEMS) - 1), min_size=1, max_size=6),
       dash=st.sampled_from([0, 2, 4]),
       tail=st.sampled_from(["", "meeting: 会\n", "\n# 尾注\nmeeting: 会\n", "\n\n"]),
       picks=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 2)), max_size=6),
       notes=st.lists(st.sampled_from(["改", "两\n行", "  前后空格 ", "- 破折", "# 井号", "a: b",
                                       "*星", "&锚", "'引'", "\n\n尾\n\n", ""]), min_size=6,
                      max_size=6),
       add=st.lists(st.sampled_from(["新", "新\n\n", "x: y"]), max_size=2),
       spoils=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 400),
                                 st.sampled_from(SPOILS)),
                       max_size=2))
def test_lines_vouch_only_for_what_reads_as_meant(
        shapes: list[int], dash: int, tail: str, picks: list[tuple[int, int]],
        notes: list[str], add: list[str], spoils: list[tuple[int, int, str]]) -> None:
    text = spec_text(shapes, dash, tail)
    count = len(shapes)
    rewrite = {i % count: notes[k] for k, (i, what) in enumerate(picks) if what == 0}
    remove = {i % count for i, what in picks if what == 1} - set(rewrite)
    if len(remove) == count and not add:
        remove.pop()
    try:
        lines, new_lines, spans, meant, kept = edit(text, rewrite, remove, add)
    except YAMLError:
        return
    for how, where, what in spoils:
        new_lines = _spoil(new_lines, how, where, what)
    if judge(lines, new_lines, spans, meant, kept):
        assert read_whole("\n".join(new_lines)) == meant


def _every_span_edit(text: str, spans: list[tuple[int, int, int]], replaced: dict[int, Any],
                     removed: set[int], added: list[Any]) -> str:
    """The edit as it was first written: every span visited (the reference for `edit_lines`)."""
    from rectimeet.spec.writer import _indent_of, _is_filler, dump_like, guess_indent

    lines = text.split("\n")
    indent = guess_indent(text)

    def _dump_item(node: Any, dash: int, indent: tuple[int, int, int]) -> list[str]:
        out = dump_like(CommentedSeq([node]), "", indent).split("\n")
        while out and _is_filler(out[-1]):
            out.pop()
        common = min((_indent_of(line) for line in out if line.strip()), default=0)
        return [" " * dash + line[common:] if line.strip() else "" for line in out]

    out: list[str] = []
    position = 0
    for index, (first, end, dash) in enumerate(spans):
        out.extend(lines[position:first])
        if index in replaced:
            out.extend(_dump_item(replaced[index], dash, indent))
        elif index not in removed:
            out.extend(lines[first:end])
        position = end
        if index == len(spans) - 1:
            for node in added:
                out.extend(_dump_item(node, dash, indent))
    out.extend(lines[position:])
    return "\n".join(out)


@settings(max_examples=100, deadline=None)
@given(shapes=st.lists(st.integers(0, len(ITEMS) - 1), min_size=1, max_size=6),
       dash=st.sampled_from([0, 2, 4]),
       tail=st.sampled_from(["", "meeting: 会\n", "\n# 尾注\nmeeting: 会\n", "\n\n"]),
       picks=st.lists(st.tuples(st.integers(0, 5), st.booleans()), max_size=6),
       add=st.lists(st.sampled_from(["新", "新\n\n"]), max_size=2))
def test_only_the_edited_spans_are_looked_at_and_the_text_is_the_same(
        shapes: list[int], dash: int, tail: str, picks: list[tuple[int, bool]],
        add: list[str]) -> None:
    from rectimeet.spec.writer import item_spans

    text = spec_text(shapes, dash, tail)
    read = fastload.read(text)
    assert read is not None
    data, source_map = read
    count = len(data["checklist"])
    lines = text.split("\n")
    places = item_places(source_map, "checklist", count)
    assert places is not None
    spans = item_spans_of(lines, places)
    every = item_spans(text, source_map, "checklist", count)
    assert spans is not None and every is not None
    rewrite = sorted({i % count for i, rewritten in picks if rewritten})
    removed = {i % count for i, rewritten in picks if not rewritten} - set(rewrite)
    nodes = item_nodes(lines, spans, rewrite)
    assert nodes is not None
    for node in nodes.values():
        node["note"] = "改"
    added = [{"id": f"N{k}", "note": note} for k, note in enumerate(add)]
    new_text = "\n".join(edit_lines(lines, spans, nodes, removed, added))
    if 2 not in shapes:
        assert new_text == _every_span_edit(text, every, nodes, removed, added)
    # With or without texts that keep their trailing blank lines (|+, shape 2), which the edit
    # as first written let an item's neighbour take in: the new text says what was meant.
    meant = [{**item, "note": "改"} if i in rewrite else item
             for i, item in enumerate(data["checklist"]) if i not in removed]
    if meant or added:  # none left: the caller writes [] with the whole document instead
        assert read_whole(new_text)["checklist"] == [*meant, *added]
    assert list(spans) == every


@settings(max_examples=60, deadline=None)
@given(head=st.lists(st.sampled_from(["a:", "  b: 1", "    c: 2", "- x", "  - y", "    - z",
                                      "# 注", "", "d: |", "   文本", "e:\r"]), max_size=12),
       filler=st.integers(0, 3))
def test_the_indentation_of_a_long_file_is_read_from_its_head(head: list[str],
                                                              filler: int) -> None:
    from rectimeet.spec.writer import _indent_from, _indent_of_lines, guess_indent

    # Long enough that only its head is looked at first; the answer must be the whole file's.
    body = ["z: " + "长" * 40] * (filler * 1200)
    text = "\n".join([*head, *body, "k:", "  - v", "m:", "      n: 1"]) + "\n"
    mapping, sequence, offset = _indent_from(text.splitlines())
    whole = (mapping or 2, sequence or 2, offset or 0)
    assert guess_indent(text) == whole
    assert _indent_of_lines(text.split("\n")) == whole


def test_item_spans_index_as_a_list_does() -> None:
    text = spec_text([0, 1, 6], 2, "meeting: 会\n")
    read = fastload.read(text)
    assert read is not None
    places = item_places(read[1], "checklist", 3)
    assert places is not None
    spans = item_spans_of(text.split("\n"), places)
    assert spans is not None
    every = list(spans)
    assert spans[-1] == every[2] and spans[-3] == every[0] and spans[1:] == every[1:]
    for wrong in (3, -4):
        with pytest.raises(IndexError):
            spans[wrong]
