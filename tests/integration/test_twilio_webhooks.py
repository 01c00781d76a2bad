"""What the SMS and WhatsApp webhooks share (one Twilio module, ``bot.channels.twilio``): one
table of channels, each test run on both. Per-channel behaviour stays in
``test_sms_webhook.py`` and ``test_whatsapp_webhook.py``."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine as SAEngine

from bot.content import Catalog
from bot.engine import ConversationEngine
from tests.integration.webhook_support import (
    PUBLIC_BASE_URL,
    SMS_NUMBER,
    SMS_PATH,
    WHATSAPP_PATH,
    Harness,
    harness,
    inbound_events,
    make_settings,
    new_number,
    new_phone,
    post_form,
    sign,
    sms_form,
    wa_form,
)
from tests.stubs import StubTwilio


@dataclasses.dataclass(frozen=True)
class Route:
    """One Twilio channel: its webhook, a new sender and the form Twilio posts."""

    channel: str
    path: str
    new_sender: Callable[[], str]
    form: Callable[[str, str], dict[str, str]]


ROUTES = [Route("sms", SMS_PATH, new_phone, sms_form),
          Route("whatsapp", WHATSAPP_PATH, new_number, wa_form)]


@pytest.fixture
def twilio(db_url: str, sa_engine: SAEngine, catalog: Catalog, engine: ConversationEngine,
           twilio_stub: StubTwilio) -> Iterator[Harness]:
    """The app with SMS and WhatsApp on, on the Twilio stub."""
    settings = dataclasses.replace(make_settings(db_url, twilio=twilio_stub),
                                   extra={"TWILIO_SMS_NUMBER": SMS_NUMBER})
    with harness(settings, catalog, engine) as h:
        yield h


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.channel)
def test_a_replayed_message_gets_an_empty_response_and_is_answered_once(
    twilio: Harness, twilio_stub: StubTwilio, route: Route
) -> None:
    sender = route.new_sender()
    form = route.form(sender, "hola")
    assert post_form(twilio.client, twilio_stub.auth_token, form, route=route.path
                     ).status_code == 200
    twilio.deliver()
    answered = twilio_stub.sent_bodies(sender)
    assert answered
    stored = twilio.rows.new()
    again = post_form(twilio.client, twilio_stub.auth_token, form, route=route.path)  # a retry
    assert again.status_code == 200 and again.get_data(as_text=True).endswith("<Response />")
    assert twilio.deliver() == 0
    assert twilio.rows.new() == stored
    assert twilio_stub.sent_bodies(sender) == answered
    assert inbound_events(twilio.sessions, route.channel, form["MessageSid"]) == 1


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.channel)
def test_a_replay_with_text_moved_between_parameters_is_400_and_stored_once(
    twilio: Harness, twilio_stub: StubTwilio, route: Route
) -> None:
    # Twilio signs the parameters sorted and joined: "MessageSid" + sid + "NumMedia" + "0"
    # reads the same when the sid carries "NumMedia0" and NumMedia is gone.
    form = route.form(route.new_sender(), "hola")
    signature = sign(twilio_stub.auth_token, PUBLIC_BASE_URL + route.path, form)
    assert post_form(twilio.client, twilio_stub.auth_token, form, route=route.path,
                     signature=signature).status_code == 200
    moved = {k: v for k, v in form.items() if k != "NumMedia"}
    moved["MessageSid"] = form["MessageSid"] + "NumMedia0"
    assert sign(twilio_stub.auth_token, PUBLIC_BASE_URL + route.path, moved) == signature
    assert post_form(twilio.client, twilio_stub.auth_token, moved, route=route.path,
                     signature=signature).status_code == 400
    assert twilio.rows.new() == {"inbound_events": 1}


@pytest.mark.parametrize("sid", ["SM" + "A" * 32, "XX" + "a" * 32, "SM" + "a" * 31, "SM1234"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.channel)
def test_a_message_sid_not_shaped_like_twilios_is_400(
    twilio: Harness, twilio_stub: StubTwilio, route: Route, sid: str
) -> None:
    form = {**route.form(route.new_sender(), "hola"), "MessageSid": sid}
    assert post_form(twilio.client, twilio_stub.auth_token, form, route=route.path
                     ).status_code == 400
    assert twilio.rows.new() == {}
