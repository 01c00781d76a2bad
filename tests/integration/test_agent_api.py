"""The agent API (/api/v1) with Bearer tokens, and full round trips through the webhooks."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from bot.console_cli import agent as agent_cli
from bot.content import Catalog
from bot.engine import ConversationEngine
from tests.integration.test_console_support import (
    HANDOFF_TEXT,
    Console,
    bearer,
    console,
    plain_settings,
    post,
)
from tests.integration.webhook_support import (
    make_settings,
    new_chat_id,
    new_number,
    post_form,
    post_update,
    tg_text,
    wa_form,
)
from tests.stubs import StubTelegram, StubTwilio

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
LIST_KEYS = {"id", "status", "urgent", "channel", "lang", "intent", "waiting_since",
             "assigned_to"}


@pytest.fixture
def c(db_url: str, catalog: Catalog, engine: ConversationEngine) -> Iterator[Console]:
    with console(plain_settings(db_url), catalog, engine, senders={}) as con:
        con.add_agent("ana", display_name="Ana")
        con.add_agent("beto")
        yield con


@pytest.fixture
def ana(c: Console) -> dict[str, str]:
    return bearer(c.token("ana"))


@pytest.fixture
def beto(c: Console) -> dict[str, str]:
    return bearer(c.token("beto"))


# --- auth ---------------------------------------------------------------------------------


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer nope", "Basic YW5hOnB3", "pa_x"])
def test_missing_or_wrong_token_is_401(c: Console, header: str | None) -> None:
    headers = {} if header is None else {"Authorization": header}
    res = c.client.get("/api/v1/conversations", headers=headers)
    assert res.status_code == 401 and "error" in res.get_json()
    assert res.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_new_token_replaces_the_old_one(c: Console) -> None:
    old = c.token("ana")
    new = c.token("ana")
    assert c.client.get("/api/v1/conversations", headers=bearer(old)).status_code == 401
    assert c.client.get("/api/v1/conversations", headers=bearer(new)).status_code == 200
    assert c.agent("ana").token_hash not in (old, new)  # only a hash is stored


def test_session_cookies_do_not_open_the_api(c: Console) -> None:
    c.login(c.client, "ana")
    assert c.client.get("/api/v1/conversations").status_code == 401


# --- reading ------------------------------------------------------------------------------


def test_list_waiting_in_queue_order(c: Console, ana: dict[str, str]) -> None:
    first = c.waiting()
    urgent = c.waiting(text="ayuda se llevaron a mi esposo los de la migra")
    res = c.client.get("/api/v1/conversations?status=waiting", headers=ana)
    assert res.status_code == 200
    rows = res.get_json()
    assert [r["id"] for r in rows] == [urgent, first]
    assert set(rows[1]) == LIST_KEYS
    assert rows[1] | {"waiting_since": None} == {
        "id": first, "status": "waiting", "urgent": False, "channel": "webchat", "lang": "es",
        "intent": "human", "waiting_since": None, "assigned_to": None}
    assert ISO_UTC.match(rows[1]["waiting_since"])
    assert rows[0]["urgent"] is True and rows[0]["intent"] == "emergency"
    assert c.client.get("/api/v1/conversations", headers=ana).get_json() == rows
    assert c.client.get("/api/v1/conversations?status=assigned", headers=ana).get_json() == []
    assert c.client.get("/api/v1/conversations?status=nope", headers=ana).status_code == 400


def test_get_one_with_messages_but_without_notes(c: Console, ana: dict[str, str]) -> None:
    conv_id = c.waiting()
    c.client.post(f"/api/v1/conversations/{conv_id}/claim", headers=ana)
    c.login(c.client, "ana")
    post(c.client, f"/console/c/{conv_id}/note", text="secreto del equipo")
    body = c.client.get(f"/api/v1/conversations/{conv_id}", headers=ana).get_json()
    assert set(body) == LIST_KEYS | {"messages"}
    assert body["status"] == "assigned" and body["assigned_to"] == "ana"
    msgs = body["messages"]
    assert msgs[0] == msgs[0] | {"direction": "in", "author": "person", "text": HANDOFF_TEXT}
    assert all(set(m) == {"direction", "author", "text", "at"} for m in msgs)
    assert all(m["direction"] in ("in", "out") and ISO_UTC.match(m["at"]) for m in msgs)
    assert "secreto del equipo" not in [m["text"] for m in msgs]
    assert {m["author"] for m in msgs} == {"person", "bot"}


def test_unknown_id_is_404(c: Console, ana: dict[str, str]) -> None:
    assert c.client.get("/api/v1/conversations/987654", headers=ana).status_code == 404
    for action in ("claim", "close"):
        assert c.client.post(f"/api/v1/conversations/987654/{action}",
                             headers=ana).status_code == 404
    res = c.client.post("/api/v1/conversations/987654/messages", json={"text": "x"}, headers=ana)
    assert res.status_code == 404


# --- acting -------------------------------------------------------------------------------


def test_claim_is_200_then_409_for_someone_else(
    c: Console, ana: dict[str, str], beto: dict[str, str]
) -> None:
    conv_id = c.waiting()
    res = c.client.post(f"/api/v1/conversations/{conv_id}/claim", headers=ana)
    assert res.status_code == 200 and res.get_json()["assigned_to"] == "ana"
    assert c.client.post(f"/api/v1/conversations/{conv_id}/claim", headers=beto).status_code == 409
    # Claiming again what one already holds is harmless.
    assert c.client.post(f"/api/v1/conversations/{conv_id}/claim", headers=ana).status_code == 200
    assert [a for a, action, cid in c.audit() if action == "claim" and cid == conv_id] == ["ana"]


def test_messages_are_202_for_the_holder_only(
    c: Console, ana: dict[str, str], beto: dict[str, str]
) -> None:
    conv_id = c.waiting()
    url = f"/api/v1/conversations/{conv_id}/messages"
    assert c.client.post(url, json={"text": "hola"}, headers=ana).status_code == 409  # unclaimed
    c.client.post(f"/api/v1/conversations/{conv_id}/claim", headers=ana)
    assert c.client.post(url, json={"text": "hola"}, headers=beto).status_code == 403
    for bad in (None, {"text": 5}, {"text": "   "}, {"text": "x" * 4001}, ["hola"]):
        assert c.client.post(url, json=bad, headers=ana).status_code == 400
    res = c.client.post(url, json={"text": "Hola, soy Ana del equipo."}, headers=ana)
    assert res.status_code == 202
    last = c.conversation(conv_id).messages[-1]
    assert (last.direction, last.author, last.text) == ("out", "ana", "Hola, soy Ana del equipo.")


def test_close_is_200_and_asks_for_a_rating(
    c: Console, ana: dict[str, str], beto: dict[str, str], catalog: Catalog
) -> None:
    conv_id = c.waiting()
    c.client.post(f"/api/v1/conversations/{conv_id}/claim", headers=ana)
    assert c.client.post(f"/api/v1/conversations/{conv_id}/close", headers=beto).status_code == 403
    res = c.client.post(f"/api/v1/conversations/{conv_id}/close", headers=ana)
    assert res.status_code == 200 and res.get_json()["status"] == "closed"
    conv = c.conversation(conv_id)
    assert conv.state == "rating" and conv.closed_at is not None
    assert [m.text for m in conv.messages[-2:]] == [
        catalog.message("agent_closed", "es"), catalog.message("rating_ask", "es")]
    assert c.client.post(f"/api/v1/conversations/{conv_id}/close", headers=ana).status_code == 409
    assert c.client.post(f"/api/v1/conversations/{conv_id}/claim", headers=beto).status_code == 409


def test_admin_may_close_another_agents_conversation(c: Console, ana: dict[str, str]) -> None:
    c.add_agent("jefa", role="admin")
    conv_id = c.waiting()
    c.client.post(f"/api/v1/conversations/{conv_id}/claim", headers=ana)
    res = c.client.post(f"/api/v1/conversations/{conv_id}/close", headers=bearer(c.token("jefa")))
    assert res.status_code == 200
    assert ("jefa", "close", conv_id) in c.audit()


# --- the command line ---------------------------------------------------------------------


def test_cli_adds_an_agent_and_prints_a_working_token(c: Console, db_url: str) -> None:
    runner = CliRunner()
    env = {"DATABASE_URL": db_url}
    res = runner.invoke(agent_cli, ["add", "Elena", "--role", "admin"],
                        input="una contraseña larga\n", env=env)
    assert res.exit_code == 0, res.output
    assert c.agent("Elena").role == "admin"
    assert c.login(c.client, "Elena", "una contraseña larga").status_code == 303
    res = runner.invoke(agent_cli, ["add", "Elena"], input="una contraseña larga\n", env=env)
    assert res.exit_code != 0 and "already exists" in res.output
    res = runner.invoke(agent_cli, ["add", "Fer"], input="corta\n", env=env)
    assert res.exit_code != 0 and "at least" in res.output
    res = runner.invoke(agent_cli, ["add", "Fer"], input="x" * 1025 + "\n", env=env)
    assert res.exit_code != 0 and "at most 1024 characters" in res.output
    res = runner.invoke(agent_cli, ["add", "F\u0435r"], input="una contraseña larga\n", env=env)
    assert res.exit_code != 0 and "ASCII" in res.output  # a Cyrillic "е"
    res = runner.invoke(agent_cli, ["add", "fer", "--display-name", "Fernanda Núñez"],
                        input="una contraseña larga\n", env=env)
    assert res.exit_code == 0 and c.agent("fer").display_name == "Fernanda Núñez"
    res = runner.invoke(agent_cli, ["token", "Elena"], env=env)
    assert res.exit_code == 0
    token = res.output.strip()
    assert c.client.get("/api/v1/conversations", headers=bearer(token)).status_code == 200
    assert runner.invoke(agent_cli, ["token", "nadie"], env=env).exit_code != 0
    listed = runner.invoke(agent_cli, ["list"], env=env).output
    assert "Elena\tadmin\tactive\ttoken" in listed


# --- round trips through the real webhooks -------------------------------------------------


def test_telegram_round_trip(
    db_url: str, catalog: Catalog, engine: ConversationEngine, telegram_stub: StubTelegram
) -> None:
    settings = make_settings(db_url, telegram=telegram_stub)
    with console(settings, catalog, engine) as c:
        c.add_agent("ana", display_name="Ana")
        token = bearer(c.token("ana"))
        chat = new_chat_id()
        assert post_update(c.client, tg_text(chat, HANDOFF_TEXT)).status_code == 200
        c.h.answer()  # the worker answers what the webhook stored
        [row] = c.client.get("/api/v1/conversations?status=waiting", headers=token).get_json()
        assert row["channel"] == "telegram" and row["intent"] == "human"
        conv_id = row["id"]
        assert c.client.post(f"/api/v1/conversations/{conv_id}/claim",
                             headers=token).status_code == 200
        res = c.client.post(f"/api/v1/conversations/{conv_id}/messages", headers=token,
                            json={"text": "Hola, soy Ana de la SMEI. ¿En qué te ayudo?"})
        assert res.status_code == 202
        c.h.deliver()
        sent = telegram_stub.sent_texts(chat)
        assert sent[-2:] == [catalog.message("agent_joined", "es", agent="Ana"),
                             "Hola, soy Ana de la SMEI. ¿En qué te ayudo?"]
        # The person answers; the agent sees it; the bot stays quiet.
        assert post_update(c.client, tg_text(chat, "gracias, tengo una duda")).status_code == 200
        c.h.answer()  # the worker answers what the webhook stored
        msgs = c.client.get(f"/api/v1/conversations/{conv_id}", headers=token).get_json()
        assert msgs["messages"][-1] == msgs["messages"][-1] | {
            "direction": "in", "author": "person", "text": "gracias, tengo una duda"}
        assert c.client.post(f"/api/v1/conversations/{conv_id}/close",
                             headers=token).status_code == 200
        c.h.deliver()
        assert telegram_stub.sent_texts(chat)[-2:] == [
            catalog.message("agent_closed", "es"), catalog.message("rating_ask", "es")]


def test_whatsapp_round_trip(
    db_url: str, catalog: Catalog, engine: ConversationEngine, twilio_stub: StubTwilio
) -> None:
    settings = make_settings(db_url, twilio=twilio_stub)
    with console(settings, catalog, engine) as c:
        c.add_agent("ana", display_name="Ana")
        token = bearer(c.token("ana"))
        number = new_number()
        res = post_form(c.client, twilio_stub.auth_token, wa_form(number, HANDOFF_TEXT))
        assert res.status_code == 200
        c.h.answer()  # the worker answers what the webhook stored
        [row] = c.client.get("/api/v1/conversations", headers=token).get_json()
        assert row["channel"] == "whatsapp"
        conv_id = row["id"]
        assert c.client.post(f"/api/v1/conversations/{conv_id}/claim",
                             headers=token).status_code == 200
        res = c.client.post(f"/api/v1/conversations/{conv_id}/messages", headers=token,
                            json={"text": "Hola, te atiende Ana."})
        assert res.status_code == 202 and "held" not in res.get_json()
        c.h.deliver()
        assert twilio_stub.sent_bodies(to=number)[-2:] == [
            catalog.message("agent_joined", "es", agent="Ana"), "Hola, te atiende Ana."]
