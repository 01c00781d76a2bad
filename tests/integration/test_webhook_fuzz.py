"""Thousands of generated requests at both webhooks: never a 500, nothing stored unless signed.

Authenticated requests carry the right Telegram secret or a valid Twilio signature (computed
with ``RequestValidator.compute_signature`` over exactly the form Flask will parse), so the
payloads get past the door and into the parsers and the engine.
"""

from __future__ import annotations

import collections
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine as SAEngine
from werkzeug.test import EnvironBuilder

from bot.config import Settings
from bot.content import Catalog
from bot.engine import ConversationEngine
from tests.integration.webhook_support import (
    PUBLIC_BASE_URL,
    TELEGRAM_PATH,
    TELEGRAM_SECRET,
    WHATSAPP_PATH,
    Harness,
    Rows,
    harness,
    sign,
)

AUTH_TOKEN = "fuzz-auth-token-000000000000000"
FUZZ = settings(
    deadline=None,
    database=None,  # no .hypothesis folder in the project tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
)
header_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
                      max_size=40)  # a header is sent as UTF-8: no lone surrogates


@pytest.fixture(scope="module")
def app(db_url: str, sa_engine: SAEngine, catalog: Catalog,
        engine: ConversationEngine) -> Iterator[Harness]:
    """Both webhooks on; no senders (nothing is delivered, only stored)."""
    config = Settings(
        database_url=db_url, public_base_url=PUBLIC_BASE_URL, secret_key="fuzz",
        telegram_bot_token="1:fuzz", telegram_webhook_secret=TELEGRAM_SECRET,
        twilio_account_sid="AC" + "f" * 32, twilio_auth_token=AUTH_TOKEN,
        twilio_whatsapp_number="whatsapp:+15550001111",
    )
    with harness(config, catalog, engine, senders={}) as h:
        yield h


@pytest.fixture
def rows(app: Harness) -> Iterator[Rows]:
    """Rows stored by this test; deleted afterwards."""
    snapshot = Rows(app.sessions)
    yield snapshot
    snapshot.cleanup()


# --- strategies -----------------------------------------------------------------------------

leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                   st.text(max_size=30))
trees = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=4),
    max_leaves=12,
)


def either(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly the right type, sometimes any JSON value."""
    return st.one_of(valid, valid, valid, trees)


ids = st.integers(min_value=-(2**60), max_value=2**60) | st.integers(1, 10**6)
texts = st.one_of(st.sampled_from(["hola", "menu", "3", "/start", "/help", "English", "sí",
                                   "borrar mis datos", "asesor", "me detuvo la migra"]),
                  st.text(max_size=200))
chats = st.fixed_dictionaries(
    {"id": either(ids), "type": either(st.sampled_from(["private", "group", "supergroup",
                                                        "channel"]))},
    optional={"first_name": st.text(max_size=10), "title": either(st.text(max_size=10))})
users = st.fixed_dictionaries({"id": either(ids), "is_bot": either(st.booleans()),
                               "first_name": either(st.text(max_size=10))})
files = st.fixed_dictionaries({"file_id": either(st.text(max_size=8)),
                               "file_unique_id": either(st.text(max_size=8))},
                              optional={"width": trees, "height": trees, "duration": trees})
messages = st.fixed_dictionaries(
    {"message_id": either(ids), "date": either(st.integers(0, 2**31)), "chat": either(chats)},
    optional={"text": either(texts), "from": either(users), "caption": either(texts),
              "photo": either(st.lists(files, max_size=2)), "voice": either(files),
              "sticker": either(files), "document": either(files),
              "location": either(st.fixed_dictionaries({"latitude": st.floats(-90, 90),
                                                        "longitude": st.floats(-180, 180)})),
              "entities": trees, "reply_markup": trees})
callbacks = st.fixed_dictionaries(
    {"id": either(st.text(max_size=12)), "from": either(users),
     "chat_instance": either(st.text(max_size=8))},
    optional={"data": either(texts), "message": either(messages)})
kinds = st.sampled_from(["message", "edited_message", "channel_post", "callback_query",
                         "my_chat_member", "poll", "business_message", "something_new"])


@st.composite
def good_updates(draw: st.DrawFn) -> dict[str, Any]:
    """A well-formed update, as Telegram sends them: these reach the engine."""
    chat_id = draw(st.integers(1, 2**40))
    chat = {"id": chat_id, "type": draw(st.sampled_from(["private", "private", "group"])),
            "first_name": "A"}
    message: dict[str, Any] = {
        "message_id": draw(st.integers(1, 10**6)), "date": 1_760_000_000, "chat": chat,
        "from": {"id": chat_id, "is_bot": False, "first_name": "A"}}
    content = draw(st.sampled_from(["text", "text", "text", "photo", "location", "sticker",
                                    "callback", "edited"]))
    if content == "photo":
        message["photo"] = [{"file_id": "a", "file_unique_id": "b", "width": 1, "height": 1}]
        message["caption"] = draw(texts)
    elif content == "location":
        message["location"] = {"latitude": 21.1, "longitude": -101.7}
    elif content == "sticker":
        message["sticker"] = {"file_id": "s", "file_unique_id": "t", "type": "regular",
                              "width": 1, "height": 1, "is_animated": False, "is_video": False}
    else:
        message["text"] = draw(texts)
    update_id = draw(st.integers(1, 2**50))
    if content == "callback":
        return {"update_id": update_id, "callback_query": {
            "id": draw(st.text(min_size=1, max_size=12)), "from": message["from"],
            "chat_instance": "c", "data": draw(texts), "message": message}}
    kind = "edited_message" if content == "edited" else "message"
    return {"update_id": update_id, kind: message}


@st.composite
def odd_updates(draw: st.DrawFn) -> Any:
    """An update with fields of the wrong type or shape, or not an update at all."""
    update: dict[str, Any] = {"update_id": draw(either(ids))}
    kind = draw(kinds)
    update[kind] = draw(callbacks if kind == "callback_query" else messages | trees)
    if draw(st.booleans()):
        update[draw(st.text(max_size=6))] = draw(trees)
    return draw(st.sampled_from([update, update, update, draw(trees)]))


updates = good_updates() | odd_updates()


form_keys = st.sampled_from(["From", "To", "Body", "MessageSid", "NumMedia", "Latitude",
                             "Longitude", "MediaUrl0", "MessageStatus", "ProfileName",
                             "WaId", "AccountSid"]) | st.text(min_size=1, max_size=12)
form_values = st.one_of(texts, st.sampled_from(["whatsapp:+5214771234567", "0", "1", "2",
                                                "SM" + "a" * 32, "21.1", ""]),
                        st.text(max_size=60))


@st.composite
def wa_forms(draw: st.DrawFn) -> dict[str, str]:
    """A Twilio form: sometimes a real message shape, always some random fields."""
    form: dict[str, str] = {}
    if draw(st.booleans()):
        form.update({"From": f"whatsapp:+{draw(st.integers(10**6, 10**15))}",
                     "MessageSid": "SM" + draw(st.text("0123456789abcdef", min_size=32,
                                                       max_size=32)),
                     "Body": draw(texts)})
    form.update(draw(st.dictionaries(form_keys, form_values, max_size=8)))
    return form


# --- Telegram -------------------------------------------------------------------------------


def _post_json(app: Harness, body: bytes, secret: str | None, content_type: str) -> int:
    headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
    res = app.client.post(TELEGRAM_PATH, data=body, headers=headers, content_type=content_type)
    return res.status_code


def test_telegram_authenticated_updates_never_fail(app: Harness, rows: Rows) -> None:
    statuses: collections.Counter[int] = collections.Counter()

    @settings(FUZZ, max_examples=600)
    @given(update=updates)
    def post(update: Any) -> None:
        status = _post_json(app, json.dumps(update).encode(), TELEGRAM_SECRET,
                            "application/json")
        assert status in (200, 400)
        statuses[status] += 1

    post()
    # The well-formed share was stored; the worker answers every stored one, into the outbox.
    app.answer()
    assert set(app.inbox_statuses()) == {"done"}, app.inbox_statuses()
    assert rows.new().get("outbox", 0) > 50, (statuses, rows.new())


@settings(FUZZ, max_examples=300)
@given(body=st.binary(max_size=3000), content_type=st.sampled_from(
    ["application/json", "text/plain", "application/x-www-form-urlencoded", ""]))
def test_telegram_authenticated_random_bytes_never_fail(
    app: Harness, rows: Rows, body: bytes, content_type: str
) -> None:
    assert _post_json(app, body, TELEGRAM_SECRET, content_type) in (200, 400)


def test_telegram_unauthenticated_requests_are_403_and_store_nothing(
    app: Harness, rows: Rows
) -> None:
    @settings(FUZZ, max_examples=300)
    @given(update=updates | st.binary(max_size=500),
           secret=st.none() | header_text | st.just(TELEGRAM_SECRET[:-1]))
    def post(update: Any, secret: str | None) -> None:
        if secret == TELEGRAM_SECRET:
            return
        body = update if isinstance(update, bytes) else json.dumps(update).encode()
        header = secret.encode("utf-8").decode("latin-1") if secret is not None else None
        assert _post_json(app, body, header, "application/json") == 403

    post()
    assert rows.new() == {}


# --- WhatsApp -------------------------------------------------------------------------------

def _post_form(app: Harness, data: Any, signature: str | None, content_type: str) -> Any:
    headers = {} if signature is None else {"X-Twilio-Signature": signature}
    return app.client.post(WHATSAPP_PATH, data=data, headers=headers, content_type=content_type)


def test_whatsapp_signed_forms_never_fail(app: Harness, rows: Rows) -> None:
    seen: collections.Counter[str] = collections.Counter()

    @settings(FUZZ, max_examples=600)
    @given(form=wa_forms())
    def post(form: dict[str, str]) -> None:
        signature = sign(AUTH_TOKEN, PUBLIC_BASE_URL + WHATSAPP_PATH, form)
        res = _post_form(app, form, signature, "application/x-www-form-urlencoded")
        assert res.status_code in (200, 400), res.status_code
        seen[str(res.status_code)] += 1
        if res.status_code == 200:
            assert res.mimetype == "text/xml"

    post()
    # The signatures were accepted: the fuzz got through to the parser, the inbox and then
    # the engine, which answered every stored message.
    app.answer()
    assert set(app.inbox_statuses()) == {"done"}, app.inbox_statuses()
    assert seen["200"] > 50 and rows.new().get("outbox", 0) > 50, (seen, rows.new())


@settings(FUZZ, max_examples=300)
@given(body=st.binary(max_size=2000))
def test_whatsapp_signed_random_bytes_never_fail(app: Harness, rows: Rows, body: bytes) -> None:
    content_type = "application/x-www-form-urlencoded"
    parsed = EnvironBuilder(method="POST", data=body, content_type=content_type).get_request()
    signature = sign(AUTH_TOKEN, PUBLIC_BASE_URL + WHATSAPP_PATH, parsed.form)
    res = _post_form(app, body, signature, content_type)
    assert res.status_code in (200, 400)


def test_whatsapp_unsigned_requests_are_403_and_store_nothing(app: Harness, rows: Rows) -> None:
    @settings(FUZZ, max_examples=300)
    @given(form=wa_forms(), signature=st.none() | header_text,
           tamper=st.sampled_from(["none", "token", "url"]))
    def post(form: dict[str, str], signature: str | None, tamper: str) -> None:
        if tamper == "token":
            signature = sign("another-account-token", PUBLIC_BASE_URL + WHATSAPP_PATH, form)
        elif tamper == "url":
            signature = sign(AUTH_TOKEN, "http://localhost" + WHATSAPP_PATH, form)
        elif signature is not None:
            signature = signature.encode("utf-8").decode("latin-1")
        res = _post_form(app, form, signature, "application/x-www-form-urlencoded")
        assert res.status_code == 403

    post()
    assert rows.new() == {}
