"""Issue 11ak: a crossing plan told by its decision, its date, its money or its fears ("pase lo
que pase me voy", a date set for a border town, a deposit paid to a man, someone else's papers
at the port, the weather of the walk, one who has gone many times, no other way), and a fear of
suffocating in a trailer asked before the journey, which is a plan and no emergency
(``bot.crossing``, the trailer trigger of ``content/topics/p_emergency.yaml``)."""

from __future__ import annotations

import pytest

from bot import crossing, danger
from bot.content import fold
from bot.engine import ConversationEngine


@pytest.mark.parametrize("text", [
    # Whatever happens, before or after the going; coming, not only going.
    "pase lo que pase me voy en enero",
    "whatever happens im leaving next month",
    "my dad is coming back no matter what",
    "kèlkeswa sa k pase m pral ale",
    # With those who take people (Kreyòl "k ap mennen moun").
    "m ap pati ak moun k ap mennen moun yo",
    # A date set, for a border town or the north.
    "mi sobrino ya tiene fecha, sale el 15 de marzo rumbo a sonoyta",
    "my son already paid the man and leaves on the 3rd to reynosa",
    # The river crossed on a day, from a border town.
    "ya estamos en nuevo laredo, el sabado cruzamos el rio",
    # A deposit paid to someone, the day awaited.
    "ya le dimos el anticipo al señor, nomas falta que nos diga el dia",
    "we gave the guy a deposit, now we wait for the date",
    "nou peye mesye a avans, n ap tann jou a",
    # Someone else's papers used at the port.
    "she wants to use her cousin's green card at the bridge",
    # The weather of the walk, with a day or a month to leave.
    "hace mucho calor en el desierto ahorita? mi hermano sale el lunes",
    "is it better to go in january or in may for walking, because of the heat",
    # The long road prepared.
    "cuanta agua y comida ocupa uno pa el camino largo",
    # Going with one who has gone many times.
    "me voy el domingo con mi primo el que ya se ha ido 4 veces",
    # Afraid but decided; no other way than going.
    "tenemos miedo pero ya lo decidimos, nos vamos la otra semana",
    "no me quiero ir pero no hay de otra, aqui no alcanza",
    "m pa vle ale men m pa gen lot chwa, m pral Ozetazini",
    # A gathering house in a border town.
    "they told him to wait in a house in nogales where they gather people before going",
    # Saving up for a journey whose price is asked.
    "cuanto cuesta el viaje ahorita a houston, pa irle juntando",
    # An in-person offer of a ride "over there".
    "un señor del mercado me ofrecio llevarme en su camioneta pa alla, cuanto le doy",
    # "ya me voy pal norte", even when asking what would keep one here.
    "ya me voy pal norte, que me ofrecen ustedes pa no irme?",
])
def test_a_plan_told_by_its_decision_date_money_or_fears(text: str) -> None:
    assert crossing.plan_in_words(fold(text))


@pytest.mark.parametrize(("plan", "look_alike"), [
    # A date for a border town, not a job there.
    ("mi hermana sale el martes rumbo a tijuana, ya arreglo todo",
     "mi hermana sale el martes a tijuana a trabajar en una maquila"),
    # Crossing the river on a day, not the street.
    ("mañana en la noche cruzamos el rio con el grupo",
     "mañana en la noche cruzamos la calle pa ir al albergue"),
    # A deposit to the man who takes him, not to the hall for a party.
    ("ya le dimos el anticipo al señor, nomas falta que nos diga el dia",
     "le pagamos el anticipo al señor del salon pa la fiesta de xv"),
    # No other way than going north, not than a doctor.
    ("no me quiero ir pero no hay de otra",
     "no hay de otra, tengo que ir al doctor mañana"),
    # The weather of a walk to leave on, not shoes for the park.
    ("hace frio en el cerro? mi hijo sale la otra semana",
     "que zapatos son buenos pa caminar en el parque cuando hace frio"),
    # December chosen for the heat of the walk, not a visit.
    ("que es mejor irse en diciembre o en marzo? por el calor, pa caminar",
     "mi hijo viene en diciembre a visitarnos, que tramites ocupa"),
])
def test_the_plan_and_its_look_alike(plan: str, look_alike: str) -> None:
    assert crossing.plan_in_words(fold(plan))
    assert not crossing.plan_in_words(fold(look_alike))


@pytest.mark.parametrize("text", [
    "cruzar la calle para ir a la tienda",
    "mi perro es cruza de pastor aleman",
    "my grandpa crossed the river in the 70s",
    "how do i apply for a tourist visa to visit my son",
    "mi hijo se va a texas el lunes a trabajar con visa h2a",
])
def test_look_alikes_are_no_plan(text: str) -> None:
    assert not crossing.plan_in_words(fold(text))


def test_fear_of_suffocating_in_a_trailer_is_a_plan(engine: ConversationEngine) -> None:
    # "no se asfixian ahi adentro?" asks of a journey ahead: the trailer trigger fires on a
    # suffocation going on ("nos estamos asfixiando", "se asfixiaron"), not on one feared.
    text = "a mi cuñado le dicen que lo suben en la caja de un trailer en monterrey, no se " \
           "asfixian ahi adentro?"
    assert engine.understand(text).parts[:1] == ("safety_crossing",)


@pytest.mark.parametrize("text", [
    "estamos en la caja de un trailer y nos estamos asfixiando",
    "mi hijo va en la caja de un trailer y se estan asfixiando, no les abren",
    "mi hijo esta perdido en el desierto ahorita, no tiene agua",
    "los tienen encerrados en una casa en reynosa y piden dinero",
])
def test_emergencies_on_the_way_stay_urgent(engine: ConversationEngine, text: str) -> None:
    assert engine.understand(text).parts[:1] == ("emergency",)


@pytest.mark.parametrize("text", [
    # Another's going told as a story ("dice q ella se fue asi") is no one missing: the plan.
    "mi tia dice q ella se fue asi con su niño en brazos, se puede ir uno con un bebe?",
    "mi abuelo dice que el se fue caminando y que mi hermano tambien puede, ya le presto pa pagar",
])
def test_a_going_told_as_a_story_is_no_missing_person(engine: ConversationEngine,
                                                      text: str) -> None:
    assert engine.understand(text).parts[:1] == ("safety_crossing",)


@pytest.mark.parametrize(("text", "is_danger"), [
    # Strangers trying to take someone by force, hiding from them in a shop: danger now.
    ("unos hombres me quieren subir a su carro, estoy escondida en una tienda", True),
    ("some guys are trying to put me in a van", True),
    # The man of a plan, and hiding in the trailer of a plan, are no word of danger.
    ("el señor que me quiere llevar al otro lado cobra 8 mil", False),
    ("nos vamos escondidos en un trailer", False),
])
def test_seized_by_strangers_is_a_word_of_danger(text: str, is_danger: bool) -> None:
    assert danger.danger_word(fold(text)) is is_danger


def test_deported_and_going_back_is_a_plan() -> None:
    # "se regresa" is a plan beside a deportation ("lo deportaron"), not only "quiere regresar".
    assert crossing.plan_in_words(fold("mi tio dice que se regresa a texas por el cerro, lo "
                                       "deportaron en marzo"))


def test_a_plan_thought_of_beside_danger_gets_both(engine: ConversationEngine) -> None:
    # "estoy pensando irme" is someone's plan in a clause of its own beside the emergency.
    text = "el papa de mis hijos me amenaza con un cuchillo, ando pensando irme pa estados " \
           "unidos con un pollero"
    assert engine.understand(text).parts[:2] == ("emergency", "safety_crossing")
