"""Issue 11q: an emergency always gets an urgent case and a crossing plan always gets the warning,
in es, en and ht, without urgent cases for what is not danger.

The sentences are written for this test (none is a line of a dev or blind set).
"""

from __future__ import annotations

import pytest

from bot.engine import ConversationEngine
from intents.matcher import normalize
from intents.triggers import GROUP_SPAN, TriggerSet

HELD = "lo tienen + piden dinero"


def parts(engine: ConversationEngine, text: str) -> tuple[str, ...]:
    """The parts of the answer to ``text``, in order."""
    return engine.understand(text).parts


def emergency_groups(engine: ConversationEngine, text: str) -> list[str]:
    """The emergency triggers found in ``text``."""
    hits = engine.matcher.triggers.find(*engine.matcher.prepare(text))  # type: ignore[union-attr]
    return [h.phrase for h in hits if h.intent == "emergency"]


def test_an_intent_may_have_a_longer_span_for_its_word_groups() -> None:
    filler = " ".join(["bla"] * (GROUP_SPAN + 2))
    text = f"lo tienen {filler} piden dinero".split()
    assert TriggerSet({"emergency": [HELD]}, normalize).find(text) == []
    longer = TriggerSet({"emergency": [HELD]}, normalize, {"emergency": GROUP_SPAN + 6})
    assert [h.intent for h in longer.find(text)] == ["emergency"]
    assert TriggerSet({"other": [HELD]}, normalize, {"emergency": GROUP_SPAN + 6}).find(text) == []


@pytest.mark.parametrize("text", [
    # held until paid, named in other words
    "el guia dice que no suelta a mi hermana hasta que paguemos lo que falta del viaje",
    "the smugglers say my son stays with them until we pay the rest",
    "koyot la di li p ap lage pitit mwen an jiskaske nou peye rès la",
    # missing after a crossing, told as "nobody has seen him"
    "se fue por el monte el martes y nadie lo ha visto desde entonces",
    "my uncle crossed near sasabe and nobody has seen him since sunday",
    "frè m te travèse ak yon gwoup, li pa la, sa fè senk jou",
    # beaten or robbed, and hurt or stranded, in one long breath
    "saliendo del mercado de salamanca ya tarde unos tipos nos golpearon a mi y a mi cuñado y el "
    "quedo herido",
    "some men attacked us outside the shelter in queretaro this afternoon and my friend is hurt",
    "pandou nou t ap tann bis la nan Celaya, yo bat nou epi frè m blese",
    # a crash, someone pinned or not moving
    "venia un trailer muy rapido en la carretera a silao y hubo un accidente, el chofer del carro "
    "no responde",
    "there was a crash on the road to dolores hidalgo and the man in the pickup is not breathing",
    "te gen yon aksidan sou wout la, chofè a pa bouje",
])
def test_new_kinds_of_danger_fire(engine: ConversationEngine, text: str) -> None:
    assert emergency_groups(engine, text)


@pytest.mark.parametrize(("text", "plan"), [
    ("a mi sobrino lo tienen los polleros en una casa y piden mas dinero, y mi cuñada quiere "
     "irse con el mismo pollero la proxima semana", "safety_crossing"),
    ("my brother is missing in the desert since saturday, and my nephew wants to go with the "
     "same smuggler next month", "safety_crossing"),
    ("kouzen m disparèt depi senk jou sou wout la, epi tonton m vle travèse fwontyè a semèn "
     "pwochèn", "safety_crossing"),
])
def test_a_plan_beside_an_emergency_comes_after_it(engine: ConversationEngine, text: str,
                                                  plan: str) -> None:
    assert parts(engine, text)[:2] == ("emergency", plan)


def test_a_plan_given_up_beside_an_emergency_gets_no_warning(engine: ConversationEngine) -> None:
    text = ("a mi hermano lo secuestraron en reynosa y piden dinero, y yo ya no quiero intentar "
            "cruzar nunca")
    assert "safety_crossing" not in parts(engine, text)


@pytest.mark.parametrize("text", [
    "y si se me acaba el agua en el cerro, que hago",
    "what happens if I get lost in the desert and my water runs out",
    "si m pèdi nan mòn yo oswa nan dezè a, kisa pou m fè",
])
def test_a_what_if_about_the_route_is_a_plan(engine: ConversationEngine, text: str) -> None:
    assert parts(engine, text)[:1] == ("safety_crossing",)


@pytest.mark.parametrize("text", [
    "emergencia!! ya casi no tengo pila, donde puedo cargar mi celular en la central",
    "EMERGENCY my phone is about to die where can i charge it at the bus station",
    "se yon ijans, batri a prèske fini, kote m ka chaje telefòn nan",
    "hace dos años me quise quitar la vida pero ahora estoy en terapia y bien, hay grupos?",
    "manman m te malad anpil ane pase men li geri kounye a, mwen vle pale ak yon moun",
])
def test_a_thing_or_a_recovery_is_no_emergency(engine: ConversationEngine, text: str) -> None:
    assert "emergency" not in parts(engine, text)


@pytest.mark.parametrize("text", [
    "estoy perdido en el monte y se me acaba la pila, no se donde estoy",
    "we are lost in the desert and my phone is about to die, I can't charge it",
    "emergency my baby is not breathing and my phone is about to die where can i charge it",
    "ijans pitit mwen pa respire byen, batri a fini, kote m ka chaje l",
])
def test_a_dying_phone_of_someone_lost_is_still_an_emergency(engine: ConversationEngine,
                                                             text: str) -> None:
    assert parts(engine, text)[:1] == ("emergency",)


def test_a_pet_that_crosses_is_no_plan(engine: ConversationEngine) -> None:
    text = "encontramos un perrito en la carretera de regreso, lo podemos pasar al otro lado?"
    assert "safety_crossing" not in parts(engine, text)


@pytest.mark.parametrize("text", [
    # a series, a show, a family story
    "en mi serie favorita secuestraron a la protagonista, que coraje",
    "they kidnapped the main character of my show last night and I'm so upset",
    "nan istwa fanmi nou, yo te kidnape granpapa m nan wout la",
    # released, long ago
    "my dad was let out of detention yesterday, what papers does he need now?",
    "hace tiempo nos secuestraron a un primo, ahora queremos invertir en un negocio alla",
    "gen anpil ane yo te kidnape kouzen m, kounye a m bezwen enfòmasyon sou lekòl",
    # a question about what someone would do
    "si alguien me llama diciendo que tiene a mi hijo, que numero marco?",
    "hypothetically, if someone says they have my brother, who do I call?",
    "si yon moun rele m di l kidnape pitit mwen, ki nimewo pou m rele?",
])
def test_told_of_not_now_is_no_emergency(engine: ConversationEngine, text: str) -> None:
    assert "emergency" not in parts(engine, text)


@pytest.mark.parametrize("text", [
    "hace tiempo que no se de mi hermano, se fue con un pollero",
    "it's been a while and I haven't heard from my son since he crossed",
])
def test_a_while_that_goes_on_is_an_emergency(engine: ConversationEngine, text: str) -> None:
    assert parts(engine, text)[:1] == ("emergency",)


def test_a_what_if_then_someone_lost_now_is_an_emergency(engine: ConversationEngine) -> None:
    text = ("una pregunta, si alguien esta perdido en el cerro ustedes lo buscan? porque mi hijo "
            "esta perdido desde ayer cerca de sasabe")
    assert parts(engine, text)[:1] == ("emergency",)


def crossing_groups(engine: ConversationEngine, text: str) -> list[str]:
    """The crossing triggers found in ``text``."""
    hits = engine.matcher.triggers.find(*engine.matcher.prepare(text))  # type: ignore[union-attr]
    return [h.phrase for h in hits if h.intent == "safety_crossing"]


@pytest.mark.parametrize("text", [
    # money asked to let someone go
    "me piden 30 mil pa soltar a mi hijo, los tengo que depositar hoy",
    "they are asking 8 grand to release my brother from the house in reynosa",
    "y ap mande 2000 dola pou yo lage kouzen m",
    # a high fever with shaking
    "mi niña tiene fiebre muy alta y esta temblando, estamos en el albergue",
    "my baby has a very high fever and is shaking",
    "pitit mwen gen gwo lafyèv, li ap tranble",
    # hiding from who wants to hurt
    "estoy escondida en el baño, hay unos hombres que me quieren hacer daño, no puedo hablar",
    "there are two men who want to hurt me, I'm hiding behind the store",
    "gen de nèg ki vle fè m mal, m kache dèyè legliz la",
    # all the pills, today
    "ya no aguanto, hoy me tomo todas las pastillas que me dio el doctor",
    "tonight I'm taking all the pills I have, goodbye",
    "jodi a m pral pran tout grenn yo, orevwa",
])
def test_danger5_kinds_of_danger_fire(engine: ConversationEngine, text: str) -> None:
    assert emergency_groups(engine, text)


@pytest.mark.parametrize("text", [
    "mi hermano me quiere mandar traer en marzo, ya hablo con el que lo paso a el",
    "my sister wants to send for me, the same guy who took her across can bring me over",
    "sè m vle voye chache m, menm nèg ki te pase l la ka fè m vini",
])
def test_being_sent_for_is_a_crossing_plan(engine: ConversationEngine, text: str) -> None:
    assert crossing_groups(engine, text)


@pytest.mark.parametrize("text", [
    "mi jefa me va a matar si no llego a tiempo a la junta",
    "my boss is gonna kill me if I miss another shift",
    "manman m pral touye m lè l wè nòt mwen yo",
    "bos mwen ap touye m ak travay la jodi a",
])
def test_the_idiom_of_being_killed_is_no_emergency(engine: ConversationEngine, text: str) -> None:
    assert "emergency" not in parts(engine, text)


@pytest.mark.parametrize("text", [
    "mi papa me va a matar, ya me pego con el cinturon y estoy encerrada",
    "my dad is gonna kill me, he's drunk and has a knife",
])
def test_the_idiom_with_a_blow_or_a_weapon_stays_an_emergency(engine: ConversationEngine,
                                                              text: str) -> None:
    assert parts(engine, text)[:1] == ("emergency",)


def test_a_fall_is_not_a_denied_kidnapping(engine: ConversationEngine) -> None:
    text = "mi abuela se cayo en la cocina y no se puede levantar, esta sola en chicago"
    assert parts(engine, text)[:1] == ("emergency",)


@pytest.mark.parametrize("text", [
    "que es eso del secuestro virtual? lo oi en la radio",
    "what even is ransom kidnapping? my coworker got a weird call about it",
    "kisa yon kidnape ye egzakteman? m tande sa nan radyo a",
])
def test_asking_what_a_danger_word_means_is_no_emergency(engine: ConversationEngine,
                                                        text: str) -> None:
    assert "emergency" not in parts(engine, text)


def test_asking_what_it_means_during_the_call_is_an_emergency(engine: ConversationEngine) -> None:
    text = "que es eso del secuestro virtual? me acaban de llamar y dicen que tienen a mi hijo"
    assert parts(engine, text)[:1] == ("emergency",)


@pytest.mark.parametrize("text", [
    "a mi primo lo deportaron y un señor le ofrece cruzarlo de regreso en enero",
    "some guy on facebook says he can cross me back over for 4 grand after they deported me",
    "yon nèg di l ka fè l travèse tounen pou 3000 dola",
])
def test_crossing_back_after_a_deportation_is_a_plan(engine: ConversationEngine,
                                                     text: str) -> None:
    assert crossing_groups(engine, text)
