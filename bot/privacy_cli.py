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
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot import agents, channels, db, migrations, privacy
from bot.config import Settings
from bot.messages import mask
from bot.models import Contact

__all__ = ["COMMANDS", "db_group", "export_contact", "purge"]

EXPORT_CHANNELS = channels.people()
PURGE_ACTION = "purge"  # the audit log action of a purge that deleted (bot.doctor reads it)


def _settings() -> Settings:
    # A ConfigError goes up to the paisano group, which prints it in one line (status 2).
    return Settings.from_env()


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
            # The audit log remembers the purge, so `paisano doctor` can tell when it last ran.
            detail = ", ".join(f"{table} {n}" for table, n in counts.as_dict().items())
            agents.audit(session, "cli", PURGE_ACTION, detail=f"older than {days} days: {detail}")
            session.commit()
    verb = "would delete" if dry_run else "deleted"
    click.echo(f"{verb} data older than {days} days (before {before:%Y-%m-%d %H:%M} UTC):")
    for table, count in counts.as_dict().items():
        click.echo(f"  {table.replace('_', ' ')}: {count}")


@click.command("export-contact")
@click.option("--channel", type=click.Choice(EXPORT_CHANNELS), required=True,
              help="The channel the person wrote on.")
@click.option("--id", "external_id", required=True,
              help="Their id there: Telegram chat id, WhatsApp number, web chat id (for web "
                   "chat, its last 4 or more characters as the console shows them).")
def export_contact(channel: str, external_id: str) -> None:
    """Print everything stored about one person as JSON (for access requests)."""
    with _engine(_settings()) as engine, db.make_sessionmaker(engine)() as session:
        if channel == "webchat":
            external_id = webchat_id(session, external_id)
        data = privacy.export_contact(session, channel, external_id)
    if data is None:
        raise click.ClickException(
            f"nothing is stored about {channel} id {mask(external_id)}")
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


SHOWN = 4  # characters of an id the console shows (bot.messages.mask)


def webchat_id(session: Session, given: str) -> str:
    """The full web chat id for what staff can see: the id, or its last characters (at
    least 4, as the console shows them, "…" included) when only one person's id ends so."""
    ident = given.strip().lstrip("…. ")
    exact = select(Contact.id).where(Contact.channel == "webchat", Contact.external_id == ident)
    if len(ident) < SHOWN or session.scalar(exact) is not None:
        return ident
    found = session.execute(
        select(Contact.external_id, Contact.created_at)
        .where(Contact.channel == "webchat",
               Contact.external_id.endswith(ident, autoescape=True))
        .order_by(Contact.created_at).limit(10)
    ).all()
    if len(found) > 1:
        first_seen = ", ".join(f"{row.created_at:%Y-%m-%d}" for row in found)
        raise click.BadParameter(
            f"{len(found)} web chat ids end in {ident!r} (people first seen {first_seen}): "
            "give more of the id", param_hint="'--id'")
    return str(found[0].external_id) if found else ident


COMMANDS: tuple[click.Command, ...] = (db_group, purge, export_contact)
