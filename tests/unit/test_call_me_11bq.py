"""Issue 11 (11bq): "call me" in any language says honestly that this chat places no calls, puts
the person in line for a person and gives the number to call; a greeting said again soon gets a
short "aquí estoy", not the whole introduction (no database)."""

from __future__ import annotations

import pytest

from bot import commands, flow
from bot.content import Catalog, fold, load_catalog
from tests.turns import turn


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return load_catalog()


@pytest.mark.parametrize("text", [
    "call me please", "call me back pls", "can someone call me back? easier to explain by phone",
    "can someone from your team call me", "i need someone from the office to call me back",
    "give me a call", "llámenme por favor", "llámenme al 555 123 4567", "márquenme porfa",
    "llamame", "¿me pueden llamar?", "me puede llamar alguien de la oficina?",
    "quiero q me llame alguien de la secretaria", "necesito que me llame una persona",
    "rele m souple", "rele m tanpri", "eske yon moun ka rele m?", "mwen vle yon moun rele m",
    "eske gen yon moun ki pale kreyòl ki ka rele m?", "appelez-moi svp",
])
def test_asked_to_be_called(text: str) -> None:
    assert commands.call_asked(fold(text))


@pytest.mark.parametrize("text", [
    "what number do I call", "¿a qué número llamo?", "call 911", "como los llamo",
    "who should i call", "me llamo juan", "me llamaron de un numero raro", "no me pueden llamar",
    "espero que me llame mi hijo", "que no me llamen", "he didnt call me back",
    "they call me juan", "someone keeps calling me", "frè m rele m maten an, li byen",
    "li rele m, li byen", "gen yon moun k ap rele m", "pa rele m tanpri, yo tande tout bagay",
    "eske nou ka rele manman m pou di l m byen", "kijan pou m rele nou",
])
def test_not_asked_to_be_called(text: str) -> None:
    assert not commands.call_asked(fold(text))


@pytest.mark.parametrize("lang", ["es", "en", "ht"])
def test_call_me_queues_says_no_calls_and_gives_the_number(cat: Catalog, lang: str) -> None:
    step = flow.lookup("idle", "call_me")(turn(cat, lang=lang, intent="human"))
    assert step.handoff and step.state == "queued" and step.intent == "human"
    (reply,) = step.replies
    assert "+52 473 359 9794" in reply.text and "011 52 473 359 9794" in reply.text
    assert reply.text == cat.message("call_me", lang)


def test_call_me_in_line_keeps_the_one_place(cat: Catalog) -> None:
    step = flow.lookup("waiting", "call_me")(turn(cat, "waiting", status="waiting"))
    assert not step.handoff and step.state == "waiting" and step.acked
    assert step.replies[0].text == cat.message("call_me_in_line", "es")


def test_call_me_with_a_person_goes_to_them(cat: Catalog) -> None:
    step = flow.lookup("assigned", "call_me")(turn(cat, "assigned", status="assigned"))
    assert not step.replies and step.state == "assigned"


@pytest.mark.parametrize("lang", ["es", "en", "ht"])
def test_greeting_again_is_short(cat: Catalog, lang: str) -> None:
    step = flow.lookup("idle", "greeting_again")(turn(cat, lang=lang, intent="greeting"))
    (reply,) = step.replies
    assert step.intent == "greeting" and step.state == "idle"
    assert "911" in reply.text and "asesor" in reply.text and "menu" in reply.text
    assert len(reply.text) < len(cat.intents["greeting"].text(lang)) / 2


@pytest.mark.parametrize("key", ["call_me", "call_me_in_line", "greeting_again"])
def test_new_texts_in_every_language(cat: Catalog, key: str) -> None:
    texts = {lang: cat.message(key, lang) for lang in ("es", "en", "ht")}
    assert len(set(texts.values())) == 3
