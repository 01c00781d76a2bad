"""A crossing plan told without the obvious words, and an offer to cross: in person or online
(issue 11y).

The matcher finds a crossing by its trigger words ("coyote", "pollero", "cruzar sin papeles")
and by the phrases it was trained on. People also tell the plan in other words: "quiere venirse
de cualquier forma, ya vendió su terreno pa pagar el viaje por tierra", "nos juntamos 4 pa
pagarle al guía q trae a nuestras familias", "gen yon moun nan legliz la ki di l ka mennen nou
jiska Arizona". What such a message says, in es, en and ht alike, is a person going north
(``_MOVE`` towards ``_NORTH``) and a way that is no legal journey: a paid guide or a trip paid
for (``_GUIDE``), or "como sea" (``_ANY_WAY``). Each is a group of words, not a list of
sentences, so a new wording of the same situation is still found.

The region has its own words for the same two things (issue 11ar): the crossing itself
("brincarse", "aventarse", "irse de mojado", "jump back over": ``_OVER``), a way no traveller
with papers takes ("por el cerro", "por abajo", "por la línea", "the river route", "pase rivyè
a", "3 jou nan mòn": ``_ROUTE``), given up to the patrol on the other side ("se va a entregar
allá": ``_GIVE_UP``), shut in a car or a trailer ("en la cajuela": ``_SHUT_IN``), the one who
takes people named by whom he takes ("el que pasa a todos los de aquí", "a lady who brings kids
over") and the money of the journey gathered ("ya juntó lo del viaje"). Said of someone going,
planning or asking, they are a plan (``_regional``); said of long ago, in a film or as a joke
("si el América pierde", ``_JOKE``) they are not.

Not a plan: a legal journey (a visa, a flight: ``_LEGAL``), a return home for the holidays or
a trip "from" the USA (the place after "de", "from", "soti"), a plan refused ("pa no irme al
norte": ``_REFUSED``), a crossing told of long ago (``_PAST``), and the look-alikes of
``bot.danger.not_a_crossing``.

An offer to take someone across decides between the two warnings of topic B by how it came
(the brief: "job or visa offers received by phone or social media"): seen on social media or
by phone (``_ONLINE``) it is a fake offer (``fraud_offer``), and a crossing plan too only when
the person is going ahead with it ("she leaves sunday", "nou pral ale"); made in person by
someone of the plaza, the church or the shelter, with no job, visa or papers promised, it is a
crossing plan (``safety_crossing``) and not a fraud warning.

Words are compared on ``bot.content.fold`` text (lowercase, no accents or punctuation).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from bot.content import fold
from bot.danger import (
    KIN_WORDS,
    MONTHS,
    danger_word,
    departs,
    extortion,
    held_for_money,
    not_a_crossing,
    offer_if,
    without_departure,
    without_payee_silence,
)
from bot.places import GUANAJUATO, US_PLACES
from intents import Analysis, Finding

__all__ = ["CROSSING", "FRAUD", "after_fraud_warning", "after_warning", "dies_if", "goes_on",
           "in_person_offer", "online_offer", "passing_through", "plan_in_words", "review",
           "sent_back"]

CROSSING = "safety_crossing"
FRAUD = "fraud_offer"
EMERGENCY = "emergency"

# -- the groups of words -------------------------------------------------------------------
#: Places of the USA where people go (``bot.places``), the USA as the region says it ("el
#: norte", "el otro lado", "el gabacho", "lot bo"), and the border towns one crosses from.
_US_PLACES = (
    rf"{US_PLACES}|el norte|norte|otro lado|the other side|gabacho|el gabacho|lot bo"
    r"|nogales|sasabe|altar|sonoyta|agua prieta|reynosa|matamoros|piedras negras|acuna")
#: Going there: towards the place, not from it ("se viene de Texas pa diciembre"); up north.
_NORTH = re.compile(
    rf"(?<!\bde )(?<!\bdesde )(?<!\bfrom )(?<!\bsoti )(?<!\bnan )(?<!\bdel )(?<!\ben )"
    rf"(?<!\bin )\b(al |pal |para el |pa el |a |hasta |jiska |rive |to |into |up to |for |nan "
    rf"|pou )?({_US_PLACES})\b(?! del pais| del estado| de mexico| of mexico)"
    r"|\b(la frontera|la linea|la garita|el cerco|el muro|the border"
    r"|over the border|across|fwontye a|fwontye|come up|coming up|comes up|pa arriba"
    r"|alla arriba|nan no|wout no|up north"
    # "taking the kids north", "heading north" (issue 11ao), not a side of town or a state.
    r"|north(?! (side|of|end|part|campus|carolina|dakota|entrance|wing|star|pole|face)))\b")
#: A person on the move: going, coming, brought, taken, passed, crossed, leaving.
_MOVE_WORDS = (
    r"ir|irme|irse|irnos|irte|irla|irlo|se va|me voy|nos vamos|se van|vamos|van|voy|yendo|venir\w*"
    r"|se viene|se vienen|vente|traer\w*|trae|traen|traiga|traigan|trajo|llevar\w*|lleva"
    r"|llevan|lleve|llevo|pasar\w*|pasa|pasan|pase|cruzar\w*|cruza|cruzan|meter\w*|mete|meten"
    r"|subir(se|me|nos)?|jalar(se|me|nos)?|llegar|llego|lleguen|llegue|el viaje|viajar\w*"
    r"|regresar\w*|regresa|volver\w*|vuelve|sale|salen|salir|salimos|salgo|caminar|caminando"
    r"|go|goes|going|gone|come|comes|coming|bring\w*|take|takes|taking|get|gets|getting"
    r"|make it|travel\w*|head\w*|move|moving|cross\w*|the trip|leave|leaves|leaving|walk\w*"
    r"|ale|prale|vini|mennen|pase|travese|antre|janbe|rive|monte|vwayaj|kite|pati|mache"
    r"|retounen|pran wout|pral lot bo|prale lot bo|pral ozetazini|pral etazini")
_MOVE = re.compile(rf"\b({_MOVE_WORDS})\b")
#: Someone who takes people across: a guide, a smuggler, "el que lo lleva", "uno que pasa
#: gente", "the people taking him", "los que van a llevar a mi hijo", "juntando gente pa
#: llevarla". On its own with a word of going it is a plan: no place needs naming.
_TAKER = re.compile(
    r"\b(guia|guias|guiar|pasador\w*|patero|enganchador|coyote\w*|pollero\w*|koyot|kouyot"
    r"|raket\w*|smuggler\w*|guide|guides|gid|pase moun|pasè"
    r"|(que|q|ke|who|ki|k|donde|where|kote) (\w+ ){0,2}(trae|traen|lleva|llevan|pasa|pasan|cruza"
    r"|cruzan|mete|meten|brinca|brincan|brings|bring|takes|take|crosses|cross"
    r"|smuggles|gets|mennen|pase|travese) (gente|personas|migrantes|people|ppl|folks|moun)"
    r"|(el|la|los|las|al|a los|del) (que|q|ke) (lo |la |los |las |le |les |nos |me |te )"
    r"(va a |van a |iba a |puede )?(trae|traer|traiga|lleva|llevar|lleve|llevo|pasa|pasar|paso"
    r"|cruza|cruzar|cruzo|mete|meter)"
    r"|(el|la|los|las|al|a los|del) (que|q|ke) (va a |van a |iba a )?(trae|traer|lleva|llevar"
    r"|pasa|pasar|cruza|cruzar|mete|meter) a (mi|su|tu|nuestr\w*|la gente|gente)"
    r"|the (people|guy|man|men|ones) (who (are|is|will) )?(taking|bringing|crossing|getting)"
    r" (him|her|them|us|me)"
    r"|(juntando|junta|juntan|reuniendo|recruiting|ap ranmase) (gente|personas|un grupo|people"
    r"|moun) (pa|para|to|pou) (\w+ )?(llevar\w*|pasar\w*|cruzar\w*|take|bring|cross|mennen"
    r"|pase|travese)"
    # ... named by whom he takes, in the words of the region (issue 11ar): "el q pasa a todos
    # los de aqui", "uno q pasa pa volver", "quien la lleve hasta juarez", "a lady who brings
    # kids over", "lo pase el contacto", "yon gid".
    r"|(que|q|ke|who|that|ki) (\w+ ){0,1}(pasa|pasan|lleva|llevan|trae|traen|cruza|brinca|brings"
    r"|takes|crosses|mennen|pase) a (todos |todas )?(los|las) (\w+ )?(de|del) (aqui|aca|por aqui"
    r"|rancho|pueblo|la comunidad|el rancho)"
    r"|(uno|alguien|un senor|una senora|el|al) (que|q|ke) (pasa|cruza|brinca|lleva) (gente )?"
    r"(pa|para) (volver|regresar|irme|irse|irnos|alla|el otro lado)"
    r"|(paga|pagar|pagarle|pague|pagamos|pagan) al (que|q|ke) (pasa|cruza|brinca|lleva)"
    r"|(quien|alguien (que|q)|uno (que|q)) (lo|la|los|las|nos|me|te) (lleve|pase|cruce|brinque"
    r"|traiga)"
    r"|(pasa|pasan|cruza|cruzan|brinca|brincan) (gente|migrantes|personas) (por (el|la) (rio|cerro"
    r"|monte|linea|desierto)|por abajo|al otro lado|pal otro lado|pa alla)"
    r"|(who|that) (brings|takes|crosses|gets|sneaks) (kids|children|people|ppl|folks) (over|across)"
    r"|(que|q|ke) (lleva|llevan|pasa|pasan|cruza|cruzan) a la gente(?! (a|al|hasta|pa|para)"
    r" (la |el )?(escuela|trabajo|fabrica|iglesia|mercado|hospital|clinica|doctor|centro|plaza))"
    r"|(el|al|del|un|con el) (senor|muchacho|senora|tipo|hombre|vato|compa) (que|q|ke) (lleva"
    r"|pasa|cruza)(?= (y|e|pero|sale|salen|dice|dijo|cobra|cobro|pide|pidio|ya|nos|me|le|les|se"
    r"|va|viene|vino|esta|es)\b|$)"
    r"|(pase|pasa|lleve|lleva|cruce|cruza) el contacto|contacto (pa|para) (irme|irse|irnos|pasar"
    r"|cruzar|el viaje)|(taken|brought|crossed|snuck) (over |across )?by (some|a|the|his|her)"
    r" (contact|guy|man|lady)"
    r"|(pag\w*|pay\w*|paid|peye) (a )?(uno|alguien|un senor|someone|a guy|yon moun|yon neg)"
    r" (pa|para|to|pou) (que )?(\w+ ){0,3}(lleve|traiga|pase|cruce|take|bring|get|mennen|pase"
    r"|rive))\b")
#: Money for the journey: an amount, a price asked, a trip paid for.
_PAID = re.compile(
    r"\b((pagar|pagarle|pagamos|pagarles|paga|pague|pagaron|pagando|junto|juntar|juntamos"
    r"|juntando|ahorrando|vendio|vendieron|vendi|vendimos|vendamos|empeno|empenaron|prestamo"
    r"|prestaron|presto|pay|paying|paid|sold|saving|saved|peye|vann) (\w+ ){0,4}(el viaje"
    r"|al guia|al senor|a un senor|a uno|la pasada|el pasaje|the trip|the guide|the guy|the man"
    r"|someone|vwayaj la|gid la|yon moun|mesye a|neg la)|(ya )?junto pa (irse|irme|el viaje)"
    r"|(\d+|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|quince|veinte) (mil )?"
    r"(dolares|dls|dlls|dollars|grand|dola)|(por|pou|for) \d+( mil| k| grand|k)?|\d+k"
    r"|la mitad (alla|aca|alli|aqui)|half (up front|upfront|there|here)|mwatye"
    r"|por cabeza|per head|chak tet|mitad (aca|aqui) y (la )?mitad (alla|alli|al llegar)"
    r"|paid half|pagamos la mitad|pague la mitad"
    # "ya junto lo del viaje" (issue 11ar).
    r"|(junto|juntamos|juntaron|juntando|ahorro|ahorramos|tiene|tengo|tenemos) lo del (viaje"
    r"|pasaje|coyote)"
    # Saving up to go, and what the trip costs: "ando juntando pa irme con mi carnal".
    r"|(juntando|ahorrando|juntar|ahorrar|saving|saving up|save up|sere lajan|ramase lajan)"
    r" (\w+ ){0,2}(pa|para|to|pou) (irme|irse|irnos|irle|el viaje|go|leave|ale|m ale|pati)"
    r"|(pa|para) (irle|irse|irme) juntando|(en )?cuanto (anda|sale) el viaje"
    r"|(mando|mandamos|mandaron|dio|dimos|sent|gave|voye) (\w+ ){0,2}(el dinero|la lana|the money"
    r"|lajan an) (al|a la|a un|to the|to a|bay) (senor|senora|muchacho|man|guy|moun|neg)"
    r"|cuanto (se )?(cobra\w*|cuesta|piden)|how much (do|does|would|will) (they|he|she|it|a guy)"
    r" (charge|cost|want)|konbyen (yo|li) (mande|pran)"
    r"|(cobra\w*|piden|mande) (\w+ ){0,3}(pa|para|por|pou) (dejarte |dejarlos |m |nou )?(pasar"
    r"|cruzar|pase|travese))\b")
#: "Whatever way": no legal road in view, or a life risked for it.
_ANY_WAY = re.compile(
    r"\b(como sea|de cualquier (forma|manera|modo)|a como de lugar|cueste lo que cueste"
    r"|a la brava|por donde sea|por tierra|por el monte|por el cerro|por el desierto|por el rio"
    r"|sin papeles|sin documentos|sin visa|de ilegal|ilegalmente|de mojad\w*|a pie"
    r"|the long way|no matter what|whatever it takes|one way or another|by land|on foot"
    r"|without papers|without a visa|illegally|kanmem|kanmenm|kelkeswa jan|nenpot jan"
    r"|nenpot ki jan|san papye|san viza|a pye|ilegalman|an kachet"
    r"|(pa ka tann|no (puedo|podemos|puede) esperar|can t wait|cansad\w* de esperar|tired of"
    r" waiting) (\w+ ){0,3}(cbp|la cita|appointment|rendevou)"
    r"|(morir|muera|mouri|die|dying|riesgo|arriesg\w*|risk\w*|riske|peligro\w*|danger\w*"
    r"|danje\w*)"
    # Hidden, by a way no traveller with papers takes, or in fear of being caught.
    r"|escondid\w*|hiding|hidden|kache|trailer|trele|la caja|tren de carga|the train|tren an"
    r"|lancha|boat|bo lanme|nadando|swim\w*|naje|agarr\w*|caught|kenbe"
    r"|no visa|no papers|pa gen viza|pa gen papye|de todos modos|como se pueda|como pueda"
    # A visa refused, and the journey made anyway: "no me dan la visa", "she'll come the
    # other way".
    r"|no (me|le|nos|les|se la) (dan|dieron|daban|quieren dar) (la )?visa|(me|le|nos|les) (la )?"
    r"negaron( la visa)?|(cant|can t|couldn t|couldnt|didn t|didnt) get (a |the )?visa"
    r"|(visa|visas) (was |were |got )?(denied|rejected)|(pa|pat) ka jwenn viza"
    r"|the other way|a la mala"
    # No papers, someone else's papers, no appointment: "no tengo visa", "papeles prestados".
    r"|no (tengo|tiene|tienen|tenemos|hay) (visa|papeles|documentos)|(don t|doesn t|dont|doesnt)"
    r" have (a )?(visa|papers)|(has|have) no (visa|papers)|papeles (prestados|de otr\w*)"
    r"|(papers|visa|green card) of (someone|another)|(friend s|friends|cousin s) (green card|visa"
    r"|papers)|papye (lot moun|yon lot)|(no|pa) (jwenn|tengo|tiene|hay|consigo|get|got|gen)"
    r" (randevou|cita|appointment)"
    # Through the river: "pase nan rivyè a", "thru the river", "por el rio".
    r"|(pase|travese|janbe|cruzar|cruza|cruzo|cruzamos|cruzan|pasar|pasamos|pasan|cross\w*"
    r"|come back|go) (nan |por |thru |through"
    r" |across )?(el |la |the )?(rivye a|larivye|rio|river|rio grande))\b")
#: "Whatever way" said of the journey: a few words after a word of going.
_ANY_WAY_MOVE = re.compile(rf"\b({_MOVE_WORDS})\b( \w+){{0,6}} ({_ANY_WAY.pattern})")
#: Through a barrier: the wall, the fence, the river.
_THROUGH = re.compile(
    r"\b(meter\w*|mete|pasar\w*|cruzar\w*|brincar\w*|saltar\w*|jump\w*|climb\w*|sote|janbe)"
    r" (\w+ ){0,5}(el muro|la barda|el cerco|el rio bravo|the wall|the fence|the river"
    r"|rio grande|miray|barye|larivye)\b")
#: "Whatever way" said of someone going: "me voy como sea", "im going no matter what".
_WHATEVER = (r"como sea|sea como sea|de cualquier (forma|manera)|a como de lugar"
             r"|cueste lo que cueste|pase lo que pase|aunque me muera|aunque se muera"
             r"|no matter what|whatever it takes|whatever happens|even if i die"
             r"|however (he|she|i|we|they) can|como pueda|kanmem|kanmenm|kelkeswa sa k pase"
             r"|menm si m mouri")
_GO_NOW = (r"irme|irse|me voy|se va|se quiere ir|venirse|venir|se viene|me vengo|going|go|coming"
           r"|leaving|ale|pati|vini|m pral|li pral")
_ANY_WAY_NOW = re.compile(
    rf"\b({_GO_NOW})( \w+){{0,3}} ({_WHATEVER})\b|\b({_WHATEVER})( \w+){{0,3}} ({_GO_NOW})\b"
    # Decided and on the way north: "ya me voy pal norte" (issue 11ak).
    r"|\bya me voy (pal|al|para el|pa el|pa l) (norte|otro lado)\b(?! del pais| del estado"
    r"| de mexico| de \w+ a)"
    # ... and the road north taken: "m ap pran wout nò a".
    r"|\b(ap|pral|vle|prale) pran wout (no|nan no)\b")
#: The walk itself prepared: water, clothes, the season, for days in the hills or the desert.
_NIGHTS = r"(\d+|dos|tres|cuatro|varios|several|de|twa) (dias|noches|days|nights|jou)"
_WILD = re.compile(rf"\b(el monte|en el monte|monte|desierto|desert|deze|mon yo|nan mon|la sierra"
                   rf"|el cerro|the hills|the mountains|las montanas|the brush"
                   rf"|(caminar|walk\w*|mache) (\w+ ){{0,2}}{_NIGHTS}"
                   rf"|{_NIGHTS} (caminando|walking|a pie|on foot|ap mache))\b")
_PREPARE = re.compile(
    r"\b(agua|comida|ropa|cobija\w*|suero|mochila|zapatos|tenis|water|food|clothes|blanket\w*"
    r"|backpack|shoes|dlo|manje|rad|sak|soulye|frio|calor|cold|heat|hot|cho|fredi|sezon"
    r"|temporada|season|mes|month|noche|noches|night|nights|dias|days|jou|medicina\w*|pastillas"
    r"|medicine\w*|medikaman|ampollas|blisters|litros|galon\w*|liters|gallons|caminar|caminando"
    r"|caminata|caminada|walk\w*|mache)\b")
_ASKED = re.compile(
    r"\b(pa|para|pa q|para que|pa que|to|pou|conviene|ocupa\w*|se tiene q\w*|tiene q\w*"
    r"|need\w*|should|kisa|ki|cuanta|cuanto|cuantos|how much|how many|how long|que|eske|es cierto"
    r"|is it)\b")
#: A legal journey or a question about one: a visa, a passport, a flight, a bus ticket.
_LEGAL = re.compile(
    r"\b(?<!sin )(?<!san )(?<!without )(?<!without a )(visa|visas|viza|pasaporte|passport|paspo"
    r"|green card|residencia|residente|ciudadan\w*|citizen\w*|permiso|permit|peticion|petition"
    r"|avion|vuelo|plane|flight|avyon|legal|legalmente|legally|legalman|en regla|autobus"
    r"|boleto|ticket|con papeles|with papers|ak papye|por la buena|contrato|contract|h2a|h2b"
    r"|cbp one)\b")
#: A return home or a visit: December, the holidays, a visit.
_VISIT = re.compile(
    r"\b(diciembre|navidad|posadas|fiestas|vacaciones|de visita|visitar\w*|december|christmas"
    r"|holidays|vacation|visit\w*|desanm|nowel|vakans|fet yo|de compras|shop|shopping)\b")
#: A plan refused or talked out of: "pa no irme al norte", "ya no se quiere ir".
_REFUSED = re.compile(
    r"\b((para|pa|pra) no (irme|irse|irnos|tener que irme|volver)|ya no (me |se |nos )?(quiero"
    r"|quiere|queremos|quieren) (ir|volver|regresar|cruzar|pasar)|no (me |se |nos )?(quiero|quiere"
    r"|queremos|quieren) (ir|irme|irse|volver|cruzar)|so (i|he|she|we) (don t|dont|doesn t"
    r"|doesnt) have to (go|leave|risk)|(don t|dont|doesn t|doesnt|never) want\w* to (go|cross"
    # "no me voy a ir pal norte", "ya no me pienso regresar", "decided not to come" (11ar).
    r"|leave)|no (me |se |nos )?(voy|va|vamos|van) a ir|no (me |se |nos )?(pienso|piensa|pensamos"
    r"|piensan) (ir|irme|irse|regresar|volver)|decided not to (come|go|cross|leave"
    r"|leave)|pa janm vle|pa vle (ale|al|travese|pase|retounen)"
    r"|pou (m|li|nou) pa (ale|bezwen ale))\b")
#: Going again: "quiere volver a intentarlo", "wants to try again", "li vle eseye ankò".
_AGAIN_PLAN = re.compile(r"\b(otra vez|de nuevo|volver a|again|anko|try|trying|intentar\w*"
                         r"|eseye)\b")
#: A story told: a show, a song, a book, a game.
_TOLD = re.compile(r"\b(that show|the show|el show|la serie|the series|la pelicula|the movie|movie"
                   r"|film|novela|corrido|cancion|song|libro|book|videojuego|video game|the game"
                   r"|el juego|fim|chante|liv)\b")
#: A joke: going over "if he fails his exam again", "si el America pierde otra vez" (11ar).
_JOKE = re.compile(
    r"\b(if|si) (\w+ ){0,3}(fails|fail|flunks|reprueba|repruebo|repruebas|truena|trueno)"
    r" (\w+ ){0,2}(exam|examen|test|class|clase|materia|chemistry|quimica|math|mate|matematicas"
    r"|semestre|semester|ano|year|egzamen)"
    r"|\b(if|si) (el |la |los |las |the |my |mi |nuestro )?(america|chivas|cruz azul|pumas|tigres"
    r"|rayados|seleccion|tri|equipo|team|lakers|cowboys|dodgers|mexico) (\w+ )?(pierde|pierden"
    r"|gana|ganan|loses|lose|wins|win|no gana|doesn t win)\b")
#: A crossing told of long ago, and no plan of now beside it.
_PAST = re.compile(
    r"\b(hace (\d+|un|dos|tres|cuatro|cinco|muchos|varios) anos|hace anos|years ago|ane pase"
    r"|gen (\d+|anpil) ane|last year|el ano pasado|en (19|20)\d\d|in (19|20)\d\d|in the \d0s"
    r"|an (19|20)\d\d"
    r"|cuando (yo )?(era|tenia)|when i was|(?<!mache )lontan)\b")
_NOW_PLAN = re.compile(
    r"\b(quiere|quiero|queremos|quieren|piensa|planea\w*|va a|voy a|vamos a|van a|salen|sale"
    r"|se va|me voy|nos vamos|se van|otra vez|de nuevo|volver a|wants?|planning|plans?|going to"
    r"|gonna|again|leaves|pensando en|thinking (of|about)"
    r"|(he|she|i|we|they) ll|will"
    r"|trying|try|intentar\w*|intenta|eseye|vle|pral|anko|ap (kite|pati|ale))\b")
#: Someone's plan or an arrangement: a wish, a date ahead, a payment, an offer (``_OFFER``).
_INTENT = re.compile(
    _NOW_PLAN.pattern + r"|\b(pagar\w*|pagamos|pague|juntamos|juntando|ahorrando|vendio|vendieron"
    r"|vendamos|trae|traen|lleva|llevan|ya tiene|ya tengo|ya tenemos|se decidio|decidio|pay\w*"
    r"|saving|sold|ka|ap|pral|peye|vann|dwe|set on|como (llego|paso|cruzo|me voy|le hago)"
    r"|how (do|can) (i|we|he|she)|kijan|kouman|me urge|necesito|need to|needs to|bezwen"
    r"|se regresa|se vuelve)\b")
#: Someone wanting or planning to go (or to come, to the writer in the USA): "se quiere ir",
#: "se van el lunes", "wants to come up", "nou vle ale".
_GOING = re.compile(
    r"\b((quiere|quiero|queremos|quieren|piensa|pienso|pensando en|planea\w*|decidid[oa] a|va a"
    # ... or needing to: "necesito ir a ver a mi mama" (issue 11ah).
    r"|me urge|le urge|nos urge|necesito|necesita|necesitamos|bezwen"
    r"|voy a|vamos a|van a|ya me decidi|como le hago (pa|para)|how (do|can) (i|we) get"
    r"|kijan pou (m|nou)) (\w+ ){0,2}(ir|irme|irse|irnos|venir\w*|pasar\w*|ale|there"
    r"|cruzar\w*|aventar\w*|jalar\w*|entrar)|se (va|van) (el|en|manana|pasado|la otra|el otro)"
    r"|me voy (pal|al|para el|pa el) norte|ya me voy|nos vamos a aventar|se (van|va) a aventar"
    r"|(wants?|planning|plans?|going|gonna|trying|set on|talking about|needs?) (to )?(\w+ ){0,2}"
    r"(come|go|cross|try|coming|going)"
    r"|(he|she|i|we|they) ll (\w+ ){0,1}(come|go|cross|try|walk|leave)"
    r"|(he s|she s|i m|we re|they re) (going|coming|leaving)|(pare|prepare) pou (\w+ )?(ale|pati)"
    r"|(m|mwen|nou|li|yo|l|w|ou) (vle|pral|ap|prale) (\w+ ){0,1}(ale|al|vini|pase|travese|antre"
    r"|monte|pati|pran wout))\b")
#: ... and then where or how: north, "whatever way", the hills or the desert.
_GOING_HOW = re.compile(
    rf"({_GOING.pattern})( \w+){{0,6}} ({_NORTH.pattern}|{_ANY_WAY.pattern}|{_WILD.pattern})")
#: The writer in the USA: "estoy en Chicago", "we live in Houston", "nou Miami".
_HERE_US = re.compile(
    rf"\b(estoy|estamos|vivo|vivimos|aqui|aca|conmigo|i live|we live|i m|we re|im|here|with me"
    rf"|avek mwen|ak mwen|m|nou)"
    rf" (en |in |nan |a )?({_US_PLACES})\b")
_BACK_OVER = re.compile(r"\b(back|de regreso|de vuelta|otra vez|tounen|anko)\b")
#: Deported, and going back: "me deportaron hace 6 meses ... me quiero regresar a los angeles".
_DEPORTED = re.compile(r"\b(me deportaron|lo deportaron|la deportaron|nos deportaron|deportad\w*"
                       r"|(me|lo|la|nos|los) (sacaron|echaron)|my deport|got sent back|sent back"
                       r"|deported|depote|me regresaron|lo regresaron)\b")
_BACK = re.compile(r"\b(regresar\w*|volver\w*|se regresa|se vuelve|go back|get back|come back"
                   r"|retounen|tounen)\b")
#: An offer made to someone: offered, "dice que lo puede traer", "says he can take us".
_OFFER = re.compile(
    r"\b(ofrec\w*|ofert\w*|ofrez\w*|dice (que|q) (el |ella )?(lo|la|los|las|nos|me|te|se)? ?"
    r"(puede |pueden )?(trae|traer|lleva|llevar|pasa|pasar|cruza|cruzar|mete|meter)"
    r"|offer\w*|says (he|she|they) can|said (he|she|they) (can|could)"
    r"|can (bring|take|get|cross) (him|her|them|us|me)|ofri\w*|di (l|li) ka"
    r"|di l ap|di li ap|ka (mennen|pase|fe)|promet\w*|promis\w*|pwomet"
    r"|(yo|li) mande (m|nou) (\w+ ){0,2}(\d+|mil)|te mete por|me mete por|lo mete por)\b")
#: Someone says (what an offer seen online often is: "dicen que pasan gente por la garita").
_SAYS = re.compile(r"\b(dice|dicen|dijo|dijeron|say|says|said|di|te di|ap di)\b")
#: How an offer came: social media, a website, a call, a message.
_ONLINE = re.compile(
    r"\b(facebook|face|fb|messenger|whatsapp|whats|wasap|watsap|tiktok|instagram|insta|ig"
    r"|internet|redes|en linea|online|pagina|anuncio|marketplace|grupo de|telegram|youtube"
    r"|por telefono|me (llamaron|hablaron|marcaron|escribieron)|una llamada|un mensaje|mensaje"
    r"|texto|sms|called me|called us|texted|a text|on the phone|phone call|dm|dms|website"
    r"|an ad|a post|pa telefon|(li|yo) rele (m|nou)|mesaj|sou rezo|publicacion|inbox)\b")
#: A scam told: paid for papers or a job that never came, a fake agent.
_SCAMMED = re.compile(
    r"\b(me|nos|lo|la|los|les) estaf\w*|\bestafad\w*|\bscammed\b|\bfake (agent|recruiter)\b"
    r"|\bfo ajan\b|\beskwok\w*|\bpag(ue|amos|o|aron) .{0,50}\b(visa|trabajo|contrato|papeles)\b"
    r"|\bpaid .{0,50}\b(visa|job|papers)\b")
#: Someone who sells immigration papers without being a lawyer, or a lawyer only on the phone.
_NOTARIO = re.compile(r"\b(notari[oa]s?|abogad[oa] por telefono|lawyer (on|over) the phone"
                      r"|avoka sou telefon)\b")
_PRICE = re.compile(r"\b\d+ ?k\b|\b(wants|charges|charging|asks for)\b")  # "wants $5k"
#: ... for US immigration papers (a notario for a land deed in Jerécuaro is a notary).
_US_PAPERS = re.compile(r"\b(asilo|asylum|azil|green card|residencia|residency|visa|viza|daca"
                        r"|permiso|papeles|papers|papye|ciudadania|citizenship|perdon|waiver)\b")
#: A word of crossing itself: across a border, a river, a wall.
_ACROSS = re.compile(r"\b(cruz\w*|brinc\w*|cross\w*|travese|janbe|sote|jump\w* the)\b")
#: A job, a visa or papers promised: the fake offer's bait.
_PROMISE = re.compile(
    r"\b(trabajo|chamba|jale|empleo|contrato|visa|visas|permiso|papeles (buenos|reales"
    r"|verdaderos|chuecos|falsos|originales)|con (todo y )?papeles|green card|job|work|contract"
    r"|papers|travay|viza|kontra|papye)\b")
#: What a fake offer is made of: an offer, money asked, a seller, a doubt about it.
_BAIT = re.compile(
    r"\b(ofrec\w*|ofert\w*|offer\w*|ofri\w*|promet\w*|promis\w*|pwomet\w*|pag\w*|cobr\w*"
    r"|deposit\w*|dinero|dolares|dls|pesos|mil|adelant\w*|lajan|dola|kob|peye|pay\w*|paid|fee"
    r"|money|cash|vend\w*|sell\w*|vann|scam|fraude|estafa\w*|eskwok\w*|es real|sera real"
    r"|legit|confiable|consigu\w*|arregl\w*|agencia|agency|ajans|reclutador\w*|recruiter\w*"
    r"|dlls|usd|fre|frais|garantiz\w*|guarantee\w*|llam\w*|mande|\d+)\b")
#: Going ahead with it: a date, a payment made or about to be, "nos vamos".
_AHEAD = re.compile(
    r"\b(se va el|sale el|salen el|se van el|nos vamos el|leaves|is leaving|about to pay"
    r"|already paid|ya (le |les )?(pago|pague|pagamos|deposito|deposite|mando|mande)"
    r"|le va a pagar|ya se decidio|nou pral ale|m pral ale|li pral ale|pral pati"
    r"|wants to buy|quiere comprar|lo va a comprar)\b")

# -- issue 11ab: the plan told by how it is arranged, not by where it goes -------------------
#: A person who takes the traveller, named by what he is, not by a trade: "al señor que lleva
#: a mi sobrino", "una señora nos lleva", "the man that's bringing my little brother", "a
#: contact who picks up in Laredo", "yon moun ap pran nou". Alone it may be a ride to school,
#: so it counts beside a place north, a payment, a group or a day of leaving.
_PERSON_TAKES = re.compile(
    r"\b(senor|senora|senorita|muchacho|hombre|tipo|conocido|persona|man|guy|lady|woman|contact"
    r"|moun|mesye|neg|madanm) (que |q |ke |that s |that is |who s |who is |who |that |ki |k )?"
    r"(\w+ ){0,2}(lleva|llevan|trae|traen|pasa|recoge|recogen|bringing|taking|brings|takes"
    r"|picks up|picking up|mennen|pran nou|pran m|pran li)\b"
    r"|\b(el|la|los|las|al|a los|del) (que|q|ke) (\w+ )?(llevan|lleva|traen|trae|pasan|pasa)"
    r" a (los|las) (muchachos|chavos|chavas|muchachas|migrantes|personas|paisanos|raza)\b")
#: Going together with people of the village, or with a group: "con otros 4 de la comunidad",
#: "con gente de Tierra Blanca", "with some guys from his town", "ak yon gwoup".
_GROUP = re.compile(
    r"\b(con|with|ak|avek|ave) (otros|otras|unos|unas|gente|un grupo|\d+|some|a group|other"
    r"|yon gwoup|lot moun|kek moun|un conocido|una conocida) (\w+ ){0,3}(de la comunidad"
    r"|del rancho|del pueblo|de mi pueblo|de su pueblo|de aqui|de por aqui|de la colonia|de \w+"
    r"|from (his|her|my|our|their|the) (town|village|pueblo|rancho|ranch)|from town|moun)\b"
    r"|\b(con|with|ak|avek|ave) (gente|un conocido|una conocida) de\b"
    r"|\byon gwoup (ap|pral|k ap|ki pral) (soti|pati|ale|kite)\b"
    r"|\b(ak|avek|ave) yon gwoup\b")
#: A town of Mexico one goes to with a group, no crossing: "ak yon gwoup legliz pou Leon".
_MX_TOWN = re.compile(r"\b(pou|para|pa|to|rumbo a) (leon|celaya|irapuato|silao|salamanca|guanajuato"
                      r"|queretaro|mexico|meksik|cdmx|guadalajara|tapachula|san luis potosi)\b")
#: A day of leaving: "el domingo", "mañana en la madrugada", "en 10 dias", "lendi".
_LEAVING_DAY = re.compile(
    r"\b(el |este |on |this |next )?(lunes|martes|miercoles|jueves|viernes|sabado|domingo"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lendi|madi|mekredi|jedi"
    r"|vandredi|samdi|dimanch)\b|\b(manana|en la madrugada|tomorrow|demen|en \d+ dias"
    r"|in \d+ (days|weeks)|la otra semana|next week|semenn pwochen|la semana que (entra|viene))\b")
#: The journey arranged with someone: "ya tiene todo arreglado con un conocido", "ya arreglo
#: su ida", "ya quedamos con un señor en 120 mil por cabeza", "mitad aca y mitad alla".
_ARRANGED = re.compile(
    r"\b((todo )?(arreglad[oa]|arreglo|arreglamos|arregle|hicimos trato|hizo trato|made a deal"
    r"|set it up|aranje) (todo )?(con|with|ak) (un|una|el|la|unos|gente|a|some|the|yon) (senor"
    r"|senora|muchacho|conocido|conocida|persona|tipo|gente|guy|man|lady|contact|moun|neg|mesye"
    r"|\w+ de)|(quedamos|quede|quedo) con (un|una|el|la) (senor|senora|muchacho|conocido|persona"
    r"|tipo) (\w+ )?(en|por|a) (\d+|\w+ mil)"
    r"|(arreglo|arreglamos|arreglaron|aranje) (su|mi|la) (ida|salida|pasada)"
    r")\b")
#: Picked up or met at the border, or by night: "me esperan en la central de juarez y de ahi
#: me llevan de noche", "el que nos va a recoger en ... caborca", "de ahi me recogen en una
#: camioneta".
_BORDER_TOWN = (r"juarez|caborca|altar|sasabe|sonoyta|nogales|agua prieta|tijuana|mexicali"
                r"|reynosa|matamoros|nuevo laredo|laredo|piedras negras|acuna|ojinaga"
                r"|san luis rio colorado|la frontera|la linea|the border|fwontye a")
_PICKUP = re.compile(
    rf"\b((me|nos|lo|la|los|te) (va a |van a )?(recoger|recoge|recogen|esperan|espera)"
    rf"|(el|la|los) (que|q) (me|nos|lo|la) (va a |van a )?(recoger|recoge|recogen|esperan?)"
    rf"|pick\w* (me|us|him|her|them) up|picks? up|vin chache (m|nou)"
    rf"|ap tann (m|nou))\b( \w+){{0,8}} ({_BORDER_TOWN})\b"
    rf"|\b(me|nos|lo|la|los) (llevan|lleva|pasan|pasa) de noche\b")
#: ... unless the helpline is asked to go ("can you guys come pick up my brother at the border",
#: "¿lo pueden ir a recoger a Juárez?"): a thing this chat cannot do, not a plan.
_ASKED_OF_US = re.compile(
    r"\b(can|could|would) (you|u|y all|you guys|someone)( \w+){0,2} pick"
    r"|\b(pueden|puede|podrian|podria)( \w+){0,2} (ir a |venir a )?(recoger|buscar)"
    r"|\b(nou|ou) ka (vin )?chache\b")
#: The walk itself: "la caminata larga", "cuanto se camina despues", "caminando en la noche",
#: "mache lontan", what to bring "pou wout la" (for the journey).
_WALK = re.compile(
    r"\b(caminata\w*|caminada|se camina|caminando (de|en la) noche|caminar (de|en la) noche"
    r"|walk\w* at night"
    r"|the walk|long walk|mache lontan|pou wout la|nan wout la|pal camino|para el camino"
    r"|(el|pa el|para el|pal) camino (largo|tan largo)|the long (road|journey|trek)"
    r"|wout la long)\b")
#: Water reckoned for days or for a walk: "cuanta agua por persona pa 3 dias", "cuantos
#: litros aguanta uno cargar caminando".
_WATER = re.compile(
    r"\b(cuanta agua|cuantos litros|cuantos galones|how much water|how many (liters|gallons)"
    r"|konbyen dlo|konbyen lit|galon de agua|litros de agua|gallons? of water)\b")
_DAYS = re.compile(rf"\b{_NIGHTS}\b")
#: A pilgrimage, an outing on foot or a storm prepared for, not a crossing ("pa la
#: peregrinacion a San Juan").
_OUTING = re.compile(
    r"\b(peregrin\w*|pilgrim\w*|san juan de los lagos|romeria|hiking|hike|camping|campamento"
    r"|excursion|maraton|marathon|pelerinaj|scouts?|huracan|hurricane|ciclon|siklon|tormenta"
    r"|picnic|dia de campo|pikinik"
    r"|storm)\b")
#: ... or the one who drives it for a living: "mi esposo es trailero, se va a laredo el lunes".
_DRIVER = re.compile(r"\b(es|soy|is|i m|he s|se) (trailero|camionero|chofer|trucker|a trucker"
                     r"|truck driver|a truck driver|chofe)\b")
#: Hidden in a vehicle: "nos vamos en la caja del trailer", "travel in a trailer like in the
#: cargo part", "kache nou nan yon trelè".
_HIDDEN_RIDE = re.compile(
    rf"\b({_MOVE_WORDS}|kache (nou|m|li|yo)|(lo|la|los|las|nos|me|te) (suben|sube|subieron|van a"
    rf" subir|esconden|van a esconder)|(put|hide|hiding|putting) (him|her|them|us|me)"
    rf"|mete (l|li|yo|nou|m)) (\w+ ){{0,3}}(en|in|nan) (la |el |the |a |yon |un "
    rf"|una )?(caja del trailer|caja de (un )?(trailer|camion)|caja seca|cargo (part|area|hold|box)"
    rf"|back of a (truck|trailer)"
    rf"|tren de carga|la bestia|freight train|trele|trailer (\w+ ){{0,3}}(cargo|caja|escondid\w*"
    rf"|hidden|ppl|people|gente))\b")
#: Not seen: a checkpoint dodged, a place "where nobody checks".
_EVADE = re.compile(
    r"\b((pa|para) (que )?no (me|te|nos|lo|la|los) (bajen|agarren|cachen|regresen) (\w+ ){0,4}"
    r"(retenes|reten|checkpoint\w*|garita|kontwol)|(nobody|no one) (checks|is checking|watches"
    r"|is watching)|donde no (revisan|checan|vigilan)|kote (pa gen|yo pa) (kontwol"
    r"|tcheke)"
    # ... said of the ride ahead (issue 11ao): "y no la revisan", "nobody will check it", "yo p
    # ap tcheke l", "pa gen moun ki tcheke".
    r"|no (la |lo |los |las |nos |te |me )?(revisan|checan|van a (revisar|checar))"
    r"|(nobody|no one)( ll| will| is gonna| s gonna| is going to)? (check|checks|stop|stops"
    r"|search|searches) (it|us|you|me|them|the \w+)"
    r"|(yo|pesonn|lapolis|imigrasyon) (p ap|pap|pa p|pa pral|pa janm) (tcheke|kontwole|fouye)"
    r"|pa gen moun (ki )?(ap |pral )?(tcheke|kontwole|fouye))\b")
#: Taken for free if he carries a backpack: a crossing paid with a load, not a fake offer.
_MULE = re.compile(
    r"\b(gratis|free|de a gratis|sin cobrar\w*|for free|san peye|gratis) (\w+ ){0,3}(si|if|si w"
    r"|si l) (\w+ ){0,2}(carga|cargas|cargar|lleva|llevas|carry|carries|pote) (una |un |a |yon )?"
    r"(mochila|paquete|maleta|backpack|package|bag|sak|bagay)\b")
#: Trying again after being caught: "voy a intentarle de nuevo, la primera vez me agarraron".
_TRY_AGAIN = re.compile(
    r"\b(intentar\w*|try\w*|eseye) (\w+ ){0,2}(de nuevo|otra vez|again|anko"
    r"|por (\d+\w*|segunda|tercera|cuarta) vez|(a|for the) (\d+\w*|second|third|fourth) time)\b")
_CAUGHT = re.compile(
    r"\b(me agarraron|nos agarraron|lo agarraron|la agarraron|los agarraron|got caught|caught (me"
    r"|us|him|her)|me regresaron|nos regresaron|yo kenbe (m|nou|li))\b")
#: Land or cattle sold to pay for the journey: "ya vendi la vaca y el pedacito de terreno pa
#: pagar el viaje".
_SOLD_FOR_IT = re.compile(
    r"\b(vend\w*|empen\w*|sold|pawned|vann) (\w+ ){0,6}(terreno\w*|parcela|tierras?|casa|casita"
    r"|vaca|vacas|animales|ganado|land|house|cows?|te a|te m|te li|te nou|te yo|bet yo|kay la)"
    r" (\w+ ){0,4}(pa|para|to|pou) (m |nou |li )?(pagar el viaje|pagar la pasada|pagarle|irse"
    r"|irme|irnos|pay for the trip|pay the guy|go|peye vwayaj|vwayaj|ale)\b")
#: The person at the border waiting for the word to go: "esta en la frontera esperando que le
#: digan cuando se mueven".
_WAITING_WORD = re.compile(
    r"\b(esperando|waiting|ap tann|esperar) (\w+ ){0,2}((que|q) (le|les|me|nos) (digan|avisen"
    r"|den (la senal|el aviso|luz verde))|(que|q) (lo|la|los|las|nos|me) (pasen|crucen|brinquen)"
    r"|to be (taken|brought|crossed) (over|across)|cuando (se "
    r"mueven|salen|pasan|cruzan)|for the (call|signal|word|go ahead)|for them to (move|go)"
    r"|yo di (l|li|nou|m))\b"
    # ... his turn, the man's call, the day to leave with a group (issue 11ah): "in reynosa
    # waiting for his turn", "estamos en sonoyta esperando pasar con el grupo".
    r"|\b(esperando|esperemos|esperamos|esperar|espera|waiting|wait|ap tann) (\w+ ){0,6}"
    r"(for (his|her|my|our|their) turn|su turno|nuestro turno|mi turno|tou (li|m|nou)"
    r"|for the (guy|man|coyote) to (call|text|come)|(salir|pasar|cruzar) con (el|un|los|unos)"
    r" (grupo|senor|guia|muchachos))\b")
#: ... or for a call, when a man who leads them told them to wait: "el guia dice q esperemos
#: en la casa a q nos llame" (not "esperando a que nos llamen del albergue").
_WAITING_CALL = re.compile(
    r"\b(esperando|esperemos|esperamos|esperar|espera|waiting|wait|ap tann) (\w+ ){0,6}"
    r"(a (que|q) (nos|me|le|les|lo|los) (llame|llamen|hable|hablen|avise|avisen|recoja|recojan)"
    r"|for (him|them) to (call|text)|pou (li|yo) rele (nou|m))\b")
_LEADER = re.compile(r"\b(el senor|el guia|el muchacho|el tipo|the man|the guy|coyote|pollero"
                     r"|nonm nan|neg la|mesye a|gid la)\b")


# -- issue 11ah: the plan told by what is done to the traveller ---------------------------------
#: Put across by someone: "luego los pasan por la garita", "they sneak people in", "yo fe yo
#: antre Etazini".
_PUT_ACROSS = re.compile(
    rf"\b(lo|la|los|las|nos|te|me|les) (van a |va a |iban a )?(meten|mete|meter|metieron|metio"
    rf"|brincan|cruzan|pasan) (\w+ ){{0,2}}(a|al|hasta|por|pa|para|pal) (la linea|el cerco"
    rf"|el muro|la garita|el otro lado|{_US_PLACES})\b"
    rf"|\bsneak\w* (\w+ ){{0,2}}(in|into|across|over)\b"
    rf"|\bfe (l|li|yo|nou|m) (antre|pase|travese) (\w+ ){{0,2}}({_US_PLACES})\b")
#: The walk told by those who lead it: "el guia le dijo que van a caminar 3 noches", "gid la di
#: n ap mache 3 jou", "the guy told them they walk 2 nights".
_TOLD_WALK = re.compile(
    rf"\b(dijeron|dijo|dice|dicen|di|says|said|told \w+|they say) (\w+ ){{0,6}}(caminar|caminan"
    rf"|caminamos|camina|walk|walking|walks|mache) (\w+ ){{0,2}}{_NIGHTS}\b")
#: Someone sent to take the traveller over or back: "su patron le va a mandar a alguien pa que
#: lo pase al otro lado", "his boss is sending someone to bring him back over".
_SENT_TAKER = re.compile(
    r"\b(mandar|manda|mandan|mando|send|sends|sending|sent|voye) (a )?(alguien|uno|un senor"
    r"|una persona|someone|a guy|a man|yon moun|yon neg) (pa|para|to|pou) (que |q )?"
    r"(\w+ ){0,2}(lleve|traiga|pase|cruce|recoja|take|bring|get|pick|mennen|pran)\b"
    r"(( \w+){0,3} (de vuelta|de regreso|back|over|across|pa alla|para alla|al otro lado"
    r"|lot bo|tounen))")
#: Someone waiting for the traveller in the USA: "mi hermano me espera en houston".
_AWAITS_US = re.compile(
    rf"\b((me|nos|lo|la|los|le|les|te) (espera|esperan|recibe|reciben|va a recibir)"
    rf"|(is|are) waiting for (me|us|him|her|them)|ap tann (m|mwen|nou|li|l))"
    rf" (\w+ ){{0,2}}(en|in|nan|a)? ?({_US_PLACES})\b")
#: Afraid of being caught at the river: "nou pral travese samdi, eske yo arete moun bo larivye a".
_CAUGHT_FEAR = re.compile(r"\b(arete|arrest\w*|detien\w*|agarr\w*|caught|kenbe)\b")
_RIVER = re.compile(r"\b(rivye a|larivye|el rio|rio bravo|rio grande|the river)\b")
#: A crossing offer seen online: "vi en un live de facebook a uno que lleva gente".
_SEEN = re.compile(r"\b(vi|vio|vimos|vieron|saw|seen|sees|(m|li|nou|yo) we)\b")


# -- issue 11ak: the plan told by its decision, its date, its money, its fears ------------------
_MONTHS = MONTHS + r"|janvye|fevriye|mas|avril|me|jen|jiye|out|septanm|oktob|novanm|desanm"
#: A date set: "ya tiene fecha", "sale el 15 de marzo", "leaves on the 3rd", "li gen dat".
_DATE = re.compile(
    rf"\b(ya (tiene|tengo|tenemos|tienen) fecha|(el )?\d{{1,2}} de ({_MONTHS})|on the \d{{1,2}}"
    rf"(st|nd|rd|th)?|(has|have|got) a date|(li|nou|m) gen (yon )?dat)\b")
#: To a border town: "rumbo a sonoyta", "to reynosa" (not "ya estoy en reynosa").
_TO_BORDER = re.compile(rf"\b(a|pa|pal|para|hasta|rumbo a|to|pou|towards) ({_BORDER_TOWN})\b")
#: ... for work there, a journey with no crossing: "sale el martes a tijuana a trabajar".
_WORK = re.compile(r"\b(trabaj\w*|chamba|jale|maquila|empleo|fabrica|work\w*|job|factory|travay"
                   r"|contrato|contract|visa|visas|viza|trailero|chofer|trucker|driver)\b")
#: ... nor someone sent back to Mexico: "mañana deportan a mi hermano, lo mandan a matamoros".
_SENT_BACK = re.compile(r"\b(deport\w*|depote|(me|lo|la|nos|los|las) (acaban de )?(regresaron"
                        r"|regresar|echaron|mandaron de regreso)|sent back|sending (him|her|them)"
                        r" back|got sent)\b")
#: A morning gone by is no day of leaving: "me regresaron por nuevo laredo esta mañana".
_PAST_DAY = re.compile(r"\b(esta manana|this morning|hoy en la manana|maten an|(desde|since|depi)"
                       r" (el |la |last )?\w+)\b")
#: A crossing place, not a town: the river, the line, the wall.
_CROSSING_POINT = re.compile(
    r"\b(cruz\w*|pasar|paso|pasamos|pasan|cross\w*|travese|janbe|pase) (\w+ ){0,2}(el rio|la linea"
    r"|el cerco|el muro|la garita|the river|the line|the wall|larivye a|rivye a|fwontye a)\b")
#: A deposit paid to someone, and the rest still to come: "ya le dimos el anticipo al señor",
#: "we gave the guy a deposit", "nou peye mesye a avans".
_DEPOSIT = re.compile(
    r"\b(pag\w*|dimos|dio|dieron|mandamos|mande|mando|gave|give|paid|pay\w*|sent|peye|voye)"
    r" (\w+ ){0,3}(el anticipo|un anticipo|el adelanto|un adelanto|el enganche|la primera parte"
    r"|the first (half|part|payment)|a deposit|the deposit|a down payment|avans)\b")
_SOMEONE = re.compile(r"\b(senor|senora|hombre|tipo|muchacho|man|guy|lady|dude|mesye|neg|moun"
                      r"|coyote|pollero|guia|koyot)\b")
#: ... and the traveller not gone yet, or the day awaited.
_NOT_YET = re.compile(
    r"\b(todavia (esta|sigue) (aqui|aca|en (la )?casa)|still (here|home|at home)|toujou la"
    r"|(nomas |solo )?falta (que|q) (nos|me|le|les) (diga|digan|avise|avisen)"
    r"|(wait|waiting|esperar|esperando|ap tann) (for )?(el dia|la fecha|the (date|day|call)|jou a"
    r"|dat la))\b")
#: Someone else's papers used at the port: "use his friends green card at the port of entry".
_BORROWED = re.compile(
    r"\b(papeles (prestados|de otr\w*)|(papers|visa|green card|passport|id) of (someone|another)"
    r"|borrowed (papers|visa|passport|green card|id)|papye prete"
    r"|(friend s|friends|cousin s|cousins|brother s|brothers|someone s|someone else s|sister s)"
    r" (green card|visa|papers|passport|id)|papye (lot moun|yon lot)|(mica|visa|pasaporte|green"
    r" card|papeles|documentos|credencial|acta) (prestad[oa]s?|de otr\w*|de (su|mi|un|una|tu)"
    r" (amig[oa]|prim[oa]|herman[oa]|compa|tio|tia|cunad[oa]|vecin[oa]))|pasaporte prestado)"
    r"\b")
_USE_AT_PORT = re.compile(r"\b(us\w*|pasar|cross|enter|get (in|through)|itilize|pase|antre"
                          r"|port of entry|garita|la linea|el puente|the bridge)\b")
#: The weather of the walk: cold in the hills, heat for walking, in the month one leaves.
_WEATHER = re.compile(r"\b(frio|calor|heat|cold|hot|cho|fret|lluvia|rain|lapli)\b")
_GO_IN_MONTH = re.compile(
    rf"\b(ir|irse|irme|irnos|cruzar|pasar|go|leave|cross|ale|pati|travese) (en|in|nan|an)"
    rf" ({_MONTHS}|verano|invierno|primavera|otono|summer|winter|spring|fall|ete|ive)\b")
_FOR_WALKING = re.compile(r"\b(pa caminar|para caminar|to walk|for walking|pou mache)\b")
#: Going with one who has gone many times: "con mi tio el que ya se ha ido 3 veces".
_VETERAN = re.compile(
    r"\b((el|la) (que|q) ya (se )?(ha ido|fue|se fue|ha pasado|paso|cruzo|ha cruzado|se ha ido)"
    r" (\w+ )?(\d+|dos|tres|cuatro|cinco|varias|muchas) veces|who (has|s) (gone|crossed|been"
    r"|done it|made it) (\w+ )?(\d+|two|three|four|several|many) times|ki (deja )?(pase|travese"
    r"|ale|fe l) (\d+|de|twa|kat|plizye) fwa)\b")
#: Whether one can go with a small child, asked: "se puede ir uno con un bebe".
_WITH_CHILD = re.compile(
    r"\b(se puede|puedo|podemos|puede|can i|can we|can she|can he|can you|eske m ka|eske nou ka"
    r"|eske li ka|m ka|nou ka) (\w+ ){0,1}(ir|irse|irme|pasar|cruzar|go|cross|make it|ale|pase"
    r"|travese|pati) (uno )?(\w+ ){0,2}(con|with|ak|avek) (un |una |mi |my |a |yon |her |his |su )?"
    r"(bebe|baby|nino|nina|ninos|kids|children|pitit|tibebe|chiquito|nene)\b")
_WENT_SO = re.compile(r"\b(se fue (asi|caminando|igual)|went (like that|that way|the same way)"
                      r"|(li|yo) te ale konsa)\b")
#: Money lent to pay for it: "ya hasta le presto pa pagar".
_LENT = re.compile(r"\b(presto|preste|prestamos|prestaron|lent|loaned|prete) (\w+ ){0,3}(pa|para"
                   r"|to|pou) (pagar|pay|peye)\b")
_ON_FOOT = re.compile(r"\b(caminando|caminar|a pie|walking|on foot|a pye|ap mache)\b")
#: A house in a border town where they gather people before going.
_GATHERING = re.compile(
    r"\b(kay|casa|house|lugar|place) (\w+ ){0,4}(kote|donde|where) (yo |they |se |la )?"
    r"(rasanble|juntan|junta|reunen|gather\w*|keep|esperan|kenbe) (moun|gente|people|a la gente)"
    r"\b")
#: Afraid, and decided: "nou pè men nou deside", "tenemos miedo pero ya nos decidimos".
_AFRAID_DECIDED = re.compile(
    r"\b(pe|miedo|asustad\w*|scared|afraid|nervous|nervios\w*) (\w+ ){0,4}(men|pero|but)"
    r" (\w+ ){0,3}(deside|decidimos|decidi|decidio|decidieron|decided|made up (our|my) minds?)\b")
#: No other way than going: "no me quiero ir pero no hay de otra".
_NO_CHOICE = re.compile(
    r"\b(no hay de otra|no (me|nos) queda (de )?otra|no tengo (de )?otra"
    r"|no hay otra (opcion|salida)|(i|we|he|she) (have|has) no (other )?choice"
    r"|no other (choice|way)|(pa gen|m pa gen) (lot )?chwa)\b")
#: Saving up for the journey and its price asked: "en cuanto anda el viaje ... pa irle juntando".
_SAVING = re.compile(r"\b((pa|para) (irle|irlo|ir) juntando|(juntando|ahorrando|saving up|saving"
                     r"|sere lajan|ramase lajan) (\w+ ){0,2}(pa|para|to|for|pou))\b")
_TRIP_PRICE = re.compile(r"\b((en )?cuanto (anda|sale|cuesta|esta) el viaje|how much (is|does|s)"
                         r" the trip|konbyen vwayaj la)\b")
#: Over there, said of an offer to take someone: "una camioneta que sale ... pa alla".
_THERE = re.compile(r"\b((pa|para|hasta) alla|over there|up there|lot bo a)\b")


# -- issue 11ar: the crossing told in the words of the region -----------------------------------
#: The crossing itself, said as people say it: "brincarse", "se vuelve a brincar", "aventarse",
#: "mojarse", "irse de mojado", "jump back over", "walking back over", "taken over". A wish or
#: a plan of it is a plan ("me quiero aventar"); "brincarse la fila" is no crossing.
_OVER = re.compile(
    r"\b((brincar|brincarse|brincarme|brincarnos|brincarle|brincarte)(?! (la|una) (fila|cola"
    r"|clase|regla|barda de la escuela|comida|dieta))"
    r"|(se|me|nos|te) (vuelve|vuelvo|volvemos|vuelven|va|voy|vamos|van|quiere|quiero|queremos"
    r"|quieren) a (brincar|aventar|mojar)"
    r"|(aventar|aventarse|aventarme|aventarnos|aventarle)(?! (a|al|con) )"
    # ... and said now: "se avienta el mes que entra", "se brinca pal otro lado".
    r"|(se|me|nos|te) (avienta|aviento|aventamos|avientan|avientas|brinca|brinco|brincamos"
    r"|brincan|brincas)(?! (a|al|con|la|los|las|un|una|de|del|encima|arriba|en) )"
    r"(?! el (?!(mes|ano|lunes|martes|miercoles|jueves|viernes|sabado|domingo|\d)))"
    r"|(mojarme|mojarse|mojarnos) (pa|para|al|de)|de mojad[oa]s?"
    r"|(jump|jumping|jumps|walk|walking|come|coming|go|going|get|getting|sneak\w*) back over"
    r"|(jump|jumping|sneak\w*) (over|across)(?! (the|a) (puddle|rope|fence at school))"
    r"|(bring|brings|bringing|get|getting|take|taking|sneak\w*) (someone|somebody|people|ppl|kids"
    r"|children|him|her|them|us|me) over"
    r"|(taken|brought|snuck|smuggled) (over|across))\b")
#: ... wished: "por quererme aventar", "me quiero mojar" (a plan in itself).
_OVER_WISH = re.compile(
    r"\b(quererme|quererse|quererte|querernos) (aventar|brincar|mojar)\b(?! (a|al|con) )"
    r"|\b(me|se|nos|te) (quiero|quiere|queremos|quieren) (aventar|mojar|brincar)\b(?! (a|al|con) )")
#: The money of the journey gathered: "ya junto lo del viaje", "tiene lo del coyote".
_TRIP_MONEY = re.compile(r"\b(junto|juntamos|juntaron|juntando|ahorro|ahorramos|tiene|tengo"
                         r"|tenemos) lo del (viaje|pasaje|coyote)\b")
#: A way no traveller with papers takes: the hills, the scrub, the river, the levee, the line
#: walked, "por abajo", the desert, "the river route", "the same way he came", "nan mòn an",
#: "pase rivyè a". Said of someone going (``_MOVE``), planned or asked about, it is a crossing.
_ROUTE_WAYS = (r"cerro|cerros|monte|el bordo|bordo|rio|rio bravo|sierra|desierto|montana|montanas"
               r"|hills|mountains|desert|river|brush|mon an|mon yo|deze a|rivye a|larivye a")
_ROUTE = re.compile(
    rf"\b(el bordo|(por|x|through|thru|over|across|via|pa mitan|travese|pase nan|mache nan)"
    rf" (el |la |los |las |the |a )?"
    rf"({_ROUTE_WAYS})|por abajo|por debajo|the (river|desert|mountain) route|(same|the) way (he"
    rf"|she|i|they|we) (came|went|did)|without going through (the )?(port|checkpoint|garita)"
    rf"|(meter|meternos|meterte|meterlos|meterla|meterlo|pasar|pasarnos|pasarte|pasarlos) por el"
    rf" agua|sin pasar por (la )?(garita|aduana)|(pase|travese|janbe) (nan )?(rivye a|larivye a)"
    # The days of the way told ahead ("se 3 jou nan mon an"), not the days spent there now
    # ("nou gen 4 jou nan deze a": lost, an emergency).
    rf"|(se|son|es|it s|its|is|are|sera|seran|dure) {_NIGHTS} (nan mon|en el monte|en el cerro"
    rf"|en el desierto|in the (desert|mountains|hills)|nan deze)|por la linea)\b")
#: ... "the line" is also the port's queue, walked with papers: it lifts no legal journey.
_LINE = re.compile(r"\bpor la linea\b")
#: Given up to the border patrol on the other side, for asylum: "se va a entregar alla", "turn
#: herself in to border patrol", "rann tèt nou bay la migra". A plan to cross.
_GIVE_UP = re.compile(
    r"\b(entregar|entregarse|entregarme|entregarnos|se entregan|se entrega|me entrego"
    r"|nos entregamos"
    r"|turn\w* (herself|himself|themselves|myself|ourselves|yourself) in"
    r"|rann tet (nou|li|yo|m|mwen|w) bay)\b")
_GIVE_UP_WHERE = re.compile(
    r"\b(alla|migra|la migracion|border patrol|la patrulla|asilo|asylum|azil|otro lado|al rio"
    r"|the border|la frontera|fwontye|el bordo"
    r"|the river|la linea|lot bo|fwontye|(dejan|deja) pasar|let (them|you|him|her) (in|through))\b")
#: Shut in a vehicle: "en la caja de un trailer", "en la cajuela", "in the trunk", "nan kòf".
_SHUT_IN = re.compile(
    r"\b(en|in|nan|adentro de|inside) (la |el |the |a |un |una |yon )?(caja (de|del) (un )?"
    r"(trailer|trele|camion|troca)|cajuela|trunk|kof (machin|la)|doble fondo|trailer de \w+"
    r"|trailer|trele)\b")
_PUT_IN = re.compile(
    r"\b((lo|la|los|las|nos|me|te) (van a |va a |iban a )?(meter|meten|mete|subir|suben|sube"
    r"|esconder|esconden|llevar|llevan)|(put|hide|hiding|putting|smuggle\w*) (him|her|them|us|me)"
    r"|(irse|irme|irnos|ir|van|va|voy|vamos|viajar|viaja|go|going|ride|riding|travel\w*|pase|ale)"
    r"|mete (l|li|yo|nou|m))\b")
#: What it costs to be taken over, asked: "cuanto cobran por pasar", "lo q piden x llevarte al
#: otro lado", "how much to bring someone over", "cuanto cobran por pasarlo por Tijuana" (the one
#: taken over named, issue 11ca).
_PRICE_TO_CROSS = re.compile(
    r"\b(cuanto|cuánto|how much|konbyen) (\w+ ){0,6}(por|pa|para|x|to|pou) ((pasar|cruzar)"
    r"(me|te|lo|la|los|las|nos)?(?! a limpio)|brincar|llevarte|llevarlo|llevarla|traerlo|traerla"
    r"|bring|take|get|cross|pase|travese|mennen)\b")
#: The hills and the river of every day: a walk, firewood, the cattle, a swim.
_LEISURE = re.compile(
    r"\b(a caminar|de paseo|a pasear|paseo|a correr|ejercicio|a escalar|senderismo|cabana|lena"
    r"|las vacas|el ganado|los chivos|sembrar|la milpa|a cazar|caceria|a pescar|pesca"
    r"|hiking|hike|fishing|hunting|camping|firewood|bwa dife|peche|jaden)\b")
#: At the levee, waiting: "ya esta en el bordo esperando".
_AT_BORDO = re.compile(r"\b(en el bordo (\w+ ){0,3}esperando|esperando (\w+ ){0,3}en el bordo)\b")
#: Going again after a deportation: "juntando pa irse otra vez" ("sent back" is no going back).
_GO_AGAIN = re.compile(r"\b(otra vez|de nuevo|again|anko|back over|se (vuelve|regresa) pa alla)\b")
#: Leaving soon: "en 2 semanas", "salimos el 15", "a fin de mes", "next month", "tomorrow".
_SOON = re.compile(
    r"\b((en|in|nan) (\d+|dos|tres|una|un par de|a couple( of)?|a|de|twa) (dias|semanas|meses"
    r"|days|weeks|months|jou|semenn|mwa)|(salimos|salgo|sale|salen|nos vamos|me voy|se va|se van)"
    r" el \d{1,2}|a fin de mes|el mes que (entra|viene)|next (month|week)|mwa pwochen"
    r"|despues de la feria|tomorrow|manana|demen)\b")
#: The danger of a way asked: "es muy peligroso?", "q tan feo esta", "is that dangerous rn".
_HOW_RISKY = re.compile(
    r"\b(peligros\w*|seguro|feo|tranquilo|facil|rapido|dangerous|safe|easy|danje\w*|riske"
    r"|mas (facil|rapido|seguro|tranquilo)|menos peligroso|que por|q por|que tan|q tan|lejos"
    r"|how far)\b")


# -- issue 11dc: passing through here, in Kreyòl -----------------------------------------------
#: "pase" said of migrants passing through Guanajuato (topic G), not of a border: "kisa nou fè
#: pou moun k ap pase?", "migran ki pase isit la", "nou pase nan Guanajuato", "m ap pase isit la".
_PASSING = re.compile(
    rf"\b(moun|migran|migrant|migrants|etranje|ayisyen|fanmi|gwoup)( yo)? (k|ki|kap)( ap| te)?"
    rf" pase\b|\bpase (nan |pa |bo |atrave )?({GUANAJUATO})\b"
    rf"|\bpase (isit|isi|bo isit|bo isi|la a)\b")
#: ... never how to pass asked ("kijan pou m pase?"): a plan's question.
_HOW_TO_PASS = re.compile(r"\b(kijan|ki jan|kouman|koman|kisa pou) (pou )?(\w+ )?pase\b")


def passing_through(folded: str) -> bool:
    """True when a Kreyòl message says migrants pass through here (``_PASSING``) and nothing of
    a border, a way across, someone who takes people, how to pass, or a plan told in words:
    "m vle pase lòt bò", "pase fwontyè a", "travèse" keep the warning."""
    return bool(_PASSING.search(folded)) and not (
        _NORTH.search(folded) or _ROUTE.search(folded) or _ANY_WAY.search(folded)
        or _TAKER.search(folded) or _ACROSS.search(folded) or _THROUGH.search(folded)
        or _HOW_TO_PASS.search(folded) or plan_in_words(folded))


def sent_back(folded: str) -> bool:
    """True when someone is told deported or sent back (``_SENT_BACK``: "lo deportaron", "they
    sent him back")."""
    return _SENT_BACK.search(folded) is not None


def _regional(folded: str) -> bool:
    """The crossing in the words of the region (issue 11ar): the crossing itself said as people
    say it, wished, planned or asked (``_OVER``); a way no traveller with papers takes said of
    someone going, planned, or asked about (``_ROUTE``); given up to the patrol on the other
    side (``_GIVE_UP``); shut in a vehicle (``_SHUT_IN``); the price of being taken over asked;
    the hills or the desert asked about by someone leaving soon; or a person deported who is
    saving up or going back over. Never a story of long ago."""
    if _long_ago(folded) or _LEISURE.search(folded):
        return False
    move = _MOVE.search(folded)
    plan = _INTENT.search(folded) or _GOING.search(folded) or _SOON.search(folded) \
        or _LEAVING_DAY.search(folded)
    asked = _ASKED.search(folded) or _HOW_RISKY.search(folded)
    if _OVER_WISH.search(folded) or _OVER.search(folded) and (move or plan or asked):
        return True  # "se vuelve a brincar", "me voy de mojado en 10 dias", "jump back over"
    route = _ROUTE.search(folded)
    if route and (move or plan or _HOW_RISKY.search(folded) or _SAYS.search(folded)
                  or len(_ROUTE.findall(folded)) > 1):
        return True  # "ya anda juntando pa irse otra vez por el monte", "3 jou nan mon an"
    if _GIVE_UP.search(folded) and _GIVE_UP_WHERE.search(folded) and (move or plan):
        return True  # "se va a entregar alla con su niño, ... ya tiene quien la lleve"
    if _SHUT_IN.search(folded) and _PUT_IN.search(folded):
        return True  # "lo van a meter en un trailer de fruta"
    if _PRICE_TO_CROSS.search(folded) and (_NORTH.search(folded) or _PAID.search(folded)
                                           or route or _OVER.search(folded)):
        return True  # "cuanto cobran ahorita por pasar? un primo dice q 15 mil dolares"
    if (_WILD.search(folded) or _RIVER.search(folded)) and move and asked and (
            _SOON.search(folded) or _LEAVING_DAY.search(folded) or _GROUP.search(folded)):
        return True  # "es muy peligroso el desierto? me voy en 2 semanas con unos de aqui"
    if _AT_BORDO.search(folded):
        return True  # "ya esta en el bordo mi hermano esperando"
    if _BORROWED.search(folded) and (move or plan):
        return True  # "se va con papeles prestados el mes que entra"
    if _TRIP_MONEY.search(folded) and (move or plan):
        return True  # "se va despues de la feria, ya junto lo del viaje vendiendo la camioneta"
    return bool(_DEPORTED.search(folded) and move and (
        _PAID.search(folded) or _SAVING.search(folded) or _GO_AGAIN.search(folded)))


def _decided(folded: str) -> bool:
    """The plan told by its decision, its date, its money or its fears (issue 11ak): a date set
    for going north or to a border town, the river or the line crossed on a day, a deposit paid
    to someone, someone else's papers used at the port, the weather of the walk asked with a
    day or a month to leave, going with one who has gone many times, a small child taken the
    way another went, money lent to pay for the walk, a gathering house in a border town,
    afraid but decided, no other way than going, saving up for a journey whose price is
    asked."""
    move = _MOVE.search(folded)
    day = _LEAVING_DAY.search(_PAST_DAY.sub(" ", folded)) or _DATE.search(folded)
    border = re.search(rf"\b({_BORDER_TOWN})\b", folded)
    north = _NORTH.search(folded)
    if day and move and (north or _TO_BORDER.search(folded)) and not (
            _WORK.search(folded) or _SENT_BACK.search(folded)):
        return True  # "ya tiene fecha, sale el 15 de marzo rumbo a sonoyta"
    if day and _CROSSING_POINT.search(folded):
        return True  # "mañana en la noche cruzo el rio con el grupo"
    if _DEPOSIT.search(folded) and _SOMEONE.search(folded) and (
            _NOT_YET.search(folded) or north or _GOING.search(folded)):
        return True  # "ya le dimos el anticipo al señor, nomas falta que nos diga el dia"
    if _BORROWED.search(folded) and _USE_AT_PORT.search(folded):
        return True  # "use his friends green card at the port of entry"
    if _WEATHER.search(folded) and (_WILD.search(folded) or _FOR_WALKING.search(folded)) and (
            day and move or _GOING.search(folded) or _GO_IN_MONTH.search(folded)):
        return True  # "hace mucho frio alla arriba en el cerro? mi hijo sale la otra semana"
    if _VETERAN.search(folded) and move:
        return True  # "me voy el viernes con mi tio el que ya se ha ido 3 veces"
    if _WITH_CHILD.search(folded) and (_WENT_SO.search(folded) or north or _WILD.search(folded)
                                       or _ANY_WAY.search(folded)):
        return True  # "se puede ir uno con un bebe? ... ella se fue asi con mi cuñado en brazos"
    if _LENT.search(folded) and (_ON_FOOT.search(folded) or north or _GOING.search(folded)):
        return True  # "se fue caminando y q mi primo tambien puede, ya hasta le presto pa pagar"
    if _GATHERING.search(folded) and border:
        return True  # "yon kay nan Juarez kote yo rasanble moun anvan yo ale"
    if _AFRAID_DECIDED.search(folded) and move:
        return True  # "m vle pale ak yon moun anvan m ale, ... nou pè men nou deside"
    if _NO_CHOICE.search(folded) and (_REFUSED.search(folded) or north) \
            and not _MX_TOWN.search(folded):
        return True  # "no me quiero ir pero no hay de otra"
    return bool(_SAVING.search(folded) and _TRIP_PRICE.search(folded))


def plan_in_words(folded: str) -> bool:
    """True when ``folded`` tells of someone's crossing plan without a crossing trigger (see
    the module), and is no legal journey, visit, refusal, story of long ago or look-alike."""
    return _plan_shape(folded) and not excluded(folded)


def _plan_shape(folded: str) -> bool:
    """The shapes of a crossing plan, before the exclusions."""
    move = _MOVE.search(folded)
    taker = _TAKER.search(folded)
    if taker and (move or _PAID.search(folded) and not re.fullmatch(
            r"(pollero|coyote)\w*", taker.group(0))):
        # Someone who takes people, and someone going or paying him (not "cuanto cobra un
        # pollero por destazar 10 gallinas").
        return True
    if _ANY_WAY_NOW.search(folded):
        return True  # "me voy como sea", "im going no matter what"
    if offer_if(folded) and (_NORTH.search(folded) or _ACROSS.search(folded)
                             or _EVADE.search(folded) or taker or _HIDDEN_RIDE.search(folded)
                             or _TO_BORDER.search(folded)):
        return True  # "si le pago 50 mil me pasa en una camioneta y no la revisan" (11ao)
    if _prepared(folded):
        return True  # the walk prepared
    if _arranged(folded):
        return True  # the journey arranged with someone (issue 11ab)
    if _decided(folded):
        return True  # decided, dated, paid, feared (issue 11ak)
    if _regional(folded):
        return True  # in the words of the region (issue 11ar)
    if not (_INTENT.search(folded) or _OFFER.search(folded) or _PAID.search(folded)):
        return False
    north = _NORTH.search(folded)
    if north and move and (
            _PAID.search(folded) or _ANY_WAY_MOVE.search(folded) or _THROUGH.search(folded)):
        return True  # going north, paid for or "whatever way"
    if _GOING_HOW.search(folded) or _GOING.search(folded) and (
            _PAID.search(folded) or _ANY_WAY.search(folded)):
        return True  # someone wants or plans to go: north, "whatever way", paid for
    if _HERE_US.search(folded) and re.search(r"\b(venir\w*|vengan?|come|coming|join|vini)\b",
                                             folded):
        return True  # to the writer in the USA: "estoy en chicago y mi sobrino se quiere venir"
    if _THROUGH.search(folded):
        return True  # through the wall or the river
    if (north or _THERE.search(folded)) and in_person_offer(folded):
        return True  # someone offers, face to face, to take people north
    return bool(_DEPORTED.search(folded) and _BACK.search(folded) and north)


def _prepared(folded: str) -> bool:
    """The walk prepared: days, water, clothes or the season, in the hills or the desert or
    for the walk, for someone going ("en que mes hace menos calor en el desierto pa q mi hijo
    no sufra", "que medicina llevo pa las ampollas pa la caminata larga"); or water reckoned
    for days of walking ("cuanta agua por persona pa 3 dias")."""
    if not _ASKED.search(folded) or _OUTING.search(folded) or re.search(
            r"\b(llevamos|llevo \d|estamos|estoy|acabamos de|we ve been|we are|we just|nou te"
            r"|nou deja|nou sot|m sot|nou fek|m fek)\b", folded):
        return False
    if _WATER.search(folded) and (_DAYS.search(folded) or _WALK.search(folded)
                                  or re.search(r"\b(caminando|walking|ap mache)\b", folded)):
        return True
    return bool(_WILD.search(folded) or _WALK.search(folded)) \
        and len({m.group(0) for m in _PREPARE.finditer(folded)}) >= 2


def _arranged(folded: str) -> bool:
    """The journey arranged, told by how, not where (issue 11ab): a person who takes the
    traveller, a group of the village, a deal, a pick-up at the border or by night, a hidden
    ride, a checkpoint dodged, another try after being caught, land sold to pay for it, the
    word to go awaited at the border."""
    move = _MOVE.search(folded)
    north = _NORTH.search(folded)
    paid = _PAID.search(folded)
    day = _LEAVING_DAY.search(folded)
    group = _GROUP.search(folded)
    deal = _ARRANGED.search(folded)
    if _PERSON_TAKES.search(folded) and (north or paid or group or deal
                                          or day and _GOING.search(folded)):
        return True  # "al señor que lleva a mi sobrino" + the money sent, the day they leave
    if group and move and (north or deal or paid or "gwoup" in group.group(0) and (
            day or _GOING.search(folded)) and not _MX_TOWN.search(folded)):
        return True  # "se va mañana con otros 4 de la comunidad rumbo a Ohio"
    if deal and (north or paid or group or _GOING.search(folded)):
        return True  # "ya quedamos con un señor en 120 mil por cabeza"
    if _MULE.search(folded):
        return True  # "le ofrecieron llevarlo gratis si carga una mochila"
    if _TRY_AGAIN.search(folded) and _CAUGHT.search(folded):
        return True  # "voy a intentarle de nuevo, la primera vez me agarraron"
    if _EVADE.search(folded):
        return True  # "pa que no te bajen del camion en los retenes", "where nobody checks"
    if (_WAITING_WORD.search(folded) or _WAITING_CALL.search(folded) and _LEADER.search(folded)) \
            and re.search(rf"\b({_BORDER_TOWN})\b", folded):
        return True  # "esta en la frontera esperando que le digan cuando se mueven"
    if re.search(r"\b(me|nos) (recogen|recoge|van a recoger|va a recoger)\b", folded) \
            and _WALK.search(folded):
        return True  # "de ahi me recogen en una camioneta, cuanto se camina despues"
    if _PUT_ACROSS.search(folded) or _TOLD_WALK.search(folded) or _SENT_TAKER.search(folded):
        return True  # "luego los pasan por la garita", "the guy told them they walk 2 nights"
    if _AWAITS_US.search(folded) and move and (_AGAIN_PLAN.search(folded) or paid
                                               or _ANY_WAY.search(folded)):
        return True  # "me voy de nuevo, mi hermano me espera en houston"
    if _GOING.search(folded) and _CAUGHT_FEAR.search(folded) and (north or _RIVER.search(folded)):
        return True  # "nou pral travese samdi, eske yo arete moun bo larivye a"
    return bool(_PICKUP.search(folded) and not _ASKED_OF_US.search(folded)
                or _HIDDEN_RIDE.search(folded) or _SOLD_FOR_IT.search(folded))


def excluded(folded: str) -> bool:
    """A journey that is no crossing plan: legal, a visit, refused, long ago, a look-alike."""
    if _LEGAL.search(folded) and not (_ANY_WAY.search(folded) or _WALK.search(folded)
                                      or _ticket_to_a_taker(folded) or _BORROWED.search(folded)
                                      or _ROUTE.search(_LINE.sub(" ", folded))):
        return True
    if _OUTING.search(folded) or _DRIVER.search(folded) or _LEISURE.search(folded):
        return True
    if _VISIT.search(folded) and not (_TAKER.search(folded) or _GO_IN_MONTH.search(folded)
                                      and _WEATHER.search(folded) or _OVER.search(folded)
                                      or _OVER_WISH.search(folded)):
        return True  # not a month chosen for the weather of the walk (issue 11ak)
    if _REFUSED.search(folded) and not (_NO_CHOICE.search(folded) or _ANY_WAY_NOW.search(folded)):
        return True  # not "no me quiero ir pero no hay de otra", "ya me voy pal norte"
    if _PAST.search(folded) and not _NOW_PLAN.search(folded):
        return True
    return bool(_TOLD.search(folded) or _JOKE.search(folded)) or not_a_crossing(folded)


#: The plan arranged or going ahead, said after it was told: "ya tiene quien lo lleve", "he
#: already found someone to take him", "li jwenn yon moun ki pral mennen l", "se va el lunes".
_GOES_ON = re.compile(
    r"\b((quien|alguien (que|q)|uno (que|q)|con quien|someone|somebody|a guy|a man|a lady"
    r"|yon moun|yon neg|yon mesye|moun) (\w+ ){0,3}(lleve|lleva|llevar|pase|pasa|pasar|cruce"
    r"|cruza|cruzar|traiga|trae|traer|take|takes|bring|brings|get|gets|cross|crosses|mennen"
    r"|pase|travese)|(se va|se van|sale|salen|se fue a|leaves|is leaving|pral pati|ap pati)"
    r" (el |la |en |on |this |next |)?(lunes|martes|miercoles|jueves|viernes|sabado|domingo"
    r"|manana|semana|mes|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow"
    r"|week|month|demen|semenn|lendi|madi|samdi|dimanch)"
    r"|ya (tiene|tengo|tenemos|junto|juntamos|pago|pagamos|le pago|le pagamos)|already (paid"
    r"|found|has|got)|deja (peye|jwenn)"
    # The money lent for it: "ya le prestamos pa pagar" (issue 11ah).
    r"|ya (le |les |me )?(presto|preste|prestamos|prestaron)|already (lent|loaned)"
    r"|deja prete)\b")


#: A message this short after the warning tells one thing.
GOES_ON_MAX_WORDS = 12
_ASKS_PERSON = re.compile(r"\b(hablar|platicar|talk|speak|pale ak|asesor|agente|agent|persona"
                          r" real|real person|operador)\b")


def goes_on(parts: tuple[str, ...], folded: str) -> tuple[str, ...]:
    """The answer's ``parts`` for a message written right after a crossing warning: the
    warning again when the message says the plan is arranged or going ahead (``_GOES_ON``),
    unless it tells of an emergency or is a command or another warning."""
    if any(p in parts for p in (EMERGENCY, FRAUD, "stop", "menu", "language", "delete_data")):
        return parts
    if not _GOES_ON.search(folded) or _REFUSED.search(folded) \
            or len(folded.split()) > GOES_ON_MAX_WORDS:
        return parts
    # A few words say one thing: "he already found someone to take him" is no death (read
    # from "take him"), "li jwenn yon moun ki pral mennen l" asks for no person.
    if "human" in parts and _ASKS_PERSON.search(folded):
        return parts
    return (CROSSING,)


def online_offer(folded: str) -> bool:
    """An offer (to cross, or of a job or visa) seen on social media or made by phone."""
    return bool(_OFFER.search(folded) or _SAYS.search(folded) or _SEEN.search(folded)) \
        and bool(_ONLINE.search(folded))


def in_person_offer(folded: str) -> bool:
    """Someone offers, face to face, to take a person to the USA, for money or not, with no
    job, visa or papers promised: a crossing plan, not a fake offer."""
    return bool(_OFFER.search(folded) or _TAKER.search(folded) or offer_if(folded)) \
        and not _ONLINE.search(folded) \
        and not _PROMISE.search(folded) and bool(_MOVE.search(folded)) \
        and bool(_NORTH.search(folded) or _TAKER.search(folded) or _PAID.search(folded)
                 or _ACROSS.search(folded) or _THERE.search(folded))


#: An emergency that only the topic classifier read (no trigger) gives way to a crossing plan
#: told in words when the alarm model reads the whole message below this: "q tanta agua se
#: tiene q llevar pa caminar 3 dias", "el pollero vino a la casa a ofrecerle a mi esposo
#: llevarlo" (0.12). On the dev sets every emergency that reads as a plan reads 0.9+.
PLAN_ALARM_P = 0.5
#: ... never when someone already left and is not heard of: a missing person, not a plan.
_GONE = re.compile(
    r"\b(salio|salieron|se fue|se fueron|ya cruzo|cruzaron|se metio|went|left|crossed|te (antre"
    r"|pati|kite|ale|travese|janbe|pase)|denye fwa|ultima vez|ultimo mensaje|last (time|message"
    r"|heard|text|call|seen)|apagado|switched off|phone (is )?off|telefon li (fenmen|femen)"
    r"|nothing since|no sabemos|no (me |nos |le |les )?contesta\w*|not answering|pa reponn"
    r"|no se (ha )?reporta\w*|pesonn pa we|nobody has seen|nadie lo ha visto"
    # ... or never arrived: "cruzo el rio el domingo y no llego con mi tio" (11ak).
    r"|no (llego|ha llegado|han llegado|llegaron)|never (arrived|made it|got there)"
    r"|(didn t|hasn t|hasnt|didnt) (arrive|get there|make it)|pa (janm )?rive"
    # ... or is held and sold or ransomed now: "the smugglers sold my cousin to another group,
    # now they want 5k" (lead, after the merge of 11x's alarm data).
    r"|sold|vendieron|lo vendio|la vendio|now they want|ahora (piden|quieren)|rescate|ransom"
    r"|yo vann)\b")
#: ... unless the going is a story someone tells of themselves: "mi suegra dice q ella se fue asi
#: con mi cuñado en brazos", "mi abuelito dice q el en sus tiempos se fue caminando" (11ak).
_TOLD_GONE = re.compile(r"\b(dice|dicen|dijo|says|said|di) (que|q|that) (\w+ ){0,4}(se fue|went"
                        r"|left|te ale)\b")
#: A plan told by how it is arranged and no word of danger in it gives way up to this
#: (issue 11ah): a man who told them to wait for his call at the border, the nights of walking
#: told, a turn awaited read 0.6-0.9 on crossing dev set 3; every emergency of every dev set
#: that reads as a plan under 0.95 has a word of danger (``bot.danger.danger_word``).
QUIET_PLAN_ALARM_P = 0.95
#: ... and from there up to this, with no word of danger either, the emergency stays and the
#: warning is answered beside it: after 11ag's alarm lines that border-town wait reads 0.97, and
#: giving way up to 0.98 cost a held-for-ransom emergency on danger dev set 5 (0.975). When the
#: two readings are that close, the urgent case is kept: a person checks it.
QUIET_BESIDE_ALARM_P = 0.98
#: A harm feared on the journey ahead and asked of ("no se asfixian ahi adentro?", "can you
#: suffocate in there?", "eske moun ka toufe ladan l?") in the words of a plan with no word of
#: danger in it gives way up to this (issue 11ak): the catalog's suffocation lines are people
#: shut in a trailer now, and the alarm model reads the fear of it 0.93-0.98.
FEARED_PLAN_ALARM_P = 0.99
_FEARED = re.compile(
    r"\b((uno |la gente |nadie )?no se (asfixian|asfixia|ahogan|ahoga|mueren|muere)"
    r"|se (pueden|puede) (asfixiar|ahogar|morir)|(sin|pa no|para no) (asfixiarse|ahogarse|morirse)"
    r"|can (you|people|he|she|they|someone|one|u) (suffocate|die|run out of air)"
    r"|(could|would|will) (he|she|they|we|i) (suffocate|die|run out of air)"
    r"|(ka|p ap|pa p) (toufe|mouri|manke le))\b")
#: ... and up to this the plan's warning is answered beside the emergency (a family whose
#: member is held by smugglers reads 0.9+ and gets no "¡Piénsalo bien!").
BESIDE_ALARM_P = 0.9


def review(analysis: Analysis, text: str,
           alarm: Callable[[str], float] | None = None) -> Analysis:
    """``analysis`` with the crossing plan told without trigger words, and the in-person or
    online offer decided (see the module). An emergency is left as it is, unless only the
    classifier read it, ``alarm`` reads no danger (``PLAN_ALARM_P``) and the words tell a plan;
    with no word of danger in it, a plan that sets a departure ahead (``bot.danger.departs``:
    "they leave tuesday", whose "tonight" is no word of danger now) or an offer on a condition
    of money (``bot.danger.offer_if``: "si m ba l 3000 li mete m nan yon machin") gives way
    whatever the alarm model reads (issue 11ao): nobody has gone yet."""
    match = analysis.match
    folded = fold(text)
    if match.intent == EMERGENCY and match.source == "priority" and alarm is not None \
            and not any(f.intent == EMERGENCY and f.source == "trigger"
                        for f in analysis.findings) \
            and plan_in_words(folded) and not _GONE.search(_TOLD_GONE.sub(" ", folded)):
        read = alarm(folded)
        quiet = not danger_word(without_departure(folded))
        if read < PLAN_ALARM_P or read < QUIET_PLAN_ALARM_P and quiet \
                or read < FEARED_PLAN_ALARM_P and quiet and _FEARED.search(folded) \
                or quiet and (departs(folded) or offer_if(folded)):
            analysis = dataclasses.replace(analysis, findings=tuple(
                f for f in analysis.findings if f.intent != EMERGENCY))
            return _with(analysis, CROSSING, "a crossing plan, not danger now")
        if read < QUIET_BESIDE_ALARM_P and quiet and not analysis.finding(CROSSING):
            found = Finding(CROSSING, read, "plan", folded)
            return dataclasses.replace(analysis, findings=(*analysis.findings, found))
        if read < BESIDE_ALARM_P and not analysis.finding(CROSSING) and (
                _GOING.search(folded) or _ANY_WAY_NOW.search(folded) or _prepared(folded)):
            # Danger read in the words of a plan: both, the emergency first.
            found = Finding(CROSSING, read, "plan", folded)
            return dataclasses.replace(analysis, findings=(*analysis.findings, found))
    if (match.intent == EMERGENCY or analysis.finding(EMERGENCY)) and _SCAMMED.search(folded):
        # "me estafaron con la oferta de trabajo y ahora dicen que saben donde vive mi mama": the
        # emergency, then the fraud warning (a scam told, never before the danger).
        found = Finding(FRAUD, 1.0, "plan", folded)  # beside the emergency (bot.compose)
        others = tuple(f for f in analysis.findings if f.intent != FRAUD)
        return dataclasses.replace(analysis, findings=(*others, found))
    if match.intent in (EMERGENCY, "stop", "menu", "language", "delete_data") \
            or analysis.finding(EMERGENCY):
        return analysis
    if match.intent != FRAUD and not analysis.finding(FRAUD) and _NOTARIO.search(folded) \
            and _US_PAPERS.search(folded) and (_BAIT.search(folded) or _PRICE.search(folded)):
        # "un notario de aqui me quiere cobrar 2 mil dolares pa sacar asilo": the notario who
        # sells papers is the fake offer most warned of; the question of law after it.
        analysis = _with(analysis, FRAUD, "a notario or a lawyer by phone asking money")
    crossing = match.intent == CROSSING or analysis.finding(CROSSING) is not None
    fraud = match.intent == FRAUD or analysis.finding(FRAUD) is not None
    if crossing and (_long_ago(folded) or _JOKE.search(folded) or not _triggered(
            analysis, CROSSING) and _look_alike(folded)):
        # Read by the classifier alone, in a message about a legal journey, a plan refused or
        # a crossing of long ago or a joke (a trigger's words too: "se brinca pal otro lado si el
        # america pierde"): "que es eso de la visa h2a? mi esposo quiere irse a la pizca
        # pero por la buena", "hay bolsa de trabajo? mi hijo no se quiere ir".
        analysis = _without(analysis, CROSSING, drop=True)
        crossing = False
    if fraud and not _triggered(analysis, FRAUD) and _LEGAL.search(folded) \
            and not _BAIT.search(folded) and not _ONLINE.search(folded) \
            and not _NOTARIO.search(folded):
        # A legal journey asked about, no offer, no money, no seller: "mi hijo se va con
        # contrato a carolina del norte con visa de trabajo, q tiene q llevar".
        analysis = _without(analysis, FRAUD, drop=True)
        fraud = False
    if crossing and plan_in_words(folded) and (
            analysis.finding(CROSSING) is None and not _triggered(analysis, CROSSING)
            or match.intent != CROSSING):
        # The classifier's warning with no part of its own ("mi apa ... no tiene visa ni nada,
        # usted cree que aguante el camino?" composed as the health question alone), or a part
        # beside another topic that names no crossing (composed away as a faint warning): the
        # words of a plan make it the answer's first part (issue 11ab), given below.
        crossing = False
    if not crossing and plan_in_words(folded):
        if fraud and (online_offer(folded) or _PROMISE.search(folded)):
            # An offer seen online, or papers or a job promised: the fraud warning says it.
            return analysis
        analysis = _with(analysis, CROSSING, "the words of a crossing plan")
        crossing = True
    if crossing and not fraud and online_offer(folded) \
            and (_OFFER.search(folded) or _TAKER.search(folded)) \
            and not _PROMISE.search(folded) and not not_a_crossing(folded):
        # "un coyote por instagram dice que ... pasas caminando": a fake offer; a crossing plan
        # too only when the person goes ahead with it.
        ahead = _going_ahead(folded)
        analysis = _with(analysis, FRAUD, "an offer to cross seen online or by phone",
                         first=not ahead)
        return analysis if ahead else _without(analysis, CROSSING)
    if fraud and not crossing and in_person_offer(folded) and not excluded(folded):
        # "un señor de la plaza se ofreció a traerse a mi hijo hasta Atlanta por 10 mil": an
        # offer made in person to take someone across.
        analysis = _with(analysis, CROSSING, "an offer to cross made in person")
        return _without(analysis, FRAUD)
    if fraud and crossing and in_person_offer(folded):
        return _without(analysis, FRAUD)
    if fraud and crossing and online_offer(folded) and not _going_ahead(folded):
        # "Un señor en TikTok ofrece pasar a Estados Unidos ... ¿Es confiable?": the offer is
        # the question; nobody is going yet.
        return _without(analysis, CROSSING)
    return analysis


def _going_ahead(folded: str) -> bool:
    """Someone goes ahead with a crossing offered online: a date, a payment, or someone
    deported who wants to be crossed back ("some guy online is offering to cross him back")."""
    return bool(_AHEAD.search(folded) or _DEPORTED.search(folded) and _BACK_OVER.search(folded))


def _triggered(analysis: Analysis, intent: str) -> bool:
    """Whether a trigger phrase of ``intent`` fired (the match or a finding)."""
    return analysis.match.intent == intent and analysis.match.source == "trigger" or any(
        f.intent == intent and f.source == "trigger" for f in analysis.findings)


def _look_alike(folded: str) -> bool:
    """A message the classifier may read as a crossing plan that tells none: a legal journey
    (and no irregular way), a plan refused, a crossing of long ago (and no plan now)."""
    return bool(_LEGAL.search(folded) and not (_ANY_WAY.search(folded) or _BORROWED.search(folded)
                                               or _ticket_to_a_taker(folded))
                or _REFUSED.search(folded) or _long_ago(folded) or _JOKE.search(folded))


def _ticket_to_a_taker(folded: str) -> bool:
    """A bus ticket (the only word of a legal journey) bought to reach someone who takes people:
    "ya compro su boleto pa reynosa y anda hablando con uno que pasa gente" (issue 11ah). A
    visa, a contract or "legal" beside a taker stays a legal journey or a job offer."""
    return bool(_TAKER.search(folded)) and all(
        m.group(0) in _TICKETS for m in _LEGAL.finditer(folded))


_TICKETS = frozenset({"autobus", "boleto", "ticket"})


def _long_ago(folded: str) -> bool:
    """A crossing told of long ago or in a story, and nobody going now (a trigger's words
    too: "my grandma tells stories of crossing the river in the 70s")."""
    return bool((_PAST.search(folded) or _TOLD.search(folded))
                and not (_GOING.search(folded) or _AHEAD.search(folded)
                         or _AGAIN_PLAN.search(folded)))


def _with(analysis: Analysis, intent: str, why: str, *, first: bool = True) -> Analysis:
    """``analysis`` answered with ``intent`` (a warning of topic B): the match when it was no
    warning, its finding before (``first``) or after the others. A topic the whole message was
    read as (the plan misread) gives way; a topic asked in a clause of its own stays."""
    match = analysis.match
    found = Finding(intent, 1.0, "words", match.normalized)
    others = tuple(f for f in analysis.findings if f.intent != intent and not (
        f.source == "classifier" and match.intent == f.intent and match.intent not in (
            CROSSING, FRAUD)))
    findings = (found, *others) if first else (*others, found)
    if first or match.intent not in (CROSSING, FRAUD):
        match = dataclasses.replace(match, intent=intent, score=1.0, source="words",
                                    trigger=None, reason=f"{match.reason}; {why}")
    return dataclasses.replace(analysis, match=match, findings=findings)


def _without(analysis: Analysis, intent: str, *, drop: bool = False) -> Analysis:
    """``analysis`` without the warning ``intent``; the other warning answers, or (``drop``)
    the next finding, or nothing."""
    findings = tuple(f for f in analysis.findings if f.intent != intent)
    match = analysis.match
    if match.intent == intent:
        nxt = next((f for f in findings if f.intent in (CROSSING, FRAUD) or drop), None)
        if nxt is not None:
            match = dataclasses.replace(match, intent=nxt.intent, score=nxt.score,
                                        source=nxt.source, trigger=None)
        elif drop:
            match = dataclasses.replace(match, intent=None, score=0.0, source="none",
                                        trigger=None, reason=f"{match.reason}; a look-alike")
    return dataclasses.replace(analysis, match=match, findings=findings)


# -- right after the warning (issue 11ay) --------------------------------------------------
# Three answers a person gives to "¡Piénsalo bien!" that are no new topic: a what-if about
# dying on the way ("y si me muero?", "what if i die out there?", "e si m mouri?"): the risk
# the warning is about, never condolences nor an urgent case; a plan given up ("no te creas,
# ya no me voy", "just kidding, im not going anymore", "m ap jwe, m pa prale ankò"); and a
# what-if about being caught ("y si me agarran en el camino?"), answered briefly.
#: "y si...", "what if...", "e si...": a question about what may happen.
_IF = (r"(?:^|\b)(?:y |and |e |epi |pero |but |men |ok |bueno |well )?"
       r"(?:si|if|what if|what happens if)")
#: Dying, in the present or the future, said of the writer, the people going with them or the
#: one whose plan it is: never a death told ("se murió", "he died", "li te mouri").
_DIE_IF = re.compile(
    _IF + r" (?:\w+ ){0,3}?(?:me muero|me llego a morir|me voy a morir|nos morimos|se muere"
    r"|se llega a morir|i die|we die|he dies|she dies|they die|i don t make it|i dont make it"
    r"|me pasa algo|nos pasa algo|le pasa algo|something happens to (?:me|us|him|her)"
    r"|(?:m|mwen|nou|li|l) (?:ta )?mouri|yon bagay rive (?:m|mwen|nou|li|l))\b")
#: Caught on the way: present or future only ("y si ya lo agarraron?" is no what-if).
_CAUGHT_IF = re.compile(
    _IF + r" (?:\w+ ){0,3}?(?:me|nos|lo|la|los) (?:agarran|agarra|detienen|detiene|atrapan"
    r"|atrapa|cachan|cacha|deportan|deporta|regresan|avientan pa tras)"
    r"|" + _IF + r" (?:\w+ ){0,3}?(?:catch|catches|caught|arrest|arrests|detain|detains"
    r"|deport|deports)(?: me| us| him| her| them)?\b"
    r"|" + _IF + r" (?:i|we|he|she|they) (?:get|gets) (?:caught|arrested|detained|deported)"
    r"|" + _IF + r" (?:yo|imigrasyon|lapolis|polis|la migra|migra) (?:kenbe|arete|depote)"
    r" (?:m|mwen|nou|li|l)\b")
#: Now, not a what-if: "me estoy muriendo", "right now", "m ap mouri".
_NOT_IF = re.compile(r"\b(ahorita|ahora mismo|right now|kounye a|estoy muriendo|me estoy"
                     r"|i m dying|im dying|m ap mouri|already|ya lo|ya la|ya me|deja)\b")
#: The plan given up, or the warning's plan said to be a joke.
_DROPPED = re.compile(
    r"\b(ya no me voy|ya no me ire|ya no voy a ir|ya no nos vamos|ya no se va|mejor no me voy"
    r"|ya no lo voy a hacer|lo pense mejor|cambie de opinion|cambie de idea|ya no pienso ir"
    r"|no me voy a ir|ya no voy$"
    r"|not going anymore|not going any more|i m not going|im not going|i changed my mind"
    r"|changed my mind|not gonna go|i won t go|i wont go|i m not doing it|im not doing it"
    r"|i won t do it|i wont do it"
    r"|m pa prale|m pap ale|m p ap ale|m pa pral$|mwen pa prale|mwen p ap ale"
    r"|m chanje lide|mwen chanje lide|m pa ale anko|m pap fe l|m p ap fe l"
    # Staying, said of here only: "me quedo aqui", "i ll stay" (not "i ll stay in texas").
    r"|(mejor me quedo|me voy a quedar|me quedo|i ll stay|ill stay|i m staying|im staying"
    r"|i m gonna stay|m ap rete|m pral rete|mwen ap rete)( (aqui|aca|en mexico|en guanajuato"
    r"|here|home|at home|isit|lakay)|$))\b")
_JOKING = re.compile(r"^(no te creas|es broma|era broma|nomas (estoy )?jugando|just kidding|jk"
                     r"|j k|kidding|im kidding|i m kidding|m ap jwe|se jwe|m t ap jwe)$")
#: ... but another way or another day said beside it: "no me voy con ese, me voy con otro".
_DROPPED_BUT = re.compile(r"\b(pero|but|men|sino|con otro|another|otro dia|despues|later"
                          r"|next|la otra|lot moun|yon lot|sin|without|san)\b")
AFTER_WARNING_MAX_WORDS = 14


# A death told beside it: "mi hermano se murió en el desierto, y si me muero yo?", "frè m mouri".
_DEATH_TOLD = re.compile(
    r"\b(se murio|se murieron|murio|murieron|fallecio|fallecieron|died|passed away|is dead"
    r"|esta muerto|esta muerta|lo mataron|la mataron|killed"
    r"|(?:fre|se|manman|papa|pitit|mari|madanm|kouzen|kouzin|zanmi) (?:m|mwen) (?:te )?mouri)\b")


def dies_if(folded: str) -> bool:
    """True for a what-if about one's own death, or of the one going ("y si me muero?", "if i
    die in the us can my body be sent home?", "e si m mouri?"), with no death told beside it."""
    return bool(_DIE_IF.search(folded)) and not _NOT_IF.search(folded) \
        and not _DEATH_TOLD.search(folded)


def after_warning(folded: str) -> str | None:
    """What a message written right after the crossing warning answers it with: "die_if" (the
    risk asked about), "caught_if" (being caught asked about) or "dropped" (the plan given
    up); None otherwise."""
    if not folded or len(folded.split()) > AFTER_WARNING_MAX_WORDS or _NOT_IF.search(folded):
        return None
    if _DIE_IF.search(folded):
        return "die_if"
    if _CAUGHT_IF.search(folded):
        return "caught_if"
    clauses = [c.strip() for c in re.split(r"\b(?:y|and|epi)\b", folded) if c.strip()]
    if (_DROPPED.search(folded) or any(_JOKING.match(c) for c in [folded, *clauses])) \
            and not _DROPPED_BUT.search(folded) and not _GOES_ON.search(folded):
        return "dropped"
    return None


# -- right after the fraud warning (issue 11az) --------------------------------------------
# What a person writes to "⚠️ Cuidado: desconfía de esa oferta" that is no new topic: a what-if
# about the offer being real or paying later or less ("y si no pago nada hasta llegar?", "what
# if it's legit?", "e si se vre?"), never an emergency; money already given ("ya pagué", "m te
# deja peye"); the offer given up ("ya no lo voy a hacer", "ok i won't pay", "m pa p peye").
#: The offer real, or no fraud: "y si es real?", "what if its legit tho", "e si se vre?".
_REAL_IF = re.compile(
    _IF + r" (?:\w+ ){0,3}?(?:real|reales|verdad|cierto|cierta|legal|legit|legitimate|true"
    r"|genuine|vre|serye|(?:no es|not a|se pa yon) (?:fraude|estafa|transa|mentira|scam|fraud"
    r"|fake|magouy|manti))\b")
#: Paying later, less or not at all: "y si solo pago la mitad?", "what if i pay when i get
#: there?", "e si m peye apre?".
_PAY_IF = re.compile(
    _IF + r" (?:\w+ ){0,3}?(?:pago|pagamos|pagara|pagaria|deposito|depositamos|les doy|le doy"
    r"|pay|send|wire|peye|voye)\b")
#: More asked later: "y si me piden más después?", "what if they ask for more?", "e si yo mande m
#: plis lajan?" (issue 11bd): a what-if about the offer, not money asked now (``_MORE`` is taken
#: out before looking for danger; the words before it are not).
_MORE = (r"(?:(?:me |nos |le |les )?(?:piden|pide|pidan|pida|cobran|cobra|quieren|quiere)"
         r" (?:\w+ )?(?:mas|otra vez|de nuevo|otro|otra)|(?:ask|asks|want|wants|charge|charges)"
         r" (?:me |us |for )*(?:more|again|extra)|(?:yo|li|l) mande (?:m |mwen |nou )?(?:plis"
         r"|anko|lot))\b")
_MORE_IF = re.compile(_IF + r" (?:\w+ ){0,3}?" + _MORE)
#: Paid already, by the writer or their own: "ya les pagué", "mi hijo ya les depositó", "already
#: paid them", "i sent them the money", "m te deja peye".
_PAID_ALREADY = re.compile(
    r"\b(?:ya (?:le |les )?(?:pague|pago|pagamos|pagaron|deposite|deposito|depositamos"
    r"|depositaron)|(?:le|les) (?:pague|deposite|pagamos|depositamos)"
    r"|ya (?:le |les )?(?:di|dio|dimos|dieron|mande|mando|mandamos|mandaron) (?:el |la |los "
    r"|las )?(?:dinero|lana|feria|adelanto|anticipo|deposito|\d+|mil|pesos|dolares)"
    r"|already (?:paid|sent|wired|deposited)|(?:i|we|he|she|they) (?:already )?(?:paid|wired"
    r"|deposited|sent (?:them |him |her )?(?:the )?(?:money|deposit|cash|\d+))"
    r"|(?:m|mwen|nou|li|l) (?:te deja|deja|te) (?:peye|voye (?:lajan|kob))"
    r"|(?:m|mwen|nou|li|l) (?:te )?peye (?:yo|li|l|moun nan|msye a) deja)\b")
#: The offer given up: no paying ("ok i won't pay", "no les voy a pagar", "m pa p peye"); and
#: the crossing's ``_DROPPED`` words ("ya no lo voy a hacer", "i changed my mind").
_NO_PAY = re.compile(
    r"\b(?:(?:ya no|mejor no|no) (?:le |les )?(?:voy a (?:pagar|depositar|mandar|dar)|pago"
    r"|pagare|deposito|mando nada|doy nada)|(?:i|we) (?:won t|wont|will not|m not gonna"
    r"|m not going to|am not going to|re not going to) (?:pay|send)|not (?:gonna|going to) pay"
    r"|(?:i m|im|i am|we re|were) not paying|(?:m|mwen|nou) (?:pa p|pap|p ap|pa pral|pa) peye)\b")
#: ... but later, or only part of it: "no les pago hasta llegar" is paying later, a what-if.
_LATER_OR_LESS = re.compile(
    r"\b(?:hasta|cuando llegue|al llegar|la mitad|nomas|solo|until|till|when i get|half|only"
    r"|apre|le m rive|mwatye)\b")
#: Thanks beside the offer given up ("ok gracias, mejor no les pago"): the thanks answers it.
_THANKS = re.compile(r"\b(?:gracias|thanks|thank you|thx|mesi|merci)\b")
#: Harm, a threat, someone held or lost told beside it (beyond ``danger_word``): "ya pagué y
#: tienen a mi hijo", "y si no les pago qué me hacen?", "they have my son", "ya pagué y mi hijo no
#: aparece": an emergency.
_HARM_TOLD = re.compile(
    r"\b(?:(?:tienen|tiene|agarraron|retienen) a (?:mi|mis|su|sus|nuestr\w*)|(?:have|has|got"
    r"|holding|took) (?:my|our|his|her)|kenbe|nan men|(?:me|le|les|nos|te|lo|la) (?:hacen|hace"
    r"|van a hacer|hagan|haran)|hacerle algo|do (?:something )?to (?:me|us|him|her|my|our)"
    r"|come (?:after|to)|(?:vienen|van|van a ir|van a venir) (?:por|a (?:mi|la|tu|su|nuestra) casa)"
    r"|yo (?:vin|pral vin|ap vin) lakay|amenaz\w*|threat\w*|menase|mat(?:ar|an|a)|kill\w*|hurt"
    r"|lastim\w*|touye|fe (?:m|mwen|nou|li|l) (?:mal|anyen)|secuestr\w*|kidnap\w*|desaparec\w*"
    r"|missing|no aparece|no ha (?:llegado|aparecido)|perdid[oa]s?|lost|no (?:se|sabemos) nada"
    r"|pa konn kote|disparet"
    # Not let go (issue 11bd): "ya les pagué y no lo sueltan", "they won't let him go".
    r"|no (?:lo|la|los|las|nos|me) (?:sueltan|suelta|han soltado|dejan ir|deja ir)"
    r"|(?:won t|wont|will not) (?:let|release) (?:him|her|them|us|me)(?: go)?"
    r"|pa (?:vle )?lage (?:l|li|yo|nou|m|mwen))\b")


#: What may stand beside money given when the message was read as an emergency (issue 11bd):
#: who paid (the writer, a relative), how much, and the words that tie it; the one paid not
#: answering is taken out before (``danger.without_payee_silence``).
_PAID_REST = frozenset(
    "y and e epi pero but men ya already deja te i we he she they them him her me my mi mis su "
    "sus le les lo la los las el ella ellos yo m mwen nou li l a al to the de del of for por "
    "para pou un una uno an yon dinero money cash lajan kob pesos peso dolares dollars dollar "
    "dola dls usd mil k mitad half mwatye todo all everything tout ahora now kounye anko "
    "anymore ok okay bueno pues si yes wi que q hago hacemos what do should kisa ki fe ka dwe"
    .split()) | KIN_WORDS


def after_fraud_warning(folded: str, *, emergency: bool = False) -> str | None:
    """What a message written right after the fraud warning answers it with: "real_if" (a
    what-if about the offer being real or paying later or less), "paid" (money already given)
    or "dropped" (the offer given up); None otherwise. Always None when danger, a threat or
    someone held or lost is told beside it; the fraud's own words are no danger here: money
    given, more asked in a what-if, the one paid not answering when no relative is named
    (``danger.without_payee_silence``). When the message was read as an ``emergency``, only a
    what-if of one clause ("y si no pago nada hasta llegar?") or money given with nothing but
    who paid, how much and the one paid not answering (``_PAID_REST``: "ya les pagué y ya no me
    contestan") is taken from it: the offer given up or more told beside it with an alarm read
    stays an emergency."""
    if not folded or len(folded.split()) > AFTER_WARNING_MAX_WORDS or extortion(folded) \
            or held_for_money(folded) or _HARM_TOLD.search(folded):
        return None
    # The fraud's own words are no danger here (issue 11bd): money given ("mi hijo ya les
    # depositó"), more asked in a what-if ("y si me piden más después?"), the one paid not
    # answering ("ya no me contestan"; never when a relative is named, who may be the one).
    rest = _PAID_ALREADY.sub(" ", folded)
    if _MORE_IF.search(rest):
        rest = re.sub(r"\b" + _MORE, " ", rest)
    rest = without_payee_silence(rest)
    if danger_word(rest):
        return None
    if _PAID_ALREADY.search(folded):
        # Read as an emergency, money given stands only with nothing but the fraud told beside
        # it: "ya les pagué y ya no me contestan", "manman m te deja peye yo mwatye".
        return "paid" if not emergency or all(w.isdigit() or w in _PAID_REST
                                              for w in rest.split()) else None
    clauses = [c.strip() for c in re.split(r"\b(?:y|and|e|epi|pero|but|men)\b", folded)
               if c.strip()]
    if (_REAL_IF.search(folded) or _PAY_IF.search(folded) or _MORE_IF.search(folded)
            or _NO_PAY.search(folded) and _LATER_OR_LESS.search(folded)) \
            and not (emergency and len(clauses) > 1):
        return "real_if"  # "no les pago hasta llegar": paying later, a what-if too
    if not emergency and (_NO_PAY.search(folded) or _DROPPED.search(folded)
                          or any(_JOKING.match(c) for c in [folded, *clauses])) \
            and not _DROPPED_BUT.search(folded) and not _GOES_ON.search(folded) \
            and not _THANKS.search(folded):
        return "dropped"
    return None
