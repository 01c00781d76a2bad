"""``GET /metrics``: Prometheus text format, every figure read from the database.

Per-process counters would be wrong behind several gunicorn workers (each scrape reaches
one of them) and blind to the separate ``paisano worker`` processes; the database sees
everything, so a collector queries it. Counting a million messages takes about a second,
so the figures are counted at most every ``METRICS_CACHE_SECONDS`` (30) in a thread of
their own and a scrape only reads the last count: a scraper hit many times a second adds no
database work, and no scrape waits for a count (except the first of a process):

    paisano_messages_total{channel,direction}     messages in (people) and out (bot, agents)
    paisano_intents_answered_total{intent}        bot turns that answered an intent
    paisano_fallbacks_total                       bot turns with no intent (not understood,
                                                  unsupported media, a number off the menu)
    paisano_erasures_total                        "delete my data" requests
    paisano_handoffs_waiting{urgent}              conversations waiting for a person
    paisano_handoffs_assigned                     conversations with a person now
    paisano_handoff_oldest_wait_seconds           how long the longest wait has lasted
    paisano_outbox_backlog{channel,status}        pending, sending and held outbox rows
    paisano_outbox_failed{channel}                outbox rows that gave up
    paisano_outbox_oldest_pending_seconds{channel} age of the oldest unsent pending row
    paisano_inbox_waiting{channel}                messages stored, not answered yet
    paisano_inbox_failed{channel}                 messages the engine failed on (kept)
    paisano_inbox_oldest_waiting_seconds          how long the oldest one has waited
    paisano_database_up                           0 when the queries failed

The message and turn totals are kept per process (``MessageTally``): each count adds only the
messages stored since the previous one, so it costs what the traffic costs, and the purge
never lowers them (a process restart starts them over, which Prometheus reads as a reset).
Only counts leave the database here: no ids, numbers or texts. With ``METRICS_TOKEN``
(settings or app config) a scrape needs ``Authorization: Bearer <token>``; without it, only
a scraper on this machine talking straight to ``paisano serve`` bound to a loopback address
(``SERVE_HOST``) is answered.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Flask, Response, current_app, request
from prometheus_client import CollectorRegistry
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import choose_encoder
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot import channels
from bot.models import Contact, Conversation, Erasure, InboundEvent, Message, Outbox, utcnow

__all__ = ["DatabaseCollector", "bp", "init_app"]

log = logging.getLogger(__name__)

bp = Blueprint("metrics", __name__)
BACKLOG = ("pending", "sending", "held", "later")
CACHE_SECONDS = 30.0
FIRST_WAIT_SECONDS = 5.0  # a process's first count: how long a scrape waits for it
FORWARDED = ("X-Forwarded-For", "Forwarded", "X-Real-IP")  # a proxy: not this machine's


class DatabaseCollector:
    """A prometheus_client collector that serves the last count of the database's rows and
    counts again, in the background, once that count is older than ``ttl`` seconds."""

    def __init__(self, sessions: sessionmaker[Session], ttl: float = CACHE_SECONDS) -> None:
        self.sessions = sessions
        self.ttl = ttl
        self._lock = threading.Lock()
        self._families: list[Metric] | None = None
        self._counted_at = 0.0
        self._refreshing = False
        self._tally = MessageTally()
        self._counting = threading.Lock()
        self._first = threading.Event()  # set once the first count has finished
        self._first_started: float | None = None

    def describe(self) -> list[Metric]:
        """Nothing up front: registering must not query the database."""
        return []

    def collect(self) -> Iterator[Metric]:
        """The last count's metric families. The first scrape of a process starts the first
        count and waits for it at most ``FIRST_WAIT_SECONDS``: on a large database (a minute
        for a million messages on PostgreSQL) it answers before that with only
        ``paisano_metrics_counting``, and the figures come with a later scrape."""
        with self._lock:
            families, stale = self._families, time.monotonic() - self._counted_at >= self.ttl
            if stale and not self._refreshing:
                self._refreshing = True
                if self._first_started is None:
                    self._first_started = time.monotonic()
                threading.Thread(target=self._count, name="metrics-count", daemon=True).start()
            started = self._first_started or 0.0
        # Only the first scrapes wait: the wait ends FIRST_WAIT_SECONDS after the count began.
        wait = max(0.0, started + FIRST_WAIT_SECONDS - time.monotonic())
        if families is None and self._first.wait(wait):
            families = self._families
        if families is None:
            yield GaugeMetricFamily(
                "paisano_metrics_counting",
                "1 while this process counts the database for the first time.", 1)
            return
        yield from families
        yield GaugeMetricFamily("paisano_metrics_age_seconds",
                                "How old the figures of this scrape are.",
                                time.monotonic() - self._counted_at)

    def _count(self) -> None:
        """Query the database for every metric family and keep the result."""
        started = time.perf_counter()
        try:
            with self.sessions() as session:
                with self._counting:  # one count at a time adds to the tally
                    families = [*_messages(session, self._tally), *_handoffs(session),
                                *_outbox(session), *_inbox(session)]
        except Exception:  # SQLAlchemyError, or anything in the background thread
            log.exception("metrics: database query failed")
            families, up = [], 0.0
        else:
            up = 1.0
        families.append(
            GaugeMetricFamily("paisano_database_up", "1 when the metrics queries worked.", up))
        families.append(GaugeMetricFamily(
            "paisano_metrics_scrape_seconds", "Time the last count of the figures took.",
            time.perf_counter() - started))
        with self._lock:
            self._families, self._counted_at, self._refreshing = (
                families, time.monotonic(), False)
        self._first.set()


@dataclass
class MessageTally:
    """Running totals of the messages table, kept between counts: each count reads only the
    messages stored since the last one (ids above ``last_id``), so its cost follows the
    traffic, not the table's size. Rows the purge deletes stay counted, as a counter should."""

    last_id: int = 0
    by_channel: dict[tuple[str, str], int] = field(default_factory=dict)
    by_intent: dict[str | None, int] = field(default_factory=dict)

    def update(self, session: Session) -> None:
        """Add the messages stored since the last update."""
        top = session.scalar(select(func.max(Message.id))) or 0
        if top <= self.last_id:
            return
        new = Message.id.between(self.last_id + 1, top)
        # Messages are counted per conversation first and only those few rows are joined: a
        # planner without statistics (a fresh bulk load, a restore) once chose a nested loop
        # over the whole join, 80 s for a million messages on PostgreSQL.
        per_conversation = (
            select(Message.conversation_id, Message.direction, func.count().label("n"))
            .where(new, Message.direction.in_(("in", "out")))
            .group_by(Message.conversation_id, Message.direction)
            .subquery()
        )
        by_channel = session.execute(
            select(Contact.channel, per_conversation.c.direction,
                   func.sum(per_conversation.c.n))
            .select_from(per_conversation)
            .join(Conversation, per_conversation.c.conversation_id == Conversation.id)
            .join(Contact, Conversation.contact_id == Contact.id)
            .group_by(Contact.channel, per_conversation.c.direction)).all()
        # One bot turn = the bot's replies to one message: same conversation, same instant.
        turns = (
            select(Message.conversation_id, Message.at, Message.intent)
            .where(new, Message.direction == "out", Message.author == "bot")
            .distinct()
            .subquery()
        )
        by_intent = session.execute(
            select(turns.c.intent, func.count()).group_by(turns.c.intent)).all()
        # Added only once both queries worked: a failed count adds nothing.
        for channel, direction, n in by_channel:
            key = (channel, direction)
            self.by_channel[key] = self.by_channel.get(key, 0) + int(n)
        for intent, n in by_intent:
            self.by_intent[intent] = self.by_intent.get(intent, 0) + int(n)
        self.last_id = top


def _messages(session: Session, tally: MessageTally) -> Iterator[Metric]:
    tally.update(session)
    by_channel = CounterMetricFamily(
        "paisano_messages", "Messages stored, in from people and out to them.",
        labels=["channel", "direction"],
    )
    counts = {(c, d): 0 for c in channels.people() for d in ("in", "out")}
    counts.update(tally.by_channel)
    for (channel, direction), n in sorted(counts.items()):
        by_channel.add_metric([channel, direction], n)
    yield by_channel
    answered = CounterMetricFamily(
        "paisano_intents_answered", "Bot turns that answered an intent.", labels=["intent"]
    )
    for intent, n in sorted((i, n) for i, n in tally.by_intent.items() if i is not None):
        answered.add_metric([intent], n)
    yield answered
    yield CounterMetricFamily(
        "paisano_fallbacks", "Bot turns that answered no intent (not understood).",
        tally.by_intent.get(None, 0)
    )
    erasures = session.scalar(select(func.count()).select_from(Erasure)) or 0
    yield CounterMetricFamily("paisano_erasures", "Requests to delete a person's data.", erasures)


def _age(since: Any, now: Any) -> float:
    return max((now - since).total_seconds(), 0.0) if since is not None else 0.0


def _handoffs(session: Session) -> Iterator[Metric]:
    now = utcnow()
    waiting = GaugeMetricFamily(
        "paisano_handoffs_waiting", "Conversations waiting for a person.", labels=["urgent"]
    )
    counts = {"true": 0, "false": 0}
    oldest = None
    for urgent, n, since in session.execute(
        select(Conversation.urgent, func.count(), func.min(Conversation.waiting_since))
        .where(Conversation.status == "waiting")
        .group_by(Conversation.urgent)
    ):
        counts["true" if urgent else "false"] = int(n)
        if since is not None and (oldest is None or since < oldest):
            oldest = since
    for label, n in counts.items():
        waiting.add_metric([label], n)
    yield waiting
    assigned = session.scalar(
        select(func.count()).select_from(Conversation).where(Conversation.status == "assigned")
    )
    yield GaugeMetricFamily(
        "paisano_handoffs_assigned", "Conversations with a person now.", assigned or 0)
    yield GaugeMetricFamily(
        "paisano_handoff_oldest_wait_seconds", "How long the longest current wait has lasted.",
        _age(oldest, now),
    )


def _outbox(session: Session) -> Iterator[Metric]:
    now = utcnow()
    backlog = GaugeMetricFamily(
        "paisano_outbox_backlog", "Outbox rows not sent yet.", labels=["channel", "status"]
    )
    failed = GaugeMetricFamily(
        "paisano_outbox_failed", "Outbox rows that could not be delivered.", labels=["channel"]
    )
    oldest = GaugeMetricFamily(
        "paisano_outbox_oldest_pending_seconds",
        "Age of the oldest pending or sending outbox row.", labels=["channel"],
    )
    counts: dict[tuple[str, str], int] = {(c, s): 0 for c in channels.people() for s in BACKLOG}
    failures = dict.fromkeys(channels.people(), 0)
    ages = dict.fromkeys(channels.people(), 0.0)
    for channel, status, n, since in session.execute(
        select(Outbox.channel, Outbox.status, func.count(), func.min(Outbox.created_at))
        .where(Outbox.status.in_((*BACKLOG, "failed")))
        .group_by(Outbox.channel, Outbox.status)
    ):
        if status == "failed":
            failures[channel] = int(n)
            continue
        counts[(channel, status)] = int(n)
        if status in ("pending", "sending"):
            ages[channel] = max(ages.get(channel, 0.0), _age(since, now))
    for (channel, status), n in sorted(counts.items()):
        backlog.add_metric([channel, status], n)
    for channel, n in sorted(failures.items()):
        failed.add_metric([channel], n)
    for channel, age in sorted(ages.items()):
        oldest.add_metric([channel], age)
    yield backlog
    yield failed
    yield oldest


def _inbox(session: Session) -> Iterator[Metric]:
    waiting = GaugeMetricFamily("paisano_inbox_waiting",
                                "Messages stored by the webhooks, not answered yet.",
                                labels=["channel"])
    failed = GaugeMetricFamily("paisano_inbox_failed",
                               "Messages the engine could not answer (kept for staff).",
                               labels=["channel"])
    counts = {(c, s): 0 for c in channels.inbox() for s in ("pending", "failed")}
    oldest = 0.0
    now = utcnow()
    for channel, status, n, since in session.execute(
        select(InboundEvent.channel, InboundEvent.status, func.count(),
               func.min(InboundEvent.received_at))
        .where(InboundEvent.status.in_(("pending", "failed")))
        .group_by(InboundEvent.channel, InboundEvent.status)
    ):
        counts[(channel, status)] = int(n)
        if status == "pending":
            oldest = max(oldest, _age(since, now))
    for channel in channels.inbox():
        waiting.add_metric([channel], counts[(channel, "pending")])
        failed.add_metric([channel], counts[(channel, "failed")])
    yield waiting
    yield failed
    yield GaugeMetricFamily("paisano_inbox_oldest_waiting_seconds",
                            "How long the oldest message not answered yet has waited.", oldest)


# --- the route ----------------------------------------------------------------------------


def init_app(app: Flask) -> None:
    """Serve GET /metrics for ``app`` (after ``app.extensions["helpline"]`` is set)."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(DatabaseCollector(app.extensions["helpline"].reads,
                                        float(app.config.get("METRICS_CACHE_SECONDS",
                                                             CACHE_SECONDS))))
    app.extensions["metrics_registry"] = registry
    app.config.setdefault("METRICS_TOKEN", app.extensions["helpline"].settings.metrics_token)
    app.register_blueprint(bp)


@bp.get("/metrics")
def metrics() -> Response:
    """The metrics in the format the scraper asks for (Prometheus text by default)."""
    token = current_app.config.get("METRICS_TOKEN") or ""
    if not token and not _local_scrape():
        return Response("set METRICS_TOKEN to scrape /metrics from another machine\n", 403,
                        mimetype="text/plain")
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            return Response("metrics token required\n", 401, mimetype="text/plain",
                            headers={"WWW-Authenticate": "Bearer"})
    registry = current_app.extensions["metrics_registry"]
    encoder, content_type = choose_encoder(request.headers.get("Accept", ""))
    return Response(encoder(registry), 200, headers={"Content-Type": content_type})


def _loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address((address or "").strip("[]")).is_loopback
    except ValueError:
        return address == "localhost"


def _local_scrape() -> bool:
    """True for a scraper on this machine talking straight to a server that only listens on
    a loopback address (``SERVE_HOST``, set by ``paisano serve``): no one else can reach it.
    A request a proxy forwarded is from elsewhere, even when the proxy is on this machine."""
    return (_loopback(current_app.config.get("SERVE_HOST"))
            and _loopback(request.remote_addr)
            and not any(name in request.headers for name in FORWARDED))
