"""The packages stack ``webhooks -> bot -> intents``: read from the source with ``ast``.

A package may import the ones below it, never one above; and no two modules import each
other in a circle across packages. ``bot/cli.py`` is the one exception: it is the process's
entry point (``paisano serve`` builds the web app), so it sits above everything.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("intents", "bot", "webhooks")  # each may import only those before it
ENTRY_POINTS = {"bot/cli.py"}


def imports(path: Path) -> set[str]:
    """The top-level packages of this project a module imports, anywhere in its body."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & set(LAYERS)


def modules(package: str) -> list[Path]:
    """Every module of ``package``."""
    return sorted((ROOT / package).rglob("*.py"))


def test_each_package_imports_only_those_below_it() -> None:
    wrong = []
    for level, package in enumerate(LAYERS):
        above = set(LAYERS[level + 1:])
        for path in modules(package):
            name = str(path.relative_to(ROOT))
            if name in ENTRY_POINTS:
                continue
            wrong += [f"{name} imports {other}" for other in sorted(imports(path) & above)]
    assert wrong == []


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from webhooks.app import create_app\n")
    assert imports(module) == {"webhooks"}


def test_the_console_does_not_reach_into_the_webhooks() -> None:
    assert all("webhooks" not in imports(p) for p in (ROOT / "bot" / "console").rglob("*.py"))
