"""The hook reference, generated from the docstrings of :mod:`rectimeet.hookspecs`."""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable
from typing import Any

from rectimeet import hookspecs


def hook_functions() -> list[Callable[..., Any]]:
    """Every hook specification, in the order the contract module declares them."""
    specs = [
        obj
        for name, obj in vars(hookspecs).items()
        if name.startswith("rectimeet_") and callable(obj) and hasattr(obj, "rectimeet_spec")
    ]
    return sorted(specs, key=lambda fn: fn.__code__.co_firstlineno)


def signature_of(fn: Callable[..., Any]) -> str:
    """``name(arg: Type, …) -> Return`` as written in the source (annotations unquoted)."""
    sig = inspect.signature(fn)
    args = ", ".join(
        f"{p.name}: {p.annotation}" if p.annotation is not inspect.Parameter.empty else p.name
        for p in sig.parameters.values()
    )
    result = f"{fn.__name__}({args})"
    if sig.return_annotation is not inspect.Signature.empty:
        result += f" -> {sig.return_annotation}"
    return result


def _how_results_combine(fn: Callable[..., Any]) -> str:
    opts = fn.rectimeet_spec  # type: ignore[attr-defined]
    if opts.get("firstresult"):
        return "*First result*: plugins are asked in precedence order; the first non-`None` answer wins."
    return "*Every result*: every plugin's answer is collected."


def _context_section() -> list[str]:
    """The argument most hooks take, with its fields, from the record itself."""
    ctx = hookspecs.LevelContext
    lines = ["(levelcontext)=", "## `LevelContext`", "", "```{eval-rst}",
             inspect.getdoc(ctx) or "", "```", ""]
    for name, type_ in ctx.__annotations__.items():
        lines.append(f"- `{name}: {type_}`")
    return [*lines, ""]


def hook_reference(warn: Any = None) -> str:
    lines = [
        "<!-- Generated from rectimeet.hookspecs by docs/_ext/rectimeet_docs; do not edit. -->",
        "",
        *_context_section(),
    ]
    for fn in hook_functions():
        doc = textwrap.dedent(inspect.getdoc(fn) or "")
        lines += [
            f"({fn.__name__})=",
            f"## `{signature_of(fn)}`",
            "",
            _how_results_combine(fn),
            "",
            "```{eval-rst}",
            doc,
            "```",
            "",
        ]
    return "\n".join(lines)
