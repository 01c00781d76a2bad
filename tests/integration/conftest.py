"""Fixtures shared by the integration tests: the schema, the app on the test database, and
the console helpers (``tests/integration/test_console_support.py``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import Engine as SAEngine

from bot.config import Settings
from bot.content import Catalog
from bot.engine import ConversationEngine
from bot.runtime import Helpline
from tests.integration.test_console_support import Console, console, plain_settings
from webhooks.app import create_app


@pytest.fixture(scope="session", autouse=True)
def schema(sa_engine: SAEngine) -> SAEngine:
    """The shared test database has its schema before any test builds an app on ``db_url``
    (SQLite would upgrade itself; PostgreSQL is only checked, and a fresh one is empty)."""
    return sa_engine


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


@pytest.fixture
def app(db_url: str, engine: ConversationEngine) -> Iterator[Flask]:
    """The whole app on the test database, no channel senders (a module may define its own)."""
    settings = Settings(database_url=db_url, secret_key="test-secret")
    helpline = Helpline.build(settings, engine=engine, senders={})
    yield create_app({"SETTINGS": settings, "HELPLINE": helpline, "TESTING": True})
    helpline.close()
