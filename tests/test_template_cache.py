"""Compiled templates kept between builds: used when the template is the same, never otherwise."""

from __future__ import annotations

import hashlib
import io
import marshal
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rectimeet.documents import render, template_cache
from rectimeet.documents.authoring import TemplateWriter
from rectimeet.documents.render import new_environment, render_document
from rectimeet.errors import TemplateError


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache directory of this test's own; the process's own cache starts and ends empty."""
    directory = tmp_path / "cache"
    monkeypatch.setenv(template_cache.ENV_VAR, str(directory))
    render.clear_cache()
    yield directory
    render.clear_cache()


def _template(path: Path, *lines: str) -> Path:
    writer = TemplateWriter()
    for line in lines:
        writer.para(line)
    writer.save(path)
    return path


def _paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text]


def _no_jinja(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, compiling or parsing any template fails the test."""
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the template was compiled again")

    monkeypatch.setattr(jinja2.Environment, "parse", refuse)
    monkeypatch.setattr(jinja2.Environment, "compile", refuse)


def test_a_new_process_uses_the_compiled_template_without_compiling(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    template = _template(tmp_path / "t.docx", "会议：{{ name }}", "{% for x in items %}{{ x }}；{% endfor %}")
    context = {"name": "民主生活会", "items": ["甲", "乙"]}
    first = render_document(template, context)
    assert list(cache.glob("*.jinja-code"))
    render.clear_cache()  # what a new process starts with
    _no_jinja(monkeypatch)
    again = render_document(template, context)
    assert _paragraphs(again) == _paragraphs(first) == ["会议：民主生活会", "甲；乙；"]


def test_an_edited_template_is_never_served_from_the_cache(cache: Path, tmp_path: Path) -> None:
    template = tmp_path / "t.docx"
    _template(template, "旧：{{ name }}")
    assert _paragraphs(render_document(template, {"name": "甲"})) == ["旧：甲"]
    stat = template.stat()
    _template(template, "新：{{ name }}")
    # Even with the old modification time (a copy restored from an archive), in a new process.
    os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    render.clear_cache()
    assert _paragraphs(render_document(template, {"name": "甲"})) == ["新：甲"]


def test_the_fields_a_template_uses_are_checked_from_the_cache_too(cache: Path, tmp_path: Path) -> None:
    template = _template(tmp_path / "t.docx", "{{ name }}{{ missing_one }}{{ missing_two }}")
    for _new_process in range(2):
        render.clear_cache()
        with pytest.raises(TemplateError) as err:
            render_document(template, {"name": "甲"})
        assert "missing_one" in str(err.value) and "missing_two" in str(err.value)
    assert list(cache.glob("*.jinja-code"))


def test_a_damaged_cache_file_is_compiled_afresh(cache: Path, tmp_path: Path) -> None:
    template = _template(tmp_path / "t.docx", "会议：{{ name }}")
    render_document(template, {"name": "甲"})
    files = list(cache.glob("*.jinja-code"))
    assert files
    for garbage in (b"", b"\x00not marshal", files[0].read_bytes()[:20]):
        for path in files:
            path.write_bytes(garbage)
        render.clear_cache()
        assert _paragraphs(render_document(template, {"name": "乙"})) == ["会议：乙"]
    assert all(template_cache.load(cache, p.name.split(".")[0]) is not None for p in files)


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    template = _template(tmp_path / "t.docx", "会议：{{ name }}")
    for value in ("off", "0", "OFF", "false"):
        monkeypatch.setenv(template_cache.ENV_VAR, value)
        assert template_cache.cache_dir() is None
        render.clear_cache()
        assert _paragraphs(render_document(template, {"name": "甲"})) == ["会议：甲"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.docx"]


def test_the_default_place_is_the_user_cache_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(template_cache.ENV_VAR)
    directory = template_cache.cache_dir()
    assert directory is not None and directory.is_absolute()
    assert directory.parts[-2:] == ("rectimeet", "templates")


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", "utf-8")
    monkeypatch.setenv(template_cache.ENV_VAR, str(blocker / "cache"))
    render.clear_cache()
    template = _template(tmp_path / "t.docx", "会议：{{ name }}")
    assert _paragraphs(render_document(template, {"name": "甲"})) == ["会议：甲"]
    render.clear_cache()


def test_the_key_follows_the_source_the_name_and_the_environment() -> None:
    env = new_environment()
    base = template_cache.key(env, "t.docx/word/document.xml", "<w:t>{{ a }}</w:t>")
    assert base == template_cache.key(new_environment(), "t.docx/word/document.xml", "<w:t>{{ a }}</w:t>")
    assert base != template_cache.key(env, "t.docx/word/document.xml", "<w:t>{{ b }}</w:t>")
    assert base != template_cache.key(env, "u.docx/word/document.xml", "<w:t>{{ a }}</w:t>")
    plain = jinja2.Environment(autoescape=True)
    assert base != template_cache.key(plain, "t.docx/word/document.xml", "<w:t>{{ a }}</w:t>")
    unescaped = new_environment()
    unescaped.autoescape = False
    assert base != template_cache.key(unescaped, "t.docx/word/document.xml", "<w:t>{{ a }}</w:t>")


_words = st.text(st.sampled_from(list("甲乙ab &<>\"'")), min_size=1, max_size=8)


@settings(max_examples=25, deadline=None)
@given(lines=st.lists(st.tuples(_words, st.booleans()), min_size=1, max_size=4), value=_words)
def test_a_cached_template_renders_as_a_freshly_compiled_one(
        tmp_path_factory: pytest.TempPathFactory, lines: list[tuple[str, bool]], value: str) -> None:
    folder = tmp_path_factory.mktemp("property")
    template = _template(folder / "t.docx",
                         *(f"{text}{{{{ value }}}}" if field else text for text, field in lines))
    saved = os.environ.get(template_cache.ENV_VAR)
    try:
        os.environ[template_cache.ENV_VAR] = "off"
        render.clear_cache()
        fresh = render_document(template, {"value": value})
        os.environ[template_cache.ENV_VAR] = str(folder / "cache")
        for _process in range(2):  # the first compiles and stores, the second loads
            render.clear_cache()
            assert _paragraphs(render_document(template, {"value": value})) == _paragraphs(fresh)
    finally:
        if saved is not None:
            os.environ[template_cache.ENV_VAR] = saved
        render.clear_cache()


def _no_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, opening a template with docxtpl (and python-docx) fails the test."""
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the template was opened with python-docx")

    monkeypatch.setattr(render, "_caching_template", refuse)


def _header_template(path: Path) -> Path:
    """A template with fields in its body, header and footer."""
    writer = TemplateWriter()
    writer.para("正文：{{ name }}")
    section = writer.doc.sections[0]
    section.header.paragraphs[0].add_run("{{ org }}")
    section.footer.add_paragraph().add_run("{{ venue }}")
    writer.save(path)
    return path


def _header_footer(data: bytes) -> tuple[list[str], list[str]]:
    section = docx.Document(io.BytesIO(data)).sections[0]
    return ([p.text for p in section.header.paragraphs if p.text],
            [p.text for p in section.footer.paragraphs if p.text])


def test_a_new_process_renders_from_the_cache_without_opening_the_template(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    template = _header_template(tmp_path / "t.docx")
    context = {"name": "甲", "org": "中共白沙镇委员会", "venue": "三楼会议室"}
    first = render_document(template, context, title="标题")
    assert len(list(cache.glob("*.layout"))) == 1
    render.clear_cache()
    _no_docx(monkeypatch)
    _no_jinja(monkeypatch)
    again = render_document(template, context, title="标题")
    assert again == first
    assert _paragraphs(again) == ["正文：甲"]
    header, footer = _header_footer(again)
    assert header == ["中共白沙镇委员会"] and footer[-1] == "三楼会议室"  # after the page number


def test_an_edited_template_gets_a_layout_of_its_own(cache: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    template = _template(tmp_path / "t.docx", "旧：{{ name }}")
    render_document(template, {"name": "甲"})
    _template(template, "新：{{ name }}", "第二段")
    render.clear_cache()
    assert _paragraphs(render_document(template, {"name": "甲"})) == ["新：甲", "第二段"]
    assert len(list(cache.glob("*.layout"))) == 2
    render.clear_cache()
    _no_docx(monkeypatch)
    assert _paragraphs(render_document(template, {"name": "乙"})) == ["新：乙", "第二段"]


def _layout_file(record: tuple[Any, ...], fmt: int = template_cache.FORMAT) -> bytes:
    """A layout file holding ``record`` with a checksum that fits it."""
    payload = marshal.dumps(record)
    return marshal.dumps((fmt, hashlib.sha256(payload).hexdigest(), payload))


@pytest.mark.parametrize("garbage", [
    b"", b"\x00not marshal", marshal.dumps(7), marshal.dumps((template_cache.FORMAT, "a")),
    _layout_file(("<w:document>", "</w:document>", (), (), (), ())),
    _layout_file(("", "", (), (), (("/word/document.xml", "word/document.xml", "0" * 64),), ())),
    _layout_file(("", "", (), (), (), ()), fmt=template_cache.FORMAT + 1),
    _layout_file(["not", "a", "tuple"]),  # type: ignore[arg-type]
])
def test_a_damaged_layout_file_is_worked_out_afresh(cache: Path, tmp_path: Path,
                                                    garbage: bytes) -> None:
    template = _template(tmp_path / "t.docx", "会议：{{ name }}")
    first = render_document(template, {"name": "甲"}, title="T")
    (layout,) = cache.glob("*.layout")
    good = layout.read_bytes()
    layout.write_bytes(garbage)
    render.clear_cache()
    assert render_document(template, {"name": "甲"}, title="T") == first
    assert layout.read_bytes() == good


def test_a_layout_file_with_a_changed_byte_is_worked_out_afresh(cache: Path, tmp_path: Path) -> None:
    template = _template(tmp_path / "t.docx", "会议：{{ name }}")
    first = render_document(template, {"name": "甲"}, title="T")
    (layout,) = cache.glob("*.layout")
    good = layout.read_bytes()
    for at in range(len(good) - 200, len(good), 7):  # inside the record's numbers and names
        damaged = bytearray(good)
        damaged[at] ^= 0x01
        layout.write_bytes(bytes(damaged))
        assert template_cache.load_layout(cache, layout.stem) is None
        render.clear_cache()
        assert render_document(template, {"name": "甲"}, title="T") == first
        assert layout.read_bytes() == good


def test_a_layout_whose_compiled_parts_are_gone_is_worked_out_afresh(
        cache: Path, tmp_path: Path) -> None:
    template = _header_template(tmp_path / "t.docx")
    context = {"name": "甲", "org": "乙", "venue": "丙"}
    first = render_document(template, context)
    codes = sorted(cache.glob("*.jinja-code"))
    assert len(codes) == 3  # the body, the header and the footer
    codes[0].unlink()
    render.clear_cache()
    assert render_document(template, context) == first
    assert len(list(cache.glob("*.jinja-code"))) == 3


def test_a_build_from_a_warm_cache_imports_neither_python_docx_nor_docxtpl(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from rectimeet.cli import main\n"
        f"sys.argv = ['rectimeet', 'build', {str(_demo_spec(tmp_path))!r}, '-o', sys.argv[1],"
        " '--as-of', '2026-12-31']\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'docx', 'docxtpl'}))\n")
    env = {**os.environ, template_cache.ENV_VAR: str(tmp_path / "cache")}

    def build(out: str) -> str:
        done = subprocess.run([sys.executable, "-c", script, str(tmp_path / out)], env=env,
                              capture_output=True, text=True, check=True)
        return done.stdout.strip().splitlines()[-1]

    assert build("first") == "['docx', 'docxtpl']"  # the first build compiles the templates
    assert build("second") == "[]"
    first, second = sorted((tmp_path / "first").glob("*.docx")), sorted((tmp_path / "second").glob("*.docx"))
    assert [p.name for p in first] == [p.name for p in second] and len(first) == 16
    for a, b in zip(first, second, strict=True):
        assert _paragraphs(a.read_bytes()) == _paragraphs(b.read_bytes())


def _demo_spec(folder: Path) -> Path:
    from importlib import resources

    path = folder / "demo.yaml"
    path.write_text((resources.files("rectimeet") / "data" / "demo.yaml").read_text("utf-8"), "utf-8")
    return path


def test_a_layout_whose_package_index_does_not_fit_is_worked_out_afresh(
        cache: Path, tmp_path: Path) -> None:
    template = _template(tmp_path / "t.docx", "会议：{{ name }}")
    first = render_document(template, {"name": "甲"}, title="T")
    (layout,) = cache.glob("*.layout")
    good = layout.read_bytes()
    record = list(template_cache.load_layout(cache, layout.stem) or ())
    record[-1] = tuple((*row[:6], row[6] + 3, row[7]) for row in record[-1])
    layout.write_bytes(_layout_file(tuple(record)))
    render.clear_cache()
    assert render_document(template, {"name": "甲"}, title="T") == first
    assert layout.read_bytes() == good


def test_the_key_names_the_installed_docxtpl_without_importing_it() -> None:
    script = ("import sys\nfrom rectimeet.documents import template_cache\n"
              "version = template_cache._docxtpl_version()\n"
              "assert 'docxtpl' not in sys.modules and 'docx' not in sys.modules\n"
              "import docxtpl\nprint(version == docxtpl.__version__, version)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split()[0] == "True"
