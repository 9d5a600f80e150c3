"""Quality gates: ``nox -l`` lists the sessions; ``.ci/run`` runs what CI needs.

Every session builds its own virtualenv (``venv`` backend) and installs from the project's own
metadata, so the only network access is the package registry.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
PYTHONS = nox.project.python_versions(PYPROJECT) or ["3.11"]
MAIN_PYTHON = PYTHONS[0]
LOCALE = "src/rectimeet/locale"
LANGUAGES = ("zh_CN", "en")
# What babel extracts as message ids: N_("…") marks them; render/translate get literal ids too.
BABEL_KEYWORDS = ("N_", "render:1", "translate:1")
SOURCE_DIRS = ("src/rectimeet", "plugins/rectimeet_levels")

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["tests", "lint", "typecheck", "docs", "i18n", "wheel"]


def dev_requirement(name: str) -> str:
    """The requirement string for ``name`` as pinned in the ``dev`` extra of pyproject.toml."""
    for requirement in PYPROJECT["project"]["optional-dependencies"]["dev"]:
        if re.match(rf"{re.escape(name)}\b", requirement):
            return str(requirement)
    return name


@nox.session(python=PYTHONS, venv_backend="venv")
def tests(session: nox.Session) -> None:
    """Run the test suite with branch coverage and print the coverage report."""
    session.install("-e", ".[test]")
    session.run("pytest", "--cov", "--cov-branch", "--cov-report=term-missing:skip-covered",
                *session.posargs)


@nox.session(python=MAIN_PYTHON, venv_backend="venv")
def lint(session: nox.Session) -> None:
    """Check the code with ruff."""
    session.install(dev_requirement("ruff"))
    session.run("ruff", "check", "src", "plugins", "tests", "docs/_ext", "benchmarks", "noxfile.py",
                *session.posargs)


@nox.session(python=MAIN_PYTHON, venv_backend="venv")
def typecheck(session: nox.Session) -> None:
    """Type-check src/ and plugins/ with mypy --strict."""
    session.install("-e", ".[dev]")
    session.run("mypy", "src/rectimeet", "plugins/rectimeet_levels", *session.posargs)


@nox.session(python=MAIN_PYTHON, venv_backend="venv")
def docs(session: nox.Session) -> None:
    """Build the documentation with Sphinx, treating every warning as an error."""
    session.install("-e", ".[docs,test]")  # the test extra: doc examples use rectimeet.testing
    session.run("python", "-m", "sphinx", "-W", "--keep-going", "-b", "html", "docs",
                "docs/_build/html", *session.posargs)


@nox.session(python=MAIN_PYTHON, venv_backend="venv")
def i18n(session: nox.Session) -> None:
    """Extract messages into the .pot, merge them into both .po files, and check they compile."""
    session.install("-e", ".")
    pot = f"{LOCALE}/rectimeet.pot"
    keywords = [arg for keyword in BABEL_KEYWORDS for arg in ("-k", keyword)]
    session.run("pybabel", "extract", "--no-default-keywords", *keywords, "--sort-by-file",
                "--project", "rectimeet", "--copyright-holder", "rectimeet contributors",
                "-o", pot, *SOURCE_DIRS)
    for language in LANGUAGES:
        # Existing translations are kept; new ids arrive empty (never fuzzy-guessed); ids gone
        # from the source stay as #~ comments for a reviewer to delete.
        session.run("pybabel", "update", "-i", pot, "-d", LOCALE, "-D", "rectimeet", "-l", language,
                    "--no-fuzzy-matching")
    # The commands read the compiled .mo files (committed beside the .po files); each carries
    # the checksum of its .po, so a stale one is never used (and a test fails).
    for language in LANGUAGES:
        session.run("python", "-c", "import sys; from pathlib import Path; "
                    "from rectimeet.i18n import compile_catalog; "
                    "print(compile_catalog(Path(sys.argv[1])))",
                    f"{LOCALE}/{language}/LC_MESSAGES/rectimeet.po")
    session.log("now fill in the empty msgstr entries; tests/test_i18n.py lists any left")


@nox.session(python=MAIN_PYTHON, venv_backend="venv")
def bench(session: nox.Session) -> None:
    """Run the benchmarks and compare them with benchmarks/results.json."""
    session.install("-e", ".")
    session.run("python", "benchmarks/run.py", *session.posargs)


RENDER_TOOLS = {"soffice": "libreoffice-writer-nogui", "pdftoppm": "poppler-utils",
                "fc-match": "fontconfig"}
FONT_ALIASES = ROOT / "docs" / "fontconfig" / "rectimeet-gb-fonts.conf"


@nox.session(python=MAIN_PYTHON, venv_backend="venv")
def render(session: nox.Session) -> None:
    """Convert the demo and every example to PDF with LibreOffice and check the printed pages.

    Needs LibreOffice, CJK fonts and poppler (Debian: libreoffice-writer-nogui fonts-noto-cjk
    poppler-utils). The GB fonts are stood in for by the fontconfig aliases of docs/fontconfig,
    as docs/documents.md tells Linux users to do. Output: build/render (PNG pages of the demo in
    build/render/png); ``-- --docs docs/_static/pages`` also refreshes the pages the docs show.
    """
    import shutil

    missing = [package for tool, package in RENDER_TOOLS.items() if shutil.which(tool) is None]
    if missing:
        session.error(f"the render check needs: apt-get install {' '.join(missing)} fonts-noto-cjk")
    session.install("-e", ".[render]")
    out = ROOT / "build" / "render"
    out.mkdir(parents=True, exist_ok=True)
    fonts_conf = out.parent / "render-fonts.conf"
    fonts_conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f'<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<include>{FONT_ALIASES}</include></fontconfig>\n", "utf-8")
    session.run("python", "tests/render_check.py", str(out), *session.posargs,
                env={"FONTCONFIG_FILE": str(fonts_conf)})


@nox.session(python=MAIN_PYTHON, venv_backend="venv")
def wheel(session: nox.Session) -> None:
    """Build the wheel, install it into a fresh venv, and run the demo and plugin list there."""
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        session.run("python", "-m", "pip", "wheel", "--no-deps", "-w", str(tmp / "dist"), ".")
        (built,) = (tmp / "dist").glob("rectimeet-*.whl")
        session.run("python", "-m", "venv", str(tmp / "venv"))
        bin_dir = tmp / "venv" / "bin"
        # Outside the source tree, so nothing can be imported from the checkout by accident.
        session.run(str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(built),
                    external=True)
        session.chdir(tmp)
        session.run(str(bin_dir / "rectimeet"), "demo", "--out", str(tmp / "demo"), external=True)
        session.run(str(bin_dir / "rectimeet"), "plugins", external=True)
        written = sorted(p.name for p in (tmp / "demo").rglob("*.docx"))
        if not written:
            session.error("the installed wheel's demo wrote no documents")
        session.log(f"the installed wheel wrote {len(written)} documents")
