"""Fixtures shared by the console tests (``tests/integration/test_console_support.py``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.content import Catalog
from bot.engine import ConversationEngine
from tests.integration.test_console_support import Console, console, plain_settings


@pytest.fixture
def c(db_url: str, catalog: Catalog, engine: ConversationEngine) -> Iterator[Console]:
    """The real app with no channel on, and helpers acting as agents or people."""
    with console(plain_settings(db_url), catalog, engine, senders={}) as con:
        yield con


@pytest.fixture
def ana(c: Console) -> Console:
    """Agent ``ana`` (shown to people as "Ana") logged in on ``c.client``."""
    c.add_agent("ana", display_name="Ana")
    assert c.login(c.client, "ana").status_code == 303
    return c
