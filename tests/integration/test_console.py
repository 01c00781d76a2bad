"""The staff console through the Flask test client, on the real engine and database."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select, update

from bot import agents
from bot.console.names import AUDIT_ACTIONS
from bot.content import Catalog
from bot.models import AuditLog, Contact, Message, Outbox, utcnow
from tests.integration.test_console_support import (
    PASSWORD,
    Console,
    csrf,
    post,
)

# --- login, sessions, CSRF ----------------------------------------------------------------


def test_login_page_is_spanish_with_local_assets_and_strict_headers(c: Console) -> None:
    res = c.client.get("/console/login")
    html = res.get_data(as_text=True)
    assert res.status_code == 200 and '<html lang="es">' in html and "Contraseña" in html
    assert "/console/static/console/console.css" in html
    assert "//" not in html.split("<body>")[0].replace("<!doctype", "")
    assert "<script>" not in html and "style=" not in html
    assert "default-src 'self'" in res.headers["Content-Security-Policy"]
    assert res.headers["X-Frame-Options"] == "DENY"
    for name in ("common.js", "queue.js", "conversation.js", "console.css"):
        static = c.client.get(f"/console/static/console/{name}")
        assert static.status_code == 200 and b"http" not in static.data  # nothing remote
        static.close()


def test_pages_need_login(c: Console) -> None:
    res = c.client.get("/console/")
    assert res.status_code == 302 and "/console/login" in res.headers["Location"]
    assert c.client.get("/console/api/feed").status_code == 401


def test_login_sets_an_httponly_samesite_cookie_and_logout_ends_it(c: Console) -> None:
    c.add_agent("ana")
    res = c.login(c.client, "ana")
    assert res.status_code == 303 and res.headers["Location"].endswith("/console/")
    cookie = res.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert c.client.get("/console/").status_code == 200
    assert post(c.client, "/console/logout").status_code == 303
    assert c.client.get("/console/").status_code == 302
    assert [a for a, action, _ in c.audit() if action in ("login", "logout")] == [
        "ana", "ana"]


def test_login_follows_only_console_next(c: Console) -> None:
    c.add_agent("ana")
    token = csrf(c.client, "/console/login")
    res = c.client.post("/console/login?next=https://evil.example/", data={
        "name": "ana", "password": PASSWORD, "csrf_token": token})
    assert res.headers["Location"].endswith("/console/")


def test_forms_without_csrf_token_are_refused(c: Console) -> None:
    c.add_agent("ana")
    c.client.get("/console/login")
    res = c.client.post("/console/login", data={"name": "ana", "password": PASSWORD})
    assert res.status_code == 400
    c.login(c.client, "ana")
    conv_id = c.waiting()
    res = c.client.post(f"/console/c/{conv_id}/claim", data={"csrf_token": "forged"})
    assert res.status_code == 400
    assert c.conversation(conv_id).status == "waiting"


def test_unknown_name_and_disabled_agent_cannot_log_in(c: Console) -> None:
    assert c.login(c.client, "nadie").status_code == 401
    c.add_agent("ana")
    with c.h.sessions() as s:
        agent = agents.agent_by_name(s, "ana")
        assert agent is not None
        agents.set_active(s, agent, False)
        s.commit()
    assert c.login(c.client, "ana").status_code == 401


# --- the queue ----------------------------------------------------------------------------


def test_queue_lists_waiting_people_urgent_first_with_masked_contacts(ana: Console) -> None:
    first = ana.waiting(sender="web-person-0001-9876")
    urgent = ana.waiting(sender="web-person-0002-4321",
                         text="ayuda se llevaron a mi esposo los de la migra")
    html = ana.client.get("/console/").get_data(as_text=True)
    assert html.index(f'data-id="{urgent}"') < html.index(f'data-id="{first}"')
    assert "…9876" in html and "…4321" in html
    assert "web-person-0001" not in html
    assert '<td data-label="Idioma">Español</td>' in html  # the language named, not "es"
    feed = ana.client.get("/console/api/feed").get_json()
    assert [r["id"] for r in feed["waiting"]] == [urgent, first]
    row = feed["waiting"][1]
    assert row == row | {"channel": "webchat", "lang": "es", "urgent": False, "position": 2,
                         "contact": "…9876", "topic": "human"}
    assert row["waiting_seconds"] >= 0 and row["waiting_since"].endswith("Z")


def test_feed_shows_new_conversations_and_new_messages_without_reload(ana: Console) -> None:
    assert ana.client.get("/console/api/feed").get_json()["waiting"] == []
    conv_id = ana.waiting()
    [row] = ana.client.get("/console/api/feed").get_json()["waiting"]
    assert row["id"] == conv_id
    ana.person_says(conv_id, "sigo aquí esperando")
    [again] = ana.client.get("/console/api/feed").get_json()["waiting"]
    assert again["last_in_id"] > row["last_in_id"]
    news = ana.client.get(f"/console/api/c/{conv_id}?after={row['last_in_id']}").get_json()
    assert [m["text"] for m in news["messages"] if m["author"] == "person"] == [
        "sigo aquí esperando"]


# --- one conversation ---------------------------------------------------------------------


def test_conversation_page_shows_history_with_intents(ana: Console) -> None:
    conv_id = ana.waiting()
    html = ana.client.get(f"/console/c/{conv_id}").get_data(as_text=True)
    assert "quiero hablar con una persona" in html
    title = ana.h.helpline.catalog.intents["human"].title["es"]
    assert f'<span class="intent" data-intent="human">{title}</span>' in html
    assert "Tomar conversación" in html
    assert ana.client.get("/console/c/999999").status_code == 404


def test_claim_reply_note_close_on_web_chat(ana: Console, catalog: Catalog) -> None:
    conv_id = ana.waiting()
    res = post(ana.client, f"/console/c/{conv_id}/claim")
    assert res.status_code == 303
    conv = ana.conversation(conv_id)
    assert (conv.status, conv.assigned_to, conv.state) == ("assigned", "ana", "assigned")
    assert conv.messages[-1].text == catalog.message("agent_joined", "es", agent="Ana")

    page = ana.client.get(f"/console/c/{conv_id}").get_data(as_text=True)
    assert 'id="canned-pick"' in page
    assert f'>{catalog.intents["remittances"].menu_title("es")} · /remittances · ' in page
    assert f'>{catalog.intents["remittances"].topic} · ' not in page  # no internal letters
    assert "24 horas" not in page

    assert post(ana.client, f"/console/c/{conv_id}/reply", text="Hola, soy Ana.").status_code == 303
    assert post(ana.client, f"/console/c/{conv_id}/note", text="dato interno").status_code == 303
    conv = ana.conversation(conv_id)
    assert [(m.direction, m.author, m.text) for m in conv.messages[-2:]] == [
        ("out", "ana", "Hola, soy Ana."), ("note", "ana", "dato interno")]
    with ana.h.sessions() as s:  # web chat: no outbox, the browser polls Message rows
        assert s.scalars(select(Outbox).where(Outbox.conversation_id == conv_id)).all() == []

    assert post(ana.client, f"/console/c/{conv_id}/close").status_code == 303
    conv = ana.conversation(conv_id)
    assert (conv.status, conv.state) == ("closed", "rating") and conv.closed_at is not None
    assert [m.text for m in conv.messages[-2:]] == [
        catalog.message("agent_closed", "es"), catalog.message("rating_ask", "es")]
    actions = [(a, action) for a, action, cid in ana.audit() if cid == conv_id]
    assert ("ana", "read") in actions  # opening the conversation page is audited
    assert [x for x in actions if x[1] != "read"] == [
        ("ana", "claim"), ("ana", "reply"), ("ana", "note"), ("ana", "close")]
    with ana.h.sessions() as s:
        details = " ".join(r.detail or "" for r in s.scalars(select(AuditLog)))
    assert "Hola" not in details and "interno" not in details


def test_the_person_never_sees_internal_notes(ana: Console) -> None:
    conv_id = ana.waiting()
    post(ana.client, f"/console/c/{conv_id}/note", text="no mostrar")
    with ana.h.sessions() as s:
        outs = s.scalars(select(Message.text).where(Message.conversation_id == conv_id,
                                                    Message.direction == "out")).all()
    assert "no mostrar" not in outs


def test_second_agent_is_told_someone_else_claimed(ana: Console) -> None:
    conv_id = ana.waiting()
    ana.add_agent("beto")
    beto = ana.new_client()
    ana.login(beto, "beto")
    beto_token = csrf(beto)
    assert post(ana.client, f"/console/c/{conv_id}/claim").status_code == 303
    res = beto.post(f"/console/c/{conv_id}/claim", data={"csrf_token": beto_token},
                    follow_redirects=True)
    assert "Otra persona ya tomó esta conversación" in res.get_data(as_text=True)
    assert ana.conversation(conv_id).assigned_to == "ana"
    # ... and cannot reply or close it.
    post(beto, f"/console/c/{conv_id}/reply", text="hola")
    res = beto.get(f"/console/c/{conv_id}")
    assert "La atiende Ana (ana)" in res.get_data(as_text=True)
    post(beto, f"/console/c/{conv_id}/close")
    assert ana.conversation(conv_id).status == "assigned"
    assert all(m.author != "beto" for m in ana.conversation(conv_id).messages)


def test_transfer_to_another_agent_and_back_to_the_queue(ana: Console, catalog: Catalog) -> None:
    conv_id = ana.waiting()
    ana.add_agent("beto", display_name="Beto")
    beto = ana.new_client()
    ana.login(beto, "beto")  # online: transfers go only to agents who are here
    post(ana.client, f"/console/c/{conv_id}/claim")
    since = ana.conversation(conv_id).waiting_since
    assert post(ana.client, f"/console/c/{conv_id}/transfer", to="beto").status_code == 303
    conv = ana.conversation(conv_id)
    assert conv.assigned_to == "beto"
    assert conv.messages[-1].text == catalog.message("agent_joined", "es", agent="Beto")
    post(beto, f"/console/c/{conv_id}/transfer", to="__queue__")
    conv = ana.conversation(conv_id)
    assert (conv.status, conv.assigned_to, conv.waiting_since) == ("waiting", None, since)
    assert [r["id"] for r in ana.client.get("/console/api/feed").get_json()["waiting"]] == [
        conv_id]
    assert ("beto", "release", conv_id) in ana.audit()


def test_whatsapp_24_hour_rule_is_shown_and_reply_held(ana: Console) -> None:
    conv_id = ana.waiting(channel="whatsapp", sender="whatsapp:+5214771234567")
    with ana.h.sessions() as s:
        s.execute(update(Contact).where(Contact.external_id == "whatsapp:+5214771234567")
                  .values(last_inbound_at=utcnow() - dt.timedelta(hours=25)))
        s.commit()
    post(ana.client, f"/console/c/{conv_id}/claim")
    page = ana.client.get(f"/console/c/{conv_id}").get_data(as_text=True)
    assert 'id="window-warning"' in page and "plantilla" in page
    assert "…4567" in page and "4771234567" not in page
    res = post(ana.client, f"/console/c/{conv_id}/reply", text="¿Sigues ahí?")
    assert "retenido" in ana.client.get(res.headers["Location"]).get_data(as_text=True)
    with ana.h.sessions() as s:  # queued for the worker, which holds it and sends the template
        texts = s.scalars(select(Outbox.text).where(Outbox.conversation_id == conv_id)).all()
    assert "¿Sigues ahí?" in texts


def test_canned_answers_follow_the_conversation_language(ana: Console, catalog: Catalog) -> None:
    conv_id = ana.waiting(text="I want to talk to a person please")
    assert ana.conversation(conv_id).lang == "en"
    post(ana.client, f"/console/c/{conv_id}/claim")
    page = ana.client.get(f"/console/c/{conv_id}").get_data(as_text=True)
    assert 'data-lang="en"' in page
    english = page.index("· /remittances · Inglés")
    assert english < page.index("· /remittances · Español")  # the person's language first
    found = ana.client.get("/console/api/canned?lang=en&q=remit").get_json()["items"]
    assert found[0]["lang"] == "en"
    assert found[0]["body"].splitlines()[0] == (
        catalog.intents["remittances"].answer["en"].splitlines()[0])


# --- admin --------------------------------------------------------------------------------


def test_only_admins_see_agents_and_audit(ana: Console) -> None:
    assert ana.client.get("/console/agents").status_code == 403
    assert ana.client.get("/console/audit").status_code == 403


def test_admin_adds_disables_resets_and_reads_the_audit(c: Console) -> None:
    c.add_agent("jefa", role="admin")
    c.login(c.client, "jefa")
    assert post(c.client, "/console/agents", name="carla", role="agent",
                password="short").status_code == 303
    assert "10 a 1,024 caracteres" in c.client.get("/console/agents").get_data(as_text=True)
    post(c.client, "/console/agents", name="carla", role="agent", password=PASSWORD,
         display_name="Carla Núñez")
    carla_id = c.agent("carla").id
    carla = c.new_client()
    assert c.login(carla, "carla").status_code == 303
    token = c.token("carla")

    post(c.client, f"/console/agents/{carla_id}/reset", password="otra contraseña larga")
    assert carla.get("/console/").status_code == 302  # her open session ended
    assert c.login(carla, "carla").status_code == 401
    assert c.login(carla, "carla", "otra contraseña larga").status_code == 303

    post(c.client, f"/console/agents/{carla_id}/disable")
    assert carla.get("/console/").status_code == 302
    assert c.client.get("/api/v1/conversations",
                        headers={"Authorization": f"Bearer {token}"}).status_code == 401
    post(c.client, f"/console/agents/{carla_id}/enable")
    assert c.agent("carla").active

    me = c.agent("jefa").id
    res = post(c.client, f"/console/agents/{me}/disable")
    assert "propia cuenta" in c.client.get(res.headers["Location"]).get_data(as_text=True)

    html = c.client.get("/console/audit").get_data(as_text=True)
    for action in ("agent_add", "agent_reset", "agent_disable", "agent_enable", "login"):
        name = AUDIT_ACTIONS[action]
        assert f"<td data-label=\"Acción\" data-action=\"{action}\">{name}</td>" in html
    assert "Carla Núñez (carla) rol agente" in html
    assert re.search(rf"agent id {carla_id}\b", html) is None
    assert "otra contraseña" not in html


def test_admin_unlocks_a_locked_agent(c: Console) -> None:
    c.add_agent("jefa", role="admin")
    c.add_agent("dani")
    for n in range(agents.ACCOUNT_LIMIT.free):  # from many clients: the account must wait
        c.login(c.client, "dani", "nope nope nope", environ_base={"REMOTE_ADDR": f"10.0.0.{n}"})
    with c.h.sessions() as s:
        assert agents.blocked_until(s, "dani") is not None
    c.login(c.client, "jefa")
    assert "Desbloquear" in c.client.get("/console/agents").get_data(as_text=True)
    post(c.client, f"/console/agents/{c.agent('dani').id}/unlock")
    assert c.login(c.new_client(), "dani").status_code == 303


def test_feed_numbers_the_queue(ana: Console) -> None:
    ids = [ana.waiting() for _ in range(5)]
    feed = ana.client.get("/console/api/feed").get_json()
    assert [r["id"] for r in feed["waiting"]] == ids
    assert [r["position"] for r in feed["waiting"]] == [1, 2, 3, 4, 5]


def test_agent_sees_that_the_person_asked_for_silence(ana: Console) -> None:
    # Issue 10: "stop" in an urgent case keeps it open for an agent, marked and with a note.
    conv_id = ana.waiting(text="me tienen secuestrado ayuda")
    ana.person_says(conv_id, "stop")
    page = ana.client.get(f"/console/c/{conv_id}").get_data(as_text=True)
    assert 'id="silenced"' in page and "no recibir más mensajes" in page
    assert ana.conversation(conv_id).status == "waiting"
