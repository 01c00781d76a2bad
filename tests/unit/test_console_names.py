"""The console's Spanish words: intent and audit-action names, plurals, numbers and dates.

The action test reads the code: every ``audit(...)`` call anywhere in ``bot/`` is found
with ``ast`` and the action it writes must have a Spanish name.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot import flow
from bot.console import names
from bot.console.views import AGENT_ACTIONS
from bot.content import Catalog, load_catalog

ROOT = Path(__file__).resolve().parents[2]
MEXICO = ZoneInfo("America/Mexico_City")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_every_intent_of_the_catalog_has_a_spanish_name(catalog: Catalog) -> None:
    found = names.intent_names(catalog)
    missing = [i for i in catalog.intents if not found.get(i, "").strip()]
    assert missing == [], f"intents without a Spanish title: {missing}"
    assert found["human"] == catalog.intents["human"].title["es"]
    assert names.intent_name(catalog, "emergency") == catalog.intents["emergency"].title["es"]
    assert names.intent_name(catalog, None) == "—"


def _literal_intents(tree: ast.AST) -> Iterator[str]:
    """Intent ids written as literals in ``Step(replies, state, "intent")`` or intent=."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Step":
            args = [*node.args[2:3], *(k.value for k in node.keywords if k.arg == "intent")]
            for arg in args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield arg.value


def test_every_intent_the_code_writes_has_a_spanish_name(catalog: Catalog) -> None:
    written = set(names.CODE_INTENTS)
    for module in (flow, importlib.import_module("bot.engine")):
        written |= set(_literal_intents(ast.parse(Path(str(module.__file__)).read_text())))
    assert len(written) > len(names.CODE_INTENTS)  # the scan found Step(...) intents
    known = names.intent_names(catalog)
    assert sorted(i for i in written if not known.get(i)) == []


def _login_reasons() -> set[str]:
    """The ``reason`` of every failed ``LoginResult(False, "...")`` in bot/agents.py."""
    tree = ast.parse((ROOT / "bot" / "agents.py").read_text())
    reasons = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "LoginResult":
            for arg in node.args[1:2]:
                if isinstance(arg, ast.Constant):
                    reasons.add(str(arg.value))
                elif isinstance(arg, ast.IfExp):
                    reasons |= {str(x.value) for x in (arg.body, arg.orelse)
                                if isinstance(x, ast.Constant)}
    return reasons - {"ok"}


# f-string actions: the literal prefix and every value the code can put after it.
EXPANSIONS = {"login_": _login_reasons, "agent_": lambda: set(AGENT_ACTIONS)}


def _passed_as(tree: ast.Module, param: str, call: ast.Call) -> set[str]:
    """The literals given for ``param`` of the function around ``call`` by its callers."""
    for func in ast.walk(tree):
        if (isinstance(func, ast.FunctionDef) and any(n is call for n in ast.walk(func))
                and param in (names_ := [a.arg for a in func.args.args])):
            at = names_.index(param)
            found = {str(c.args[at].value) for c in ast.walk(tree)
                     if isinstance(c, ast.Call) and getattr(c.func, "id", "") == func.name
                     and len(c.args) > at and isinstance(c.args[at], ast.Constant)}
            assert found, f"no caller of {func.name} gives {param} as a literal"
            return found
    pytest.fail(f"audit action {param}: neither a module constant nor a parameter")


def written_actions() -> set[str]:
    """Every audit action a call to ``audit(session, agent, action, ...)`` in bot/ writes."""
    actions: set[str] = set()
    for path in sorted((ROOT / "bot").rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and len(node.args) >= 3 and (
                    getattr(node.func, "id", "") == "audit"
                    or getattr(node.func, "attr", "") == "audit")):
                continue
            arg = node.args[2]
            if isinstance(arg, ast.Constant):
                actions.add(str(arg.value))
            elif isinstance(arg, ast.Name) and hasattr(importlib.import_module(module), arg.id):
                actions.add(getattr(importlib.import_module(module), arg.id))
            elif isinstance(arg, ast.Name):
                actions |= _passed_as(tree, arg.id, node)
            elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                prefix = str(arg.values[0].value)
                assert prefix in EXPANSIONS, f"{path}:{node.lineno}: f-string action {prefix}…"
                actions |= {prefix + rest for rest in EXPANSIONS[prefix]()}
            else:
                pytest.fail(f"{path}:{node.lineno}: an audit action this test cannot read")
    return actions


def test_every_audit_action_the_code_writes_has_a_spanish_name() -> None:
    actions = written_actions()
    assert {"claim", "login_bad", "agent_reset", "purge", "suggestion"} <= actions
    assert sorted(a for a in actions if a not in names.AUDIT_ACTIONS) == []
    assert names.action_name("login_bad") == "Contraseña incorrecta"
    assert names.action_name("claim") == "Tomó la conversación"


def test_agents_are_named_by_their_display_name() -> None:
    assert names.agent_label("rosa", "Rosa Jiménez") == "Rosa Jiménez (rosa)"
    assert names.agent_label("beto", None) == "beto"


def test_audit_detail_names_agents_and_roles() -> None:
    labels = {2: "Ana López (ana)"}
    assert names.audit_detail("agent id 2 role admin", labels) == (
        "Ana López (ana) rol administrador")
    assert names.audit_detail("agent id 9", labels) == "agent id 9"  # deleted since
    assert names.audit_detail(None, labels) == ""


@pytest.mark.parametrize(("n", "text"), [
    (0, "0 calificaciones"), (1, "1 calificación"), (2, "2 calificaciones"),
    (1234, "1,234 calificaciones"),
])
def test_counts_use_the_spanish_plural_and_mexican_thousands(n: int, text: str) -> None:
    assert names.count(n, "calificación", "calificaciones") == text


def test_numbers_and_percentages_are_written_as_in_mexico() -> None:
    assert names.number(1234567) == "1,234,567"
    assert names.number(4.5, 1) == "4.5"
    assert names.percent(2 / 3) == "66.7%"
    assert names.percent(0.615) == "61.5%"
    assert names.percent(12.5) == "1,250.0%"


def test_dates_read_day_month_year_and_local_time() -> None:
    moment = dt.datetime(2026, 12, 5, 20, 3, tzinfo=dt.UTC)  # 14:03 in Guanajuato
    assert names.date_time(moment, MEXICO) == "5 dic 2026, 14:03"
    assert names.date_time(dt.datetime(2027, 1, 1, 5, 0, tzinfo=dt.UTC), MEXICO) == (
        "31 dic 2026, 23:00")
    assert names.date_time(None, MEXICO) == "—"
    assert names.day(dt.date(2020, 1, 2)) == "2 ene 2020"
