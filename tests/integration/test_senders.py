"""The real senders (python-telegram-bot, twilio) against the local stub servers."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

import pytest

from bot.channels.telegram import TEXT_LIMIT as TELEGRAM_TEXT_LIMIT
from bot.channels.telegram import TelegramSender
from bot.channels.twilio import TEXT_LIMIT as WHATSAPP_TEXT_LIMIT
from bot.channels.twilio import TwilioSender
from bot.senders import Sender, split_text
from tests.fakes import wait_for
from tests.stubs import StubTelegram, StubTwilio

CHAT = "987654321"
WHATSAPP_TO = "whatsapp:+15551234567"
WHATSAPP_FROM = "whatsapp:+15550001111"


@pytest.fixture
def telegram(telegram_stub: StubTelegram) -> Iterator[TelegramSender]:
    """A TelegramSender pointed at the stub."""
    sender = TelegramSender(telegram_stub.token, telegram_stub.base_url, timeout=5.0)
    yield sender
    sender.close()


@pytest.fixture
def whatsapp(twilio_stub: StubTwilio) -> Iterator[TwilioSender]:
    """A TwilioSender pointed at the stub."""
    sender = TwilioSender(
        twilio_stub.account_sid,
        twilio_stub.auth_token,
        WHATSAPP_FROM,
        twilio_stub.base_url,
        timeout=5.0,
    )
    yield sender
    sender.close()


def _paragraphs(count: int, size: int) -> str:
    return "\n\n".join(
        (f"{i:03d} " + "palabra " * ((size - 4) // 8)).rstrip() for i in range(count)
    )


# --------------------------------------------------------------------------- telegram


def test_telegram_send_returns_message_id(
    telegram: TelegramSender, telegram_stub: StubTelegram
) -> None:
    result = telegram.send(CHAT, "Hola, ¿en qué te ayudo?")
    assert result.status == "sent"
    assert result.external_id == "1"
    [call] = telegram_stub.calls("sendMessage")
    assert str(call.params["chat_id"]) == CHAT
    assert call.params["text"] == "Hola, ¿en qué te ayudo?"
    assert [c.method for c in telegram_stub.calls()] == ["sendMessage"]


def test_telegram_buttons_become_an_inline_keyboard(
    telegram: TelegramSender, telegram_stub: StubTelegram
) -> None:
    assert telegram.send(CHAT, "¿Te sirvió?", buttons=[("Sí", "fb:yes"), ("No", "fb:no")]).ok
    [call] = telegram_stub.calls("sendMessage")
    assert call.params["reply_markup"] == {
        "inline_keyboard": [
            [{"text": "Sí", "callback_data": "fb:yes"}],
            [{"text": "No", "callback_data": "fb:no"}],
        ]
    }


def test_telegram_429_is_retry_with_retry_after(
    telegram: TelegramSender, telegram_stub: StubTelegram
) -> None:
    telegram_stub.fail_next("sendMessage", error_code=429, retry_after=7)
    result = telegram.send(CHAT, "hola")
    assert result.status == "retry"
    assert result.retry_after == 7.0
    assert telegram.send(CHAT, "hola").ok


def test_telegram_403_is_unreachable(telegram: TelegramSender, telegram_stub: StubTelegram) -> None:
    telegram_stub.fail_next("sendMessage", error_code=403)
    result = telegram.send(CHAT, "hola")
    assert result.status == "unreachable"
    assert result.reason is not None and "blocked" in result.reason
    telegram_stub.block_chat(CHAT)
    assert telegram.send(CHAT, "hola").status == "unreachable"


def test_telegram_bad_request_is_failed_with_reason(
    telegram: TelegramSender, telegram_stub: StubTelegram
) -> None:
    telegram_stub.fail_next(
        "sendMessage", error_code=400, description="Bad Request: chat not found"
    )
    result = telegram.send(CHAT, "texto privado")
    assert result.status == "failed"
    assert result.reason is not None and "chat not found" in result.reason.lower()
    assert "texto privado" not in result.reason and CHAT not in result.reason


def test_telegram_server_error_is_retry(
    telegram: TelegramSender, telegram_stub: StubTelegram
) -> None:
    telegram_stub.fail_next("sendMessage", error_code=502)
    assert telegram.send(CHAT, "hola").status == "retry"


def test_telegram_wrong_token_fails_without_leaking_it(telegram_stub: StubTelegram) -> None:
    token = "111111:wrong-token"
    with TelegramSender(token, telegram_stub.base_url, timeout=5.0) as sender:
        result = sender.send(CHAT, "hola")
    assert result.status == "failed"
    assert result.reason is not None and token not in result.reason
    assert telegram_stub.calls("sendMessage")[0].status == 401


def test_telegram_unreachable_server_is_retry() -> None:
    with StubTelegram() as stub:
        token, base_url = stub.token, stub.base_url
    with TelegramSender(token, base_url, timeout=2.0) as sender:
        assert sender.send(CHAT, "hola").status == "retry"


def test_telegram_long_text_is_sent_in_order(
    telegram: TelegramSender, telegram_stub: StubTelegram
) -> None:
    text = _paragraphs(6, 1500)
    assert len(text) > 2 * TELEGRAM_TEXT_LIMIT
    result = telegram.send(CHAT, text, buttons=[("Menú", "menu")])
    assert result.ok
    calls = telegram_stub.calls("sendMessage")
    assert [c.params["text"] for c in calls] == split_text(text, TELEGRAM_TEXT_LIMIT)
    assert len(calls) == 3
    assert "\n\n".join(c.params["text"] for c in calls) == text
    assert result.external_id == "3"
    # The keyboard goes under the last part only.
    assert ["reply_markup" in c.params for c in calls] == [False, False, True]


def test_telegram_long_text_stops_at_the_first_failure(
    telegram: TelegramSender, telegram_stub: StubTelegram
) -> None:
    telegram_stub.fail_next("sendMessage", error_code=429, retry_after=2)
    result = telegram.send(CHAT, _paragraphs(6, 1500))
    assert result.status == "retry"
    assert len(telegram_stub.calls("sendMessage")) == 1


def test_telegram_sends_start_no_thread_and_keep_one_connection_a_thread(
    telegram: TelegramSender, telegram_stub: StubTelegram
) -> None:
    assert telegram.send(CHAT, "warm-up").ok
    before = threading.active_count()
    assert telegram_stub.open_connections() == 1
    for i in range(50):
        assert telegram.send(CHAT, f"mensaje {i}").ok
    assert threading.active_count() == before
    assert telegram_stub.open_connections() == 1
    other = threading.Thread(target=lambda: telegram.send(CHAT, "otro hilo"))
    other.start()
    other.join()
    assert telegram_stub.open_connections() == 2
    telegram.close()
    assert wait_for(lambda: telegram_stub.open_connections() == 0)


def test_telegram_connection_closed_by_the_server_is_replaced(
    telegram: TelegramSender, telegram_stub: StubTelegram
) -> None:
    assert telegram.send(CHAT, "uno").ok
    telegram_stub.close_connections()  # as a server drops an idle keep-alive connection
    assert wait_for(lambda: telegram_stub.open_connections() == 0)
    result = telegram.send(CHAT, "dos")
    assert result.ok
    assert [c.params["text"] for c in telegram_stub.calls("sendMessage")] == ["uno", "dos"]


def test_telegram_concurrent_sends_from_many_threads(
    telegram: TelegramSender, telegram_stub: StubTelegram
) -> None:
    results: list[str | None] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        for i in range(10):
            result = telegram.send(CHAT, f"hilo {n} mensaje {i}")
            with lock:
                results.append(result.external_id if result.ok else None)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert None not in results
    assert len(set(results)) == 80


def test_telegram_webhook_management(telegram: TelegramSender, telegram_stub: StubTelegram) -> None:
    url = "https://helpline.example.org/telegram/webhook"
    assert telegram.set_webhook(url, "s3cret_token-1", ["message", "callback_query"])
    assert telegram_stub.webhook.secret_token == "s3cret_token-1"
    info = telegram.webhook_info()
    assert info["url"] == url
    assert info["allowed_updates"] == ["message", "callback_query"]


def test_telegram_closed_sender_refuses_to_send(telegram: TelegramSender) -> None:
    telegram.close()
    telegram.close()
    with pytest.raises(RuntimeError, match="closed"):
        telegram.send(CHAT, "hola")


def test_senders_satisfy_the_protocol(telegram: TelegramSender, whatsapp: TwilioSender) -> None:
    assert isinstance(telegram, Sender) and telegram.channel == "telegram"
    assert isinstance(whatsapp, Sender) and whatsapp.channel == "whatsapp"


# --------------------------------------------------------------------------- twilio


def test_whatsapp_send_returns_sid(whatsapp: TwilioSender, twilio_stub: StubTwilio) -> None:
    result = whatsapp.send(WHATSAPP_TO, "Hola, ¿en qué te ayudo?", buttons=[("Sí", "yes")])
    assert result.status == "sent"
    assert result.external_id is not None
    assert result.external_id.startswith("SM") and len(result.external_id) == 34
    [call] = twilio_stub.calls()
    assert call.status == 201
    assert call.params == {
        "To": WHATSAPP_TO,
        "From": WHATSAPP_FROM,
        "Body": "Hola, ¿en qué te ayudo?",
    }


def test_whatsapp_63016_is_window_closed(whatsapp: TwilioSender, twilio_stub: StubTwilio) -> None:
    twilio_stub.fail_next(status=400, code=63016)
    result = whatsapp.send(WHATSAPP_TO, "hola")
    assert result.status == "window_closed"
    assert result.reason == "twilio 63016"


def test_whatsapp_template_goes_through_a_closed_window(
    whatsapp: TwilioSender, twilio_stub: StubTwilio
) -> None:
    twilio_stub.close_window(WHATSAPP_TO)
    assert whatsapp.send(WHATSAPP_TO, "hola").status == "window_closed"
    result = whatsapp.send_template(WHATSAPP_TO, "HX0123456789abcdef", {"1": "Ana", "2": 3})
    assert result.ok
    call = twilio_stub.calls()[-1]
    assert call.params["ContentSid"] == "HX0123456789abcdef"
    assert json.loads(call.params["ContentVariables"]) == {"1": "Ana", "2": "3"}
    assert "Body" not in call.params


@pytest.mark.parametrize("code", [21610, 21614, 63003])
def test_whatsapp_unreachable_numbers(
    whatsapp: TwilioSender, twilio_stub: StubTwilio, code: int
) -> None:
    twilio_stub.fail_next(status=400, code=code)
    assert whatsapp.send(WHATSAPP_TO, "hola").status == "unreachable"


@pytest.mark.parametrize("status", [429, 500, 503])
def test_whatsapp_throttling_and_server_errors_are_retry(
    whatsapp: TwilioSender, twilio_stub: StubTwilio, status: int
) -> None:
    twilio_stub.fail_next(status=status)
    assert whatsapp.send(WHATSAPP_TO, "hola").status == "retry"
    assert whatsapp.send(WHATSAPP_TO, "hola").ok


def test_whatsapp_other_client_errors_fail_with_code(
    whatsapp: TwilioSender, twilio_stub: StubTwilio
) -> None:
    twilio_stub.fail_next(status=400, code=21606, message="The From number is not valid")
    result = whatsapp.send(WHATSAPP_TO, "hola")
    assert result.status == "failed"
    assert result.reason == "twilio 21606"


def test_whatsapp_bad_credentials_fail(twilio_stub: StubTwilio) -> None:
    with TwilioSender(
        twilio_stub.account_sid, "wrong-token", WHATSAPP_FROM, twilio_stub.base_url
    ) as sender:
        result = sender.send(WHATSAPP_TO, "hola")
    assert (result.status, result.reason) == ("failed", "twilio 20003")
    assert twilio_stub.calls()[0].status == 401


def test_whatsapp_unreachable_server_is_retry() -> None:
    with StubTwilio() as stub:
        sid, token, base_url = stub.account_sid, stub.auth_token, stub.base_url
    with TwilioSender(sid, token, WHATSAPP_FROM, base_url, timeout=2.0) as sender:
        assert sender.send(WHATSAPP_TO, "hola").status == "retry"


def test_whatsapp_long_text_is_split_at_1600(
    whatsapp: TwilioSender, twilio_stub: StubTwilio
) -> None:
    text = _paragraphs(5, 700)
    assert whatsapp.send(WHATSAPP_TO, text).ok
    bodies = twilio_stub.sent_bodies(WHATSAPP_TO)
    assert bodies == split_text(text, WHATSAPP_TEXT_LIMIT)
    assert len(bodies) == 3
    assert all(len(body) <= WHATSAPP_TEXT_LIMIT for body in bodies)
    assert "\n\n".join(bodies) == text
