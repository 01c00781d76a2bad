"""Abuse resistance of the staff console and the agent API (issue 14): login throttling,
server-side sessions, display names, audited reads, bounded ids and bad input."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import sessionmaker

from bot import agents, db, migrations, privacy
from bot.content import Catalog
from bot.models import ConsoleSession, LoginThrottle, utcnow
from tests.integration.test_console_support import PASSWORD, Console, bearer, post
from tests.pg import empty_database


def refusal(res: Any) -> str:
    """The flash message of a refused login."""
    found = re.search(r'class="flash[^"]*"[^>]*>([^<]+)<', res.get_data(as_text=True))
    assert found is not None, res.get_data(as_text=True)
    return found.group(1).strip()


# --- throttling -----------------------------------------------------------------------------


def test_failures_make_the_next_tries_wait_and_every_refusal_reads_the_same(c: Console) -> None:
    c.add_agent("ana")
    answers = set()
    for _ in range(agents.CLIENT_LIMIT.free):
        res = c.login(c.client, "ana", "wrong password!")
        assert res.status_code == 401
        answers.add(refusal(res))
    # The right password must wait too, and the answer does not say so (nor that ana exists).
    waiting = c.login(c.client, "ana")
    assert waiting.status_code == 401
    answers.add(refusal(waiting))
    unknown = c.login(c.new_client(), "nadie", "wrong password!",
                      environ_base={"REMOTE_ADDR": "10.9.9.9"})
    answers.add(refusal(unknown))
    assert len(answers) == 1 and "bloquead" not in answers.pop()
    with c.h.sessions() as s:
        s.execute(update(LoginThrottle).values(blocked_until=utcnow() - dt.timedelta(seconds=1)))
        s.commit()
    assert c.login(c.client, "ana").status_code == 303
    actions = [action for _, action, _ in c.audit()]
    assert actions.count("login_bad") == agents.CLIENT_LIMIT.free
    assert "login_waiting" in actions and "login_unknown" in actions


def test_every_refusal_runs_one_password_hash(c: Console, monkeypatch: Any) -> None:
    """Unknown, wrong, waiting and too long all cost one argon2 check, like a right one, so
    the time of the answer does not tell them apart."""
    c.add_agent("ana")
    checks: list[str] = []
    real = agents._verify

    def counted(password_hash: str, password: str) -> bool:
        checks.append(password_hash)
        return real(password_hash, password)

    monkeypatch.setattr(agents, "_verify", counted)
    t0 = utcnow()
    with c.h.sessions() as s:
        tries = [("nadie", "wrong password!"), ("ana", "wrong password!"),
                 ("ana", "y" * (agents.MAX_PASSWORD + 1))]
        tries += [("ana", "wrong password!")] * agents.CLIENT_LIMIT.free  # the last ones wait
        reasons = [agents.authenticate(s, name, pw, client="10.5.0.1", now=t0).reason
                   for name, pw in tries]
    assert {"unknown", "bad", "too_long", "waiting"} <= set(reasons)
    assert len(checks) == len(tries)


def test_delays_grow_up_to_a_cap_and_the_account_cap_is_short() -> None:
    limit = agents.CLIENT_LIMIT
    delays = [limit.delay(n) for n in range(1, 30)]
    assert delays[: limit.free - 1] == [None] * (limit.free - 1)
    waits = [d for d in delays if d is not None]
    assert waits == sorted(waits) and waits[1] == 2 * waits[0] and waits[-1] == limit.cap
    assert agents.ACCOUNT_LIMIT.cap <= dt.timedelta(minutes=2) < agents.CLIENT_LIMIT.cap


def test_nobody_can_keep_the_only_admin_out_for_long(c: Console) -> None:
    c.add_agent("jefa", role="admin")
    t0 = utcnow()
    with c.h.sessions() as s:
        for n in range(60):  # many clients, many tries, all at once
            agents.authenticate(s, "jefa", "guess guess guess", client=f"10.1.{n}.1", now=t0)
        until = agents.blocked_until(s, "jefa", now=t0)
        assert until is not None and until - t0 <= agents.ACCOUNT_LIMIT.cap
        after = t0 + agents.ACCOUNT_LIMIT.cap + dt.timedelta(seconds=1)
        assert agents.authenticate(s, "jefa", PASSWORD, client="10.2.0.1", now=after).ok


def test_unknown_names_wait_exactly_like_real_ones(c: Console) -> None:
    c.add_agent("ana")
    t0 = utcnow()
    with c.h.sessions() as s:
        for name in ("ana", "nadie"):
            reasons = [agents.authenticate(s, name, "wrong password!", client=f"10.3.{n}.1",
                                           now=t0).reason
                       for n in range(agents.ACCOUNT_LIMIT.free + 1)]
            assert reasons[-1] == "waiting", (name, reasons)
        assert agents.blocked_until(s, "ana", t0) == agents.blocked_until(s, "nadie", t0)


def test_the_purge_forgets_old_failure_counts(c: Console) -> None:
    old = utcnow() - dt.timedelta(days=2)
    with c.h.sessions() as s:
        agents.authenticate(s, "nadie", "wrong password!", client="10.6.0.1", now=old)
        agents.authenticate(s, "nadie", "wrong password!", client="10.6.0.2")
        assert len(s.scalars(select(LoginThrottle)).all()) == 3  # one name, two clients
        privacy.purge(s, privacy.cutoff(180))
        s.commit()
        assert len(s.scalars(select(LoginThrottle)).all()) == 2  # the old client is forgotten


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sessionmaker[Any]]:
    """A session factory on a new database of each kind, with agent ``ana``."""
    with empty_database(request.param, tmp_path, "paisano_login") as url:
        engine = db.make_engine(url)
        migrations.upgrade(engine)
        sessions = db.make_sessionmaker(engine)
        with sessions() as s:
            agents.create_agent(s, "ana", PASSWORD)
            s.commit()
        yield sessions
        engine.dispose()


def test_parallel_wrong_guesses_cannot_race_past_the_delay(fresh: sessionmaker[Any]) -> None:
    t0 = utcnow()
    start = threading.Barrier(15)
    reasons: list[str] = []

    def guess() -> None:
        with fresh() as s:
            start.wait()
            reasons.append(agents.authenticate(s, "ana", "wrong password!", client="10.4.0.1",
                                               now=t0).reason)

    threads = [threading.Thread(target=guess) for _ in range(15)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # Exactly the free tries were checked; the others had to wait.
    assert sorted(reasons) == ["bad"] * agents.CLIENT_LIMIT.free + ["waiting"] * (
        15 - agents.CLIENT_LIMIT.free)
    with fresh() as s:
        right = agents.authenticate(s, "ana", PASSWORD, client="10.4.0.1",
                                    now=t0 + dt.timedelta(seconds=1))
        assert not right.ok and right.reason == "waiting"


def test_the_password_check_holds_no_database_lock(c: Console, monkeypatch: Any) -> None:
    url = c.h.helpline.settings.database_url
    if not url.startswith("sqlite"):
        pytest.skip("the file-wide write lock is SQLite's")
    c.add_agent("ana")
    path = url.removeprefix("sqlite:///")
    real = agents._verify
    wrote: list[bool] = []

    def verify_while_someone_writes(password_hash: str, password: str) -> bool:
        other = sqlite3.connect(path, timeout=0.5, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("INSERT INTO erasures (at) VALUES ('2026-01-01 00:00:00')")
            other.execute("ROLLBACK")
            wrote.append(True)
        except sqlite3.OperationalError:
            wrote.append(False)
        finally:
            other.close()
        return real(password_hash, password)

    monkeypatch.setattr(agents, "_verify", verify_while_someone_writes)
    assert c.login(c.client, "ana", "wrong password!").status_code == 401
    assert c.login(c.new_client(), "ana").status_code == 303
    assert wrote == [True, True]


# --- passwords and names --------------------------------------------------------------------


def test_passwords_over_the_limit_are_refused_when_set_and_at_login(c: Console) -> None:
    long = "x" * (agents.MAX_PASSWORD + 1)
    with c.h.sessions() as s, pytest.raises(agents.AccountError, match="at most 1024"):
        agents.create_agent(s, "largo", long)
    c.add_agent("ana", password="y" * agents.MAX_PASSWORD)  # the limit itself is fine
    assert c.login(c.client, "ana", "y" * agents.MAX_PASSWORD).status_code == 303
    assert c.login(c.new_client(), "ana", "y" * agents.MAX_PASSWORD + "y").status_code == 401


@pytest.mark.parametrize("name", ["\u0430na", "ana luisa", "añа", "ana\u200b", "Ana"])
def test_look_alike_and_non_ascii_login_names_are_refused(c: Console, name: str) -> None:
    c.add_agent("ana")
    with c.h.sessions() as s, pytest.raises(agents.AccountError):
        agents.create_agent(s, name, PASSWORD)


def test_display_names_may_be_any_letters(c: Console) -> None:
    c.add_agent("jose", display_name="José Ñáñez")
    c.add_agent("mirlande", display_name="Mirlande Saint-Fleur")
    assert c.agent("jose").display_name == "José Ñáñez"
    with c.h.sessions() as s, pytest.raises(agents.AccountError, match="display name"):
        agents.create_agent(s, "x1", PASSWORD, display_name="<script>")


# --- sessions -------------------------------------------------------------------------------


def test_a_saved_cookie_no_longer_opens_the_console_after_logout(c: Console) -> None:
    c.add_agent("ana")
    c.login(c.client, "ana")
    saved = c.client.get_cookie("session")
    assert saved is not None and c.client.get("/console/").status_code == 200
    assert post(c.client, "/console/logout").status_code == 303
    thief = c.new_client()
    thief.set_cookie("session", saved.value)
    assert thief.get("/console/").status_code == 302


def test_sessions_end_after_8_idle_hours_and_have_a_bounded_lifetime(c: Console) -> None:
    assert c.h.helpline.settings.console_idle_hours == 8
    c.add_agent("ana")
    for column, age in (("seen_at", dt.timedelta(hours=8, minutes=1)),
                        ("created_at", dt.timedelta(hours=c.h.helpline.settings
                                                    .console_max_hours, minutes=1))):
        browser = c.new_client()
        c.login(browser, "ana")
        assert browser.get("/console/").status_code == 200
        with c.h.sessions() as s:
            s.execute(update(ConsoleSession).values({column: utcnow() - age}))
            s.commit()
        assert browser.get("/console/").status_code == 302, column


def test_a_session_in_use_does_not_time_out(c: Console) -> None:
    c.add_agent("ana")
    c.login(c.client, "ana")
    with c.h.sessions() as s:
        s.execute(update(ConsoleSession).values(seen_at=utcnow() - dt.timedelta(hours=7)))
        s.commit()
    assert c.client.get("/console/").status_code == 200  # used now: the 8 hours start again
    with c.h.sessions() as s:
        [seen] = s.scalars(select(ConsoleSession.seen_at)).all()
    assert utcnow() - seen < dt.timedelta(minutes=5)


def test_password_reset_and_disable_end_sessions_and_the_api_token(c: Console) -> None:
    c.add_agent("jefa", role="admin")
    carla_id = c.add_agent("carla")
    c.login(c.client, "jefa")
    carla = c.new_client()
    c.login(carla, "carla")
    token = c.token("carla")
    assert c.client.get("/api/v1/conversations", headers=bearer(token)).status_code == 200
    post(c.client, f"/console/agents/{carla_id}/reset", password="otra contraseña larga")
    assert carla.get("/console/").status_code == 302
    assert c.client.get("/api/v1/conversations", headers=bearer(token)).status_code == 401
    c.login(carla, "carla", "otra contraseña larga")
    token = c.token("carla")
    post(c.client, f"/console/agents/{carla_id}/disable")
    with c.h.sessions() as s:
        assert s.scalars(select(ConsoleSession).where(ConsoleSession.agent_id == carla_id)
                         ).all() == []
    assert c.client.get("/api/v1/conversations", headers=bearer(token)).status_code == 401


# --- what people see, what is audited -------------------------------------------------------


def test_people_see_the_display_name_never_the_login_name(c: Console, catalog: Catalog) -> None:
    c.add_agent("beto", display_name="Roberto")
    c.add_agent("x_anon")
    person = c.h.app.test_client()
    page = person.get("/").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page)
    assert token is not None
    res = person.post("/webchat/messages", json={"text": "quiero hablar con una persona"},
                      headers={"X-CSRF-Token": token.group(1)})
    assert res.status_code == 200 and res.get_json()["handoff"]
    [conv_id] = [r["id"] for r in c.client.get("/api/v1/conversations",
                                               headers=bearer(c.token("beto"))).get_json()]
    beto = c.new_client()
    c.login(beto, "beto")
    post(beto, f"/console/c/{conv_id}/claim")
    post(beto, f"/console/c/{conv_id}/reply", text="Hola, aquí estoy.")
    messages = person.get("/webchat/messages?after=0").get_json()["messages"]
    agent_lines = [m for m in messages if m["author"] == "agent"]
    assert agent_lines and all(m["agent"] == "Roberto" for m in agent_lines)
    assert "beto" not in str(messages)
    assert catalog.message("agent_joined", "es", agent="Roberto") in [m["text"] for m in messages]
    # An agent without a display name is "Una persona", not their login name.
    c.login(c.new_client(), "x_anon")  # transfers go only to agents who are here
    post(beto, f"/console/c/{conv_id}/transfer", to="x_anon")
    texts = [m["text"] for m in person.get("/webchat/messages?after=0").get_json()["messages"]]
    assert "x_anon" not in str(texts)
    assert catalog.message("agent_joined", "es", agent="Una persona") in texts


def test_an_admin_sets_the_display_name_of_an_existing_agent(c: Console) -> None:
    c.add_agent("jefa", role="admin")
    beto = c.add_agent("beto")
    c.login(c.client, "jefa")
    assert "Nombre visible" in c.client.get("/console/agents").get_data(as_text=True)
    post(c.client, f"/console/agents/{beto}/display", display_name="Roberto Méndez")
    assert c.agent("beto").display_name == "Roberto Méndez"
    res = post(c.client, f"/console/agents/{beto}/display", display_name="<b>")
    assert "no válido" in c.client.get(res.headers["Location"]).get_data(as_text=True)
    assert c.agent("beto").display_name == "Roberto Méndez"
    post(c.client, f"/console/agents/{beto}/display", display_name="")
    assert c.agent("beto").display_name is None
    assert ("jefa", "agent_display", None) in c.audit()


def test_reading_a_conversation_is_audited(c: Console) -> None:
    c.add_agent("ana")
    conv_id = c.waiting()
    c.login(c.client, "ana")
    assert c.client.get(f"/console/c/{conv_id}").status_code == 200
    assert c.client.get(f"/api/v1/conversations/{conv_id}",
                        headers=bearer(c.token("ana"))).status_code == 200
    reads = [(a, cid) for a, action, cid in c.audit() if action == "read"]
    assert reads == [("ana", conv_id), ("ana", conv_id)]


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [
    "/console/c/99999999999999999999",
    "/console/api/c/99999999999999999999",
    "/console/audit?before=²",
    "/console/audit?before=99999999999999999999999",
    "/console/api/c/{conv}?after=²",
    "/console/api/c/{conv}?after=99999999999999999999",
])
def test_console_bad_numbers_are_4xx(c: Console, path: str) -> None:
    c.add_agent("jefa", role="admin")
    c.login(c.client, "jefa")
    res = c.client.get(path.format(conv=c.waiting()))
    assert 400 <= res.status_code < 500, (path, res.status_code)


@pytest.mark.parametrize("path", [
    "/api/v1/conversations?limit=²",
    "/api/v1/conversations/99999999999999999999",
])
def test_api_bad_numbers_are_4xx(c: Console, path: str) -> None:
    c.add_agent("ana")
    res = c.client.get(path, headers=bearer(c.token("ana")))
    assert 400 <= res.status_code < 500, (path, res.status_code)
    assert res.status_code != 401


def test_nul_characters_in_names_are_refused_not_500(c: Console) -> None:
    """PostgreSQL refuses NUL in a query: a name carrying one matches no agent."""
    c.add_agent("ana")
    assert c.login(c.new_client(), "an\x00a").status_code == 401
    c.login(c.client, "ana")
    conv = c.waiting()
    post(c.client, f"/console/c/{conv}/claim")
    res = post(c.client, f"/console/c/{conv}/transfer", to="an\x00a")
    assert res.status_code == 303 and c.conversation(conv).assigned_to == "ana"
