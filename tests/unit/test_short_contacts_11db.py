"""Issue 11db: the office's contacts, hours or place asked in a few everyday words ("cel?",
"what's the phone", "telefòn nou", "what hours", "cuando abren la oficina los sabados", "where
r u located") get the contacts answer, never "no entendí"; the hours the team answers in this
chat (OFFICE_HOURS) are said beside it, never an address; the writer's own phone ("perdí mi
celular", "my phone broke", "telefòn mwen kraze") is no request for the contacts."""

from __future__ import annotations

import pytest

from bot import commands
from bot.content import fold
from bot.engine import ConversationEngine


@pytest.mark.parametrize("text", [
    "cel", "cel?", "el telefono?", "me pasas el cel", "what's the phone", "whats the phone",
    "phone", "the phone?", "your email?", "email", "correo", "ubicacion", "what's the address",
    "telefòn", "telefòn nou", "nimewo telefòn", "kote biwo a ye", "where r u located",
    "where is the office", "y el whats porfa",
])
def test_contacts_asked_in_few_words(text: str) -> None:
    assert commands.contacts_asked(fold(text))


@pytest.mark.parametrize("text", [
    "perdi mi celular", "my phone broke", "telefòn mwen kraze", "mi cel no prende",
    "my phone", "se me mojo el cel",
])
def test_ones_own_phone_is_no_contacts_request(text: str) -> None:
    assert not commands.contacts_asked(fold(text))


@pytest.mark.parametrize("text", [
    "cuando abren la oficina los sabados", "cuando abren", "cuando abren los sabados",
    "what hours", "what are the hours", "hours?", "horario", "horario de atencion",
    "ki orè biwo a",
])
def test_the_offices_hours_in_few_words(text: str) -> None:
    assert commands.office_hours(fold(text))


@pytest.mark.parametrize("text", [
    "cuando abren la convocatoria de becas", "how many hours of overtime",
    "cuando abren el puente", "horario western union",
])
def test_no_office_hours(text: str) -> None:
    assert not commands.office_hours(fold(text))


@pytest.mark.parametrize(("text", "parts"), [
    ("what's the phone", ("contacts",)),
    ("cel?", ("contacts",)),
    ("telefòn", ("contacts",)),
    ("where r u located", ("contacts",)),
    ("where are you located", ("contacts",)),
    ("cuando abren la oficina los sabados", ("contacts",)),
    ("perdi mi celular", ()),
    ("my phone broke", ()),
    ("telefòn mwen kraze", ()),
    ("what's the number of the consulate", ()),
])
def test_understood(engine: ConversationEngine, text: str, parts: tuple[str, ...]) -> None:
    assert engine.understand(text).parts == parts
