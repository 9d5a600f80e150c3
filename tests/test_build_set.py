"""A build writes the whole document set or nothing visible; names fit the file system; PDFs
come out at any --jobs; a killed build or import never leaves a mixed or half-written result.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from conftest import EXAMPLES, SMALL_SPEC
from conftest import run_cli as run
from rectimeet.cli import main
from rectimeet.ledger.excel import letter_of

pytestmark = pytest.mark.usefixtures("core_only")

CLI = [sys.executable, "-c", "from rectimeet.cli import main; main()"]




def visible(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


# ------------------------------------------------------------------ file names


@pytest.mark.parametrize(("old", "new"), [
    ("name: 张书记", "name: " + "张" * 69 + "书"),
    ("name: 测试乡", "name: " + "测" * 59 + "乡"),
    ("name: 测试乡", "name: " + "测" * 74 + "乡"),
])
def test_long_names_are_capped_in_bytes_and_never_collide(tmp_path: Path, old: str, new: str
                                                          ) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SMALL_SPEC.replace(old, new, 1), "utf-8")
    code, out, err = run("build", str(spec), "-o", str(tmp_path / "out"))
    assert code == 0, out + err
    files = visible(tmp_path / "out")
    assert len(files) == len(out.strip().splitlines()) - 1 == 13
    assert all(len(p.name.encode()) <= 240 for p in files)
    outlines = [p.name for p in files if "个人发言提纲" in p.name]
    assert len(outlines) == 3 and len(set(outlines)) == 3


# ------------------------------------------------------------------ staging and leftovers


def test_a_killed_runs_leftovers_are_finished_or_removed(small_spec: Path, tmp_path: Path) -> None:
    from rectimeet.staging import MANIFEST, STAGE_PREFIX

    out = tmp_path / "out"
    out.mkdir()
    dead = 2 ** 22 + 12345  # above the default pid_max: never a live process
    complete = out / f"{STAGE_PREFIX}{dead}-a"
    complete.mkdir()
    (complete / "早先的文件.docx").write_bytes(b"new")
    (complete / MANIFEST).write_text("早先的文件.docx\n", "utf-8")
    (out / "早先的文件.docx").write_bytes(b"old")
    incomplete = out / f"{STAGE_PREFIX}{dead}-b"
    incomplete.mkdir()
    (incomplete / "半截.docx").write_bytes(b"half")
    stale = out / ".旧名.docx.abc123.part"
    stale.write_bytes(b"half")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    fresh = out / ".rectimeet-inflight.part"
    fresh.write_bytes(b"another run is writing this")

    code, _, _ = run("build", str(small_spec), "-o", str(out))
    assert code == 0
    assert (out / "早先的文件.docx").read_bytes() == b"new"  # the complete stage was finished
    assert not complete.exists() and not incomplete.exists() and not stale.exists()
    assert fresh.exists()  # young: may belong to a run still going
    assert not [p for p in visible(out) if p.name.startswith("半截")]


def test_a_failing_build_publishes_nothing(small_spec: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from rectimeet import staging

    out = tmp_path / "out"
    calls = {"n": 0}
    real_add = staging.Stage.add

    def fail_on_fifth(self: staging.Stage, name: str, data: bytes) -> Path:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(28, "No space left on device")
        return real_add(self, name, data)

    monkeypatch.setattr(staging.Stage, "add", fail_on_fifth)
    code, _, _ = run("build", str(small_spec), "-o", str(out))
    assert code == 2
    assert list(out.iterdir()) == []


# ------------------------------------------------------------------ PDF at any --jobs

FAKE_SOFFICE = textwrap.dedent(
    """\
    #!{python}
    # Behaves like LibreOffice where it matters here: one profile serves one process at a time
    # (a second process using it fails, possibly with exit status 0), and it writes
    # <stem>.pdf into --outdir.
    import os, sys, time, pathlib
    args = sys.argv[1:]
    profile = pathlib.Path(os.environ.get("FAKE_LO_HOME", "/tmp")) / "shared-profile"
    for a in args:
        if a.startswith("-env:UserInstallation=file://"):
            profile = pathlib.Path(a.split("file://", 1)[1])
    profile.mkdir(parents=True, exist_ok=True)
    lock = profile / ".lock"
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL)
    except FileExistsError:
        sys.exit(0)  # the real one sometimes says nothing and exits 0
    try:
        time.sleep(0.3)
        outdir = pathlib.Path(args[args.index("--outdir") + 1])
        docs = [a for a in args if a.endswith(".docx")]
        skip = os.environ.get("FAKE_LO_SKIP")
        for doc in docs:
            stem = pathlib.Path(doc).stem
            if skip and skip in stem:
                continue
            (outdir / (stem + ".pdf")).write_bytes(b"%PDF-1.4 fake")
    finally:
        os.close(fd)
        os.unlink(lock)
    """
)


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    exe = bin_dir / "soffice"
    exe.write_text(FAKE_SOFFICE.format(python=sys.executable), "utf-8")
    exe.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_LO_HOME", str(tmp_path))
    return exe


def test_pdfs_come_out_for_every_document_at_any_jobs(tmp_path: Path, fake_soffice: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    for name in ("plan01", "plan03", "plan04"):
        shutil.copy(EXAMPLES / f"{name}.yaml", specs / f"{name}.yaml")
    env = {**os.environ}
    result = subprocess.run([*CLI, "build", str(specs), "-o", str(tmp_path / "out"), "--pdf",
                             "-j", "3"], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    for name in ("plan01", "plan03", "plan04"):
        folder = tmp_path / "out" / name
        docx = {p.stem for p in folder.glob("*.docx")}
        pdf = {p.stem for p in folder.glob("*.pdf")}
        assert docx and docx == pdf


def test_a_document_that_does_not_convert_fails_the_command(small_spec: Path, tmp_path: Path,
                                                            fake_soffice: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_LO_SKIP", "会议通知")
    code, out, err = run("build", str(small_spec), "-o", str(tmp_path / "out"), "--pdf")
    assert code == 2 and "会议通知" in out + err
    assert list((tmp_path / "out").iterdir()) == []  # the set is all or nothing


# ------------------------------------------------------------------ kill tests


def _texts(folder: Path) -> dict[str, bytes]:
    out = {}
    for path in visible(folder):
        with zipfile.ZipFile(path) as docx:  # raises for a half-written file
            out[path.name] = docx.read("word/document.xml")
    return out


def _kill_at_random(args: list[str], limit: float, rng: random.Random) -> None:
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0, limit))
    proc.send_signal(signal.SIGKILL)
    proc.wait()


# The documents that name the venue, so that the old and the new set differ in three files.
VENUE_DOCUMENTS = ("--only", "plan", "--only", "notice", "--only", "agenda_script",
                   "--only", "checklist")


def test_a_killed_build_leaves_every_file_whole_and_the_set_unmixed(tmp_path: Path) -> None:
    from rectimeet.staging import recover

    old_spec = EXAMPLES / "plan01.yaml"
    new_spec = tmp_path / "plan01.yaml"
    text = old_spec.read_text("utf-8")
    new_spec.write_text(text.replace("venue: 镇党委会议室", "venue: 新会场甲乙丙")
                        .replace("title:", "title:", 1), "utf-8")
    references = {}
    for label, spec in (("old", old_spec), ("new", new_spec)):
        folder = tmp_path / f"ref-{label}"
        started = time.monotonic()
        subprocess.run([*CLI, "build", str(spec), "-o", str(folder), *VENUE_DOCUMENTS],
                       check=True, capture_output=True, timeout=120)
        duration = time.monotonic() - started
        references[label] = _texts(folder)
    differing = [n for n in references["old"] if references["old"][n] != references["new"][n]]
    assert len(differing) >= 2
    out = tmp_path / "out"
    shutil.copytree(tmp_path / "ref-old", out)
    rng = random.Random(16)
    for attempt in range(3):
        spec = new_spec if attempt % 2 == 0 else old_spec
        _kill_at_random([*CLI, "build", str(spec), "-o", str(out), *VENUE_DOCUMENTS], duration,
                        rng)
        texts = _texts(out)  # every visible file opens: none is half-written
        assert set(texts) == set(references["old"])
        recover(out)  # what the next build does first
        texts = _texts(out)
        versions = {("old" if texts[n] == references["old"][n] else "new") for n in differing}
        assert all(texts[n] in (references["old"][n], references["new"][n]) for n in texts)
        assert len(versions) == 1, f"mixed set after kill {attempt}"


def test_a_killed_import_leaves_the_spec_old_or_new(small_spec: Path, tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text((EXAMPLES / "plan01.yaml").read_text("utf-8"), "utf-8")
    xlsx = tmp_path / "台账.xlsx"
    subprocess.run([*CLI, "export", str(spec), "--xlsx", str(xlsx)], check=True,
                   capture_output=True, timeout=120)
    wb = load_workbook(xlsx)
    ws = wb.active
    assert ws is not None
    ws[f"{letter_of('备注')}3"] = "导入时被中断的修改"
    wb.save(xlsx)
    old = spec.read_bytes()
    reference = tmp_path / "reference.yaml"
    reference.write_bytes(old)
    args = ["--xlsx", str(xlsx), "--by", "党政办", "--on", "2026-12-01"]
    started = time.monotonic()
    subprocess.run([*CLI, "import", str(reference), *args], check=True, capture_output=True,
                   timeout=120)
    duration = time.monotonic() - started
    new = reference.read_bytes()
    assert new != old
    rng = random.Random(16)
    for _ in range(3):
        spec.write_bytes(old)
        _kill_at_random([*CLI, "import", str(spec), *args], duration, rng)
        assert spec.read_bytes() in (old, new)


class _Killed(BaseException):
    """Stands in for SIGKILL at an exact point (a real kill cannot be aimed that precisely)."""


def test_a_kill_in_the_middle_of_the_moves_is_finished_by_the_next_build(
        small_spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rectimeet import staging

    out = tmp_path / "out"
    assert run("build", str(small_spec), "-o", str(out))[0] == 0
    old = _texts(out)
    new_spec = tmp_path / "new.yaml"
    new_spec.write_text(SMALL_SPEC.replace("venue: 乡党委会议室", "venue: 新会场甲乙丙"), "utf-8")
    real_replace = os.replace
    moves = {"n": 0}

    def replace_then_die(src: object, dst: object) -> None:
        if str(src).endswith(".docx"):
            moves["n"] += 1
            if moves["n"] == 3:
                raise _Killed
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(staging.os, "replace", replace_then_die)
    with pytest.raises(_Killed):
        CliRunner().invoke(main, ["build", str(new_spec), "-o", str(out)], catch_exceptions=False)
    monkeypatch.setattr(staging.os, "replace", real_replace)
    (stage,) = [p for p in out.iterdir() if p.name.startswith(staging.STAGE_PREFIX)]
    stage.rename(out / f"{staging.STAGE_PREFIX}{2 ** 22 + 7}-killed")  # its process is gone
    mixed = _texts(out)
    assert 0 < sum(mixed[n] != old[n] for n in old) < sum(1 for _ in old)  # mixed right now
    staging.recover(out)  # the first thing the next build into `out` does
    new = _texts(out)
    reference = tmp_path / "reference"
    assert run("build", str(new_spec), "-o", str(reference))[0] == 0
    assert new == _texts(reference)
