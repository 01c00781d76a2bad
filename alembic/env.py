"""Alembic environment: the models' metadata, batch mode on SQLite, types compared.

The database comes from ``config.attributes["connection"]`` when bot.migrations passes an
open connection (it then owns the transaction and the locking), otherwise from
``-x url=...``, ``config.attributes["url"]``, ``DATABASE_URL`` or the default SQLite file
(see bot.migrations.resolve_url).
"""

from __future__ import annotations

from logging.config import fileConfig

import alembic.context as context
from sqlalchemy.engine import Connection

from bot import db
from bot.migrations import configure_options, foreign_keys_off, resolve_url
from bot.models import Base

config = context.config
if config.config_file_name is not None:  # the `alembic` command; code keeps its own logging
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def run_migrations_offline() -> None:
    """Write the SQL to stdout (``alembic upgrade head --sql``)."""
    url = resolve_url(config)
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        **configure_options("sqlite" if url.startswith("sqlite") else "other"),
    )
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        **configure_options(connection.dialect.name),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate the given connection, or a fresh one to the configured URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = db.make_engine(resolve_url(config))
    try:
        with engine.connect() as conn, foreign_keys_off(conn):
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
