"""Limits per client address (issue 14 items 1 and 6): Flask-Limiter on the HTTP routes, new
web chats and handoffs per client, with the counters in memory or in a shared Redis."""

from __future__ import annotations

import dataclasses
import socket
import threading
import time
import uuid
from collections.abc import Iterator

import pytest
from flask import Flask
from limits import parse
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy import func, select

from bot.config import Settings
from bot.engine import ConversationEngine
from bot.models import Contact, Conversation
from tests.integration.test_webchat import csrf, say
from tests.integration.webhook_support import Rows
from webhooks.app import create_app
from webhooks.limits import init_app

REDIS = ("127.0.0.1", 6379)


def make_app(db_url: str, engine: ConversationEngine, **limits: object) -> Flask:
    from bot.runtime import Helpline

    settings = dataclasses.replace(Settings(database_url=db_url, secret_key="test-secret"),
                                   **limits)
    helpline = Helpline.build(settings, engine=engine, senders={})
    app = create_app({"SETTINGS": settings, "HELPLINE": helpline, "TESTING": True})
    app.extensions["test_helpline"] = helpline
    return app


@pytest.fixture
def app(db_url: str, engine: ConversationEngine) -> Iterator[Flask]:
    app = make_app(db_url, engine, webchat_new_per_hour=3, handoffs_per_hour=2)
    rows = Rows(app.extensions["test_helpline"].sessions)
    yield app
    rows.cleanup()  # the database is shared by the whole run: its queue too
    app.extensions["test_helpline"].close()


def webchat_and_urgent(app: Flask) -> tuple[int, int]:
    with app.extensions["test_helpline"].sessions() as s:
        return (s.scalar(select(func.count()).select_from(Contact)
                         .where(Contact.channel == "webchat")) or 0,
                s.scalar(select(func.count()).select_from(Conversation)
                         .where(Conversation.urgent.is_(True))) or 0)


def test_one_address_cannot_make_more_than_n_new_web_chats(app: Flask) -> None:
    before = webchat_and_urgent(app)  # the database is shared by the whole run
    codes = []
    for _ in range(5):
        client = app.test_client()  # a new cookie: a new "person"
        codes.append(say(client, csrf(client), "me detuvo la migra ayuda").status_code)
    assert codes == [200, 200, 429, 429, 429]  # the third opened no chat: two handoffs
    after = webchat_and_urgent(app)
    assert (after[0] - before[0], after[1] - before[1]) == (2, 2)


def test_a_person_already_with_staff_is_never_stopped(app: Flask) -> None:
    first = app.test_client()
    token = csrf(first)
    assert say(first, token, "me detuvo la migra ayuda").get_json()["handoff"]
    second = app.test_client()
    assert say(second, csrf(second), "me detuvo la migra ayuda").status_code == 200
    for _ in range(5):  # the address is over its handoffs; the person in the queue still talks
        assert say(first, token, "sigo aqui").status_code == 200


def test_every_route_is_limited_per_address_with_a_json_429(app: Flask) -> None:
    client = app.test_client()
    csrf(client)
    codes = [client.get("/webchat/messages?after=0").status_code for _ in range(601)]
    assert codes[:600] == [200] * 600 and codes[600] == 429
    assert "error" in client.get("/webchat/messages?after=0").get_json()


def test_webhooks_and_healthz_are_not_limited_by_address(app: Flask) -> None:
    client = app.test_client()
    assert all(client.get("/healthz").status_code == 200 for _ in range(400))


def redis_up() -> bool:
    try:
        socket.create_connection(REDIS, timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_up(), reason="no Redis on 127.0.0.1:6379")
def test_two_processes_share_the_counts_in_redis(db_url: str, engine: ConversationEngine) -> None:
    # Two apps stand for two processes; a random client address keeps earlier runs' counts
    # (kept an hour in Redis) out of this one.
    uri = "redis://127.0.0.1:6379/15"
    a = make_app(db_url, engine, webchat_new_per_hour=2, ratelimit_storage_uri=uri)
    b = make_app(db_url, engine, webchat_new_per_hour=2, ratelimit_storage_uri=uri)
    address = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.7"
    try:
        codes = []
        for app in (a, b, a, b):
            client = app.test_client()
            env = {"REMOTE_ADDR": address}
            page = client.get("/", environ_base=env).get_data(as_text=True)
            csrf_token = page.split('name="csrf-token" content="')[1].split('"')[0]
            codes.append(client.post("/webchat/messages", json={"text": "hola"},
                                     headers={"X-CSRF-Token": csrf_token},
                                     environ_base=env).status_code)
        assert codes == [200, 200, 429, 429]
    finally:
        a.extensions["test_helpline"].close()
        b.extensions["test_helpline"].close()


def test_the_default_store_is_memory_and_the_setting_is_read_exactly() -> None:
    assert Settings.from_env({}).ratelimit_storage_uri == "memory://"
    got = Settings.from_env({"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/3"})
    assert got.ratelimit_storage_uri == "redis://127.0.0.1:6379/3"


def test_the_memory_store_survives_many_threads_at_once() -> None:
    # limits 5.8.0 restarts its expiry timer unlocked: a thread switch just after one request
    # thread stored a new timer let another replace it, and both started the same one
    # ("threads can only be started once"), an unlimited request and a logged traceback.
    app = Flask(__name__)
    limiter = init_app(app, "memory://")
    storage_class = type(limiter.limiter.storage)

    class SwitchAfterTimer(storage_class):  # type: ignore[valid-type, misc]
        """The same store with a thread switch forced where the race lies."""

        def __setattr__(self, name: str, value: object) -> None:
            super().__setattr__(name, value)
            if name == "timer":
                time.sleep(0.002)

    storage = SwitchAfterTimer("memory://")
    hit = MovingWindowRateLimiter(storage).hit
    errors: list[Exception] = []
    start = threading.Barrier(16)

    def hammer(n: int) -> None:
        start.wait()
        for _ in range(40):
            try:
                hit(parse("100000/minute"), "hammer", str(n))
            except Exception as exc:  # what Flask-Limiter would swallow
                errors.append(exc)
            time.sleep(0.003)  # the 10 ms timer dies meanwhile: it is restarted again

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert storage.get_moving_window("LIMITER/hammer/0/100000/1/minute", 100000, 60)[1] == 40
