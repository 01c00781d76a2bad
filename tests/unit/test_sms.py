"""SMS rules without a server: GSM-7 text, segments, pages, keywords, settings."""

from __future__ import annotations

import pytest

from bot.channels.twilio import (
    GSM7_BASIC,
    GSM7_EXTENDED,
    MAX_SEGMENTS,
    SMS,
    segments,
    to_gsm7,
)
from bot.config import ConfigError, Settings

ACCOUNT = {"TWILIO_ACCOUNT_SID": "AC1", "TWILIO_AUTH_TOKEN": "t",
           "PUBLIC_BASE_URL": "https://h.org"}


@pytest.mark.parametrize(("text", "sms"), [
    ("¿Qué trámite necesitas?", "¿Qué tramite necesitas?"),  # é and ¿ are GSM-7, á is not
    ("🚨 Llama AHORA al 911", "Llama AHORA al 911"),
    ("Niño, pingüino, ÁNIMO", "Niño, pingüino, ANIMO"),
    ("“Hola” — ¡bienvenido…", '"Hola" - ¡bienvenido...'),
    ("Kreyòl ayisyen", "Kreyòl ayisyen"),  # ò is GSM-7
    ("uno 👍🏽 dos\n\n\n\ntres", "uno dos\n\ntres"),
])
def test_text_is_written_in_the_gsm7_alphabet(text: str, sms: str) -> None:
    assert to_gsm7(text) == sms
    assert all(c in GSM7_BASIC or c in GSM7_EXTENDED for c in to_gsm7(text))


def test_segments_hold_160_alone_and_153_each_when_joined() -> None:
    assert segments("a" * 160) == 1
    assert segments("a" * 161) == 2
    assert segments("a" * 306) == 2
    assert segments("a" * 307) == 3
    assert segments("€" * 80) == 1 and segments("€" * 81) == 2  # the extension table: 2 each


def test_a_short_turn_is_one_message() -> None:
    [part] = SMS.prepare(["Hola.", "1. Trámites\n2. Salud"], "es")
    assert (part.text, part.later) == ("Hola.\n\n1. Tramites\n2. Salud", False)


@pytest.mark.parametrize(("lang", "footer"), [("es", "(responde MAS)"),
                                              ("en", "(reply MAS for more)"),
                                              ("ht", "(reponn MAS pou plis)")])
def test_a_long_turn_is_cut_in_pages_of_3_segments(lang: str, footer: str) -> None:
    long = "\n\n".join(f"Párrafo {i}: " + "palabra " * 30 for i in range(12))
    parts = SMS.prepare([long], lang)
    assert [p.later for p in parts] == [False] + [True] * (len(parts) - 1)
    assert all(segments(p.text) <= MAX_SEGMENTS for p in parts)
    assert all(p.text.endswith(footer) for p in parts[:-1])
    assert not parts[-1].text.endswith(footer)
    assert "Parrafo 11" in parts[-1].text


@pytest.mark.parametrize(("body", "kind"), [
    ("STOP", "opt_out"), ("alto", "opt_out"), ("Unsubscribe", "opt_out"), ("START", "opt_in"),
    ("MÁS", "more"), ("mas", "more"), ("stop por favor", "text"), ("hola", "text"),
])
def test_keywords_are_recognised_only_alone(body: str, kind: str) -> None:
    [inbound] = SMS.parse({"From": "+15551234567", "MessageSid": "SM" + "a" * 32, "Body": body})
    assert inbound.kind == kind
    assert (inbound.text is None) == (kind != "text")  # a keyword keeps no text


def test_sms_is_on_with_its_number_and_the_account() -> None:
    settings = Settings.from_env({**ACCOUNT, "TWILIO_SMS_NUMBER": "+15550002222"})
    assert settings.enabled("sms") and not settings.enabled("whatsapp")
    assert settings.extra == {"TWILIO_SMS_NUMBER": "+15550002222"}


def test_an_sms_number_without_the_account_is_named() -> None:
    with pytest.raises(ConfigError, match="TWILIO_ACCOUNT_SID"):
        Settings.from_env({"TWILIO_SMS_NUMBER": "+15550002222",
                           "PUBLIC_BASE_URL": "https://h.org"})
