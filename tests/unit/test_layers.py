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


# --- no circle among the modules of bot/ -------------------------------------------------------


def module_name(path: Path, root: Path = ROOT) -> str:
    """``bot/channels/__init__.py`` -> ``bot.channels``; ``bot/flow.py`` -> ``bot.flow``."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Imports run when the module loads: its body and its ``if`` blocks (``TYPE_CHECKING``
    included: a circle for the type checker is a circle). Imports inside functions run later,
    once every module is loaded, and are left out."""
    found: list[ast.Import | ast.ImportFrom] = []
    todo: list[ast.stmt] = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If | ast.Try):
            todo += [*node.body, *node.orelse, *getattr(node, "finalbody", [])]
    return found


def module_graph(package: str, root: Path = ROOT) -> dict[str, set[str]]:
    """Which modules of ``package`` each of its modules imports when it loads."""
    paths = {module_name(p, root): p for p in sorted((root / package).rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        deps: set[str] = set()
        for node in _top_level_imports(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name in paths}
                continue
            base = node.module or ""
            if node.level:  # relative: from the module's package
                here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                base = ".".join(here[: len(here) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                full = f"{base}.{alias.name}"
                deps.add(full if full in paths else base)
        graph[name] = {d for d in deps if d in paths and d != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every circle of imports (a path from a module back to itself), shortest first."""
    found = []
    for start in sorted(graph):
        seen, todo = {start}, [(start, [start])]
        while todo:  # breadth first: the first path back is the shortest
            node, path = todo.pop(0)
            if start in graph[node] and min(path) == start:
                found.append([*path, start])
                break
            for nxt in sorted(graph[node] - seen):
                seen.add(nxt)
                todo.append((nxt, [*path, nxt]))
    return found


def test_no_module_of_bot_imports_itself_in_a_circle() -> None:
    # Issue 12: bot/engine.py and bot/flow.py imported each other (Turn now lives in flow).
    assert cycles(module_graph("bot")) == []


def test_the_circle_check_sees_a_circle(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg import b\n")
    (pkg / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                              "    from pkg.a import A\n")
    (pkg / "c.py").write_text("def f():\n    from pkg import a\n")
    graph = module_graph("pkg", tmp_path)
    assert graph["pkg.c"] == set()  # an import inside a function runs later: not counted
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.a"]]


# --- one module writes a conversation's status and state -----------------------------------------

STATUS_OWNER = "bot/transitions.py"
# The conversation's status, its flow state and the case marks that go with them.
STATUS_FIELDS = frozenset({"status", "state", "urgent", "silenced", "waiting_since",
                           "assigned_to", "assigned_at", "closed_at"})
# Objects that have such a field and are not a conversation: the flow's Turn (``t``) and
# Step (``step``) anywhere, and the inbox's and outbox's own rows where they are handled.
NOT_CONVERSATIONS = {"t", "step", "turn", "bot/inbox.py:row", "bot/outbox.py:row",
                     "bot/worker.py:row"}


def status_writes(path: Path, name: str) -> list[str]:
    """Where ``path`` writes a conversation's status or state: an assignment to one of its
    fields, a ``Conversation(...)`` built with one, or an ``update(Conversation)``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            for t in target.elts if isinstance(target, ast.Tuple) else [target]:
                if isinstance(t, ast.Attribute) and t.attr in STATUS_FIELDS:
                    owner = ast.unparse(t.value)
                    if owner not in NOT_CONVERSATIONS and f"{name}:{owner}" not in \
                            NOT_CONVERSATIONS:
                        found.append(f"{name}:{node.lineno} {owner}.{t.attr} =")
        if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("Conversation"):
            if any(k.arg in STATUS_FIELDS for k in node.keywords):
                found.append(f"{name}:{node.lineno} Conversation(...)")
        if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("update") and \
                any(ast.unparse(a).endswith("Conversation") for a in node.args):
            found.append(f"{name}:{node.lineno} update(Conversation)")
    if "UPDATE conversations" in path.read_text().replace("update conversations",
                                                          "UPDATE conversations"):
        found.append(f"{name}: raw UPDATE conversations")
    return found


def test_only_one_module_writes_a_conversations_status_and_state() -> None:
    # Issue 12: status and state were written in the engine, the queue and the handoff too.
    wrong = []
    for package in ("bot", "webhooks"):
        for path in modules(package):
            name = str(path.relative_to(ROOT))
            if name != STATUS_OWNER:
                wrong += status_writes(path, name)
    assert wrong == []
    assert status_writes(ROOT / STATUS_OWNER, STATUS_OWNER)  # the owner's writes are seen


def test_the_status_check_sees_each_kind_of_write(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "def f(conv, session, now):\n"
        "    conv.status, conv.closed_at = 'closed', now\n"
        "    conv.state = 'idle'\n"
        "    session.add(Conversation(status='bot'))\n"
        "    session.execute(update(Conversation).values(status='waiting'))\n"
        "    step.state = 'idle'\n"
    )
    assert status_writes(module, "m.py") == [
        "m.py:2 conv.status =", "m.py:2 conv.closed_at =", "m.py:3 conv.state =",
        "m.py:4 Conversation(...)", "m.py:5 update(Conversation)"]
