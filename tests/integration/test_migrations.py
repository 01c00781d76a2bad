"""Migrations: an empty database upgrades to head and then matches the models exactly.

Each test gets its own empty database: a SQLite file, and a throwaway PostgreSQL database
on the server of TEST_DATABASE_URL (or 127.0.0.1:5432 when one answers there).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import Engine, inspect, text

from bot import db, migrations
from bot.models import Base
from bot.privacy_cli import db_group
from tests.pg import empty_database

ROOT = Path(__file__).resolve().parents[2]
@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database of each kind."""
    with empty_database(request.param, tmp_path, "paisano_mig") as url:
        yield url


@pytest.fixture
def empty(empty_url: str) -> Iterator[Engine]:
    """An engine on an empty database."""
    engine = db.make_engine(empty_url)
    yield engine
    engine.dispose()


def autogenerate_diff(engine: Engine) -> list[object]:
    """What `alembic revision --autogenerate` would write for this database."""
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts=migrations.configure_options(conn.dialect.name))
        return list(compare_metadata(context, Base.metadata))


def test_empty_database_upgrades_to_head_and_matches_the_models(empty: Engine) -> None:
    assert not migrations.schema_is_current(empty)
    assert migrations.upgrade(empty) == migrations.head_revision()
    assert autogenerate_diff(empty) == []
    assert migrations.schema_is_current(empty)
    migrations.check_schema(empty)
    assert set(inspect(empty).get_table_names()) == set(Base.metadata.tables) | {
        "alembic_version"}


def sqlite_shape(engine: Engine) -> dict[str, object]:
    """Everything SQLite knows about each table, names of automatic indexes left out."""
    shape: dict[str, object] = {}
    with engine.connect() as conn:
        tables = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'").all()
        for name, sql in tables:
            indexes = []
            for _, index, unique, origin, partial in conn.exec_driver_sql(
                    f"PRAGMA index_list('{name}')"):
                columns = [r[2] for r in conn.exec_driver_sql(f"PRAGMA index_info('{index}')")]
                label = None if index.startswith("sqlite_autoindex") else index
                indexes.append((label, unique, origin, partial, columns))
            shape[name] = {
                "columns": conn.exec_driver_sql(f"PRAGMA table_info('{name}')").all(),
                "foreign_keys": sorted(
                    tuple(r[2:]) for r in conn.exec_driver_sql(
                        f"PRAGMA foreign_key_list('{name}')")),
                "indexes": sorted(indexes, key=repr),
                "autoincrement": "AUTOINCREMENT" in sql.upper(),
            }
    return shape


def test_sqlite_tables_are_exactly_those_create_all_makes(tmp_path: Path) -> None:
    """What compare_metadata does not look at: AUTOINCREMENT, index and key details."""
    migrated = db.make_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    created = db.make_engine(f"sqlite:///{tmp_path / 'created.db'}")
    migrations.upgrade(migrated)
    Base.metadata.create_all(created)
    assert sqlite_shape(migrated) == sqlite_shape(created)
    migrated.dispose()
    created.dispose()


def test_upgrading_again_changes_nothing(empty: Engine) -> None:
    migrations.upgrade(empty)
    assert migrations.upgrade(empty) == migrations.head_revision()
    assert autogenerate_diff(empty) == []


def test_timestamps_are_timezone_aware_columns(empty: Engine) -> None:
    migrations.upgrade(empty)
    columns = {c["name"]: c["type"] for c in inspect(empty).get_columns("outbox")}
    if empty.dialect.name == "postgresql":
        assert columns["next_attempt_at"].timezone  # type: ignore[attr-defined]
        assert str(columns["id"]) == "BIGINT"


def test_check_schema_refuses_an_empty_database(empty: Engine) -> None:
    with pytest.raises(migrations.SchemaBehindError, match="run `paisano db upgrade`"):
        migrations.check_schema(empty)


def test_check_schema_refuses_a_database_at_an_older_revision(empty: Engine) -> None:
    migrations.upgrade(empty)
    assert migrations.downgrade(empty, "base") == "base"
    assert set(inspect(empty).get_table_names()) == {"alembic_version"}
    assert not migrations.schema_is_current(empty)
    with pytest.raises(migrations.SchemaBehindError) as info:
        migrations.check_schema(empty)
    assert str(info.value).startswith(migrations.BEHIND_MESSAGE)
    assert "the database schema is behind: run `paisano db upgrade`" in str(info.value)


def test_a_revision_newer_than_the_code_is_refused(empty: Engine) -> None:
    migrations.upgrade(empty)
    with empty.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed'"))
    with pytest.raises(migrations.SchemaMismatchError, match="does not know"):
        migrations.check_schema(empty)


def test_ensure_schema_upgrades_sqlite_and_only_checks_other_databases(empty: Engine) -> None:
    if empty.dialect.name == "sqlite":
        migrations.ensure_schema(empty)
        assert migrations.schema_is_current(empty)
        return
    with pytest.raises(migrations.SchemaBehindError):
        migrations.ensure_schema(empty)
    assert inspect(empty).get_table_names() == []


def test_ensure_schema_on_in_memory_sqlite() -> None:
    engine = db.make_engine(db.MEMORY_URL)
    migrations.ensure_schema(engine)
    migrations.ensure_schema(engine)
    assert migrations.schema_is_current(engine)
    engine.dispose()


def test_tables_made_by_create_all_count_as_current_and_are_stamped(empty: Engine) -> None:
    Base.metadata.create_all(empty)
    assert migrations.schema_is_current(empty)
    migrations.check_schema(empty)
    assert migrations.upgrade(empty) == migrations.head_revision()
    with empty.connect() as conn:
        assert migrations.current_heads(conn) == (migrations.head_revision(),)


def test_unversioned_tables_unlike_the_models_are_refused(empty: Engine) -> None:
    Base.metadata.create_all(empty)
    with empty.begin() as conn:
        conn.execute(text("ALTER TABLE contacts DROP COLUMN unreachable"))
    assert not migrations.schema_is_current(empty)
    with pytest.raises(migrations.SchemaMismatchError, match="differ from the models"):
        migrations.check_schema(empty)
    with pytest.raises(migrations.SchemaMismatchError, match="unreachable"):
        migrations.upgrade(empty)


def test_two_processes_upgrading_at_once_both_succeed(empty_url: str) -> None:
    results: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def run() -> None:
        engine = db.make_engine(empty_url)
        try:
            start.wait()
            results.append(migrations.upgrade(engine))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert results == [migrations.head_revision()] * 2


def test_paisano_db_upgrade_and_check(empty_url: str) -> None:
    runner = CliRunner()
    env = {"DATABASE_URL": empty_url}
    behind = runner.invoke(db_group, ["check"], env=env)
    assert behind.exit_code == 1
    assert "the database schema is behind: run `paisano db upgrade`" in behind.output
    done = runner.invoke(db_group, ["upgrade"], env=env)
    assert done.exit_code == 0, done.output
    assert f"revision {migrations.head_revision()}" in done.output
    ok = runner.invoke(db_group, ["check"], env=env)
    assert ok.exit_code == 0, ok.output


def test_alembic_command_reads_database_url_and_finds_no_drift(empty_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": empty_url}
    for args in (["upgrade", "head"], ["check"]):
        run = subprocess.run(
            [sys.executable, "-m", "alembic", *args], cwd=ROOT, env=env,
            capture_output=True, text=True, timeout=120, check=False,
        )
        assert run.returncode == 0, run.stderr
    assert "No new upgrade operations detected" in run.stdout + run.stderr
