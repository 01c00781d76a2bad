"""``paisano db upgrade|check``, ``paisano purge`` and ``paisano export-contact``.

Registered on the main group in bot.cli::

    from bot.privacy_cli import COMMANDS
    for command in COMMANDS:
        main.add_command(command)

Every command works on ``DATABASE_URL`` (default: the SQLite file ``paisano.db``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import click
from sqlalchemy import Engine

from bot import channels, db, migrations, privacy
from bot.config import ConfigError, Settings
from bot.messages import mask

__all__ = ["COMMANDS", "db_group", "export_contact", "purge"]

EXPORT_CHANNELS = channels.people()


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except ConfigError as exc:
        raise click.ClickException(f"configuration: {exc}") from None


@contextmanager
def _engine(settings: Settings, *, check: bool = True) -> Iterator[Engine]:
    engine = db.make_engine(settings.database_url)
    try:
        if check:
            try:
                migrations.check_schema(engine)
            except migrations.SchemaError as exc:
                raise click.ClickException(str(exc)) from None
        yield engine
    finally:
        engine.dispose()


# --- paisano db ---------------------------------------------------------------------------


@click.group("db")
def db_group() -> None:
    """The database schema: migrations (Alembic scripts in alembic/)."""


@db_group.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target revision.")
def db_upgrade(revision: str) -> None:
    """Upgrade the DATABASE_URL database to the newest schema (safe to run again)."""
    with _engine(_settings(), check=False) as engine:
        try:
            at = migrations.upgrade(engine, revision)
        except migrations.SchemaError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"database schema at revision {at}")


@db_group.command("check")
def db_check() -> None:
    """Exit 1 unless the DATABASE_URL schema is up to date (for deploy scripts)."""
    with _engine(_settings()):
        pass
    click.echo(f"database schema is current (revision {migrations.head_revision()})")


# --- privacy ------------------------------------------------------------------------------


@click.command("purge")
@click.option("--older-than", "days", type=click.IntRange(min=1), default=None,
              help="Retention in days (default: RETENTION_DAYS, else 180).")
@click.option("--dry-run", is_flag=True, help="Count what would go, delete nothing.")
def purge(days: int | None, dry_run: bool) -> None:
    """Delete conversations, contacts and delivery records older than the retention period."""
    settings = _settings()
    days = days or settings.retention_days
    before = privacy.cutoff(days)
    with _engine(settings) as engine, db.make_sessionmaker(engine)() as session:
        counts = privacy.purge(session, before)
        if dry_run:
            session.rollback()
        else:
            session.commit()
    verb = "would delete" if dry_run else "deleted"
    click.echo(f"{verb} data older than {days} days (before {before:%Y-%m-%d %H:%M} UTC):")
    for table, count in counts.as_dict().items():
        click.echo(f"  {table.replace('_', ' ')}: {count}")


@click.command("export-contact")
@click.option("--channel", type=click.Choice(EXPORT_CHANNELS), required=True,
              help="The channel the person wrote on.")
@click.option("--id", "external_id", required=True,
              help="Their id there: Telegram chat id, WhatsApp number, web chat id.")
def export_contact(channel: str, external_id: str) -> None:
    """Print everything stored about one person as JSON (for access requests)."""
    with _engine(_settings()) as engine, db.make_sessionmaker(engine)() as session:
        data = privacy.export_contact(session, channel, external_id)
    if data is None:
        raise click.ClickException(
            f"nothing is stored about {channel} id {mask(external_id)}")
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


COMMANDS: tuple[click.Command, ...] = (db_group, purge, export_contact)
