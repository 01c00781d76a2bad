"""Issue 11ax: someone still missing after a danger is an emergency, whatever the writer says
of themself; a room with no air conditioning, laughing out of breath and hiding in a game are
no danger now.

"we got lost in the desert but im fine, my brother isnt here" got the crossing warning and
"nos perdimos en el desierto pero estoy bien, mi hermano no esta" "no entendí": the writer's
"I'm fine" settled the danger told before it (``bot.danger.settled``) while a relative is not
there (``_GONE``). Someone not here with where they went or a call asked for later ("mi
hermano no está, salió a trabajar, ¿a qué hora abren?", "my brother isnt here right now, can i
call later?") is no one missing (``_absence_explained``): both opened an urgent case on main.
"no hay aire acondicionado en el cuarto" (the "no hay aire" of a trailer's box), "i cant
breathe when i laugh so hard" (the "cant breathe" trigger) and "estoy escondido jugando con
mis hijos" opened urgent cases too. A box, a lock, a choke, armed men keep the emergency.

The sentences are written for this test (none is a line of a dev or blind set), in es, en, ht.
"""

from __future__ import annotations

import pytest

from bot.content import fold
from bot.danger import plain_idioms, settled, told_not_now
from bot.engine import ConversationEngine

STILL_MISSING = [
    "we got lost in the desert but im fine, my brother isnt here",
    "we got lost in the desert, im ok now but my brother is not with us",
    "we got lost in the desert, we're fine but my son isn't with us",
    "nos perdimos en el desierto pero estoy bien, mi hermano no esta",
    "nos perdimos en el desierto, ya estoy a salvo pero mi hermano no está con nosotros",
    "nos perdimos en el monte, estamos bien pero mi hija no esta",
    "nou te pèdi nan dezè a, kounye a nou byen men frè m pa la",
    "nou te pèdi nan dezè a, m byen men frè m pa la",
    "nou te pèdi nan mon an, nou byen men pitit mwen pa avè m",
]

AWAY_FOR_NOW = [
    "mi hermano no está, salió a trabajar, ¿a qué hora abren?",
    "mi esposo no esta ahorita, se fue al trabajo, puedo llamar mas tarde?",
    "my brother isnt here right now, can i call later?",
    "my wife isnt here, she went to work, what time do you open?",
    "frè m pa la, li al travay, ki lè nou louvri?",
]

NO_DANGER_NOW = [
    "no hay aire acondicionado en el cuarto",
    "no sirve el aire acondicionado del depa",
    "there is no air conditioning in my room",
    "the ac in our apartment is broken",
    "pa gen èkondisyone nan chanm nan",
    "estoy escondido jugando con mis hijos",
    "estamos jugando a las escondidas y estoy escondido en el closet",
    "im hiding playing hide and seek with my kids",
    "m kache pandan m ap jwe kache kache ak pitit mwen yo",
]

LAUGHING = [
    ("i cant breathe when i laugh so hard", "cant breathe"),
    ("laughing so hard i cant breathe", "cant breathe"),
    ("no puedo respirar de la risa", "respirar"),
    ("me ahogo de la risa", "ahogo"),
    ("m pa ka respire lè m ri twòp", "respire"),
]

EMERGENCIES = [
    "no hay aire en la caja del trailer",
    "no hay aire acondicionado en la caja del trailer y llevamos horas",
    "no hay aire acondicionado y mi bebe tiene mucho calor, esta muy mal",
    "cant breathe, hes choking me",
    "m pa ka respire, l ap trangle m",
    "me siguen dos tipos en una camioneta",
    "me siguen llamando y me amenazan",
    "estamos escondidos jugando y entraron unos hombres armados",
    "me subieron a la fuerza a un camion, les mando esto a escondidas",
    "mi hermano no esta, salio a trabajar desde ayer y no regresa",
    "mi esposa no aparece desde ayer, salio al trabajo y ya no regreso",
    "my son isnt here, he went to work in the fields and hasnt called",
    "pitit mwen pa la, li al travay epi li pa reponn",
    "no hay aire acondicionado en el cuarto donde nos tienen",
    "no hay aire acondicionado y mi abuelita se desmayo",
    "mi hijo no esta, salio a la tienda y escuche balazos",
    "mi esposo no esta, fue a trabajar y lo atropellaron",
    "mi hijo no esta, se fue a trabajar a la obra y se cayo del andamio",
    "no hay aire acondicionado y hace 45 grados, mi papa tiene 80 años y ya no responde",
    "no tenemos calefaccion y hace mucho frio, mis hijos estan temblando",
    "our heater broke and my kids are freezing",
    "estamos jugando a las escondidas y mi hijo no aparece, ya lo buscamos por todos lados",
    "nos perdimos en el desierto, estamos bien pero mi hermano no esta, no sabemos donde quedo",
]


@pytest.mark.parametrize("text", STILL_MISSING)
def test_the_writer_safe_settles_nothing_of_someone_not_there(text: str) -> None:
    assert not settled(text)


@pytest.mark.parametrize("text", [
    "nos perdimos en el desierto pero ya estamos bien",
    "we got lost in the desert but we're fine now",
    "se perdio mi hermano en el monte pero ya esta con nosotros",
])
def test_everyone_safe_still_settles_it(text: str) -> None:
    assert settled(text)


@pytest.mark.parametrize("text", AWAY_FOR_NOW + NO_DANGER_NOW)
def test_no_danger_now_is_told(text: str) -> None:
    assert told_not_now(fold(text), text)


@pytest.mark.parametrize("text, danger", LAUGHING)
def test_laughing_out_of_breath_is_said_plainly(text: str, danger: str) -> None:
    assert danger not in fold(plain_idioms(text))


@pytest.mark.parametrize("text", ["cant breathe, hes choking me", "no puedo respirar, ayuda",
                                  "me ahogo, el agua sube", "m pa ka respire"])
def test_out_of_breath_without_laughing_stays(text: str) -> None:
    assert plain_idioms(text) == text


@pytest.mark.parametrize("text", STILL_MISSING + EMERGENCIES)
def test_an_emergency(engine: ConversationEngine, text: str) -> None:
    understood = engine.understand(text)
    assert understood.match is not None and understood.match.intent == "emergency"
    assert understood.parts[0] == "emergency"


@pytest.mark.parametrize("text", AWAY_FOR_NOW + NO_DANGER_NOW + [t for t, _ in LAUGHING] + [
    "me siguen llamando de un número raro para venderme seguros",
    "nos dejaron encerrados en el estadio despues del partido jaja",
])
def test_no_emergency(engine: ConversationEngine, text: str) -> None:
    understood = engine.understand(text)
    assert "emergency" not in understood.parts
    assert understood.match is None or understood.match.intent != "emergency"
