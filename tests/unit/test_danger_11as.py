"""Issue 11as: product defects seen in conversations, in es, en and ht.

A call asked of the helpline to pass a message on ("can you call my mom and tell her im ok") is
something the chat cannot do, not danger; danger told in it keeps the emergency. A traffic ticket
at a stop sign is no fake offer and no danger. A detention feared ("que pasaria si la migra
agarra a mi papa?") is a question of US law, not a crossing plan or transit. The writer's own
group let go ("they let us go", "nos dejaron ir", "yo kite nou ale") is a release, not when
someone is kept. Someone sent with the same man beside a danger told gets the crossing warning
after the emergency. Asylum asked after an answer is the papers follow-up; asking whether
someone there speaks a language is no request to switch.

The sentences are written for this test (none is a line of a dev or blind set).
"""

from __future__ import annotations

import pytest

from bot import commands
from bot.content import fold
from bot.danger import relay_asked, traffic_ticket
from bot.engine import ConversationEngine


def parts(engine: ConversationEngine, text: str) -> tuple[str, ...]:
    """The intents the answer to ``text`` is made of."""
    understood = engine.understand(text)
    return understood.parts or (understood.match.intent if understood.match else None,)


@pytest.mark.parametrize("text", [
    "could you please call my dad and tell him i made it, my phone died",
    "can someone call my wife and let her know im fine? no credit on my phone",
    "me hacen el favor de llamarle a mi esposa y decirle que ya llegué bien",
    "le pueden marcar a mi hermano pa decirle que estoy bien, no tengo saldo",
    "eske nou ka rele madanm mwen pou di l m rive byen?",
])
def test_a_call_to_pass_a_message_on_is_a_request(engine: ConversationEngine, text: str) -> None:
    assert relay_asked(fold(text))
    assert parts(engine, text)[0] == "cannot_do"


@pytest.mark.parametrize("text", [
    "can you call my mom and tell her they kidnapped me",
    "could you call my brother and tell him they are holding me in a house",
    "pueden llamarle a mi papa y decirle que me tienen encerrado, ayuda",
    "eske nou ka rele manman m pou di l yo kenbe m",
    "call my wife, they have me and want money",
])
def test_danger_in_the_message_keeps_the_emergency(engine: ConversationEngine, text: str) -> None:
    assert not relay_asked(fold(text))
    assert parts(engine, text)[0] == "emergency"


@pytest.mark.parametrize("text", [
    "mi hijo tuvo una multa por pasarse un alto, eso afecta sus papeles?",
    "my cousin got a speeding ticket, can it affect his green card case?",
    "frè m te pran yon tikè paske li te kondwi twò vit, eske sa ka fè pwoblèm pou papye l?",
])
def test_a_traffic_ticket_with_papers_is_us_law(engine: ConversationEngine, text: str) -> None:
    assert traffic_ticket(fold(text))
    assert parts(engine, text)[0] == "legal_us"


@pytest.mark.parametrize("text", [
    "me pusieron una multa en un alto y luego me detuvo la migra",
    "he got a ticket at a stop sign and now ICE has him",
    "li te pran yon tikè epi lapolis arete l",
])
def test_an_arrest_beside_a_ticket_is_no_ticket_alone(text: str) -> None:
    assert not traffic_ticket(fold(text))


@pytest.mark.parametrize("text", [
    "que pasaria si la migra agarra a mi esposo en el trabajo?",
    "what happens if ICE takes my husband at work?",
    "kisa k ap pase si imigrasyon pran mari m?",
])
def test_a_detention_feared_is_us_law(engine: ConversationEngine, text: str) -> None:
    assert parts(engine, text)[0] == "legal_us"


@pytest.mark.parametrize("text", [
    "immigration stopped us at the checkpoint but they let us go",
    "la migra nos detuvo en el retén pero nos dejaron ir",
    "imigrasyon te kanpe nou sou wout la men yo kite nou ale",
])
def test_the_writers_group_let_go_is_over(engine: ConversationEngine, text: str) -> None:
    assert "emergency" not in parts(engine, text)


@pytest.mark.parametrize("text", [
    "immigration stopped us at the checkpoint, they let us go but they kept my brother",
    "la migra nos detuvo en el retén, nos dejaron ir pero se quedaron con mi hermano",
    "imigrasyon te kanpe nou, yo kite nou ale men yo kenbe frè m",
    "they let us go but not my dad",
])
def test_someone_kept_after_the_release_is_danger(engine: ConversationEngine, text: str) -> None:
    assert parts(engine, text)[0] == "emergency"


@pytest.mark.parametrize("text", [
    "they took my nephew at the border, and his mom wants to send the little one with the same"
    " guy next month",
    "se llevaron a mi primo en la frontera, y mi tía quiere mandar a su otro hijo con el mismo"
    " coyote el mes que entra",
])
def test_someone_sent_with_the_same_man_beside_danger(engine: ConversationEngine,
                                                     text: str) -> None:
    assert parts(engine, text)[:2] == ("emergency", "safety_crossing")


@pytest.mark.parametrize(("text", "key"), [
    ("et pour l'asile au Mexique?", "papers"),
    ("y el asilo?", "papers"),
    ("and refuge here?", "papers"),
    ("epi pou azil?", "papers"),
    ("and asylum in the US?", None),
    ("y el asilo en estados unidos?", None),
])
def test_asylum_asked_after_an_answer(text: str, key: str | None) -> None:
    assert commands.followup_key(fold(text)) == key


@pytest.mark.parametrize(("text", "lang"), [
    ("is there anyone there who speaks spanish? my dad wants to call", "es"),
    ("hay alguien que hable inglés? mi nieta quiere preguntar", "en"),
    ("eske gen yon moun ki pale angle? pitit mwen an vle rele", "en"),
    ("pásame con alguien que hable inglés", None),
    ("necesito a alguien que hable kreyol", None),
    ("is there someone in spanish? please answer me in spanish", None),
])
def test_whether_someone_speaks_a_language(text: str, lang: str | None) -> None:
    assert commands.speaks_asked(fold(text)) == lang
