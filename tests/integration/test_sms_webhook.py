"""``POST /webhooks/sms`` driven like Twilio drives it, and every later send, on the stub.

Requests are signed with ``RequestValidator.compute_signature`` as Twilio signs them; the
worker sends through the real twilio client to the local Messages API stub. SMS answers are
GSM-7 plain text, at most 3 segments an answer until the person asks for "MAS"; STOP / ALTO
/ START are Twilio's opt-out keywords; error 21610 means the person opted out.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator, Mapping

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine as SAEngine
from sqlalchemy import delete, select
from werkzeug.test import TestResponse

from bot import handoff, transitions
from bot.channels.twilio import GSM7_BASIC, GSM7_EXTENDED, MAX_SEGMENTS, segments
from bot.content import Catalog
from bot.engine import ConversationEngine
from bot.messages import Reply
from bot.models import Agent, AuditLog, Contact, Conversation
from tests.integration.webhook_support import (
    PUBLIC_BASE_URL,
    SMS_NUMBER,
    SMS_PATH,
    Harness,
    Verbose,
    contact,
    harness,
    make_settings,
    new_phone,
    outbox_rows,
    post_form,
    sign,
    sms_form,
    twiml_messages,
)
from tests.stubs import StubTwilio


@pytest.fixture
def sms(
    db_url: str, sa_engine: SAEngine, catalog: Catalog, engine: ConversationEngine,
    twilio_stub: StubTwilio
) -> Iterator[Harness]:
    """The app with SMS (and WhatsApp) on, on the Twilio stub."""
    settings = dataclasses.replace(make_settings(db_url, twilio=twilio_stub),
                                   extra={"TWILIO_SMS_NUMBER": SMS_NUMBER})
    with harness(settings, catalog, engine) as h:
        yield h


def post(client: FlaskClient, token: str, form: Mapping[str, str], *,
         signed_url: str = PUBLIC_BASE_URL + SMS_PATH, signature: str | None = None
         ) -> TestResponse:
    """POST the form to /webhooks/sms signed for ``signed_url`` (or with ``signature``)."""
    return post_form(client, token, form, route=SMS_PATH, signed_url=signed_url,
                     signature=signature)


def texts(h: Harness, stub: StubTwilio, sender: str, body: str) -> list[str]:
    """The person texts ``body``; what the worker then sent them."""
    before = len(stub.sent_bodies(sender))
    res = post(h.client, stub.auth_token, sms_form(sender, body))
    assert res.status_code == 200 and twiml_messages(res) == []
    h.deliver()
    return stub.sent_bodies(sender)[before:]


def is_gsm7(text: str) -> bool:
    return all(c in GSM7_BASIC or c in GSM7_EXTENDED for c in text)


# --- who may post ---------------------------------------------------------------------------


def test_text_is_stored_then_answered_in_gsm7_from_the_sms_number(
    sms: Harness, twilio_stub: StubTwilio
) -> None:
    sender = new_phone()
    res = post(sms.client, twilio_stub.auth_token, sms_form(sender, "hola, q necesito pa abrir "
                                                                    "un negocio?"))
    assert res.status_code == 200 and res.mimetype == "text/xml"
    assert res.get_data(as_text=True).endswith("<Response />")
    assert sms.rows.new() == {"inbound_events": 1}  # stored for the worker, not answered yet
    sms.deliver()
    calls = twilio_stub.calls()
    assert calls and all(c.params["From"] == SMS_NUMBER and c.params["To"] == sender
                         for c in calls)
    [answer] = twilio_stub.sent_bodies(sender)  # one turn, one message
    assert is_gsm7(answer) and segments(answer) <= MAX_SEGMENTS
    person = contact(sms.sessions, "sms", sender)
    assert person is not None and not person.unreachable


def test_unsigned_or_wrongly_signed_requests_are_refused_and_store_nothing(
    sms: Harness, twilio_stub: StubTwilio
) -> None:
    form = sms_form(new_phone(), "hola")
    assert post(sms.client, twilio_stub.auth_token, form, signature="").status_code == 403
    assert post(sms.client, "not-the-token", form).status_code == 403
    assert post(sms.client, twilio_stub.auth_token, form,
                signed_url=PUBLIC_BASE_URL + "/webhooks/whatsapp").status_code == 403
    tampered = sign(twilio_stub.auth_token, PUBLIC_BASE_URL + SMS_PATH, form)
    assert post(sms.client, twilio_stub.auth_token, {**form, "Body": "otra cosa"},
                signature=tampered).status_code == 403
    assert sms.rows.new() == {}


@pytest.mark.parametrize("sender", ["whatsapp:+15551234567", "5551234567", ""])
def test_a_sender_that_is_not_a_phone_number_is_400(
    sms: Harness, twilio_stub: StubTwilio, sender: str
) -> None:
    res = post(sms.client, twilio_stub.auth_token, sms_form(sender, "hola"))
    assert res.status_code == 400 and "From must be" in res.get_data(as_text=True)
    assert sms.rows.new() == {}


# --- segments ---------------------------------------------------------------------------------


def test_a_long_answer_sends_3_segments_and_the_rest_when_asked(
    sms: Harness, twilio_stub: StubTwilio, engine: ConversationEngine
) -> None:
    long = Reply("\n\n".join(f"Párrafo {i}: información útil 📌 " + "palabra " * 40
                             for i in range(6)))
    sms.helpline.pipeline.engine = Verbose(engine, (long,))  # type: ignore[assignment]
    sender = new_phone()
    [first] = texts(sms, twilio_stub, sender, "hola")
    assert segments(first) == MAX_SEGMENTS and first.endswith("(responde MAS)")
    assert is_gsm7(first)
    assert [r.status for r in outbox_rows(sms.sessions, "sms", sender)].count("later") >= 1
    sms.deliver()
    assert twilio_stub.sent_bodies(sender) == [first]  # nothing more until asked

    pages = [first]
    while pages[-1].endswith("(responde MAS)"):
        [page] = texts(sms, twilio_stub, sender, "MÁS" if len(pages) % 2 else "mas")
        assert segments(page) <= MAX_SEGMENTS and is_gsm7(page)
        pages.append(page)
    assert len(pages) >= 3
    assert "Parrafo 5" in pages[-1] and "(responde MAS)" not in pages[-1]
    everything = "\n".join(pages)
    assert "Parrafo 0: informacion util palabra" in everything  # á -> a, emoji left out
    assert "información" not in everything and "📌" not in everything
    assert {r.status for r in outbox_rows(sms.sessions, "sms", sender)} == {"sent"}


def test_asking_something_else_drops_the_rest_of_the_last_answer(
    sms: Harness, twilio_stub: StubTwilio, engine: ConversationEngine
) -> None:
    long = Reply(" ".join(["palabra"] * 300))
    sms.helpline.pipeline.engine = Verbose(engine, (long,))  # type: ignore[assignment]
    sender = new_phone()
    texts(sms, twilio_stub, sender, "hola")
    sms.helpline.pipeline.engine = engine
    [answer] = texts(sms, twilio_stub, sender, "gracias")
    assert "palabra palabra" not in answer
    assert "later" not in {r.status for r in outbox_rows(sms.sessions, "sms", sender)}


# --- opt-out ----------------------------------------------------------------------------------


def agent_answers(h: Harness, sender: str, text: str) -> str:
    """The person's conversation goes to the queue; an agent claims it and replies; the
    agent's name."""
    name = f"agente-{random.randrange(10**9)}"
    with h.sessions() as s:
        agent = Agent(name=name, password_hash="-")
        s.add(agent)
        person = s.scalars(select(Contact).where(Contact.channel == "sms",
                                                 Contact.external_id == sender)).one()
        conv = s.scalars(select(Conversation).where(Conversation.contact_id == person.id)
                         .order_by(Conversation.id.desc())).first()
        assert conv is not None
        transitions.queue_for_people(conv, urgent=False, topic="human")
        s.commit()
        handoff.claim(s, h.catalog, conv.id, agent)
        s.commit()
        handoff.reply(s, conv.id, agent, text)
        s.commit()
    return name


def agent_again(h: Harness, name: str, sender: str, text: str) -> None:
    """The agent holding the person's conversation writes to them again."""
    with h.sessions() as s:
        agent = s.scalars(select(Agent).where(Agent.name == name)).one()
        conv = s.scalars(select(Conversation).join(Contact)
                         .where(Contact.external_id == sender, Conversation.status == "assigned")
                         ).one()
        handoff.reply(s, conv.id, agent, text)
        s.commit()


@pytest.fixture
def agents_cleanup(sms: Harness) -> Iterator[None]:
    """Delete the agents (and their audit rows) a test made."""
    yield
    with sms.sessions() as s:
        s.execute(delete(AuditLog).where(AuditLog.agent.like("agente-%")))
        s.execute(delete(Agent).where(Agent.name.like("agente-%")))
        s.commit()


def test_an_agent_reply_reaches_the_person_through_the_outbox(
    sms: Harness, twilio_stub: StubTwilio, agents_cleanup: None
) -> None:
    sender = new_phone()
    texts(sms, twilio_stub, sender, "hola")
    twilio_stub.clear_calls()
    agent_answers(sms, sender, "Hola, soy Ana del equipo SMEI 🙂. ¿Cómo te ayudo?")
    assert sms.deliver() >= 1
    bodies = twilio_stub.sent_bodies(sender)
    assert bodies[-1] == "Hola, soy Ana del equipo SMEI . ¿Como te ayudo?"
    assert all(c.params["From"] == SMS_NUMBER for c in twilio_stub.calls())


@pytest.mark.parametrize("word", ["STOP", "alto", " Stop "])
def test_stop_records_the_opt_out_answers_nothing_and_start_opts_back_in(
    sms: Harness, twilio_stub: StubTwilio, agents_cleanup: None, word: str
) -> None:
    sender = new_phone()
    texts(sms, twilio_stub, sender, "hola")
    twilio_stub.clear_calls()
    assert texts(sms, twilio_stub, sender, word) == []  # Twilio itself confirms it
    person = contact(sms.sessions, "sms", sender)
    assert person is not None and person.unreachable
    name = agent_answers(sms, sender, "¿Sigues ahí?")
    sms.deliver()
    assert twilio_stub.calls() == []  # nothing while opted out
    [row] = [r for r in outbox_rows(sms.sessions, "sms", sender) if r.text == "¿Sigues ahi?"]
    assert row.status == "failed" and "opted out" in (row.last_error or "")

    assert texts(sms, twilio_stub, sender, "START") == []
    person = contact(sms.sessions, "sms", sender)
    assert person is not None and not person.unreachable
    agent_again(sms, name, sender, "Aquí seguimos.")
    sms.deliver()
    assert twilio_stub.sent_bodies(sender) == ["Aqui seguimos."]


def test_an_opted_out_person_who_writes_without_start_stays_opted_out(
    sms: Harness, twilio_stub: StubTwilio
) -> None:
    # Issue 12: as on Twilio, only START opts back in; any other text leaves them out and
    # nothing is sent to them (Twilio would refuse it with 21610).
    sender = new_phone()
    texts(sms, twilio_stub, sender, "hola")
    assert texts(sms, twilio_stub, sender, "STOP") == []
    twilio_stub.clear_calls()
    assert texts(sms, twilio_stub, sender, "como mando dinero a mexico") == []
    person = contact(sms.sessions, "sms", sender)
    assert person is not None and person.unreachable
    assert twilio_stub.calls() == []
    texts(sms, twilio_stub, sender, "START")
    assert texts(sms, twilio_stub, sender, "como mando dinero a mexico") != []


def test_an_opt_out_sent_as_twilio_advanced_opt_out_is_recorded(
    sms: Harness, twilio_stub: StubTwilio
) -> None:
    sender = new_phone()
    res = post(sms.client, twilio_stub.auth_token,
               sms_form(sender, "BAJA", OptOutType="STOP"))
    assert res.status_code == 200
    sms.deliver()
    person = contact(sms.sessions, "sms", sender)
    assert person is not None and person.unreachable
    assert twilio_stub.calls() == []


def test_twilio_21610_marks_the_person_opted_out_and_is_not_retried(
    sms: Harness, twilio_stub: StubTwilio
) -> None:
    sender = new_phone()
    twilio_stub.fail_next(status=400, code=21610)
    post(sms.client, twilio_stub.auth_token, sms_form(sender, "hola"))
    sms.deliver()
    sms.deliver()
    assert len(twilio_stub.calls()) == 1  # refused once, never tried again
    row = outbox_rows(sms.sessions, "sms", sender)[0]
    assert (row.status, row.last_error) == ("failed", "twilio 21610")
    person = contact(sms.sessions, "sms", sender)
    assert person is not None and person.unreachable


# --- malformed input ------------------------------------------------------------------------

form_values = st.one_of(st.text(max_size=80), st.sampled_from(
    ["+5214771234567", "STOP", "ALTO", "START", "MÁS", "mas", "0", "1", "SM" + "a" * 32, ""]))


@st.composite
def sms_forms(draw: st.DrawFn) -> dict[str, str]:
    """A Twilio SMS form: sometimes a real message shape, always some random fields."""
    form: dict[str, str] = {}
    if draw(st.booleans()):
        form.update({"From": f"+{draw(st.integers(10**6, 10**15))}",
                     "MessageSid": "SM" + draw(st.text("0123456789abcdef", min_size=32,
                                                       max_size=32)),
                     "Body": draw(form_values)})
    keys = st.sampled_from(["From", "Body", "MessageSid", "NumMedia", "OptOutType",
                            "MessageStatus", "Latitude"]) | st.text(min_size=1, max_size=10)
    form.update(draw(st.dictionaries(keys, form_values, max_size=6)))
    return form


def test_signed_forms_never_fail(sms: Harness, twilio_stub: StubTwilio) -> None:
    seen: list[int] = []

    @settings(max_examples=200, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture,
                                     HealthCheck.too_slow])
    @given(form=sms_forms())
    def send(form: dict[str, str]) -> None:
        res = post(sms.client, twilio_stub.auth_token, form)
        assert res.status_code in (200, 400), res.status_code
        seen.append(res.status_code)

    send()
    sms.answer()  # every stored message (keywords included) is answered or recorded
    assert set(sms.inbox_statuses()) <= {"done"}, sms.inbox_statuses()
    assert seen.count(200) > 20
