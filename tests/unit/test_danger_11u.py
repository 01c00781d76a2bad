"""Issue 11u: fewer false urgent cases, no emergency lost. A message that tells of no danger now
(the scare over, an absence that is normal, a story of long ago, a "what if", a fraud already
paid, a job that "ties" someone, a country fled) opens no urgent case, in es, en and ht;
danger told beside the same words still does.

The sentences are written for this test (none is a line of a dev or blind set).
"""

from __future__ import annotations

import pytest

from bot.content import fold
from bot.danger import settled, told_not_now
from bot.engine import ConversationEngine


def urgent(engine: ConversationEngine, text: str) -> bool:
    """Whether the answer to ``text`` carries the emergency part (the urgent case)."""
    return "emergency" in engine.understand(text).parts


@pytest.mark.parametrize("text", [
    # the scare over: home again, an apology for the scare
    "mi hija se salio anoche con unas amigas y no contestaba el cel, ya regreso a la casa, perdon "
    "por el susto",
    "my son didn't come home last night and wasn't picking up, he made it home this morning, sorry "
    "for the scare",
    "pitit gason m pa t rantre yè swa, li pa t reponn telefòn, li tounen lakay maten an, eskize m "
    "pou laperez la",
    "we hadn't heard from my son since friday and were scared, he finally called, he was at a "
    "friend's house, false alarm",
    # out of hospital, walking again
    "a mi hermano lo atropellaron en Houston hace dos semanas, ya salio del hospital y ya camina, "
    "como le hace para cobrar el seguro",
    "my brother was hit by a car in Houston two weeks ago, he got discharged and he's walking "
    "again, how does he claim the insurance",
    # released: let out of detention
    "mi tio estuvo detenido en la hielera dos semanas y lo dejaron salir con un permiso, como "
    "sigue su caso",
    # an absence that is normal
    "mi esposo no me ha llamado en tres dias pero es normal, anda en la pizca en California y no "
    "hay señal",
    "i haven't heard from my dad in three days but that's normal, he works on a fishing boat with "
    "no signal",
    "m pa tande papa m depi twa jou men sa nòmal, li travay sou yon bato san siyal",
    # everyone fine
    "hubo una balacera cerca de la casa de mi tia en Celaya, pero ya hablamos con ellos y todos "
    "estan bien",
    "there was a shooting near my aunt's house in Celaya, we talked to them and everyone is fine",
    "te gen yon fiziyad toupre kay matant mwen, nou pale ak yo, tout moun byen",
    # long ago: a childhood age, a decade, "today we live in ..."
    "cuando yo tenia 8 años a mi tio lo secuestraron en Tamaulipas, quisiera escribir un libro de "
    "eso, hay apoyos para escritores?",
    "when i was 8 my uncle was kidnapped in Tamaulipas, i want to write a book about it, do you "
    "support writers?",
    "lè m te gen 8 an yo te kidnape tonton m, m vle ekri yon liv sou sa, èske nou ede ekriven?",
    "a mi abuelo lo detuvo la migra en los 80s y lo deportaron, hoy vivimos todos en Leon, como "
    "tramito su pension",
    "my grandpa was detained by immigration in the 80s and deported, today we all live in Leon, "
    "how do we get his pension",
    "nan ane 80 yo imigrasyon te arete granpapa m, jodi a nou tout ap viv nan Leon, kijan pou n "
    "jwenn pansyon l",
    # what if
    "y si a mi hijo lo detiene la migra en la escuela, lo pueden deportar solo?",
    "if my husband gets picked up by ICE at work, does he have a right to a lawyer?",
    "and if ICE takes my husband at work, does he get a lawyer?",
    "si imigrasyon arete mari m nan travay li, kisa k ap pase ak timoun yo?",
    "mi hermano vive en Houston y le da miedo salir, que hacemos si le pasa algo?",
    "frè m nan Houston pè soti, kisa pou n fè si yon bagay ta rive l?",
    # a fraud already paid: the notary does not answer
    "un notario en Houston me cobro 5 mil por el asilo de mi esposa y ya no contesta, que hago",
    "yon avoka nan Miami pran 2 mil dola pou dosye azil mwen, kounye a li pa reponn, kisa pou m fè",
    # fled a country because of threats, asking for refuge
    "salimos de Honduras porque las maras nos amenazaron de muerte, como pedimos asilo en Mexico",
    "we left Honduras because a gang threatened to kill my son, how do we ask for asylum here",
    "nou kite Ayiti paske gang yo te menase touye nou, kijan pou n mande azil isit la",
    # tied up at work: an idiom
    "me tienen amarrado en la obra hasta marzo, ya quiero ir a ver a mi familia, cuando es lo del "
    "paisano",
])
def test_no_danger_now_opens_no_urgent_case(engine: ConversationEngine, text: str) -> None:
    assert not urgent(engine, text)


@pytest.mark.parametrize("text", [
    # a safe clause, then danger (or someone else still lost)
    "ya regreso a la casa mi esposo borracho y nos quiere pegar, ayuda",
    "todos estan bien menos mi hermano que quedo atrapado en el carro volcado",
    "tout moun byen sof frè m ki disparèt nan dezè a depi samdi",
    "ya volvio a la casa mi hijo pero su amigo no aparece desde el domingo, se lo llevaron unos "
    "hombres",
    "li tounen lakay men li blese grav nan tèt, l ap senyen",
    "she came home but her boyfriend is outside with a gun",
    "my son texted me he's safe but then the men took his phone and now nobody answers",
    "nou tout byen men yo kenbe papa m nan yon kay, yo mande lajan",
    "perdon por el susto de ayer, pero ahora si es en serio, mi esposo me esta golpeando",
    "ICE just took my dad from our driveway, me and my little sister are home alone what do we do",
    # an apology for bothering is not for the scare; someone still not back
    "perdon por la molestia, mi hijo no ha llegado desde ayer y no contesta el cel",
    "sorry for worrying you but my son didn't come home last night, he was walking by the river",
    # heard from, and held
    "ya nos hablo mi hermano, esta en una casa de seguridad con otros 40 y no los dejan salir",
    "ya me marco mi hijo, esta en una bodega sin agua ni comida",
    "he finally called, he is in a stash house in phoenix with 30 others",
    # "normal" asked, or said by someone else
    "la migra se llevo a mi esposo hoy en la mañana, es normal que no me digan donde esta?",
    "mi papa se cayo en la obra y no se mueve, el patron dice que es normal y que no llamemos a "
    "nadie",
    # a what-if beside a weapon
    "estoy escondida en el baño, mi esposo tiene una pistola, si pasa algo llamen a la policia",
    "if anything happens to me tonight it was him, he has a knife and he's outside my door",
    "si yon bagay rive m se li, li gen yon zam e l ap frape pòt la",
    # long ago, and danger now
    "cuando yo tenia 10 años me pasó lo mismo, ahora a mi hija la tienen encerrada y no la sueltan",
    "nan ane 90 yo papa m te kidnape, kounye a se pitit mwen yo kidnape, yo mande 5 mil dola",
    "my dad is working in the fields and it's in the 90s and he fainted, he's not breathing right",
    # a fraud, and someone held or threatened
    "le pague al notario y ahora la migra se llevo a mi esposo hoy en la mañana",
    "m te peye yon ajans pou travay, kounye a yo fèmen nou nan yon depo",
    "the lawyer charged me 4000 and now my husband was taken by ICE this morning",
    # a job that "ties", with chains
    "me tienen amarrado en el trabajo con cadenas, no me dejan salir",
    # fled, and the danger followed
    "salimos de Honduras porque nos amenazaron de muerte y aqui tambien nos encontraron, estan "
    "afuera del albergue",
    "we fled Guatemala because of the gangs and now they found us here and beat my husband",
    "nou kite Ayiti paske gang yo te vle touye nou, men yo jwenn nou isit la nan Tapachula",
    "salimos de la casa porque mi esposo nos quiere matar, tiene una pistola",
    # a release told, and danger beside it
    "a mi papa lo secuestraron pero a mi mama la dejaron salir del carro, ahora piden rescate",
    "they let my brother go but they still have my mom, they want money",
])
def test_danger_beside_the_same_words_is_still_an_emergency(engine: ConversationEngine,
                                                            text: str) -> None:
    assert urgent(engine, text)


@pytest.mark.parametrize(("text", "calm"), [
    ("ya regreso a la casa, perdon por el susto", True),
    ("ya regreso a la casa?", False),  # asked, not said
    ("mi hijo no contesta, es normal?", False),
    ("he made it home, sorry for the scare", True),
    ("my son is still missing, my daughter made it home", False),  # still going on before it
    ("li tounen lakay, tout moun byen", True),
    ("tout moun byen sof frè m", False),
    ("se fue con unos amigos y no avisaba, pero gracias a dios esta bien", True),
    ("ya esta con su papa pero el papa le pega", False),
    ("sorry for bothering you, my dad hasn't come home since friday", False),
    ("ya contesto el coyote, dice que quiere 5 mil mas", False),
])
def test_settled(text: str, calm: bool) -> None:
    assert settled(text) is calm


@pytest.mark.parametrize(("text", "told"), [
    ("cuando yo tenia 10 anos secuestraron a mi papa", True),
    ("when i was 10 years old my dad was kidnapped", True),
    ("le m te gen 10 an yo te kidnape papa m", True),
    ("when i was walking home they kidnapped my brother", False),
    ("lo secuestraron en los 90s", True),
    ("hoy soy maestro, a mi papa lo secuestraron en 1995", True),
    ("hoy secuestraron a mi papa", False),
    ("sinon yo lage nou desann tren an", False),  # a threat, not a release
    ("de eso ya hace mucho, lo secuestraron", True),
    ("ya hace mucho frio y lo dejo el pollero en el monte", False),
])
def test_told_not_now(text: str, told: bool) -> None:
    assert told_not_now(fold(text), text) is told
