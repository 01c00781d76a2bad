"""Danger now or only told of (bot.danger): a story, a release already over, a "what if",
a film or a joke loses the emergency part; a word of danger now always keeps it."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.content import fold
from bot.danger import not_a_crossing, now_a_legal_step, told_not_now, too_little
from bot.engine import ConversationEngine

TODAY = dt.date(2026, 12, 5)


@pytest.mark.parametrize("text", [
    "a mi me detuvo ICE en 2019 y me soltaron con fianza, ahora tengo corte en marzo",
    "hace como 10 años me agarraron en la linea, si pido visa ahora me la niegan?",
    "mi hijo estuvo detenido 3 meses y ya lo soltaron, tiene que pagar algo?",
    "si me agarra la migra brincando que me hacen?",
    "if he gets caught crossing will they send him back",
    "como se llama la pelicula donde secuestran a la niña",
    "mi hija me tiene secuestrado el control de la tele jaja",
    "my grandpa got lost in the desert back in the 70s",
    "my mom has nightmares since my uncle was taken last year",
    "m ap gade yon seri sou Netflix sou kidnapè yo",
    "mi suegra me amenazó con venir a vivir con nosotros 😂",
    # Danger to a thing, a pet, a game or in the traffic, not to a person.
    "se me secuestro la cuenta de free fire, como la recupero",
    "el arbitro nos secuestro el partido, que robo",
    "my little brother is holding my xbox hostage",
    "desde el lunes se me desaparecio el gato",
    "we pulled a dog out of a drainage canal on our road trip",
    "estoy detenido en el trafico en la 45, hay accidente?",
    "jugamos a la migra y los mojados en la primaria",
    # Out of detention and free now (issue 11v).
    "me mandaron pa tijuana despues de 3 meses en el centro de detencion, ya estoy libre",
])
def test_told_of_not_now(text: str) -> None:
    assert told_not_now(fold(text), text, TODAY)


@pytest.mark.parametrize("text", [
    "me detuvo la migra ayuda",
    "detuvieron a mi esposo hoy en el trabajo, en 2019 ya lo habian parado",
    "a mi hermano lo secuestraron hace 2 dias y piden rescate",
    "the smuggler is keeping my son in a house and asking for more money to let him go",
    "yo kidnape kouzen m, y ap mande 3500 dola pou yo lage l",
    "hace 3 años se fue y desde el lunes no contesta",
    "vi en las noticias lo de la redada y ahorita se llevaron a mi papa, auxilio",
    "my dad was detained in 2024 and he is still detained, nobody tells us anything",
    "mi hijo se fue en 2026 y no sabemos nada de el",
    "no tenemos noticias de mi hijo desde hace 5 dias",
    "we got the news that they took my brother at the border",
    "me han hecho una serie de amenazas por telefono",
    "mi hijo ya salio de reynosa con el señor y ahora piden mas dinero",
    "secuestraron a mi hijo y el perro ladraba",
    "a los muchachos los secuestraron en el partido, no sabemos nada",
    "los secuestraron en el partido",
    "mi hijo desaparecio con el perro desde el lunes",
    "my son went missing with the dog",
])
def test_danger_now_is_kept(text: str) -> None:
    assert not told_not_now(fold(text), text, TODAY)


def test_a_date_outweighs_the_classifier_but_never_a_trigger() -> None:
    """A story that starts long ago can end in danger now: with a trigger phrase of danger,
    only a joke, a film, a release or a "what if" make it a story."""
    story = "se fue hace dos años con un señor y ya no la sueltan"
    assert told_not_now(fold(story), story, TODAY)
    assert not told_not_now(fold(story), story, TODAY, trigger=True)
    film = "vi una pelicula donde la secuestran"
    assert told_not_now(fold(film), film, TODAY, trigger=True)


@pytest.mark.parametrize(("text", "look_alike"), [
    ("anoche se metio un coyote al corral y se llevo dos borregos", True),
    ("a coyote ran across the highway, do they attack people?", True),
    ("quiero cruzar mi perra chihuahua con un pug", True),
    ("is it safe to kayak across the lerma river", True),
    ("my dog keeps crossing the road", True),
    ("any good movies about migrants crossing the border?", True),
    ("el coyote nos va a cruzar por el rio la otra semana", False),
    ("el coyote nos dejo en el monte y no tenemos agua", False),
    ("nos cruzaron en lancha por el rio bravo", False),
    ("my brother wants to cross the desert in arizona next month", False),
])
def test_a_crossing_look_alike_is_not_a_plan(text: str, look_alike: bool) -> None:
    assert not_a_crossing(fold(text)) is look_alike


def test_a_short_detail_is_not_a_call_for_help() -> None:
    assert too_little(fold("tiene 17 años"), 0.41, "priority")
    assert not too_little(fold("ayuda porfa"), 0.35, "priority")
    assert not too_little(fold("tiene 17 años"), 0.6, "priority")
    assert not too_little(fold("me detuvieron"), 0.3, "trigger")
    assert not too_little(fold("mi hijo tiene 17 años y no aparece"), 0.41, "priority")


def test_a_date_outweighs_the_classifier_never_a_trigger_an_amount_is_no_year() -> None:
    """A missed emergency costs more than an urgent case for an old story: a trigger stays."""
    dated = "me tuvieron secuestrado en 2016 en tamaulipas"
    assert told_not_now(fold(dated), dated, TODAY)
    assert not told_not_now(fold(dated), dated, TODAY, trigger=True)
    home = "me tuvieron secuestrado en 2016 en tamaulipas, ya estoy en mi pueblo"
    assert told_not_now(fold(home), home, TODAY, trigger=True)  # over: home now
    amount = "el coyote quiere otros 2000 dolares o nos deja encerrados"
    assert not told_not_now(fold(amount), amount, TODAY)
    assert not told_not_now(fold(amount), amount, TODAY, trigger=True)


def test_kreyol_now_outweighs_a_date_not_a_release() -> None:
    over = "kouzen m te arete, kounye a li anfòm"
    assert told_not_now(fold(over), over, TODAY, trigger=True)
    now = "yo te arete l ane pase epi kounye a yo kenbe l ankò"
    assert not told_not_now(fold(now), now, TODAY)


def test_what_s_next_is_not_still_going_on() -> None:
    """"¿qué sigue?" asks what comes next; "sigue detenido" is still going on."""
    nxt = "mi esposo salio bajo fianza hace un mes, que sigue con su caso"
    assert told_not_now(fold(nxt), nxt, TODAY)
    still = "detuvieron a mi esposo hace un mes y sigue en el centro de detencion"
    assert not told_not_now(fold(still), still, TODAY)


@pytest.mark.parametrize(("text", "present"), [
    ("me detuvo la migra en 2019, ahora tengo corte", "tengo corte"),
    ("me agarro la migra la vez pasada y ahora tengo audiencia", "tengo audiencia"),
    ("I was detained back in 2019, now I have court", "i have court"),
    ("yo te arete m an 2019, kounye a m gen tribinal", "m gen tribinal"),
])
def test_a_past_then_a_court_date_now_is_a_legal_question(text: str, present: str) -> None:
    """The present clause decides: a court date, a lawyer or a case outweighs even a trigger."""
    assert now_a_legal_step(fold(text), TODAY) == present
    assert told_not_now(fold(text), text, TODAY, trigger=True)


@pytest.mark.parametrize("text", [
    "en 2019 se fue y hoy lo tienen secuestrado",
    "me detuvo la migra en 2019 y ahora lo tienen detenido",
    "they took him in 2019 and they took him again today",
    "me detuvo la migra en 2019 y ahora tengo corte pero hoy lo detuvieron otra vez",
    "en 2019 lo detuvieron y ahora tiene corte, pero ahorita lo tienen encerrado",
    "yo te arete m an 2019, kounye a yo arete m ankò",
    # No past told: a court date beside a detention now is not this rule's.
    "me detuvo la migra, ahora tengo corte",
    "hace 2 dias me detuvieron, ahora tengo corte",
])
def test_danger_in_the_present_clause_keeps_the_emergency(text: str) -> None:
    assert now_a_legal_step(fold(text), TODAY) is None
    assert not told_not_now(fold(text), text, TODAY, trigger=True)


# A "sos" that asks no help: the Kreyòl sauce, the "vos sos" of Central America. "SOS" stays.
@pytest.mark.parametrize(("text", "urgent"), [
    ("Ki jan pou m fè yon bon sòs pwa nwa ak epis meksiken", False),
    ("ki jan pou m fe sos pwa", False),
    ("vos sos de aqui?", False),
    ("y vos sos hondureño? donde nos podemos quedar en celaya", False),
    ("sos", True), ("SOS ayuda", True), ("sos estamos perdidos", True), ("mande un sos", True),
])
def test_sos_that_asks_no_help(engine: ConversationEngine, text: str, urgent: bool) -> None:
    assert ("emergency" in engine.understand(text).parts) is urgent


# Held by ICE for weeks, a lawyer asked: a legal question; not knowing WHERE stays urgent.
@pytest.mark.parametrize(("text", "urgent"), [
    ("Mari m nan ICE depi 3 semèn Louisiana, nou pa konn kijan pou n jwenn yon avoka", False),
    ("mi esposo lleva 3 semanas con ICE en louisiana, no sabemos como conseguir abogado", False),
    ("my husband has been in ICE detention 3 weeks in louisiana, we dont know how to find a lawyer",
     False),
    ("mi esposo lleva 3 semanas con ICE y no sabemos donde esta", True),
    ("mari m nan ICE depi 3 semen, nou pa konn kote li ye", True),
    ("my husband has been in ICE detention 3 weeks and we dont know where they moved him", True),
])
def test_held_weeks_lawyer_asked(engine: ConversationEngine, text: str, urgent: bool) -> None:
    assert ("emergency" in engine.understand(text).parts) is urgent
