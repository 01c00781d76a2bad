"""Database engine and session factory: made once at configuration, passed around."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from bot.models import Base

__all__ = ["DEFAULT_URL", "autocommit", "create_schema", "make_engine", "make_sessionmaker",
           "retry_locked"]

T = TypeVar("T")

DEFAULT_URL = "sqlite:///paisano.db"
MEMORY_URL = "sqlite://"
BUSY_SECONDS = 30  # how long SQLite waits for the write lock before "database is locked"
BEGIN_TRY_MS = 2
# Execution option (see autocommit): on SQLite, no BEGIN, every statement commits on its own.
_ONE_STATEMENT = "paisano_one_statement"


def make_engine(url: str = DEFAULT_URL) -> Engine:
    """An Engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout."""
    kwargs: dict[str, Any] = {}
    if url.startswith("sqlite"):
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs["poolclass"] = StaticPool
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": BUSY_SECONDS}
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_begin(conn: Any) -> None:
    # IMMEDIATE takes the write lock up front, so a transaction that reads then writes
    # waits instead of failing with "database is locked" on the upgrade.
    if conn.get_execution_options().get(_ONE_STATEMENT):
        return  # each statement is its own transaction (the driver is in autocommit mode)
    retry_locked(lambda: conn.exec_driver_sql("BEGIN IMMEDIATE"))


def autocommit(engine: Engine) -> Engine:
    """``engine`` whose statements are each a transaction of their own on SQLite: there is no
    BEGIN, so a writing statement holds the file's write lock only while SQLite runs it,
    and a reading one takes none (in WAL mode a reader never waits). Use ``retry_locked``
    for a writing statement. Any other database: ``engine`` as it is."""
    if engine.dialect.name != "sqlite":
        return engine
    return engine.execution_options(**{_ONE_STATEMENT: True})


def retry_locked(action: Callable[[], T]) -> T:
    """Run ``action`` (on SQLite), trying again while the database is locked.

    SQLite's own busy handler sleeps longer and longer (up to 100 ms at a time), so a
    webhook waiting behind a busy worker would miss the short gaps between its
    transactions; trying again every half millisecond takes the lock as soon as it is free.
    """
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            return action()
        except OperationalError as exc:
            if "locked" not in str(exc.orig) or time.monotonic() > deadline:
                raise
        time.sleep(0.0005)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # SQLAlchemy's recipe: let SQLAlchemy emit BEGIN itself, so SAVEPOINTs and transaction
    # boundaries behave (pysqlite's own deferred BEGIN breaks them).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    _set_wal(cur)
    cur.execute("PRAGMA synchronous=NORMAL")
    # From here on only BEGIN IMMEDIATE can meet the lock (WAL readers never wait), and
    # _sqlite_begin waits for it; a short timeout keeps its tries short.
    cur.execute(f"PRAGMA busy_timeout={BEGIN_TRY_MS}")
    cur.close()


def _set_wal(cur: Any) -> None:
    """Switch to WAL. Two connections opening a new file at once may see "database is locked"
    here without the busy timeout applying; WAL persists in the file, so retrying briefly
    until one of them has set it is enough."""
    for attempt in range(100):
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == 99:
                raise
            time.sleep(0.05)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """The one session factory of a process."""
    return sessionmaker(engine, expire_on_commit=False)


def create_schema(engine: Engine) -> None:
    """Create every table that does not exist yet (embedded SQLite and tests)."""
    Base.metadata.create_all(engine)
