"""The package's layers: each module imports only modules of its own or a lower layer,
and no import cycle, however an import is written.

text → model → load → bank → qtypes → verify/generate/grade → renderers → authoring → cli.
Every import counts, also one inside a function or under ``if TYPE_CHECKING:``, so
neither can hide a cycle; a ``TYPE_CHECKING`` import of factquiz within one layer is
refused.
A new module must be given a layer here. A question type's folder spans two layers: its
core (``qtypes/<type>/__init__.py``) is the qtypes layer, its renderer pieces
(``qtypes/<type>/widget.py``, ``static.py``, ``preview.py``, and the shared
``qtypes/widget.py``, ``static.py``, ``preview.py`` and ``parts.py`` they build on) are renderers
(:data:`RENDERER_PARTS`).
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "factquiz"

LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("text", ("errors", "escape", "normalize", "terms", "digest", "project", "atomic", "quotes",
              "messages")),
    ("model", ("model", "findings", "yamlfast", "yamlio", "quizmodel", "answers", "assembly",
               "cache", "quizview")),
    ("load", ("sources", "load", "sourceindex", "passages")),
    ("bank", ("categories", "factbank", "distractors")),
    ("qtypes", ("qtypes",)),
    ("verify/generate/grade", ("verify", "checked", "verify_claims", "pagecites", "duplicates",
                               "stems", "quality", "quizrules", "selection", "planner", "variants",
                               "generate", "grade", "factcheck", "stats", "relations")),
    ("renderers", ("feedback", "widgets", "background", "attempts", "export", "sphinxext",
                   "notebooks", "book", "schema", "controls", "widgettypes")),
    ("authoring", ("authoring",)),
    ("cli", ("cli", "__main__", "")),
]


#: Modules of the qtypes package, at any depth, that are renderers (by their last name).
RENDERER_PARTS = ("widget", "static", "preview", "parts")


def module_name(path: Path) -> str:
    """``factquiz.qtypes.mc`` for src/factquiz/qtypes/mc.py; packages by their folder."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    """The index in :data:`LAYERS` of a factquiz module (by its first name below the package)."""
    top = module.split(".")[1] if "." in module else ""
    if top == "qtypes" and module.rpartition(".")[2] in RENDERER_PARTS:
        return [name for name, _ in LAYERS].index("renderers")
    for i, (_, names) in enumerate(LAYERS):
        if top in names:
            return i
    raise KeyError(module)


def imports_of(path: Path, modules: set[str],
               text: str | None = None) -> list[tuple[str, int, bool]]:
    """(imported factquiz module, line, under TYPE_CHECKING) for every import in ``path``
    (or in ``text``, read as if it were that file)."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8") if text is None else text)
    guarded = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
               and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                stem = ".".join([*base, node.module] if node.module else base)
            else:
                stem = node.module or ""
            targets = [f"{stem}.{a.name}" for a in node.names] + [stem]
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != module:
                found.append((target, node.lineno, id(node) in guarded))
                break
    return found


def import_graph() -> dict[str, list[tuple[str, int, bool]]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {m: imports_of(p, set(files)) for m, p in files.items()}


def test_every_module_has_a_layer() -> None:
    missing = []
    for module in import_graph():
        try:
            layer_of(module)
        except KeyError:
            missing.append(module)
    assert not missing, f"give these modules a layer in tests/test_layers.py: {missing}"


def test_no_module_imports_a_higher_layer() -> None:
    wrong = [f"{m}:{line} imports {t} ({LAYERS[layer_of(t)][0]} is above "
             f"{LAYERS[layer_of(m)][0]})"
             for m, found in import_graph().items() for t, line, _ in found
             if layer_of(t) > layer_of(m)]
    assert not wrong, "\n".join(wrong)


def test_no_type_checking_import_of_factquiz() -> None:
    """A ``TYPE_CHECKING`` import could hide a cycle only within a layer: one of a strictly
    lower layer cannot close a cycle (the layer rule above holds for it too), and the CLI
    uses such imports to name types whose modules it loads only when a command runs."""
    guarded = [f"{m}:{line} imports {t} under TYPE_CHECKING"
               for m, found in import_graph().items() for t, line, hidden in found
               if hidden and layer_of(t) >= layer_of(m)]
    assert not guarded, "\n".join(guarded)


def test_no_import_cycle() -> None:
    graph = {m: {t for t, _, _ in found} for m, found in import_graph().items()}
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as cycle:
        pytest.fail(f"import cycle: {' -> '.join(cycle.args[1])}")


def test_a_types_renderer_pieces_are_renderers_and_its_core_is_not() -> None:
    renderers = layer_of("factquiz.widgets")
    for name in ("factquiz.qtypes.mc.widget", "factquiz.qtypes.mc.static",
                 "factquiz.qtypes.widget", "factquiz.qtypes.static"):
        assert layer_of(name) == renderers, name
    assert layer_of("factquiz.qtypes.mc") == layer_of("factquiz.qtypes") < renderers
    modules = set(import_graph())
    assert {"factquiz.qtypes.mc.widget", "factquiz.qtypes.mc.static"} <= modules
    # so the core of a type may not import its own widget:
    core = PACKAGE / "qtypes" / "mc" / "__init__.py"
    late = core.read_text(encoding="utf-8") + "\nfrom .widget import controls\n"
    assert any(t == "factquiz.qtypes.mc.widget" and layer_of(t) > layer_of("factquiz.qtypes.mc")
               for t, _, _ in imports_of(core, modules, late))


def test_the_check_sees_a_deferred_import_as_a_cycle_and_a_layer_breach() -> None:
    """The rules above can fail: a deferred import from load to verify is both."""
    load = PACKAGE / "load.py"
    modules = set(import_graph())
    late = (load.read_text(encoding="utf-8")
            + "\n\ndef _late() -> None:\n    from .verify import check\n")
    assert "factquiz.verify" not in {t for t, _, _ in imports_of(load, modules)}
    targets = {t for t, _, _ in imports_of(load, modules, late)}
    assert "factquiz.verify" in targets
    assert layer_of("factquiz.verify") > layer_of("factquiz.load")
    graph = {m: {t for t, _, _ in found} for m, found in import_graph().items()}
    graph["factquiz.load"] = targets
    with pytest.raises(graphlib.CycleError):
        tuple(graphlib.TopologicalSorter(graph).static_order())
    guarded = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .verify import check\n"
    assert ("factquiz.verify", 3, True) in imports_of(load, modules, guarded)
