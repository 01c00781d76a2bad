"""Throwaway databases for tests that need their own (migrations, races, workers, metrics)."""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError

LOCAL_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def postgres_server() -> URL | None:
    """The PostgreSQL server to make throwaway databases on, if there is one."""
    raw = os.environ.get("TEST_DATABASE_URL")
    if raw:
        url = make_url(raw)
        return url if url.get_backend_name() == "postgresql" else None
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=0.5).close()
    except OSError:
        return None
    return make_url(LOCAL_POSTGRES)


@contextmanager
def throwaway_postgres(prefix: str) -> Iterator[str]:
    """A new empty database on the test server, dropped afterwards; skips without one."""
    server = postgres_server()
    if server is None:
        pytest.skip("no PostgreSQL: set TEST_DATABASE_URL or run one on 127.0.0.1:5432")
    name = f"{prefix}_{secrets.token_hex(4)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except SQLAlchemyError as exc:
        admin.dispose()
        pytest.skip(f"cannot create a PostgreSQL database on {server.host}: {exc}")
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@contextmanager
def empty_database(kind: str, folder: Path, prefix: str) -> Iterator[str]:
    """The URL of a new empty database: a SQLite file in ``folder`` (``kind`` "sqlite") or a
    throwaway PostgreSQL database (any other kind)."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / f'{prefix}.db'}"
        return
    with throwaway_postgres(prefix) as url:
        yield url
