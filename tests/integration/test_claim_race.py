"""Two agents click "claim" at once: exactly one wins, on SQLite and on PostgreSQL.

Real threads, each with its own connection, released together by a barrier. Each backend
gets a throwaway database of its own (a temporary SQLite file; a PostgreSQL database
created for the test and dropped after), so the race does not touch the suite's database.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot import agents, db, handoff
from bot.content import Catalog
from bot.engine import ConversationEngine
from bot.models import Agent, AuditLog, Contact, Conversation, Message, utcnow
from tests.integration.test_console_support import bearer, console, plain_settings
from tests.pg import empty_database

AGENTS = 6
ROUNDS = 5


@pytest.fixture(params=["sqlite", "postgresql"])
def race_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh empty database of each kind."""
    with empty_database(request.param, tmp_path, "paisano_race") as url:
        yield url


@pytest.fixture
def sessions(race_url: str) -> Iterator[sessionmaker[Session]]:
    sa = db.make_engine(race_url)
    db.create_schema(sa)
    yield db.make_sessionmaker(sa)
    sa.dispose()


def _setup(sessions: sessionmaker[Session]) -> tuple[list[int], list[int]]:
    with sessions() as s:
        ids = [agents.create_agent(s, f"agente{i}", "contraseña segura").id
               for i in range(AGENTS)]
        convs = []
        for n in range(ROUNDS):
            conv = Conversation(contact=Contact(channel="webchat", external_id=f"race-{n}"),
                                status="waiting", state="waiting", waiting_since=utcnow())
            s.add(conv)
            s.flush()
            convs.append(conv.id)
        s.commit()
    return ids, convs


def _race(sessions: sessionmaker[Session], catalog: Catalog, conv_id: int,
          agent_ids: list[int]) -> tuple[list[str], list[str], list[BaseException]]:
    barrier = threading.Barrier(len(agent_ids))
    winners: list[str] = []
    losers: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def click(agent_id: int) -> None:
        try:
            with sessions() as s:
                agent = s.get(Agent, agent_id)
                assert agent is not None
                s.commit()  # as the console and the API do: the claim starts a transaction
                barrier.wait(timeout=10)
                try:
                    handoff.claim(s, catalog, conv_id, agent)
                    s.commit()
                except handoff.Conflict:
                    s.rollback()
                    with lock:
                        losers.append(agent.name)
                    return
                with lock:
                    winners.append(agent.name)
        except BaseException as exc:  # surfaced in the main thread
            with lock:
                errors.append(exc)

    threads = [threading.Thread(target=click, args=(a,)) for a in agent_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)
    return winners, losers, errors


def test_exactly_one_agent_wins_each_claim(
    sessions: sessionmaker[Session], catalog: Catalog
) -> None:
    agent_ids, conv_ids = _setup(sessions)
    for conv_id in conv_ids:
        winners, losers, errors = _race(sessions, catalog, conv_id, agent_ids)
        assert errors == []
        assert len(winners) == 1 and len(losers) == AGENTS - 1
        with sessions() as s:
            conv = s.get(Conversation, conv_id)
            assert conv is not None
            assert (conv.status, conv.assigned_to) == ("assigned", winners[0])
            joined = s.scalar(select(func.count()).where(Message.conversation_id == conv_id,
                                                         Message.direction == "out"))
            claims = s.scalars(select(AuditLog.agent).where(
                AuditLog.conversation_id == conv_id, AuditLog.action == "claim")).all()
        assert joined == 1  # the person is told once who joined
        assert claims == winners


def test_concurrent_claims_through_the_api(db_url: str, catalog: Catalog,
                                           engine: ConversationEngine) -> None:
    """The same race over HTTP (Flask test clients in threads): one 200, the rest 409."""
    with console(plain_settings(db_url), catalog, engine, senders={}) as c:
        tokens = []
        for i in range(AGENTS):
            c.add_agent(f"api{i}")
            tokens.append(bearer(c.token(f"api{i}")))
        conv_id = c.waiting()
        barrier = threading.Barrier(AGENTS)
        codes: list[int] = []
        lock = threading.Lock()

        def click(headers: dict[str, str]) -> None:
            client = c.new_client()
            barrier.wait(timeout=10)
            code = client.post(f"/api/v1/conversations/{conv_id}/claim",
                               headers=headers).status_code
            with lock:
                codes.append(code)

        threads = [threading.Thread(target=click, args=(t,)) for t in tokens]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert sorted(codes) == [200] + [409] * (AGENTS - 1)
