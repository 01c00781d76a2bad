"""Issue 11ar: a crossing plan told in the words of the region, without "coyote", "pollero" or
"cruzar" ("brincarse", "aventarse", "irse de mojado", "por el cerro", "por abajo", "el que pasa
a todos los de aquí", "ya juntó lo del viaje", "se va a entregar allá", "en la cajuela",
"walking back over", "the river route", "pase rivyè a", "3 jou nan mòn"), found by the word
groups of ``bot.crossing`` (``_OVER``, ``_ROUTE``, ``_GIVE_UP``, ``_SHUT_IN``, the takers),
without warning legal trips, visits, stories of long ago, films or jokes, and never in an
emergency's place."""

from __future__ import annotations

import pytest

from bot import crossing
from bot.content import fold
from bot.engine import ConversationEngine


@pytest.mark.parametrize("text", [
    # The crossing itself as people say it, wished, planned or asked.
    "mi cuñado dice que ya se va a brincar otra vez en marzo",
    "ya me quiero aventar, aqui no sale pa nada",
    "me voy de mojado la otra semana, que llevo",
    "dicen que por Nogales esta mas facil brincarse, sera cierto?",
    "my uncle got deported and says he'll jump back over after christmas",
    "my brother is thinking of walking back over next month",
    # A way no traveller with papers takes, said of someone going or asked about.
    "mi hermano ya tiene todo pa irse por el monte con su compadre",
    "quiero irme por abajo, cuanto se camina?",
    "es mas peligroso por el rio o por el desierto?",
    "my cousin is leaving friday on the river route with some guys",
    "nou pral pase rivyè a samdi, kisa pou n pote",
    "gid la di se 4 jou nan mòn nan, epi yon machin ap tann nou",
    # Someone who takes people, named by whom he takes.
    "mi hijo se va el lunes con el señor q pasa a todos los de aqui",
    "ya hable con uno q pasa pa volver, me sacaron en enero",
    "my aunt wants to send my nephew with a lady who brings kids over",
    # The money of the journey gathered, the price of being taken over asked.
    "mi papa ya junto lo del viaje, se va despues de semana santa",
    "cuanto cobran ahorita por pasarte, me dicen que 12 mil dolares",
    # Given up to the patrol over there; shut in a car.
    "mi nuera se va a entregar alla con sus niños pa pedir asilo, ya tiene quien la lleve",
    "a mi sobrino lo van a meter en la cajuela de un carro pa pasarlo",
    # Deported, saving up to go again.
    "me sacaron de california y ya estoy juntando pa irme otra vez",
    # Said now, not as a wish; someone else's papers; the one who takes people.
    "mi primo se avienta el mes que entra, ya tiene con quien",
    "se brinca pal otro lado la otra semana mi cuñado",
    "mi hermana se va con papeles prestados el mes que entra",
    "my sister is going with borrowed papers in june",
    "el señor que lleva a la gente dice que salen el viernes",
    "ya hablamos con el señor que lleva, sale el domingo",
    "mi esposo va a pasar con los papeles de su hermano",
    # Thought of; waiting at the levee; the levee asked about; the scrub prepared for.
    "mi hijo anda pensando en brincar, q le digo",
    "ya esta en el bordo mi hermano esperando, q hago",
    "el bordo esta muy vigilado? mi hijo piensa irse en marzo",
    "hay q llevar suero pa el monte? mi hijo se va el jueves",
    # Given up at the border; "the other side"; over there without papers.
    "she'll turn herself in at the border with the kids",
    "my cousin is heading to the other side next month with some guys from the ranch",
    "nou pral lòt bò a san papye ak pitit nou",
])
def test_a_plan_in_the_words_of_the_region(text: str) -> None:
    assert crossing.plan_in_words(fold(text))


@pytest.mark.parametrize(("plan", "look_alike"), [
    # Going over, not a joke about an exam or a football team.
    ("ya me voy a brincar pal otro lado en enero",
     "mi compa dice que se brinca pal otro lado si el america pierde otra vez"),
    ("he wants to jump back over soon", "lol he'll jump back over if he fails that exam again"),
    # The hills now, not long ago.
    ("mi hijo se va por el cerro la otra semana",
     "mi tio se fue por el cerro hace 20 años y siempre lo cuenta"),
    ("nou pral pase rivyè a semenn pwochen", "frè m te pase rivyè a an 2019, kounye a li byen"),
    # Skipping the line at the bank is no crossing.
    ("me quiero brincar la linea este mes", "me quise brincar la fila en el banco y me regañaron"),
    # Decided to stay is no plan.
    ("ya me decidi, me voy pal norte como sea",
     "ya me decidi, no me voy a ir pal norte, mejor pongo un negocio aqui"),
])
def test_the_plan_and_its_look_alike(plan: str, look_alike: str) -> None:
    assert crossing.plan_in_words(fold(plan))
    assert not crossing.plan_in_words(fold(look_alike))


@pytest.mark.parametrize("text", [
    # A legal trip, a visit, a film, a story.
    "mi hija se va a texas con visa de estudiante, puede trabajar alla?",
    "vamos en avion pa las fiestas de diciembre, que ocupamos",
    "como se llama la pelicula de los que se van por el desierto en el tren?",
    "my dad crossed the river in 1994 and tells the story every christmas",
    "mwen pa vle al lot bo a anko, m ap rete Meksik",
    "ya no me pienso regresar, quiero quedarme aqui con mi familia",
    # Jumps and rides of every day.
    "mi hijo se avienta del trampolin cada domingo",
    "se brinca la barda para sacar el balon",
    "el camion que lleva a la gente a la fabrica sale el lunes",
    "me sacaron la muela y no puedo ir al trabajo",
    "my amazon return got sent back, how do i get a refund",
    # In the river or the desert, not through it: a death told, days lost there.
    "kouzen m mouri nan rivyè a mwa pase, kisa fanmi an dwe fè",
    # The hills and the river of every day; the one who brings the bread; a border appointment.
    "vamos al cerro el domingo a caminar, que llevamos?",
    "mi papa va al monte por leña el sabado, hace frio?",
    "voy a pescar al rio el sabado, que tan peligroso esta",
    "el señor que lleva el pan sale el domingo",
    "estoy en la frontera esperando mi cita de cbp",
])
def test_look_alikes_are_no_plan(text: str) -> None:
    assert not crossing.plan_in_words(fold(text))


@pytest.mark.parametrize("text", [
    "mi hermano se va de mojado mañana, ya juntó lo del viaje",
    "my cousin is going through the mountains next week with a group",
    "nou pral pase rivyè a demen ak yon gid",
])
def test_the_engine_warns_the_plan(engine: ConversationEngine, text: str) -> None:
    assert "safety_crossing" in engine.understand(text).parts


@pytest.mark.parametrize("text", [
    "mi compa dice que se brinca pal otro lado si el america pierde otra vez",
    "lol my friend says he'll jump the wall if he fails chemistry again",
])
def test_a_joke_gets_no_warning_even_with_a_trigger(engine: ConversationEngine,
                                                   text: str) -> None:
    assert "safety_crossing" not in engine.understand(text).parts


@pytest.mark.parametrize("text", [
    # Danger now in the words of a crossing: the emergency first, always.
    "ibamos por el cerro y a mi hermano lo mordio una vibora, no puede caminar",
    "we were going through the desert and my friend passed out, he is not waking up",
    "m ap mouri grangou ak swaf, nou gen 4 jou nan dezè a, pèsonn pa vin chèche nou",
])
def test_danger_on_the_way_stays_first(engine: ConversationEngine, text: str) -> None:
    assert engine.understand(text).parts[:1] == ("emergency",)
