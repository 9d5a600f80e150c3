"""规范用语: standard wording in every text of the spec."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel

from rectimeet.i18n import N_
from rectimeet.rules.engine import Hit, RuleContext, Severity, rule

# Wrong → right, as found in real plans (one machine-reworded, one with half-width punctuation).
TERMS = {
    "比照检查": "对照检查",
    "自我指责": "自我批评",
    "相互指责": "相互批评",
    "指责意见": "批评意见",
    "中心巡视": "中央巡视",
    "中心巡察": "中央巡察",
}
_HALF_NUMBER = re.compile(r"\(([一二三四五六七八九十]+)\)")
_DASHES = re.compile(r"-{2,}")
_DOC_YEAR = re.compile(r"\[(\d{4})\]|【(\d{4})】|（(\d{4})）(?=\d+号)|\((\d{4})\)(?=\d+号)")


def iter_texts(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string in the plan with its spec path (aliases used, so paths match the file), in
    the order the spec's fields come."""
    # A stack, not recursion: a plan holds a few thousand values, and a generator per value
    # cost the wording rules most of their time.
    stack: list[tuple[tuple[str | int, ...], Any]] = [(path, value)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, BaseModel):
            stack.extend(reversed([((*path, key), getattr(value, name))
                                   for name, key in _keys(type(value))]))
        elif isinstance(value, list | tuple):
            stack.extend(reversed([((*path, i), item) for i, item in enumerate(value)]))
        elif isinstance(value, dict):
            stack.extend(reversed([((*path, str(k)), v) for k, v in value.items()]))


@cache
def _keys(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(attribute, key in the spec) of each of ``model``'s fields."""
    return tuple((name, field.alias or name) for name, field in model.model_fields.items())


def plan_texts(ctx: RuleContext) -> list[tuple[tuple[str | int, ...], str]]:
    """:func:`iter_texts` of the plan, walked once per run for all four wording rules."""
    return ctx.shared("wording.texts", lambda: list(iter_texts(ctx.plan)))


@rule(
    "WD101",
    name="standard-terms",
    family="wording",
    severity=Severity.WARNING,
    summary=N_("Standard terms are used (对照检查, 批评, 中央巡视)"),
    rationale="公文用语要规范；机器改写的文本常把“对照检查”写成“比照检查”、“批评”写成“指责”。",
    source="党内文件的规范用语",
)
def standard_terms(ctx: RuleContext) -> Iterable[Hit]:
    for path, text in plan_texts(ctx):
        for wrong, right in TERMS.items():
            if wrong in text:
                yield Hit(N_("Non-standard term {wrong}: write {right}"), {"wrong": wrong, "right": right},
                          path)


@rule(
    "WD102",
    name="full-width-numbering",
    family="wording",
    severity=Severity.WARNING,
    summary=N_("Second-level numbers use full-width brackets （一）"),
    rationale="GB/T 9704 结构层次序数第二层为“（一）”，使用全角括号。",
    source="GB/T 9704-2012 7.3.3（结构层次序数）",
)
def full_width_numbering(ctx: RuleContext) -> Iterable[Hit]:
    for path, text in plan_texts(ctx):
        for match in _HALF_NUMBER.finditer(text):
            yield Hit(N_("Half-width numbering {found}: write {right}"),
                      {"found": match.group(0), "right": f"（{match.group(1)}）"}, path)


@rule(
    "WD103",
    name="dash",
    family="wording",
    severity=Severity.WARNING,
    summary=N_("A dash is written —— (two em dashes), not ---"),
    rationale="破折号为两个一字线“——”，如“团结——批评——团结”。",
    source="规范标点（破折号用“——”，不用连字符代替）",
)
def dash(ctx: RuleContext) -> Iterable[Hit]:
    for path, text in plan_texts(ctx):
        if _DASHES.search(text):
            yield Hit(N_("Hyphens used as a dash: write ——"), {}, path)


@rule(
    "WD104",
    name="document-number-brackets",
    family="wording",
    severity=Severity.WARNING,
    summary=N_("Years in document numbers use 〔〕 (六角括号)"),
    rationale="发文字号年份用六角括号“〔〕”，不用方括号或圆括号。",
    source="GB/T 9704-2012 7.2.5（发文字号）",
)
def document_number_brackets(ctx: RuleContext) -> Iterable[Hit]:
    for path, text in plan_texts(ctx):
        for match in _DOC_YEAR.finditer(text):
            year = next(g for g in match.groups() if g)
            yield Hit(N_("Document number year {found}: write {right}"),
                      {"found": match.group(0), "right": f"〔{year}〕"}, path)


RULES = (standard_terms, full_width_numbering, dash, document_number_brackets)
