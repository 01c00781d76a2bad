"""What a message asks for in the flow, read from its folded text (see ``bot.content.fold``).

The classifier says what a message is about; these small rules say whether it is really a
command in context: "no quiero que borren mis datos" is about erasure but asks for none,
a bare "no" or "ya" is an answer and never an unsubscribe, "I don't speak Spanish" never
chooses Spanish. Pure functions on folded text, so the flow's rules are easy to test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot import scope
from bot.places import GUANAJUATO, US_PLACES
from intents import QUESTION_WORDS

__all__ = [
    "BARE",
    "CANCEL",
    "CONTACTS_ASKED",
    "NO",
    "YES",
    "asks_given",
    "asks_how_long",
    "asks_meanwhile",
    "beside_contacts",
    "beside_not_eaten",
    "call_asked",
    "contacts_asked",
    "erase_confirmed",
    "erase_refused",
    "erase_if",
    "erase_later",
    "erase_one",
    "erase_request",
    "explicit_stop",
    "followup_key",
    "refers_back",
    "for_someone_else",
    "goodbye_last",
    "good_wishes",
    "after_closing",
    "after_courtesy",
    "language_asked",
    "language_named",
    "language_switch",
    "language_switch_at",
    "menu_asked_at",
    "person_asked",
    "leave_answer",
    "less_asked",
    "menu_number",
    "menu_number_lang",
    "not_eaten",
    "not_now",
    "nothing_more",
    "nothing_more_lang",
    "office_hours",
    "beside_office_hours",
    "someone_only",
    "thanks_only",
    "preamble",
    "reads_only",
    "small_talk",
    "sounds_in_need",
    "stop_later",
    "stops_else",
    "thanks_first",
    "unhelpful",
    "takes_back",
    "wants_to_leave",
    "yes_or_no",
    "writes_for",
    "you_speak",
]

YES = frozenset({"si", "sii", "simon", "claro", "ok", "okay", "va", "sale", "orale", "andale",
                 "si por favor", "si porfa", "sip", "yes", "yeah", "yep", "sure", "yes please",
                 "wi", "dako", "wi souple", "si claro", "claro que si", "of course"})
NO = frozenset({"no", "nel", "nop", "nope", "no gracias", "ahorita no", "mejor no", "no thanks",
                "not now", "non", "non mesi", "no no", "nah"})
_YES_START = frozenset({"si", "sii", "yes", "wi", "claro", "simon", "sip", "yeah", "yep",
                        "sure", "ok", "okay", "dako", "andale", "orale"})
_NO_START = frozenset({"no", "nel", "nop", "nope", "non", "nah"})
# Short words that answer nothing in particular: never a command on their own.
BARE = frozenset({"ya", "ok", "okay", "oki", "okey", "vale", "bueno", "nada", "sale", "va", "k",
                  "mmm", "aja", "dako", "ya esta", "listo", "va pues", "sale pues",
                  "andale pues", "esta bien", "ta bien", "alright", "fine"}) | NO
CANCEL = frozenset({"menu", "cancelar", "cancela", "salir", "cancel", "exit", "meni", "anile",
                    "quit", "sortir", "soti"})

_NEGATIONS = frozenset({"no", "nunca", "jamas", "ni", "don", "dont", "not", "never", "pa",
                        "t", "cant", "won", "doesn"})
# Words that start a new clause: a negation before them does not reach the verb after them.
_CLAUSE_JOINS = frozenset({"y", "and", "e", "epi", "ak", "pero", "but", "men"})
_ERASE_VERBS = ("borr", "elimin", "delete", "erase", "remove", "efas", "suprim", "siprim",
                "effac", "supprim")
# Whole words only: Kreyòl "retire" (remove), never English "retirement"; Spanish "quitar"
# (take off), never English "quit".
_ERASE_WORDS = frozenset({"retire", "retirel", "quiten", "quitar", "quitenme", "quiteme",
                          "quitame"})
_DATA_WORDS = frozenset({
    "dato", "datos", "data", "info", "informacion", "done", "enfomasyon", "historial",
    "conversacion", "conversaciones", "chat", "mensajes", "messages", "mesaj", "numero",
    "number", "nimewo", "todo", "everything", "tout", "personal", "personales", "registros",
    "registro",
    "history", "istwa", "information", "informasyon", "nombre", "name", "non",
    # What is kept: "bórrenlo, no quiero que quede registrado", "don't want it saved".
    "registrado", "registrada", "guardado", "guardada", "saved", "recorded", "stored",
    "anrejistre",
    # French, answered in Kreyòl: "effacez mes données".
    "donnees", "informations",
})
# Objects that are not the person's data here: the erasure is not what they ask for.
_OTHER_OBJECTS = frozenset({
    "antecedentes", "penales", "penal", "criminal", "record", "records", "message", "mensaje",
    "foto", "fotos", "photo", "photos", "app", "aplicacion", "cuenta", "account", "contacto",
    "video", "audio", "deuda", "multa", "ticket",
})
_ERASE_FILLERS = frozenset({"quiero", "mis", "mi", "my", "me", "please", "por", "favor",
                            "porfa", "ya", "de", "a", "la", "el", "los", "las", "i", "want",
                            "to", "yo", "mwen", "m", "vle", "tanpri", "pls", "all", "the",
                            "sus", "tus", "nuestros", "que", "quieren", "puedes", "can", "you",
                            "ou", "ka", "it", "them", "lo", "eso", "tou", "sa", "l",
                            "li"})
# An erasure told, not asked for: an accident, a loss to recover, someone else who did it
# ("se me borraron los mensajes", "I accidentally deleted my messages", "mi hijo borró todo mi
# historial", "m efase mesaj yo pa erè"). "¿Borramos tus datos?" would then be answered "sí"
# to a question the person never asked.
# By mistake, and a loss to recover (also ``erase_one``'s words).
_MISTAKE = r"sin querer|por error|by mistake|by accident|accidentally|pa ere|pa aksidan"
_LOSS = (r"se (?:me |nos |le )?(?:borro|borraron|elimino|eliminaron)|got deleted|was deleted"
         r"|were deleted|recuper\w*|recover\w*|restore|get (?:it|them) back|reenvi\w*|resend")
_ERASE_TOLD = re.compile(
    rf"\b({_MISTAKE}|por accidente|{_LOSS}|vuelv\w* a (mandar|enviar)"
    r"|(hijo|hija|esposo|esposa|mama|papa|hermano|hermana|alguien|son|daughter|husband|wife|mom"
    r"|dad|brother|sister|someone|somebody|pitit|madanm|mari|fre) (\w+ )?"
    r"(borro|borraron|deleted|erased|efase))\b")
# What the person wrote is their data: "delete what i wrote about my dad", "borren lo que les
# conté", "efase sa m te ekri a".
_OWN_WORDS = re.compile(
    r"\b(what i (wrote|said|sent|told you|typed)|lo que (les |le |te )?(escribi|puse|dije|mande"
    r"|conte)|sa (m|mwen) (te )?(ekri|di|voye)"
    # One message of this chat: "borra el mensaje anterior", "delete that last message".
    r"|(el|mi|ese) (ultimo )?mensaje (anterior|que (les |le |te )?(mande|escribi|envie))"
    r"|(el|mi) ultimo mensaje|(that|my|the) (last|previous) (message|text)"
    r"|the (message|text) i (sent|wrote)|(dènye|denye) mesaj (la|mwen))\b")
_CONFIRM_WORDS = frozenset({"si", "sii", "yes", "wi", "oui", "borrar", "borralos", "borrenlos",
                            "borra", "delete", "efase", "erase", "eliminar"})
# "bórralo", "bórrenlos", "elimínalos", "delete it": the erase verb in any form confirms too.
_CONFIRM_VERBS = ("borr", "elimin", "delet", "eras", "efas", "effac")
_CONFIRM_EXTRA = frozenset({"por", "favor", "porfa", "please", "mis", "datos", "my", "data",
                            "done", "mwen", "yo", "claro", "it", "them", "todo", "tout",
                            "souple", "sure", "seguro", "segura"})

_STOP_EXACT = frozenset({"stop", "alto", "basta", "ya basta", "baja", "unsubscribe", "kanpe",
                         "sispann", "stop please", "stop messages", "para ya", "parale",
                         "stop it", "arret", "ya paren", "paren", "please stop", "stop now",
                         "cancelar suscripcion", "cancel subscription"})
# Words that are a stop whatever follows them in a short message ("alto" is also "tall").
_STOP_WORDS = frozenset({"stop", "unsubscribe", "basta", "kanpe", "sispann"})
_WAIT = frozenset({"wait", "espera", "esperen", "espere", "esperame", "tann", "hold", "momento",
                   "aguanta", "aguantame", "attends", "attendez"})
STOP_WORDS_AFTER = 2
_STOP_PHRASES = (
    "no me manden", "no me mandes", "no me envien", "no me envies", "no me escriban",
    "no me escribas", "ya no quiero mensajes", "no quiero mas mensajes", "no quiero recibir",
    "ya no quiero recibir", "dejen de mandar", "deja de mandar", "dejen de escribir",
    "deja de escribir", "dejen de enviar", "dar de baja", "darme de baja", "dame de baja",
    "ya no me manden", "ya no me escriban", "no mas mensajes", "mas mensajes no",
    "no quiero que me escriban", "no quiero que me manden", "no quiero que me envien",
    "dejen de mandarme", "deja de mandarme", "dejen de escribirme", "deja de escribirme",
    "dejen de enviarme", "deja de enviarme", "stop sending me", "stop contacting",
    "stop sending", "stop messaging", "stop texting", "stop writing", "don t text",
    "dont text", "don t message", "no more messages", "unsubscribe", "don t send",
    "dont send", "do not send", "do not text", "do not message", "pa voye m", "pa voye mwen",
    "sispann voye", "pa ekri m", "sispann ekri", "kanpe voye", "stop getting",
    "stop receiving", "dejar de recibir", "deje de recibir", "ya no me lleguen",
    "no quiero que me lleguen", "sispann resevwa", "no me vuelvan a escribir",
    "no me vuelvas a escribir", "no me vuelvan a mandar", "no me vuelvas a mandar",
    "never text me", "never message me", "pa voye anyen", "arete voye",
    "tampoco me manden", "tampoco me escriban", "tampoco me envien",
    "cancelar mi suscripcion", "cancela mi suscripcion", "cancelen mi suscripcion",
    "cancelar la suscripcion", "cancela la suscripcion", "cancel my subscription",
    "anile abonman",
)
_HOW_LONG = (
    "cuanto falta", "cuanto tiempo", "cuanto mas", "cuanto tarda", "cuanto se tarda",
    "cuanto van a tardar", "cuanto tardan", "cuando me contestan", "cuando me van a contestar",
    "cuando me atienden", "cuando me atiende", "ya merito", "mi turno", "que lugar",
    "lugar en la fila", "esperando", "esperar", "espero", "how long", "how much longer",
    "when will", "my turn", "what place", "place in line", "waiting", "still wait",
    "konbyen tan", "kile y", "ki le y", "m ap tann", "map tann", "tann", "alguien me va a",
    "nadie me contesta", "nobody answers", "no one answers", "hay alguien", "anyone there",
    "is anyone", "anybody", "tardan", "tardando", "se tardaron", "se tardan", "kile",
    "ki le yon moun", "pa gen moun",
)
_FOLLOWUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cost", ("cuanto cuesta", "cuanto cobran", "cuanto sale", "cuanto me cobran", "cuesta",
              "cuanto dan", "cuanto apoyan", "cuanto prestan", "de a cuanto", "how much do they",
              "costo", "precio", "cobran", "cobra", "cuanto es", "cuanto vale", "se paga",
              "hay que pagar", "tiene costo", "cuanto cuestan", "cuanto cobra",
              "gratis", "how much", "cost", "price", "fee",
              "free", "konbyen", "pri", "kob",
              # French (answered in Kreyòl): "c'est combien ?", "c'est gratuit ?".
              "combien", "prix", "gratuit")),
    ("papers", ("papeles", "requisitos", "documentos", "que necesito", "que ocupo",
                "que me piden", "papers", "requirements", "documents", "what do i need",
                # A permit asked after the answer on transit ("¿y pa sacar permiso?"): the
                # INM's, not a US visa.
                "permiso", "permisos", "permit", "permits", "pemi", "permis",
                "papye", "dokiman", "kisa m bezwen", "como me inscribo", "como la inscribo",
                "como lo inscribo", "como me registro", "como se tramita", "como la tramito",
                "como lo tramito", "como la saco", "como lo saco", "sign up", "signs up",
                "how do i apply", "how does she apply", "how does he apply", "how to apply",
                "kijan pou m enskri", "kijan m enskri", "kijan pou l enskri",
                # How to get it: "how do i get the card", "¿cómo la consigo?", "y cómo le hago".
                "how do i get", "how can i get", "how do we get", "how does she get",
                "how does he get", "como la consigo", "como lo consigo", "como consigo",
                "como obtengo", "como le hago", "como le hacemos", "kijan pou m jwenn",
                "kijan m ka jwenn", "kouman pou m jwenn",
                # What to take along: "what do we need to bring", "¿qué hay que llevar?".
                "does he need", "does she need", "do i need", "do we need", "do they need",
                "need anything", "necesita algo", "necesito algo", "ocupa algo", "ocupo algo",
                "what do we need", "what does he need", "what does she need", "what do they need",
                "what should we bring", "what should i bring", "what to bring", "need to bring",
                "que necesitamos", "que tenemos que llevar", "que hay que llevar", "que llevo",
                "que llevamos", "kisa nou bezwen", "kisa pou m pote", "kisa pou nou pote")),
    # Kreyòl "ki lè" is "what time" and "when": the hours only beside opening or closing ("ki lè
    # nou louvri?"), otherwise when ("kilè l ap kòmanse?", ``_ASKS_WHEN``).
    ("hours", ("horario", "a que hora", "que hora", "abren", "cierran", "que dias",
               "hours", "what time", "open", "ki jou", "ki ke", "louvri", "ouve", "femen",
               "quelle heure", "horaires", "ouvert")),
    # When (issue 11bi): a date, a deadline, a call for applications, or a question that opens
    # with "cuándo" ("¿y cuándo salen?", "until when?", ``_ASKS_WHEN``).
    ("when", ("fecha", "fechas", "que fecha", "fecha limite", "plazo", "convocatoria",
              "convocatorias", "deadline", "deadlines", "what date", "which date", "due date",
              "ki dat", "dat limit", "date limite", "quelle date")),
    ("family", ("esposa", "esposo", "mi hijo", "mi hija", "mis hijos", "mi mama", "mi papa",
                "mis papas", "mi familia", "familia", "mi jefa", "mi señora", "mi vieja",
                "wife", "husband", "my son", "my daughter", "my kids", "my mom", "my dad",
                "my family", "family", "my parents", "madanm", "mari m", "pitit", "fanmi")),
    ("food", ("comida", "comer", "de comer", "desayuno", "desayunos", "food", "eat",
              "breakfast", "meal", "meals", "manje", "manger", "nourriture", "repas")),
    ("where", ("donde", "adonde", "direccion", "ubicacion", "en que lugar", "where",
               "address", "location", "ki kote", "kote",
               # Where to sleep is where (a shelter's followup): "m bezwen yon kote pou m domi";
               # French: "où est-ce qu'on peut dormir ce soir ?", "où se trouve le bureau ?".
               "domi", "dormir", "ou est ce", "ou se trouve", "ou peut on", "ou on peut",
               "adresse",
               # ... and a shelter asked of: "eske gen abri", "¿y hay albergue?" (issue 11da).
               "albergue", "albergues", "shelter", "shelters", "abri", "abri yo")),
    # The body brought home after a death (issue 11da): "¿nos ayudan con el traslado?".
    ("transfer", ("traslado", "trasladar", "repatriacion", "repatriar", "el cuerpo",
                  "su cuerpo", "los restos", "sus restos", "the body", "his body", "her body",
                  "remains", "repatriation", "repatriate", "ship the body", "ko a", "ko li",
                  "kadav", "rapatriman", "rapatriye")),
    ("aid", ()),  # money, a ride, food given: ``asks_given``
)
_NEED_NOW = (
    "sin dinero", "ni dinero", "no tengo dinero", "sin un peso", "sin pila", "ni pila",
    "sin celular", "sin bateria", "no tengo donde", "donde dormir", "donde quedarme",
    "sin comer", "hambre", "no tengo nada", "ayuda", "ayudenme", "auxilio", "no money",
    "no phone", "nowhere", "no place to", "help me", "stranded", "hungry", "pa gen kob",
    "pa gen lajan", "grangou", "ede m", "pa gen kote", "en la calle", "on the street",
    "no tengo a donde", "a donde ir", "donde ir", "sin nada", "nowhere to go",
    "no tengo con quien", "pa konn kote",
    # Told of the person they write for: "no tiene dinero pa llegar", "he has no money".
    "no tiene dinero", "no trae dinero", "no tiene ni para", "no tiene para el", "no tiene pa",
    "no tiene donde", "has no money", "doesn t have money", "doesn t have any money",
    "does not have money", "don t have money", "don t have any money", "dont have money",
    "has nowhere", "no place to stay",
    # Left with nothing: "she is in tijuana with nothing", "li la san anyen".
    "with nothing", "left with nothing", "has nothing", "san anyen",
)
# The same told with any "not have": "he doesnt have any money or id", "no traemos ni un
# peso", "nou pa gen manje", "we dont got a phone" (``sounds_in_need``).
_NEED_NOT_HAVE = re.compile(
    r"\b(?:(?:no|ni|doesn ?t|don ?t|didn ?t|does not|do not|pa) (?:tiene|tengo|tenemos|tienen"
    r"|trae|traigo|traemos|traen|have|has|got|gen)|(?:has|have|got) no|sin|without|san)"
    r"(?: (?:any|ni|nada|de|un|una|yon|a|no|su|sus|her|his|my|mi|mis)){0,2}"
    r" (?:dinero|peso|lana|feria|money|cash|dollar|kob|lajan|celular|cel|telefono|phone|pila"
    r"|bateria|battery|comida|food|manje|donde|where|kote|place|lugar|casa"
    # ... or the medicine someone lives on: "hes diabetic and has no insulin".
    r"|insulina|insulin|medicina|medicinas|medicamento|medicamentos|medicine|meds|pastillas"
    r"|pills|medikaman|renmed)\b")
_LANG_NAMES = {
    "es": ("espanol", "spanish", "castellano", "espagnol", "panyol"),
    "en": ("ingles", "english", "angle", "anglais"),
    "ht": ("kreyol", "creole", "criollo", "haitiano", "ayisyen", "creol", "kreol"),
}


def _has(folded: str, phrase: str) -> bool:
    """``phrase`` appears in ``folded`` as whole words."""
    return f" {phrase} " in f" {folded} "


def yes_or_no(folded: str) -> str | None:
    """A short answer to a yes/no question: "yes", "no", or None ("sí, por favor" is yes;
    "no, gracias" is no; a longer message is not an answer but a new message)."""
    if folded in YES:
        return "yes"
    if folded in NO:
        return "no"
    words = folded.split()
    if not words or len(words) > 4:
        return None
    if words[0] in _YES_START and not set(words[1:]) & _NEGATIONS:
        return "yes"
    if words[0] in _NO_START:
        return "no"
    return None


# "Not now" said to "¿Quieres que te comunique?": "ahorita no, estoy en el jale, luego les
# escribo", "not now, im at work", "pa kounya a, m nan travay": a no, never a topic or a goodbye
# read in the rest ("m nan travay" read as jobs).
_NOT_NOW = re.compile(r"^(?:no )?(?:ahorita no|ahora no|todavia no|aun no|orita no|horita no"
                      r"|not now|not yet|not right now|maybe later|pa kounya a?|pa kounye a?"
                      r"|poko|pa konnye a)\b")


def not_now(folded: str) -> bool:
    """True when a message opens with "not now" ("ahorita no, luego les escribo")."""
    return bool(_NOT_NOW.search(folded))


# "Never mind" said to "¿borramos tus datos?" ("no mejor no", "forget it", "non, kite sa"):
# nothing is erased whatever the answer, and this one is told so, not "no entendí".
_TAKE_BACK = ("mejor no", "never mind", "nevermind", "nvm", "forget it", "olvidalo", "olvidelo",
              "dejalo", "dejelo", "no importa", "kite sa", "kite l", "bliye sa", "pa efase",
              "no borres", "no borren", "don t", "dont", "cancel", "cancela", "anile")


# "Only that one" said to "I can't delete one message, erase everything?": the person wants one
# thing gone, not all; nothing is erased and they are told so ("solo ese", "ese nomas, lo demas
# no", "just that one", "sèlman sa a").
_ONLY_THAT = re.compile(r"\b(?:solo|solamente|nomas|nada mas|nadamas|only|just|selman|senlman"
                        r"|annik)\b")


# ... or refuses the rest, or "that": "not that, the rest no", "eso no, lo demás tampoco", "pa sa,
# rès la non" (issue 11av: the classifier read these 4-6 words as an emergency at 0.25-0.56,
# above the 3 words ``bot.danger.says_nothing`` covers). A refusal needs a negation: "sí, lo demás
# también" is no such answer.
_THE_REST = re.compile(r"\b(?:lo demas|los demas|las demas|todo lo demas|el resto|lo otro"
                       r"|los otros|the rest|everything else|the others|the other ones"
                       r"|the other stuff|res la|res yo|lot yo|lot bagay yo|tout lot)\b")
_NOT_THAT = re.compile(r"^(?:(?:no|non|nope) )?(?:(?:eso|esto|ese|esa|that|this|that one) (?:no|not"
                       r"|nope|tampoco)|(?:not|pa) (?:that|this|sa))\b")
_REFUSED = frozenset({"no", "not", "nope", "tampoco", "non", "pa", "nada", "neither", "nothing"})


def erase_kept_to_one(folded: str) -> bool:
    """True when a short answer to the erasure question keeps it to one thing ("solo ese") or
    refuses the rest or "that" ("not that, the rest no"): nothing is to be erased."""
    if len(folded.split()) > _LEAVE_SHORT or erase_confirmed(folded):
        return False
    refused = bool(set(folded.split()) & _REFUSED)
    return bool(_ONLY_THAT.search(folded)) or bool(_NOT_THAT.search(folded)) \
        or refused and bool(_THE_REST.search(folded))


def erase_taken_back(folded: str) -> bool:
    """True when the answer to the erasure question takes it back: a no, or a short "never
    mind" ("no mejor no", "forget it", "non, kite sa")."""
    if yes_or_no(folded) == "no":
        return True
    padded = f" {folded} "
    return len(folded.split()) <= _LEAVE_SHORT and any(f" {p} " in padded for p in _TAKE_BACK)


def _erase_verbs(words: list[str]) -> list[int]:
    return [i for i, w in enumerate(words) if w.startswith(_ERASE_VERBS) or w in _ERASE_WORDS]


def _negated(words: list[str], at: int) -> bool:
    """A negation in the 4 words before ``at``, in its own clause: "ya no quiero mensajes y
    borren mi numero" asks for erasure, "no borren mis datos" does not."""
    start = max(0, at - 4)
    cut = max((i + 1 for i in range(start, at) if words[i] in _CLAUSE_JOINS), default=start)
    return any(_negation(words, i) for i in range(cut, at))


def _negation(words: list[str], i: int) -> bool:
    """``words[i]`` negates: Kreyòl "pa efase", never Spanish "pa" (para) before an infinitive
    ("como le hago pa borrar mis datos", "pa dejar de recibir mensajes") nor Kreyòl "pa erè",
    "pa aksidan" (by mistake: "m voye foto a pa erè, efase l")."""
    if words[i] not in _NEGATIONS:
        return False
    return words[i] != "pa" or not words[i + 1:i + 2] or not (
        words[i + 1].endswith(("ar", "er", "ir")) or words[i + 1] in ("ere", "aksidan"))


def erase_refused(folded: str) -> bool:
    """True when an erase verb is negated: "no borres nada", "don't delete my data"."""
    words = folded.split()
    verbs = _erase_verbs(words)
    return bool(verbs) and _negated(words, verbs[0])


# An erasure asked about as a what-if: "y si los borro ya no me pueden ayudar?", "if i delete
# it can you still help me?", "si m efase yo, nou ka ede m toujou?". What happens, not an
# erasure (``erase_if``): the indicative "si borro" is a what-if, the imperative "sí, bórralos"
# (folded "si borralos") is not.
_ERASE_IF = re.compile(
    r"\b(?:si (?:yo |ya )?(?:(?:los|lo|las|la|me|mis datos) )?"
    r"(?:borro|borramos|borras|borran|elimino|eliminamos|eliminas|eliminan|quito|quitan)"
    r"|si (?:les |le )?pido (?:que )?(?:los |lo )?(?:borren|eliminen)"
    r"|if (?:i|we|you) (?:delete|erase|remove|ask you to (?:delete|erase))"
    r"|si (?:m|mwen|nou|ou) (?:efase|retire|mande (?:nou )?efase))\b")


def erase_if(folded: str) -> bool:
    """True when the message asks what happens if the person's data is erased ("y si los borro
    ya no me pueden ayudar?"): an answer about erasure, never an erasure."""
    return _ERASE_IF.search(folded) is not None


# An erasure asked for when the case is over: "can you delete my number after this?", "cuando
# terminen borren mis datos", "efase done m yo le nou fini". Not now (``erase_later``): whoever
# is waiting for a person would lose the case; they are told how to erase when they are done.
# (Without a case, "answer this, then delete my data" is a question and the erasure asked.)
_ERASE_LATER = re.compile(
    r"\b(?:after (?:this|that|all this|everything|we re done|you re done|it s over)"
    r"|(?:when|once) (?:this|it|we|you|i|everything|all this|the case|my case)\b.{0,25}?"
    r"\b(?:done|over|finish\w*|solved|resolved|fixed|closed|sorted)"
    r"|afterwards?|later on|at the end"
    r"|despues|al final|mas tarde|al rato|al terminar|una vez que"
    r"|cuando (?:termine\w*|acab\w+|se (?:resuelva|arregle|acabe|termine)|ya (?:no|este|quede|se)"
    r"|todo (?:esto )?(?:pase|termine|se)|me (?:ayuden|atiendan|resuelvan))"
    r"|apre sa|apre (?:nou|ou|m|mwen) fini|pita|(?:le|lè) (?:nou|ou|m|mwen|sa|tout bagay)\b.{0,15}?"
    r"\bfini)\b")
_ERASE_NOW = re.compile(r"\b(?:now|right away|ahora|ahorita|ya mismo|de una vez|luego luego"
                        r"|kounye a|tout suit)\b")


def erase_later(folded: str) -> bool:
    """True when an erasure is asked for later, when the case is over, not now."""
    return bool(_ERASE_LATER.search(folded)) and not _ERASE_NOW.search(folded)


# One message or photo to delete ("te mande una foto por error, borrala", "oops wrong pic,
# delete that photo", "efase dènye mesaj la"): this chat cannot delete one, only everything of
# the person's, so it says so before asking (``erase_one``). A loss told is no such request.
_ONE_ITEM = re.compile(
    r"\b(?:fotos?|photos?|pics?|pictures?|imagen|image|screenshot|captura|audios?|videos?"
    r"|nota de voz|voice (?:note|message)|mensaje|message|text|vokal"
    r"|(?:yon|denye) mesaj|mesaj (?:sa|la)(?! yo))\b")
_HOW_TO = re.compile(r"\b(?:como|how (?:do|can|to)|kouman|kijan)\b")  # "como borro un mensaje"
_LOSS_TOLD = re.compile(
    rf"\b(?:{_LOSS}|send (?:it|them) again|voye (?:yo|l|li) (?:ank|ank\w+))\b")
# "By mistake" after the verb tells of an erasure ("efase mesaj yo pa erè"); before it, or
# after a verb of sending, of what was sent ("voye foto a pa erè, efase l", "delete the audio
# i sent by mistake").
_BY_MISTAKE = re.compile(rf"\b(?:{_MISTAKE})\b")
_SENT_BY_MISTAKE = re.compile(r"\b(?:sent|send|mande|envie|voye)\b.{0,12}" + _BY_MISTAKE.pattern)


# A photo or a post somewhere else (a social network, the gallery, posted by someone): "borrar las
# fotos que subió mi esposo a facebook", "delete the pictures my ex posted on instagram", "efase
# foto li mete sou facebook yo". Nothing of this chat: never an erasure asked (``erase_one``).
_ELSEWHERE = re.compile(
    r"\b(?:facebook|fb|instagram|insta|tiktok|twitter|youtube|snapchat|internet|google"
    r"|redes sociales|red social|social media|posted|posteo|subio|subieron|publico|publicaron"
    r"|pibliye|poste|mete sou|galeria|gallery)\b")


def erases_elsewhere(folded: str) -> bool:
    """True when an erasure is asked of something outside this chat (a post on a social
    network, a photo in the gallery): a request this chat cannot do, never an erasure."""
    words = folded.split()
    verbs = _erase_verbs(words)
    return bool(verbs) and not _negated(words, verbs[0]) and bool(_ELSEWHERE.search(folded))


def erase_one(folded: str) -> bool:
    """True when the message asks to delete one message, photo or voice note of this chat."""
    words = folded.split()
    verbs = _erase_verbs(words)
    if not verbs or _negated(words, verbs[0]) or not _ONE_ITEM.search(folded) \
            or _ELSEWHERE.search(folded):
        return False
    after = " ".join(words[verbs[0] + 1:])
    told = _BY_MISTAKE.search(after) and not _SENT_BY_MISTAKE.search(after)
    return not (_LOSS_TOLD.search(folded) or _ERASE_IF.search(folded) or _HOW_TO.search(folded)
                or told)


def erase_request(folded: str) -> bool:
    """True when the message asks to erase the person's data: an erase verb, not negated,
    about their data (or nothing else) in its own clause: "borrar mis datos", "delete",
    "efase done mwen yo", "qué guardan de mí y bórrenlo"."""
    words = folded.split()
    verbs = _erase_verbs(words)
    if not verbs or _negated(words, verbs[0]) or _ERASE_TOLD.search(folded):
        return False
    rest = {w for i, w in enumerate(words) if i not in verbs}
    if rest & _OTHER_OBJECTS and not _OWN_WORDS.search(folded):
        return False
    if rest & _DATA_WORDS or rest <= _ERASE_FILLERS or _OWN_WORDS.search(folded):
        return True
    # Or nothing else in the verb's own clause: the question before it ("qué guardan de mí y
    # bórrenlo") is another command (bot.compose.command_pair), not the erasure's object.
    start = max((i + 1 for i, w in enumerate(words[:verbs[0]]) if w in _CLAUSE_JOINS), default=0)
    end = next((i for i, w in enumerate(words) if i > verbs[0] and w in _CLAUSE_JOINS),
               len(words))
    return {w for i, w in enumerate(words[start:end], start) if i not in verbs} <= _ERASE_FILLERS


def erase_confirmed(folded: str) -> bool:
    """True when the answer to "¿borramos tus datos?" confirms it (sí, yes, wi, borrar...)."""
    words = set(folded.split())
    verbs = {w for w in words if w.startswith(_CONFIRM_VERBS)}
    allowed = _CONFIRM_WORDS | _CONFIRM_EXTRA
    return bool(words & _CONFIRM_WORDS or verbs) and words - verbs <= allowed


def explicit_stop(folded: str, text: str = "") -> bool:
    """True for an explicit stop phrase ("stop", "ya no quiero mensajes", "STOP pls"); a bare
    "no" is not, nor a phrase about something else or negated (``_stop_said``). ``text``, the
    message as written, tells "no, dejen de mandarme" (an answer, then a stop) from "no dejen de
    mandarme lo de la app" (don't stop)."""
    words = folded.split()
    # A stop word that means nothing else, then a word or two ("stop pls", "basta por favor");
    # not "stop, wait" / "stop, espera" / "stop, tann" (hold on, said while writing).
    # Not "stop eating", "sispann manje depi yè", "stop the bus" (``_stops_else``).
    if words and words[0] in _STOP_WORDS and len(words) <= STOP_WORDS_AFTER + 1:
        return not set(words[1:]) & _WAIT and not _stops_else(words[1:])
    if folded in _STOP_EXACT:
        return True
    for phrase, before, after in _stop_phrases(folded):
        # A bare "no" first is an answer ("no, stop texting me"); before the Spanish "dejen de
        # ..." it is one only when a comma or a stop says so ("no dejen de mandarme" is "don't
        # stop sending me").
        answer = before == ["no"] and (not phrase.startswith("dej")
                                        or bool(_NO_FIRST.match(text)))
        if _stop_said(before, phrase, after, answer):
            return True
    return False


# A stop word said of something else than our messages (issue 11bn): an activity ("stop
# eating", "i stopped taking my meds", "sispann manje depi yè", "kanpe travay") or a thing
# ("stop the bus", "basta de lluvia"). Neither a stop nor an "ok 👍": the rest of the engine
# reads the message. What is sent to the person stays a stop ("stop sending", "sispann voye
# m mesaj", "basta de mensajes", "stop bothering me").
_STOP_SENSES = frozenset({"stop", "stops", "stopped", "stopping", "sispann", "kanpe", "basta"})
_AT_US = ("mand", "envi", "escrib", "mensaj", "llam", "molest", "pregunt", "send", "text",
          "txt", "messag", "msg", "writ", "contact", "call", "bother", "spam", "bug", "notif",
          "receiv", "get", "ping", "email", "repl", "respond", "answer", "talk", "chat",
          "question", "ask", "voye", "ekri", "mesaj", "rele", "deranje", "resevwa", "kesyon",
          "poze")
# Kreyòl verbs of what a person does ("sispann manje", "kanpe travay", "sispann pran
# medikaman").
_DOING_HT = frozenset({"manje", "bwe", "travay", "pran", "domi", "mache", "kouri", "jwe",
                       "fimen", "respire", "vomi", "kriye", "priye", "etidye", "aprann",
                       "kondwi", "peye", "achte", "chache", "tete", "benyen", "lave"})
# Words in -ing that are no activity: "stop everything", "stop being so annoying".
_NOT_DOING = frozenset({"nothing", "everything", "something", "anything", "thing", "being"})
# A thing named after the stop word: "stop the bus", "basta de lluvia".
_A_THING = frozenset({"de", "del", "the", "a", "an", "my"})


def _stops_else(after: list[str]) -> bool:
    """True when ``after``, the words after a stop word, name an activity or a thing that is
    not our messages (``_STOP_SENSES``)."""
    said = [w for w in after if w not in _DETERMINERS | _A_THING | _LESS_OF]
    if not said or said[0].startswith(_AT_US) or said[0] in _OURS:
        return False
    first = said[0]
    if first in _DOING_HT:
        return True
    if first.endswith("ing") and len(first) > 4 and first not in _NOT_DOING:
        return said[1:2] not in (["me"], ["us"])  # not "stop following me"
    return after[0] in _A_THING


def stops_else(folded: str) -> bool:
    """True when a stop word in ``folded`` is said of an activity or another thing, not of our
    messages ("sispann manje depi yè", "stop the bus"; ``_stops_else``)."""
    words = folded.split()
    return any(_stops_else(words[i + 1:]) for i, w in enumerate(words) if w in _STOP_SENSES)


def _stop_phrases(folded: str) -> Iterator[tuple[str, list[str], list[str]]]:
    """Each stop phrase found in ``folded``, as whole words: the phrase, the words before it
    and the words after it."""
    padded = f" {folded} "
    for phrase in _STOP_PHRASES:
        at = padded.find(f" {phrase} ")
        while at >= 0:
            yield phrase, padded[:at].split(), padded[at + len(phrase) + 2:].split()
            at = padded.find(f" {phrase} ", at + 1)


def _clause_start(before: list[str]) -> int:
    """Where the clause of the words that follow ``before`` starts (after its last "y", "and",
    "pero"...)."""
    return max((i + 1 for i, w in enumerate(before) if w in _CLAUSE_JOINS), default=0)


# A stop phrase that asks for nothing from us: negated ("que no dejen de mandar información"),
# told of someone else ("mi jefe me dijo no me mandes mensajes al trabajo"), or about sending
# something else ("stop sending him money", "fanmi m pa voye m lajan", "don't send money").
_SAID = re.compile(r"\b(dijo|dice|dijeron|dicen|decia|says|(he|she|they) (said|told)"
                   r"|told (me|him|her|us|them)|(li|yo) di)\b")
_SENT_ELSE = frozenset({"dinero", "lana", "feria", "money", "cash", "lajan", "kob", "remesa",
                        "remesas", "remittances", "paquete", "paquetes", "package", "packages",
                        "him", "her", "them", "dolares", "dollars", "dola", "pesos"})

_SENT_WHERE = frozenset({"al", "con", "back", "tounen"})
_SOMEWHERE = frozenset({"otro", "otra", "otros", "la", "el", "another", "other", "the",
                        "someone", "alguien"})
# Pronouns between a negation and the verb it negates: "no me dejen de escribir".
_CLITICS = frozenset({"me", "te", "nos", "le", "les", "lo", "la", "los", "las", "se"})
# Who the messages go to, right after the phrase: "stop sending ME the menu".
_TO_US = frozenset({"me", "m", "mwen", "us", "nos"})
# "No, dejen de ...": a "no" that answers, then a stop.
_NO_FIRST = re.compile(r"\s*no\s*[,.;:!¡]", re.IGNORECASE)


# Less of one thing, not silence: "stop sending me the menu", "ya no me mandes tantos mensajes,
# nomás dime el teléfono", "pa voye m menu a ankò". The person is answered and told how
# to stop for good; nothing is silenced (``less_asked``).
_LESS_OF = frozenset({"menu", "menus", "lista", "opciones", "options", "list", "tantos",
                      "tantas", "tanto", "tanta", "so", "too", "long", "largos", "largo",
                      "emojis", "emoji", "opsyon", "lis", "anpil", "twop", "privacy",
                      "privacidad", "same", "mismo", "misma", "mismos"})


# What is sent, after the words of _LESS_OF: "tantos mensajes", "the same message".
_SENT_WHAT = frozenset({"mensajes", "mensaje", "messages", "message", "texts", "mesaj", "cosas",
                        "things", "a", "ankò", "anko"})


def less_asked(folded: str) -> str | None:
    """When a stop phrase asks for less of one thing (the menu, so many or so long messages,
    the same message again), not for no more messages at all: the words beside that request
    (what else the message asks, often nothing). None otherwise."""
    for _phrase, before, after in _stop_phrases(folded):
        skip = 1 if after[:1] and after[0] in _TO_US else 0
        said = after[skip:skip + 3]
        if set(said) & _LESS_OF:
            cut = skip + max(i + 1 for i, w in enumerate(said) if w in _LESS_OF | _SENT_WHAT)
            return " ".join([*before, *after[cut:]])
    return None


# A stop asked of later or of a what-if: "y si quiero dejar de recibir sus mensajes después?",
# "if i ever want to stop getting texts", "si m vle sispann resevwa mesaj yo pita". How, not now:
# nothing is silenced (``stop_later``).
_IF_WANT = ("si quiero", "si queremos", "si quisiera", "si yo quiero", "if i want", "if i wanna",
            "if i ever want", "if we want", "what if i", "si m vle", "si mwen vle")
_LATER = frozenset({"despues", "luego", "later", "pita", "someday"})


def _later(clause: list[str], after: list[str]) -> bool:
    """True when the stop phrase's own clause opens with a what-if or ends in a word of later."""
    words = clause[:-1] if clause[-1:] in (["to"], ["de"], ["pa"], ["para"]) else clause
    said = " ".join(words[-4:])
    return any(said.endswith(w) for w in _IF_WANT) or bool(set(after[:5]) & _LATER)


def stop_later(folded: str) -> bool:
    """True when a stop phrase is asked of later or of a what-if, not for now (``_later``)."""
    return any(_later(before[_clause_start(before):], after)
               for _phrase, before, after in _stop_phrases(folded))


def _stop_said(before: list[str], phrase: str, after: list[str], answer: bool = False) -> bool:
    """True when ``phrase``, between ``before`` and ``after``, asks us to stop (``answer``: a
    bare "no" before it answers something, it does not negate the phrase)."""
    cut = _clause_start(before)
    clause = before[cut:]
    # The word that negates the phrase may stand before a pronoun: "no me dejen de escribir".
    k = len(before) - 1
    while k > cut and before[k] in _CLITICS:
        k -= 1
    if clause and not answer and _negation([*before[:k + 1], phrase.split()[0]], k):
        return False
    if _SAID.search(" ".join(clause[-4:])) or _later(clause, after):
        return False
    # Someone named before a Kreyòl "pa ...": "pitit mwen an pa ekri m depi 2 jou" tells that a
    # child does not write, it asks nothing of us (issue 11ag); "tanpri pa ekri m" does.
    if phrase.startswith("pa ") and clause[-1:] and clause[-1] in _KREYOL_SUBJECT_END:
        return False
    # Sent somewhere, not messages: "no me manden a otro lado", "don't send me back".
    where = after[1:] if after[:1] and after[0] in _TO_US else after
    if where[:1] and where[0] in _SENT_WHERE or where[:1] in (["a"], ["to"]) and \
            where[1:2] and where[1] in _SOMEWHERE:
        return False
    if where[:1] and where[0] in _TO_US:
        where = where[1:]
    # Leaving something else: "darme de baja del programa de la tarjeta", "unsubscribe from
    # the newsletter of my gym"; "dar de baja de sus mensajes" is us.
    # "unsubscribe me from the school newsletter": the same with a pronoun first.
    left = after[1:] if after[:1] and after[0] in _TO_US else after
    if phrase in _UNSUBSCRIBE and left[:1] in (["de"], ["del"], ["from"]) and \
            not set(left[1:4]) & _OUR_THINGS:
        return False
    return not set(after[:3]) & _SENT_ELSE and not set(where[:3]) & _LESS_OF \
        and not _sends_someone(after)


# A person sent somewhere, not messages: "stop sending my brother to the desert", "dejen de
# mandar a mi hijo al otro lado", "sispann voye pitit mwen nan dezè a". A family trying to
# keep someone from a crossing gets the warning, never "I can't stop messages for another".
_TOWARD = frozenset({"to", "into", "across", "over", "al", "pal", "para", "hacia", "con", "nan",
                     "lot", "ale", "with"})


def _sends_someone(after: list[str]) -> bool:
    """True when the words after a "stop sending" name a relative and then where they go."""
    at = next((i for i, w in enumerate(after[:4]) if w in _OTHERS), None)
    return at is not None and bool(set(after[at + 1:at + 4]) & _TOWARD)


#: How a Kreyòl subject ends ("pitit mwen an", "manman m", "li", "yo"): before "pa ekri m" it
#: says who does not write.
_KREYOL_SUBJECT_END = frozenset({"li", "l", "yo", "an", "la", "a", "nan", "lan", "m", "mwen",
                                 "nou", "ou"})
_UNSUBSCRIBE = frozenset({"dar de baja", "darme de baja", "dame de baja", "unsubscribe"})
_OUR_THINGS = frozenset({
    "mensajes", "mensaje", "messages", "message", "chat", "lista", "list", "notificaciones",
    "notifications", "texts", "text", "sms", "whatsapp", "este", "esta", "esto", "aqui", "this",
    "these", "here", "ustedes", "you", "your", "sus", "su", "todo", "everything", "all", "bot",
    "servicio", "service", "smei", "nou", "mesaj"})


# Someone else's data or messages: "borren los datos de mi hermano", "my brother wants to
# unsubscribe", "efase done frè m". This chat can erase or silence only itself: the person is
# told so, and how the other one can ask; nobody is erased or silenced in someone's place.
_OTHERS = frozenset({
    "hermano", "hermana", "mama", "mami", "papa", "papi", "padre", "madre", "hijo", "hija",
    "esposo", "esposa", "marido", "novio", "novia", "amigo", "amiga", "tio", "tia", "abuelo",
    "abuela", "abuelita", "abuelito", "primo", "prima", "vecino", "vecina", "suegro", "suegra",
    "cunado", "cunada", "compadre", "comadre", "brother", "sister", "mom", "mother", "mum",
    "dad", "father", "son", "daughter", "wife", "husband", "boyfriend", "girlfriend", "friend",
    "uncle", "aunt", "grandma", "grandmother", "grandpa", "grandfather", "cousin", "neighbor",
    "his", "her", "fre", "manman", "pitit", "madanm", "mari", "zanmi", "tonton", "matant",
    "kouzen", "kouzin", "grann", "soeur", "frere", "mere", "pere", "femme", "fille", "fils",
    "tante", "oncle", "cousine", "amie", "voisin", "voisine", "ses", "leur", "leurs",
})
# ... or told in Kreyòl by whose the data are ("efase done li", "nimewo l", "done sè m"), or by
# a question relayed for someone named ("sè m vle konnen si...", "ma sœur veut savoir si...":
# ``bot.scope.relayed_by_someone``).
_THEIRS = re.compile(
    r"\b(?:done|nimewo|mesaj|enfomasyon|informasyon) (?:li|l|(?:se|so) (?:m|mwen))\b")
# ...unless the person's own data or messages are named too ("bórrenme, mi hermano me dio el
# número"): then it is theirs.
_MINE = (
    "mis datos", "mi numero", "mi informacion", "mis mensajes", "mi historial", "lo mio",
    "me manden", "me mandes", "me envien", "me escriban", "me escribas", "me lleguen",
    "me borren", "me borres", "me den de baja", "mandarme", "escribirme", "enviarme",
    "borrarme", "darme de baja", "dame de baja", "denme de baja", "my data", "my info",
    "my information", "my number", "my messages", "my history", "about me", "text me",
    "send me", "sending me", "message me", "messaging me", "texting me", "contact me",
    "contacting me", "write me", "writing me", "unsubscribe me", "remove me", "delete me",
    "done mwen", "nimewo mwen", "enfomasyon mwen", "mesaj mwen", "voye ban mwen", "ekri m",
    "ekri mwen", "efase m", "what i wrote", "what i said", "what i sent", "lo que escribi",
    "lo que les escribi", "lo que puse", "lo que les dije", "lo que les conte", "lo que mande",
    "sa m te ekri", "sa m ekri", "sa mwen te ekri", "sa m te di", "quede registrado",
    "done m", "nimewo m", "mesaj m", "mes donnees", "mon numero", "mes messages",
    "quede guardado", "it saved", "it stored", "it recorded",
)


def for_someone_else(folded: str) -> bool:
    """True when an erasure or a stop is asked for another person (a relative, a friend: "the
    data of my brother", "his number"), not for the one writing; not when the stop is about
    sending that person somewhere ("dejen de mandar a mi hijo al otro lado")."""
    others = bool(set(folded.split()) & _OTHERS) or _THEIRS.search(folded) is not None \
        or scope.relayed_by_someone(folded)
    return others and not any(_has(folded, p) for p in _MINE) \
        and not any(_sends_someone(after) for _p, _b, after in _stop_phrases(folded))


_LEAVE_PHRASES = (
    "ya no necesito", "ya no quiero hablar", "ya se resolvio", "ya lo resolvi",
    "ya no es necesario", "ya no hace falta", "olvidalo", "olviden", "never mind",
    "nevermind", "no longer need", "don t need anymore", "dont need anymore",
    "i m fine now", "pa bezwen ankò", "pa bezwen anko", "don t need it anymore",
    "dont need it anymore", "don t need one anymore", "dont need one anymore", "ya no importa",
    "forget it", "nvm",
    "doesn t matter anymore", "pa enpotan anko",
    # The answer found elsewhere, or what was said taken back.
    "ya encontre la respuesta", "ya me contestaron", "ya me resolvieron", "ya quedo resuelto",
    "found the answer", "already got an answer", "got my answer", "m jwenn repons",
    "cancela lo que dije", "cancel what i said", "anile sa m te di",
    # Calling the office instead: "mejor les marco", "i'll call the office instead".
    "mejor les llamo", "mejor les marco", "mejor llamo", "mejor marco", "call instead",
    "office instead", "rele pito", "biwo a pito",
    # Written to the wrong place: "me equivoqué de número", "wrong number, sorry".
    "me equivoque de numero", "me equivoque de chat", "numero equivocado", "wrong number",
    "wrong chat", "m twonpe nimewo", "se pa bon nimewo a", "m fe ere nimewo",
    # Not "no puedo esperar" / "m pa ka tann": that is hurry, not leaving.
    "ya no quiero esperar", "no quiero esperar", "ya no voy a esperar", "no voy a esperar",
    "don t want to wait", "dont want to wait", "m pa vle tann", "pa vle tann anko",
    # Solved on one's own: "ya lo arreglé", "i already sorted it out", "m jwenn solisyon".
    "ya lo arregle", "ya se arreglo", "sorted it out", "figured it out", "worked it out",
    "all sorted", "m jwenn solisyon", "m jwenn yon solisyon", "m regle l", "m regle sa",
    "sa regle",
)
# A leave phrase that says something already done ("ya lo resolví"): a "no" before it is an
# answer of its own ("no, ya lo resolví"), not its negation as in "no olviden mi caso".
_DONE_ALREADY = ("ya ", "already ", "i already ", "m ", "sa ")
# A cancel word inside a short message ("m pa vle ankò, anile", "ok cancel"); not "salir" or
# "soti", which are also leaving a place ("m soti Ayiti").
_CANCEL_WORDS = ("cancelar", "cancela", "cancel", "anile", "quit", "exit")
_LEAVE_SHORT = 6


# After a leave phrase, another need: "ya no necesito el dinero, necesito que me ayuden a
# encontrar a mi hijo", "i'm fine now, i need help for my brother".
_STILL_NEED = ("necesit", "ocup", "need", "bezwen")
# In the answer to "¿Ya no necesitas hablar con una persona?": "sí, ayúdenme", "yes I want a
# person" say they still need one.
_NEED_WORDS = ("ayud", "help", "ede", "necesit", "ocup", "need", "bezwen", "urgen", "auxilio",
               "persona", "person", "asesor", "agente", "agent", "moun", "alguien", "someone")


_DETERMINERS = frozenset({"mi", "mis", "la", "el", "los", "las", "un", "una", "my", "the", "a",
                          "an", "that", "this", "esa", "ese", "esta", "este"})
_OUR_CASE = frozenset({"caso", "solicitud", "turno", "lugar", "fila", "peticion", "mensaje",
                       "case", "request", "place", "spot", "line", "ticket", "ka", "demann",
                       "chat", "conversacion", "conversation", "handoff"})


# A cancel word before something of the person's life ("cancela mi cita del consulado",
# "cancel my money transfer", "anile randevou m nan konsila a"): a request this chat cannot do.
# Never "Está bien 👍" (read as done) nor a stop; this chat, its messages or data stay a stop.
_CANCEL_VERB = re.compile(r"(?:cancel|anul|anil)\w*")
_CANCEL_FILLERS = frozenset({"me", "le", "les", "nos", "por", "favor", "porfa", "please", "pls",
                             "plz", "tanpri"})
_OURS = _OUR_CASE | _OUR_THINGS | frozenset({
    "suscripcion", "subscription", "cuenta", "account", "registro", "registration", "datos",
    "data", "numero", "number", "todo", "tout", "sa", "that", "it", "eso", "esto", "pregunta",
    "question", "kesyon"})


def cancels_other(folded: str) -> bool:
    """True when a cancel word names something of the person's own life, not this chat."""
    words = folded.split()
    for i, word in enumerate(words):
        if not _CANCEL_VERB.fullmatch(word):
            continue
        after = [w for w in words[i + 1:i + 6] if w not in _CANCEL_FILLERS]
        if len(after) >= 2 and after[0] in _DETERMINERS and after[1] not in _OURS:
            return True  # "cancela mi cita", "cancel the transfer"
        if len(after) >= 2 and after[0] not in _OURS | _DETERMINERS \
                and after[1] in _KREYOL_SUBJECT_END:
            return True  # "anile randevou m": the Kreyòl determiner comes after
    return False


def wants_to_leave(folded: str) -> bool:
    """True when someone waiting for a person says they no longer need one: it is asked
    ("¿Ya no necesitas hablar con una persona?"), never done at once; never for a phrase
    negated ("no olviden mi caso") or followed by another need."""
    if folded in CANCEL:
        return True
    padded = f" {folded} "
    words = folded.split()
    cancel = [w for w in _CANCEL_WORDS if w in words] if len(words) <= _LEAVE_SHORT else []
    for phrase in (*_LEAVE_PHRASES, *cancel):
        at = padded.find(f" {phrase} ")
        if at < 0:
            continue
        before, after = padded[:at].split(), padded[at + len(phrase) + 2:].split()
        if before[-1:] and before[-1] in _NEGATIONS and not phrase.startswith(_DONE_ALREADY):
            continue  # "no olviden mi caso" (and "no, never mind" stays in line: the safe side)
        if phrase in cancel and after[:1] and after[0] in _DETERMINERS and \
                not set(after[1:3]) & _OUR_CASE:
            continue  # "cancela mi cita con el consulado": something else, not the line
        if not any(w.startswith(_STILL_NEED) for w in after):
            return True
    return False


# A take-back said alone while waiting for a person (issue 11dg): "mejor no", "no ya no,
# gracias", "all good now", "kite sa", "laisse tomber" (Haitians in transit also write French).
# Alone only, with a courtesy word around it: "mejor no le digan a mi esposo" is a detail for the
# team; a bare "ya no", "gracias", "ok" or "no" keeps the place without a word. It is asked
# ("¿Ya no necesitas hablar con una persona?"), never done, and never read as the yes to that
# question (``leave_answer``): "mejor no" may mean "better not leave" there.
_TAKE_BACK_BEFORE = (r"(?:no|nop|nope|non|oh|ah|ok|okay|oki|bueno|pues|ya|mm+|hmm+|ah+|sorry"
                     r"|perdon|actually|well|wi|si|yes|oui|ok ok)")
_TAKE_BACK_AFTER = (r"(?:gracias|muchas gracias|thanks|thank you|thx|ty|mesi|mesi anpil|merci"
                    r"|ok|then|pues|entonces|anyway|anyways|sorry|perdon|ya|lol|jaja+|haha+)")
_TAKE_BACK_CORE = (
    # Spanish
    r"mejor no|mejor ya no|ya no gracias|ya no muchas gracias|dejalo|dejelo|dejalo asi"
    r"|dejelo asi|olvidelo|olvidenlo|no importa|ya no hace falta|no hace falta|ya esta resuelto"
    r"|ya se soluciono|ya lo solucione|ya no ocupo|ya no lo ocupo|ya no se preocupen"
    # English
    r"|all good|all good now|all set|i m all set|im all set|i m good now|im good now"
    r"|it s fine now|its fine now|it s ok now|its ok now|no need|no need anymore"
    r"|not needed anymore|scratch that|forget about it|don t worry about it|dont worry about it"
    # Kreyòl
    r"|kite sa|kite l|kite li|bliye sa|bliye l|bliye li|pa bezwen|pa nesese|sa pa nesese anko"
    r"|tout bagay regle"
    # French
    r"|laisse tomber|laissez tomber|oublie|oubliez|oublie ca|oubliez ca|pas besoin|plus besoin"
    r"|pas la peine|c est bon|c est regle|c est resolu|tant pis")
_TAKE_BACK_ALONE = re.compile(rf"(?:{_TAKE_BACK_BEFORE} )*(?:{_TAKE_BACK_CORE})"
                              rf"(?: {_TAKE_BACK_AFTER})*")


def takes_back(folded: str) -> bool:
    """True when a message waiting for a person is only a take-back ("mejor no", "all good
    now", "kite sa", "laisse tomber"): the person is asked before leaving the line."""
    return bool(_TAKE_BACK_ALONE.fullmatch(folded))


def leave_answer(folded: str) -> str | None:
    """The answer to "¿Ya no necesitas hablar con una persona?": a yes that asks for help or a
    person ("sí, ayúdenme") is a no (stay in line)."""
    answer = yes_or_no(folded)
    if answer == "yes" and any(w.startswith(_NEED_WORDS) for w in folded.split()):
        return "no"
    if answer is None and wants_to_leave(folded):
        return "yes"  # "sí, ya no necesito", "wi m pa bezwen ankò": a yes said in full
    return answer


def asks_how_long(folded: str) -> bool:
    """True when someone waiting asks how long it will take, or says they are still waiting."""
    return any(_has(folded, p) for p in _HOW_LONG)


# What to do meanwhile, asked while waiting for a person (issue 11av): "ok y mientras que hago?",
# "ok what do i do meanwhile?", "ok kisa m fè pandan m ap tann?", "y ahora qué hago?". A question
# that deserves a short answer (911 if in danger now, a person will write, the contacts), not
# the silence every other message of the queue gets (``asks_meanwhile``).
_WHAT_DO = (r"(?:(?:que|q) (?:hago|hacemos|puedo hacer|podemos hacer|debo hacer|debemos hacer"
            r"|tengo que hacer|hay que hacer)|what (?:do|should|can|must) (?:i|we) do|what to do"
            r"|(?:kisa|ki sa|kiss) (?:pou )?(?:m|mwen|nou) (?:ka |dwe |pou |kapab )?fe)")
_MEANTIME = (r"(?:mientras(?: tanto)?|en lo que (?:me |nos )?(?:contestan|contesten|atienden"
             r"|llaman|escriben|esperamos|espero)|meanwhile|in the meantime|while (?:i|we) wait"
             r"|until (?:someone|somebody|they|you) (?:answers?|writes?|calls?|comes?)"
             r"|pandan (?:m|mwen|nou) (?:ap )?tann|pandan (?:tan )?(?:sa|an|la)|ahora|ahorita"
             r"|now|right now|kounye a)")
_MEANWHILE = re.compile(rf"\b(?:{_WHAT_DO}\b.{{0,20}}\b{_MEANTIME}|{_MEANTIME}\b.{{0,20}}"
                        rf"\b{_WHAT_DO})\b")


def asks_meanwhile(folded: str) -> bool:
    """True when someone waiting for a person asks what to do meanwhile (or now)."""
    return _MEANWHILE.search(folded) is not None


# A menu number asked in a few words: "y el 7?", "el 3 tambien porfa", "option 2 please",
# "nimewo 4 tou", in words too: "la dos", "number two", "el segundo", "the second one", "la 2da
# opción", "dezyèm nan". The whole message, so "tengo 2 hijos" or "salen el 15 de mayo" are not.
_NUMBERS = {  # in order from 1, per language: "dos" is 2, "the fifth" 5, "senkyèm" 5
    "es": ("uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince"
           " dieciseis diecisiete", "primero segundo tercero cuarto quinto sexto septimo octavo"
           " noveno decimo", "primera segunda tercera cuarta quinta sexta septima octava novena"
           " decima", "una", "primer"),
    "en": ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
           " fifteen sixteen seventeen", "first second third fourth fifth sixth seventh eighth"
           " ninth tenth"),
    "ht": ("youn de twa kat senk sis set uit nef dis", "premye dezyem twazyem katriyem senkyem"
           " sizyem setyem uityem nevyem dizyem", "en"),
}
_NUMBER_WORDS = {word: (n, lang) for lang, rows in _NUMBERS.items() for row in rows
                 for n, word in enumerate(row.split(), 1)}
_NUMBER_WORDS["tercer"] = (3, "es")  # "el tercer tema"
# Words that alone mean something else ("un segundo", "once", "de", "sis", "el cuarto" is a
# room): a number only beside a word that names the choice ("la segunda opción", "nimewo de").
_NOT_ALONE = frozenset({"segundo", "second", "cuarto", "once", "de", "en", "sis", "set", "una"})
_MENU_NUMBER = re.compile(
    r"(?:y |and |e |epi |ahora |now |tambien |also )?"
    r"(?P<art>(?:el|la|lo del|lo de la|the|number|numero|num|opcion|option|#|nimewo|chwa"
    r"|nomba) ?)?"
    r"(?P<n>\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?:ro|ra|do|da|to|ta|vo|va|no|na|st|nd|rd|th|er|e|yem)?"
    r"(?P<noun> (?:one|opcion|option|tema|topic|nan|lan|la|a))?"
    r"(?: (?:tambien|also|too|tou|porfa|pls|please|plz|tanpri|por favor|gracias|thanks|mesi))*")


def menu_number(folded: str) -> int | None:
    """The menu number a short message asks for ("y el 7?", "la segunda opción"), or None."""
    said = _menu_number(folded)
    return said[0] if said else None


def menu_number_lang(folded: str) -> str | None:
    """The language of a menu number said in words ("number four" en, "senkyèm nan" ht)."""
    said = _menu_number(folded)
    return said[1] if said else None


def _menu_number(folded: str) -> tuple[int, str | None] | None:
    found = _MENU_NUMBER.fullmatch(folded)
    if not found:
        return None
    n = found["n"]
    if n.isdigit():
        return int(n), None
    if n in _NOT_ALONE and not (found["art"] or found["noun"]):
        return None
    return _NUMBER_WORDS[n]


# A short question that points back at the answer just given: "y eso aplica en Irapuato?",
# "does that work for my mom too?", "e sa a, li bon pou Tijuana?" (``refers_back``), or one
# that goes on from it: "y para los que no tienen papeles?", "what about people from texas?".
_POINTS_BACK = re.compile(
    r"^(?:(?:y|e|and|epi|pero|but|ok|oki|ah|oh) )?(?:eso|esto|esa|ese|that|this|it|sa|sa a)\b"
    r"|^(?:y|and|e|epi) (?:(?:eso|esto|that|this|it|sa a) )?(?:\w+ )?(?:tambien|too|also|tou)$"
    r"|\b(?:eso|esto|that|this|it|sa a) (?:aplica|sirve|vale|cuenta|es|funciona|applies|apply"
    r"|works|work|counts|count|is|valid|mache|bon|valab)\b"
    # ... or asks if it is there in a place or for someone: "is it available in texas?", "does
    # it work in georgia", "eske li bon pou Tijuana?" (issue 11bi).
    r"|^(?:(?:and|but|ok|so) )?(?:is|does|will|would|can|are|do) (?:it|that|this|they|those)"
    r" (?:\w+ )?(?:available|valid|work|apply|offered|good for|only for|for)\b"
    r"|^(?:(?:e|epi|men|ok) )?(?:eske|eski) (?:li|l|sa|sa a) (?:\w+ )?(?:bon|mache|valab"
    r"|disponib) (?:pou|nan|an)\b"
    # ... or asks how, where or when to do it: "¿y cómo la descargo?", "donde lo saco", "how do
    # i download it?", "kijan m ka telechaje l?" (after the app: the honest "no tengo ese dato").
    r"|^(?:(?:hola|oye|oiga|hi|hey|bonjou|alo) )?(?:(?:y|e|and|epi|pero|but|ok|oki|ah|oh) )?"
    r"(?:como|donde|cuando|a donde|how|where|when"
    r"|kijan|kouman|kote|ki kote|kile) (?:(?:lo|la|los|las|le) \w+(?: \w+)?"
    r"|(?:do|can|should) (?:i|we|you|she|he) (?:\w+ ){1,2}(?:it|them)"
    r"|(?:m|mwen|nou|li) (?:ka |kapab |dwe )?\w+ (?:li|l|yo))$")
_GOES_ON = re.compile(
    r"^(?:y|and|e|epi) (?:para|pa|si|en|con|los|las|a|for|if|in|with|the|pou|si|nan|ak)\b"
    # Whether it is there in a place or for someone, with no word that points back: "¿sirve en
    # california?", "aplica para los de león?", "works in arizona too?" (issue 11bi).
    r"|^(?:(?:y|and|pero|but|ok|oki|so|tambien|also) )*(?:sirve|sirven|aplica"
    r"|aplican|vale|valen|funciona|funcionan|jala|available|valid|works|applies|disponible)"
    r"(?: (?:tambien|too|also|igual|ahi|alla|there))? (?:en|para|pa|pal|in|for|at|con|with)\b"
    r"|^(?:what|how) about\b|^(?:y )?que tal (?:si|para)\b|^(?:e )?kisa k pase si\b")
# Trouble with what was just answered, and nothing else: "no me deja", "it won't open", "li pa
# mache" after the app: the honest "no tengo ese dato" and the contacts, not "no entendí".
_TROUBLE = re.compile(
    r"^(?:(?:y|pero|ok|oki|oiga|oye|and|but|hey|e|men|epi) )?(?:ya |todavia |aun )?no"
    r" (?:me |la |lo |le )?(?:deja|funciona|jala|abre|carga|baja|descarga|aparece|sale|entra)"
    r"(?: (?:nada|bien|la app|la aplicacion|el link|el enlace|la pagina))?$"
    r"|^(?:(?:and|but|ok|hey|so) )?(?:it |the app |the link |the page )?(?:still )?(?:won t|wont"
    r"|doesn t|doesnt|does not|didn t|didnt|isn t|is not|s not) (?:work|working|open|load"
    r"|download|let me(?: \w+)?)(?: for me)?$"
    r"|^(?:(?:e|men|epi|ok) )?(?:li |l |app la |aplikasyon an )?pa (?:mache|louvri|vle louvri"
    r"|telechaje|vle telechaje)(?: pou mwen| pou m)?$")


def refers_back(folded: str) -> str | None:
    """"back" when a short question points at the answer just given ("y eso aplica en
    Irapuato?"), "on" when it goes on from it ("y para los que no tienen papeles?"), or None."""
    if _POINTS_BACK.search(folded) or _TROUBLE.search(folded):
        return "back"
    return "on" if _GOES_ON.search(folded) else None


# Small talk after the greeting: "bien y tu?", "im good thanks, and you?", "m byen mesi, e ou
# menm?" (``small_talk``): a short, friendly answer, not "no entendí" nor "de nada".
_SMALL_TALK = re.compile(
    r"^(?:(?:jaja|jeje|haha|lol|ok|oki|pues|m|im|i m|i am|todo|muy|super|aqui|bien|good|fine"
    r"|great|ok|okay|byen|mwen|anfom|pa pi mal|gracias|thanks|thank you|mesi|a dios gracias"
    r"|gracias a dios|bendito dios|bondye beni) )*"
    r"(?:bien|good|fine|great|ok|okay|byen|anfom|pa pi mal|aqui nomas|ahi la llevamos|echandole"
    r"|ganas)(?: (?:gracias|thanks|thank you|mesi|y|and|e))*"
    r" (?:y tu|y usted|y ustedes|y vos|you|and you|and u|u|e ou menm|e ou|ak ou|ou menm)$")


def small_talk(folded: str) -> bool:
    """True for a short "fine, and you?" answered back after a greeting."""
    return _SMALL_TALK.match(folded) is not None


# A message that announces the question still to come: "tengo una pregunta", "una duda",
# "its about my uncle", "mwen gen yon kesyon" (``preamble``): "dime", not "no entendí".
_HELLO = (r"(?:hola|oiga|oye|disculpe|perdon|buenas|buenos dias|buenas tardes|buenas noches|hi"
          r"|hey|hello|excuse me|sorry|bonjou|bonswa|alo|eskize m|ok|mire|fijese)")
_PREAMBLE = re.compile(
    rf"^(?:{_HELLO} )*"
    r"(?:(?:yo )?(?:tengo|tenia|traigo) (?:una|otra|un par de|unas) (?:pregunta|duda|consulta)s?"
    r"(?: (?:rapida|nomas|nada mas|pequena|chiquita))?"
    r"|(?:una|otra) (?:pregunta|duda|consulta)(?: (?:rapida|nomas))?"
    r"|(?:le|les|te) (?:queria|quiero) (?:preguntar|hacer una pregunta)(?: algo| una cosa)?"
    r"|(?:queria|quiero) (?:preguntar|consultar)(?: algo| una cosa)?"
    r"|(?:es|se trata de|es sobre|es acerca de|es de) (?:mi|mis) \w+"
    r"|(?:i )?(?:have|got) (?:a|another|one more|a quick) (?:question|q)|quick question"
    r"|(?:can|may) i ask (?:you )?(?:a question|something)"
    r"|(?:it s|its|it is) (?:about|regarding) my \w+"
    r"|(?:m|mwen) (?:gen|genyen) (?:yon|de) (?:kesyon|keksyon|ti kesyon)"
    r"|(?:m|mwen) (?:ta )?vle (?:poze|mande) (?:ou|nou) (?:yon )?(?:kesyon|bagay)"
    r"|se (?:pou|konsenan) (?:fre|se|manman|papa|pitit|mari|madanm) (?:m|mwen))$")


def preamble(folded: str) -> bool:
    """True for a message that only announces a question still to come."""
    return _PREAMBLE.match(folded) is not None


# The answer just given did not help: "no me sirvió tu respuesta", "that doesnt help", "se pa sa
# m te mande" (``unhelpful``): sorry, and a person offered; never the menu or "no entendí".
_UNHELPFUL = re.compile(
    r"\b(?:eso|esto|esa respuesta|tu respuesta|la respuesta|esa informacion|esa info) no me"
    r" (?:sirve|sirvio|ayuda|ayudo|resuelve|resolvio)\b"
    r"|\bno me (?:sirve|sirvio|sirven)\b(?! (?:el|la|los|las|mi|mis|ni|pa|para)\b)"
    r"|\bno me (?:ayudaste|resolviste|contestaste|respondiste)\b"
    r"|\bno (?:es|era) lo que (?:pregunte|pedi|queria|necesito|ocupo)\b"
    r"|\bno contestaste (?:mi|a mi) pregunta\b|\bno sirve de nada\b"
    r"|\b(?:that|this|it|your answer) (?:doesn t|doesnt|does not|didn t|didnt|did not|won t"
    r"|wont) (?:help|answer)\b|\bnot (?:helpful|what i (?:asked|meant|need|needed|wanted))\b"
    r"|\byou didn t answer\b|\byou didnt answer\b|\bno help at all\b"
    r"|\bsa pa (?:ede|sevi|reponn) (?:m|mwen)\b|\bse pa sa (?:m|mwen) (?:te )?mande\b"
    r"|\bou pa reponn (?:kesyon )?(?:m|mwen)\b")


def unhelpful(folded: str) -> bool:
    """True for a message that says the answer given did not help."""
    return _UNHELPFUL.search(folded) is not None


# The office's own opening hours or days asked: "¿a qué hora abren?", "están abiertos el
# domingo?", "what are your hours", "ki lè nou louvri?" (``office_hours``). The sources have no
# hours: the contacts answer says so and gives the numbers to ask. Another place's hours ("a qué
# hora abre el banco") are ``scope.another_number``.
_DAYS = (r"(?:hoy|manana|el sabado|el domingo|los sabados|los domingos|sabados|domingos"
         r"|en diciembre|today|tomorrow|on (?:the )?weekends?|on saturdays?|on sundays?"
         r"|jodi a|demen|samdi|dimanch)")
_OFFICE_HOURS = re.compile(
    r"\b(?:a|hasta|desde) (?:que|q|ke) horas? (?:abren|cierran|atienden|contestan|trabajan"
    r"|estan|habren)\b(?! (?:el|la|los|las|un|una|mi|su) (?!oficina))"
    r"|\b(?:que|q|ke) (?:horario|horarios|dias) (?:tienen|atienden|trabajan|abren"
    r"|manejan|contestan)\b|\ben (?:que|q|ke) horario\b|\b(?:estan|stan) abiertos\b"
    rf"|\b(?:abren|atienden|trabajan) {_DAYS}"
    r"|\bwhat time (?:are|r) (?:you|u|yall|ya)(?: guys)? (?:open|close)\b"
    r"|\bwhat time do (?:you|u|yall)(?: guys)? (?:open|close)\b"
    r"|\bwhen (?:are|r|do) (?:you|u|yall)(?: guys)? (?:open|close)\b"
    r"|\b(?:what|wat) (?:are|r) (?:your|ur|the office s|the office) (?:office )?hours\b"
    r"|\b(?:are|r) (?:you|u|yall)(?: guys)? open\b|\b(?:your|ur) (?:office )?hours\b"
    r"|\bki (?:le|ke|lè) (?:nou|ou|biwo a|biwo smei a) (?:louvri|fèmen|femen|travay|reponn)\b"
    r"|\bki jou (?:nou|biwo a) (?:louvri|travay)\b|\bnou louvri\b|\bbiwo a louvri\b"
    # Asked in fewer words (issue 11db): "cuando abren la oficina los sabados", "what hours",
    # "horario?", "hours?", "ki orè biwo a".
    r"|\b(?:cuando|que dias|q dias) (?:abren|atienden|trabajan|cierran)\b"
    r"(?! (?:el|la|los|las|un|una|mi|su) (?!oficina|sabados?|domingos?|fines?))"
    rf"|\b(?:abren|atienden|trabajan) (?:la|su) oficina {_DAYS}"
    r"|\b(?:what|wat|which) (?:are )?(?:the |your |ur )?(?:office |opening )?hours\b"
    r"|^(?:(?:y|and|epi|ok) )?(?:(?:el|su|sus|the|your|ur) )?(?:horarios?|hours|office hours"
    r"|opening hours|horario de atencion|ore)$"
    r"|\bki ore (?:nou|biwo a)\b")


def office_hours(folded: str) -> bool:
    """True when a message asks the office's opening hours or days."""
    return _OFFICE_HOURS.search(folded) is not None


def beside_office_hours(folded: str) -> str:
    """What a message says beside the office's hours asked ("hay becas? a que hora abren":
    "hay becas")."""
    return " ".join(_OFFICE_HOURS.sub(" ", folded).split())


# Someone named and nothing more, as a message begins to be typed: "mi hijo", "my son", "pitit
# gason m". The classifier read them as the emergency ("my husband" 0.91), the school answer or
# "what is the SMEI": "dime" instead; what happens comes in the next message.
_RELATIVES = "|".join(sorted(_OTHERS - {"his", "her", "ses", "leur", "leurs"}, key=len,
                             reverse=True))
_SOMEONE_ONLY = re.compile(
    rf"^(?:(?:hola|hi|hey|bonjou|buenas|oiga) )?(?:(?:mi|mis|my) (?:{_RELATIVES})s?"
    rf"|(?:{_RELATIVES})(?: gason| fi)? (?:m|mwen))$")


def someone_only(folded: str) -> bool:
    """True for a message that only names someone close ("mi hijo", "my son")."""
    return _SOMEONE_ONLY.match(folded) is not None


# A question that opens with "when" ("¿y cuándo salen?", "hasta cuándo?", "when does it start",
# "kilè l ap kòmanse?", "et quand?"); a "cuando" inside a message is mostly no question ("se lo
# llevaron cuando salía del trabajo").
_ASKS_WHEN = re.compile(
    r"(?:(?:y|e|and|epi|pero|but|ok|oki|ah|oh|oye|oiga|hola|hi|hey|so|et|bueno) )*"
    r"(?:hasta |para |pa |a partir de |until |jiska |jusqu a )?"
    r"(?:cuando|when|kile|ki le|quand)\b")


# Who the message is written for, and nothing asked yet (issue 11bk): "le escribo por mi
# abuelita", "soy su nieta, ella no sabe usar el celular", "i'm texting for my dad", "my mom
# asked me to write", "m ap ekri pou yon zanmi ki pa konn li", "she only speaks spanish". "Dime",
# never "no entendí"; the question comes next (``writes_for``). With the question in the same
# message ("i'm writing for my dad, how does he get the isseg card") it is the question's.
_SOMEONE = (rf"(?:(?:(?:mi|mis|my) (?:{_RELATIVES}|nieta|nieto|abuelitos|grandparents|parents"
            r"|granny|nana|papas|jefa|jefe)s?|(?:una|un) (?:amiga|amigo|senora|senor|vecina"
            r"|vecino|persona|conocida|conocido))(?: haitian[oa]| mexican[oa])?"
            rf"|(?:{_RELATIVES}|granmoun)(?: gason| fi)? (?:m|mwen)"
            r"|(?:a|an) (?:friend|lady|old lady|old man|neighbor|elderly (?:lady|man|person))"
            r"|someone|somebody|alguien|yon (?:zanmi|moun|granmoun|fanm|gason))")
# Someone said to read only one language ("she only speaks spanish", "mi papá solo habla
# inglés", "li pale kreyòl sèlman"): that language is offered, never switched to, since the
# writer reads the replies (``reads_only``).
_LANGUAGE = "|".join(name for names in _LANG_NAMES.values() for name in names)
_READS = r"(?:habla|lee|entiende|speaks|reads|understands|speak|read|pale|li|konprann)"
_ONLY = r"(?:solo|solamente|nomas|nada mas|puro|only|just)"
_READS_ONLY = re.compile(
    rf"\b(?:{_ONLY} {_READS}|{_READS} {_ONLY}) (?:el |en |in |an )?"
    rf"(?P<lang>{_LANGUAGE}|frances|french|franse)\b"
    rf"|\b(?:pale|li|konprann) (?:selman (?P<ht>{_LANGUAGE})|(?P<ht_>{_LANGUAGE}) selman)\b")
_SUBJECT = rf"(?:ella|el|she|he|they|li|l|yo|{_SOMEONE})"
# What the other person cannot do: read, write, use the phone, or read but one language.
_CANNOT = (
    r"(?:no (?:sabe|le sabe|sabe bien) (?:escribir|leer|usar|mandar|manejar|textear)"
    r"(?: (?:ni|y|o) (?:escribir|leer))?(?: (?:el|su|un) (?:celular|cel|telefono|whatsapp))?"
    r"(?: mensajes)?(?: bien| muy bien)?|no (?:puede|ve para) (?:leer|escribir)"
    r"(?: (?:ni|y|o) (?:escribir|leer))?"
    r"|(?:doesn t|doesnt|does not|don t|dont|do not) know how to (?:read|write|text|type|use)"
    r"(?: (?:or|and) (?:read|write|text|type))?(?: (?:a|the|her|his|their) phone| whatsapp)?"
    r"|(?:doesn t|doesnt|does not|can t|cant|cannot|don t|dont|do not) (?:read|write)"
    r"(?: (?:or|and) (?:read|write))?(?: english| spanish| very well| well)?"
    r"|pa (?:konn|ka|fouti|sa) (?:li|ekri)(?: (?:ni|ak|oswa) ekri)?"
    r"|pa konn sevi ak telefon(?: an| la)?"
    rf"|(?:{_ONLY} {_READS}|{_READS} {_ONLY}) (?:el |en |in |an )?\w+"
    r"|(?:pale|li|konprann) (?:\w+ selman|selman \w+))")
_ON_BEHALF = (
    # Spanish
    r"(?:(?:yo )?(?:le |les |te )?(?:escribo|estoy escribiendo|mando (?:este )?mensaje|pregunto"
    r"|estoy preguntando|hablo|les hablo) (?:por|para|de parte de|por parte de|en nombre de"
    rf"|en lugar de) (?:{_SOMEONE}|ella|el)"
    rf"|(?:yo )?(?:le |les )?(?:ayudo|estoy ayudando)(?: a (?:{_SOMEONE}|ella|el))?"
    r"(?: a escribir| con esto| con el celular)?"
    r"|(?:yo )?(?:le |les )?escribo por (?:ella|el)"
    r"|(?:yo )?soy (?:su|el|la) (?:nieta|nieto|hija|hijo|sobrina|sobrino|hermana|hermano"
    rf"|vecina|vecino|nuera|yerno|esposa|esposo)(?: de {_SOMEONE})?"
    rf"|{_SOMEONE} me (?:pidio|dijo) (?:que )?(?:le |les |te )?(?:escribiera|escriba|preguntara"
    r"|pregunte|mandara mensaje|ayudara)"
    r"|(?:le |les |te )?escribo (?:desde|del|con) (?:el )?(?:celular|cel|telefono|whatsapp)"
    rf" de {_SOMEONE}"
    # English
    r"|(?:i m|im|i am|am|i) (?:writing|texting|messaging|asking|reaching out|contacting you"
    r"|writing to you|texting you|messaging you|write|text|message)(?: you)? (?:for|on behalf of"
    rf"|in place of) (?:{_SOMEONE}|her|him|them)"
    rf"|(?:i m|im|i am) helping (?:{_SOMEONE}|her|him|them)(?: out)?(?: with this| with the phone"
    r"| write| text)?"
    rf"|(?:this is|it s|its|it is) (?:for|on behalf of) {_SOMEONE}"
    rf"|{_SOMEONE} asked me to (?:write|text|message|ask|reach out|contact you)(?: you)?"
    r"(?: for (?:her|him|them))?"
    r"|(?:i m|im|i am) (?:her|his|their) (?:granddaughter|grandson|grandkid|daughter|son|niece"
    r"|nephew|neighbor|caregiver|sister|brother)"
    r"|(?:i m|im|i am) (?:writing|texting) (?:from|on) (?:my )?\w+ s (?:phone|cell|whatsapp)"
    # Kreyòl
    r"|(?:m|mwen) (?:ap |pral )?(?:ekri|ekri nou|ekri ou|mande) (?:pou|nan plas|nan non)"
    rf" (?:{_SOMEONE}|li)"
    rf"|(?:m|mwen) (?:ap )?ede (?:{_SOMEONE}|li)(?: ekri)?"
    rf"|{_SOMEONE} (?:mande|di) m (?:pou m )?ekri(?: nou| ou)?"
    r"|(?:m|mwen) se (?:pitit pitit|pitit|neve|nyes|vwazen|vwazin) (?:li|l)"
    rf"|(?:m|mwen) (?:ap )?ekri (?:nan|sou|ak) telefon {_SOMEONE})"
    rf"(?: (?:ki|que|who|that) {_CANNOT})?")
_WRITES_FOR = re.compile(
    rf"^(?:{_HELLO} )*(?:{_ON_BEHALF}|(?:{_SUBJECT} )?{_CANNOT})"
    rf"(?: (?:y|and|e|epi|pero|but|men|porque|because|paske|so|asi que|entonces|por eso|ya que)?"
    rf" ?(?:{_ON_BEHALF}|(?:{_SUBJECT} )?{_CANNOT}))*"
    r"(?: (?:gracias|thanks|thank you|mesi|por favor|porfa|please|tanpri))?$")


def writes_for(folded: str) -> bool:
    """True for a message that only says who it is written for, or what that person cannot
    read ("le escribo por mi abuelita", "she only speaks spanish"): the question is to come."""
    return _WRITES_FOR.match(folded) is not None


def reads_only(folded: str) -> str | None:
    """The helpline language someone is said to read only ("she only speaks spanish", "li
    pale kreyol selman"), or None."""
    found = _READS_ONLY.search(folded)
    name = found and (found.group("lang") or found.group("ht") or found.group("ht_"))
    return next((lang for lang, names in _LANG_NAMES.items() if name in names), None)


def followup_key(folded: str) -> str | None:
    """What a follow-up question asks about: cost, papers, hours, when, family, food, where,
    transfer, aid (or None)."""
    return next(iter(followup_keys(folded)), None)


def followup_keys(folded: str) -> tuple[str, ...]:
    """Every follow-up key a message speaks to, in ``followup_key``'s order of preference."""
    return tuple(key for key, phrases in _FOLLOWUPS if any(_has(folded, p) for p in phrases)
                 or key == "papers" and _ASYLUM.search(folded) is not None
                 and _IN_THE_US.search(folded) is None
                 or key == "when" and _ASKS_WHEN.match(folded) is not None
                 or key == "aid" and asks_given(folded))


# What "they" give, asked after an answer (issue 11av): "y le dan algo de dinero o transporte?"
# after the answer to someone returned, "do they give any money or a ride?", "eske yo bay lajan
# oswa transpò?". Money, a ride or food given is a question about the topic just answered (the
# ``aid`` follow-up: no content has it, so the honest "no tengo ese dato aquí" and the contacts),
# never the remittances (money sent home) its words resemble. Only a verb of giving and such
# things: "y dan apoyo pa poner un negocio?" names a subject of its own (``asks_given``).
_GIVE = re.compile(
    r"\b(?:dan|da|daran|darian|dieron|ofrecen|pagan|apoyan|ayudan|give|gives|pay|pays|provide"
    r"|offer|cover|bay|peye|ofri)\b")
_GIVEN_FILLERS = frozenset({
    "y", "e", "and", "epi", "o", "u", "or", "oswa", "ou", "ni", "le", "les", "me", "nos", "te",
    "lo", "algo", "algun", "alguna", "de", "del", "el", "la", "los", "las", "un", "una", "con",
    "para", "pa", "por", "tambien", "ahi", "ustedes", "ellos", "si", "do", "does", "will", "can",
    "could", "would", "they", "you", "him", "her", "them", "us", "any", "some", "a", "an",
    "the", "with", "for", "also", "too", "there", "eske", "eski", "yo", "nou", "li", "l", "m",
    "mwen", "ak", "pou", "tou", "kek", "yon", "anyen", "nothing", "anything", "something",
    "ok", "oki", "okay", "pero", "but", "men", "apoyo", "ayuda", "help", "support", "ed",
    "sipo"})
_GIVEN_THINGS = frozenset({
    "dinero", "lana", "feria", "efectivo", "economico", "economica", "transporte", "pasaje",
    "pasajes", "boleto", "boletos", "camion", "autobus", "viaje", "comida", "despensa", "ropa",
    "hospedaje", "albergue", "money", "cash", "ride", "rides", "transportation", "transport",
    "ticket", "tickets", "bus", "fare", "food", "clothes", "shelter", "lajan", "kob", "transpo",
    "tike", "manje", "rad"})


def asks_given(folded: str) -> bool:
    """True when a short question asks what "they" give (money, a ride, food), and nothing
    else: the words beside the verb of giving are such things or fillers."""
    found = _GIVE.search(folded)
    if found is None:
        return False
    rest = set(folded[:found.start()].split() + folded[found.end():].split())
    return rest <= _GIVEN_FILLERS | _GIVEN_THINGS


# The answer just given asked again of help, for someone else or "too" (issue 11da): "is there
# help for him", "y hay apoyo pa el?", "eske gen èd pou li?", "y pa mi hermano que esta en
# chicago?", "is that whatsapp too?". Such a question names no topic of its own: what is left
# beside these words (``same_asked``) says whether it names another ("y becas pa el?").
_SAME_HELP = frozenset({
    "apoyo", "apoyos", "ayuda", "ayudas", "ayudan", "apoyan", "help", "support", "assistance",
    "aid", "ed", "sipo", "ede"})
_SAME_TOO = frozenset({"tambien", "too", "also", "igual", "tou"})
_SAME_WHO = r"(?:el|ella|ellos|ellas|him|her|them|li|l|yo|alguien|someone|somebody|others)"
_SAME_FOR = re.compile(
    rf"\b(?:para|pa|pal|por|for|pou) (?:{_SAME_WHO}(?: (?:tambien|too|also|tou|igual))?$"
    r"|(?:mi|mis|my|su|sus|his|her|our|nuestro|nuestra|the|el|la|los|las) "
    rf"(?:{_RELATIVES})s?\b|(?:{_RELATIVES}) (?:m|mwen|li|l)\b)")
_SAME_PLACES = re.compile(rf"\b(?:{US_PLACES}|{GUANAJUATO}|tijuana|mexico|meksik)\b")
_SAME_WORDS = _SAME_HELP | _SAME_TOO | _OTHERS | {
    # who, for whom, where they are: "pa mi hermano que esta en chicago", "pou frè m ki nan"
    "el", "ella", "ellos", "ellas", "him", "her", "them", "he", "she", "they", "li", "l", "yo",
    "alguien", "someone", "somebody", "others", "mi", "mis", "my", "su", "sus", "his", "our",
    "kids", "kid", "children", "ninos", "what", "about", "how",
    "m", "mwen", "para", "pa", "pal", "por", "for", "pou", "que", "esta", "estan", "vive",
    "who", "lives", "live", "ki", "nan", "en", "in", "at", "alla", "there", "la", "a",
    # asking words: "y hay...?", "is there any...?", "eske gen...?"
    "y", "e", "and", "epi", "pero", "but", "ok", "oki", "hay", "habra", "is", "are", "any",
    "gen", "genyen", "eske", "eski", "es", "eso", "esto", "that", "this", "it", "sa", "the",
    "an", "un", "una", "algun", "alguna", "some", "do", "does", "can", "you", "get", "le",
    "les", "lo", "tiene", "tienen", "dan", "give", "bay", "yon", "kek",
    # whether it is valid for them: "y eso aplica pa mi hermano tambien?"
    "aplica", "sirve", "vale", "funciona", "applies", "apply", "works", "work", "valid",
    "available", "disponible", "mache", "bon", "valab"}


def same_asked(folded: str) -> str | None:
    """The words left of a short question that asks the answer just given again of help, for
    someone else or "too" ("" when it names nothing else: "is there help for him"), or None
    when the message is no such question ("y becas?")."""
    words = _SAME_PLACES.sub(" ", folded).split()
    if not (set(words) & (_SAME_HELP | _SAME_TOO) or _SAME_FOR.search(folded)):
        return None
    return " ".join(w for w in words
                    if w not in _SAME_WORDS and not (w.endswith("s") and w[:-1] in _OTHERS))


# A message that asks (issue 11da): a question mark, a word that opens a question, or a verb of
# giving anywhere ("nos ayudan con el traslado"); "el cuerpo esta en la morgue de tucson" tells.
_ASKS_START = re.compile(r"^(?:(?:y|and|e|epi|pero|but|men|oiga|oye|ok) )?(?:"
                         + "|".join(QUESTION_WORDS) + r")\b")


def asks(folded: str, text: str) -> bool:
    """True when a message asks something rather than tells it (``_ASKS_START``)."""
    return "?" in text or _ASKS_START.match(folded) is not None \
        or _GIVE.search(folded) is not None


# Asylum or refuge asked of Mexico after an answer (issue 11as): "et pour l'asile au Mexique?",
# "¿y para el asilo?", "and asylum?", "e pou azil?" are the papers follow-up (the INM, ACNUR and
# COMAR), not the same topic asked again; asylum in the USA named (``bot.places``, "el norte",
# "lot bo", "in us") is a question of US law.
_ASYLUM = re.compile(r"\b(asilo|asylum|azil|asile|refugio|refuge|refij|refugie|refugiado"
                     r"|refugee|comar|acnur|unhcr)\b")
_IN_THE_US = re.compile(rf"\b(us|el norte|lot bo|{US_PLACES})\b")


# The one writing has not eaten for a while (issue 11bn): "dejé de comer desde ayer", "sispann
# manje depi yè", "mwen pa manje depi yè", "we haven't eaten in two days". When nothing else
# is read, the answer of "no he comido desde ayer": passing through (transit). Said of oneself
# at the clause's start, never of another ("pitit mwen pa manje depi yè").
_NOT_EATEN = re.compile(
    r"(?:^|\b(?:y|pero|porque|ya|e|epi|men|paske|and|but|because|so)\s+)"
    r"(?:(?:yo|nosotros|m|mwen|nou|i|we|i ve|we ve)\s+)?(?:ya\s+)?"
    r"(?:(?:deje|dejamos|he dejado|hemos dejado)\s+de\s+comer|no\s+(?:he|hemos)\s+comido"
    r"|(?:sispann|kanpe|pa|poko|pa\s+t)\s+manje"
    r"|(?:stopped|have\s+stopped|haven\s+t|havent|have\s+not|didn\s+t|didnt|did\s+not)"
    r"\s+(?:eating|eaten|eat))"
    r"\s+(?:nada\s+|anyen\s+|anything\s+)?(?:(?:desde|hace|en|depi|gen|since|for|in)\b"
    # "we stopped eating 2 days ago": the English of "dejamos de comer hace 2 días" (issue 11cc).
    r"|(?:\d+|a|one|two|three|four|five|a couple of|couple of)\s+(?:days?|hours?)\s+ago\b)")


def not_eaten(folded: str) -> bool:
    """True when the one writing says they have not eaten since a while (``_NOT_EATEN``)."""
    return _NOT_EATEN.search(folded) is not None


def beside_not_eaten(folded: str) -> str | None:
    """The words of ``folded`` beside the one writing saying they have not eaten since a while
    ("i stopped eating since yesterday": "yesterday"); None when it says no such thing."""
    found = _NOT_EATEN.search(folded)
    if found is None:
        return None
    return " ".join((folded[: found.start()] + " " + folded[found.end():]).split())


def sounds_in_need(folded: str) -> bool:
    """True when the person says they are stranded now (no money, no phone, nowhere to go)."""
    return any(_has(folded, p) for p in _NEED_NOW) or _NEED_NOT_HAVE.search(folded) is not None


# The office's phone, WhatsApp or address asked beside another question ("se murio mi primo en
# texas, a donde hablo pa q nos ayuden", "whats ur number", "ban m yon nimewo"): the contacts
# answer joins the topic (bot.compose). Written from the dev sets' two-question lines: it finds
# 216 of the 263 that ask for the contacts and 2 of the 4,860 that do not (an emergency, where
# the 911 block carries the numbers anyway, aside).
# A way to reach the office, named alone (``CONTACTS_ASKED``): the sources give phones, a
# WhatsApp and social networks; an email or an address asked gets the contacts, which say
# they are not here.
_REACH = ("numero(?: de telefono| telefonico| de whatsapp| de whats| de cel)?|telefonos?|tel|cel"
          "|celular|whats|whatsapp|wsp|watsap|guasap|correo(?: electronico)?|email|e mail|mail"
          "|direccion|ubicacion|phone(?: number)?|number|cell(?: number)?|address|location"
          "|contact info|nimewo(?: telefon| whatsapp)?|telefon|imel|adres")
CONTACTS_ASKED = re.compile(
    r"\b(?:"
    r"a (?:donde|quien) (?:le |les )?(?:hablo|hablamos|llamo|llamamos|marco|marcamos)"
    r"|(?:a )?(?:que|q) numero|numero (?:de telefono|pa|para) (?:llamar|hablar|marcar)"
    r"|(?:dame|deme|denme|pasame|pasenme|me pasan|me pasas|me pasa|me dan|me da|me das|mandame"
    r"|tienen|hay) (?:el |un |su |tu |algun |otro )?(?:numero|telefono|whats|whatsapp|tel|celular"
    r"|cel|correo|email)"
    # ... but not someone else's ("el numero de la pizzeria")
    r"(?! (?:de|del) (?!ustedes|la oficina|la secretaria))"
    r"|(?:su|tu|sus) (?:numero|telefono|telefonos|whats|whatsapp|celular|oficinas?|direccion)"
    # The address asked with a verb of giving, and a short second question after another
    # ("... a donde me presento? denme la direccion", "... y el numero?"; issue 11ad).
    r"|(?:dame|deme|denme|pasame|pasenme|me pasan|me pasa|me dan|me da|mandame|cual es) la"
    r" (?:direccion|ubicacion)(?! (?:de|del) (?!ustedes|la oficina|la secretaria))"
    r"|\by (?:el|su) (?:numero|telefono|whats|whatsapp|cel)(?: de ustedes)?$"
    r"|\band (?:the|your|ur) (?:number|phone|whatsapp|address)$|(?:the|your|ur) address"
    r"|(?:numero|telefono|celular|whatsapp) (?:de|del) (?:ustedes|la oficina)"
    r"|(?:donde|como) los (?:contacto|veo|encuentro|busco|llamo)|como me comunico con ustedes"
    r"|donde (?:estan ubicados|estan ustedes|tienen oficinas?|(?:queda|esta) (?:la|su) oficina)"
    r"|ustedes (?:donde estan|estan ubicados)"
    r"|a (?:que|q) hora (?:abren|atienden)|(?:que|q) horario tienen"
    r"|what s (?:the|your|ur)(?: office)? (?:phone|number|whatsapp)"
    r"|what is (?:the|your)(?: office)? (?:phone|number|whatsapp)"
    r"|whats (?:the|your|ur|a)(?: office)? (?:phone|number|whatsapp)|what number (?:do|should|can)"
    r"|who (?:should|do|can) (?:i|we|they|she|he) call|(?:your|ur) (?:phone|number|whatsapp)"
    r"|(?:a|the) phone number|is there a (?:phone )?number|a number (?:i|we) can call"
    r"|how (?:do|can) (?:i|we) (?:call|contact|reach) (?:you|your office)"
    r"|(?:do you have|where is) (?:an |your )?office|where are you located"
    r"|ki nimewo|ban m (?:yon )?nimewo|nimewo (?:telefon |whatsapp )?(?:nou|biwo a)"
    r"|kijan pou m rele (?:nou|biwo a)|ki kote biwo (?:nou|a) ye|kontak biwo a"
    # The way to reach the office named and nothing more (issue 11db): "cel", "el telefono?",
    # "what's the phone", "your email", "nimewo telefòn", "telefòn nou"; never "my phone",
    # "mi celular", "telefòn mwen" (the writer's own).
    r"|^(?:(?:y|and|epi|ok|oki|hola|hi|oiga|oye|disculpe|me das|me pasas|pasame|dame"
    r"|what s|whats|what is|cual es|ki|ban m) )?(?:(?:el|la|su|tu|sus|the|your|ur) )?"
    rf"(?:{_REACH})(?: (?:de ustedes|de la oficina|of the office|please|pls|plz|por favor"
    r"|porfa|xfa|tanpri|souple|nou|biwo a))?$"
    r"|(?:what s|whats|what is) (?:the|your|ur)(?: office)? (?:email|e mail|address|location"
    r"|cell|contact)|where (?:is|s) the office|(?:ki )?kote biwo (?:nou|a) ye"
    r"|where (?:are|r) (?:you|u|yall)(?: guys)? (?:located|based)"
    r"|(?:telefon|imel|adres) (?:nou|biwo a)"
    r")"
    # ... with what it is for, part of the same request: "ban m nimewo pou m rele", "su
    # numero pa llamarles", "your number to call".
    r"(?: (?:pou (?:m|mwen|nou) (?:ka )?rele(?: nou)?|pa(?:ra)? (?:llamar|hablar|marcar)(?:les|le)?"
    r"|to call(?: you| them)?))?\b"
)


# A person asked to call or talk to someone, beside another question ("can someone from your
# office call her please", "y quiero que alguien de ustedes le hable", "I also want to talk to
# someone about organizing a festival"; issue 11v): a person, not the office's number.
PERSON_ASKED = re.compile(
    r"\b(?:"
    r"(?:que )?alguien (?:de ustedes |de la oficina |de la secretaria |del equipo )?"
    r"(?:me|le|nos|les) (?:hable|llame|marque|contacte|atienda)"
    r"|(?:can|could) (?:someone|somebody|a person)(?: from (?:your|the) (?:office|team))?"
    r" (?:call|contact|phone) (?:me|her|him|us|them|my \w+)"
    r"|(?:want|need|like) to (?:talk|speak) (?:to|with) (?:someone|somebody|a person)"
    r"|(?:yon moun|kek moun)(?: nan biwo (?:a|nou))? (?:ka |pou )?(?:rele|pale ak)"
    r" (?:m|mwen|li|nou)"
    # "alguien puede venir o hablarnos?", "quiero que alguien le explique por telefono": a
    # person to come, call or explain, not "alguien me puede ayudar con la beca".
    # "... con quien hablo", "me pasa con alguien?", "pase m yon ajan", "connect me with
    # someone" beside a topic (issue 11ad): who to talk to about it, a person.
    r"|con quien (?:hablo|hablamos|me comunico|puedo hablar|me dirijo|me acerco)"
    r"|(?:me|nos) (?:pasa|pasan|pase|pasas|comunica|comunican|conecta|conectan) con (?:alguien"
    r"|una persona|un asesor|un agente|un humano)"
    r"|(?:connect|put) (?:me|us) (?:with|through to|in touch with) (?:someone|somebody|a person"
    r"|an agent|a human)|pase m (?:yon )?(?:ajan|moun)"
    r"|alguien (?:que )?(?:puede|pueda|podria|pudiera) (?:venir|hablar\w*|llamar\w*|explicar\w*"
    r"|atender\w*|marcar\w*)"
    r"|(?:quiero|necesito|ocupo|queremos|necesitamos) que alguien (?:me |le |nos |les )?"
    r"(?:explique|hable|llame|marque|atienda|venga)"
    r")\b"
)


# The person asks to be called ("llámenme por favor", "¿me pueden llamar?", "call me back pls",
# "rele m souple", "eske yon moun ka rele m?"): a person who will call, which this chat cannot
# place (issue 11). Never someone else calling ("me llamaron", "yon moun ap rele m", "frè m
# rele m": Kreyòl "rele m" is also "called me", so only as the message's first words or after
# "can", "want", "need"), never "call 911" nor "¿a qué número llamo?".
_CALL_ASKED = re.compile(
    r"\b(?:"
    r"(?:llam|marc|marqu)(?:ame|enme|eme)"
    r"|(?<!no )(?:me|nos) (?:puede|pueden|puedes|podria|podrian|podrias|pudiera|pudieran)"
    r" (?:llamar|marcar|regresar la llamada)"
    r"|(?:puede|pueden|puedes|podria|podrian|podrias) (?:llamarme|marcarme|llamarnos|marcarnos)"
    r"|que (?:alguien |una persona |un asesor |ustedes )?(?:de (?:ustedes|la oficina"
    r"|la secretaria|la smei|el equipo) )?(?:me|nos) (?:llame|llamen|marque|marquen)\b"
    r"(?! (?:mi|mis|el|la|los|su|sus|tu)\b)"  # "espero que me llame mi hijo": not the office
    r"|(?:me|nos) (?:llame|marque) (?:alguien|una persona|un asesor|ustedes)"
    r"|(?:regresen|devuelvan|regresenme|devuelvanme|regresame) la llamada"
    r"|^(?:please |pls |plz |just )?call (?:me|us)\b"
    r"|(?:can|could|would|will|pls|please|plz) (?:\w+ ){0,6}?call (?:me|us)\b"
    r"|(?:need|want|like) (?:\w+ ){1,5}?to call (?:me|us)\b|give (?:me|us) a (?:call|ring)"
    r"|(?<!didnt )(?<!dont )(?<!never )(?<!not )call (?:me|us) back|phone me\b"
    r"|^(?:tanpri |souple |silvouple )?rele (?:m|mwen)\b"
    r"|(?:moun|nou|ou|ajan|asesor|ekip la|biwo a)(?: \w+){0,5}? (?:ka|kapab|pou|te ka|ta ka)"
    r" rele (?:m|mwen)\b"
    r"|(?:vle|bezwen) (?:yon moun|kek moun|nou|ou|yon ajan)(?: \w+){0,3}? rele (?:m|mwen)\b"
    r"|r?appelez moi|(?:pouvez|pourriez) vous me r?appeler"
    r")"
)


def call_asked(folded: str) -> bool:
    """True when the message asks the office to call the person (``_CALL_ASKED``)."""
    return _CALL_ASKED.search(folded) is not None


def person_asked(folded: str) -> bool:
    """True when the message asks for a person of the office to call or talk to someone."""
    return PERSON_ASKED.search(folded) is not None


def contacts_asked(folded: str) -> bool:
    """True when the message asks for the office's phone, WhatsApp, address or hours."""
    return CONTACTS_ASKED.search(folded) is not None


def beside_contacts(folded: str) -> str:
    """The message without the words that ask for the contacts ("" when none do)."""
    found = CONTACTS_ASKED.search(folded)
    if found is None:
        return ""
    return " ".join((folded[: found.start()] + folded[found.end():]).split())


# A message that opens with thanks ("gracias seño, y como le hago pa sacar el pasaporte",
# "thanks! one more thing", "mèsi anpil. epi tou"): every dev set labels the thanks as a part
# of the answer, first (11 of 11 beside a topic); "gracias a dios" thanks no one here.
_THANKS_FIRST = re.compile(
    r"^(?:(?:hola|buenas|buenos dias|buenas tardes|buenas noches|hi|hello|hey|bonjou|bonswa)"
    r"(?: \w+){0,2}? )?"  # "buenas tardes, solo queria dar las gracias" (issue 11v)
    r"(?:ok |okay |ah |oh |bueno |muchas |mil |muchisimas |ok muchas |solo |nomas |just )?"
    r"(?:(?:queria|quiero|quisiera|wanted to|want to) )?(?:dar(?:les)? las |darle las |say )?"
    r"(?:gracias|thanks|thank you|thank u|thx|ty|mesi|merci|appreciate it)\b(?! a dios)"
)


def thanks_first(folded: str) -> bool:
    """True when the message opens by thanking (then, maybe, asks something else)."""
    return _THANKS_FIRST.search(folded) is not None


def after_thanks(folded: str) -> str:
    """What a message says after thanking first ("gracias, y cuanto cuesta?" -> "y cuanto
    cuesta"; "ok thanks, and what about papers?", "mesi, epi pou papye?"): "" when nothing."""
    found = _THANKS_FIRST.search(folded)
    words = folded[found.end():].split() if found else []
    while words and words[0] in _THANKS_TAIL:  # "mesi anpil, ...", "thanks so much, ..."
        words.pop(0)
    return " ".join(words)


_THANKS_TAIL = frozenset({"anpil", "so", "much", "a", "lot", "you", "u", "seno", "joven",
                          "beaucoup", "oiga", "oye", "oigan", "fijese", "hun", "bro", "man"})
# What after the thanks asks something: "gracias, y cuánto cuesta?", "thanks, how do i...",
# "mesi, eske...": a word that asks, or a connector or a verb that opens a question at the start
# ("y", "epi", "is", "will", "si"). Not "gracias mija dice mi papa", "thanks from my mom": a
# thank-you.
_ASKS_AFTER = re.compile(
    r"^(?:y|and|e|epi|pero|but|also|tambien|ahora|now|is|are|do|will|es|si|if|no|et|pour"
    r"|comment|est ce que|"
    + "|".join(QUESTION_WORDS) + r")\b")


# ... or asks it for someone: "gracias, mi papá pregunta si su esposa también".
_ASKED_FOR = re.compile(r"\b(?:pregunta|pregunto|quiere saber|asks|asked|asking|wants to know"
                        r"|vle konnen|mande si|tambien|too|also|tou)\b")


def thanks_only(folded: str) -> bool:
    """True when a message thanks and asks nothing after ("gracias mija dice mi papa", "gracias
    que dios los bendiga": a blessing, ``good_wishes``)."""
    rest = after_thanks(folded)
    return thanks_first(folded) and (good_wishes(rest) or not _ASKS_AFTER.match(rest)
                                     and not _ASKED_FOR.search(rest))


# Good wishes and blessings (issue 11de): courtesy that asks nothing, whatever the classifier
# reads in "salud", "health" or "lasante": "que dios los bendiga y les dé mucha salud", "God
# bless you all and good health", "Bondye beni nou, ba nou lasante", "y buenas noches".
_WISH = (
    r"(?:que )?(?:mi )?(?:dios|diosito|el senor|la virgen) (?:los|las|te|le|la|lo|les|nos)"
    r" (?:bendiga|bendigan|bendice|cuide|cuiden|acompane|guarde|proteja|ayude|pague)"
    r"(?: (?:siempre|a todos|a todas|a ustedes|mucho|hoy|y))*"
    r"|(?:que )?(?:les|te|le) (?:de|mande|conceda) (?:dios )?(?:mucha |muy buena |buena )?"
    r"(?:salud|vida|bendiciones)(?: (?:y|a todos|a ustedes) (?:mucha )?(?:salud|vida|trabajo"
    r"|bendiciones))*"
    r"|mucha salud|muchas bendiciones|bendiciones(?: a todos| para todos)?"
    r"|buenas noches|buenos dias|buenas tardes|bonita noche|que (?:esten|estes|este) (?:muy )?bien"
    r"|cuidense|cuidate|saludos(?: a todos)?"
    r"|god bless(?: (?:you|u|y all|yall|you guys|everyone|all of you|all))*"
    r"|(?:good|lots of|much) health|(?:stay|be) (?:safe|healthy|blessed)|blessings|take care"
    r"|have a (?:good|nice|great|blessed) (?:day|night|one)|good night|goodnight"
    r"|(?:(?:ke|se pou) )?bondye (?:beni|kenbe|pwoteje|ede) (?:nou|ou|w|yo|tout moun)(?: tout)?"
    r"|(?:ba|bay|ban) (?:nou|ou|w) (?:bon )?(?:la)?sante|bon (?:nwit|swa|jounen|sante)"
    r"|benediksyon|dieu vous benisse"
)
_WISH_JOIN = (
    r"y|e|and|ak|epi|tambien|too|also|amen|a todos|a ustedes|to you all|you all|pou nou tout"
    r"|(?:muchas |mil )?gracias|thanks|thank you|mesi(?: anpil)?|merci"
)
_GOOD_WISHES = re.compile(rf"(?:(?:{_WISH_JOIN}) )*(?:{_WISH})(?: (?:{_WISH_JOIN}|{_WISH}))*")


def good_wishes(folded: str) -> bool:
    """True when the words are only good wishes or blessings (with thanks and the words that
    join them): courtesy, never a question."""
    return bool(folded) and _GOOD_WISHES.fullmatch(folded) is not None


# The menu asked for in words beside a question ("menu porfa, y dime que hay pa diciembre",
# "enseñame que temas tienen, me interesa lo de la salud", "is there an app? and can I see the
# menu"); "¿qué opciones hay pa no irme?" asks about options, not for the menu.
_MENU_ASKED = re.compile(
    r"\b(?:menu|meni"
    r"|(?:que|q|ki|what) (?:opciones|temas|options|topics|opsyon) (?:tienen|tienes|manejan|hay"
    r" aqui|genyen|ki genyen|do you have|you have|you got)"
    r"|lista de (?:temas|opciones)|lis opsyon|list of (?:topics|options)"
    r"|(?:show me|see) the options"
    r"|(?:muestrame|ensename|dime) (?:las opciones|los temas|que temas|que opciones))\b"
)


def menu_asked_at(folded: str) -> float | None:
    """How far into the message (0 to 1) it asks to see the menu (the topics), alone or beside
    a question; None when it does not."""
    found = _MENU_ASKED.search(folded)
    return None if found is None else found.start() / max(1, len(folded))


# A message that ends by saying goodbye after a question ("...? y ya con eso me despido, bye",
# "where do i download the app? ok cool, bye", "...? orevwa"): every dev set labels the
# goodbye as the last part (11 of 11 beside another part).
_GOODBYE_LAST = re.compile(
    r"\b(?:bye|bye bye|adios|orevwa|me despido|nos vemos|hasta luego|hasta pronto|good night"
    r"|goodnight|see you|see ya|chao|chau)$"
)


def goodbye_last(folded: str) -> bool:
    """True when the message ends by saying goodbye."""
    return _GOODBYE_LAST.search(folded) is not None


# A person closing the conversation, nothing more to ask (issue 11ce): "no more questions",
# "ok i have nothing else to ask", "nada más, era eso", "ya es todo, sería todo", "pa gen lòt
# kesyon", "m pa gen lòt bagay", "c'est tout merci", "non merci ça va". The classifier read
# them as the menu, a stop, "no entendí" or even an emergency ("m pa gen lòt bagay" 0.60).
# The whole message only, so what the person has not ("no tengo nada que comer", "i have
# nothing", "no more money", "mwen pa gen anyen") or what fails ("nothing works") is no
# closing: the closing words say another question, another thing or "all" (todo, tout).
_DONE_IN = {
    "es": r"(?:eso |esto |ya )?(?:es|era|seria|fue) todo(?: lo que (?:queria|necesitaba|ocupaba)"
          r"(?: saber| preguntar)?)?"
          r"|(?:nada mas|nomas|solo|solamente) (?:era|es) eso|(?:nada mas )?era eso|nada mas"
          r"|(?:ya )?no (?:tengo|hay) (?:(?:mas|otra|otras|ninguna|ninguna otra|nada mas que"
          r"|mas que) )?(?:preguntas?|dudas?|preguntar)(?: mas)?"
          r"|(?:ya )?no (?:ocupo|necesito) (?:nada|nada mas|mas nada|otra cosa)"
          r"|ya con eso|(?:ya )?con eso (?:es suficiente|me basta|basta)|ya estuvo",
    "en": r"(?:that s|thats|that is|that was|that ll be|thatll be|it s|its) (?:all|it|everything)"
          r"(?: i (?:needed|need|wanted|wanted to know|had))?"
          r"|no (?:more|other|further) questions?"
          r"|(?:i have|i ve got|ive got|i got) no (?:more|other|further) questions?"
          r"|(?:i )?(?:don t|dont|do not) have (?:any )?(?:more|other|further) questions?"
          r"|(?:i )?(?:don t|dont|do not) have anything (?:else|more)(?: to ask)?"
          r"|(?:(?:i have|i ve got|ive got|i got) )?nothing (?:else|more)(?: to ask| to say)?"
          r"|(?:i m|im|i am) (?:good|fine|ok|okay|all good|all set) (?:now|for now)"
          r"|(?:i m|im|i am) all set",
    "ht": r"(?:(?:m|mwen|nou) )?pa gen (?:okenn )?(?:lot (?:kesyon|bagay)|kesyon)(?: anko)?"
          r"|(?:m|mwen) pa bezwen (?:anyen anko|lot bagay|okenn lot bagay)|se tout",
    "fr": r"c est tout|rien d autre|(?:je n ai |j ai )?(?:plus|pas d autres?|aucune autre)"
          r" (?:de )?questions?|(?:non|no) (?:merci )?ca va",
}
_DONE = "|".join(_DONE_IN.values())
# Words around the closing: a yes or no before it, a thanks, "for now".
_DONE_AROUND = (
    r"ok|okay|oki|okey|no|nope|nah|non|ya|bueno|pues|listo|va|sale|si|yes|yeah|well|alright"
    r"|oh|ah|perfecto|perfect|great|cool|dako|bon|wi|oui|d accord|muy bien|esta bien|ta bien"
    r"|(?:muchas |mil )?gracias|thanks(?: a lot| so much)?|thank you(?: so much| very much)?"
    r"|mesi(?: anpil)?|merci(?: beaucoup)?|por (?:ahora|hoy|el momento)|for (?:now|today)"
    r"|pou (?:kounye a|kounya a|jodi a)|pour (?:l instant|le moment|aujourd hui|moi)"
)
_NOTHING_MORE = re.compile(
    rf"(?:(?:{_DONE_AROUND}) )*(?:{_DONE})(?: (?:{_DONE_AROUND}|{_DONE}))*")


_DONE_LANG = {lang: re.compile(rf"\b(?:{words})\b") for lang, words in _DONE_IN.items()}


_DONE_MAX_WORDS = 15


def nothing_more(folded: str) -> bool:
    """True when the whole message says the person has nothing more to ask ("no more
    questions", "pa gen lot kesyon", "c est tout merci")."""
    return len(folded.split()) <= _DONE_MAX_WORDS and _NOTHING_MORE.fullmatch(folded) is not None


_CLOSING_FIRST = re.compile(
    rf"(?:(?:{_DONE_AROUND}) )*(?:{_DONE})(?: (?:{_DONE_AROUND}|{_DONE}))*(?= )")


def after_closing(folded: str) -> str:
    """What a message asks after opening with a closing ("no more questions, where is the
    office" -> "where is the office"; "pa gen lot kesyon men ki nimewo nou"): "" when it opens
    with none or is a closing alone (``nothing_more``)."""
    found = _CLOSING_FIRST.match(folded)
    return "" if found is None or nothing_more(folded) else folded[found.end():].strip()


def after_courtesy(folded: str) -> str:
    """The words after the thanks (``after_thanks``) or the closing (``after_closing``) a
    message opens with: "" when it opens with neither or says nothing more."""
    return after_thanks(folded) if thanks_first(folded) else after_closing(folded)


def nothing_more_lang(folded: str) -> str | None:
    """The language a closing (``nothing_more``) is said in, when its closing words are of
    one only: "c est tout" is French, though short enough to read as English; else None."""
    if not nothing_more(folded):
        return None
    langs = [lang for lang, words in _DONE_LANG.items() if words.search(folded)]
    return langs[0] if len(langs) == 1 else None


# Words before a language's name that ask for it: "en inglés", "que hable kreyòl", "in English",
# "speaks Spanish", "pale kreyòl", "an kreyòl".
_IN_LANGUAGE = frozenset({"en", "in", "hable", "habla", "hablen", "hablar", "hablo", "speak",
                          "speaks", "speaking", "pale", "an", "nan"})
# A language as a subject of study, not the reply language: "curso de inglés", "clases de
# español", "english class", "spanish lessons", "kou angle".
_STUDIED_BEFORE = frozenset({"de", "of", "kou", "klas"})
_STUDIED_AFTER = frozenset({"class", "classes", "course", "courses", "lessons", "lesson",
                            "teacher", "school", "test", "exam", "homework", "tutor"})


def language_asked(folded: str) -> str | None:
    """The language a message asks to be answered in, said as such ("en inglés", "que hable
    kreyòl", "Spanish is fine"): "ayuda con clases de inglés" names one and asks for none."""
    wanted = language_named(folded)[0]
    if wanted is None:
        return None
    words = folded.split()
    for i, word in enumerate(words):
        if word in _LANG_NAMES[wanted] and (i == 0 or words[i - 1] in _IN_LANGUAGE):
            return wanted
    return None


# A language asked for as a request beside a question ("puedes escribirle en ingles a mi hijo?
# el quiere saber lo de la doble", "Ekri m an kreyòl tanpri, m bezwen konnen kote gen
# lopital", "english pls. how do i call your office"): a verb that asks to be written to in
# it, or a please next to its name. "my kids only speak English" and "the app in English?"
# name a language and ask for no switch.
_SWITCH_VERBS = frozenset({
    "escribe", "escribeme", "escribirme", "escribirle", "escribele", "escribanme", "escriban",
    "contesta", "contestame", "contestar", "contestarme", "contesten", "contestenme",
    "responde", "respondeme", "respondan", "responder", "responderme",
    "cambia", "cambiar", "hablame", "hablarme", "hablenme",
    "write", "answer", "reply", "respond", "switch", "text",
    "ekri", "reponn", "pale", "chanje"})
#: Verbs that send something, asking for it in a language only as "en <language>": "me mandan
#: la info en ingles plis" (issue 11v); "me mandan fotos y hablan ingles" asks for nothing.
_SEND_VERBS = frozenset({"mandan", "manden", "mandame", "mandenme", "envien", "enviame",
                         "envienme", "send", "tell", "explain", "say", "dime", "digame",
                         "explicame", "expliqueme", "di", "eksplike"})
_PLEASE = frozenset({"porfa", "porfavor", "pls", "plz", "please", "plis", "pliz", "tanpri",
                     "souple", "xfa"})
_LANG_JOINS = frozenset({"or", "nor", "and", "ni", "o", "u", "y", "oswa", "ak", "e", "ou"})
_ALL_NAMES = {name: lang for lang, names in _LANG_NAMES.items() for name in names}


def language_word(word: str) -> bool:
    """Whether one folded word names a language ("ingles", "kreyol", "panyol")."""
    return word in _ALL_NAMES


def language_switch(folded: str) -> str | None:
    """The language a message asks to be answered in, as a request (see above), or None."""
    found = language_switch_at(folded)
    return None if found is None else found[0]


def language_switch_at(folded: str) -> tuple[str, float] | None:
    """The language a message asks to be answered in, as a request, and how far into the
    message (0 to 1) that is asked. The language asked for need not be the only one named:
    "I barely speak spanish ... please answer in english", "please in english or kreyol" (the
    first asked, issue 11v)."""
    wanted, refused = language_named(folded)
    words = folded.split()
    for i, word in enumerate(words):
        lang = _ALL_NAMES.get(word)
        if lang is None or lang in refused or (wanted is not None and lang != wanted):
            continue
        if _STUDIED_BEFORE.intersection(words[i - 1:i]) or \
                _STUDIED_AFTER.intersection(words[i + 1:i + 2]):
            continue
        before = words[max(0, i - 4):i]
        sent = words[i - 1:i] in (["en"], ["in"]) and _SEND_VERBS.intersection(before)
        if (sent or _SWITCH_VERBS.intersection(before)
                or _PLEASE.intersection(words[i + 1:i + 3])
                or words[i + 1:i + 3] == ["por", "favor"]
                # "please in english": a please just before "in"/"en"/"an" and the name.
                or (_PLEASE.intersection(words[max(0, i - 3):i - 1])
                    and words[i - 1:i] in (["in"], ["en"], ["an"]))):
            at = len(" ".join(words[:max(0, i - 4)]))
            return lang, at / max(1, len(folded))
    return None


# A language said to be poor, right after its name (``language_named``).
_POOR_AFTER = re.compile(
    r"(?:is |s |es |isn t |no es )?(?:(?:very|really|so|pretty|kind of|muy|bien|tan|medio|un poco"
    r"|trop|vreman) )?(?:bad|poor|terrible|rusty|not (?:good|great|very good)|malo|mala|mal"
    r"|feo|pesimo|no (?:es )?(?:bueno|muy bueno)|pa bon|pa fo|pa twò bon)\b"
    r"|(?:mwen |m )?pa (?:bon|fo)\b")


# Whether someone there speaks a language, asked (issue 11as): "is there someone she can call in
# spanish?", "alguien habla ingles ahi? mi hijo quiere llamar", "eske gen yon moun ki pale
# panyòl?". A question about the staff, for the writer or someone else: not a request to answer
# this chat in that language (``speaks_asked``). "pásame con alguien que hable inglés" asks for
# one (a request, not a question).
_ANY_NAME = "|".join(name for names in _LANG_NAMES.values() for name in names)
_SPEAKS_ASKED = re.compile(
    r"\b((is there|are there|do you have|do you guys have|is anyone|is someone|does anyone"
    r"|does anybody|does someone|does somebody|anyone|anybody|do you|do u|do you guys|do y all"
    r"|does your staff|does the team)( \w+){0,5} (speak|speaks|speaking|in)"
    r"|(hay|habra|tienen|tendran) (alguien|algun \w+|alguna persona|quien|personas?|gente)"
    r"( \w+){0,3} (que )?(habla|hablan|hable|hablen|en)"
    r"|(alguien|ustedes|ahi|alla|aqui|aca) (\w+ )?(habla|hablan)"
    r"|(eske|eski|es ke) (\w+ ){0,5}pale)"
    rf" (?P<lang>{_ANY_NAME})\b")


# Whether this chat speaks a language, asked alone (issue 11av): "do you guys speak spanish?",
# "hablan ingles?", "nou pale kreyòl?". A question, answered (the chat answers in Spanish,
# English and Kreyòl) with the choice of language offered: neither a switch nor a person
# (``you_speak``). Someone there to call ("is there someone she can call in spanish?") is
# ``speaks_asked``'s.
_YOU_SPEAK = re.compile(
    r"(?:(?:hola|hi|hello|hey|ok|oye|oiga|disculpe|perdon|buenas|bonjou|bonswa|alo|excuse me"
    r"|sorry|eskize m) )*"
    r"(?:(?:do|can|does) (?:you|u|ya|y all|you all)(?: guys| all| folks| people)?"
    r" (?:speak|talk|understand|read)(?: in)?"
    r"|(?:you|u)(?: guys)? (?:speak|talk)(?: in)?|speak"
    r"|(?:ustedes |tu |usted )?(?:hablan|habla|hablas|entienden|entiendes|entiende)"
    r"(?: ustedes| usted)?(?: en)?|se habla|(?:aqui|aca) (?:hablan|se habla)"
    r"|(?:eske |eski |es ke )?(?:nou|ou|yo) (?:ka |konn )?(?:pale|konprann)(?: an)?)"
    rf" (?P<lang>{_ANY_NAME})"
    r"(?: (?:too|also|tambien|tou|aqui|aca|here|there|ahi|isit la|la|or not|o no))?")


def you_speak(folded: str) -> str | None:
    """The language a message asks whether this chat speaks, when that is all it says
    ("do you guys speak spanish?", "hablan ingles?", "nou pale kreyol?"); or None."""
    found = _YOU_SPEAK.fullmatch(folded)
    return None if found is None else _ALL_NAMES[found.group("lang")]


def speaks_asked(folded: str) -> str | None:
    """The language a message asks whether someone there speaks ("alguien habla ingles ahi?"),
    and no reply in it asked elsewhere in the message; or None."""
    found = _SPEAKS_ASKED.search(folded)
    if found is None or language_switch(f"{folded[:found.start()]} {folded[found.end():]}"):
        return None
    return _ALL_NAMES[found.group("lang")]


def language_named(folded: str) -> tuple[str | None, frozenset[str]]:
    """The language a message asks for ("english please", "en kreyol") and the languages it
    says the person does not speak ("I don't speak Spanish", "m pa pale panyol")."""
    words = folded.split()
    wanted: set[str] = set()
    refused: set[str] = set()
    for i, word in enumerate(words):
        # "clases de inglés" asks about classes, not for English.
        studied = (i > 0 and words[i - 1] in _STUDIED_BEFORE) or (
            i + 1 < len(words) and words[i + 1] in _STUDIED_AFTER)
        for lang, names in _LANG_NAMES.items():
            if word in names:
                before = words[max(0, i - 4):i]
                # "m pa pale panyol, an kreyol": the "pa" is the other language's; not in "i dont
                # speak spanish or creole", where it covers both.
                named = [k for k, w in enumerate(before) if w in _ALL_NAMES]
                between = before[named[-1] + 1:] if named else []
                if named and not (between and set(between) <= _LANG_JOINS):
                    before = between
                if any(w in _NEGATIONS for w in before):
                    refused.add(lang)
                elif not studied:
                    wanted.add(lang)
        # "my spanish is bad", "mi ingles es muy malo", "kreyol mwen pa bon": not that one.
        poor = _ALL_NAMES.get(word)
        if poor is not None and _POOR_AFTER.match(" ".join(words[i + 1:i + 5])):
            refused.add(poor)
    wanted -= refused
    return (wanted.pop() if len(wanted) == 1 else None), frozenset(refused)
