"""The interfaces clerks and integrators rely on: languages, help, option names, pipes, JSON on
failure, the Python API's loading, typed results and exceptions, the as-of date of the
整改情况报告, the editor schema line, and the ledger workbook's warning colours."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import json
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import docx
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.datetime import to_excel

import rectimeet
from conftest import SMALL_SPEC
from rectimeet import plugins
from rectimeet.cli import main
from rectimeet.errors import LanguageError, RectimeetError, SpecError
from rectimeet.i18n import render
from rectimeet.ledger.excel import warning_formulas
from rectimeet.ledger.status import Thresholds
from rectimeet.models.checklist import ChecklistStatus
from rectimeet.results import ScheduleResult, StatusResult
from rectimeet.scheduling.workdays import WeekendsOnly, days_left
from rectimeet.testing import host_with
from test_documents_support import seen

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(autouse=True)
def levels_and_test_level(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plugins, "_HOST", host_with(entry_points=True))
    monkeypatch.delenv("RECTIMEET_LANG", raising=False)


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def commands() -> list[tuple[str, click.Command]]:
    ctx = click.Context(main, info_name="rectimeet")
    found = [(name, main.get_command(ctx, name)) for name in main.list_commands(ctx)]
    return [(name, command) for name, command in found if command is not None]


# -- languages and help -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "command"), commands())
def test_every_command_takes_lang_and_has_examples(name: str, command: click.Command) -> None:
    assert "--lang" in {o for p in command.params for o in getattr(p, "opts", [])}
    zh = run(name, "--help")[1]
    en = run(name, "--help", "--lang", "en")[1]
    env = run(name, "--help", env={"RECTIMEET_LANG": "en"})[1]
    assert en == env
    assert command.help and " ".join(command.help.split()) in " ".join(en.split())
    translated = render(" ".join(command.help.split()), None, "zh")
    assert translated[:12].replace(" ", "") in zh.replace("\n", "").replace(" ", "")
    assert "示例" in zh and "Examples" in en
    examples = getattr(command, "examples", ())
    assert examples and all(e.startswith(f"rectimeet {name}") for e in examples)
    assert examples[0] in en
    for param in command.params:
        if isinstance(param, click.Option) and param.help:
            text = " ".join(param.help.split())
            assert CJK.search(render(text, None, "zh")), f"{name} {param.opts}: not translated"


def test_the_group_help_lists_commands_in_the_language_asked() -> None:
    zh = run("--help")[1]
    en = run("--lang", "en", "--help")[1]
    assert "命令" in zh and "按全部规则检查" in zh
    assert "Commands" in en and "Check each SPEC" in en


def test_a_group_lang_reaches_the_command(small_spec: Path) -> None:
    _, out, _ = run("--lang", "en", "check", str(small_spec))
    assert "errors" in out and "错误" not in out
    _, out, _ = run("check", str(small_spec), env={"RECTIMEET_LANG": "en"})
    assert "errors" in out


def test_new_help_names_the_level_option() -> None:
    out = run("new", "--help", "--lang", "en")[1]
    assert "--level" in out.split("Options")[0]
    assert "for LEVEL" not in out


def test_the_chinese_rules_listing_says_severities_in_chinese() -> None:
    code, out, _ = run("rules")
    assert code == 0
    assert not re.search(r"\b(warning|error|info)\b", out)
    assert "警告" in out and "错误" in out
    assert re.search(r"\bwarning\b", run("rules", "--lang", "en")[1])


def test_one_name_for_the_as_of_date() -> None:
    for name, command in commands():
        dated = [p for p in command.params if isinstance(p, click.Option)
                 and isinstance(p.type, click.DateTime) and p.name != "meeting_date"]
        for param in dated:
            assert param.opts[0] == "--as-of", f"{name}: {param.opts}"
            help_text = run(name, "--help", "--lang", "en")[1]
            for alias in getattr(param, "hidden_aliases", ()):
                assert alias not in help_text  # accepted, not advertised
    assert {n for n, c in commands() if any(o == "--as-of" for p in c.params
                                                for o in getattr(p, "opts", []))} >= {
        "check", "status", "export", "report", "build", "import"}


def test_old_date_options_still_work(small_spec: Path) -> None:
    new = run("check", str(small_spec), "--as-of", "2026-11-20", "--format", "json")
    old = run("check", str(small_spec), "--today", "2026-11-20", "--format", "json")
    assert json.loads(new[1]) == json.loads(old[1])
    dry = run("import", str(small_spec), "--xlsx", str(small_spec.parent / "none.xlsx"),
              "--on", "2026-12-01", "--dry-run")
    assert "no such option" not in dry[2]


# -- pipes and JSON -----------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["rules"], ["--help"], ["schema"]])
def test_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    script = "import sys; from rectimeet.cli import main; sys.argv = ['rectimeet', *sys.argv[1:]]; main()"
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    try:
        done = subprocess.run([sys.executable, "-c", script, *args], stdout=write_end,
                              capture_output=False, stderr=subprocess.PIPE, timeout=60,
                              env={**os.environ, "RECTIMEET_DEBUG": ""}, check=False)
    finally:
        os.close(write_end)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 0, err
    assert err == ""


@pytest.mark.parametrize("name", ["check", "schedule", "status"])
def test_json_on_an_unreadable_spec(name: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("unit:\n  name: [\n", encoding="utf-8")
    code, out, err = run(name, str(bad), "--format", "json")
    assert code == 2
    data = json.loads(out)
    assert data["ok"] is False
    problem = data["error"]["problems"][0]
    assert problem["code"] == "Y001" and problem["line"] == 3
    assert data["error"]["spec"] == str(bad)
    assert err  # people still see the message


def test_json_on_a_missing_file_and_a_usage_error(tmp_path: Path) -> None:
    code, out, _ = run("check", str(tmp_path / "none.yaml"), "--format", "json")
    assert code == 2 and json.loads(out)["error"]["code"] == "F001"
    code, out, _ = run("check", str(tmp_path / "none.yaml"), "--format", "json", "--bogus")
    assert code == 2 and json.loads(out)["error"]["code"] == "usage"


def test_json_of_several_specs_keeps_going_past_a_broken_one(small_spec: Path) -> None:
    broken = small_spec.parent / "broken.yaml"
    broken.write_text("unit: [\n", encoding="utf-8")
    code, out, _ = run("check", str(small_spec), str(broken), "--format", "json")
    data = json.loads(out)
    assert code == 2 and data["unreadable"] == 1
    assert [d["spec"] for d in data["specs"]] == [str(small_spec), str(broken)]
    assert "findings" in data["specs"][0] and data["specs"][1]["error"]["code"] == "Y001"


def test_check_a_folder(small_spec: Path) -> None:
    _code, out, _ = run("check", str(small_spec.parent))
    assert str(small_spec) in out


# -- the Python API -----------------------------------------------------------------------------


def test_load_takes_a_path_text_or_mapping(small_spec: Path) -> None:
    from_path = rectimeet.load(small_spec)
    from_str_path = rectimeet.load(str(small_spec))
    from_text = rectimeet.load(SMALL_SPEC)
    from_mapping = rectimeet.load(from_path.plan.model_dump(mode="json", by_alias=True))
    assert from_path.plan == from_str_path.plan == from_text.plan == from_mapping.plan
    assert from_text.source_map  # text keeps lines for located findings


def test_load_raises_spec_error_with_locations() -> None:
    with pytest.raises(SpecError) as caught:
        rectimeet.load(SMALL_SPEC.replace("date: 2026-11-27", "date: 2026-13-27"))
    problem = caught.value.problems[0]
    assert problem.dotted_path == "meeting.date" and problem.line is not None
    with pytest.raises(SpecError) as from_mapping:
        rectimeet.load({"unit": {"name": "某单位"}, "meeting": {"date": "not a date"}})
    paths = {p.dotted_path for p in from_mapping.value.problems}
    assert {"meeting.date", "inspection"} <= paths
    with pytest.raises(SpecError):
        rectimeet.load(Path("/nonexistent/meeting.yaml"))


def test_schedule_and_status_are_typed_and_json() -> None:
    plan = rectimeet.load(SMALL_SPEC).plan
    timeline = rectimeet.schedule(plan)
    assert isinstance(timeline, ScheduleResult)
    assert isinstance(timeline.milestones[0].due, dt.date)
    assert json.loads(timeline.model_dump_json())["meeting_date"] == "2026-11-27"
    status = rectimeet.status(plan, dt.date(2026, 12, 20))
    assert isinstance(status, StatusResult)
    assert status.items[0].overdue and status.items[0].id == "Z2"
    assert ScheduleResult.model_validate_json(timeline.model_dump_json()) == timeline


def test_the_cli_json_is_the_api_result(small_spec: Path) -> None:
    code, out, _ = run("schedule", str(small_spec), "--format", "json")
    assert code == 0
    expected = rectimeet.schedule(rectimeet.api.prepare(rectimeet.load(small_spec).plan,
                                                         spec_dir=small_spec.parent))
    assert json.loads(out) == expected.model_dump(mode="json")
    code, out, _ = run("status", str(small_spec), "--as-of", "2026-12-20", "--format", "json")
    assert json.loads(out) == rectimeet.status(rectimeet.load(small_spec).plan,
                                               dt.date(2026, 12, 20)).model_dump(mode="json")


def test_an_unsupported_language_is_a_rectimeet_error() -> None:
    with pytest.raises(LanguageError) as caught:
        render("wrote {path}", {"path": "x"}, "fr")
    assert isinstance(caught.value, RectimeetError) and isinstance(caught.value, ValueError)
    assert "fr" in str(caught.value)


# Raised inside pydantic validation or inside the workbook reader, and always turned into a
# located SpecError or WorkbookError before they reach a caller.
INTERNAL_EXCEPTIONS = {"StructureErrors", "CellError"}


def test_every_public_exception_derives_from_rectimeet_error() -> None:
    found = []
    for module_info in pkgutil.walk_packages(rectimeet.__path__, "rectimeet."):
        module = importlib.import_module(module_info.name)
        for name, obj in vars(module).items():
            if (inspect.isclass(obj) and issubclass(obj, BaseException)
                    and obj.__module__ == module.__name__ and not name.startswith("_")):
                found.append(obj)
    assert len(found) >= 8
    outside = {c.__name__ for c in found if not issubclass(c, RectimeetError)}
    assert outside == INTERNAL_EXCEPTIONS
    for name in rectimeet.__all__:
        obj = getattr(rectimeet, name)
        if inspect.isclass(obj) and issubclass(obj, BaseException):
            assert issubclass(obj, RectimeetError)


# -- the as-of date of the 整改情况报告 ----------------------------------------------------------


def report_text(folder: Path) -> str:
    (path,) = [p for p in folder.rglob("*.docx") if "整改情况报告" in p.name]
    return seen("\n".join(p.text for p in docx.Document(str(path)).paragraphs))


def test_build_and_assemble_date_the_rectification_report(tmp_path: Path) -> None:
    from importlib import resources

    demo = (resources.files("rectimeet") / "data" / "demo.yaml").read_text("utf-8")
    spec = tmp_path / "demo.yaml"
    spec.write_text(demo, encoding="utf-8")
    code, _, err = run("build", str(spec), "-o", str(tmp_path / "cli"), "--only", "整改情况报告",
                       "--as-of", "2027-01-12")
    assert code == 0, err
    assert "截至2027年1月12日" in report_text(tmp_path / "cli")
    rectimeet.assemble(rectimeet.load(spec).plan, tmp_path / "api", ["rectification_report"],
                       as_of=dt.date(2027, 2, 1))
    assert "截至2027年2月1日" in report_text(tmp_path / "api")


# -- editors ------------------------------------------------------------------------------------


def test_new_starts_with_the_schema_line_and_writes_the_schema(tmp_path: Path) -> None:
    target = tmp_path / "meeting.yaml"
    code, _, err = run("new", "--level", "township", "-o", str(target))
    assert code == 0, err
    first = target.read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=rectimeet.schema.json"
    schema = json.loads((tmp_path / "rectimeet.schema.json").read_text("utf-8"))
    assert schema["title"] == "rectimeet spec" and "unit" in schema["properties"]
    rectimeet.load(target)  # the comment line changes nothing
    for level in ("school", "county_bureau"):
        assert run("new", "--level", level)[1].startswith("# yaml-language-server: $schema=")


# -- the ledger workbook's warning colours ------------------------------------------------------


def test_the_ledger_workbook_has_filters_and_warning_colours(small_spec: Path,
                                                             tmp_path: Path) -> None:
    target = tmp_path / "台账.xlsx"
    assert run("export", str(small_spec), "--xlsx", str(target))[0] == 0
    ws = load_workbook(target).active
    assert ws is not None
    assert ws.auto_filter.ref == "A2:N4"
    fills = {}
    for cf in ws.conditional_formatting:
        assert str(cf.sqref).startswith("A3:N")
        for rule in cf.rules:
            fills[rule.dxf.fill.fgColor.rgb[-6:]] = rule.formula[0]
    assert set(fills) == {"FFC7CE", "FFEB9C", "C6EFCE"}  # red, yellow, green
    assert "<=10" in fills["FFEB9C"] and "<=20" in fills["C6EFCE"]


def excel_colour(formulas: dict[str, str], deadline: dt.date, status: str, today: dt.date) -> str:
    """Evaluate our conditional-format formulas the way Excel does (for this one row)."""
    def networkdays(start: float, end: float) -> int:
        first, last = int(start), int(end)
        step = 1 if last >= first else -1
        days = [dt.date(1899, 12, 30) + dt.timedelta(days=d)
                for d in range(first, last + step, step)]
        return step * sum(1 for d in days if d.weekday() < 5)

    names: dict[str, Any] = {
        "AND": lambda *a: all(a), "OR": lambda *a: any(a), "ISNUMBER": lambda v: True,
        "MAX": max, "NETWORKDAYS": networkdays, "TODAY": lambda: to_excel(today),
        "I": to_excel(deadline), "J": status}
    for colour in ("red", "yellow", "green"):
        expr = formulas[colour].replace("$I3", "I").replace("$J3", "J")
        expr = re.sub(r"(?<![<>])=", "==", expr)
        if eval(expr, names):
            return colour
    return "none"


@given(deadline=st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31)),
       today=st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31)),
       status=st.sampled_from(list(ChecklistStatus)), working=st.booleans())
@settings(max_examples=300, deadline=None)
def test_excel_colours_a_row_as_status_does(deadline: dt.date, today: dt.date,
                                            status: ChecklistStatus, working: bool) -> None:
    thresholds = Thresholds()
    formulas = warning_formulas(3, working, thresholds.yellow_days, thresholds.green_days)
    left = days_left(today, deadline, WeekendsOnly() if working else None)
    expected = thresholds.colour(status, left).value
    if expected == "grey":
        expected = "none"  # finished rows keep their plain look in Excel
    assert excel_colour(formulas, deadline, status.value, today) == expected
