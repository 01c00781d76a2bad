"""Database migrations: Alembic driven from code, and the schema check at start-up.

The migration scripts live in the repository's ``alembic/`` folder, next to the ``bot``
package (``ALEMBIC_DIR``). The helpline runs from a checkout or an editable install
(``pip install -e .``), so the folder is always there; a wheel would need the folder moved
into the package and listed in package data. ``alembic.ini`` at the repository root points
at the same folder for the ``alembic`` command itself (new revisions, history).

How the processes use this module:

- ``paisano db upgrade`` calls :func:`upgrade` on ``DATABASE_URL``.
- At start, :func:`ensure_schema` upgrades an embedded SQLite database by itself (so
  ``paisano serve`` on a fresh machine just works) and, for any other database, calls
  :func:`check_schema`, which refuses to start on a schema that is behind the code.
- A database made by ``Base.metadata.create_all`` (tests, installs from before migrations)
  has no version row; when its tables are exactly the models' it counts as current, and
  :func:`upgrade` stamps it at head instead of creating the tables again.

Errors::

    SchemaError (RuntimeError)
    ├── SchemaBehindError    at an older revision, or empty: run `paisano db upgrade`
    └── SchemaMismatchError  a revision this code does not know, or unversioned tables
                             that differ from the models
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import alembic.command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from bot.db import DEFAULT_URL, make_engine, make_sessionmaker
from bot.models import Base, UTCDateTime

__all__ = [
    "ALEMBIC_DIR",
    "BEHIND_MESSAGE",
    "SchemaBehindError",
    "SchemaError",
    "SchemaMismatchError",
    "alembic_config",
    "check_schema",
    "configure_options",
    "current_heads",
    "downgrade",
    "ensure_schema",
    "foreign_keys_off",
    "head_revision",
    "resolve_url",
    "schema_differences",
    "schema_is_current",
    "upgrade",
]

log = logging.getLogger(__name__)

ALEMBIC_DIR = Path(__file__).resolve().parent.parent / "alembic"
BEHIND_MESSAGE = "the database schema is behind: run `paisano db upgrade`"
# Any constant will do: it only has to be the same in every process that migrates.
_PG_LOCK_KEY = 7_260_411_180


class SchemaError(RuntimeError):
    """The database schema does not fit this code."""


class SchemaBehindError(SchemaError):
    """The database is at an older revision than the code (or has no tables yet)."""


class SchemaMismatchError(SchemaError):
    """The database is at an unknown revision, or has unversioned tables unlike the models."""


# --- configuration (shared with alembic/env.py) ---------------------------------------------


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    """An Alembic Config for this checkout's scripts, on ``url`` or an open ``connection``."""
    if not (ALEMBIC_DIR / "env.py").is_file():
        raise SchemaError(
            f"migration scripts not found in {ALEMBIC_DIR}: install from a checkout "
            "(pip install -e .) so the alembic/ folder sits next to the bot package"
        )
    config = Config()
    config.set_main_option("script_location", str(ALEMBIC_DIR))
    # Attributes, not main options: options are %-interpolated and URLs may hold a '%'.
    if url is not None:
        config.attributes["url"] = url
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def resolve_url(config: Config) -> str:
    """The database to migrate: ``-x url=``, then the Config's url, DATABASE_URL, default."""
    x_args = config.cmd_opts.x if config.cmd_opts is not None else None
    for arg in x_args or ():
        key, _, value = arg.partition("=")
        if key == "url" and value:
            return value
    url = config.attributes.get("url") or os.environ.get("DATABASE_URL")
    return str(url or DEFAULT_URL)


def _render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    """Write UTCDateTime columns as the plain type they store, so scripts import nothing."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def configure_options(dialect_name: str) -> dict[str, Any]:
    """The options every migration context uses (env.py and the drift check alike)."""
    return {
        "compare_type": True,
        "render_as_batch": dialect_name == "sqlite",
        "render_item": _render_item,
    }


def _driver(connection: Connection) -> Any:
    """The DBAPI connection itself (pysqlite's), below SQLAlchemy's transaction handling."""
    return connection.connection.driver_connection


@contextmanager
def foreign_keys_off(connection: Connection) -> Iterator[None]:
    """On SQLite, switch foreign keys off while migrating (batch mode copies and drops tables).

    With them on, dropping a parent table during a batch "move and copy" would cascade
    deletes into its children. The pragma is a no-op inside a transaction, so it goes to the
    driver directly, before SQLAlchemy begins one: call this on a fresh connection.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    if connection.in_transaction():
        raise SchemaError("foreign_keys_off needs a connection with no transaction open")
    _driver(connection).execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        if connection.in_transaction():
            connection.rollback()
        _driver(connection).execute("PRAGMA foreign_keys=ON")


@functools.cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest revision of the migration scripts."""
    head = _script().get_current_head()
    if head is None:  # pragma: no cover - the initial revision ships with the code
        raise SchemaError(f"no migration scripts in {ALEMBIC_DIR / 'versions'}")
    return head


def current_heads(connection: Connection) -> tuple[str, ...]:
    """The revisions stamped in the database (empty when it was never migrated)."""
    return tuple(MigrationContext.configure(connection).get_current_heads())


def schema_differences(connection: Connection) -> list[Any]:
    """What autogenerate would change to make the database match the models (empty: none)."""
    context = MigrationContext.configure(
        connection, opts=configure_options(connection.dialect.name)
    )
    return list(compare_metadata(context, Base.metadata))


def _has_model_tables(connection: Connection) -> bool:
    existing = set(inspect(connection).get_table_names())
    return bool(existing & set(Base.metadata.tables))


# --- checking ---------------------------------------------------------------------------------


def _state(connection: Connection) -> Literal["current", "behind", "unknown", "mismatch"]:
    heads = set(current_heads(connection))
    if heads:
        known = {rev.revision for rev in _script().walk_revisions()}
        if not heads <= known:
            return "unknown"
        return "current" if heads == set(_script().get_heads()) else "behind"
    if not _has_model_tables(connection):
        return "behind"
    return "mismatch" if schema_differences(connection) else "current"


def schema_is_current(engine: Engine) -> bool:
    """True when the database is at the scripts' head (or was made from these very models)."""
    with engine.connect() as connection:
        return _state(connection) == "current"


def check_schema(engine: Engine) -> None:
    """Raise a SchemaError that says what to do unless the schema fits the code."""
    with engine.connect() as connection:
        state = _state(connection)
        heads = ", ".join(current_heads(connection)) or "none"
    if state == "behind":
        raise SchemaBehindError(
            f"{BEHIND_MESSAGE} (database at revision {heads}, code at {head_revision()})"
        )
    if state == "unknown":
        raise SchemaMismatchError(
            f"the database is at revision {heads}, which this code does not know: "
            "it was migrated by newer code; deploy that code (or downgrade with it)"
        )
    if state == "mismatch":
        raise SchemaMismatchError(
            "the database has tables but no migration revision, and they differ from the "
            "models: compare it with `alembic check`, then `alembic stamp` the revision it "
            "matches before running `paisano db upgrade`"
        )


# --- migrating --------------------------------------------------------------------------------


def _sqlite_write_lock(connection: Connection) -> None:
    """Open a transaction holding SQLite's write lock, so one process migrates at a time."""
    if _driver(connection).isolation_level is None:
        # SQLAlchemy emits BEGIN itself (bot.db's recipe, deferred or IMMEDIATE). A write
        # as the very first statement holds the write lock either way, waiting for it as
        # BEGIN IMMEDIATE would; user_version is SQLite's spare header field, unused here.
        connection.exec_driver_sql("PRAGMA user_version = 0")
    else:
        # pysqlite's default mode runs DDL outside any transaction unless one is open.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def _migration_lock(connection: Connection) -> Iterator[None]:
    """One migrating process at a time; the caller commits inside (SQLite: DDL included)."""
    with foreign_keys_off(connection):
        if connection.dialect.name == "sqlite":
            _sqlite_write_lock(connection)
        elif connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        try:
            yield
        except BaseException:
            connection.rollback()
            raise


def upgrade(engine: Engine, revision: str = "head") -> str:
    """Upgrade the database to ``revision``; return the revision it is at afterwards."""
    with engine.connect() as connection, _migration_lock(connection):
        config = alembic_config(connection=connection)
        if not current_heads(connection) and _has_model_tables(connection):
            if revision != "head":
                raise SchemaMismatchError(
                    "the database has unversioned tables: only an upgrade to head may adopt them"
                )
            differences = schema_differences(connection)
            if differences:
                shown = "; ".join(str(d) for d in differences[:5])
                raise SchemaMismatchError(
                    "the database has tables but no migration revision, and they differ "
                    f"from the models ({shown}): stamp the revision it matches with "
                    "`alembic stamp`, then upgrade"
                )
            log.warning("unversioned database matches the models: stamping it at head")
            alembic.command.stamp(config, "head")
        else:
            alembic.command.upgrade(config, revision)
        connection.commit()
        heads = ", ".join(current_heads(connection)) or "base"
    log.info("database at revision %s", heads)
    return heads


def downgrade(engine: Engine, revision: str) -> str:
    """Downgrade the database to ``revision`` (``base``: no tables); return where it is."""
    with engine.connect() as connection, _migration_lock(connection):
        alembic.command.downgrade(alembic_config(connection=connection), revision)
        connection.commit()
        return ", ".join(current_heads(connection)) or "base"


def ensure_schema(engine: Engine) -> None:
    """Embedded SQLite: upgrade to head by itself. Any other database: refuse when behind."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            if set(current_heads(connection)) == set(_script().get_heads()):
                return
        upgrade(engine)
        return
    check_schema(engine)


@contextmanager
def open_session(url: str) -> Iterator[Session]:
    """A session on ``url`` for command-line tools, with the same schema rule as the server."""
    engine = make_engine(url)
    try:
        ensure_schema(engine)
        with make_sessionmaker(engine)() as session:
            yield session
    finally:
        engine.dispose()
