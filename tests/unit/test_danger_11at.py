"""Issue 11at: emergencies told without the obvious words or hidden in chatter, and look-alikes.

Someone held by whoever asks money, told after a fraud ("now he says he has my nephew and wants
3000", "di neve m nan men yo ... voye 2000 dola"); money asked "or" someone comes; hurt at work
with care out of reach, or a baby burning with fever and trembling; left somewhere and nothing
known since; a clause's "and now" kept with the clause it dates. And no urgent case for a dream,
a pet not back, the locks changed for the rent, an absence with its reason told, a family that
knows where a relative has been held for weeks.

The sentences are written for this test (none is a line of a dev or blind set), in es, en and
ht; danger beside a look-alike keeps the emergency.
"""

from __future__ import annotations

import pytest

from bot.content import fold
from bot.danger import clauses, extortion, held_for_money, hurt_now, told_not_now
from bot.engine import ConversationEngine


def parts(engine: ConversationEngine, text: str) -> tuple[str, ...]:
    """The intents the answer to ``text`` is made of."""
    return engine.understand(text).parts


@pytest.mark.parametrize("text", [
    # held for money, after a fraud told first
    "le pagamos al licenciado por unos papeles, pero ahora un señor dice que mi sobrino esta en"
    " manos de ellos en matamoros y pide 4 mil",
    "we paid a recruiter for a visa that never came, and now some man says he has my nephew in"
    " juarez and wants 3000",
    "nou te peye yon moun pou viza, kounye a yon lot moun rele di neve m nan men yo nan"
    " tapachula e pou n voye 2000 dola",
    # money asked, or someone comes
    "ya le mandamos una parte y ahora dice que son 10 mil mas o viene a la casa por los niños",
    "we sent half already, he says 5000 more by friday or he will come to the house",
    "nou voye mwatye deja, li di 3000 dola anko sinon yo pral vin lakay la",
    # hurt now, care out of reach; a baby burning with fever
    "buenas, una pregunta del seguro popular, y otra cosa mi esposo se cayo del techo en la obra"
    " hace rato y el encargado no lo deja ir al hospital",
    "quick question about the clinic hours, also my uncle got run over by a forklift at the"
    " warehouse this morning and they wont tell us which hospital",
    "bonjou, mari m tonbe nan chantye a, yo pa vle kite l ale lopital",
    "se me puso el bebe ardiendo en fiebre y tiembla, no quiere comer, estamos en la central",
    "tibebe m gen lafyev, li ap tranble, li pa vle tete",
    # left somewhere, nothing since
    "lo deje en la terminal de reynosa el martes y desde ahi no sabemos nada de el",
    "we dropped her at the station in monterrey on monday and since then nobody has heard from"
    " her",
    "li desann nan estasyon tapachula lendi, depi le a pesonn pa konn anyen",
    # a threat told with "if", and now the danger
    "the farm boss told me hed turn me in if i quit and now hes outside my trailer with his"
    " brother",
    "mi patron en la granja dijo que me echaba a la migra si renunciaba y ahora esta parado"
    " afuera de mi traila con su hermano",
    # danger beside a look-alike
    "soñe feo anoche y hoy en la mañana se llevaron a mi esposo unos hombres armados",
    "mi hijo salio a buscar al perro y no ha regresado desde anoche",
    "el dueño cambio la chapa por fuera y no podemos salir, estamos encerrados con los niños",
])
def test_an_emergency_told_indirectly_is_one(engine: ConversationEngine, text: str) -> None:
    assert parts(engine, text)[:1] == ("emergency",)


@pytest.mark.parametrize("text", [
    # a dream
    "soñe que la migra se llevaba a mis hijos y me desperte llorando, es normal?",
    "i had a nightmare that ICE took my husband, i cant sleep",
    "mwen reve yo te kidnape pitit mwen, m pa ka dòmi",
    # a pet not back
    "se me salio el perrito y no ha regresado desde anoche, donde puedo poner un anuncio",
    "our dog got out and hasnt come back since yesterday",
    "chen mwen an soti e li pa retounen depi ye",
    # locks changed for the rent
    "the landlord says he will change the locks if we dont pay by friday",
    "el dueño dice que va a cambiar la chapa si no pagamos la renta",
    # an absence with its reason told
    "mi hija no me contesto en toda la tarde pero era que se le descargo el celular",
    "mi hermano no nos contestó ayer, era que estaba trabajando en la obra",
    # a past told, safe now; a family that knows where he is held
    "frè m te pèdi nan dezè a 3 an pase, kounye a li Ozetazini li byen",
    "my dad got detained by ICE a month ago, we know where he is, what are his options",
    # held for money asked as a what-if or told as a lie; an everyday hurt
    "what if someone says they have my son and wants money, how do i know its a scam?",
    "una vez me dijeron que tenian a mi hijo y pedian 5 mil pero era mentira, el estaba en la"
    " escuela",
    "el de la renta dice que son 500 mas o nos saca del depa",
    "my son fell at school today and scraped his knee, hes fine",
    "mi bebe tiene un poco de fiebre, que clinica me recomiendan",
])
def test_a_look_alike_is_no_urgent_case(engine: ConversationEngine, text: str) -> None:
    assert "emergency" not in parts(engine, text)


def test_the_word_groups() -> None:
    assert held_for_money(fold("dice que mi primo esta en manos de unos tipos y piden 3 mil"))
    assert held_for_money(fold("he says he has my daughter and wants money"))
    assert held_for_money(fold("yo rele m, yo di pitit mwen nan men yo, voye 1000 dola"))
    assert not held_for_money(fold("he says he has my papers and wants more money"))
    assert not held_for_money(fold("mi caso esta en sus manos y piden 500 mas"))
    assert not held_for_money(fold("mi hijo esta en manos de dios, piden 3 mil pal funeral"))
    assert not held_for_money(fold("he is in the hands of god now and they want 2000 for it"))
    assert extortion(fold("son 20 mil mas o va a la casa"))
    assert not extortion(fold("son 500 mas o nos saca del depa"))
    assert hurt_now(fold("hoy lo atropello un carro en la obra"))
    assert hurt_now(fold("se quemo con aceite y el patron no lo deja ir al doctor"))
    assert not hurt_now(fold("hoy se cayo de la bici y se raspo"))
    assert not hurt_now(fold("my baby has a little fever and wont eat"))


def test_and_now_stays_with_the_clause_it_dates() -> None:
    found = clauses("dijo que si me iba me denunciaba y ahora esta afuera", lambda _t: 0.0)
    assert found[-1].text.startswith("ahora")
    found = clauses("he said if i quit and now hes outside", lambda _t: 0.0)
    assert found[-1].text.startswith("now")


def test_a_dream_is_told_of() -> None:
    for text in ("soñé que me detenían", "i dreamed they took my son", "m reve yo arete m"):
        assert told_not_now(fold(text), text)
