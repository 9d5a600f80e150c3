"""Spec files: located errors (file, line, column), schema, dump."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from rectimeet.cli.main import spec_schema
from rectimeet.errors import SpecError
from rectimeet.spec import dump_plan, load, load_text


def test_loads_with_source_map(small_spec: Path) -> None:
    loaded = load(small_spec)
    assert loaded.plan.unit.name == "测试乡"
    # meeting.date is on the line after "meeting:" (line 22 of the fixture)
    text = small_spec.read_text("utf-8").splitlines()
    line, _col = loaded.source_map[("meeting", "date")]
    assert text[line - 1].strip().startswith("date:")


def test_error_points_at_file_line_and_column(tmp_path: Path, small_spec_text: str) -> None:
    bad = small_spec_text.replace("date: 2026-11-27", "date: 2026-11-31")
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load(path)
    problem = info.value.problems[0]
    assert problem.path == ("meeting", "date")
    assert problem.code == "M014"
    assert bad.splitlines()[problem.line - 1].strip() == "date: 2026-11-31"  # type: ignore[operator]
    assert str(path) in str(info.value)


def test_structure_problems_are_located(tmp_path: Path, small_spec_text: str) -> None:
    bad = small_spec_text.replace("claimed_by: [m3]", "claimed_by: [m7]")
    with pytest.raises(SpecError) as info:
        load_text(bad, "x.yaml")
    (p,) = info.value.problems
    assert p.code == "M003"
    assert "m7" in bad.splitlines()[p.line - 1]  # type: ignore[operator]


def test_yaml_syntax_error_is_located() -> None:
    with pytest.raises(SpecError) as info:
        load_text("unit:\n  name: [unclosed\nmeeting: {}\n", "y.yaml")
    assert info.value.problems[0].code == "Y001"
    assert info.value.problems[0].line is not None


def test_duplicate_keys_are_refused(small_spec_text: str) -> None:
    with pytest.raises(SpecError) as info:
        load_text(small_spec_text + "meeting:\n  date: 2026-12-01\n", "d.yaml")
    assert info.value.problems[0].code == "Y001"


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"\xff\xfe\x00bad", "F003"), (b"- just\n- a list\n", "Y002")],
)
def test_unusable_files(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(content)
    with pytest.raises(SpecError) as info:
        load(path)
    assert info.value.problems[0].code == code


def test_missing_file() -> None:
    with pytest.raises(SpecError) as info:
        load(Path("/nonexistent/spec.yaml"))
    assert info.value.problems[0].code == "F001"


def test_illegal_character_is_refused_with_line(small_spec_text: str) -> None:
    bad = small_spec_text.replace("venue: 乡党委会议室", 'venue: "乡党委\\x01会议室"')
    with pytest.raises(SpecError) as info:
        load_text(bad, "c.yaml")
    p = info.value.problems[0]
    assert p.code == "M012" and p.path == ("meeting", "venue")
    assert "venue" in bad.splitlines()[p.line - 1]  # type: ignore[operator]


def test_schema_validates_the_fixture_and_rejects_typos(small_spec: Path) -> None:
    schema = spec_schema()
    data = json.loads(json.dumps(load(small_spec).plan.model_dump(mode="json", by_alias=True)))
    jsonschema.validate(data, schema)
    data["meeting"]["dat"] = "x"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    assert schema["properties"]["unit"]
    assert "description" in schema["$defs"]["Member"]["properties"]["oversees"]


def test_dump_round_trips(small_spec: Path) -> None:
    plan = load(small_spec).plan
    assert load_text(dump_plan(plan)).plan == plan


def test_problems_render_in_both_languages(small_spec_text: str) -> None:
    bad = small_spec_text.replace("date: 2026-11-27", "date: 2026-11-31").replace(
        "venue: 乡党委会议室", "venue: 乡党委会议室\n  vneue: typo")
    with pytest.raises(SpecError) as info:
        load_text(bad, "s.yaml")
    zh, en = info.value.render("zh"), info.value.render("en")
    assert "不是有效日期" in zh and "未知字段“vneue”" in zh
    assert "is not a valid date" in en and "unknown field vneue" in en
    assert str(info.value) == zh


def test_the_schema_keeps_each_field_types_bounds_and_formats() -> None:
    # The text, id, date and number types hand pydantic ready-made core schemas; the editor's
    # schema must still say what they accept.
    defs = spec_schema()["$defs"]
    member_id = defs["Member"]["properties"]["id"]
    assert (member_id["type"], member_id["minLength"], member_id["maxLength"]) == ("string", 1, 64)
    assert member_id["pattern"] == r"^[^\s]+$"
    assert defs["Member"]["properties"]["name"]["type"] == "string"
    capacity = defs["ScheduleSettings"]["properties"]["talk_capacity"]
    assert (capacity["type"], capacity["minimum"], capacity["maximum"], capacity["default"]) == \
        ("integer", 1, 8, 2)
    offset = defs["MilestonePatch"]["properties"]["offset"]["anyOf"]
    assert {"type": "integer", "minimum": -1000, "maximum": 1000} in offset
    days = defs["StudySession"]["properties"]["days"]
    assert (days["type"], days["exclusiveMinimum"], days["maximum"]) == ("number", 0, 10)
    assert defs["Meeting"]["properties"]["date"] == {**defs["Meeting"]["properties"]["date"],
                                                    "type": "string", "format": "date"}
    assert defs["Criticism"]["properties"]["count"]["minimum"] == 0


@pytest.mark.parametrize(("field", "value", "error"), [
    ("talk_capacity", True, "bool_number"),
    ("talk_capacity", 9, "less_than_equal"),
    ("talk_window_days", 0, "greater_than_equal"),
])
def test_numbers_refuse_true_and_keep_their_bounds(field: str, value: object, error: str) -> None:
    from pydantic import ValidationError

    from rectimeet.models.plan import ScheduleSettings

    with pytest.raises(ValidationError) as info:
        ScheduleSettings.model_validate({field: value})
    assert info.value.errors()[0]["type"] == error
