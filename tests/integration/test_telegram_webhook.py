"""``POST /webhooks/telegram`` driven like Telegram drives it, replies sent to the Bot API stub."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine as SAEngine
from sqlalchemy import select

from bot.content import Catalog
from bot.engine import ConversationEngine
from bot.models import Contact, Conversation, Message
from tests.integration.webhook_support import (
    Harness,
    contact,
    harness,
    inbound_events,
    inbox_rows,
    make_settings,
    new_chat_id,
    outbox_rows,
    post_update,
    tg_callback,
    tg_message,
    tg_text,
    tg_update,
)
from tests.stubs import StubTelegram


@pytest.fixture
def tg(
    db_url: str, sa_engine: SAEngine, catalog: Catalog, engine: ConversationEngine,
    telegram_stub: StubTelegram,
) -> Iterator[Harness]:
    """The app with Telegram on, sending to the stub."""
    with harness(make_settings(db_url, telegram=telegram_stub), catalog, engine) as h:
        yield h


def keyboard(call_params: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, callback_data) of an inline keyboard sent with sendMessage."""
    rows = call_params["reply_markup"]["inline_keyboard"]
    return [(button["text"], button["callback_data"]) for row in rows for button in row]


# --- who may post ---------------------------------------------------------------------------


@pytest.mark.parametrize("secret", [None, "", "wrong", "test-webhook-secret_012",
                                    "test-webhook-secret_0123x", "sécret-ñ"])
def test_missing_or_wrong_secret_is_403_and_stores_nothing(
    tg: Harness, telegram_stub: StubTelegram, secret: str | None
) -> None:
    res = post_update(tg.client, tg_text(new_chat_id(), "hola"), secret=secret)
    assert res.status_code == 403
    assert tg.rows.new() == {}
    tg.deliver()
    assert telegram_stub.calls("sendMessage") == []


def test_route_is_absent_without_telegram_credentials(
    db_url: str, sa_engine: SAEngine, catalog: Catalog, engine: ConversationEngine
) -> None:
    with harness(make_settings(db_url), catalog, engine) as h:
        res = post_update(h.client, tg_text(new_chat_id(), "hola"))
        assert res.status_code == 404
        assert h.rows.new() == {}


# --- conversations --------------------------------------------------------------------------


def test_text_is_stored_then_answered_through_the_outbox_by_the_worker(
    tg: Harness, telegram_stub: StubTelegram, catalog: Catalog
) -> None:
    chat = new_chat_id()
    update = tg_text(chat, "hola")
    res = post_update(tg.client, update)
    assert res.status_code == 200
    # The webhook only stored the update: the engine has not run yet.
    assert tg.rows.new() == {"inbound_events": 1}
    [pending] = inbox_rows(tg.sessions, "telegram", str(update["update_id"]))
    assert (pending.status, pending.address) == ("pending", str(chat))

    assert tg.answer() == 1
    [answered] = inbox_rows(tg.sessions, "telegram", str(update["update_id"]))
    # Once answered, the row forgets who wrote and what: the messages table has it.
    assert (answered.status, answered.address, answered.payload) == ("done", None, None)
    queued = outbox_rows(tg.sessions, "telegram", str(chat))
    assert [r.status for r in queued] == ["pending", "pending"]  # greeting, privacy notice
    assert telegram_stub.calls("sendMessage") == []  # nothing is sent in the request

    assert tg.deliver() == 2
    sent = telegram_stub.sent_texts(chat)
    assert sent == [r.text for r in queued]
    assert sent[0] == catalog.intents["greeting"].text("es")
    assert "borrar mis datos" in sent[1]
    rows = outbox_rows(tg.sessions, "telegram", str(chat))
    assert [r.status for r in rows] == ["sent", "sent"]
    assert all(r.external_id for r in rows)


def test_menu_comes_as_buttons_and_a_press_answers_that_topic(
    tg: Harness, telegram_stub: StubTelegram, catalog: Catalog
) -> None:
    chat = new_chat_id()
    post_update(tg.client, tg_text(chat, "menu"))
    tg.deliver()
    menu_call = telegram_stub.calls("sendMessage")[0]
    buttons = keyboard(menu_call.params)
    assert buttons == [(catalog.intents[i].menu_title("es"), str(n))
                       for n, i in enumerate(catalog.menu, 1)]

    press = tg_callback(chat, buttons[2][1], query_id="cbq-777")
    res = post_update(tg.client, press)
    assert res.status_code == 200
    # The button press is acknowledged in the response itself: Telegram runs the method.
    assert res.get_json() == {"method": "answerCallbackQuery", "callback_query_id": "cbq-777"}
    tg.deliver()
    assert telegram_stub.sent_texts(chat)[-1] == catalog.intents[catalog.menu[2]].text("es")


@pytest.mark.parametrize("command", ["/start", "/start@paisano_stub_bot", "/start ref-radio"])
def test_start_greets_then_shows_the_menu(
    tg: Harness, telegram_stub: StubTelegram, catalog: Catalog, command: str
) -> None:
    chat = new_chat_id()
    update = tg_text(chat, command)
    assert post_update(tg.client, update).status_code == 200
    tg.deliver()
    sent = telegram_stub.sent_texts(chat)
    assert sent[0] == catalog.intents["greeting"].text("es")
    assert "borrar mis datos" in sent[1]  # the privacy notice on first contact
    assert sent[2].startswith(catalog.intents["menu"].text("es"))
    assert keyboard(telegram_stub.calls("sendMessage")[2].params)[0][1] == "1"
    assert len(sent) == 3

    # Telegram retrying the same update repeats neither half.
    assert post_update(tg.client, update).status_code == 200
    assert tg.deliver() == 0
    assert inbound_events(tg.sessions, "telegram", str(update["update_id"])) == 1


def test_help_shows_the_menu(
    tg: Harness, telegram_stub: StubTelegram, catalog: Catalog
) -> None:
    chat = new_chat_id()
    post_update(tg.client, tg_text(chat, "/help"))
    tg.deliver()
    assert telegram_stub.sent_texts(chat)[0].startswith(catalog.intents["menu"].text("es"))


MEDIA: dict[str, dict[str, Any]] = {
    "photo": {"photo": [{"file_id": "AgAD1", "file_unique_id": "u1", "width": 90,
                         "height": 90}], "caption": "mira esto"},
    "sticker": {"sticker": {"file_id": "CAAD2", "file_unique_id": "u2", "type": "regular",
                            "width": 512, "height": 512, "is_animated": False,
                            "is_video": False}},
    "voice": {"voice": {"file_id": "AwAD3", "file_unique_id": "u3", "duration": 4}},
    "location": {"location": {"latitude": 21.12, "longitude": -101.68}},
    "document": {"document": {"file_id": "BQAD4", "file_unique_id": "u4",
                              "file_name": "acta.pdf"}},
}


@pytest.mark.parametrize("kind", sorted(MEDIA))
def test_media_gets_the_only_text_answer_in_the_persons_language(
    tg: Harness, telegram_stub: StubTelegram, catalog: Catalog, kind: str
) -> None:
    chat = new_chat_id()
    post_update(tg.client, tg_text(chat, "English"))
    tg.deliver()
    assert telegram_stub.sent_texts(chat)[0] == catalog.message("language_set", "en")

    res = post_update(tg.client, tg_update("message", **tg_message(chat, **MEDIA[kind])))
    assert res.status_code == 200
    tg.deliver()
    assert telegram_stub.sent_texts(chat)[-1] == catalog.message("media_not_supported", "en")


# --- what is ignored --------------------------------------------------------------------------


def _ignored_updates(chat: int) -> dict[str, dict[str, Any]]:
    return {
        "edited message": tg_update("edited_message",
                                    **tg_message(chat, text="hola", edit_date=1_760_000_100)),
        "group": tg_update("message", **tg_message(-chat, "group", text="hola")),
        "supergroup": tg_update("message", **tg_message(-chat, "supergroup", text="hola")),
        "channel post": tg_update("channel_post", **{
            **tg_message(-chat, "channel", text="hola"), "from": None}),
        "member update": tg_update("my_chat_member", chat={"id": chat, "type": "private"},
                                   **{"from": {"id": chat, "is_bot": False, "first_name": "A"}},
                                   date=1_760_000_000,
                                   old_chat_member={"status": "member", "user": {
                                       "id": 1, "is_bot": True, "first_name": "B"}},
                                   new_chat_member={"status": "kicked", "until_date": 0,
                                                    "user": {"id": 1, "is_bot": True,
                                                             "first_name": "B"}}),
        "unknown kind": tg_update("business_gizmo", anything={"x": [1, 2]}),
        "service message": tg_update("message", **tg_message(chat, pinned_message={
            "message_id": 1, "date": 0, "chat": {"id": chat, "type": "private"}})),
        "empty text": tg_update("message", **tg_message(chat, text="   ")),
        "no message at all": {"update_id": 42_000_000_001},
    }


@pytest.mark.parametrize("case", sorted(_ignored_updates(1)))
def test_other_updates_are_acknowledged_and_store_nothing(
    tg: Harness, telegram_stub: StubTelegram, case: str
) -> None:
    res = post_update(tg.client, _ignored_updates(new_chat_id())[case])
    assert res.status_code == 200
    assert tg.rows.new() == {}
    assert tg.deliver() == 0
    assert telegram_stub.calls("sendMessage") == []


def test_press_on_a_menu_older_than_48_hours_is_still_answered(
    tg: Harness, telegram_stub: StubTelegram, catalog: Catalog
) -> None:
    chat = new_chat_id()
    press = tg_callback(chat, "4", query_id="cbq-old")
    # Telegram sends an InaccessibleMessage (date 0) for messages it no longer shows the bot.
    press["callback_query"]["message"] = {"message_id": 9, "date": 0,
                                          "chat": {"id": chat, "type": "private"}}
    assert post_update(tg.client, press).status_code == 200
    tg.deliver()
    assert telegram_stub.sent_texts(chat)[0] == catalog.intents[catalog.menu[3]].text("es")


def test_button_press_in_a_group_is_acknowledged_but_not_answered(tg: Harness) -> None:
    chat = -new_chat_id()
    press = tg_callback(chat, "3", query_id="cbq-group")
    press["callback_query"]["message"]["chat"] = {"id": chat, "type": "group", "title": "G"}
    res = post_update(tg.client, press)
    assert res.get_json() == {"method": "answerCallbackQuery", "callback_query_id": "cbq-group"}
    assert tg.rows.new() == {}


def test_repeated_update_id_gets_no_second_answer_or_row(
    tg: Harness, telegram_stub: StubTelegram
) -> None:
    chat = new_chat_id()
    update = tg_text(chat, "hola")
    assert post_update(tg.client, update).status_code == 200
    after_first = tg.rows.new()
    assert post_update(tg.client, update).status_code == 200
    assert tg.rows.new() == after_first
    assert inbound_events(tg.sessions, "telegram", str(update["update_id"])) == 1
    tg.deliver()
    assert len(telegram_stub.sent_texts(chat)) == 2  # greeting and privacy notice, once


def test_blocked_bot_marks_the_contact_unreachable_until_they_write_again(
    tg: Harness, telegram_stub: StubTelegram
) -> None:
    chat = new_chat_id()
    telegram_stub.block_chat(chat)
    post_update(tg.client, tg_text(chat, "hola"))
    tg.deliver()
    rows = outbox_rows(tg.sessions, "telegram", str(chat))
    assert [r.status for r in rows] == ["failed", "failed"]
    assert all("blocked" in (r.last_error or "") for r in rows)
    person = contact(tg.sessions, "telegram", str(chat))
    assert person is not None and person.unreachable
    assert len(telegram_stub.calls("sendMessage")) == 2  # each tried once, no retries

    post_update(tg.client, tg_text(chat, "hola otra vez"))
    tg.answer()
    person = contact(tg.sessions, "telegram", str(chat))
    assert person is not None and not person.unreachable


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "status"), [
    (b"{not json", 400),
    (b"\xff\xfe\xfa{}", 400),
    (b"[1, 2, 3]", 400),
    (b'{"update_id": "7", "message": {}}', 400),
    (b'{"update_id": 1e3}', 400),
    (b'{"update_id": 123456789012345678901234567890}', 400),
    (b'{"message": {"text": "hola"}}', 400),
    (b'{"update_id": 7, "message": {"text": "hola"}}', 200),
    (b'{"update_id": 8, "message": "hola"}', 200),
    (b'{"update_id": 9, "message": {"message_id": 1, "date": "x", "chat": {"id": "a"}}}', 200),
    (b'{"update_id": 10, "message": {"message_id": 1, "date": 1, "text": 5,'
     b' "chat": {"id": 5, "type": "private"}}}', 200),
    (b'{"update_id": 11, "callback_query": {"id": 5, "data": ["3"]}}', 200),
])
def test_malformed_updates_get_4xx_or_are_ignored(
    tg: Harness, body: bytes, status: int
) -> None:
    res = post_update(tg.client, body)
    assert res.status_code == status
    assert tg.rows.new() == {}


def test_body_over_one_megabyte_is_413(tg: Harness) -> None:
    huge = tg_text(new_chat_id(), "a" * (1024 * 1024))
    assert post_update(tg.client, huge).status_code == 413
    assert post_update(tg.client, huge, secret="wrong").status_code == 403
    assert tg.rows.new() == {}


def test_text_with_nul_and_lone_surrogates_is_stored_cleanly(tg: Harness) -> None:
    chat = new_chat_id()
    body = json.dumps(tg_text(chat, "hola\x00 \ud800 amigo")).encode()
    assert b"\\u0000" in body and b"\\ud800" in body
    assert post_update(tg.client, body).status_code == 200
    assert tg.answer() == 1
    with tg.sessions() as s:
        stored = s.scalars(select(Message.text).join(Conversation).join(Contact).where(
            Contact.external_id == str(chat), Message.direction == "in")).all()
    assert stored == ["hola ? amigo"]


def test_thousands_of_nested_brackets_are_400_not_500(tg: Harness) -> None:
    for body in (b"[" * 5000 + b"]" * 5000, b'{"update_id": 1, "message": ' + b"[" * 5000):
        assert post_update(tg.client, body).status_code == 400
    assert tg.rows.new() == {}
