"""Privacy: the retention purge, the export for access requests, and erasure on request.

The purge tests date their rows in 2001 and purge before mid-2001, so rows other tests
committed to a shared database (dated now) are never in the way.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine as SAEngine
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot import db, inbox, migrations, privacy
from bot.config import Settings
from bot.content import Catalog
from bot.engine import ConversationEngine
from bot.messages import Inbound
from bot.models import (
    AuditLog,
    Base,
    Contact,
    Conversation,
    Erasure,
    InboundEvent,
    Message,
    Outbox,
    utcnow,
)
from bot.privacy_cli import export_contact, purge
from bot.runtime import Helpline
from bot.worker import Worker
from tests.fakes import FakeSender

CUTOFF = dt.datetime(2001, 7, 1, tzinfo=dt.UTC)


def before(days: int) -> dt.datetime:
    """``days`` days before the test cutoff."""
    return CUTOFF - dt.timedelta(days=days)


def after(days: int) -> dt.datetime:
    """``days`` days after the test cutoff."""
    return CUTOFF + dt.timedelta(days=days)


def person(session: Session, channel: str, ident: str, last: dt.datetime) -> Contact:
    """A contact whose last message came at ``last``."""
    contact = Contact(channel=channel, external_id=ident, created_at=before(400),
                      last_inbound_at=last)
    session.add(contact)
    session.flush()
    return contact


def talk(session: Session, contact: Contact, *, status: str, at: dt.datetime,
         texts: tuple[str, ...] = ("hola", "¿en qué te ayudo?")) -> Conversation:
    """A conversation last touched at ``at`` (closed then, when closed) with a few messages."""
    conv = Conversation(contact_id=contact.id, status=status, created_at=at, updated_at=at,
                        closed_at=at if status == "closed" else None,
                        waiting_since=at if status == "waiting" else None)
    session.add(conv)
    session.flush()
    for n, text in enumerate(texts):
        session.add(Message(conversation_id=conv.id, direction="out" if n % 2 else "in",
                            author="bot" if n % 2 else "person", text=text, at=at))
    session.flush()
    return conv


def letter(session: Session, contact: Contact | None, address: str, *, status: str,
           at: dt.datetime, channel: str = "telegram") -> Outbox:
    """An outbox row created (and sent, when sent) at ``at``."""
    row = Outbox(contact_id=contact.id if contact else None, channel=channel, address=address,
                 text="respuesta", status=status, created_at=at, next_attempt_at=at,
                 sent_at=at if status == "sent" else None)
    session.add(row)
    session.flush()
    return row


def exists(session: Session, model: Any, row_id: int) -> bool:
    """Whether the row is still there."""
    return session.scalar(select(func.count()).select_from(model).where(model.id == row_id)) == 1


# --- purge --------------------------------------------------------------------------------


def test_purge_deletes_what_retention_no_longer_allows(session: Session) -> None:
    gone = person(session, "telegram", "900000001", before(20))
    gone_conv = talk(session, gone, status="closed", at=before(20))
    gone_sent = letter(session, gone, "900000001", status="sent", at=before(20))

    stays = person(session, "whatsapp", "whatsapp:+5214770000002", after(5))
    stays_old = talk(session, stays, status="closed", at=before(30), texts=("a", "b", "c"))
    stays_new = talk(session, stays, status="bot", at=after(5))
    old_sent = letter(session, stays, "whatsapp:+5214770000002", status="sent", at=before(30),
                      channel="whatsapp")
    old_failed = letter(session, stays, "whatsapp:+5214770000002", status="failed",
                        at=before(30), channel="whatsapp")
    old_held = letter(session, stays, "whatsapp:+5214770000002", status="held", at=before(30),
                      channel="whatsapp")
    new_sent = letter(session, stays, "whatsapp:+5214770000002", status="sent", at=after(1),
                      channel="whatsapp")

    idle = person(session, "webchat", "idle-browser-3", before(10))
    idle_conv = talk(session, idle, status="bot", at=before(10))

    waiting = person(session, "telegram", "900000004", before(50))
    waiting_conv = talk(session, waiting, status="waiting", at=before(50))

    old_pending = letter(session, waiting, "900000004", status="pending", at=before(50))
    session.add_all([
        InboundEvent(channel="telegram", external_id="old-1", received_at=before(2)),
        InboundEvent(channel="telegram", external_id="new-1", received_at=after(2)),
        Erasure(at=before(300)),
        AuditLog(agent="ana", action="close", conversation_id=gone_conv.id, at=before(20)),
    ])
    session.flush()

    counts = privacy.purge(session, CUTOFF)
    session.commit()

    # A conversation left waiting (or assigned) goes too once its last activity is old.
    assert counts == privacy.PurgeCounts(
        conversations=4, messages=9, contacts=3, outbox=4, inbound_events=1)
    purged: list[tuple[Any, Any]] = [
        (Contact, gone), (Conversation, gone_conv), (Outbox, gone_sent),
        (Conversation, stays_old), (Outbox, old_sent), (Outbox, old_failed),
        (Contact, idle), (Conversation, idle_conv), (Contact, waiting),
        (Conversation, waiting_conv), (Outbox, old_pending)]
    for model, row in purged:
        assert not exists(session, model, row.id), f"{model.__name__} {row.id} survived"
    kept: list[tuple[Any, Any]] = [
        (Contact, stays), (Conversation, stays_new), (Outbox, old_held),
        (Outbox, new_sent)]
    for model, row in kept:
        assert exists(session, model, row.id), f"{model.__name__} {row.id} was purged"
    assert session.scalar(select(func.count()).select_from(Message).where(
        Message.conversation_id == stays_new.id)) == 2
    assert session.scalar(select(func.count()).select_from(InboundEvent).where(
        InboundEvent.external_id.in_(["old-1", "new-1"]))) == 1
    # Anonymous counts and the staff audit trail (ids only) are not personal data.
    assert session.scalar(select(func.count()).select_from(Erasure).where(
        Erasure.at == before(300))) == 1
    assert session.scalar(select(func.count()).select_from(AuditLog).where(
        AuditLog.agent == "ana")) == 1


def test_purge_of_nothing_old_deletes_nothing(session: Session) -> None:
    contact = person(session, "telegram", "900000009", after(1))
    talk(session, contact, status="closed", at=after(1))
    assert privacy.purge(session, CUTOFF) == privacy.PurgeCounts()


def test_cutoff_counts_days_back_from_now() -> None:
    now = dt.datetime(2026, 6, 30, 12, tzinfo=dt.UTC)
    assert privacy.cutoff(180, now) == dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)
    with pytest.raises(ValueError, match="at least one day"):
        privacy.cutoff(0, now)


# --- the commands, on a database of their own ---------------------------------------------


@pytest.fixture
def own_db(tmp_path: Path) -> Iterator[tuple[str, sessionmaker[Session]]]:
    """A migrated SQLite database the commands may commit to."""
    url = f"sqlite:///{tmp_path / 'privacy.db'}"
    engine = db.make_engine(url)
    migrations.upgrade(engine)
    yield url, db.make_sessionmaker(engine)
    engine.dispose()


def seed_ages(sessions: sessionmaker[Session]) -> None:
    """One person last seen 40 days ago, one 10 days ago."""
    now = utcnow()
    with sessions() as session:
        for ident, days in (("900000101", 40), ("900000102", 10)):
            at = now - dt.timedelta(days=days)
            contact = Contact(channel="telegram", external_id=ident, created_at=at,
                              last_inbound_at=at)
            session.add(contact)
            session.flush()
            talk(session, contact, status="closed", at=at)
            letter(session, contact, ident, status="sent", at=at)
        session.commit()


def test_purge_command_prints_counts_and_honours_dry_run(
    own_db: tuple[str, sessionmaker[Session]]
) -> None:
    url, sessions = own_db
    seed_ages(sessions)
    runner = CliRunner()
    dry = runner.invoke(purge, ["--older-than", "30", "--dry-run"], env={"DATABASE_URL": url})
    assert dry.exit_code == 0, dry.output
    assert "would delete data older than 30 days" in dry.output
    assert "  conversations: 1\n  messages: 2\n  contacts: 1\n  outbox: 1\n" in dry.output
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Contact)) == 2

    done = runner.invoke(purge, ["--older-than", "30"], env={"DATABASE_URL": url})
    assert done.exit_code == 0, done.output
    assert "deleted data older than 30 days" in done.output
    assert "  contacts: 1\n" in done.output
    with sessions() as session:
        assert session.scalars(select(Contact.external_id)).all() == ["900000102"]


def test_purge_command_defaults_to_retention_days(
    own_db: tuple[str, sessionmaker[Session]]
) -> None:
    url, sessions = own_db
    seed_ages(sessions)
    result = CliRunner().invoke(purge, [], env={"DATABASE_URL": url, "RETENTION_DAYS": "5"})
    assert result.exit_code == 0, result.output
    assert "older than 5 days" in result.output
    assert "  contacts: 2\n" in result.output


def test_purge_command_refuses_a_database_behind_the_code(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    result = CliRunner().invoke(purge, [], env={"DATABASE_URL": url})
    assert result.exit_code == 1
    assert "run `paisano db upgrade`" in result.output


# --- export -------------------------------------------------------------------------------


def test_export_gathers_contact_conversations_messages_and_outbox(session: Session) -> None:
    number = "whatsapp:+5214771112233"
    contact = person(session, "whatsapp", number, after(3))
    talk(session, contact, status="closed", at=after(1), texts=("necesito mi acta", "claro"))
    talk(session, contact, status="bot", at=after(3), texts=("gracias",))
    letter(session, contact, number, status="sent", at=after(1), channel="whatsapp")
    letter(session, None, number, status="pending", at=after(3), channel="whatsapp")
    other = person(session, "whatsapp", "whatsapp:+5214779998877", after(3))
    talk(session, other, status="bot", at=after(3), texts=("de otra persona",))

    for given in (number, "+5214771112233", "5214771112233"):
        data = privacy.export_contact(session, "whatsapp", given)
        assert data is not None, given
        assert data["contact"]["external_id"] == number
        texts = [m["text"] for c in data["conversations"] for m in c["messages"]]
        assert texts == ["necesito mi acta", "claro", "gracias"]
        assert len(data["outbox"]) == 2
        assert "de otra persona" not in json.dumps(data, ensure_ascii=False)
    assert privacy.export_contact(session, "whatsapp", "+5210000000000") is None
    assert privacy.export_contact(session, "telegram", number) is None


def test_export_lists_messages_still_waiting_in_the_inbox(session: Session) -> None:
    number = "whatsapp:+5214775550001"
    session.add_all(InboundEvent(**row) for row in inbox.rows([
        Inbound("whatsapp", number, "me detuvieron en la garita", external_id="SMwait1"),
        Inbound("whatsapp", "whatsapp:+5214775550002", "de otra persona",
                external_id="SMwait2"),
    ], now=after(2)))
    session.flush()

    data = privacy.export_contact(session, "whatsapp", "+5214775550001")
    assert data is not None and data["contact"] is None
    assert [(e["status"], e["message"]["text"]) for e in data["inbox"]] == [
        ("pending", "me detuvieron en la garita")]
    assert "de otra persona" not in json.dumps(data, ensure_ascii=False)


def test_export_contact_command_prints_json(own_db: tuple[str, sessionmaker[Session]]) -> None:
    url, sessions = own_db
    seed_ages(sessions)
    runner = CliRunner()
    result = runner.invoke(export_contact, ["--channel", "telegram", "--id", "900000101"],
                           env={"DATABASE_URL": url})
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["contact"]["external_id"] == "900000101"
    assert [m["text"] for m in data["conversations"][0]["messages"]] == ["hola",
                                                                          "¿en qué te ayudo?"]
    assert data["outbox"][0]["status"] == "sent"

    missing = runner.invoke(export_contact, ["--channel", "telegram", "--id", "123456789"],
                            env={"DATABASE_URL": url})
    assert missing.exit_code == 1
    assert "nothing is stored about telegram id …6789" in missing.output
    assert "123456789" not in missing.output


# --- erasure on request -------------------------------------------------------------------

CHAT = "880077665544"
WORDS = ("Rigoberto", "Quiñones", "Pénjamo", "4775550199")


def every_value(session: Session) -> Iterator[tuple[str, str]]:
    """(table, value as text) for every column of every row of every table."""
    for table in Base.metadata.sorted_tables:
        for row in session.execute(select(table)):
            for value in row:
                if value is not None:
                    yield table.name, str(value)


def test_erasure_through_the_engine_leaves_only_an_anonymous_count(
    session: Session, engine: ConversationEngine, catalog: Catalog, settings: Settings,
    sa_engine: SAEngine
) -> None:
    sender = FakeSender("telegram")
    # The worker shares the test's connection, so everything rolls back at the end.
    worker_sessions = sessionmaker(bind=session.connection(), expire_on_commit=False,
                                   join_transaction_mode="create_savepoint")
    worker = Worker(worker_sessions, {"telegram": sender})
    helpline = Helpline(settings, catalog, engine, sa_engine, worker_sessions,
                        {"telegram": sender}, worker)
    erasures = session.scalar(select(func.count()).select_from(Erasure)) or 0

    def says(text: str, update: int) -> None:
        helpline.pipeline.receive(session,
                                  Inbound("telegram", CHAT, text, external_id=f"u{update}"))

    says("hola, soy Rigoberto Quiñones de Pénjamo", 1)
    worker.run_once()
    # Replies left pending (issue 10: while waiting, "cuánto falta" is always answered).
    says("mi numero es 4775550199, cuanto falta para que me atiendan", 2)
    assert privacy.export_contact(session, "telegram", CHAT) is not None
    pending = session.scalar(select(func.count()).select_from(Outbox).where(
        Outbox.address == CHAT, Outbox.status == "pending"))
    assert pending is not None and pending > 0

    says("borrar mis datos", 3)  # issue 10: erasure asks first; the answer confirms it
    says("sí", 4)
    confirmation = session.scalars(select(Outbox).where(Outbox.address == CHAT)).all()
    assert [(r.contact_id, r.delete_after_send) for r in confirmation] == [(None, True)]
    worker.run_once()
    assert sender.sent[-1][0] == CHAT  # the confirmation went out, then its row went

    leaks = [(table, value) for table, value in every_value(session)
             if CHAT in value or any(word in value for word in WORDS)
             or value in ("u1", "u2", "u3", "u4")]  # update ids are kept only as hashes
    assert leaks == []
    assert session.scalar(select(func.count()).select_from(Erasure)) == erasures + 1
    assert set(Erasure.__table__.columns.keys()) == {"id", "at"}
    assert privacy.export_contact(session, "telegram", CHAT) is None
