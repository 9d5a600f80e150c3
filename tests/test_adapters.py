"""validate_as: the same answers and the same errors as pydantic's TypeAdapter, cheaper to set up."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from rectimeet.adapters import validate_as
from rectimeet.models.meeting import AgendaItem
from rectimeet.models.study import StudyItem

items = st.lists(st.fixed_dictionaries({"title": st.text(max_size=8)}, optional={"kind": st.sampled_from(
    ["study", "report", "criticism", "不存在"])}), max_size=4)


def _outcome(fn: Any) -> Any:
    try:
        return "ok", fn()
    except ValidationError as exc:
        return "error", [(e["loc"], e["type"]) for e in exc.errors()]


@given(data=st.one_of(items, items.map(tuple), st.none(), st.text(max_size=3)))
def test_a_list_of_models_validates_as_the_type_adapter_does(data: Any) -> None:
    for type_ in (list[AgendaItem], list[StudyItem]):
        assert _outcome(lambda t=type_: validate_as(t, data)) == \
            _outcome(lambda t=type_: TypeAdapter(t).validate_python(data))


def test_a_bad_item_is_named_by_its_index() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_as(list[StudyItem], [{"title": "甲"}, {"title": "乙", "unknown": 1}])
    assert caught.value.errors()[0]["loc"][0] == 1


def test_other_types_and_single_models() -> None:
    assert validate_as(dict[str, int], {"a": "1"}) == {"a": 1}
    assert validate_as(StudyItem, {"title": "甲"}) == StudyItem(title="甲")
