"""Find anything (issue 15): search by text, contact, topic, dates and filters, a contact's
past conversations, labels; masked numbers, audited reads, retention, no 500 on odd input."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from bot import labels, search
from bot.content import Catalog
from bot.engine import ConversationEngine
from bot.models import AuditLog, Conversation, ConversationLabel, Message, utcnow
from tests.integration.test_console_support import Console, console, csrf, plain_settings, post

NUMBER = "+5214731234567"


def found(c: Console, **query: str) -> list[int]:
    """The conversation ids the search page lists, in order."""
    res = c.client.get("/console/buscar?" + urlencode(query))
    assert res.status_code == 200, (query, res.status_code)
    return [int(x) for x in re.findall(r'data-conv="(\d+)"', res.get_data(as_text=True))]


def audit_rows(c: Console, *actions: str) -> list[tuple[str, str, int | None, str | None]]:
    """(agent, action, conversation, detail) of the audit rows of ``actions``."""
    with c.h.sessions() as s:
        return [(r.agent, r.action, r.conversation_id, r.detail) for r in s.scalars(
            select(AuditLog).where(AuditLog.action.in_(actions)).order_by(AuditLog.id))]


def test_text_search_finds_the_conversation_and_shows_where(ana: Console) -> None:
    visa = ana.waiting()
    other = ana.waiting()
    ana.person_says(visa, "mi visa humanitaria se venció en 100% diciembre")
    ana.person_says(other, "busco trabajo en León")
    assert found(ana, q="VISA humanitaria") == [visa]
    assert found(ana, q="León") == [other]
    page = ana.client.get("/console/buscar?q=humanitaria").get_data(as_text=True)
    assert 'class="snippet">mi visa humanitaria' in page
    # LIKE wildcards are searched as written, not as wildcards.
    assert found(ana, q="100%") == [visa]
    assert found(ana, q="0_%") == []
    assert found(ana, q="nadie escribió esto") == []
    assert "No se encontró" in ana.client.get("/console/buscar?q=zzzz").get_data(as_text=True)
    # No criteria: only the form, nothing read, nothing audited.
    assert 'id="results"' not in ana.client.get("/console/buscar").get_data(as_text=True)


def test_contact_by_last_digits_or_full_number_never_shows_the_number(ana: Console) -> None:
    mine = ana.waiting(channel="whatsapp", sender=f"whatsapp:{NUMBER}")
    ana.waiting(channel="whatsapp", sender="whatsapp:+5214739999999")
    assert found(ana, contacto="4567") == [mine]
    assert found(ana, contacto="473 123 4567") == [mine]
    assert found(ana, contacto=NUMBER) == [mine]
    assert found(ana, contacto="+52 1 473 123-4567") == [mine]
    assert found(ana, contacto="5559876") == []
    page = ana.client.get("/console/buscar?contacto=4567").get_data(as_text=True)
    assert "…4567" in page and "1234567" not in page and "4731234567" not in page
    res = ana.client.get("/console/buscar?contacto=45")
    assert res.status_code == 400 and "últimos 4 dígitos" in res.get_data(as_text=True)


def test_filters_combine(c: Console, catalog: Catalog) -> None:
    c.add_agent("ana")
    c.add_agent("beto")
    c.login(c.client, "ana")
    beto = c.new_client()
    c.login(beto, "beto")
    web = c.waiting()
    english = c.waiting(text="I want to talk to a person please")
    urgent = c.waiting(channel="sms", sender="+5214735550000", text="me quieren matar ayuda")
    post(beto, f"/console/c/{web}/claim")
    for conv in (web, urgent):
        c.person_says(conv, "tengo una pregunta sobre el folio pasaporte")
    c.person_says(english, "I have a question about my pasaporte please")
    assert c.conversation(urgent).urgent and c.conversation(english).lang == "en"
    assert set(found(c, q="pasaporte")) == {web, english, urgent}
    assert found(c, q="pasaporte", estado="assigned") == [web]
    assert found(c, q="pasaporte", agente="beto") == [web]
    assert found(c, q="pasaporte", agente="nadie") == []
    assert found(c, q="pasaporte", idioma="en") == [english]
    assert found(c, q="pasaporte", canal="sms") == [urgent]
    assert found(c, q="pasaporte", urgente="1") == [urgent]
    assert found(c, q="pasaporte", urgente="1", canal="webchat") == []
    topic = c.conversation(urgent).topic or c.conversation(urgent).last_intent
    assert topic and urgent in found(c, tema=topic)
    # Newest activity first.
    c.person_says(english, "one more question about the pasaporte")
    assert found(c, q="pasaporte")[0] == english
    # Dates: today (in the office's time zone) holds them all; tomorrow none.
    today = dt.datetime.now(dt.UTC).astimezone().date()
    assert set(found(c, q="pasaporte", desde=str(today - dt.timedelta(days=1)),
                     hasta=str(today + dt.timedelta(days=1)))) == {web, english, urgent}
    assert found(c, q="pasaporte", desde=str(today + dt.timedelta(days=2))) == []
    assert found(c, estado="waiting", hasta=str(today - dt.timedelta(days=3))) == []


def test_pages_newest_first(ana: Console, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "PAGE", 2)
    ids = [ana.waiting() for _ in range(3)]
    for conv in ids:
        ana.person_says(conv, "consulta sobre doble nacionalidad")
    first = ana.client.get("/console/buscar?q=doble+nacionalidad").get_data(as_text=True)
    assert 'id="next-page"' in first and 'id="prev-page"' not in first
    assert found(ana, q="doble nacionalidad") == ids[::-1][:2]
    assert found(ana, q="doble nacionalidad", pagina="2") == ids[:1]


def test_purged_and_older_than_retention_are_not_found(ana: Console) -> None:
    old = ana.waiting()
    ana.person_says(old, "mensaje muy antiguo sobre remesas")
    days = ana.h.helpline.settings.retention_days
    long_ago = utcnow() - dt.timedelta(days=days + 1)
    with ana.h.sessions() as s:
        s.execute(update(Conversation).where(Conversation.id == old).values(
            updated_at=long_ago, created_at=long_ago))
        s.execute(update(Message).where(Message.conversation_id == old).values(at=long_ago))
        s.commit()
    assert found(ana, q="remesas") == []
    assert found(ana, desde="2001-01-01", q="remesas") == []
    contact_id = ana.conversation(old).contact_id
    page = ana.client.get(f"/console/contacto/{contact_id}").get_data(as_text=True)
    assert f'data-conv="{old}"' not in page and "No tiene conversaciones" in page


def test_reads_of_results_and_contacts_are_audited(ana: Console) -> None:
    conv = ana.waiting(channel="whatsapp", sender=f"whatsapp:{NUMBER}")
    ana.person_says(conv, "consulta de apostilla")
    assert found(ana, q="apostilla") == [conv]
    assert found(ana, q="apostilla", canal="sms") == []
    rows = audit_rows(ana, "search", "search_read", "contact_read")
    assert rows[0][:3] == ("ana", "search", None)
    assert rows[0][3] == "búsqueda por texto: 1 resultado"
    assert rows[1] == ("ana", "search_read", conv, None)
    assert rows[2] == ("ana", "search", None, "búsqueda por texto, canal: 0 resultados")
    assert len(rows) == 3
    contact_id = ana.conversation(conv).contact_id
    page = ana.client.get(f"/console/contacto/{contact_id}").get_data(as_text=True)
    assert f'data-conv="{conv}"' in page and "…4567" in page and "4731234567" not in page
    assert audit_rows(ana, "contact_read") == [
        ("ana", "contact_read", None, f"contacto {contact_id}")]
    assert all("apostilla" not in (d or "") for *_, d in audit_rows(ana, "search"))
    assert ana.client.get("/console/contacto/999999999").status_code == 404


def test_labels_are_normalised_bounded_audited_and_searchable(ana: Console) -> None:
    conv = ana.waiting()
    other = ana.waiting()
    assert post(ana.client, f"/console/c/{conv}/etiquetas",
                etiqueta="  Visa   Humanitaria ").status_code == 303
    post(ana.client, f"/console/c/{conv}/etiquetas", etiqueta="VISA HUMANITARIA")  # same one
    post(ana.client, f"/console/c/{other}/etiquetas", etiqueta="seguimiento")
    for bad in ("x" * 33, "<script>", ""):
        post(ana.client, f"/console/c/{conv}/etiquetas", etiqueta=bad)
    with ana.h.sessions() as s:
        stored = s.execute(select(ConversationLabel.conversation_id, ConversationLabel.label)
                           .order_by(ConversationLabel.id)).all()
    assert [tuple(r) for r in stored] == [(conv, "visa humanitaria"), (other, "seguimiento")]
    page = ana.client.get(f"/console/c/{conv}").get_data(as_text=True)
    assert ">visa humanitaria</a>" in page and ">seguimiento</a>" not in page
    assert found(ana, etiqueta="Visa Humanitaria") == [conv]
    assert found(ana, etiqueta="seguimiento") == [other]
    for n in range(labels.PER_CONVERSATION):
        post(ana.client, f"/console/c/{other}/etiquetas", etiqueta=f"e{n}")
    assert "como máximo 10 etiquetas" in ana.client.get(
        f"/console/c/{other}").get_data(as_text=True)
    assert post(ana.client, f"/console/c/{conv}/etiquetas/quitar",
                etiqueta="visa humanitaria").status_code == 303
    assert found(ana, etiqueta="visa humanitaria") == []
    actions = [(a, cid, d) for _, a, cid, d in audit_rows(ana, "label_add", "label_remove")]
    assert actions[:2] == [("label_add", conv, "etiqueta visa humanitaria"),
                           ("label_add", other, "etiqueta seguimiento")]
    assert actions[-1] == ("label_remove", conv, "etiqueta visa humanitaria")
    assert post(ana.client, "/console/c/999999999/etiquetas", etiqueta="x").status_code == 404
    res = ana.client.post(f"/console/c/{conv}/etiquetas", data={"etiqueta": "sin csrf"})
    assert res.status_code == 400 and found(ana, etiqueta="sin csrf") == []


def test_labels_go_with_their_conversation(ana: Console) -> None:
    conv = ana.waiting()
    post(ana.client, f"/console/c/{conv}/etiquetas", etiqueta="borrar")
    with ana.h.sessions() as s:
        s.execute(Conversation.__table__.delete().where(Conversation.id == conv))
        s.commit()
        assert s.scalars(select(ConversationLabel).where(
            ConversationLabel.conversation_id == conv)).all() == []


@pytest.mark.parametrize("query", [
    "desde=2024-02-30", "desde=ayer", "hasta=99999-01-01", "desde=1800-01-01",
    "desde=2025-05-02&hasta=2025-05-01", "pagina=0", "pagina=99999999999999999999",
    "pagina=²", "estado=borrado", "canal=fax", "idioma=fr", "tema=no_existe", "urgente=si",
    "contacto=12", "q=x", "q=" + "x" * 101, "etiqueta=<b>", "agente=" + "a" * 65,
])
def test_odd_queries_are_a_400_in_spanish(ana: Console, query: str) -> None:
    res = ana.client.get(f"/console/buscar?{query}")
    assert res.status_code == 400, query
    assert 'id="search-error"' in res.get_data(as_text=True)


def test_unknown_names_are_ignored(ana: Console) -> None:
    assert ana.client.get("/console/buscar?orden=raro&x=1").status_code == 200


FUZZ = settings(deadline=None, database=None, max_examples=60,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])
NAMES = ["q", "contacto", "etiqueta", "tema", "desde", "hasta", "estado", "canal", "idioma",
         "urgente", "agente", "pagina", "lang", "ref", "respuesta"]
odd = st.sampled_from(["²", "٣", "-1", "1e3", "１", "9" * 25, "2025-13-01", "0000-00-00",
                       "%", "_", "\\", "'", "x" * 500, "je\x00fa", "bot:contacts:es", "team:1"])
values = st.one_of(odd, st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))


@pytest.fixture(scope="module")
def fz(db_url: str, catalog: Catalog, engine: ConversationEngine) -> Iterator[
        tuple[Console, int]]:
    """The console with an admin logged in, and a conversation of theirs."""
    with console(plain_settings(db_url), catalog, engine, senders={}) as con:
        con.add_agent("jefa", role="admin")
        con.login(con.client, "jefa")
        conv = con.waiting()
        post(con.client, f"/console/c/{conv}/claim")
        yield con, conv


def test_search_pages_never_answer_500(fz: tuple[Console, int]) -> None:
    con, conv = fz
    token = csrf(con.client)
    paths = ["/console/buscar", "/console/api/canned", f"/console/c/{conv}",
             "/console/contacto/1", "/console/respuestas"]

    @FUZZ
    @given(path=st.sampled_from(paths),
           query=st.dictionaries(st.sampled_from(NAMES), values, max_size=6),
           label=values)
    def one(path: str, query: dict[str, str], label: str) -> None:
        res = con.client.get(f"{path}?{urlencode(query)}")
        assert res.status_code < 500, (path, query, res.status_code)
        res = con.client.post(f"/console/c/{conv}/etiquetas",
                             data={"csrf_token": token, "etiqueta": label})
        assert res.status_code < 500, (label, res.status_code)

    one()


@pytest.mark.parametrize("name", NAMES)
def test_a_nul_byte_in_any_search_field_is_no_500(fz: tuple[Console, int], name: str) -> None:
    # PostgreSQL refuses a NUL byte in any text parameter: found by the fuzz test above.
    con, conv = fz
    for path in ("/console/buscar", "/console/api/canned", f"/console/c/{conv}",
                 "/console/respuestas"):
        res = con.client.get(f"{path}?{urlencode({name: 'je' + chr(0) + 'fa'})}")
        assert res.status_code < 500, (path, name, res.status_code)
