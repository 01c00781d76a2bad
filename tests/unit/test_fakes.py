"""FakeSender: the in-memory sender unit tests use instead of Telegram and Twilio."""

from __future__ import annotations

import threading

import pytest

from bot.senders import Sender, SendResult
from tests.fakes import FakeSender


def test_records_successful_sends_with_distinct_ids() -> None:
    sender = FakeSender("whatsapp")
    first = sender.send("whatsapp:+15551234567", "hola")
    second = sender.send("whatsapp:+15551234567", "adiós", buttons=[("Sí", "yes")])
    assert first.ok and second.ok
    assert first.external_id != second.external_id
    assert sender.sent == [("whatsapp:+15551234567", "hola"), ("whatsapp:+15551234567", "adiós")]
    assert sender.buttons == [None, [("Sí", "yes")]]
    assert sender.channel == "whatsapp"


def test_fail_next_returns_the_given_result_n_times_then_sends() -> None:
    sender = FakeSender()
    blocked = SendResult("unreachable", reason="telegram: Forbidden: bot was blocked by the user")
    sender.fail_next(2, blocked)
    assert sender.send("42", "uno") == blocked
    assert sender.send("42", "dos") == blocked
    assert sender.send("42", "tres").ok
    assert sender.sent == [("42", "tres")]
    assert sender.attempts == 3


def test_fail_next_defaults_to_retry() -> None:
    sender = FakeSender()
    sender.fail_next()
    assert sender.send("42", "hola").status == "retry"


def test_fail_next_rejects_a_sent_result() -> None:
    with pytest.raises(ValueError, match="sent"):
        FakeSender().fail_next(1, SendResult("sent", external_id="1"))


def test_templates_are_recorded_and_share_the_failure_queue() -> None:
    sender = FakeSender("whatsapp")
    sender.fail_next(1, SendResult("window_closed", reason="twilio 63016"))
    assert sender.send("whatsapp:+1555", "hola").status == "window_closed"
    assert sender.send_template("whatsapp:+1555", "HX123", {"1": "Ana"}).ok
    assert sender.templates == [("whatsapp:+1555", "HX123", {"1": "Ana"})]
    assert sender.sent == []


def test_closed_fake_refuses_to_send() -> None:
    sender = FakeSender()
    sender.close()
    with pytest.raises(RuntimeError, match="closed"):
        sender.send("42", "hola")


def test_is_a_sender() -> None:
    assert isinstance(FakeSender(), Sender)


def test_concurrent_sends_are_all_recorded() -> None:
    sender = FakeSender()

    def worker(n: int) -> None:
        for i in range(100):
            sender.send(str(n), f"m{i}")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(sender.sent) == 800
    assert sender.attempts == 800


def test_send_result_rejects_unknown_status() -> None:
    with pytest.raises(ValueError, match="status"):
        SendResult("delivered")  # type: ignore[arg-type]
