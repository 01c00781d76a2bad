"""A ``bot.flow.Turn`` for unit tests of the state graph (no engine, no database)."""

from __future__ import annotations

from typing import Any

from bot.content import Catalog
from bot.flow import Turn

__all__ = ["turn"]


def turn(cat: Catalog, state: str = "idle", **kw: Any) -> Turn:
    """A Spanish turn in ``state`` with nothing understood, and ``kw`` set on it."""
    values: dict[str, Any] = {"catalog": cat, "lang": "es", "state": state, "intent": None,
                              "choice": None, "requested_lang": None, "misses": 0}
    values.update(kw)
    return Turn(**values)
