"""Shared fixtures: the catalog, the engine, and a database per test that rolls back.

The database is SQLite unless ``TEST_DATABASE_URL`` names another (PostgreSQL in CI).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine as SAEngine
from sqlalchemy.orm import Session

from bot import db
from bot.config import Settings
from bot.content import Catalog, load_catalog
from bot.engine import ConversationEngine
from bot.models import Base
from tests.stubs.fixtures import telegram_stub, twilio_stub  # noqa: F401


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The shipped content catalog."""
    return load_catalog()


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Settings with no channel credentials (channels off)."""
    return Settings.from_env({})


@pytest.fixture(scope="session")
def engine(catalog: Catalog, settings: Settings) -> ConversationEngine:
    """The conversation engine on the shipped catalog (built once: it trains the matcher)."""
    return ConversationEngine(catalog, settings)


@pytest.fixture(scope="session")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The test database: TEST_DATABASE_URL, or a SQLite file in a temporary folder."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{Path(tmp_path_factory.mktemp('db')) / 'test.db'}"


@pytest.fixture(scope="session")
def sa_engine(db_url: str) -> Iterator[SAEngine]:
    """A SQLAlchemy engine on an empty schema."""
    sa = db.make_engine(db_url)
    Base.metadata.drop_all(sa)
    db.create_schema(sa)
    yield sa
    Base.metadata.drop_all(sa)
    sa.dispose()


@pytest.fixture
def session(sa_engine: SAEngine) -> Iterator[Session]:
    """A session inside an outer transaction that is rolled back after the test."""
    with sa_engine.connect() as conn:
        outer = conn.begin()
        with Session(bind=conn, join_transaction_mode="create_savepoint",
                     expire_on_commit=False) as s:
            yield s
        outer.rollback()
