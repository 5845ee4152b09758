"""The shape of the code, checked on its syntax trees (every import, also those inside
functions): the core knows nothing of MkDocs, no module of the plugin imports itself back in
a circle, features plug in through ``core/features.py`` only, and the URL layout lives in
``core/urls.py``. Each rule was broken once (see issue 16); these tests keep it so."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "plugins" / "nondaeng"
CORE = PACKAGE / "core"
FOREIGN = ("mkdocs", "material", "mkdocs_static_i18n")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path) -> list[tuple[str, int]]:
    """Every module ``path`` imports (absolute names), at any depth, with its line."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    known = modules()
    out = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out.extend((a.name, node.lineno) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            out.append((target, node.lineno))
            for a in node.names:  # `from . import adoption` imports a module
                if f"{target}.{a.name}" in known:
                    out.append((f"{target}.{a.name}", node.lineno))
    return out


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: {t for t, _ in imports(path) if t in known and t != name}
            for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_the_core_imports_nothing_of_mkdocs():
    bad = [f"{p.relative_to(ROOT)}:{line}: {target}"
           for p in sorted(CORE.rglob("*.py")) for target, line in imports(p)
           if target.split(".")[0] in FOREIGN]
    assert bad == []


def test_the_scan_sees_every_kind_of_import():
    """The checks would pass on code they cannot read: make sure they see an import inside a
    function (pdf.py reads mkdocs.yml lazily), ``from . import x`` and a cycle."""
    assert "mkdocs.config" in {t for t, _ in imports(PACKAGE / "pdf.py")}
    names = {t for t, _ in imports(CORE / "features.py")}
    assert {"nondaeng.core.adoption", "nondaeng.core.workshop", "nondaeng.core.render"} <= names
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles_in_the_plugin():
    assert cycles(graph()) == []


def test_no_feature_is_imported_by_the_generic_core():
    """The renderer, validator, exports and pipeline reach features only through the
    FEATURES tuple that the pipeline passes them."""
    edges = graph()
    features = {"nondaeng.core.workshop", "nondaeng.core.adoption",
                "nondaeng.core.adoption_pages", "nondaeng.core.adoption_exports"}
    for generic in ("render", "validate", "exports", "loader", "schema", "model", "urls",
                    "safety", "privacy", "network", "svg", "diagnostics"):
        assert not edges[f"nondaeng.core.{generic}"] & features, generic
        assert "nondaeng.core.features" not in edges[f"nondaeng.core.{generic}"], generic


def test_features_are_an_explicit_tuple_of_imports():
    from nondaeng.core import adoption, sources, workshop
    from nondaeng.core.features import FEATURES, Feature

    source = (CORE / "features.py").read_text("utf-8")
    assert "importlib" not in source and "find_spec" not in source
    assert all(isinstance(f, Feature) for f in FEATURES)
    assert [f.name for f in FEATURES] == [workshop.NAME, adoption.NAME, sources.NAME]
    assert [f.load for f in FEATURES] == [workshop.load, adoption.load, sources.load]


def test_the_newcomer_sentence_is_in_features_py_and_the_readme():
    doc = ast.get_docstring(ast.parse((CORE / "features.py").read_text("utf-8")))
    sentence = " ".join(doc.split("\n\n")[1].split())
    assert sentence.startswith("To add a content feature")
    readme = " ".join((ROOT / "README.md").read_text("utf-8").split())
    assert sentence.replace(":data:", "").replace("`", "") in readme.replace("`", "")


def test_no_private_name_is_imported_from_another_module():
    """Features use the renderer's and validator's public API (``page``, ``Lang``,
    ``check_dates``), not ``_page``, ``_Lang`` or ``_check_dates``."""
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                bad += [f"{path.relative_to(ROOT)}:{node.lineno}: {a.name}"
                        for a in node.names if a.name.startswith("_")]
            if isinstance(node, ast.Attribute) and node.attr in ("_page", "_Lang", "_context"):
                if not (isinstance(node.value, ast.Name) and node.value.id == "self"):
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}: .{node.attr}")
    assert bad == []


def test_no_module_level_name_is_bound_twice():
    """A second ``_SCHEME = ...`` silently replaced the first in the safety scanner (ruff's
    F811 does not see variables)."""
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        seen: dict[str, int] = {}
        for node in ast.parse(path.read_text("utf-8")).body:
            targets = []
            if isinstance(node, ast.Assign):
                targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                targets = [node.target.id]
            elif isinstance(node, ast.FunctionDef | ast.ClassDef):
                targets = [node.name]
            for name in targets:
                if name in seen:
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name} "
                               f"(first at line {seen[name]})")
                seen.setdefault(name, node.lineno)
    assert bad == []


LAYOUT = re.compile(r"^(\.\./)+|^en/|/en/$")


@pytest.mark.parametrize("path", sorted(CORE.glob("*.py")), ids=lambda p: p.name)
def test_only_urls_py_knows_the_url_layout(path):
    """No core writer re-derives where a language or a page is published: no comparison
    with the default language and no ``../`` or ``en/`` literal outside ``core/urls.py``."""
    if path.name == "urls.py":
        return
    bad = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Compare):
            names = [n.id for n in ast.walk(node) if isinstance(n, ast.Name)]
            if "DEFAULT_LANG" in names:
                bad.append(f"{node.lineno}: compares with DEFAULT_LANG")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and LAYOUT.search(node.value):
            bad.append(f"{node.lineno}: {node.value!r}")
    assert bad == []


def test_templates_do_not_know_the_default_language():
    bad = [f"{p.relative_to(ROOT)}:{i}" for p in sorted((PACKAGE / "templates").rglob("*.j2"))
           for i, line in enumerate(p.read_text("utf-8").splitlines(), 1)
           if re.search(r"lang\s*[!=]=\s*['\"]th['\"]", line)]
    assert bad == []
