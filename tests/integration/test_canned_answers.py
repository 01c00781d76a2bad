"""Team canned answers (issue 15): admins write them, agents use them; the reply box's
search prefers the conversation's language; nothing sent tells a person to type "asesor"."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.content import Catalog
from bot.models import AuditLog, CannedAnswer
from tests.integration.test_console_support import Console, post

HOURS = "Atendemos de lunes a viernes de 9 a 17 h, hora del centro de México."


def admin(c: Console) -> Console:
    """``jefa`` (an admin) logged in on ``c.client``."""
    c.add_agent("jefa", role="admin")
    assert c.login(c.client, "jefa").status_code == 303
    return c


def stored(c: Console) -> list[tuple[str, str, str, str]]:
    """(code, lang, title, body) of every team answer."""
    with c.h.sessions() as s:
        return [(r.code, r.lang, r.title, r.body) for r in s.scalars(
            select(CannedAnswer).order_by(CannedAnswer.id))]


def canned_id(c: Console, code: str, lang: str = "es") -> int:
    """The id of a team answer."""
    with c.h.sessions() as s:
        found = s.scalar(select(CannedAnswer.id).where(CannedAnswer.code == code,
                                                       CannedAnswer.lang == lang))
        assert found is not None
        return found


def test_admin_adds_edits_and_deletes_and_each_is_audited(c: Console) -> None:
    admin(c)
    res = post(c.client, "/console/respuestas", code="/Horario", lang="es",
               title="Horario  de la oficina", body=HOURS)
    assert res.status_code == 303
    assert stored(c) == [("horario", "es", "Horario de la oficina", HOURS)]
    page = c.client.get("/console/respuestas").get_data(as_text=True)
    assert "/horario" in page and HOURS in page and 'id="canned-new"' in page
    number = canned_id(c, "horario")
    assert post(c.client, f"/console/respuestas/{number}", code="horario", lang="es",
                title="Horario", body=HOURS + " Sábados no.").status_code == 303
    assert stored(c)[0][2:] == ("Horario", HOURS + " Sábados no.")
    assert post(c.client, f"/console/respuestas/{number}/borrar").status_code == 303
    assert stored(c) == []
    with c.h.sessions() as s:
        rows = s.scalars(select(AuditLog).where(AuditLog.action.like("canned_%"))
                         .order_by(AuditLog.id)).all()
    assert [(r.agent, r.action) for r in rows] == [
        ("jefa", "canned_add"), ("jefa", "canned_edit"), ("jefa", "canned_delete")]
    assert all(HOURS not in (r.detail or "") for r in rows)  # ids and codes, never texts


def test_agents_use_but_cannot_write_change_or_delete(c: Console) -> None:
    admin(c)
    post(c.client, "/console/respuestas", code="horario", lang="es", title="Horario", body=HOURS)
    number = canned_id(c, "horario")
    c.add_agent("beto")
    beto = c.new_client()
    c.login(beto, "beto")
    page = beto.get("/console/respuestas").get_data(as_text=True)
    assert HOURS in page and 'id="canned-new"' not in page and "Borrar" not in page
    for path, form in [("/console/respuestas", {"code": "x", "lang": "es", "title": "x",
                                                "body": "x"}),
                       (f"/console/respuestas/{number}", {"code": "horario", "lang": "es",
                                                          "title": "Otro", "body": "otro"}),
                       (f"/console/respuestas/{number}/borrar", {})]:
        assert post(beto, path, **form).status_code == 403
    assert stored(c) == [("horario", "es", "Horario", HOURS)]
    # Without the CSRF token even an admin's form is refused and nothing is stored.
    res = c.client.post("/console/respuestas", data={"code": "y", "lang": "es", "title": "y",
                                                     "body": "y"})
    assert res.status_code == 400 and len(stored(c)) == 1
    # Logged out: nothing is stored either.
    assert c.new_client().post("/console/respuestas", data={"code": "z"}).status_code in (
        302, 303, 400, 401)
    assert len(stored(c)) == 1


def test_bad_answers_are_refused_in_spanish(c: Console) -> None:
    admin(c)
    cases = [
        ({"code": "con espacio", "title": "t", "body": "b"}, "sin espacios"),
        ({"code": "ok", "title": "", "body": "b"}, "El título"),
        ({"code": "ok", "title": "t", "body": "x" * 2001}, "El texto"),
        ({"code": "ok", "title": "t", "body": "b", "lang": "fr"}, "idioma"),
        ({"code": "ok", "title": "t", "body": 'Dudas: escribe "asesor".'}, "escribe asesor"),
        ({"code": "ok", "title": "t", "body": "Responde con el número de tu opción."},
         "ya habla con una persona"),
    ]
    for form, message in cases:
        res = post(c.client, "/console/respuestas", **{"lang": "es", **form})
        assert res.status_code == 303
        assert message in c.client.get("/console/respuestas").get_data(as_text=True), form
    assert stored(c) == []
    post(c.client, "/console/respuestas", code="dup", lang="es", title="a", body="a")
    post(c.client, "/console/respuestas", code="dup", lang="es", title="b", body="b")
    assert "Ya hay una respuesta con ese código" in c.client.get(
        "/console/respuestas").get_data(as_text=True)
    post(c.client, "/console/respuestas", code="dup", lang="en", title="b", body="b")
    assert [row[:2] for row in stored(c)] == [("dup", "es"), ("dup", "en")]


def test_reply_box_search_puts_the_team_and_the_persons_language_first(
        c: Console, catalog: Catalog) -> None:
    admin(c)
    post(c.client, "/console/respuestas", code="horario", lang="es", title="Horario", body=HOURS)
    post(c.client, "/console/respuestas", code="horario", lang="en", title="Office hours",
         body="We answer Monday to Friday, 9 to 5, Mexico City time.")
    found = c.client.get("/console/api/canned?lang=en&q=/hor").get_json()["items"]
    assert [(i["source"], i["lang"]) for i in found[:2]] == [("team", "en"), ("team", "es")]
    contacts = c.client.get("/console/api/canned?lang=es&q=telefonos").get_json()["items"]
    assert contacts[0]["source"] == "bot" and contacts[0]["lang"] == "es"
    assert contacts[0]["title"] == catalog.intents["contacts"].menu_title("es")
    assert "asesor" not in contacts[0]["body"] and "+52 473 359 9794" in contacts[0]["body"]
    one = c.client.get(f"/console/api/canned?ref={contacts[0]['ref']}").get_json()["items"]
    assert one == contacts[:1]
    for bad in ("lang=fr", "q=" + "x" * 81):
        assert c.client.get(f"/console/api/canned?{bad}").status_code == 400
    assert c.new_client().get("/console/api/canned").status_code in (302, 401)


def test_a_canned_answer_sent_without_javascript_never_says_asesor(
        c: Console, catalog: Catalog) -> None:
    admin(c)
    conv_id = c.waiting()
    post(c.client, f"/console/c/{conv_id}/claim")
    page = c.client.get(f"/console/c/{conv_id}?respuesta=bot:contacts:es").get_data(as_text=True)
    box = re.search(r'<textarea id="reply-text"[^>]*>([^<]*)</textarea>', page)
    assert box is not None
    text = box.group(1).replace("&#39;", "'").replace("&#34;", '"').replace("&amp;", "&")
    assert "+52 473 359 9794" in text and "asesor" not in text
    assert "asesor" in catalog.intents["contacts"].answer["es"]  # the bot's own version has it
    assert post(c.client, f"/console/c/{conv_id}/reply", text=text).status_code == 303
    sent = c.conversation(conv_id).messages[-1]
    assert (sent.direction, sent.author) == ("out", "jefa") and "asesor" not in sent.text
    # Nothing chosen, or a name that is not there: an empty box, no error.
    for ref in ("", "bot:nothing:es", "team:999999"):
        page = c.client.get(f"/console/c/{conv_id}?respuesta={ref}").get_data(as_text=True)
        assert re.search(r'<textarea id="reply-text"[^>]*></textarea>', page)
