"""The wording rules read every text of a plan, each with the spec path a finding points at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from rectimeet.rules.wording import iter_texts
from rectimeet.spec import load

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))


def _walk(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], str]]:
    """The plain recursive walk: every string, depth first, in field order."""
    if isinstance(value, BaseModel):
        return [found for name, field in type(value).model_fields.items()
                for found in _walk(getattr(value, name), (*path, field.alias or name))]
    if isinstance(value, list | tuple):
        return [found for i, item in enumerate(value) for found in _walk(item, (*path, i))]
    if isinstance(value, dict):
        return [found for k, v in value.items() for found in _walk(v, (*path, str(k)))]
    return [(path, value)] if isinstance(value, str) else []


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda p: p.stem)
def test_every_text_is_found_in_order_with_its_spec_path(spec: Path) -> None:
    loaded = load(spec)
    texts = list(iter_texts(loaded.plan))
    assert texts == _walk(loaded.plan)
    # The paths are the spec's own: each text found there has its line in the source map.
    located = [path for path, _ in texts if path in loaded.source_map]
    assert located and len(located) >= len(texts) // 2
