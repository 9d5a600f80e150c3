"""The package's layers, checked on the source: imports go one way only.

spec → models → plugins → rules and scheduling → prepared → documents / ledger → api → cli.
For the layers, every ``import`` counts, including those inside functions (a lazy import is still
a dependency); ``if TYPE_CHECKING:`` blocks are left out, since they never run. For import cycles,
the imports a module runs when it is imported count (a function's import runs later, once both
modules exist, and is how a message class and its catalogue refer to each other).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "rectimeet"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(path: Path, modules: set[str], *, in_functions: bool = True) -> set[str]:
    """The rectimeet modules ``path`` imports (resolved to modules that exist)."""
    tree = ast.parse(path.read_text("utf-8"))
    this = module_name(path)
    package = this if path.name == "__init__.py" else this.rpartition(".")[0]
    found: set[str] = set()

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    def visit(node: ast.AST) -> None:
        if not in_functions and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            return
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("rectimeet"):
                    target = resolve(alias.name)
                    if target:
                        found.add(target)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            if base.startswith("rectimeet"):
                for alias in node.names:
                    target = resolve(f"{base}.{alias.name}")
                    if target:
                        found.add(target)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    found.discard(this)
    return found


def graph(*, in_functions: bool = True) -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    return {module_name(p): imports_of(p, modules, in_functions=in_functions) for p in paths}


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def strong(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            strong(v)
    return out


def _ignoring_package_inits(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    # A package's __init__ re-exporting its submodules is not a dependency of the submodules on
    # the package: `import rectimeet.spec.loader` resolves the package first, nothing more.
    packages = {m for m in edges if (PACKAGE.parent / m.replace(".", "/") / "__init__.py").exists()}
    return {m: {t for t in targets if not (t in packages and m.startswith(f"{t}."))}
            for m, targets in edges.items()}


def test_the_analysis_finds_imports_inside_functions_and_skips_type_checking() -> None:
    edges = graph()
    assert "rectimeet.scheduling.timeline" in edges["rectimeet.preparation"]  # inside resolve()
    assert "rectimeet.plugins" not in edges["rectimeet.documents.registry"]  # TYPE_CHECKING only
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles_in_the_package() -> None:
    assert _cycles(_ignoring_package_inits(graph(in_functions=False))) == []


def test_the_api_and_the_documents_do_not_depend_on_each_other_either_way() -> None:
    edges = graph()
    documents = [m for m in edges if m.startswith("rectimeet.documents")]
    assert not any("rectimeet.api" in edges[m] for m in documents)
    assert _cycles(_ignoring_package_inits({m: edges[m] for m in edges
                                             if m.startswith(("rectimeet.documents", "rectimeet.api"))})) == []


@pytest.mark.parametrize("forbidden", ["rectimeet.api", "rectimeet.cli", "rectimeet.spec"])
def test_documents_work_from_the_prepared_plan_only(forbidden: str) -> None:
    edges = graph()
    offenders = {m: sorted(t for t in targets if t == forbidden or t.startswith(f"{forbidden}."))
                 for m, targets in edges.items() if m.startswith("rectimeet.documents")}
    assert {m: t for m, t in offenders.items() if t} == {}


@pytest.mark.parametrize("lower", ["rectimeet.models", "rectimeet.rules", "rectimeet.scheduling",
                                   "rectimeet.ledger", "rectimeet.documents"])
def test_lower_layers_never_import_the_api_or_the_cli(lower: str) -> None:
    edges = graph()
    offenders = {m: sorted(t for t in targets if t == "rectimeet.api" or t.startswith("rectimeet.cli"))
                 for m, targets in edges.items() if m.startswith(lower)}
    assert {m: t for m, t in offenders.items() if t} == {}
