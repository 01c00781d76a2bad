"""Issue 11y: a crossing plan told without the obvious words, an offer to cross made in person
or online, and the look-alikes that are no plan (``bot.crossing``)."""

from __future__ import annotations

import pytest

from bot import crossing
from bot.content import fold
from bot.engine import ConversationEngine


@pytest.mark.parametrize("text", [
    # A person going north and "whatever way" / a trip paid for / a paid guide.
    "estoy en Salinas y mi hermana en Moroleon quiere venirse de cualquier forma, ya vendio su "
    "terreno pa pagar el viaje por tierra, como la freno o como la ayudo a q llegue bien",
    "aqui en Dalton nos juntamos 4 pa pagarle al guia q trae a nuestras familias, salen el 15, "
    "alguien sabe si en esas fechas hace mucho frio en el monte",
    "ok so my primo is like im going no matter what, he's 20, from dolores hidalgo",
    "my cousin's gf is pregnant and they want to come together the long way",
    "gen yon moun nan legliz la ki di l ka mennen nou jiska Arizona",
    "m pa ka tann CBP One ankò, m ap pran wout la ak yon gwoup",
    # The walk prepared.
    "q tanta agua se tiene q llevar pa caminar 3 dias",
    "en que mes hace menos calor en el desierto pa q mi hijo no sufra tanto",
])
def test_a_plan_in_other_words(text: str) -> None:
    assert crossing.plan_in_words(fold(text))


@pytest.mark.parametrize("text", [
    "que es eso de la visa h2a? mi esposo quiere irse a la pizca pero por la buena",
    "my dad was deported and wants to go back to the US legally someday, is there a way?",
    "mi hijo se viene de Texas pa diciembre en su troca, ustedes lo ayudan en el camino?",
    "hay bolsa de trabajo? mi hijo no se quiere ir como sus primos",
    "m pa vle ale Ozetazini ankò, m vle rete Meksik ak fanmi m",
    "nos vamos a ir a vivir a queretaro por el trabajo de mi esposo",
    "where can undocumented people get medical care, i'm from guanajuato living in chicago",
    "naci en california y quiero entrar a la prepa aca pero me piden curp",
    "that show where the coyote gets shot at the end was wild",
    "hace 15 años me cruzo un pollero por Sasabe y me dejo 3 dias en el desierto",
])
def test_no_plan(text: str) -> None:
    assert not crossing.plan_in_words(fold(text))


@pytest.mark.parametrize("text", [
    "un señor de la plaza de Salvatierra se ofrecio a traerse a mi hijo hasta Atlanta por 10 mil "
    "dolares, pagando la mitad alla y la mitad aca, como ven",
    "nou se 6 ayisyen nan Celaya, gen yon moun nan legliz la ki di l ka mennen nou jiska Arizona "
    "epi montre nou kote pou n pase",
    "estoy en Salinas y mi hermana en Moroleon quiere venirse de cualquier forma, ya vendio su "
    "terreno pa pagar el viaje por tierra, como la freno o como la ayudo a q llegue bien",
    "Yon nèg nan albèg la di l ka pase nou Ozetazini pou 2000 dola chak moun, èske se bon?",
    "q tanta agua se tiene q llevar pa caminar 3 dias",
    "el del pueblo q lleva gente dice q garantiza 3 intentos, eso es confiable?",
    "uncle says a man in his pueblo can bring him for 7k and he pays the rest when he gets here",
])
def test_a_plan_or_an_offer_in_person_gets_the_crossing_warning_first_and_no_fraud_warning(
    engine: ConversationEngine, text: str
) -> None:
    parts = engine.understand(text).parts
    assert parts[:1] == ("safety_crossing",) and "fraud_offer" not in parts
    assert "emergency" not in parts


@pytest.mark.parametrize("text", [
    "un coyote por instagram dice que tiene contactos en la garita y que pasas caminando sin "
    "problema, eso existe?",
    "me friend say man in facebook cross you to usa for 8 thousand dollar, pay half first. is "
    "true or lie",
    "Un señor en TikTok ofrece pasar a Estados Unidos \"con todo y papeles\" por 4 mil dólares, "
    "la mitad por adelantado. ¿Es confiable?",
])
def test_an_offer_seen_online_is_a_fake_offer(engine: ConversationEngine, text: str) -> None:
    assert engine.understand(text).parts == ("fraud_offer",)


@pytest.mark.parametrize("text", [
    "yon pasè sou WhatsApp di l ap travèse nou pou 1500 dola, fòk nou voye mwatye kounya, nou "
    "pral ale",
    "some guy on facebook says he can cross me back over for 4 grand after they deported me",
])
def test_an_offer_seen_online_and_taken_gets_both_warnings(
    engine: ConversationEngine, text: str
) -> None:
    assert engine.understand(text).parts[:2] == ("safety_crossing", "fraud_offer")


@pytest.mark.parametrize("text", [
    "que es eso de la visa h2a? mi esposo quiere irse a la pizca pero por la buena",
    "hay bolsa de trabajo? mi hijo no se quiere ir como sus primos",
    "my grandma tells stories of crossing the river in the 70s, i want to record them for a "
    "culture project",
])
def test_a_look_alike_read_by_the_classifier_gets_no_warning(
    engine: ConversationEngine, text: str
) -> None:
    assert "safety_crossing" not in engine.understand(text).parts


@pytest.mark.parametrize("text", [
    "mi hijo se va con contrato a carolina del norte con visa de trabajo, q tiene q llevar",
    "pa ir a un concierto a toronto ya piden visa otra vez a los mexicanos o nomas el permiso "
    "electronico",
])
def test_a_legal_journey_without_an_offer_or_money_gets_no_fraud_warning(
    engine: ConversationEngine, text: str
) -> None:
    assert "fraud_offer" not in engine.understand(text).parts


def test_papers_promised_for_a_crossing_stay_a_fake_offer(engine: ConversationEngine) -> None:
    text = "a guy is offering to bring my cousin across with real papers for 12k half now"
    assert "safety_crossing" not in engine.understand(text).parts
    assert "safety_crossing" not in engine.understand(
        "cuanto cobra un pollero por destazar 10 gallinas pa la fiesta del sabado").parts


def test_an_emergency_told_with_a_smuggler_stays_an_emergency(engine: ConversationEngine) -> None:
    for text in ("hola buenas noches. mi esposo esta con el coyote y le estan pidiendo mas dinero "
                 "pa dejarlo seguir, dicen q si no le van a quebrar las manos",
                 "frè m te antre nan dezè a ak yon koyòt, denye fwa m tande l se te samdi, depi "
                 "lè sa a anyen"):
        assert engine.understand(text).parts == ("emergency",)


@pytest.mark.parametrize(("parts", "text", "want"), [
    (("greeting",), "ya tiene quien lo lleve", ("safety_crossing",)),
    (("safety_crossing", "death_accident"), "he already found someone to take him",
     ("safety_crossing",)),
    (("human",), "li jwenn yon moun ki pral mennen l", ("safety_crossing",)),
    ((), "se va el lunes", ("safety_crossing",)),
    (("human",), "quiero hablar con alguien que lo convenza", ("human",)),
    (("contacts",), "gracias, y donde queda la oficina?", ("contacts",)),
    (("emergency",), "ya tiene quien lo lleve y ahora lo tienen encerrado", ("emergency",)),
])
def test_the_plan_goes_on_in_the_next_message(
    parts: tuple[str, ...], text: str, want: tuple[str, ...]
) -> None:
    assert crossing.goes_on(parts, fold(text)) == want


def test_passing_through_alone_is_not_a_crossing() -> None:
    from bot.danger import not_a_crossing
    for clause in ("n ap pase", "nou ap pase nan leon", "vamos de paso por leon",
                   "we re just passing through"):
        assert not_a_crossing(clause), clause
    for plan in ("n ap pase fwontye a semenn pwochen", "vamos pasando al otro lado con un senor",
                 "we re passing through the desert to arizona"):
        assert not not_a_crossing(plan), plan
