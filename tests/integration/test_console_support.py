"""Helpers for the console and agent API tests (no tests here): agents, logins, a queue.

Built on ``webhook_support.harness`` (the real app on the real database, rows cleaned up
afterwards); agents and audit rows the tests create are deleted too.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import delete, func, select
from werkzeug.test import TestResponse

from bot import agents
from bot.config import Settings
from bot.content import Catalog
from bot.engine import ConversationEngine
from bot.messages import Inbound
from bot.models import Agent, AuditLog, Conversation, LoginThrottle
from tests.integration.webhook_support import Harness, harness

PASSWORD = "correct horse battery"
HANDOFF_TEXT = "quiero hablar con una persona"
_people = itertools.count(1)


@dataclasses.dataclass
class Console:
    """The app, plus helpers that act like an agent (console or API) or a person (web chat)."""

    h: Harness

    @property
    def client(self) -> FlaskClient:
        """The default test client."""
        return self.h.client

    def add_agent(self, name: str, role: str = "agent", password: str = PASSWORD,
                  display_name: str | None = None) -> int:
        """Create an agent; return its id."""
        with self.h.sessions() as s:
            agent = agents.create_agent(s, name, password, role, display_name)
            s.commit()
            return agent.id

    def token(self, name: str) -> str:
        """A new API token for ``name``."""
        with self.h.sessions() as s:
            agent = agents.agent_by_name(s, name)
            assert agent is not None
            token = agents.issue_token(s, agent)
            s.commit()
            return token

    def agent(self, name: str) -> Agent:
        """The agent row as stored now."""
        with self.h.sessions() as s:
            agent = agents.agent_by_name(s, name)
            assert agent is not None
            return agent

    def new_client(self) -> FlaskClient:
        """Another browser."""
        return self.h.app.test_client()

    def login(self, client: FlaskClient, name: str, password: str = PASSWORD,
              **kwargs: Any) -> TestResponse:
        """Fill in and send the login form."""
        token = csrf(client, "/console/login")
        return client.post("/console/login", data={"name": name, "password": password,
                                                   "csrf_token": token}, **kwargs)

    def waiting(self, channel: str = "webchat", sender: str | None = None,
                text: str = HANDOFF_TEXT) -> int:
        """A person asks for a human: the id of their waiting conversation."""
        sender = sender or f"console-test-{next(_people)}-5551234"
        with self.h.sessions() as s:
            outcome = self.h.helpline.pipeline.receive(s, Inbound(channel, sender, text),
                                              inline=channel == "webchat")
            assert outcome is not None and outcome.handoff, outcome
            assert outcome.conversation_id is not None
            return outcome.conversation_id

    def person_says(self, conv_id: int, text: str) -> None:
        """The person of ``conv_id`` writes again."""
        conv = self.conversation(conv_id)
        with self.h.sessions() as s:
            contact = conv.contact
            self.h.helpline.pipeline.receive(s, Inbound(contact.channel, contact.external_id, text),
                                    inline=contact.channel == "webchat")

    def conversation(self, conv_id: int) -> Conversation:
        """The conversation as stored now (with its contact and messages loaded)."""
        with self.h.sessions() as s:
            conv = s.get(Conversation, conv_id)
            assert conv is not None
            _ = conv.contact, list(conv.messages)
            return conv

    def audit(self) -> list[tuple[str, str, int | None]]:
        """(agent, action, conversation id) of the audit rows, oldest first."""
        with self.h.sessions() as s:
            return [(r.agent, r.action, r.conversation_id)
                    for r in s.scalars(select(AuditLog).order_by(AuditLog.id))]


def csrf(client: FlaskClient, page: str = "/console/") -> str:
    """The CSRF token of this browser's console session, read from a page."""
    res = client.get(page)
    assert res.status_code == 200, res.status_code
    found = re.search(r'name="csrf-token" content="([^"]+)"', res.get_data(as_text=True))
    assert found is not None
    return found.group(1)


def post(client: FlaskClient, path: str, **form: str) -> TestResponse:
    """A console form POST with the CSRF token."""
    return client.post(path, data={"csrf_token": csrf(client), **form})


def bearer(token: str) -> dict[str, str]:
    """The Authorization header of the agent API."""
    return {"Authorization": f"Bearer {token}"}


@contextmanager
def console(settings: Settings, catalog: Catalog, engine: ConversationEngine,
            **kwargs: Any) -> Iterator[Console]:
    """The real app; agents and audit rows created meanwhile are deleted afterwards."""
    with harness(settings, catalog, engine, **kwargs) as h:
        with h.sessions() as s:
            start = {t: s.scalar(select(func.coalesce(func.max(t.id), 0)))
                     for t in (Agent, AuditLog)}
        try:
            yield Console(h)
        finally:
            with h.sessions() as s:
                for table, last in start.items():
                    s.execute(delete(table).where(table.id > last))
                s.execute(delete(LoginThrottle))  # console sessions went with their agents
                s.commit()


def plain_settings(db_url: str) -> Settings:
    """Settings with no channels, served over plain http (the test client)."""
    return Settings(database_url=db_url, secret_key="test-secret")
