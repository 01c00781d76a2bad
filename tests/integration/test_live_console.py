"""Agents never miss a message (issue 15): unread counts, previews, the conditional feed,
presence and workload, transfers only to agents who are here, auto-assignment, actions
answered as JSON for the page's script, and typing and the place in line in the web chat."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import update

from bot import live, presence
from bot.content import Catalog
from bot.engine import ConversationEngine
from bot.models import ConsoleSession, Conversation, utcnow
from tests.integration.test_console_support import (
    HANDOFF_TEXT,
    Console,
    console,
    csrf,
    plain_settings,
    post,
)
from tests.integration.webhook_support import clock_off_by


def row(c: Console, client: FlaskClient, conv_id: int) -> dict[str, Any]:
    """The conversation's row in this agent's queue feed."""
    data = client.get("/console/api/feed").get_json()
    rows = data["waiting"] + data["mine"] + data["others"]
    [found] = [r for r in rows if r["id"] == conv_id]
    return found


def as_json(client: FlaskClient, path: str, **form: str) -> Any:
    """A console form sent the way live.js sends it."""
    return client.post(path, data=form, headers={
        "Accept": "application/json", "X-CSRF-Token": csrf(client)})


def idle(c: Console, name: str, minutes: int) -> None:
    """Make every console session of ``name`` last used ``minutes`` ago."""
    with c.h.sessions() as s:
        s.execute(update(ConsoleSession)
                  .where(ConsoleSession.agent_id == c.agent(name).id)
                  .values(seen_at=utcnow() - dt.timedelta(minutes=minutes)))
        s.commit()


# --- unread counts and previews -----------------------------------------------------------


def test_unread_counts_the_persons_messages_until_an_agent_opens_the_conversation(
        ana: Console) -> None:
    conv_id = ana.waiting()
    assert row(ana, ana.client, conv_id)["unread"] == 1
    ana.person_says(conv_id, "sigo aquí")
    ana.person_says(conv_id, "¿alguien me lee?")
    assert row(ana, ana.client, conv_id)["unread"] == 3
    # Any agent opening a waiting conversation has seen it: everyone's count drops.
    ana.add_agent("beto")
    beto = ana.new_client()
    ana.login(beto, "beto")
    assert beto.get(f"/console/c/{conv_id}").status_code == 200
    assert row(ana, ana.client, conv_id)["unread"] == 0
    ana.person_says(conv_id, "gracias")
    assert row(ana, beto, conv_id)["unread"] == 1


def test_once_assigned_only_the_holder_reading_clears_the_count(ana: Console) -> None:
    conv_id = ana.waiting()
    ana.client.get(f"/console/c/{conv_id}")  # opened, then taken
    post(ana.client, f"/console/c/{conv_id}/claim")
    ana.person_says(conv_id, "hola, ¿me ayudas?")
    assert row(ana, ana.client, conv_id)["unread"] == 1
    ana.add_agent("beto")
    beto = ana.new_client()
    ana.login(beto, "beto")
    beto.get(f"/console/c/{conv_id}")
    beto.get(f"/console/api/c/{conv_id}?after=0")
    assert row(ana, ana.client, conv_id)["unread"] == 1  # beto does not handle it
    # The holder's open page polling the new message marks it seen.
    last = ana.conversation(conv_id).messages[-1].id
    polled = ana.client.get(f"/console/api/c/{conv_id}?after={last - 1}").get_json()
    assert polled["messages"]
    assert row(ana, ana.client, conv_id)["unread"] == 0


def test_preview_is_the_last_message_short_and_without_phone_numbers(ana: Console) -> None:
    conv_id = ana.waiting()
    ana.person_says(conv_id, "mi número es 472 123 4567, llámenme por favor, " + "x" * 200)
    preview = row(ana, ana.client, conv_id)["preview"]
    assert "4567" not in preview and "472" not in preview
    assert preview.startswith("mi número es [número], llámenme")
    assert len(preview) <= live.PREVIEW_MAX and preview.endswith("…")
    # In the page too, escaped: a preview is text, never markup.
    ana.person_says(conv_id, "<b>hola</b>")
    page = ana.client.get("/console/").get_data(as_text=True)
    assert "&lt;b&gt;hola&lt;/b&gt;" in page and "<b>hola</b>" not in page


def test_mine_shows_unread_and_preview_in_the_page(ana: Console) -> None:
    conv_id = ana.waiting()
    ana.client.get(f"/console/c/{conv_id}")
    post(ana.client, f"/console/c/{conv_id}/claim")
    ana.person_says(conv_id, "tengo otra pregunta")
    mine = ana.client.get("/console/api/feed").get_json()["mine"]
    assert [(r["id"], r["unread"], r["preview"]) for r in mine] == [
        (conv_id, 1, "tengo otra pregunta")]
    page = ana.client.get("/console/").get_data(as_text=True)
    assert re.search(r'id="rows-mine".*?1 sin leer.*?tengo otra pregunta', page, re.S)


# --- the conditional feed -------------------------------------------------------------------


def test_an_unchanged_feed_is_a_304_and_a_new_message_changes_it(ana: Console) -> None:
    conv_id = ana.waiting()
    first = ana.client.get("/console/api/feed")
    etag = first.headers["ETag"].strip('"')
    again = ana.client.get("/console/api/feed", headers={"If-None-Match": f'"{etag}"'})
    assert again.status_code == 304 and again.get_data() == b""
    ana.person_says(conv_id, "¿hay alguien?")
    changed = ana.client.get("/console/api/feed", headers={"If-None-Match": f'"{etag}"'})
    assert changed.status_code == 200
    assert row(ana, ana.client, conv_id)["preview"] == "¿hay alguien?"
    # Reading it changes the version too, so the unread count drops in open queues.
    etag = changed.headers["ETag"].strip('"')
    ana.client.get(f"/console/c/{conv_id}")
    after_read = ana.client.get("/console/api/feed", headers={"If-None-Match": f'"{etag}"'})
    assert after_read.status_code == 200


def test_the_feed_version_differs_per_agent_and_query(ana: Console) -> None:
    with ana.h.sessions() as s:
        now = utcnow()
        assert live.feed_version(s, "ana", "", now) == live.feed_version(s, "ana", "", now)
        assert live.feed_version(s, "ana", "", now) != live.feed_version(s, "beto", "", now)
        assert live.feed_version(s, "ana", "", now) != live.feed_version(s, "ana", "page=2", now)


# --- presence, workload, transfers -----------------------------------------------------------


def test_presence_comes_from_the_last_use_of_the_console(ana: Console) -> None:
    ana.add_agent("beto")
    ana.login(ana.new_client(), "beto")
    ana.add_agent("caro")  # never logged in
    team = {m["name"]: m for m in ana.client.get("/console/api/feed").get_json()["team"]}
    assert (team["ana"]["presence"], team["beto"]["presence"], team["caro"]["presence"]) == (
        "online", "online", "offline")
    idle(ana, "beto", 5)
    idle(ana, "ana", 30)  # her own next poll is activity: online again at once
    team = {m["name"]: m for m in ana.client.get("/console/api/feed").get_json()["team"]}
    assert team["beto"]["presence"] == "away" and team["beto"]["label"] == "ausente"
    assert team["ana"]["presence"] == "online"
    idle(ana, "beto", 20)
    with ana.h.sessions() as s:
        members = {m.name: m for m in presence.team(s)}
    assert members["beto"].presence == "offline" and not members["beto"].available


def test_open_conversations_are_counted_per_agent(ana: Console) -> None:
    for _ in range(2):
        post(ana.client, f"/console/c/{ana.waiting()}/claim")
    ana.waiting()  # still waiting: nobody's
    team = {m["name"]: m for m in ana.client.get("/console/api/feed").get_json()["team"]}
    assert team["ana"]["open"] == 2
    page = ana.client.get("/console/").get_data(as_text=True)
    assert "ana · en línea · 2 abiertas" in page


def test_transfer_to_an_offline_or_locked_agent_is_refused_by_the_server(ana: Console) -> None:
    conv_id = ana.waiting()
    post(ana.client, f"/console/c/{conv_id}/claim")
    ana.add_agent("beto")
    ana.login(ana.new_client(), "beto")
    idle(ana, "beto", 20)  # offline: the form does not offer beto...
    page = ana.client.get(f"/console/c/{conv_id}").get_data(as_text=True)
    assert 'value="beto"' not in page
    # ... and a hand-made request is refused all the same.
    res = as_json(ana.client, f"/console/c/{conv_id}/transfer", to="beto")
    assert res.status_code == 409 and "no está disponible" in res.get_json()["message"]
    assert ana.conversation(conv_id).assigned_to == "ana"
    res = post(ana.client, f"/console/c/{conv_id}/transfer", to="beto")
    assert res.status_code == 303 and ana.conversation(conv_id).assigned_to == "ana"
    # Locked out (failed logins) while a session is still fresh: refused too.
    ana.login(ana.new_client(), "beto")
    with ana.h.sessions() as s:
        from bot import agents

        for i in range(agents.ACCOUNT_LIMIT.free):
            agents.authenticate(s, "beto", "wrong password!", client=f"10.0.0.{i}")
        assert agents.blocked_until(s, "beto") is not None
    res = as_json(ana.client, f"/console/c/{conv_id}/transfer", to="beto")
    assert res.status_code == 409 and ana.conversation(conv_id).assigned_to == "ana"
    # Online again and not locked: it goes through.
    with ana.h.sessions() as s:
        agents.unlock(s, "beto")
        s.commit()
    res = as_json(ana.client, f"/console/c/{conv_id}/transfer", to="beto")
    assert res.status_code == 200 and res.get_json()["ok"] is True
    assert ana.conversation(conv_id).assigned_to == "beto"


# --- actions answered as JSON ---------------------------------------------------------------


def test_actions_sent_by_the_script_get_json_and_no_redirect(ana: Console) -> None:
    conv_id = ana.waiting()
    res = as_json(ana.client, f"/console/c/{conv_id}/claim")
    assert res.status_code == 200
    assert res.get_json() == {"ok": True, "message": res.get_json()["message"],
                              "status": "assigned", "warning": None}
    res = as_json(ana.client, f"/console/c/{conv_id}/reply", text="Hola, soy Ana.")
    assert res.status_code == 200 and res.get_json()["ok"]
    assert ana.conversation(conv_id).messages[-1].text == "Hola, soy Ana."
    res = as_json(ana.client, f"/console/c/{conv_id}/note", text="llamar mañana")
    assert res.status_code == 200
    res = as_json(ana.client, f"/console/c/{conv_id}/reply", text="   ")
    assert res.status_code == 400 and res.get_json()["ok"] is False
    # Without the CSRF token nothing is stored, JSON or not.
    before = len(ana.conversation(conv_id).messages)
    res = ana.client.post(f"/console/c/{conv_id}/reply", data={"text": "x"},
                          headers={"Accept": "application/json"})
    assert res.status_code == 400 and len(ana.conversation(conv_id).messages) == before


# --- auto-assignment --------------------------------------------------------------------------


@pytest.fixture
def auto(db_url: str, catalog: Catalog, engine: ConversationEngine) -> Iterator[Console]:
    """The app with AUTO_ASSIGN on."""
    settings = dataclasses.replace(plain_settings(db_url), auto_assign=True)
    with console(settings, catalog, engine, senders={}) as con:
        yield con


def test_auto_assignment_is_off_by_default(ana: Console) -> None:
    conv_id = ana.waiting()
    assert ana.conversation(conv_id).status == "waiting"


def test_auto_assignment_gives_new_cases_to_the_least_busy_online_agent(
        auto: Console, catalog: Catalog) -> None:
    for name in ("ana", "beto", "caro"):
        auto.add_agent(name, display_name=name.capitalize())
        auto.login(auto.new_client(), name)
    idle(auto, "caro", 20)  # offline: never chosen
    first = auto.conversation(auto.waiting())
    assert first.status == "assigned" and first.assigned_to in ("ana", "beto")
    assert first.messages[-1].text == catalog.message(
        "agent_joined", "es", agent=first.assigned_to.capitalize())
    second = auto.conversation(auto.waiting())
    assert {first.assigned_to, second.assigned_to} == {"ana", "beto"}  # fewest open first
    # Same workload: the one given a conversation longest ago; urgent cases too.
    third = auto.conversation(auto.waiting(text="me están golpeando, necesito ayuda urgente"))
    assert third.urgent and third.assigned_to == first.assigned_to
    assert (first.assigned_to, "auto_assign", first.id) in auto.audit()


def test_auto_assignment_with_nobody_online_leaves_the_case_waiting(auto: Console) -> None:
    auto.add_agent("ana")
    auto.login(auto.new_client(), "ana")
    idle(auto, "ana", 5)  # away is not online
    assert auto.conversation(auto.waiting()).status == "waiting"


def test_the_web_chat_post_answers_with_its_own_replies_when_assigned_at_once(
        auto: Console, catalog: Catalog) -> None:
    auto.add_agent("ana", display_name="Ana")
    auto.login(auto.new_client(), "ana")
    person = auto.h.app.test_client()
    token = re.search(r'name="csrf-token" content="([^"]+)"', person.get("/").get_data(
        as_text=True))
    assert token is not None
    res = person.post("/webchat/messages", json={"text": HANDOFF_TEXT},
                      headers={"X-CSRF-Token": token.group(1)}).get_json()
    joined = catalog.message("agent_joined", "es", agent="Ana")
    assert res["handoff"] and joined not in [r["text"] for r in res["replies"]]
    polled = person.get("/webchat/messages?after=0").get_json()
    assert joined in [m["text"] for m in polled["messages"]]


# --- the web chat while waiting --------------------------------------------------------------


def webchat_person(c: Console) -> tuple[FlaskClient, str]:
    """A web chat browser and its CSRF token."""
    person = c.h.app.test_client()
    found = re.search(r'name="csrf-token" content="([^"]+)"',
                      person.get("/").get_data(as_text=True))
    assert found is not None
    return person, found.group(1)


def test_the_web_chat_poll_gives_the_place_in_line_as_it_changes(ana: Console) -> None:
    ahead = ana.waiting()
    person, token = webchat_person(ana)
    assert person.get("/webchat/messages").get_json()["position"] is None  # not waiting
    person.post("/webchat/messages", json={"text": HANDOFF_TEXT},
                headers={"X-CSRF-Token": token})
    polled = person.get("/webchat/messages").get_json()
    assert polled["with_people"] and polled["position"] >= 2
    place = polled["position"]
    post(ana.client, f"/console/c/{ahead}/claim")
    assert person.get("/webchat/messages").get_json()["position"] == place - 1


def test_the_web_chat_poll_says_when_the_agent_is_typing(ana: Console) -> None:
    person, token = webchat_person(ana)
    person.post("/webchat/messages", json={"text": HANDOFF_TEXT},
                headers={"X-CSRF-Token": token})
    conv_id = max(r["id"] for r in ana.client.get("/console/api/feed").get_json()["waiting"])
    typing = f"/console/api/c/{conv_id}/typing"
    headers = {"X-CSRF-Token": csrf(ana.client)}
    assert ana.client.post(typing, headers=headers).status_code == 409  # not claimed yet
    post(ana.client, f"/console/c/{conv_id}/claim")
    assert person.get("/webchat/messages").get_json()["typing"] is False
    assert ana.client.post(typing).status_code == 400  # no CSRF token: nothing noted
    assert person.get("/webchat/messages").get_json()["typing"] is False
    assert ana.client.post(typing, headers=headers).status_code == 204
    polled = person.get("/webchat/messages").get_json()
    assert polled["typing"] is True and polled["position"] is None
    # A few seconds later the sign is gone.
    with ana.h.sessions() as s:
        s.execute(update(Conversation).where(Conversation.id == conv_id).values(
            agent_typing_at=utcnow() - live.TYPING_FOR - dt.timedelta(seconds=1)))
        s.commit()
    assert person.get("/webchat/messages").get_json()["typing"] is False
    # Another agent typing is not noted.
    ana.add_agent("beto")
    beto = ana.new_client()
    ana.login(beto, "beto")
    assert beto.post(typing, headers={"X-CSRF-Token": csrf(beto)}).status_code == 409


def test_a_whole_office_polling_from_one_address_is_not_refused(ana: Console) -> None:
    # Ten agents behind one office address, each tab polling ~100 times a minute: far
    # more than the per-address limit of other routes (300 a minute).
    statuses = {ana.client.get("/console/api/feed").status_code for _ in range(400)}
    assert 429 not in statuses


def test_staff_see_waits_and_presence_on_the_database_clock(ana: Console) -> None:
    """Web processes on several machines: Beto's console is served by one whose clock runs
    10 minutes slow, Ana's by one 10 minutes fast. A case queued just now has waited
    seconds, not 10 minutes, and Beto, who just logged in, is online."""
    ana.add_agent("beto")
    with clock_off_by(-dt.timedelta(minutes=10)):
        ana.login(ana.new_client(), "beto")
    conv_id = ana.waiting()
    with clock_off_by(dt.timedelta(minutes=10)):
        feed = ana.client.get("/console/api/feed").get_json()
    team = {m["name"]: m for m in feed["team"]}
    assert team["beto"]["presence"] == "online"
    [case] = [r for r in feed["waiting"] if r["id"] == conv_id]
    assert 0 <= case["waiting_seconds"] < 60
