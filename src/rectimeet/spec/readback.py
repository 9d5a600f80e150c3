"""Showing that an edited spec reads as meant, from its lines.

A writer that changes a few items of a long block sequence (a county ledger's ``checklist:``)
rewrites those items' lines and copies every other line (:mod:`rectimeet.spec.writer`). Before
the file is replaced, what was written must read as what was meant. Parsing the whole new text
again shows that, but for 30,000 items it costs about a second and a second source map of a
quarter of a million entries. The lines show it as well:

- the lines before the first item and after the last are the old ones;
- each item meant to stay as it was is the same lines as before, with the same blank and
  comment lines after it, and is followed by what followed it before (the next item's ``-`` or
  the rest of the file): YAML reads the same lines in the same place the same way;
- each other item (rewritten or added) starts with a ``-`` in the sequence's column, every line
  of it is indented deeper, and read alone (with the blank and comment lines after it) by the
  fast reader it is one item, the one meant;
- the old lines of the items that went or were rewritten hold no anchor (nothing else in the
  file can have referred to them), and no rewritten item holds one (the fast reader refuses
  anchors, aliases and tags).

Whatever this does not show (a ``%YAML`` directive, other line breaks than LF, a line that
leaves the sequence's layout) is not refuted either: the caller then reads the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from rectimeet.spec import fastload

_ANCHOR_OR_TAG = re.compile(r"(?:^[ \t]*|[-:?,\[{][ \t]+|[\[{,])[&*!]", re.MULTILINE)
"""Where a node's anchor, alias or tag may start (some text matches too: it only costs the
whole read)."""
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def lines_tell(text: str) -> bool:
    """Whether ``text`` (LF line ends) is one whose lines :func:`reads_back_by_lines` can judge:
    no version directive (it changes how plain scalars read) and no line break but LF (the
    parser would number the lines otherwise)."""
    # Substring tests, not a character class: a county's spec is ten million characters.
    return "%YAML" not in text and not any(mark in text for mark in _OTHER_BREAKS)


def _filler(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _dedented(lines: list[str], dash: int) -> list[str] | None:
    """``lines`` moved ``dash`` columns left, as YAML reads them in the sequence: None when a
    line is not indented by that many spaces and is neither blank nor a comment (a tab, say,
    which the whole file would read otherwise)."""
    pad = " " * dash
    out = []
    for line in lines:
        if line.startswith(pad):
            out.append(line[dash:])
            continue
        rest = line.lstrip(" ")
        if rest and not rest.startswith("#"):
            return None
        out.append(rest)
    return out


def reads_back_by_lines(old: list[str], spans: Sequence[tuple[int, int, int]], new: list[str],
                        count: int, kept: Callable[[int], int | None],
                        reads_as: Callable[[int, Any], bool]) -> bool:
    """Whether the lines ``new`` read as meant, shown from the lines (see the module docstring).

    ``old`` are the lines (LF) of a spec the loader read and :func:`lines_tell` accepts, and
    ``spans`` the ``(first, end, dash column)`` line spans of the items of its top-level block
    sequence (:func:`rectimeet.spec.writer.item_spans_of`). ``new`` should hold ``count`` items
    there: ``kept(i)`` is the old index of new item ``i`` when it is meant to be that old item
    unchanged (else None), and ``reads_as(i, data)`` says whether plain data read for new item
    ``i`` is what was meant. False means "not shown this way", not "wrong": the caller then
    reads the whole text.
    """
    n_old = len(spans)
    if not n_old or not count:
        return False
    first_line, _, dash = spans[0]
    old_end = spans[n_old - 1][1]
    tail = len(old) - old_end
    region_end = len(new) - tail
    if region_end <= first_line or new[:first_line] != old[:first_line] \
            or new[region_end:] != old[old_end:]:
        return False
    kept_old = [kept(i) for i in range(count)]
    previous = -1
    for j in kept_old:
        if j is not None:
            if j <= previous or j >= n_old:
                return False
            previous = j
    keeps = set(kept_old)
    for j in range(n_old):
        if j not in keeps and _ANCHOR_OR_TAG.search("\n".join(old[spans[j][0]:spans[j][1]])):
            return False
    prefix = " " * dash + "-"

    def entry(line: str) -> bool:
        return line.startswith(prefix) and (len(line) == dash + 1 or line[dash + 1] == " ")

    # The line after the tail's leading blank and comment lines: what ends the last item.
    tail_filler = old_end
    while tail_filler < len(old) and _filler(old[tail_filler]):
        tail_filler += 1

    def old_stop(j: int) -> int:
        return spans[j + 1][0] if j + 1 < n_old else old_end

    def followed_alike(j: int, after: int) -> bool:
        # What ends old item j's lines in the new text (at ``after``) ends them as before: the
        # next item's "-", or the rest of the file, with the same blank and comment lines.
        ends_old = j + 1 == n_old
        ends_new = after == region_end
        if ends_new:
            return ends_old or tail_filler == old_end
        return after < region_end and entry(new[after]) and (not ends_old or tail_filler == old_end)

    pos, i = first_line, 0
    while i < count:
        if pos >= region_end or not entry(new[pos]):
            return False
        j = kept_old[i]
        if j is not None:
            k = 0
            while i + k + 1 < count and kept_old[i + k + 1] == j + k + 1:
                k += 1
            # Old items j..j+k, copied as one run of lines.
            while k >= 0:
                length = old_stop(j + k) - spans[j][0]
                if followed_alike(j + k, pos + length):
                    break
                k -= 1
            if k >= 0:
                if new[pos:pos + length] != old[spans[j][0]:spans[j][0] + length]:
                    return False
                pos += length
                i += k + 1
                continue
        # A rewritten or added item, or a kept one whose neighbourhood changed: read it alone.
        stop = pos + 1
        while stop < region_end:
            line = new[stop]
            if not _filler(line) and _indent(line) <= dash:
                if not entry(line):
                    return False
                break
            stop += 1
        end = stop
        if stop == region_end:
            end = region_end + (tail_filler - old_end)
        block = _dedented(new[pos:end], dash)
        if block is None:
            return False
        read = fastload.read("\n".join(block) + "\n")
        if read is None:
            return False
        data = read[0]
        if not isinstance(data, list) or len(data) != 1 or not reads_as(i, data[0]):
            return False
        pos = stop
        i += 1
    return pos == region_end
