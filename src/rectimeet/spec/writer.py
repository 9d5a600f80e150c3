"""Writing an edited spec back: only what changed, the rest of the file byte for byte.

A round-trip YAML dump keeps comments and order but not everything a clerk's editor wrote:
blank lines go, quoting and indentation drift, and CRLF files come back with mixed line ends.
So an edit to items of one block sequence (the ledger's ``checklist:``) replaces only those
items' lines in the original text; every other line, the byte-order mark and the line ending
stay as they were. Where the file's shape does not allow that (a flow sequence, a missing
section) the whole document is dumped, indented like the original, with its BOM and line
ending.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple, overload

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from rectimeet.sourcemap import SpecPath
from rectimeet.spec.loader import _yaml

BOM = "\ufeff"


class SpecText(NamedTuple):
    """A spec file's text with what a writer must keep: its BOM and its line ending."""

    text: str
    """The text without BOM, line ends as in the file."""
    bom: bool
    newline: str

    @classmethod
    def of(cls, raw_text: str) -> SpecText:
        bom = raw_text.startswith(BOM)
        text = raw_text[1:] if bom else raw_text
        crlf = text.count("\r\n")
        newline = "\r\n" if crlf and crlf >= text.count("\n") - crlf else "\n"
        return cls(text, bom, newline)

    def encode(self, text: str) -> bytes:
        """``text`` (LF or the file's line ends) in the file's line ending, with its BOM."""
        body = text.replace("\r\n", "\n")
        if self.newline != "\n":
            body = body.replace("\n", self.newline)
        return ((BOM if self.bom else "") + body).encode("utf-8")


_KEY_LINE = re.compile(r"^( *)[^\s#-][^#]*:\s*(#.*)?$")
_NEXT_LINE = re.compile(r"^( *)(- )?\S")
# A block scalar header that keeps the text's trailing blank lines: | or > with + (and maybe an
# indentation digit) at the end of a line.
_KEEP_HEADER = re.compile(r"(?:^|[ \t])[|>](?:[1-9]?\+|\+[1-9])[ \t]*(?:#.*)?$")


def guess_indent(text: str) -> tuple[int, int, int]:
    """``(mapping, sequence, offset)`` indentation of a YAML text, from its first block mapping
    and block sequence under a key (ruamel's defaults 2, 2, 0 for what is not found).

    A text scan: parsing the spec again only to learn its indentation doubled the import time.
    """
    # The answer is in the file's first lines: a county ledger's 250,000 lines are split only
    # when its head does not tell.
    if len(text) > _INDENT_HEAD:
        found = _indent_from(text[:_INDENT_HEAD].splitlines()[:-1])  # the last may be cut short
        if found[0] is not None and found[1] is not None:
            return found[0], found[1], found[2] or 0
    mapping, sequence, offset = _indent_from(text.splitlines())
    return mapping or 2, sequence or 2, offset or 0


_INDENT_HEAD = 1 << 16


def _indent_from(all_lines: list[str]) -> tuple[int | None, int | None, int | None]:
    """The mapping, sequence and offset indentation of the first block mapping and block
    sequence under a key in ``all_lines`` (None for what they do not show)."""
    mapping = sequence = offset = None
    lines = [line for line in all_lines if line.strip() and not line.lstrip().startswith("#")]
    for above, below in itertools.pairwise(lines):
        key = _KEY_LINE.match(above)
        nxt = _NEXT_LINE.match(below)
        if key is None or nxt is None:
            continue
        step = len(nxt.group(1)) - len(key.group(1))
        if nxt.group(2):
            if sequence is None and step >= 0:
                offset, sequence = step, step + 2
        elif mapping is None and step > 0:
            mapping = step
        if mapping is not None and sequence is not None:
            break
    return mapping, sequence, offset


def dump_like(document: Any, original: str, indent: tuple[int, int, int] | None = None) -> str:
    """``document`` as YAML text (LF line ends) indented the way ``original`` was (or as
    ``indent``, :func:`guess_indent`'s answer for it, when the caller already has it)."""
    mapping, sequence, offset = indent or guess_indent(original)
    y = _yaml()
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    buf = io.StringIO()
    y.dump(document, buf)
    return buf.getvalue()


def _is_filler(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _item_spans(lines: Sequence[str], seq: CommentedSeq) -> list[tuple[int, int, int]] | None:
    """``(first, end, dash column)`` line spans of each item of a block sequence (0-based,
    ``end`` exclusive, trailing blank and comment lines left out), or None when the sequence
    is not laid out one ``- item`` per block."""
    if seq.fa.flow_style() or not len(seq):
        return None
    places = []
    for i in range(len(seq)):
        try:
            places.append(seq.lc.item(i))
        except (KeyError, TypeError, IndexError):
            return None
    return _spans(lines, places)


def item_spans(text: str, source_map: Mapping[SpecPath, tuple[int, int]], key: str,
               count: int) -> list[tuple[int, int, int]] | None:
    """The spans of :func:`_item_spans` for the ``count`` items of the top-level sequence
    ``key``, found from the fast reader's source map (1-based positions of each item), so that
    no round-trip document of the whole spec is needed."""
    places = item_places(source_map, key, count)
    return _spans(text.split("\n"), places) if places else None


def _spans(lines: Sequence[str], places: Sequence[tuple[int, int]]) -> list[tuple[int, int, int]] | None:
    """Spans of the items that start at ``places`` (0-based line and column of each item's
    content), or None when an item is not written ``- item`` at the start of its line."""
    starts = _starts(lines, places)
    if starts is None:
        return None
    return [(first, _span_end(lines, starts, index), dash)
            for index, (first, dash) in enumerate(starts)]


def _starts(lines: Sequence[str], places: Iterable[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """``(line, dash column)`` of the items whose content starts at ``places``, or None when an
    item is not written ``- item`` at the start of its line."""
    starts = []
    for line, col in places:
        text = lines[line] if line < len(lines) else ""
        dash = text.rfind("-", 0, col)
        if dash < 0 or text[:dash].strip() or text[dash + 1:col].strip():
            return None
        starts.append((line, dash))
    return starts


def _span_end(lines: Sequence[str], starts: Sequence[tuple[int, int]], index: int) -> int:
    """The end (exclusive) of item ``index``'s lines, its trailing blank and comment lines left
    out, unless it holds a text that keeps its trailing blank lines (``|+``): those blank lines
    are then the text's own, and part of the item."""
    first, dash = starts[index]
    stop = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
    end = first + 1
    for n in range(first + 1, stop):
        if not _is_filler(lines[n]) and _indent_of(lines[n]) <= dash:
            break
        if not _is_filler(lines[n]):
            end = n + 1
    if _keeps(lines, first, end):
        end = _after_blank_lines(lines, end, stop)
    return end


def _keeps(lines: Sequence[str], first: int, end: int) -> bool:
    """Whether ``lines[first:end]`` hold a block scalar header that keeps trailing lines."""
    return any("+" in line and _KEEP_HEADER.search(line) for line in lines[first:end])


class ItemSpans(Sequence[tuple[int, int, int]]):
    """The spans of :func:`item_spans`, each worked out when it is first asked for: an edit of
    a few items of a county's ledger needs only theirs (and the last item's), not a walk over
    its 250,000 lines."""

    def __init__(self, lines: Sequence[str], starts: list[tuple[int, int]]) -> None:
        self.lines = lines
        self.starts = starts
        self._known: dict[int, tuple[int, int, int]] = {}

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int, int]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, int, int]]: ...

    def __getitem__(self, index: int | slice) -> tuple[int, int, int] | list[tuple[int, int, int]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self.starts)
            if index < 0:
                raise IndexError("item span index out of range")
        span = self._known.get(index)
        if span is None:
            first, dash = self.starts[index]  # IndexError past the end, as a list
            span = self._known[index] = (first, _span_end(self.lines, self.starts, index), dash)
        return span


def item_places(source_map: Mapping[SpecPath, tuple[int, int]], key: str,
                count: int) -> list[tuple[int, int]] | None:
    """0-based line and column of the content of each of the ``count`` items of the top-level
    sequence ``key``, from the fast reader's source map; None when one is not there."""
    places = []
    for i in range(count):
        place = source_map.get((key, i))
        if place is None:
            return None
        places.append((place[0] - 1, place[1] - 1))
    return places


def item_spans_of(lines: Sequence[str], places: Sequence[tuple[int, int]]) -> ItemSpans | None:
    """:func:`item_spans` for the text's ``lines`` and the items' :func:`item_places`, the spans
    worked out only as they are needed (:class:`ItemSpans`)."""
    starts = _starts(lines, places) if places else None
    return ItemSpans(lines, starts) if starts is not None else None


def item_nodes(lines: Sequence[str], spans: Sequence[tuple[int, int, int]],
               indexes: Iterable[int]) -> dict[int, Any] | None:
    """Round-trip nodes of only the items ``indexes`` (comments kept), each parsed from its own
    lines (the text's ``lines``, LF line ends); None when an item does not read alone (an
    alias to an anchor elsewhere, say)."""
    nodes: dict[int, Any] = {}
    yaml = _yaml()  # one loader for all (setting one up costs about what a small item does)
    for index in indexes:
        first, end, dash = spans[index]
        block = [line[dash:] if not line[:dash].strip() else line.lstrip()
                 for line in lines[first:end]]
        try:
            seq = yaml.load("\n".join(block) + "\n")
        except (YAMLError, ValueError):  # an alias to an anchor outside the item, say
            return None
        if not isinstance(seq, CommentedSeq) or len(seq) != 1:
            return None
        nodes[index] = seq[0]
    return nodes


def _dumper(indent: tuple[int, int, int]) -> Any:
    """A round-trip dumper set to ``indent`` (one for all the items of an edit: setting one up
    costs about what dumping a small item does)."""
    mapping, sequence, offset = indent
    y = _yaml()
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


def _dump_item(node: Any, dash: int, dumper: Any) -> list[str]:
    buf = io.StringIO()
    dumper.dump(CommentedSeq([node]), buf)
    out = buf.getvalue().split("\n")
    while out and _is_filler(out[-1]):
        out.pop()
    common = min((_indent_of(line) for line in out if line.strip()), default=0)
    return [" " * dash + line[common:] if line.strip() else "" for line in out]


def edit_sequence(spec: SpecText, document: CommentedMap, key: str,
                  replaced: dict[int, Any], removed: set[int], added: Sequence[Any]) -> str:
    """The spec's text after an edit of the block sequence ``document[key]``.

    ``replaced`` maps item indexes (in the sequence as loaded) to their new nodes, ``removed``
    lists indexes to drop and ``added`` nodes to append. Only those items' lines change; the
    whole document is dumped instead when the sequence is not a plain block sequence. The
    result has LF line ends (see :meth:`SpecText.encode`).
    """
    text = spec.text.replace("\r\n", "\n")
    seq = document.get(key)
    spans = _item_spans(text.split("\n"), seq) if isinstance(seq, CommentedSeq) else None
    if spans is None or (len(removed) >= len(spans) and not added):
        # No item lines to edit, or none left: "key:" alone would read as null, not [].
        return _dump_whole(spec, document, key, replaced, removed, added)
    return edit_items(text, spans, replaced, removed, added)


def edit_items(text: str, spans: Sequence[tuple[int, int, int]], replaced: dict[int, Any],
               removed: set[int], added: Sequence[Any]) -> str:
    """``text`` (LF line ends) with the items at ``spans`` replaced, removed or added to, as
    :func:`edit_sequence` does; every other line stays as it is."""
    return "\n".join(edit_lines(text.split("\n"), spans, replaced, removed, added))


def edit_lines(lines: Sequence[str], spans: Sequence[tuple[int, int, int]],
               replaced: Mapping[int, Any], removed: Collection[int], added: Sequence[Any]
               ) -> list[str]:
    """:func:`edit_items` on the text's ``lines``: the new text's lines. Only the spans of the
    replaced and removed items and of the last item are looked at; the lines between them are
    copied as they are.

    A text that keeps its trailing blank lines (``|+``) takes in the blank lines after it: when
    the item written just before a removed one ends with such a text, or a rewritten item now
    holds one, the blank lines after the old item go with it.
    """
    dumper = _dumper(_indent_of_lines(lines))
    out: list[str] = []
    position = 0
    last = len(spans) - 1
    keeps_before = False  # whether the item written last before this one keeps blank lines
    dumped_keeps: dict[int, bool] = {}
    for index in sorted({*replaced, *removed, last}):
        first, end, dash = spans[index]
        previous = index - 1
        if previous < 0:
            keeps_before = False
        elif previous in dumped_keeps:
            keeps_before = dumped_keeps[previous]
        elif previous not in removed:
            keeps_before = _keeps(lines, *spans[previous][:2])
        if index in removed:
            out.extend(lines[position:first])
            if keeps_before:
                end = _after_blank_lines(lines, end, _next_start(spans, index, len(lines)))
        elif index in replaced:
            out.extend(lines[position:first])
            dump = _dump_item(replaced[index], dash, dumper)
            out.extend(dump)
            dumped_keeps[index] = _keeps(dump, 0, len(dump))
            if dumped_keeps[index]:
                end = _after_blank_lines(lines, end, _next_start(spans, index, len(lines)))
        else:  # the last item, unchanged
            out.extend(lines[position:end])
        position = end
        if index == last:
            for node in added:
                out.extend(_dump_item(node, dash, dumper))
    out.extend(lines[position:])
    return out


def _next_start(spans: Sequence[tuple[int, int, int]], index: int, count: int) -> int:
    """The first line of the item after ``index`` (``count``, the number of lines, after the
    last): worked out only when needed, since each span is found when first asked for."""
    return spans[index + 1][0] if index + 1 < len(spans) else count


def _after_blank_lines(lines: Sequence[str], start: int, stop: int) -> int:
    """The first line from ``start`` that is not blank, at most ``stop``; the last element of
    ``lines`` is not a line when the text ends with a line break (it is what follows it)."""
    stop = min(stop, len(lines) - 1) if lines and lines[-1] == "" else stop
    while start < stop and not lines[start].strip():
        start += 1
    return start


def _indent_of_lines(lines: Sequence[str]) -> tuple[int, int, int]:
    """:func:`guess_indent` of the text of ``lines`` (LF line ends), joining only its head when
    that tells."""
    size = count = 0
    for line in lines:
        count += 1
        size += len(line) + 1
        if size > _INDENT_HEAD:
            break
    if count < len(lines):  # the text is longer than its head
        found = _indent_from("\n".join(lines[:count])[:_INDENT_HEAD].splitlines()[:-1])
        if found[0] is not None and found[1] is not None:
            return found[0], found[1], found[2] or 0
    return guess_indent("\n".join(lines))


def _dump_whole(spec: SpecText, document: CommentedMap, key: str, replaced: dict[int, Any],
                removed: set[int], added: Sequence[Any]) -> str:
    seq = document.get(key)
    items = list(seq) if isinstance(seq, list) else []
    new = CommentedSeq(
        [replaced.get(i, node) for i, node in enumerate(items) if i not in removed] + list(added))
    if isinstance(seq, CommentedSeq):
        # Keep the comments ruamel attached to the sequence.
        setattr(new, "_yaml_comment", getattr(seq, "_yaml_comment", None))  # noqa: B010
    document[key] = new
    return dump_like(document, spec.text.replace("\r\n", "\n"))


def write_document(path: Path | str, document: Any) -> None:
    """Write a round-trip document to ``path`` atomically, keeping the BOM, line ending and
    indentation of the file it replaces (if any)."""
    from rectimeet import atomic

    path = Path(path)
    try:
        spec = SpecText.of(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        spec = SpecText("", False, "\n")
    atomic.write_bytes(path, spec.encode(dump_like(document, spec.text.replace("\r\n", "\n"))))
