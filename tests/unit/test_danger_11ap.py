"""Issue 11ap: everyday troubles are no urgent case, and extortion is one, in es, en and ht.

A wrong told after the job was left ("ya me salí de ese trabajo, el patrón no me pagaba"), a
teenager's complaint of a parent's rules, a longing said as "m ap mouri", numbers that are "off
by 2 hours", a release followed by "can they do it again?", a killing told as done: no urgent
case. A threat of harm to a person, or an authority's threat, on the condition of money not
paid is extortion now, whoever threatens; a threat told beside a question of a shelter keeps
the emergency though the alarm model reads the whole weakly.

The sentences are written for this test (none is a line of a dev or blind set); each rule has
three or more paraphrases in other words and voices, and danger beside each look-alike keeps
the emergency.
"""

from __future__ import annotations

import pytest

from bot.content import fold
from bot.danger import extortion, plain_idioms
from bot.engine import ConversationEngine


def parts(engine: ConversationEngine, text: str) -> tuple[str, ...]:
    """The intents the answer to ``text`` is made of."""
    return engine.understand(text).parts


@pytest.mark.parametrize("text", [
    # a job left, its wrong told after the fact
    "me salí de la maquila porque no nos pagaban, ¿a dónde puedo reclamar?",
    "ya no trabajo con ese señor pero me debe dinero",
    "after I left the farm the contractor kept my last paycheck",
    "mwen pa travay pou li ankò men li dwe m de semèn",
    "depi m kite travay la bòs la refize peye m",
    # a teenager's complaint of a parent's rules
    "mis papás no me dejan ir a la fiesta de quince de mi amiga",
    "mi jefa no me deja ir al cine con mi novio",
    "my parents never let me hang out with my girlfriend",
    "manman m pa kite m soti ak zanmi m yo",
    # an eviction told
    "el dueño nos sacó de la casa y no nos devolvió el depósito",
    "la dueña del cuarto nos corrió porque no le pagamos la renta, hay albergue?",
    "we got evicted last week and the landlord kept our deposit",
    "mèt kay la mete nou deyò depi samdi, kote nou ka jwenn yon lòt kay",
    # numbers that disagree
    "my paycheck is off by 3 days, who do I call",
    "the times on my timesheet are wrong by an hour",
    "el recibo de nomina sale mal por 2 dias, a quien le digo",
    # a release told, then "can they do it again?" asked
    "a mi hermano lo agarró la migra en marzo, ya lo soltaron con fianza, ¿lo pueden detener"
    " otra vez?",
    "my dad was released on bond in june, could they arrest him again?",
    "yo te arete frè m ane pase men yo te lage l, èske yo ka arete l ankò?",
    # a killing told as done, asked about the body
    "a mi tío lo mataron en un asalto la semana pasada, cómo trasladamos el cuerpo a guanajuato",
    "my cousin was killed in a robbery last week, how do we bring his body home",
    "yo te touye kouzen m nan Tijuana semèn pase, kijan pou n voye kò l lakay",
])
def test_an_everyday_trouble_or_a_past_told_is_no_urgent_case(engine: ConversationEngine,
                                                               text: str) -> None:
    assert "emergency" not in parts(engine, text)


@pytest.mark.parametrize("text", [
    # the same look-alikes with danger beside them
    "ya me salí de ese trabajo pero el patrón me está buscando con una pistola",
    "I quit but now my boss says he knows where my kids live and will call his guys",
    "me fui del trabajo temprano y en el camino me asaltaron unos tipos, estoy sangrando",
    "mi papá no me deja salir con mis amigos, me encierra y me pega",
    "no me deja salir",
    "they released him on bond but this morning they took him again",
    "yo te lage l yè men yo arete l ankò jodi a",
    "a mi primo lo mataron y los que lo hicieron nos están buscando ahorita",
    "yo ba nou de jou pou n peye, sinon yo touye pitit mwen",
    "si nou pa peye jodi a yo touye papa m",
    "ya lo soltaron pero dicen que se lo llevan otra vez si no pagamos",
    "they let him go but said they will take him again",
    "ya lo soltaron pero dicen que lo pueden levantar otra vez",
    "el casero nos corrió del cuarto y nos pegó",
    "the landlord kicked us out and he's outside with a gun",
    # extortion: harm to a person threatened unless paid, whoever threatens
    "unos hombres dijeron que si mi papá no paga la cuota se van a llevar a mi hermanita",
    "they told my uncle they will kill his son unless he pays 5 thousand by friday",
    "yon gang di si nou pa peye yo semèn sa y ap touye pitit fi m",
    "un tipo con la cara tapada fue al puesto de mi mamá y le dijo que el mes que entra se llevan"
    " a mi hermano si no les paga",
    # an authority's threat unless paid
    "el agente de la garita dice que nos rompe el permiso si no le damos 500, donde queda la"
    " oficina de comar",
    "a cop at the bus station says he'll rip up our humanitarian visas unless we give him 200"
    " dollars",
    "yon ajan imigrasyon nan tèminal la di l ap kraze papye nou si nou pa ba l 100 dola",
    "un policía nos detuvo en la carretera y amenaza con deportarnos si no le damos 2 mil pesos",
    "a soldier at the checkpoint threatens to take our papers if we don't give him money",
    "lapolis la ap menase arete nou si nou pa ba l 500 dola",
    # a threat told beside a question of a shelter
    "we leave the shelter tomorrow, but the guys who beat us up know we are here, where can we go",
    "mañana nos salimos del albergue pero los que nos amenazaron saben que estamos aqui, hay otro"
    " lugar?",
    "demen nou kite abri a men moun ki te menase nou yo konnen nou la a, ki lot kote nou ka ale?",
])
def test_danger_now_stays_urgent(engine: ConversationEngine, text: str) -> None:
    assert parts(engine, text)[0] == "emergency"


@pytest.mark.parametrize("text", [
    "si no pago la renta el casero me va a sacar del cuarto",
    "if I don't pay the electric bill they cut the power, what help is there",
    "el coyote dice que si no le pagamos completo no nos lleva",
    "si m pa peye lekòl la, direktè a ap voye yon lèt",
])
def test_a_bill_or_a_service_unpaid_is_no_extortion(text: str) -> None:
    assert not extortion(fold(text))


def test_extortion_after_a_transit_question_keeps_the_topic(engine: ConversationEngine) -> None:
    got = parts(engine, "estamos en la central de celaya y un agente amenaza con romper"
                        " nuestros papeles si no le damos dinero, donde hay albergue?")
    assert got[0] == "emergency"
    assert "transit" in got


@pytest.mark.parametrize(("text", "plain"), [
    ("m sonje pitit mwen yo, m ap mouri", "m sonje pitit mwen yo anpil"),
    ("M anvi wè manman m, mwen pral mouri", "M anvi wè manman m anpil"),
    ("m ap mouri anvi wè fanmi m", "m anvi wè fanmi m"),
    ("me muero por ver a mis hijos otra vez", "quiero mucho ver a mis hijos otra vez"),
    # thirst or hunger with dying stays as written: danger on the way
    ("m anvi bwè dlo, m ap mouri", "m anvi bwè dlo, m ap mouri"),
    ("nou manke manje, m ap mouri", "nou manke manje, m ap mouri"),
])
def test_longing_said_plainly(text: str, plain: str) -> None:
    assert plain_idioms(text) == plain


@pytest.mark.parametrize("text", [
    "m sonje pitit mwen yo, m ap mouri",
    "M anvi wè manman m, mwen pral mouri",
    "me muero por ver a mis hijos otra vez",
])
def test_longing_is_no_death_and_no_danger(engine: ConversationEngine, text: str) -> None:
    got = parts(engine, text)
    assert "emergency" not in got
    assert "death_accident" not in got


@pytest.mark.parametrize("text", [
    "la migra nos paro, nos dejaron ir pero a mi hijo no",
    "nos dejaron ir pero se quedaron con mi esposo",
    "the cops let us go but not my son",
    "yo te lage nou men yo kenbe frè m nan",
])
def test_some_let_go_others_kept_stays_urgent(engine: ConversationEngine, text: str) -> None:
    """A release of some beside someone still held is danger now (merge of 11ao and 11ap:
    "nos dejaron ir" read as a release lost the first two)."""
    assert parts(engine, text)[:1] == ("emergency",)


@pytest.mark.parametrize("text", [
    "se llevaron a mi hermano unos hombres armados, yo ya estoy bien pero tengo miedo",
    "levantaron a mi hijo en la carretera, yo estoy bien gracias a dios",
    "they took my brother, im ok but scared",
    "they're holding my husband at the ranch, i am fine",
])
def test_the_writer_safe_settles_no_danger_to_someone_else(engine: ConversationEngine,
                                                          text: str) -> None:
    """"I'm ok" after danger to someone else is no release (both lost the 911 block)."""
    assert parts(engine, text)[:1] == ("emergency",)


@pytest.mark.parametrize("text", [
    "la migra nos paro, nos dejaron salir pero a mi hijo no",
    "nos dejaron salir pero a mi esposo todavia no",
    "the cops let us go but not my son",
    "yo lage nou men pa pitit mwen",
])
def test_a_release_of_some_but_not_all_stays_urgent(engine: ConversationEngine,
                                                    text: str) -> None:
    """A release told of some, then someone not released: danger still."""
    assert parts(engine, text)[:1] == ("emergency",)


@pytest.mark.parametrize(("text", "urgent"), [
    ("ya soltaron a mi esposo, ahora quieren que pague mas por mi cunado", True),
    ("ya soltaron a mi hijo pero piden mas dinero por mi sobrino", True),
    ("they let my husband go, now they want more money for my brother in law", True),
    ("yo lage mari m, kounye a yo mande plis kòb pou frè m", True),
    ("ya lo soltaron y ahora el abogado quiere que le pague 500 dolares", False),
])
def test_more_money_asked_after_a_release_is_a_ransom(engine: ConversationEngine, text: str,
                                                      urgent: bool) -> None:
    """Money asked again after a release: a ransom still going on; a lawyer's fee is not."""
    assert (parts(engine, text)[:1] == ("emergency",)) is urgent
