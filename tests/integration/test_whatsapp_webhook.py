"""``POST /webhooks/whatsapp`` driven like Twilio drives it (signed forms), and later sends.

Requests are signed with ``RequestValidator.compute_signature`` exactly as Twilio signs them;
messages sent after the request (agents, overflow, retries) go through the real twilio client
to the local Messages API stub, including WhatsApp's 24-hour window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from sqlalchemy import Engine as SAEngine
from sqlalchemy import select, update
from werkzeug.test import EnvironBuilder

from bot import outbox
from bot.channels.twilio import TEXT_LIMIT as WHATSAPP_TEXT_LIMIT
from bot.content import Catalog
from bot.engine import ConversationEngine
from bot.messages import Reply
from bot.models import Contact, Conversation, Outbox, db_time, utcnow
from bot.senders import split_text
from tests.integration.webhook_support import (
    PUBLIC_BASE_URL,
    TEMPLATE_SID,
    WHATSAPP_PATH,
    Harness,
    Verbose,
    clock_off_by,
    harness,
    inbound_events,
    make_settings,
    new_number,
    outbox_rows,
    post_form,
    sign,
    twiml_messages,
    wa_form,
)
from tests.stubs import StubTwilio

FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def wa(
    db_url: str, sa_engine: SAEngine, catalog: Catalog, engine: ConversationEngine,
    twilio_stub: StubTwilio
) -> Iterator[Harness]:
    """The app with WhatsApp on and no reopen template."""
    with harness(make_settings(db_url, twilio=twilio_stub), catalog, engine) as h:
        yield h


@pytest.fixture
def wa_template(
    db_url: str, sa_engine: SAEngine, catalog: Catalog, engine: ConversationEngine,
    twilio_stub: StubTwilio
) -> Iterator[Harness]:
    """The app with WhatsApp on and TWILIO_REOPEN_TEMPLATE_SID set."""
    settings = make_settings(db_url, twilio=twilio_stub, template=TEMPLATE_SID)
    with harness(settings, catalog, engine) as h:
        yield h


def says(h: Harness, stub: StubTwilio, sender: str, body: str, **extra: str) -> list[str]:
    """The person writes; return what the worker then sent them through the Messages API."""
    before = len(stub.sent_bodies(sender))
    res = post_form(h.client, stub.auth_token, wa_form(sender, body, **extra))
    assert res.status_code == 200, res.get_data(as_text=True)
    assert res.mimetype == "text/xml" and twiml_messages(res) == []
    h.deliver()
    return stub.sent_bodies(sender)[before:]


# --- who may post ---------------------------------------------------------------------------


def test_text_is_acknowledged_at_once_then_answered_through_the_messages_api(
    wa: Harness, twilio_stub: StubTwilio, catalog: Catalog
) -> None:
    sender = new_number()
    form = wa_form(sender, "hola")
    res = post_form(wa.client, twilio_stub.auth_token, form)
    assert res.status_code == 200
    assert res.content_type.startswith("text/xml")
    assert res.get_data(as_text=True).endswith("<Response />")  # nothing said in the response
    assert wa.rows.new() == {"inbound_events": 1}  # stored for the worker, not answered yet
    assert twilio_stub.calls() == []

    assert wa.deliver() == 2
    sent = twilio_stub.sent_bodies(sender)
    assert sent[0] == catalog.intents["greeting"].text("es")
    assert "borrar mis datos" in sent[1] and len(sent) == 2
    assert {c.params["From"] for c in twilio_stub.calls()} == {"whatsapp:+15550001111"}
    assert [r.status for r in outbox_rows(wa.sessions, "whatsapp", sender)] == ["sent"] * 2
    assert inbound_events(wa.sessions, "whatsapp", form["MessageSid"]) == 1


def test_signature_is_checked_against_the_public_url_behind_a_tls_proxy(
    wa: Harness, twilio_stub: StubTwilio
) -> None:
    # The proxy talks plain http to another host and port; Twilio signed the public https URL.
    internal = "http://10.0.3.7:8080"
    form = wa_form(new_number(), "hola")
    public = f"{PUBLIC_BASE_URL}{WHATSAPP_PATH}?src=wa&v=2"
    res = post_form(wa.client, twilio_stub.auth_token, form, query="src=wa&v=2",
                    signed_url=public, base_url=internal)
    assert res.status_code == 200
    assert inbound_events(wa.sessions, "whatsapp", form["MessageSid"]) == 1

    # A signature over the address the app sees is not what Twilio sends: refused.
    form = wa_form(new_number(), "hola")
    before = wa.rows.new()
    res = post_form(wa.client, twilio_stub.auth_token, form, query="src=wa&v=2",
                    signed_url=f"{internal}{WHATSAPP_PATH}?src=wa&v=2", base_url=internal)
    assert res.status_code == 403
    assert wa.rows.new() == before


SIGNED = wa_form("whatsapp:+15557654321", "hola")
TAMPERED: dict[str, dict[str, object]] = {
    # form: what is posted; signature: sent as is, else computed over signed_form/signed_query.
    "no signature": {"form": SIGNED, "signature": ""},
    "wrong signature": {"form": SIGNED, "signature": "bm90LXRoZS1yaWdodC1zaWduYXR1cmU="},
    "garbage": {"form": SIGNED, "signature": "\u00e9\u00e9 not base64"},
    "body changed after signing": {"form": {**SIGNED, "Body": "hola!"}, "signed_form": SIGNED},
    "field added after signing": {"form": {**SIGNED, "Extra": "1"}, "signed_form": SIGNED},
    "query changed after signing": {"form": SIGNED, "query": "a=2", "signed_query": "a=1"},
    "field swapped, original in query": {"form": SIGNED, "query": "Body=x",
                                    "signed_form": {**SIGNED, "Body": "x"}},
}


@pytest.mark.parametrize("case", sorted(TAMPERED))
def test_missing_or_invalid_signature_is_403_and_stores_nothing(
    wa: Harness, twilio_stub: StubTwilio, case: str
) -> None:
    spec = TAMPERED[case]
    form, query = dict(spec["form"]), str(spec.get("query", ""))  # type: ignore[call-overload]
    signature = spec.get("signature")
    if signature is None:
        signed_query = str(spec.get("signed_query", query))
        url = PUBLIC_BASE_URL + WHATSAPP_PATH + (f"?{signed_query}" if signed_query else "")
        signature = sign(twilio_stub.auth_token, url, spec.get("signed_form", form))  # type: ignore[arg-type]
    res = post_form(wa.client, twilio_stub.auth_token, form, query=query,
                    signature=str(signature))
    assert res.status_code == 403
    assert wa.rows.new() == {}


def test_route_is_absent_without_twilio_credentials(
    db_url: str, sa_engine: SAEngine, catalog: Catalog, engine: ConversationEngine,
    twilio_stub: StubTwilio
) -> None:
    with harness(make_settings(db_url), catalog, engine) as h:
        res = post_form(h.client, twilio_stub.auth_token, wa_form(new_number(), "hola"))
        assert res.status_code == 404
        assert h.rows.new() == {}


# --- what people send -----------------------------------------------------------------------


def test_unknown_form_fields_are_accepted(
    wa: Harness, twilio_stub: StubTwilio, catalog: Catalog
) -> None:
    messages = says(wa, twilio_stub, new_number(), "hola", ButtonPayload="x", Forwarded="true",
                    ReferralNumMedia="0", FutureFieldFromTwilio="🙂", MessageType="text")
    assert messages[0] == catalog.intents["greeting"].text("es")


@pytest.mark.parametrize("extra", [
    {"NumMedia": "1", "MediaUrl0": "https://api.twilio.com/media/ME1",
     "MediaContentType0": "image/jpeg", "Body": ""},
    {"NumMedia": "1", "MediaUrl0": "https://api.twilio.com/media/ME2",
     "MediaContentType0": "audio/ogg", "Body": "escucha esto"},
    {"Latitude": "21.1250", "Longitude": "-101.6860", "Address": "León, Gto."},
    {"Body": ""},
    {"Body": "  \n "},
], ids=["photo", "voice with caption", "location", "empty", "blank"])
def test_media_locations_and_empty_bodies_get_the_polite_text(
    wa: Harness, twilio_stub: StubTwilio, catalog: Catalog, extra: dict[str, str]
) -> None:
    sender = new_number()
    form = wa_form(sender, "")
    form.update(extra)
    res = post_form(wa.client, twilio_stub.auth_token, form)
    assert res.status_code == 200
    wa.deliver()
    assert twilio_stub.sent_bodies(sender)[0] == catalog.message("media_not_supported", "es")


def test_media_answer_is_in_the_persons_language(
    wa: Harness, twilio_stub: StubTwilio, catalog: Catalog
) -> None:
    sender = new_number()
    assert says(wa, twilio_stub, sender, "English")[0] == catalog.message("language_set", "en")
    messages = says(wa, twilio_stub, sender, "", NumMedia="1", MediaUrl0="https://x/ME3")
    assert messages == [catalog.message("media_not_supported", "en")]


def test_status_callback_posted_here_is_acknowledged_and_ignored(
    wa: Harness, twilio_stub: StubTwilio
) -> None:
    form = {"MessageSid": "SM" + "1" * 32, "MessageStatus": "delivered",
            "From": "whatsapp:+15550001111", "To": new_number(), "AccountSid": "AC1"}
    res = post_form(wa.client, twilio_stub.auth_token, form)
    assert res.status_code == 200 and twiml_messages(res) == []
    assert wa.rows.new() == {}


def test_long_answers_are_split_on_paragraphs_and_all_sent_in_order(
    wa: Harness, twilio_stub: StubTwilio, engine: ConversationEngine
) -> None:
    long = Reply("\n\n".join(f"Párrafo {i}: " + "palabra " * 60 for i in range(9)))
    wa.helpline.pipeline.engine = Verbose(engine, (long,) * 4)  # type: ignore[assignment]
    sender = new_number()
    sent = says(wa, twilio_stub, sender, "hola")
    expected = [p for _ in range(4) for p in split_text(long.text, WHATSAPP_TEXT_LIMIT)]
    assert len(expected) > 8  # more than TwiML's ten messages would have carried
    assert sent[2:] == expected
    assert all(len(m) <= WHATSAPP_TEXT_LIMIT for m in sent)
    assert all(m.startswith("Párrafo") for m in expected)  # cut between paragraphs


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("form", [
    {},
    {"Body": "hola", "MessageSid": "SM1234"},
    {"From": "+15551234567", "Body": "hola", "MessageSid": "SM1234"},
    {"From": "whatsapp:+1555123456789012345678", "Body": "hola", "MessageSid": "SM1234"},
    {"From": "whatsapp:+15551234567", "Body": "hola"},
    {"From": "whatsapp:+15551234567", "Body": "hola", "MessageSid": "SM" + "x" * 80},
    {"From": "whatsapp:+15551234567", "Body": "hola", "MessageSid": "SM/../1"},
], ids=["empty", "no From", "not whatsapp", "too long", "no sid", "long sid", "odd sid"])
def test_signed_forms_that_are_not_messages_are_400(
    wa: Harness, twilio_stub: StubTwilio, form: dict[str, str]
) -> None:
    res = post_form(wa.client, twilio_stub.auth_token, form)
    assert res.status_code == 400
    assert wa.rows.new() == {}


def test_odd_but_signed_bodies_never_fail(wa: Harness, twilio_stub: StubTwilio) -> None:
    sender = new_number()
    for body in ["hola\x00mundo", "x" * 100_000, "🙂" * 3000, "<Response/>&", "\u202e\u0301"]:
        messages = says(wa, twilio_stub, sender, body, NumMedia="many")
        assert messages  # answered (a miss, media or whatever the engine decides)


@pytest.mark.parametrize(("body", "status"), [(b"%FF%FE", 200), (b"\xff\xfe", 400)],
                         ids=["percent-encoded", "raw bytes"])
def test_invalid_utf8_in_a_signed_form_never_fails(
    wa: Harness, twilio_stub: StubTwilio, body: bytes, status: int
) -> None:
    sender = new_number()
    raw = f"From={quote(sender)}&MessageSid=SM{'e' * 32}&Body=".encode() + body
    # Twilio signs the fields it sent; sign what Flask will read from these bytes.
    parsed = EnvironBuilder(method="POST", data=raw, content_type=FORM).get_request().form
    signature = sign(twilio_stub.auth_token, PUBLIC_BASE_URL + WHATSAPP_PATH, parsed)
    res = wa.client.post(WHATSAPP_PATH, data=raw, content_type=FORM,
                         headers={"X-Twilio-Signature": signature})
    assert res.status_code == status


def test_body_over_one_megabyte_is_413(wa: Harness, twilio_stub: StubTwilio) -> None:
    form = wa_form(new_number(), "a" * (1024 * 1024))
    assert post_form(wa.client, twilio_stub.auth_token, form).status_code == 413
    assert wa.rows.new() == {}


# --- later messages and the 24-hour window --------------------------------------------------


def agent_says(h: Harness, sender: str, text: str) -> int:
    """An agent's message for the person, queued like the console queues it; its row id."""
    with h.sessions() as s:
        person = s.scalars(select(Contact).where(Contact.external_id == sender)).one()
        conv = s.scalars(select(Conversation).where(Conversation.contact_id == person.id)
                         .order_by(Conversation.id.desc())).first()
        [row] = outbox.enqueue(s, channel="whatsapp", address=sender, replies=[text],
                               contact_id=person.id,
                               conversation_id=conv.id if conv else None)
        s.commit()
        return row.id


def greeted(h: Harness, stub: StubTwilio, sender: str) -> None:
    """The person wrote "hola" and got the bot's answer; the stub forgets those calls."""
    assert says(h, stub, sender, "hola")
    stub.clear_calls()


def later_rows(h: Harness, sender: str, first: int) -> list[Outbox]:
    """The person's outbox rows from ``first`` on (the bot's earlier answers left out)."""
    return [r for r in outbox_rows(h.sessions, "whatsapp", sender) if r.id >= first]


def hours_pass(h: Harness, sender: str, hours: float) -> None:
    """Move the person's last message ``hours`` into the past."""
    with h.sessions() as s:
        s.execute(update(Contact).where(Contact.external_id == sender)
                  .values(last_inbound_at=utcnow() - dt.timedelta(hours=hours)))
        s.commit()


def test_agent_message_inside_the_window_is_sent_free_form(
    wa: Harness, twilio_stub: StubTwilio
) -> None:
    sender = new_number()
    greeted(wa, twilio_stub, sender)
    hours_pass(wa, sender, 23)
    agent_says(wa, sender, "Hola, soy Ana del equipo SMEI.")
    assert wa.deliver() == 1
    [call] = twilio_stub.calls()
    assert call.params["Body"] == "Hola, soy Ana del equipo SMEI."
    assert call.params["To"] == sender and call.params["From"] == "whatsapp:+15550001111"


@pytest.mark.parametrize(("hours", "worker", "sent"), [
    (23.9, dt.timedelta(minutes=10), True), (24.1, -dt.timedelta(minutes=10), False)],
    ids=["a-worker-that-runs-fast-still-sends", "a-worker-that-runs-slow-still-holds"])
def test_the_window_is_judged_on_the_database_clock_whatever_the_workers_clock_says(
    wa: Harness, twilio_stub: StubTwilio, hours: float, worker: dt.timedelta, sent: bool
) -> None:
    """Workers on several machines: 6 minutes inside (or outside) the 24 hours by the
    database's clock is inside (outside) whatever a worker's own clock says."""
    sender = new_number()
    greeted(wa, twilio_stub, sender)
    hours_pass(wa, sender, hours)
    row_id = agent_says(wa, sender, "¿Sigues ahí?")
    with clock_off_by(worker):
        wa.deliver()
    [row] = later_rows(wa, sender, row_id)
    assert row.status == ("sent" if sent else "failed")
    assert len(twilio_stub.calls()) == (1 if sent else 0)


def test_the_persons_last_message_is_stamped_by_the_database_not_the_web_process(
    wa: Harness, twilio_stub: StubTwilio
) -> None:
    """A web process whose clock runs 10 minutes slow stores the message: the window it
    opens is counted from when the database stored it, so it does not close 10 minutes early
    for the worker that judges it (on the database's clock)."""
    sender = new_number()
    with clock_off_by(-dt.timedelta(minutes=10)):
        res = post_form(wa.client, twilio_stub.auth_token, wa_form(sender, "hola"))
    assert res.status_code == 200
    assert wa.deliver() >= 1
    with wa.sessions() as s:
        person = s.scalars(select(Contact).where(Contact.external_id == sender)).one()
        conv = s.scalars(select(Conversation).where(Conversation.contact_id == person.id)).one()
        stamped = person.last_inbound_at
        assert stamped is not None
        assert abs(stamped - db_time(s)) < dt.timedelta(minutes=5)
        assert conv.created_at == stamped  # the turn's time is the message's


def test_outside_the_window_without_template_nothing_is_sent_and_the_reason_kept(
    wa: Harness, twilio_stub: StubTwilio
) -> None:
    sender = new_number()
    greeted(wa, twilio_stub, sender)
    hours_pass(wa, sender, 25)
    row_id = agent_says(wa, sender, "¿Sigues ahí?")
    wa.deliver()
    assert twilio_stub.calls() == []  # no free-form attempt at all
    [row] = later_rows(wa, sender, row_id)
    assert row.status == "failed"
    assert row.last_error == ("outside the 24-hour WhatsApp window; "
                              "no reopen template configured")


def test_outside_the_window_the_template_goes_once_and_messages_wait_for_the_person(
    wa_template: Harness, twilio_stub: StubTwilio
) -> None:
    h, sender = wa_template, new_number()
    greeted(h, twilio_stub, sender)
    hours_pass(h, sender, 30)
    first = agent_says(h, sender, "Ya tenemos respuesta sobre tu trámite.")
    second = agent_says(h, sender, "Llámanos cuando puedas.")
    h.deliver()
    h.deliver()
    [call] = twilio_stub.calls()  # the template, once; no free-form attempt
    assert call.params["ContentSid"] == TEMPLATE_SID and "Body" not in call.params
    rows = later_rows(h, sender, first)
    assert [(r.id, r.status) for r in rows] == [(first, "held"), (second, "pending")]

    # The person answers the template: the held messages go out first, in order, then the
    # bot's answer to what they wrote.
    sent = says(h, twilio_stub, sender, "hola")
    assert sent[:2] == ["Ya tenemos respuesta sobre tu trámite.", "Llámanos cuando puedas."]
    assert len(sent) == 3  # the greeting again; the privacy notice only comes once
    assert {r.status for r in later_rows(h, sender, first)} == {"sent"}
    assert len(twilio_stub.calls()) == 4


def test_twilio_63016_holds_the_message_and_sends_the_template(
    wa_template: Harness, twilio_stub: StubTwilio
) -> None:
    h, sender = wa_template, new_number()
    greeted(h, twilio_stub, sender)
    twilio_stub.close_window(sender)  # Twilio's clock disagrees with ours
    row_id = agent_says(h, sender, "Te escribe el equipo.")
    h.deliver()
    calls = twilio_stub.calls()
    assert [c.status for c in calls] == [400, 201]
    assert calls[0].params["Body"] == "Te escribe el equipo."
    assert calls[1].params["ContentSid"] == TEMPLATE_SID
    [row] = later_rows(h, sender, row_id)
    assert (row.id, row.status, row.last_error) == (row_id, "held", "twilio 63016")

    twilio_stub.open_window(sender)
    sent = says(h, twilio_stub, sender, "aquí estoy")
    assert sent[0] == "Te escribe el equipo."


def test_twilio_63016_without_template_fails_with_the_reason(
    wa: Harness, twilio_stub: StubTwilio
) -> None:
    sender = new_number()
    greeted(wa, twilio_stub, sender)
    twilio_stub.fail_next(status=400, code=63016)
    row_id = agent_says(wa, sender, "Te escribe el equipo.")
    wa.deliver()
    [row] = later_rows(wa, sender, row_id)
    assert row.status == "failed"
    assert row.last_error == "twilio 63016; no reopen template configured"
    assert len(twilio_stub.calls()) == 1
