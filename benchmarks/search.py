"""The console's search (issue 15) on a large database: how long each kind of query takes.

    .venv/bin/python benchmarks/search.py [--conversations 20000] [--messages 10] [--only sqlite]

Fills a throwaway database (a SQLite file in a temporary folder; a PostgreSQL database on
127.0.0.1:5432, dropped afterwards, when one answers) with ``--conversations`` conversations
of ``--messages`` messages each, spread over the retention period, 5 % of them labelled,
then times ``bot.search.find`` (one page, as the search page runs it) for each query kind,
and the contact view. Prints p50 and p99 in milliseconds per query kind. The machine is
shared: figures are as measured, not a pass/fail.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, insert
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot import db, search  # noqa: E402
from bot.content import load_catalog  # noqa: E402
from bot.models import Contact, Conversation, ConversationLabel, Message  # noqa: E402

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
WORDS = ("hola necesito informes sobre remesas pasaporte visa trabajo escuela salud doble "
         "nacionalidad apostilla acta nacimiento consulado familia regreso deportado beca "
         "negocio ayuda gracias").split()
TZ = ZoneInfo("America/Mexico_City")
REPEAT = 15


def databases(only: str | None) -> Iterator[tuple[str, str]]:
    """(kind, URL) of each throwaway database; dropped or deleted afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        found = []
        if only in (None, "sqlite"):
            found.append(("sqlite", f"sqlite:///{Path(folder) / 'search.db'}"))
        name = f"bench_search_{secrets.token_hex(4)}"
        admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
        made = False
        if only in (None, "postgresql"):
            try:
                with admin.connect() as conn:
                    conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
                made = True
                found.append(("postgresql", POSTGRES.rsplit("/", 1)[0] + f"/{name}"))
            except Exception as exc:  # noqa: BLE001 - no server: SQLite only
                print(f"PostgreSQL skipped: {type(exc).__name__}")
        try:
            yield from found
        finally:
            if made:
                with admin.connect() as conn:
                    conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.dispose()


def fill(url: str, conversations: int, per: int, intents: list[str]) -> dict[str, Any]:
    """Rows spread over the last 170 days; what to search for."""
    rng = random.Random(15)
    engine = db.make_engine(url)
    db.create_schema(engine)
    now = dt.datetime.now(dt.UTC)
    contacts, convs, messages, labels = [], [], [], []
    message_id = 0
    for i in range(1, conversations + 1):
        at = now - dt.timedelta(minutes=rng.randrange(170 * 24 * 60))
        contacts.append({"id": i, "channel": rng.choice(("whatsapp", "telegram", "sms",
                                                          "webchat")),
                         "external_id": f"whatsapp:+52147{i:08d}", "lang": "es",
                         "created_at": at, "last_inbound_at": at})
        convs.append({"id": i, "contact_id": i, "status": rng.choice(("bot", "closed",
                                                                      "waiting", "assigned")),
                      "lang": rng.choice(("es", "es", "en", "ht")), "urgent": rng.random() < .05,
                      "topic": rng.choice(intents), "assigned_to": rng.choice((None, "ana",
                                                                              "beto")),
                      "created_at": at, "updated_at": at + dt.timedelta(minutes=per)})
        for n in range(per):
            message_id += 1
            words = rng.sample(WORDS, 6)
            if rng.random() < .002:
                words.append("humanitaria")
            messages.append({"id": message_id, "conversation_id": i, "direction": "in",
                             "author": "person", "text": " ".join(words),
                             "at": at + dt.timedelta(minutes=n)})
        if rng.random() < .05:
            labels.append({"conversation_id": i, "label": rng.choice(("visa", "seguimiento")),
                           "created_by": "ana", "created_at": at})
    with engine.begin() as conn:
        for table, rows in ((Contact, contacts), (Conversation, convs), (Message, messages),
                            (ConversationLabel, labels)):
            for start in range(0, len(rows), 5000):
                conn.execute(insert(table), rows[start:start + 5000])
    engine.dispose()
    return {"digits": f"{conversations // 2:08d}"[-4:],
            "number": f"+52147{conversations // 2:08d}"}


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """p50 and p99 in milliseconds of ``REPEAT`` runs (after one warm-up)."""
    run()
    took = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        run()
        took.append((time.perf_counter() - t0) * 1000)
    took.sort()
    return statistics.median(took), took[min(len(took) - 1, int(len(took) * .99))]


def main() -> None:
    """Fill, time, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=20_000)
    parser.add_argument("--messages", type=int, default=10, help="messages a conversation")
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    catalog = load_catalog()
    intents = sorted(catalog.intents)
    for kind, url in databases(args.only):
        t0 = time.perf_counter()
        facts = fill(url, args.conversations, args.messages, intents)
        print(f"== {kind}: {args.conversations:,} conversations, "
              f"{args.conversations * args.messages:,} messages "
              f"(filled in {time.perf_counter() - t0:.1f} s)")
        measure(url, facts, intents, args.conversations // 2)


def measure(url: str, facts: dict[str, Any], intents: list[str], contact_id: int) -> None:
    """Time each query kind and the contact view on the filled database; print them."""
    engine = db.make_engine(url)
    oldest = dt.datetime.now(dt.UTC) - dt.timedelta(days=180)
    week_ago = (dt.datetime.now(TZ) - dt.timedelta(days=7)).date()
    queries = {
        "newest, no text (status)": search.Query(status="closed"),
        "text, all dates": search.Query(text="humanitaria"),
        "text, last 7 days": search.Query(text="humanitaria", date_from=week_ago),
        "contact, last 4 digits": search.Query(contact=facts["digits"]),
        "contact, full number": search.Query(contact=facts["number"].lstrip("+")),
        "label": search.Query(label="visa"),
        "topic + channel + language": search.Query(intent=intents[0], channel="whatsapp",
                                                   lang="es"),
        "text + agent + urgent, page 3": search.Query(text="visa", agent="ana", urgent=True,
                                                      page=3),
    }
    with Session(engine) as s:
        for name, q in queries.items():
            run = functools.partial(search.find, s, q, oldest=oldest, tz=TZ)
            p50, p99 = timed(run)
            hits = len(run()[0])
            print(f"  {name:32s} p50 {p50:7.1f} ms  p99 {p99:7.1f} ms  ({hits} on the page)")
        p50, p99 = timed(lambda: search.contact_history(s, contact_id, oldest))
        print(f"  {'contact view':32s} p50 {p50:7.1f} ms  p99 {p99:7.1f} ms")
    engine.dispose()


if __name__ == "__main__":
    main()
