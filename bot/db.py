"""Database engine and session factory: made once at configuration, passed around."""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from bot.models import Base

__all__ = ["DEFAULT_URL", "DatabaseURLError", "autocommit", "check_url", "create_schema",
           "make_engine", "make_sessionmaker", "normalize_url", "retry_locked", "shown_url"]

T = TypeVar("T")

DEFAULT_URL = "sqlite:///paisano.db"
MEMORY_URL = "sqlite://"
BUSY_SECONDS = 30  # how long SQLite waits for the write lock before "database is locked"
BEGIN_TRY_MS = 2
# Execution option (see autocommit): on SQLite, no BEGIN, every statement commits on its own.
_ONE_STATEMENT = "paisano_one_statement"


class DatabaseURLError(ValueError):
    """A database URL that cannot be used: not a URL, or no driver installed for it."""


# Hosting providers hand out postgres:// and postgresql:// URLs; SQLAlchemy reads both as
# psycopg2, which is not installed: the project ships psycopg 3.
_POSTGRES_SCHEMES = ("postgres", "postgresql")
POSTGRES_DRIVER = "postgresql+psycopg"
URL_EXAMPLES = "sqlite:///paisano.db or postgresql://USER:PASSWORD@HOST:5432/DATABASE"


def normalize_url(url: str) -> str:
    """``url`` with ``postgres://`` and ``postgresql://`` read as PostgreSQL with psycopg 3."""
    scheme, sep, rest = url.partition("://")
    if sep and scheme.lower() in _POSTGRES_SCHEMES:
        return f"{POSTGRES_DRIVER}://{rest}"
    return url


def shown_url(url: str) -> str:
    """``url`` fit to print: its password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return re.sub(r":[^:@/]*@", ":***@", url)


def check_url(url: str) -> str:
    """The normalized ``url`` once SQLAlchemy can read it and its driver is installed;
    else DatabaseURLError saying what to write instead."""
    url = normalize_url(url.strip())
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseURLError(f"not a database URL: write it like {URL_EXAMPLES}") from None
    try:
        parsed.get_dialect().import_dbapi()
    except NoSuchModuleError:
        raise DatabaseURLError(
            f"unknown kind of database {parsed.drivername!r}: use {URL_EXAMPLES}") from None
    except ImportError as exc:
        raise DatabaseURLError(
            f"the driver for {parsed.drivername} is not installed (no module {exc.name!r}): "
            f"install it, or use {URL_EXAMPLES}") from None
    return url


def make_engine(url: str = DEFAULT_URL) -> Engine:
    """An Engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout."""
    url = normalize_url(url)
    kwargs: dict[str, Any] = {}
    if url.startswith("sqlite"):
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs["poolclass"] = StaticPool
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": BUSY_SECONDS}
    else:
        kwargs["pool_pre_ping"] = True
    # A failed statement's error would carry its parameters (message texts, phone numbers)
    # into the logs; the statement alone says enough.
    engine = create_engine(url, hide_parameters=True, **kwargs)
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
