"""Out of scope whatever the classifier reads (issue 11ae): a topic asked about a pet, and the
phone number of a taxi, a pharmacy or a lawyer (someone else's number, not the office's).

The helpline's subjects are people. "se murio mi perro como lo entierro" is not the death of a
migrant (topic F), "el pasaporte de vacunas de mi perro" is no identity document (R2), "my dog
keeps crossing the road" no crossing plan: the classifier reads the topic's words, and the
honest "no entendí" with the menu is the right answer. A message that also names a person
("mi hijo se murio cuando paseaba al perro") keeps its topic, and emergencies and warnings
are never taken away here (``bot.danger`` decides whether a pet's trouble is danger now).

"gimme a taxi number in leon pls" and "cual es el numero de la farmacia de Irapuato?" read as
the office's contacts (topic A); the number asked is of a business the chat knows nothing of.

A greeting and then a question of something else (issue 11aj): "buen dia en la empacadora de
brocoli estan contratando? soy de salvatierra" reads as the greeting (0.89), and "¡Hola!" with
the menu answers no question asked. The words after the greeting (``after_greeting``) decide:
read alone as out of scope, the message is out of scope.

A kind of support the sources never name (issue 11bp): "hay apoyo para viudas?", "help with
rent", "èd pou granmoun", "hay despensas?". The sources name support to open a business, for
education, health, remittances, migrants in transit, a death and people returned; nothing for
seniors, widows, people with a disability, single mothers, rent, bills (the light and the
water too: issue 11cc) or food parcels. The classifier reads such a request as nothing, as
the menu or as whatever topic its words touch ("èd pou" is the transit answer's, "she wants to
know" a crossing plan's); the honest answer is that this chat has nothing on it, with the
contacts and a person (``unnamed_support``).

A date asked of a topic (issue 11): "cuando salen las becas?", "when is the scholarship
deadline", "hasta cuando hay chance de registrarse en el consejo". The out-of-scope class reads
the words that ask when ("cuándo salen", "deadline": a film's, a game's) and refuses the topic
the rest of the message names. The rest alone (``without_when``) says whether a topic is named;
``bot.engine`` answers it (each topic's answer says its dates are not here).

A migrant telling who they are and where they are now (issue 11bw): "mwen se ayisyen mwen nan
Leon", "mwen sot Tapachula mwen nan Irapuato kounye a", "je suis haitien je suis a Leon", "m ap
pase Guanajuato ak fanmi m", "mwen gen 3 jou nan San Luis de la Paz". The classifier reads
little in so few words (no intent, a greeting, the holidays, even an emergency for "mwen nan
Silao depi yè"); the answer is the one for migrants passing through (``passing_here``). Only
when every word is one of such an introduction: a need, danger, a plan, work or a life here
("mwen rete Leon depi 5 an") is another message.

... and what they need there (issue 11cd): "mwen nan Leon ak pitit mwen, li malad", "mwen nan
Leon m bezwen travay", "je suis à León avec mon fils, il est malade", "estoy en Leon con mi niña
enferma somos de honduras". The classifier reads the need (health 0.50, work 0.70) and the
out-of-scope share refuses it, or it answers a sick child with the health answer alone. A
migrant saying where they are now (``in_transit``: "mwen nan", "je suis à", "estoy en" a place
of Guanajuato, said in Kreyòl or French or with a nationality or a country left behind; nothing
of a life here: "mwen rete nan Leon", "vivimos en Leon", years) gets the answer for migrants
passing through, beside health for a sick person (``sick``) or the job bank for work, when a
need is said (``needs``) or the way goes on (``journey``): ``bot.engine``. "my cousin from
honduras is in leon" or "salud para familias de migrantes en Dolores Hidalgo" say no one here
now. Danger told beside the place is still danger: "mwen nan Leon pitit mwen ap konvilse" read
out of scope (the place dilutes the seizure: emergency 0.21), "pitit mwen ap konvilse" alone an
emergency (0.77); the words without where they are (``without_here``) are read again.

Someone who came back from the USA, told in the words families use (issue 11cg): "mi esposo se
regresó el mes pasado, hay apoyo?", "mi hijo volvió de Estados Unidos", "y para mi esposo que
se regresó el mes pasado?", "my son came back from the states last week", "pitit mwen tounen
sot Etazini mwa pase". The classifier reads "se regresó" as nothing or as a crossing plan
(going back north); the answer is the one for people returned (``came_back``). Only a return
told as done, from the north or home, and at a time or from a place: "se regresó pal norte",
"se va a regresar al otro lado", "ya se regresó de la escuela" and a crossing told in words are
other messages. In Kreyòl (issue 11dc) a return home to Mexico or a time ago after "retounen"
counts too ("mari m retounen Meksik semèn pase"); a return still to come ("li pral retounen"),
back over ("retounen lòt bò") or "tounen" = become ("li tounen malad") does not.

A question relayed for someone else (issue 11ca): "she wants to know the phone number", "mi
mama quiere saber si hay algo para los que regresan", "li vle konnen kòman pou l rive", "ma tante
demande le numéro". The words that relay it ("quiere saber", "wants to know", "vle konnen") are
read as a wish to go, a plan or another topic: a crossing warning before the contacts, health
instead of the answer for people returned. ``relayed_question`` gives the question as asked,
for ``bot.engine`` to read alone; a danger, a fake offer or a crossing plan the whole message
tells keeps its answer there ("mi tío quiere saber cómo pasar" is still a crossing plan).

Words are compared on ``bot.content.fold`` text (lowercase, no accents or punctuation).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Collection

from bot.places import GUANAJUATO, US_PLACES
from intents import Analysis, Finding

__all__ = ["about_a_pet", "after_greeting", "another_number", "came_back", "from_the_north",
           "in_transit", "instead", "journey", "needs", "passing_here", "relayed_by_someone",
           "relayed_question", "sick", "unnamed_support", "without_here", "without_places",
           "without_topics", "without_when"]

# Not "chat" (a cat in Kreyòl, and this chat in every language).
_PET = re.compile(r"\b((gat|gatit|perr|perrit|cachorr)[oa]s?|mascotas?|dogs?|puppy|puppies|cats?"
                  r"|kittens?|chen|pet|pets|bet mwen|veterinari[oa]|vet)\b")
_PERSON = re.compile(
    r"\b(hij[oa]s?|espos[oa]|herman[oa]s?|mama|papa|apa|ama|padre|madre|ti[oa]|prim[oa]s?"
    r"|abuel[oa]s?|sobrin[oa]s?|niet[oa]s?|novi[oa]|amig[oa]s?|suegr[oa]|cunad[oa]|familia"
    r"|persona|gente|migrantes?|paisanos?|son|daughter|kids?|children|husband|wife|brother|sister"
    r"|mom|dad|mother|father|uncle|aunt|cousin|grandma|grandpa|friend|family|people|pitit|mari"
    r"|madanm|fre|manman|kouzen|kouzin|tonton|matant|zanmi|fanmi|moun)\b")

_BUSINESS = (r"(taxis?|uber|farmacias?|pharmacy|abogad[oa]s?|lawyers?|attorneys?|dentistas?"
             r"|dentists?|clinicas?|clinics?|plomer[oa]s?|plumbers?|restaurantes?|restaurants?|pizzerias?"
             r"|tiendas?|stores?|bancos?|banks?|western union|hotel|hotels|veterinari[oa]s?|vets?"
             r"|taller|talleres|mecanicos?|mechanics?|notari[oa]s?|consulados?|consulates?|lavanderia"
             r"|farmasi|avoka|lopital|dantis|konsila)")
_ANOTHER_NUMBER = re.compile(
    r"\b(numero|number|telefono|phone|nimewo|telefon|whatsapp)( de| del| of| for| pou)"
    r"( la| el| los| las| the| a| an| un| una| some| any| alguna?| algun| yon)?( \w+)? "
    + _BUSINESS + r"\b"
    r"|\b" + _BUSINESS + r" (s )?(phone )?(number|numero|nimewo)\b")
# ... or its opening hours: "a que hora abren el consulado", "is the bank open on sunday", "ki
# lè konsila a louvri" are not the office's hours (issue 11bf).
_HOURS = (r"(horas?|horarios?|abre|abren|abierto|abiertos|abierta|cierra|cierran|open|opens"
          r"|close|closes|hours|louvri|femen)")
_ANOTHER_HOURS = re.compile(
    r"\b" + _HOURS + r"( \w+){0,2} " + _BUSINESS + r"\b"
    r"|\b" + _BUSINESS + r"( \w+)? " + _HOURS + r"\b")

# Support asked for ("hay apoyo", "help with", "èd pou") ...
_SUPPORT = re.compile(
    r"\b(apoyos?|ayudas?|ayuden|ayudan|ayudame|programas?|subsidios?|beneficios?|help|helps"
    r"|support|assistance|aid|programs?|programmes?|benefits?|ed|sipo|pwogram|asistans)\b")
# ... for a group or a need the sources name no support for ...
_UNNAMED = re.compile(
    r"\b(adult[oa]s? mayor(es)?|personas? mayor(es)?|gente mayor|tercera edad|ancian[oa]s?"
    r"|ancianit[oa]s?|viejit[oa]s?|jubilad[oa]s?|pensionad[oa]s?|seniors?|senior citizens?"
    r"|elderly|old people|older (people|adults)|retirees|granmoun|moun aje|vye moun"
    r"|viud[oa]s?|widows?|widowers?|vev"
    r"|discapacidad(es)?|discapacitad[oa]s?|capacidades diferentes|silla de ruedas|disabled"
    r"|disabilit(y|ies)|handicap\w*|wheelchairs?|andikape"
    r"|(madres?|mamas?) solteras?|single (moms?|mothers?|parents?)|huerfan[oa]s?|orphans?"
    r"|renta|alquiler|rent|lwaye|vivienda|housing"
    r"|bills|utilities|recibos?|la luz|el agua|bodwo|fakti"
    # ... the light and the water in English and Kreyòl too (issue 11cc).
    r"|bill|electricity|(the|my|our) (light|water|power)|kouran|elektrisite|limye"
    r"|(peye|bodwo|fakti) dlo|dlo (ak|e) (kouran|limye))\b")
# ... or an aid that is a request of its own ("hay despensas?").
_AID = re.compile(r"\b(despensas?|food (pantry|pantries|banks?|stamps)|canasta basica)\b")
# What the sources do name: support asked for it is that topic ("apoyo para poner un negocio",
# "ayuda para migrantes de paso", "apoyo para gastos funerarios"), and so is a return, a visa
# or the holidays told beside a senior (a crossing plan keeps its warning: ``bot.engine``).
_NAMED = re.compile(
    # business and jobs (C), education (J), health (I), remittances (D)
    r"\b(negocios?|empresas?|emprend\w*|coinversion|trabaj\w*|empleos?|chamba|business\w*"
    r"|jobs?|work\w*|biznis|komes|travay|estudi\w*|escuelas?|becas?|educacion|school\w*"
    r"|stud\w*|scholarships?|education|lekol|etid|salud|medic\w*|doctor\w*|hospital\w*"
    r"|clinicas?|health|clinics?|sante|dokte|lopital|klinik|remesas?|isseg|tarjeta|remittances?"
    # a death or an accident (F), migrants in transit and refuge (G), a return (R3)
    r"|funeral\w*|funerari[oa]s?|fallec\w*|muri\w*|muert[oe]s?|cuerpos?|restos|accidentes?"
    r"|died|death|dead|body|accidents?|anteman|mouri|lanmo|kadav|aksidan|de paso|transito"
    r"|caravanas?|albergues?|refugio|asilo|passing through|transit|caravans?|shelters?|asylum"
    r"|tranzit|k ap pase|kap pase|abri|azil|acnur|unhcr|comar|refugiad\w*|refugees?"
    r"|retorn\w*|regres\w*|deport\w*|return\w*|depote|retounen"
    # papers (R2, S), the holidays (H), foreigners (L), culture (K), the app (E)
    r"|visas?|papeles|pasaportes?|actas?|documentos?|green card|passports?|documents?|viza"
    r"|paspo|navidad|diciembre|vacaciones|holidays?|christmas|nwel|extranjer\w*|foreign\w*"
    r"|cultura|culture|app|aplicacion)\b")


# Greeting words at the start of a message ("hola buenas tardes", "good morning", "bonjou"),
# with how are you: "bonjou, kijan ou ye jodi a" is a greeting, not a question out of scope.
_GREETING = re.compile(
    r"^((hola|holi|ola|buenas|buenos|buen|buena|dias|dia|tardes|tarde|noches|noche|que tal|saludos"
    r"|hi|hello|hey|good|morning|afternoon|evening|there|bonjou|bonswa|alo|sak pase|sa k pase"
    r"|como (esta|estas|estan|le va|te va)|how (are|r) (you|u|yall)|how s it going|hows it going"
    r"|(ki jan|kijan|kouman|koman) (ou|nou) ye|todos|todo|bien|everyone|all|jodi a|hoy|today|doing"
    r")\s+)+")


# The words that ask when, a date or a deadline, and what opens, starts or comes out.
_WHEN_WORDS = re.compile(
    r"\b(y|e|and|epi|hasta|para|pa|a partir de|until|jiska|cuando|when|kile|ki le|quand"
    r"|fecha limite|fechas?|que fecha|plazo|deadlines?|due date|what date|which date"
    r"|ki dat( limit)?|dat limit|date limite|salen?|abren?|empiezan?|comienzan?|inician?"
    r"|cierran?|es|son|is|are|does|do|will|start|starts|begin|begins|open|opens|close|closes"
    r"|come out|komanse|louvri|soti|fini|ap)\b")


def without_when(folded: str) -> str:
    """The words of a message left when those that ask when are taken away ("cuando salen las
    becas" -> "las becas")."""
    return " ".join(_WHEN_WORDS.sub(" ", folded).split())


# Where one is now: in, arrived at or passing a place of Guanajuato ("nan", "rive", "pase", "a",
# "au", "en", "in", "at") ...
_HERE = re.compile(rf"\b(nan|rive|pase|a|au|en|in|at) ({GUANAJUATO})\b")
_PLACE = re.compile(rf"\b({GUANAJUATO})\b")
# ... said by a migrant: in Kreyòl or French, or with who they are ("soy haitiano").
_WHO = re.compile(r"\b(mwen|m|nou|n|je|j|nous|ayisyen|ayisyin|haitien|haitienne|haitiens"
                  r"|haitiennes|haitian|haitians|haitiano|haitiana|haitianos|haitianas|aitiano"
                  r"|aitiana|aitianos|migran|migrant|migrants|migrante|migrantes)\b")
# Where they come from, as the same introductions say it.
_FROM = re.compile(r"\b(ayiti|haiti|tapachula|chili|chile|brezil|bresil|brasil|meksik|mexique"
                   r"|mexico)\b")
# Every word an introduction has: who (pronouns, being, nationality), where (in, arrived,
# passing, from), since when (days and weeks, not months or years: a life here) and with whom.
_INTRODUCTION = frozenset((
    "mwen m nou n se je j suis nous sommes soy somos yo estoy estamos toy tamo tamos i im we re"
    " are am ayisyen ayisyin haitien haitienne haitiens haitiennes haitian haitians haitiano"
    " haitiana haitianos haitianas aitiano aitiana aitianos migran migrant migrants migrante"
    " migrantes nan la isit a au en in at aqui ici here rive arrive arrivee arrives arrivees"
    " llegue llegamos llego ap kap pase paso passing through transito tranzit transit de sot"
    " soti sorti vin vini vinn from desde vengo venimos kounye jodi ye depi gen jou semen"
    " maintenant aujourd hui hier depuis jours jour semaine semaines ahora hoy ayer hace dias"
    " dia semana semanas now today yesterday since days day week weeks yon de twa kat senk un"
    " deux trois uno dos tres one two three ak avek avec con with fanmi pitit madanm mari"
    " timoun famille enfants femme ma mon mes familia hijos hijo hija esposa esposo ninos mi"
    " mis family kids wife husband children my epi e et y and").split())


# A return told as done (not "se va a regresar", "quiere volver", "ya regreso" = I'll be back).
_CAME = re.compile(r"\b(se regreso|se regresaron|me regrese|nos regresamos|ya regreso \w+"
                   r"|volvio|volvieron|se vino|se vinieron|se devolvio|se devolvieron"
                   r"|came back|came home|moved back|got back|is back|are back"
                   r"|tounen|retounen)\b")
# ... in Kreyòl a bare verb is done; one after a word of the future, a wish or a duty is not
# ("li pral retounen", "m vle tounen", "pou l retounen": issue 11dc).
_NOT_DONE = re.compile(r"\b(ap|pral|prale|pra|va|vle|ta|dwe|ka|bezwen|pou|pe)( (l|li|m|mwen|n|nou"
                       r"|yo|w|ou))? (tounen|retounen)\b")
_NORTH = (rf"({US_PLACES}|los estados unidos|((los|the) )?(usa|us|eu|eeuu|eua|states)"
          r"|(el )?norte|alla|(el )?otro lado|the north|over there|idaho)")
# ... from the north, home, or at a time ago.
_FROM_NORTH = (rf"\b(de|del|desde|from) {_NORTH}\b"
               r"|\b(sot|soti) (o |nan )?(etazini|ozetazini|meriken|lot bo a)\b")
_ANCHOR = re.compile(_FROM_NORTH +
                     r"|\b(a|pa|para|pal|al|to) (mexico|guanajuato|gto|el pueblo|el rancho|su"
                     r" pueblo|su rancho|casa|la casa|mi casa|home)\b"
                     r"|\b(el|la) (mes|semana|ano) pasad[oa]\b|\bhace (un|una|\w+) (dia|semana"
                     r"|mes|ano)s?\b|\bdespues de \w+ anos\b|\blast (week|month|year)\b"
                     r"|\b\w+ (days?|weeks?|months?|years?) ago\b|\bafter \w+ (years|yrs)\b"
                     # ... and in Kreyòl (issue 11dc): home to Mexico; a time ago only after
                     # "retounen" ("tounen" is also "become": "li tounen malad mwa pase").
                     r"|\b(tounen|retounen) (nan |o |an |lan )?(meksik|mexico|guanajuato|lakay)\b"
                     r"|\bretounen( \w+){0,3} ((semen|semenn|mwa|ane|lane) pase|sa gen (\w+ )?"
                     r"(jou|semen|semenn|mwa|ane|lane))\b")
# Going back north is a plan, and coming back from school no return from the USA.
_NOT_BACK = re.compile(rf"\b(a|pa|para|pal|al|to|into|back to) {_NORTH}\b|\bpal norte\b"
                       r"|\bpal otro lado\b|\b(de|del|from) (la )?(escuela|trabajo|jale"
                       r"|tienda|doctor|hospital|fiesta|misa|school|work|store|vacation)\b"
                       # ... and back over in Kreyòl ("li retounen lòt bò", "tounen Etazini"),
                       # or home to Haiti, no return to Mexico.
                       r"|\b(tounen|retounen) (nan |o |an |lan )?(etazini|ozetazini|meriken"
                       r"|lot bo|nan no|ayiti|haiti)\b")


def came_back(folded: str) -> bool:
    """True when the message tells that someone came back from the USA (``_CAME`` with a
    place or a time, ``_ANCHOR``), not that they went back north (``_NOT_BACK``)."""
    return bool(_CAME.search(_NOT_DONE.sub(" ", folded)) and _ANCHOR.search(folded)) \
        and not _NOT_BACK.search(folded)


def from_the_north(folded: str) -> bool:
    """True when a return told names the USA it came from ("from the us", "de Estados Unidos",
    "sot Etazini"), not only home or a time."""
    return re.search(_FROM_NORTH, folded) is not None


def passing_here(folded: str) -> bool:
    """True when a migrant only says who they are and that they are in, or passing, a place of
    Guanajuato ("mwen se ayisyen mwen nan Leon"): every word one of an introduction."""
    said = after_greeting(folded) or folded
    if not (_HERE.search(said) and _WHO.search(said)):
        return False
    words = _FROM.sub(" ", _PLACE.sub(" ", said)).split()
    return all(word in _INTRODUCTION or word.isdigit() for word in words)


# A migrant by their words: Kreyòl or French ("m" and "n" not of English "i m", "i n"), a
# nationality, or a country left on the way north (not Mexico: a paisano's); not "migrantes",
# said of others ("salud para familias de migrantes en Dolores Hidalgo").
_NATIONALITY = (r"ayisyen|ayisyin|haitien|haitienne|haitiens|haitiennes|haitian|haitians|haitiano"
                r"|haitiana|haitianos|haitianas|aitiano|aitiana|aitianos|hondurenos?|hondurenas?"
                r"|guatemaltec[oa]s?"
                r"|salvadorenos?|salvadorenas?|venezolan[oa]s?|cuban[oa]s?"
                r"|nicaraguenses?|colombian[oa]s?|ecuatorian[oa]s?")
_LEFT = (r"(de|from|sot|soti|depi|de l|d) (ayiti|haiti|honduras|guatemala"
         r"|el salvador|salvador|venezuela|cuba|nicaragua|colombia|ecuador|tapachula"
         r"|chili|chile|brezil|bresil|brasil|brazil)")
_MIGRANT = re.compile(rf"\b(mwen|(?<!\bi )m|nou|(?<!\bi )n|je|j|nous|{_NATIONALITY})\b"
                      rf"|\b{_LEFT}\b")
#: ... by where they come from only (no pronoun: "pitit mwen" is anyone's child).
_ABROAD = re.compile(rf"\b({_NATIONALITY})\b|\b{_LEFT}\b")
# A life here, not a journey: living in the place, or there for years.
_LIFE_HERE = re.compile(r"(?<!\bpou )\b(mwen|m|nou|n) (rete|abite)\b|\b(abite|habite|habitons"
                        r"|vivo|vivimos|vive|viven|live|lives|living|radico|radicamos|resid\w*)\b"
                        r"|\b(\d+|de|twa|kat|senk|plizye|deux|trois|dos|tres|two|three|several"
                        r"|many|varios) (an|ans|anos|years)\b|\bdepi lontan\b")
# Someone sick, or care asked: "li malad", "il est malade", "mi niña enferma", "my baby is sick",
# "m bezwen yon doktè".
_SICK = re.compile(r"\b(malad|malade|malades|enferm[oa]s?|sick|ill|lafyev|fyev|fievre|fiebre"
                   r"|fever|dokte|medecin|medico|doctor|lopital|hospital|hopital|klinik"
                   r"|clinica|clinic)\b")


def in_transit(folded: str) -> bool:
    """True when a migrant says they are in, or passing, a place of Guanajuato now
    (``_SAID_HERE``, ``_MIGRANT``), and nothing of a life there (``_LIFE_HERE``)."""
    said = after_greeting(folded) or folded
    return _said_here(said) and bool(_MIGRANT.search(said)) and not _LIFE_HERE.search(said)


def _said_here(said: str) -> bool:
    """True when someone says where they are (``_SAID_HERE``); not "manman m nan Guanajuato"
    (my mother in Guanajuato: "m" after a person is "my")."""
    for found in _SAID_HERE.finditer(said):
        before = said[:found.start()].split()
        if not before or not _PERSON.fullmatch(before[-1]):
            return True
    return False


def needs(folded: str) -> bool:
    """True when the message says a need ("m bezwen", "necesito", "we need": ``_NEED``)."""
    return _NEED.search(folded) is not None


def on_the_way(folded: str) -> bool:
    """True when the message says the way goes on ("vamos de paso": ``_JOURNEY``), who is in a
    place of Guanajuato ("estamos en celaya": ``_SAID_HERE``) or a country left on the way north
    ("somos de honduras": ``_ABROAD``); nothing of a life there (``_LIFE_HERE``)."""
    said = after_greeting(folded) or folded
    return (journey(said) or _said_here(said) or _ABROAD.search(said) is not None) \
        and not _LIFE_HERE.search(said)


def journey(folded: str) -> bool:
    """True when the message says the way goes on ("pou m ka kontinye": ``_JOURNEY``)."""
    return _JOURNEY.search(folded) is not None


def sick(folded: str) -> bool:
    """True when the message says someone is sick or asks for care (``_SICK``)."""
    return _SICK.search(folded) is not None


# Who is where: "mwen nan Leon", "je suis a Celaya", "estamos en Leon", "we re in leon" (the
# place alone is taken away by ``without_here``; a migrant says who is there: ``_SAID_HERE``).
_SUBJECT = (r"(mwen|m|nou|n|je suis|nous sommes|on est|estoy|estamos|ando|andamos|soy|somos"
            r"|i m|im|i am|we re|were|we are)")
_AT = rf"(nan|rive|pase|a|au|en|in|at) ({GUANAJUATO})"
_WHO_HERE = re.compile(rf"\b({_SUBJECT}\s+)?{_AT}\b")
_SAID_HERE = re.compile(rf"\b{_SUBJECT}( (fek|fenk|sot|kounye a|ya|now|just))? {_AT}\b")
# A need said: "m bezwen", "necesito", "ocupamos", "we need", "j ai besoin".
_NEED = re.compile(r"\b(bezwen|bezwin|necesit\w*|ocup\w*|need|needs|besoin)\b")
# The way goes on: "pou m ka kontinye", "para seguir mi camino", "to keep going".
_JOURNEY = re.compile(r"\b(kontinye|kontinye wout|continuer|continuar|seguir|keep going"
                      r"|continue|de paso|en camino|on our way|on my way)\b")


def without_here(folded: str) -> str:
    """The words of a message left when where the person is is taken away ("mwen nan leon
    pitit mwen ap konvilse" -> "pitit mwen ap konvilse")."""
    return " ".join(_WHO_HERE.sub(" ", folded).split())


def without_places(text: str) -> str:
    """``text`` as written without the places of Guanajuato it names, for the language
    detector ("je suis à Irapuato" reads as Spanish with the town); ``text`` when nothing else
    is left."""
    # One lowercase letter without its accent for each character: the spans are the text's.
    plain = "".join((unicodedata.normalize("NFKD", c)[:1].lower() or " ")[:1] for c in text)
    kept = text
    for found in reversed(list(_PLACE.finditer(plain))):
        kept = kept[:found.start()] + kept[found.end():]
    return kept if kept.strip() else text


def after_greeting(folded: str) -> str:
    """The words after the greeting the message opens with ("" when it opens with none)."""
    found = _GREETING.match(folded + " ")
    return (folded + " ")[found.end():].strip() if found else ""


def another_number(folded: str) -> bool:
    """True when the message asks the phone number or the opening hours of a business, not
    the office's."""
    return bool(_ANOTHER_NUMBER.search(folded) or _ANOTHER_HOURS.search(folded))


def about_a_pet(folded: str) -> bool:
    """True when the message names a pet and no person (``_PET``, ``_PERSON``)."""
    return bool(_PET.search(folded)) and not _PERSON.search(folded)


def unnamed_support(folded: str) -> bool:
    """True when the message asks for a kind of support the sources never name (for seniors,
    widows, rent...) and names nothing they do cover (``_NAMED``)."""
    asked = _SUPPORT.search(folded) and _UNNAMED.search(folded) or _AID.search(folded)
    return bool(asked) and not _NAMED.search(folded)


def instead(analysis: Analysis, intent: str, why: str) -> Analysis:
    """``analysis`` answered with ``intent`` alone, read from the words (``why``)."""
    match = dataclasses.replace(analysis.match, intent=intent, score=1.0, source="words",
                                trigger=None, reason=f"{analysis.match.reason}; {why}")
    found = Finding(intent, 1.0, "words", match.normalized)
    return dataclasses.replace(analysis, match=match, findings=(found,))


def without_topics(analysis: Analysis, topics: Collection[str]) -> Analysis:
    """``analysis`` with the intents ``topics`` taken away: the match becomes no intent
    (out of scope) when it was one of them, and their findings are dropped."""
    match = analysis.match
    if match.intent in topics:
        match = dataclasses.replace(match, intent=None, trigger=None, source="none",
                                    reason=f"{match.reason}; not asked of the helpline")
    findings = tuple(f for f in analysis.findings if f.intent not in topics)
    return dataclasses.replace(analysis, match=match, findings=findings)


# Who a question is relayed for: a relative, a friend or someone named by a pronoun, in
# Spanish, English, Kreyòl or French ("mi abuelita", "my mom", "manman m", "ma tante", "li").
_RELAYER = re.compile(
    r"\b(mam\w*|ama|pap\w*|apa|jef[ae]s?|jefecit[ao]|hij[oa]s?|mij[oa]|espos[oa]s?|herman\w*"
    r"|ti[oa]s?|tit[oa]s?|prim[oa]s?|abuel\w*|sobrin\w*|niet[oa]s?|novi[oa]s?|amig[oa]s?"
    r"|compa\w*|comadre|suegr[oa]s?|cunad[oa]s?|vecin[oa]s?|senor\w*|muchach[oa]s?|familia"
    r"|ella|ellas|el|ellos|mom|mum|mommy|mother|dad|daddy|father|parents?|son|daughter|kids?"
    r"|husband|wife|brother|sister|uncle|aunt|auntie|cousin|grandma|grandpa|grandmother"
    r"|grandfather|granny|friend|neighbou?r|boss|boyfriend|girlfriend|family|someone|somebody"
    r"|lady|guy|she|he|they|manman|pitit|mari|madanm|fre|kouzen|kouzin|tonton|matant|zanmi"
    r"|fanmi|grann|vwazen|vwazin|li|l|yo|mere|pere|tante|oncle|cousine|frere|soeur|fils|fille"
    r"|femme|amie?|voisine?|elle|elles|il|ils)\b")
# ... never the person writing alone ("m ap mande si", "I asked"; "manman m" is a mother) nor a
# noun's article ("tengo una pregunta", "mi pregunta es").
_WRITER = frozenset({"i", "im", "m", "mwen", "nou", "we", "je", "j", "moi", "nous"})
_NOT_RELAYED = re.compile(r"\b(una|la|mi|tu|su|otra|esta|esa|a|the|my|your|this|pou)$")
# A sister in Kreyòl, "sè m", "sò m", "ti sè mwen an", written "se m" without the accent: just
# before the relaying words ("se m vle konnen si..."), never "it is" ("se m ki vle konnen", "se
# sa m vle konnen": the writer asks).
_SISTER = re.compile(r"\b(?:ti )?(?:se|so) (?:m|mwen|li|l)(?: an| la| nan| lan)?$")
# The words that relay it: wanting to know, asking, wondering.
_RELAY_VERB = (
    r"(?:quiere|quieren|queria|querian|quisiera) saber|quiere preguntar"
    r"|(?:me |te |le |les |nos )?(?:pregunta|preguntan|pregunto)"
    r"|(?:wants|want|wanted|would like|d like) to know"
    r"|(?:is|was|are|were|s) (?:asking|wondering)(?: me| us)?"
    r"|(?:asks|asked|wonders)(?: me| us)?(?= (?:if|whether|about|what|how|where|when|who|which"
    r"|why|is|are|do|does|can|could)\b)"
    r"|(?:ta )?(?:vle|renmen) konnen|(?:ap |te )?mande(?: m| mwen)?(?= (?:si|ki|kote|kijan"
    r"|kouman|koman|konbyen|kile|eske|poukisa|sa)\b)"
    r"|(?:veut|veulent|voudrait|aimerait) savoir|(?:me |nous )?demande(?:nt)?")
# Up to four words of who asks, after a greeting, then the relaying words, then the question.
_RELAY = re.compile(r"(?P<who>(?:\w+ ){0,4}?)(?P<verb>" + _RELAY_VERB + r") (?=\w)")
# Said without who asks or after "yo", words the writer says of themselves too ("queria saber lo
# de la app", "pregunto por si acaso", "ps yo queria saber", "want to know"): no relay.
_OWN_WORDS = re.compile(r"(queria|querian|quisiera|pregunto|want|wanted|would like|d like)\b")


def _plain(text: str) -> str:
    """``text`` lowercase without accents, one character for each of its characters."""
    return "".join((unicodedata.normalize("NFKD", c)[:1].lower() or " ")[:1] for c in text)


def relayed_question(text: str) -> str | None:
    """The question of a message that relays it for someone else, as written ("she wants to
    know the phone number" -> "the phone number"); None when no question is relayed."""
    relay = _relay(text)
    return relay[1] if relay else None


def relayed_by_someone(text: str) -> bool:
    """True when a message relays a question for someone it names ("mi esposa pregunta si",
    "sè m vle konnen si", "ma sœur veut savoir si"); not when no one is named ("quiere saber
    si", "me pregunto si": the writer may be asking)."""
    relay = _relay(text)
    return relay is not None and bool(relay[0])


def _relay(text: str) -> tuple[str, str] | None:
    """Who relays the question of ``text`` (their words, folded; empty when no one is named)
    and the question as written; None when no question is relayed."""
    plain = _plain(text)
    # Each run of anything but a letter or a digit is one space, and where it was in ``text``.
    words = [(found.group(), found.start(), found.end())
             for found in re.finditer(r"[^\W_]+", plain)]
    spaced = " ".join(word for word, _, _ in words) + " "
    opened = _GREETING.match(spaced)
    start = opened.end() if opened else 0
    found = _RELAY.match(spaced, start)
    if found is None:
        return None
    who = found.group("who").strip()
    if _OWN_WORDS.match(found.group("verb")) and (not who or who.split()[-1] in ("yo", "i")):
        return None
    if who and not _SISTER.search(who) and (
            who in _WRITER or not _RELAYER.search(who) or _NOT_RELAYED.search(who)):
        return None
    # The question begins at the first word after the relaying words.
    first = len(spaced[:found.end()].split())
    if first >= len(words):
        return None
    question = text[words[first][1]:].strip()
    return (who, question) if question else None
