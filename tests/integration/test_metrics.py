"""GET /metrics through the Flask test client, on a database of its own (exact counts)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.orm import Session, sessionmaker

from bot import db, metrics, migrations
from bot.config import Settings
from bot.content import Catalog
from bot.engine import ConversationEngine
from bot.messages import Inbound
from bot.metrics import MessageTally
from bot.models import Contact, Conversation, Erasure, InboundEvent, Message, Outbox, utcnow
from bot.runtime import Helpline
from tests.pg import empty_database
from webhooks.app import create_app

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


@pytest.fixture
def metrics_url(tmp_path: Path) -> Iterator[str]:
    """An empty, migrated database: PostgreSQL when TEST_DATABASE_URL is set, else SQLite."""
    kind = "postgresql" if os.environ.get("TEST_DATABASE_URL") else "sqlite"
    with empty_database(kind, tmp_path, "paisano_metrics") as url:
        yield url


def build_app(url: str, catalog: Catalog, engine: ConversationEngine,
              settings: Settings | None = None,
              **config: object) -> Flask:
    """The real app factory, on a prebuilt helpline that reuses the session's engine."""
    settings = settings or Settings(database_url=url, secret_key="test-secret")
    sa_engine = db.make_engine(url)
    migrations.upgrade(sa_engine)
    helpline = Helpline(settings, catalog, engine, sa_engine, db.make_sessionmaker(sa_engine))
    # As `paisano serve --host 127.0.0.1` runs it: a scraper on this machine needs no token.
    app = create_app({"SETTINGS": settings, "HELPLINE": helpline, "TESTING": True,
                      "SERVE_HOST": "127.0.0.1", **config})
    if "metrics_registry" not in app.extensions:  # until create_app calls metrics.init_app
        metrics.init_app(app)
    return app


@pytest.fixture
def app(metrics_url: str, catalog: Catalog, engine: ConversationEngine) -> Iterator[Flask]:
    """The app on the metrics database."""
    app = build_app(metrics_url, catalog, engine)
    yield app
    app.extensions["helpline"].sa_engine.dispose()


def scrape(app: Flask, **headers: str) -> Samples:
    """GET /metrics and parse it as Prometheus does."""
    response = app.test_client().get("/metrics", headers=headers)
    assert response.status_code == 200
    assert response.content_type.startswith("text/plain; version=0.0.4")
    samples: Samples = {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def session_of(app: Flask) -> Session:
    """A session on the app's database."""
    sessions: sessionmaker[Session] = app.extensions["helpline"].sessions
    return sessions()


def test_empty_database_scrapes_zeros(app: Flask) -> None:
    got = scrape(app)
    assert got[("paisano_database_up", ())] == 1
    assert got[("paisano_messages_total", (("channel", "telegram"), ("direction", "in")))] == 0
    assert got[("paisano_fallbacks_total", ())] == 0
    assert got[("paisano_handoffs_waiting", (("urgent", "true"),))] == 0
    assert got[("paisano_outbox_backlog", (("channel", "whatsapp"), ("status", "held")))] == 0
    assert got[("paisano_outbox_failed", (("channel", "telegram"),))] == 0
    assert got[("paisano_inbox_waiting", (("channel", "whatsapp"),))] == 0
    assert got[("paisano_inbox_oldest_waiting_seconds", ())] == 0


def test_inbox_gauges_count_what_waits_for_the_worker(app: Flask) -> None:
    now = utcnow()
    with session_of(app) as s:
        s.add_all([
            InboundEvent(channel="telegram", external_id=f"k{n}", status=status,
                         received_at=now - dt.timedelta(seconds=age))
            for n, (status, age) in enumerate([("pending", 120), ("pending", 5), ("done", 900),
                                               ("failed", 60)])
        ] + [InboundEvent(channel="whatsapp", external_id="k9", status="pending",
                          received_at=now)])
        s.commit()
    got = scrape(app)
    assert got[("paisano_inbox_waiting", (("channel", "telegram"),))] == 2
    assert got[("paisano_inbox_waiting", (("channel", "whatsapp"),))] == 1
    assert got[("paisano_inbox_failed", (("channel", "telegram"),))] == 1
    assert got[("paisano_inbox_failed", (("channel", "whatsapp"),))] == 0
    assert 115 <= got[("paisano_inbox_oldest_waiting_seconds", ())] < 600


def test_scrapes_and_health_checks_never_wait_for_a_writer(app: Flask) -> None:
    """On SQLite one connection at a time may write; a scrape or a health check that waited
    for it would time out (and a health check failing takes the service down)."""
    sa_engine = app.extensions["helpline"].sa_engine
    if sa_engine.dialect.name != "sqlite":
        pytest.skip("SQLite's one write lock")
    holder = sqlite3.connect(str(sa_engine.url.database), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a long write is under way
    try:
        got: dict[str, float] = {}

        def probe() -> None:
            got["healthz"] = app.test_client().get("/healthz").status_code
            got["database_up"] = scrape(app)[("paisano_database_up", ())]

        thread = threading.Thread(target=probe, daemon=True)
        thread.start()
        thread.join(5)
        assert not thread.is_alive()
        assert got == {"healthz": 200, "database_up": 1}
    finally:
        holder.rollback()
        holder.close()


def test_counts_and_gauges_come_from_the_database(app: Flask) -> None:
    now = utcnow()
    with session_of(app) as s:
        tg = Contact(channel="telegram", external_id="5001")
        wa = Contact(channel="whatsapp", external_id="whatsapp:+5214770000001")
        s.add_all([tg, wa])
        s.flush()
        c1 = Conversation(contact_id=tg.id)
        c2 = Conversation(contact_id=wa.id, status="waiting", urgent=True,
                          waiting_since=now - dt.timedelta(minutes=10))
        c3 = Conversation(contact_id=wa.id, status="assigned", assigned_to="ana")
        s.add_all([c1, c2, c3])
        s.flush()
        t1, t2, t3 = (now - dt.timedelta(seconds=n) for n in (30, 20, 10))
        s.add_all([
            # telegram: greeting (two replies, one turn), a miss, an agent's answer
            Message(conversation_id=c1.id, direction="in", author="person", text="x", at=t1,
                    intent="greeting"),
            Message(conversation_id=c1.id, direction="out", author="bot", text="x", at=t1,
                    intent="greeting"),
            Message(conversation_id=c1.id, direction="out", author="bot", text="x", at=t1,
                    intent="greeting"),
            Message(conversation_id=c1.id, direction="in", author="person", text="x", at=t2),
            Message(conversation_id=c1.id, direction="out", author="bot", text="x", at=t2),
            Message(conversation_id=c1.id, direction="out", author="ana", text="x", at=t3),
            Message(conversation_id=c1.id, direction="note", author="ana", text="x", at=t3),
            # whatsapp: one passport answer
            Message(conversation_id=c2.id, direction="in", author="person", text="x", at=t1),
            Message(conversation_id=c2.id, direction="out", author="bot", text="x", at=t1,
                    intent="passport"),
        ])
        s.add_all([
            Outbox(channel="telegram", address="5001", text="x", status="pending",
                   created_at=now - dt.timedelta(seconds=90)),
            Outbox(channel="telegram", address="5001", text="x", status="pending"),
            Outbox(channel="telegram", address="5001", text="x", status="sent", sent_at=now),
            Outbox(channel="telegram", address="5001", text="x", status="failed"),
            Outbox(channel="whatsapp", address="w", text="x", status="held"),
            Outbox(channel="whatsapp", address="w", text="x", status="failed"),
            Outbox(channel="whatsapp", address="w", text="x", status="failed"),
            Erasure(),
        ])
        s.commit()

    got = scrape(app)
    msgs = "paisano_messages_total"
    assert got[(msgs, (("channel", "telegram"), ("direction", "in")))] == 2
    assert got[(msgs, (("channel", "telegram"), ("direction", "out")))] == 4
    assert got[(msgs, (("channel", "whatsapp"), ("direction", "in")))] == 1
    assert got[(msgs, (("channel", "whatsapp"), ("direction", "out")))] == 1
    assert got[(msgs, (("channel", "webchat"), ("direction", "in")))] == 0
    assert got[("paisano_intents_answered_total", (("intent", "greeting"),))] == 1
    assert got[("paisano_intents_answered_total", (("intent", "passport"),))] == 1
    assert got[("paisano_fallbacks_total", ())] == 1
    assert got[("paisano_erasures_total", ())] == 1
    assert got[("paisano_handoffs_waiting", (("urgent", "true"),))] == 1
    assert got[("paisano_handoffs_waiting", (("urgent", "false"),))] == 0
    assert got[("paisano_handoffs_assigned", ())] == 1
    assert 590 <= got[("paisano_handoff_oldest_wait_seconds", ())] < 900
    backlog = "paisano_outbox_backlog"
    assert got[(backlog, (("channel", "telegram"), ("status", "pending")))] == 2
    assert got[(backlog, (("channel", "whatsapp"), ("status", "held")))] == 1
    assert got[(backlog, (("channel", "telegram"), ("status", "held")))] == 0
    assert got[("paisano_outbox_failed", (("channel", "telegram"),))] == 1
    assert got[("paisano_outbox_failed", (("channel", "whatsapp"),))] == 2
    age = got[("paisano_outbox_oldest_pending_seconds", (("channel", "telegram"),))]
    assert 85 <= age < 600


def test_turns_through_the_engine_show_up(app: Flask, engine: ConversationEngine) -> None:
    with session_of(app) as s:
        for text in ("hola", "zxqv wqpl mmrrt"):
            engine.handle(s, Inbound("webchat", "browser-1", text))
            s.commit()
    got = scrape(app)
    assert got[("paisano_messages_total", (("channel", "webchat"), ("direction", "in")))] == 2
    assert got[("paisano_intents_answered_total", (("intent", "greeting"),))] == 1
    assert got[("paisano_fallbacks_total", ())] == 1


def test_every_worker_process_reports_the_same_figures(
    metrics_url: str, catalog: Catalog, engine: ConversationEngine
) -> None:
    first = build_app(metrics_url, catalog, engine)
    second = build_app(metrics_url, catalog, engine)
    with session_of(first) as s:
        s.add(Outbox(channel="telegram", address="1", text="x", status="pending"))
        s.commit()
    key = ("paisano_outbox_backlog", (("channel", "telegram"), ("status", "pending")))
    assert scrape(first)[key] == scrape(second)[key] == 1
    for app in (first, second):
        app.extensions["helpline"].sa_engine.dispose()


def test_token_is_required_when_configured(
    metrics_url: str, catalog: Catalog, engine: ConversationEngine
) -> None:
    app = build_app(metrics_url, catalog, engine, METRICS_TOKEN="scrape-me")
    client = app.test_client()
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert scrape(app, Authorization="Bearer scrape-me")[("paisano_database_up", ())] == 1
    app.extensions["helpline"].sa_engine.dispose()


def test_token_set_in_a_dotenv_file_is_required(
    metrics_url: str, catalog: Catalog, engine: ConversationEngine, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """METRICS_TOKEN in ``.env`` used to be ignored (read from the process environment only)."""
    (tmp_path / ".env").write_text("METRICS_TOKEN=from-dotenv\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("METRICS_TOKEN", raising=False)
    settings = dataclasses.replace(Settings.from_env(), database_url=metrics_url)
    app = build_app(metrics_url, catalog, engine, settings)
    client = app.test_client()
    assert client.get("/metrics").status_code == 401
    assert scrape(app, Authorization="Bearer from-dotenv")[("paisano_database_up", ())] == 1
    app.extensions["helpline"].sa_engine.dispose()


def test_database_down_is_a_metric_not_an_error(tmp_path: Path) -> None:
    broken = db.make_engine(f"sqlite:///{tmp_path / 'missing' / 'nowhere.db'}")
    collector = metrics.DatabaseCollector(db.make_sessionmaker(broken))
    families = {f.name: f for f in collector.collect()}
    assert families["paisano_database_up"].samples[0].value == 0
    assert "paisano_messages" not in families
    broken.dispose()


@pytest.mark.parametrize(("host", "remote", "headers", "status"), [
    ("127.0.0.1", "127.0.0.1", {}, 200),
    ("::1", "::1", {}, 200),
    ("192.0.2.10", "127.0.0.1", {}, 403),  # reachable from elsewhere: a token is needed
    ("127.0.0.1", "10.0.0.7", {}, 403),
    ("127.0.0.1", "127.0.0.1", {"X-Forwarded-For": "203.0.113.9"}, 403),  # a local proxy
    (None, "127.0.0.1", {}, 403),  # not run by `paisano serve` (gunicorn): unknown binding
])
def test_without_a_token_only_a_local_scraper_of_a_loopback_server_is_answered(
    metrics_url: str, catalog: Catalog, engine: ConversationEngine, host: str | None, remote: str,
    headers: dict[str, str], status: int,
) -> None:
    app = build_app(metrics_url, catalog, engine, SERVE_HOST=host)
    res = app.test_client().get("/metrics", headers=headers,
                                environ_base={"REMOTE_ADDR": remote})
    assert res.status_code == status
    app.extensions["helpline"].sa_engine.dispose()


def test_a_scrape_reads_the_last_count_and_never_counts_messages(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    scrape(app)  # the first scrape of a process counts
    statements: list[str] = []
    sa_engine = app.extensions["helpline"].sa_engine
    from sqlalchemy import event

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(sa_engine, "before_cursor_execute", seen)
    try:
        for _ in range(20):
            assert scrape(app)[("paisano_database_up", ())] == 1
    finally:
        event.remove(sa_engine, "before_cursor_execute", seen)
    assert not [s for s in statements if "messages" in s]  # nothing counted per scrape


def test_figures_are_counted_again_in_the_background_once_stale(
    metrics_url: str, catalog: Catalog, engine: ConversationEngine
) -> None:
    app = build_app(metrics_url, catalog, engine, METRICS_CACHE_SECONDS=0)
    key = ("paisano_outbox_backlog", (("channel", "telegram"), ("status", "pending")))
    assert scrape(app)[key] == 0
    with session_of(app) as s:
        s.add(Outbox(channel="telegram", address="1", text="x", status="pending"))
        s.commit()
    for _ in range(200):  # the stale scrape starts a count; a later one shows it
        if scrape(app)[key] == 1:
            break
        threading.Event().wait(0.05)
    assert scrape(app)[key] == 1
    app.extensions["helpline"].sa_engine.dispose()


def test_a_recount_reads_only_the_messages_stored_since_the_last(
    metrics_url: str, catalog: Catalog, engine: ConversationEngine
) -> None:
    from sqlalchemy import event

    app = build_app(metrics_url, catalog, engine, METRICS_CACHE_SECONDS=0)
    key = ("paisano_messages_total", (("channel", "telegram"), ("direction", "in")))
    with session_of(app) as s:
        person = Contact(channel="telegram", external_id="9001")
        s.add(person)
        s.flush()
        conv = Conversation(contact_id=person.id)
        s.add(conv)
        s.flush()
        s.add(Message(conversation_id=conv.id, direction="in", author="person", text="x"))
        s.commit()
        conv_id = conv.id
    assert scrape(app)[key] == 1
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    sa_engine = app.extensions["helpline"].sa_engine
    event.listen(sa_engine, "before_cursor_execute", seen)
    try:
        with session_of(app) as s:
            s.add(Message(conversation_id=conv_id, direction="in", author="person", text="y"))
            s.commit()
        for _ in range(200):
            if scrape(app)[key] == 2:
                break
            threading.Event().wait(0.05)
        assert scrape(app)[key] == 2
    finally:
        event.remove(sa_engine, "before_cursor_execute", seen)
        sa_engine.dispose()
    counts = [s for s in statements if "count(" in s.lower() and "messages" in s]
    assert counts and all("BETWEEN" in s for s in counts)  # never the whole table again


def test_a_long_first_count_does_not_hold_the_scrape(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A first count that takes longer than a scrape may wait (a million messages on
    # PostgreSQL): the scrape says so at once, and a later one has the figures.
    release = threading.Event()
    update = MessageTally.update

    def slow(tally: MessageTally, session: Session) -> None:
        release.wait(10)
        update(tally, session)

    monkeypatch.setattr(MessageTally, "update", slow)
    monkeypatch.setattr(metrics, "FIRST_WAIT_SECONDS", 2.0)
    first = scrape(app)
    assert first == {("paisano_metrics_counting", ()): 1}
    # The wait is counted from the count's start: a later scrape answers at once, before
    # the count (released a second after it asks) could give it the figures.
    threading.Timer(1.0, release.set).start()
    assert scrape(app) == first
    key = ("paisano_messages_total", (("channel", "telegram"), ("direction", "in")))
    for _ in range(200):
        if key in scrape(app):
            break
        threading.Event().wait(0.05)
    got = scrape(app)
    assert got[key] == 0 and got[("paisano_database_up", ())] == 1
    assert ("paisano_metrics_counting", ()) not in got
