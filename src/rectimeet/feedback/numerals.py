"""Chinese numerals as feedback documents print them: 一 … 十 … 九十九 (and 〇/零 in dates)."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
_VALUE = {c: i for i, c in enumerate(DIGITS)} | {"〇": 0, "两": 2}


def to_chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (0 < n < 100; larger stay digits)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
    return head + (DIGITS[ones] if ones else "")


def from_chinese(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20; digit by digit for years (二〇二六 → 2026); None if not a
    numeral."""
    if not text or any(c not in _VALUE and c != "十" for c in text):
        return None
    if "十" not in text:
        value = 0
        for c in text:
            value = value * 10 + _VALUE[c]
        return value
    head, _, tail = text.partition("十")
    if "十" in tail or len(head) > 1 or len(tail) > 1:
        return None
    tens = _VALUE[head] if head else 1
    return tens * 10 + (_VALUE[tail] if tail else 0)
