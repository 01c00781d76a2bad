"""Which messages are commands in context (bot.commands): pure rules on folded text."""

from __future__ import annotations

import pytest

from bot import commands
from bot.content import fold
from intents import QUESTION_WORDS


@pytest.mark.parametrize("text", [
    "borrar mis datos", "BORRAR MIS DATOS!!", "delete my data", "please delete my data",
    "efase done mwen yo", "quiero que borren toda mi informacion", "delete", "borrar",
    "elimina mis datos porfa", "retire nimewo m nan sistèm nan, souple", "borren mi registro",
    # A negation in another clause does not reach the verb.
    "ya no quiero mensajes y borren mi numero", "no me escriban mas y borren mis datos",
    "delete it", "efase l",
])
def test_erase_requests(text: str) -> None:
    assert commands.erase_request(fold(text))


@pytest.mark.parametrize("text", [
    "no quiero que borren mis datos", "no borres mis datos", "don't delete my data",
    "necesito borrar mis antecedentes penales", "how do I delete a message",
    "como borro una foto", "pa efase done mwen yo", "i want to delete my criminal record",
    "i want retirement info", "quiero retirar mi dinero",
])
def test_negations_and_other_objects_never_start_erasure(text: str) -> None:
    assert not commands.erase_request(fold(text))


@pytest.mark.parametrize("text", ["sí", "si", "yes", "wi", "borrar", "delete", "efase",
                                  "sí, bórralos", "yes please delete", "Sí, por favor"])
def test_erase_confirmations(text: str) -> None:
    assert commands.erase_confirmed(fold(text))


@pytest.mark.parametrize("text", ["no", "mejor no", "ok", "como mando dinero", "si pero no",
                                  "sí quiero hablar con alguien"])
def test_anything_else_does_not_confirm_erasure(text: str) -> None:
    assert not commands.erase_confirmed(fold(text))


@pytest.mark.parametrize("text", ["stop", "STOP", "ya no quiero mensajes",
                                  "no me manden mas mensajes", "darme de baja",
                                  "stop texting me", "unsubscribe", "sispann voye m mesaj",
                                  "pa voye m mesaj ankò"])
def test_explicit_stop_phrases(text: str) -> None:
    assert commands.explicit_stop(fold(text))


@pytest.mark.parametrize("text", ["no", "nel", "ya", "salir", "cancelar", "no gracias",
                                  "ya no necesito nada gracias", "no puedo parar de llorar",
                                  "alto costo", "stop by the office to ask about papers",
                                  "no wait dont stop, i still want help"])
def test_a_bare_no_or_leaving_is_never_a_stop(text: str) -> None:
    assert not commands.explicit_stop(fold(text))


@pytest.mark.parametrize(("text", "key"), [
    ("¿y cuánto cuesta?", "cost"), ("how much is it", "cost"), ("¿y dónde queda?", "where"),
    ("¿y en qué horario?", "hours"), ("¿qué papeles necesito?", "papers"),
    ("¿y para mi esposa?", "family"), ("ki kote?", "where"), ("and for my wife?", "family"),
    ("gracias", None),
])
def test_followup_keys(text: str, key: str | None) -> None:
    assert commands.followup_key(fold(text)) == key


@pytest.mark.parametrize(("text", "wanted", "refused"), [
    ("english please", "en", set()),
    ("Kreyòl", "ht", set()),
    ("I don't speak Spanish", None, {"es"}),
    ("m pa pale panyòl", None, {"es"}),
    ("eske gen yon ajan ki pale kreyòl? m pa pale panyòl byen", "ht", {"es"}),
    ("no hablo bien el ingles", None, {"en"}),
])
def test_language_named_never_picks_a_refused_language(
    text: str, wanted: str | None, refused: set[str]
) -> None:
    assert commands.language_named(fold(text)) == (wanted, frozenset(refused))


def test_how_long_and_need_now() -> None:
    assert commands.asks_how_long(fold("¿cuánto falta?"))
    assert commands.asks_how_long(fold("how long do I have to wait"))
    assert commands.asks_how_long(fold("konbyen tan m ap tann"))
    assert not commands.asks_how_long(fold("es sobre mi hijo"))
    assert commands.sounds_in_need(fold("estoy en Nuevo Laredo sin dinero ni pila"))
    assert not commands.sounds_in_need(fold("me deportaron hace un año"))
    assert commands.sounds_in_need(fold("she is in tijuana with nothing"))
    assert commands.sounds_in_need(fold("li Tijuana san anyen"))
    assert not commands.sounds_in_need(fold("no, nothing else, thanks"))


@pytest.mark.parametrize("text", ["sí, bórralos", "bórralo todo", "si eliminalos", "delete it",
                                  "yes erase them"])
def test_any_form_of_the_erase_verb_confirms(text: str) -> None:
    assert commands.erase_confirmed(fold(text))


@pytest.mark.parametrize("text", ["dejen de mandarme mensajes", "please stop",
                                  "no quiero que me escriban", "stop sending me stuff",
                                  "STOP pls", "basta por favor", "sispann souple",
                                  "how do i stop getting these",
                                  "como le hago pa dejar de recibir sus mensajes",
                                  "mwen vle sispann resevwa mesaj yo"])
def test_more_stop_phrases(text: str) -> None:
    assert commands.explicit_stop(fold(text))


@pytest.mark.parametrize(("text", "leave"), [
    ("menu", True), ("salir", True), ("ya no necesito hablar con nadie", True),
    ("never mind, I'm fine", True), ("es sobre mi hijo", False), ("no", False),
    # Not waiting any more is leaving; not being able to wait is hurry (issue 11, lead pass).
    ("ya no quiero esperar", True), ("I don't want to wait anymore", True),
    ("m pa vle ankò, anile", True), ("ok cancel", True), ("ya no puedo esperar mas", False),
    ("m pa ka tann ankò", False), ("m soti Ayiti, m nan Leon", False),
    ("no cancelen mi caso", False),
    # Solved on one's own, after a "no" that answers, not negates (lead, session of 10:46).
    ("ya no, ya lo resolví, gracias", True), ("no its ok, i already sorted it out", True),
    ("kite sa, m jwenn solisyon", True), ("no olviden mi caso porfa", False),
])
def test_leaving_the_queue_is_asked_for_not_guessed(text: str, leave: bool) -> None:
    assert commands.wants_to_leave(fold(text)) is leave


@pytest.mark.parametrize(("text", "answer"), [
    ("si", "yes"), ("sí, por favor", "yes"), ("wi souple", "yes"), ("no gracias", "no"),
    ("nel, asi estoy bien", "no"), ("si no es mucha molestia quiero saber de la tarjeta", None),
    ("yes but no", None),
])
def test_short_yes_or_no(text: str, answer: str | None) -> None:
    assert commands.yes_or_no(fold(text)) == answer


@pytest.mark.parametrize(("text", "refused"), [
    ("no borres nada, solo dime que guardan", True), ("don't delete my data", True),
    ("pa efase anyen", True), ("borra mis datos", False), ("como mando dinero", False),
])
def test_erase_refused(text: str, refused: bool) -> None:
    assert commands.erase_refused(fold(text)) is refused


@pytest.mark.parametrize(("text", "lang"), [
    ("pasame con alguien que hable ingles", "en"), ("menu en ingles porfa", "en"),
    ("spanish is fine, can i see the menu", "es"), ("eske gen yon moun ki pale kreyol", "ht"),
    ("quiero hablar con alguien de las clases de ingles", None),
    ("i don't speak spanish", None),
])
def test_a_language_asked_for_is_said_as_such(text: str, lang: str | None) -> None:
    assert commands.language_asked(fold(text)) == lang


@pytest.mark.parametrize("text", [
    # The question before the verb is another command (the privacy notice), not its object.
    "que guardan de mi y borrenlo", "kisa nou kenbe sou mwen epi efase l",
    "what do you keep on me and delete it",
    # Spanish "pa" (para) before an infinitive is no negation.
    "como le hago pa borrar mis datos",
    # "se borren" asks; "se me borraron" tells of a loss.
    "quiero que se borren mis datos",
])
def test_an_erase_verb_alone_in_its_clause_asks_for_erasure(text: str) -> None:
    assert commands.erase_request(fold(text))


@pytest.mark.parametrize("text", [
    "i accidentally deleted my messages, can you send me the info again?",
    "mi hijo borró todo mi historial del chat, sigo en la fila?",
    "se me borró todo el chat por error, cómo recupero la info?",
    "mwen efase mesaj yo pa erè, eske nou ka voye yo ankò?",
    "my son deleted my messages",
])
def test_an_erasure_told_of_is_not_asked_for(text: str) -> None:
    """An accident, a loss or someone else's doing: "¿borramos tus datos?" would get a "sí"
    meant for something else."""
    assert not commands.erase_request(fold(text))


@pytest.mark.parametrize("text", [
    "les pido que no dejen de mandar informacion a mi familia",
    "mi jefe me dijo no me mandes mensajes al trabajo",
    "my brother told me to stop sending him money, how can I help him",
    "they said don't send money through western union, is that true?",
    "fanmi m pa voye m lajan ankò, m bezwen èd",
    "no me manden a otro lado, quiero que me atiendan aqui",
    "don't send me back to the menu, i need a person",
    "pa voye m tounen", "please don't stop sending me info",
])
def test_a_stop_phrase_about_something_else_is_no_stop(text: str) -> None:
    assert not commands.explicit_stop(fold(text))


@pytest.mark.parametrize("text", [
    "no, stop texting me", "i said stop sending me messages",
    "ya les dije que no me manden mensajes", "no me manden nada",
    "pa voye m mesaj ankò souple", "don't send me any more messages",
])
def test_a_stop_said_with_other_words_is_still_a_stop(text: str) -> None:
    assert commands.explicit_stop(fold(text))


@pytest.mark.parametrize("text", [
    "ya no necesito el dinero, necesito que me ayuden a encontrar trabajo",
    "no olviden mi caso porfa", "never mind the app, I need a lawyer for my dad",
    "m pa bezwen ankò lajan, m bezwen yon moun pou papye m",
])
def test_a_leave_phrase_negated_or_followed_by_a_need_is_no_leave(text: str) -> None:
    assert not commands.wants_to_leave(fold(text))


@pytest.mark.parametrize(("text", "answer"), [
    ("sí", "yes"), ("sí, gracias", "yes"), ("no", "no"), ("sí, ayúdenme", "no"),
    ("yes, a person", "no"), ("wi, m bezwen èd", "no"), ("yes I want a person", None),
])
def test_a_yes_to_leaving_that_asks_for_help_stays(text: str, answer: str) -> None:
    assert commands.leave_answer(fold(text)) == answer


@pytest.mark.parametrize(("text", "lang"), [
    ("curso de ingles", None), ("english classes", None), ("kou angle", None),
    ("en ingles", "en"), ("english please", "en"), ("kreyol souple", "ht"),
])
def test_a_language_studied_is_not_the_reply_language(text: str, lang: str | None) -> None:
    assert commands.language_named(fold(text))[0] == lang


@pytest.mark.parametrize("text", [
    # Issue 11k: Kreyòl "siprime", Spanish "quitar" (never English "quit"), "information".
    "siprime done m yo", "quitenme mi nombre de sus registros",
    "please remove all my information",
])
def test_more_erase_verbs_and_data_words(text: str) -> None:
    assert commands.erase_request(fold(text))


@pytest.mark.parametrize("text", ["I quit", "quiero quitar una foto de mi perfil"])
def test_quit_and_taking_off_something_else_are_no_erasure(text: str) -> None:
    assert not commands.erase_request(fold(text))


@pytest.mark.parametrize("text", ["tanpri pa voye anyen ankò", "arete voye mesaj ban mwen"])
def test_kreyol_send_nothing_more_is_a_stop(text: str) -> None:
    assert commands.explicit_stop(fold(text))


@pytest.mark.parametrize("text", ["no dejen de mandarme lo del programa de la app migrante",
                                  "no me dejen de escribir", "que no nos dejen de mandar avisos",
                                  "no deja de mandarme las noticias, me sirven"])
def test_dont_stop_sending_is_never_a_stop(text: str) -> None:
    # "no dejen de ..." is "don't stop ...": the "no" negates, even with a pronoun between.
    assert not commands.explicit_stop(fold(text), text)


@pytest.mark.parametrize("text", ["No, dejen de mandarme mensajes", "no. deja de escribirme",
                                  "no stop texting me", "dejen de mandarme mensajes"])
def test_a_no_that_answers_then_a_stop_is_a_stop(text: str) -> None:
    # A comma or a stop after "no" makes it an answer; English "no stop" is never a negation.
    assert commands.explicit_stop(fold(text), text)


@pytest.mark.parametrize("text", [
    "borren los datos de mi hermano", "quiero dar de baja el numero de mi mama",
    "please delete my mom's info", "my brother wants to unsubscribe", "tanpri efase done frè m nan",
    "ya no le manden mensajes a mi papa porfa", "stop texting her, she asked me to tell you",
])
def test_an_erasure_or_stop_for_someone_else(text: str) -> None:
    assert commands.for_someone_else(fold(text))


@pytest.mark.parametrize("text", [
    "borrar mis datos", "borren mis datos, mi hermano me dio este numero",
    "stop texting me, my wife is annoyed", "efase done mwen yo, se frè m ki te ban m nimewo a",
    "ya no me manden mensajes", "delete my data",
])
def test_an_erasure_or_stop_for_oneself(text: str) -> None:
    assert not commands.for_someone_else(fold(text))


@pytest.mark.parametrize("text", [
    "stop sending my brother to the desert with that guy", "dejen de mandar a mi hijo al otro lado",
    "sispann voye pitit mwen lòt bò ak raketè a", "please stop sending my daughter over, she is 16",
])
def test_a_person_sent_somewhere_is_no_stop_of_messages(text: str) -> None:
    # A family keeping someone from a crossing: not "I can't stop messages for another person".
    assert not commands.explicit_stop(fold(text), text)
    assert not commands.for_someone_else(fold(text))


@pytest.mark.parametrize("text", [
    "stop sending my mom messages", "dejen de mandar mensajes a mi mama",
    "sispann voye manman m mesaj",
])
def test_messages_to_a_relative_stay_a_stop_for_someone_else(text: str) -> None:
    assert commands.for_someone_else(fold(text))


@pytest.mark.parametrize(("text", "lang"), [
    ("me contestan en inglés por favor? queremos saber de la app", "en"),
    ("can you answer in spanish? she wants to know about the trip", "es"),
    ("eske nou ka ekri m an kreyòl? nou bezwen yon abri", "ht"),
])
def test_a_reply_language_asked_beside_a_question(text: str, lang: str) -> None:
    assert commands.language_switch(fold(text)) == lang


@pytest.mark.parametrize("text", [
    "mi hijo estudia en inglés y quiere una beca", "clases de inglés para adultos",
    "my son speaks spanish at school",
])
def test_a_language_told_of_is_not_the_reply_language(text: str) -> None:
    assert commands.language_switch(fold(text)) is None


@pytest.mark.parametrize(("text", "key"), [
    ("ok and how do i get the card", "papers"), ("y como la consigo?", "papers"),
    ("eske yo ka ban nou manje tou", "food"), ("is there anywhere to eat?", "food"),
])
def test_followup_keys_for_getting_it_and_food(text: str, key: str) -> None:
    assert commands.followup_key(fold(text)) == key


def test_contacts_asked_in_words_beside_another_question() -> None:
    for text in ("mi tio fallecio en arizona a quien le hablamos pa que nos ayuden",
                 "la app no me jala me pasan su whatsapp",
                 "going to leon for christmas whats your phone in case",
                 "my dad just got deported who should we call",
                 "m vle mete yon ti biznis ki kote biwo nou ye",
                 "nou bezwen kote pou n dormi ban m yon nimewo pou m rele"):
        assert commands.contacts_asked(text), text
    for text in ("me pasas el numero de la pizzeria",  # their number, not ours
                 "la aplicacion se puede poner en el telefono de mi hijo",
                 "donde estan las oficinas de migracion en leon",
                 "ki kote biwo comar ye"):
        assert not commands.contacts_asked(text), text


def test_thanks_first_is_a_message_that_opens_by_thanking() -> None:
    for text in ("gracias seno y como le hago pa sacar el pasaporte", "thanks one more thing",
                 "ok muchas gracias", "mesi anpil epi tou kisa biwo sa a ye", "appreciate it also"):
        assert commands.thanks_first(text), text
    for text in ("gracias a dios ya aparecio mi hermano", "hay becas gracias",
                 "tyson foods trabajo"):
        assert not commands.thanks_first(text), text


def test_menu_asked_in_words_and_where() -> None:
    first = commands.menu_asked_at("menu porfa y dime que hay pa diciembre")
    last = commands.menu_asked_at("is there a migrant app and can i see the menu")
    assert first is not None and first < 0.5 and last is not None and last > 0.5
    for text in ("ensename que temas tienen", "ban m lis opsyon yo", "show me the options"):
        assert commands.menu_asked_at(text) is not None, text
    # Options as a word, not the menu.
    assert commands.menu_asked_at("no hay trabajo en mi pueblo q opciones hay pa no irme") is None


def test_language_switch_is_a_request_not_a_language_named() -> None:
    assert commands.language_switch("puedes escribirle en ingles a mi hijo") == "en"
    assert commands.language_switch("english pls how do i call your office") == "en"
    assert commands.language_switch("ekri m an kreyol tanpri m bezwen lopital") == "ht"
    assert commands.language_switch("switch to spanish please") == "es"
    for text in ("can i get the app in english", "my kids only speak english",
                 "hay clases de ingles para mi hija"):
        assert commands.language_switch(text) is None, text


def test_beside_contacts_is_the_rest_of_the_message() -> None:
    assert commands.beside_contacts("el mes q entra me avento por tijuana pasame su numero") == (
        "el mes q entra me avento por tijuana")
    assert commands.beside_contacts("hay becas para mi hija") == ""


def test_goodbye_last_is_a_message_that_ends_by_saying_goodbye() -> None:
    for text in ("donde saco la tarjeta y ya me despido bye", "kote m ka manje orevwa",
                 "where do i get the app ok cool bye"):
        assert commands.goodbye_last(text), text
    assert not commands.goodbye_last("bye where do i get the app")


@pytest.mark.parametrize(("text", "rest"), [
    ("can u stop sending me the menu", "can u"),
    ("ya no me mandes el menu porfa, solo quiero saber lo de la tarjeta",
     "ya porfa solo quiero saber lo de la tarjeta"),
    ("deja de mandarme tantos mensajes, nomas dime el telefono", "nomas dime el telefono"),
    ("tanpri pa voye m menu a anko", "tanpri"),
    ("stop sending me the same message", ""),
])
def test_less_of_one_thing_is_no_stop(text: str, rest: str) -> None:
    # "Stop sending me the menu" asks for less, not for silence (issue 11, lead pass).
    assert not commands.explicit_stop(fold(text), text)
    assert commands.less_asked(fold(text)) == rest


@pytest.mark.parametrize("text", ["stop sending me messages", "ya no me manden nada",
                                  "deja de mandarme mensajes", "pa voye m mesaj anko"])
def test_a_stop_of_everything_is_not_less(text: str) -> None:
    assert commands.explicit_stop(fold(text), text)
    assert commands.less_asked(fold(text)) is None


def test_what_to_bring_is_the_papers_followup() -> None:
    for text in ("what do we need to bring", "y que tenemos que llevar", "kisa nou bezwen"):
        assert commands.followup_key(fold(text)) == "papers", text


@pytest.mark.parametrize("text", ["can you delete what i wrote about my dad",
                                  "borren lo que les conte de mi hermano porfa",
                                  "efase sa m te ekri a tanpri"])
def test_what_i_wrote_is_my_data(text: str) -> None:
    # The person's own messages, even about a relative: their erasure, not someone else's.
    assert commands.erase_request(fold(text))
    assert not commands.for_someone_else(fold(text))


def test_never_mind_while_waiting_asks_to_leave() -> None:
    for text in ("ok ya no importa, gracias", "forget it", "pa enpotan anko"):
        assert commands.wants_to_leave(fold(text)), text
@pytest.mark.parametrize(("text", "lang"), [
    # Issue 11v: a please after the name typed "plis", a verb that sends the answers in it,
    # "hablarme", a please before "in", another language named as the one not spoken well.
    ("me mandan la info en ingles plis mi mama no habla espanol bien", "en"),
    ("pueden hablarme en ingles mejor quiero saber de la tarjeta", "en"),
    ("please in english or kreyol mwen bezwen konnen ki kote pou m mande refij", "en"),
    ("i grew up in georgia and barely speak spanish what do i do please answer in english",
     "en"),
])
def test_a_reply_language_asked_in_more_ways(text: str, lang: str) -> None:
    assert commands.language_switch(text) == lang


def test_where_the_reply_language_is_asked() -> None:
    first = commands.language_switch_at("can you answer in spanish my mom will read this")
    last = commands.language_switch_at(
        "is there help for students like me also can you text me in english pls")
    assert first is not None and first[1] < 0.5
    assert last is not None and last[0] == "en" and last[1] > 0.5
    for text in ("i barely speak spanish", "hay clases de ingles plis",
                 "mis hijos me mandan fotos y hablan ingles"):
        assert commands.language_switch_at(text) is None, text


def test_thanks_after_a_greeting_opens_the_message() -> None:
    # Issue 11v: "buenas tardes solo queria dar las gracias, me ayudaron mucho ... ahora mi
    # sobrina quiere saber de las becas".
    for text in ("buenas tardes solo queria dar las gracias me ayudaron mucho",
                 "hola buenas tardes gracias por todo y otra pregunta",
                 "hi just wanted to say thanks for the info"):
        assert commands.thanks_first(text), text
    for text in ("hola quiero saber de becas gracias", "buenas tardes gracias a dios llegamos"):
        assert not commands.thanks_first(text), text


def test_a_person_asked_to_call_or_talk_beside_a_question() -> None:
    # Issue 11v: a person of the office, not the office's number.
    for text in ("my grandma has the card can someone from your office call her please",
                 "y quiero que alguien de ustedes le hable a mi hermano",
                 "i also want to talk to someone about a festival",
                 "eske yon moun ka rele m pou dosye a"):
        assert commands.person_asked(text), text
    for text in ("alguien sabe donde queda el consulado", "someone told me about the app",
                 "cual es su numero de telefono"):
        assert not commands.person_asked(text), text


@pytest.mark.parametrize("text", [
    "gracias. oiga y si quiero dejar de recibir sus mensajes despues?",
    "if i ever want to stop getting texts what do i do",
    "si m vle sispann resevwa mesaj yo pita kijan m fe",
])
def test_a_stop_asked_of_later_is_no_stop(text: str) -> None:
    # How to stop some day is a question, not a stop now (issue 11, lead pass).
    assert not commands.explicit_stop(fold(text), text)
    assert commands.stop_later(fold(text))
    assert not commands.stop_later(fold("ya no quiero recibir mensajes"))


def test_not_wanting_it_recorded_is_an_erasure_of_my_own() -> None:
    for text in ("ok borrenlo porfa, no quiero que quede registrado lo de mi hijo",
                 "actually please delete that, i dont want it saved"):
        assert commands.erase_request(fold(text)), text
        assert not commands.for_someone_else(fold(text)), text


def test_a_person_asked_to_come_call_or_explain_is_a_person() -> None:
    # Issue 11aa: "alguien puede venir o hablarnos?" beside a transit question, "quiero que
    # alguien le explique por telefono" beside a card question; help with a topic is not.
    person_asked = commands.person_asked
    assert person_asked("somos 20 en la central de leon alguien puede venir o hablarnos")
    assert person_asked("quiero que alguien le explique por telefono a mi ama")
    assert not person_asked("alguien me puede ayudar con lo de la beca")
    assert not person_asked("alguien puede ayudarme")


def test_after_thanks_is_what_follows_the_thanks() -> None:
    assert commands.after_thanks("gracias y para los papeles") == "y para los papeles"
    assert commands.after_thanks("ok thanks and what about papers") == "and what about papers"
    assert commands.after_thanks("mesi anpil epi pou papye") == "epi pou papye"
    assert commands.after_thanks("thanks so much") == ""
    assert commands.after_thanks("y para los papeles") == ""
    # "oiga", "hun": a word said to the listener after the thanks, not the question
    assert commands.after_thanks("gracias oiga y hay becas") == "y hay becas"
    assert not commands.thanks_only("gracias oiga y hay becas")
    assert commands.thanks_only("gracias mija dice mi papa")


def test_an_erasure_asked_for_later_is_not_one_for_now() -> None:
    later = ["can you delete my number from your system after this?",
             "once this is over please erase my data", "cuando terminen borren mis datos",
             "borren todo lo mio al final porfa", "le nou fini efase done mwen yo",
             "efase done m yo apre sa"]
    now = ["delete my data", "borra mis datos ahorita", "borren mis datos luego luego",
           "efase done mwen yo kounye a", "erase everything now, after this i'm done"]
    assert [t for t in later if not commands.erase_later(fold(t))] == []
    assert [t for t in now if commands.erase_later(fold(t))] == []


def test_one_message_or_photo_to_delete_is_told_apart() -> None:
    one = ["te mande una foto por error, borrala porfa", "oops wrong pic, delete that photo",
           "mwen voye yon foto pa ere, efase l tanpri", "borra el mensaje anterior",
           "can you delete the audio i sent by mistake", "efase denye mesaj la"]
    not_one = ["borra mis datos", "como borro un mensaje en whatsapp",
               "se me borraron las fotos, las pueden recuperar?", "no borres la foto",
               "delete my data", "y si borro los mensajes ya no me ayudan?"]
    assert [t for t in one if not commands.erase_one(fold(t))] == []
    assert [t for t in not_one if commands.erase_one(fold(t))] == []
    # Kreyòl "pa erè" is "by mistake", not a negation of the verb after it.
    assert not commands.erase_refused(fold("m voye l pa ere, efase l"))
    assert commands.erase_refused(fold("pa efase done mwen yo"))


def test_a_negation_belongs_to_the_language_it_stands_before() -> None:
    # "m pa pale panyol, an kreyol": Kreyòl asked for, Spanish refused.
    assert commands.language_named(fold("m pa pale panyol, an kreyol tanpri")) == (
        "ht", frozenset({"es"}))
    assert commands.language_named(fold("i don't speak spanish, english please")) == (
        "en", frozenset({"es"}))
    # A negation joined by "or" / "ni" covers both.
    assert commands.language_named(fold("i dont speak spanish or creole")) == (
        None, frozenset({"es", "ht"}))
    assert commands.language_named(fold("no hablo ingles ni creole"))[1] == frozenset({"en", "ht"})


# A cancel word before something of the person's own life is a request this chat cannot do;
# before this chat, its messages or data it stays a stop (or nothing), never a thing "done".
@pytest.mark.parametrize("text", [
    "cancela mi cita del consulado porfa", "quiero cancelar mi cita",
    "cancelame la cita del sabado",
    "cancel my appointment at the consulate", "can you cancel the transfer i sent",
    "anile randevou m nan konsila a", "tanpri anile vwayaj mwen",
])
def test_cancel_of_something_else(text: str) -> None:
    assert commands.cancels_other(fold(text))


@pytest.mark.parametrize("text", [
    "cancelar", "ok cancel", "cancela mi suscripcion", "cancel my subscription",
    "cancela todo", "cancel that", "anile sa", "cancelen mi caso", "cancela esta conversacion",
    "no me cancelen", "la cita es el martes",
])
def test_cancel_of_this_chat_or_nothing(text: str) -> None:
    assert not commands.cancels_other(fold(text))


@pytest.mark.parametrize("text", [
    "cancela mi suscripcion", "please cancel my subscription", "anile abonman m",
])
def test_cancel_subscription_is_a_stop(text: str) -> None:
    assert commands.explicit_stop(fold(text), text)


# The answer to "¿Ya no necesitas hablar con una persona?" said in full is a yes; a yes that
# asks for help and a bare "no" stay in line.
@pytest.mark.parametrize(("text", "answer"), [
    ("si ya no necesito", "yes"), ("sí, ya no necesito nada", "yes"),
    ("yes i dont need it anymore", "yes"), ("wi m pa bezwen anko", "yes"),
    ("si ayudenme", "no"), ("no", "no"), ("no, ya no necesito", "no"),
])
def test_leave_answer_in_full(text: str, answer: str) -> None:
    assert commands.leave_answer(fold(text)) == answer


# Where to sleep is asked as "where" (a shelter's follow-up), in Kreyòl and in French too.
@pytest.mark.parametrize(("text", "key"), [
    ("e pou nou domi aswe a?", "where"), ("ou est-ce qu'on peut dormir ce soir?", "where"),
    ("et pour manger?", "food"), ("c'est combien?", "cost"), ("a quelle heure?", "hours"),
])
def test_followup_keys_in_kreyol_and_french(text: str, key: str) -> None:
    assert commands.followup_key(fold(text)) == key


@pytest.mark.parametrize(("text", "taken_back"), [
    ("no mejor no", True), ("no, gracias", True), ("olvídalo", True),
    ("mejor no, déjalo así", True), ("never mind", True), ("forget it lol", True), ("nah", True),
    ("non, kite sa", True), ("bliye sa", True), ("pa efase yo", True),
    ("sí", False), ("yes delete it", False), ("wi", False),
    ("y como mando dinero con la tarjeta isseg a mi mama en leon", False),
])
def test_erase_taken_back(text: str, taken_back: bool) -> None:
    """The answer to "¿borramos tus datos?" that takes it back is acknowledged as such."""
    assert commands.erase_taken_back(fold(text)) is taken_back


@pytest.mark.parametrize(("text", "stop"), [
    ("stop", True), ("STOP pls", True), ("stop now", True), ("basta por favor", True),
    ("stop, wait", False), ("stop espera", False), ("stop, tann", False), ("stop hold on", False),
    ("unsubscribe me from your messages", True),
    ("please unsubscribe me from the school newsletter", False),
    ("darme de baja de la lista del gimnasio", False),
])
def test_stop_not_a_hold_on_nor_another_list(text: str, stop: bool) -> None:
    """"Stop, wait" is "hold on"; unsubscribing from something else is no stop of this chat."""
    assert commands.explicit_stop(fold(text), text) is stop


@pytest.mark.parametrize(("text", "elsewhere", "one"), [
    ("ayudenme a borrar las fotos de mi esposo que subio a facebook", True, False),
    ("help me delete the pictures my ex posted on instagram", True, False),
    ("ede m efase foto mari m mete sou facebook yo", True, False),
    ("como borro un video de tiktok", True, False),
    ("te mande una foto por error, borrala", False, True),
    ("delete that photo i sent", False, True),
    ("borrar mis datos", False, False),
    ("no borren nada de facebook", False, False),
])
def test_erasure_of_something_elsewhere(text: str, elsewhere: bool, one: bool) -> None:
    """A post or photo on a social network is not this chat's: never an erasure asked."""
    assert commands.erases_elsewhere(fold(text)) is elsewhere
    assert commands.erase_one(fold(text)) is one


@pytest.mark.parametrize(("text", "kept"), [
    ("solo ese", True), ("ese nomás, lo demás no", True), ("nada más la foto", True),
    ("just that one", True), ("only the photo", True), ("sèlman sa a", True),
    ("sí", False), ("si borralo todo", False), ("yes delete it", False), ("wi", False),
    ("solo queria saber de la tarjeta isseg para mandar dinero a mi mama", False),
])
def test_erase_kept_to_one(text: str, kept: bool) -> None:
    """A short "only that one" to "erase everything?" erases nothing: one thing was meant."""
    assert commands.erase_kept_to_one(fold(text)) is kept


@pytest.mark.parametrize(("text", "back"), [
    ("hola, y como la descargo?", "back"), ("y donde la consigo", "back"),
    ("how do i download it?", "back"), ("where can we get them", "back"),
    ("kijan m ka telechaje l?", "back"),
    ("como mando dinero a mi hermano en texas", None), ("how do i send money home", None),
])
def test_refers_back_how_to_do_it(text: str, back: str | None) -> None:
    """"¿Y cómo la descargo?" asks how to do what was just answered about."""
    assert commands.refers_back(fold(text)) == back


@pytest.mark.parametrize(("text", "back"), [
    ("no me deja", "back"), ("pero ya no abre", "back"), ("no funciona la app", "back"),
    ("it wont open", "back"), ("it doesn't work for me", "back"),
    ("li pa mache", "back"), ("app la pa vle louvri", "back"),
    # Not trouble with the answer: danger, or "no me sirve" (``unhelpful``), or a longer story.
    ("mi esposo no me deja salir", None), ("no me sirve", None),
    ("no me deja mandar dinero mi banco desde ayer en la tarde", None),
])
def test_refers_back_trouble_with_it(text: str, back: str | None) -> None:
    """"No me deja", "it won't open", "li pa mache" after an answer: trouble with what was just
    answered (the honest "no tengo ese dato" and the contacts), not "no entendí"."""
    assert commands.refers_back(fold(text)) == back


@pytest.mark.parametrize(("text", "number"), [
    ("y el 7?", 7), ("option 2 please", 2), ("la dos", 2), ("number two", 2), ("el segundo", 2),
    ("la segunda opción porfa", 2), ("the second one", 2), ("la 2da", 2), ("dezyèm nan", 2),
    ("nimewo de", 2), ("premye a", 1), ("el once", 11), ("cinco", 5), ("twa", 3),
])
def test_a_menu_number_in_digits_or_words(text: str, number: int) -> None:
    assert commands.menu_number(fold(text)) == number


@pytest.mark.parametrize("text", [
    "un segundo", "segundo", "once", "tengo 2 hijos", "salen el 15 de mayo", "de", "sis",
    "dos hijos", "second", "la primera vez que fui",
])
def test_words_that_are_no_menu_number(text: str) -> None:
    # "un segundo" is "hold on", "once" is English, "sis" a sister: no topic picked.
    assert commands.menu_number(fold(text)) is None


@pytest.mark.parametrize(("text", "only"), [
    ("gracias mija dice mi papa", True), ("thanks, my mom says youre very kind", True),
    ("mèsi, manman m di Bondye beni w", True), ("gracias", True),
    ("gracias, y cuanto cuesta?", False), ("ok thanks, and what about papers?", False),
    ("mesi, epi pou papye?", False), ("gracias, mi papa pregunta si su esposa tambien", False),
    ("muchas gracias joven, donde queda?", False), ("hola, cuanto cuesta", False),
    # Words that ask only in the matcher: a blessing, a thank-you back.
    ("gracias q dios los bendiga", True), ("muchas gracias a ustedes", True),
    # French, read and answered in Kreyòl: "merci, et pour l'asile?" asks; "merci beaucoup" not.
    ("merci, et pour demander l'asile?", False), ("merci beaucoup", True),
])
def test_thanks_that_asks_nothing_after(text: str, only: bool) -> None:
    # A thank-you relayed for a parent is no follow-up question ("papá" is no family question).
    assert commands.thanks_only(fold(text)) is only


@pytest.mark.parametrize("word", QUESTION_WORDS)
def test_a_question_word_after_thanks_asks_something(word: str) -> None:
    # The matcher's list of words that ask, shared: "mesi, kote biwo a ye?" asks.
    assert not commands.thanks_only(fold(f"gracias, {word} la oficina?"))


@pytest.mark.parametrize(("text", "only"), [
    ("mi hijo", True), ("my son", True), ("pitit gason m", True), ("mari m", True),
    ("hola mi esposa", True), ("my husband", True),
    ("mi hijo no contesta", False), ("my son is missing", False), ("mi hijo y mi hija", False),
    ("his", False), ("hijo", False),
])
def test_someone_named_and_nothing_more(text: str, only: bool) -> None:
    # "dime" comes first; what happens to them comes in the next message.
    assert commands.someone_only(fold(text)) is only


@pytest.mark.parametrize(("text", "only"), [
    ("le escribo por mi abuelita", True), ("soy su nieta, ella no sabe usar el celular", True),
    ("ella no sabe escribir, yo le ayudo", True), ("mi papá solo habla inglés", True),
    ("hola buenas tardes, le escribo de parte de mi mamá porque ella no sabe leer", True),
    ("escribo desde el celular de mi hija", True),
    ("hi, im writing for my grandma, she only speaks spanish", True),
    ("i'm texting for my dad", True), ("my mom asked me to write", True),
    ("she doesnt know how to use the phone", True),
    ("m ap ekri pou manman m", True), ("m ap ekri pou yon zanmi ki pa konn li", True),
    ("li pale kreyòl sèlman", True), ("m ap ekri nan telefòn pitit fi m", True),
    # The question in the same message, danger or a need told: the message's own.
    ("i'm writing for my dad, how does he get the isseg card", False),
    ("mi abuela está enferma", False), ("my grandma got detained", False),
    ("my grandpa only speaks spanish and hes dying", False),
    ("mi papa no sabe leer y le llego una carta de migracion", False),
    ("m ap ekri pou manman m, kote biwo a ye", False),
    # The writer, or someone who cannot use a phone now (held, hurt): not said who it is for.
    ("i only speak english", False), ("mi hijo no puede usar el celular", False),
    ("my husband cant use his phone", False), ("tengo una pregunta", False),
])
def test_written_for_someone_and_nothing_asked(text: str, only: bool) -> None:
    # "dime": the question comes in the next message (issue 11bk).
    assert commands.writes_for(fold(text)) is only


@pytest.mark.parametrize(("text", "lang"), [
    ("she only speaks spanish", "es"), ("mi papá solo habla inglés", "en"),
    ("li pale kreyòl sèlman", "ht"), ("manman m pale sèlman panyòl", "es"),
    ("mi abuela nomas entiende el español", "es"), ("she speaks spanish", None),
    ("m pale kreyol", None), ("she only speaks french", None),
])
def test_the_one_language_someone_reads(text: str, lang: str | None) -> None:
    assert commands.reads_only(fold(text)) == lang
