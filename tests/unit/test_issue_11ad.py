"""Issue 11ad: someone held a while asked about as a legal matter, a short second question
(the address, "y el numero?", who to talk to), new words that change the subject."""

from __future__ import annotations

import pytest

from bot import commands
from bot.compose import compose
from bot.content import Catalog, fold
from bot.danger import held_a_while, told_not_now
from bot.engine import ConversationEngine
from intents import Analysis, Finding, Match


@pytest.mark.parametrize("text", [
    "mi esposo esta en la carcel en texas, como le hago pa visitarlo",
    "a mi hijo lo tienen en un centro de detencion en arizona hace 2 meses, q abogado nos "
    "recomiendan?",
    "my brother has been in ICE detention for weeks waiting for a bond hearing, we need a lawyer",
    "frè m nan prizon depi 3 mwa, li gen odyans, eske nou ka jwenn yon avoka",
])
def test_held_a_while_and_asked_as_a_legal_matter_is_not_danger_now(text: str) -> None:
    assert held_a_while(fold(text))
    assert told_not_now(fold(text), text, trigger=True)


@pytest.mark.parametrize("text", [
    # Danger in it keeps the emergency: since today, a blow, no medicine, nobody may see him,
    # moved tonight, a paper to sign, a call for help; and no wait or visit told.
    "mi esposo esta en la carcel desde hoy, necesitamos abogado",
    "my uncle has been in a detention center for months and the guards beat him, need a lawyer",
    "mi tio lleva meses preso en georgia y no le dan su medicina, queremos abogado",
    "lleva semanas en el centro de detencion y no nos dejan verlo, como lo visito",
    "my dad has been in detention for weeks, theyre moving him tonight, need a lawyer",
    "mi hijo lleva meses en la carcel de migracion y le dicen que firme su deportacion, abogado?",
    "ayuda a mi hermano lo tiene la migra en un centro de detencion en texas",
    "mi hermano esta en un centro de detencion, necesitamos abogado",
])
def test_danger_or_no_wait_told_keeps_a_detention_an_emergency(text: str) -> None:
    assert not held_a_while(fold(text))


@pytest.mark.parametrize(("text", "parts", "urgent"), [
    ("mi esposo esta en la carcel en texas, como le hago pa visitarlo", ("legal_us",), False),
    ("a mi hijo lo tienen en un centro de detencion en arizona hace 2 meses, q abogado nos "
     "recomiendan? y el telefono de ustedes", ("legal_us", "contacts"), False),
    ("mi esposo esta en la carcel desde anoche en dallas, necesitamos abogado", None, True),
    ("y ustedes no tienen abogados?", ("legal_us",), False),
    ("k pedo", ("greeting",), False),
])
def test_the_engine_answers_a_detention_told_a_while_as_a_legal_question(
    engine: ConversationEngine, text: str, parts: tuple[str, ...] | None, urgent: bool
) -> None:
    got = engine.understand(text)
    if parts is not None:
        assert got.parts == parts
    assert (got.parts[:1] == ("emergency",)) == urgent


def test_a_short_second_question_for_the_address_or_the_number_is_the_contacts() -> None:
    for text in ("me acaban de regresar, a donde me presento? denme la direccion",
                 "tienen becas pa la prepa y el numero", "is there help for school and your number",
                 "whats the address of the office"):
        assert commands.contacts_asked(fold(text)), text
    for text in ("me da la direccion del consulado", "y el numero de mi caso cual es",
                 "el numero de 18 letras q piden pa todo"):
        assert not commands.contacts_asked(fold(text)), text


def test_who_to_talk_to_beside_a_topic_is_a_person() -> None:
    for text in ("dicen q el gobierno ayuda con el funeral, con quien hablo",
                 "lo de la aplicacion no me jala, me pasa con alguien",
                 "can you connect me with someone about my dad", "pase m yon ajan"):
        assert commands.person_asked(fold(text)), text
    for text in ("con quien estoy hablando", "alguien me puede ayudar con la beca"):
        assert not commands.person_asked(fold(text)), text


def test_who_to_talk_to_is_a_person_not_are_you_a_robot(catalog: Catalog) -> None:
    # "q apoyos hay y con quien hablo": the classifier may read "am I talking to a bot?".
    match = Match("returned", 0.9, (("returned", 0.9),), "x x x x x", "", None, "classifier")
    found = (Finding("returned", 0.9, "classifier", "..."), Finding("robot", 0.8, "part", "...", 1))
    got = compose(Analysis(match, match.ranking, found), catalog, person=True)
    assert got.parts == ("returned", "human")


@pytest.mark.parametrize("text", [
    "hay algo pa abrir un negocito en mi pueblo ah y tambien q onda con lo de las remesas",
    "is there help for kids going to school in guanajuato btw whats your whatsapp",
    "is there help for kids going to school in guanajuato by the way whats your whatsapp",
])
def test_ah_y_btw_and_by_the_way_change_the_subject(engine: ConversationEngine,
                                                     text: str) -> None:
    assert engine.matcher.analyze(text).clauses == 2


@pytest.mark.parametrize("text", [
    "en el programa del celular de ustedes me pide un codigo q nunca llega",
    "a mi me agarraron en una redada, estuve 3 meses encerrado y ayer me dejaron en matamoros, "
    "ya voy en el camion pa irapuato, q ayuda hay",
])
def test_a_code_that_never_comes_or_a_ride_home_after_deportation_is_no_danger_now(
    text: str
) -> None:
    assert told_not_now(fold(text), text, trigger=True)


@pytest.mark.parametrize("text", [
    "nos dejaron en la frontera y unos hombres nos quieren llevar a la fuerza",
    "mi hijo salio a las 8 y nunca llega, no contesta",
])
def test_left_at_the_border_in_danger_or_someone_who_never_comes_is_still_danger(
    text: str
) -> None:
    assert not told_not_now(fold(text), text, trigger=True)
