"""Word-group triggers of the shipped catalog for kinds of danger told in general terms (issue
11f): a person held, taken, gone, hurt or threatened, now, in Spanish, English and Kreyòl.

The sentences are written for this test (none is a line of a dev or blind set): each says a
kind of danger in other words than the trigger's own examples.
"""

from __future__ import annotations

import pytest

from bot.engine import ConversationEngine


def groups_found(engine: ConversationEngine, text: str) -> list[str]:
    """The emergency triggers (word groups, or a phrase) found in ``text``."""
    hits = engine.matcher.triggers.find(*engine.matcher.prepare(text))  # type: ignore[union-attr]
    return [h.phrase for h in hits if h.intent == "emergency"]


@pytest.mark.parametrize("text", [
    # held + money, pay or else
    "unos tipos dicen que ya tienen a mi tio y quieren que depositemos hoy",
    "la policia pide 15 mil pa soltarlo, esta en los separos",
    "el chofer dice que si no le pagamos nos va a entregar a los malos",
    "nos piden 500 por cabeza o nos bajan del tren",
    "el guia dice que le debemos mas o nos deja amarrados en la bodega",
    # gone: a person who has not come back, the guide who never came back
    "mi nieta no ha regresado de la prepa y ya son las 11",
    "el pollero se fue por agua hace 2 dias y no regreso, seguimos en el cerro",
    # hurt now
    "mi cuñado esta vomitando sangre y aqui no hay doctor",
    "le dieron un balazo a mi primo anoche, esta en una clinica",
    "mi papa le esta pegando a mi mama ahorita, que hago",
    "hay un incendio en la bodega y hay gente adentro",
    # held, forced, locked
    "el patron nos quito los pasaportes y no nos deja salir del rancho",
    "nos encerraron con candado en un cuarto, somos como 15",
    "mi sobrina esta en una cajuela, no sabe a donde la llevan",
    # alone, lost, wanting to die, context: "again"
    "mi hijo de 8 años se quedo solo en la estacion de autobuses",
    "ya no quiero seguir viviendo, tengo las pastillas aqui",
    "y ahorita lo tienen otra vez",
    "mi sobrino se trago unas pastillas de veneno y no despierta",
    # taken just now, still lost, a person who did not come and nobody knows (issue 11k)
    "a mi cuñado lo acaban de detener en la caseta de cuota",
    "mi sobrina sigue perdida desde el lunes, salio rumbo a la frontera",
    "mi tio no venia en la camioneta y nadie sabe nada",
    "mi amigo dice que se va a tirar del puente, ya no aguanta",
])
def test_spanish_kinds_of_danger_fire(engine: ConversationEngine, text: str) -> None:
    assert groups_found(engine, text)


@pytest.mark.parametrize("text", [
    "the guys in the van say they have my nephew and want money by tonight",
    "if we dont pay they say well never see her again",
    "my 12 year old daughter didnt come home and its past midnight",
    "the guide left to get water yesterday and never came back",
    "my boyfriend is beating me right now, im hiding in the closet",
    "the boss took our passports and wont let us leave the farm",
    "there was a crash, my dad is still trapped inside the truck",
    "my friend is having a seizure and we are in the back of a trailer",
    "i dont know where we are, no water and my phone is dying",
    "they took him again this morning",
    "my brother swallowed poison, what do i do",
])
def test_english_kinds_of_danger_fire(engine: ConversationEngine, text: str) -> None:
    assert groups_found(engine, text)


@pytest.mark.parametrize("text", [
    "moun yo pa kite kouzen m soti si nou pa voye plis lajan",
    "pitit gason m pa retounen lakay depi yè swa",
    "kouyòt la al chache manje epi li pa janm tounen",
    "machin nan chavire, gen twa moun ki kwense anndan l",
    "yo fèmen nou ak kadna nan yon depo",
    "gen yon nèg ki di l gen pitit mwen",
    "m pa konn kote m ye, m swaf anpil",
    "gen nèg ki vle touye manman m",
    "yo arete l ankò",
    "tonton m bwè pwazon, kisa pou m fè",
])
def test_kreyol_kinds_of_danger_fire(engine: ConversationEngine, text: str) -> None:
    assert groups_found(engine, text)


@pytest.mark.parametrize("text", [
    "se me quemo la comida, alguna receta facil?",
    "mi remesa no ha llegado desde el lunes",
    "el abogado no me ha llamado desde la semana pasada",
    "es muy caro pasar escondido en la cajuela de un carro?",
    "me piden 1500 pa liberar el apoyo, es real?",
    "my friend from haiti is stuck at the bus station with no money",
    "the app took my id photo but wont let me sign in",
    "si nou pa peye lekòl la, yo p ap kite pitit la antre",
])
def test_look_alikes_do_not_fire(engine: ConversationEngine, text: str) -> None:
    assert groups_found(engine, text) == []


@pytest.mark.parametrize(("text", "urgent"), [
    # a year said as a date outweighs a trigger; an amount is not a year
    ("a mi me tuvieron secuestrado en 2016, ya estoy en mi pueblo, hay apoyo pa un negocio?",
     False),
    ("el coyote quiere otros 2000 dolares o nos deja encerrados", True),
    # over: released on bond, found safe
    ("my uncle was detained last month but he got out on bond, we need a lawyer", False),
    ("mèsi, frè m rive byen, telefòn li te fèmen", False),
    # a film, a game, a school paper
    ("en el capitulo de anoche secuestran al hijo del narco, que serie tan buena", False),
    ("in the video game you get kidnapped at the border, is that realistic?", False),
    # a what-if, a pet
    ("what are my rights if ICE comes to my job? just in case", False),
    ("se me perdio el perrito desde el domingo, no aparece", False),
    # Kreyòl "now" of how things are, not of danger
    ("kouzen m te kidnape nan ane 2018, kounye a li anfòm", False),
    ("gen nèg ak zam deyò a kounye a", True),
])
def test_danger_now_or_only_told_of(engine: ConversationEngine, text: str, urgent: bool) -> None:
    parts = engine.understand(text).parts
    assert (parts[:1] == ("emergency",)) is urgent, parts
