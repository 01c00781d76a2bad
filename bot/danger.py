"""Danger now, or only told of: a story of long ago, a release already over, a "what if", a
film, the news, a joke, or danger to a thing or a pet is not an emergency; nor is a scare said to
be over ("ya volvió a la casa, perdón por el susto", "everyone is fine", "tout moun byen"), an
absence said to be normal, a fraud already paid, or a job that "ties" someone (issue 11u).
Nor is a plan told by the structure of its sentence (issue 11ao): an offer on a condition of
money ("si le pago me pasa", "if we pay him he takes us", "si m ba l 3000 li mete m nan yon
machin": ``offer_if``), a departure set for a day ahead ("they leave tuesday": ``departs``), a
hypothetical ("que pasaria si lo agarrara la migra", "what would happen if my mom got picked
up", "si imigrasyon ta arete l": ``hypothetical``), an event denied ("no ha pasado nada",
"nothing happened", "anyen pa rive": ``nothing_happened``); danger now told beside any of them
keeps the emergency, and a release on a condition of money is a ransom (``_PAID_RELEASE``).
Told without the obvious words or after other chatter (issue 11at), someone held by whoever asks
money ("now he says he has her son and wants more", "di l nan men yo ... voye 1500 dola":
``held_for_money``), money asked "or" someone comes (``extortion``), or hurt now with care out of
reach ("se quemo ... y el patron no quiere q vaya al doctor": ``hurt_now``) is an emergency read
from the whole message; a dream, a pet not back or the locks changed for the rent is not.
Nor is a hardship told with nothing of danger beside it (issue 11bo): money no longer sent ("mi
esposo está en chicago y ya no me manda dinero", "mari m pa voye kòb ankò") or none for food or
the rent (``hardship``): the person in need is told what this chat cannot do and offered a person.

The matcher answers "what is this about": "a mi me detuvo ICE en 2019 y me soltaron con
fianza, ahora tengo corte" is about a detention, and it used to get the 911 block and an
urgent case. The engine asks this module, after the matcher, whether the message tells of
danger happening now; when it does not, the emergency part is dropped and the rest of the
message is answered (the court date is a legal question). A word of danger now ("ahorita",
"auxilio", "right now", "ede m") keeps the emergency whatever else the message says, and
so does anything still going on ("no sabemos nada", "piden dinero", "sigue detenido"): a
missed emergency can cost a life, a false one an agent's look.

Words are compared on ``bot.content.fold`` text (lowercase, no accents or punctuation);
laughing emoji on the raw text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from bot import commands
from bot.content import fold
from bot.places import US_PLACES
from intents import Analysis, Finding, Match

__all__ = ["KIN_WORDS", "LEGAL", "Clause", "bills_only", "broke", "broke_only", "can_arrest",
           "child_not_eaten",
           "clauses", "cry_now", "danger_word", "departs", "despair", "detained_now", "hardship",
           "hardship_only", "held_a_while", "held_for_money", "hurt_now", "hypothetical",
           "need_of", "not_a_crossing", "not_eaten_only", "nothing_happened", "now_a_legal_step",
           "offer_if", "out_of_jail", "over",
           "plain_idioms", "plan_clause", "relay_asked", "review", "says_nothing",
           "taken_beside_plan", "told_not_now", "too_little", "traffic_ticket",
           "without_departure", "without_emergency", "without_payee_silence"]

EMERGENCY = "emergency"
CROSSING = "safety_crossing"
LEGAL = "legal_us"
REMITTANCES = "remittances"

#: What is asked for in a procedure, not a ransom: "piden asilo", "piden requisitos".
_ASKED_FOR = r"(?! (asilo|refugio|requisitos|permiso|permisos|documentos|papeles|cita))"
_NOW = re.compile(
    # "ahorita estoy en usa", "right now i live in texas": where someone is now, not a danger now
    # (issue 11ac).
    r"\b((ahorita|ahora mismo|right now)(?! (ya )?(estoy|estamos|vivo|vivimos|i m|im|we re|i live"
    r"|we live) (en|aqui|aca|in)\b)"
    # ... nor a question asked now: "ahorita nomas quiero saber q es eso de la smei" (issue 11ag).
    r"(?! (nomas |solo |nada mas |just |only )?(quiero|queria|quisiera|i want|i wanna|i d like)"
    r" (saber|preguntar|to know|to ask)\b)|en este momento|auxilio|urgente|ayudenme|ayudeme|socorro"
    r"|tonight|esta noche|help me|please help|ede m"
    # "hoy soy maestro", "hoy en dia": a life today, not a danger of today.
    r"|hoy(?! (en dia|dia|soy|somos|vivo|vivimos|trabajo como|estudio))|esta manana|this morning"
    r"|today(?! (i|we|they|he|she) (all )?(live|am|are|work|m|re))"
    r"|jodi a(?! (nou|m|mwen|yo|li) (tout )?(ap viv|viv|se|travay))"
    # Days counted and still going on: "ya van 6 dias".
    r"|ya (van|son|lleva|llevan) (\d+|dos|tres|cuatro|cinco|seis|siete) (dias|horas|noches|semanas)"
    # Nobody knows of someone (not "nadie sabe nada de como traerlo", issue 11ag).
    r"|no sabemos nada|nadie sabe (nada )?(de (el|ella|ellos|mi|su|nuestr[oa])|donde)"
    r"|(nobody|no one) knows (anything|where)|pesonn pa konn (anyen|kote)|no contesta"
    r"|sigue detenid[oa]|todavia (esta|lo tienen|la tienen)"
    # Not a procedure asked: "como piden asilo en mexico?" (issue 11ac).
    rf"|(?<!como )piden{_ASKED_FOR}|asking for (money|ransom|more|cash|\d+)|they want"
    r"|still (detained|missing|held)"
    r"|not answering|pa reponn|(won t|wont|doesn t|doesnt|hasn t|hasnt) (pick up|picked up|answer"
    r"|answered)"
    r"|ap mande|lo tienen|la tienen|los tienen|las tienen|esta detenid[oa]|estan detenidos"
    # Not how a case or a right goes on: "como sigue el tramite", "can she still apply".
    r"|desaparecid[oa]s?|missing|no ha (regresado|llegado|vuelto)|(?<!que )(?<!como )siguen?"
    r"|todavia"
    r"|(?<!can i )(?<!can he )(?<!can she )(?<!can we )(?<!can they )(?<!could i )(?<!could he )"
    r"(?<!could she )still)\b")
# Kreyòl "now" tells of danger now ("gen nèg ak zam deyò a kounye a") and of how things are
# now ("kounye a li anfòm"): it outweighs a date, not a release, a film or a joke.
_NOW_WEAK = re.compile(r"\b(kounye a|kounyea|koulye a|konnya)\b")
_JOKE = re.compile(r"\b(j[aei]j[aeij]*|ha(ha)+h?|lol|lmao|lmfao|xd|jk|just kidding)\b")
_JOKE_EMOJI = ("😂", "🤣", "😅", "😆")
# Not "noticias" or "news" alone: "no tenemos noticias de mi hijo" is a missing person.
_STORY = re.compile(
    r"\b(pelicula|peliculas|netflix|telenovela|en las noticias|en el noticiero|vi en la tele"
    r"|documental|documentales|movie|movies|film|films|documentaries|tv show|documentary"
    r"|true story|on the news|in the news|podcast"
    r"|fim|sezon|la serie|viendo (una|la) serie|capitulo|episodio|novela|videojuego|video ?game|gta"
    r"|call of duty|tesis|thesis|investigar sobre|investigacion sobre|research (on|about)"
    r"|(school|class) (project|paper)|ensayo sobre|essay (on|about)|nan nouvel"
    r"|trabajo (de la escuela|escolar|para la escuela) sobre|tarea sobre|proyecto sobre"
    # A series and its characters, a TV report, a family story told again (issue 11q).
    r"|mi serie|my (show|series)|the series|protagonista|main character|reportaje"
    r"|historia de la familia|family story|siempre contaba|used to tell (us|me)|istwa fanmi"
    # A show watched: "watching a show where they get locked in a warehouse" (issue 11x).
    r"|(watching|watched|saw) (a|the|this) show|a show (where|about)|(un|el) programa (donde"
    r"|de la tele|sobre)|yon emisyon"
    # A dream told (issue 11at): "soñé que me agarraba la migra", "i had a nightmare they took
    # my kids", "m reve yo te arete m".
    r"|sone que|sone con|tuve (un sueno|una pesadilla)|una pesadilla|pesadillas|i dreamt"
    r"|i dreamed|(had|have) (a|this) (dream|nightmare)|in my dream|nightmares?"
    r"|(m|mwen|li|l|nou) (te )?reve|kochma)\b")
#: Out of jail or prison, told (issue 11ch), and what a person then needs (issue 11dc).
_OUT_OF_JAIL = (
    r"(?<!no )(?<!si )(?<!cuando )(ya )?sali[oa]?(mos|eron)? de (la )?(carcel|prision|cana|penal"
    r"|reclusorio|cereso|bote|tambo)|(?<!never )(?<!if )(?<!when )(got|was|were) (out|let out)"
    r" of (jail|prison)|(?<!pa )(?<!si )(te )?soti nan (prizon|kaso|lajol|kacho)"
    r"|(?<!pa )(?<!vle )(?<!si )(?<!poko )(?<!p ap )lage (\w+ ){1,3}nan (prizon|kaso|lajol"
    r"|kacho)")
_OUT_OF_JAIL_RE = re.compile(rf"\b({_OUT_OF_JAIL})\b")
_OVER = re.compile(
    r"\b(ya lo soltaron|ya la soltaron|ya los soltaron|me soltaron|lo soltaron|la soltaron"
    r"|ya (lo |la |los |las |me )?liberaron|(got|was|were) let out of (detention|jail)"
    r"|gracias a dios sali|salio de detencion|let me in|was released|got released"
    # Over: out of detention, on bond, found safe, the scare past.
    r"|sali[oa]? de (la )?detencion|sali[oa]? del centro de detencion|(con|bajo) fianza|on bond"
    r"|got out of detention|got out on bail|ya aparecio|ya lo encontramos|ya la encontramos"
    # Out of jail (issue 11ch): "mi hijo salio de la carcel en leon", "he got out of jail",
    # "pitit mwen an soti nan prizon".
    r"|" + _OUT_OF_JAIL +
    r"|(?<!never )showed up|(he s|she s|hes|shes) (fine|ok|okay|safe)|era mentira|ya paso el susto"
    r"|todo salio bien|sobrevivi(mos)?|survived|soti sou kosyon"
    # Out of detention, told as free now: "me mandaron pa tijuana ... ya estoy libre" (11v).
    r"|ya (estoy|estamos) libres?|(i m|we re) free now"
    # "ya soltaron a mi primo de la casa donde lo tenian", "yo te bat mwen men sa pase" (11ag).
    r"|ya soltaron a|(men|epi) sa pase"
    # Away from who hurt her: "su esposo la golpeaba pero ya se separo" (issue 11x).
    r"|ya (me|se|nos) (separ\w+|divorci\w+)|(she|he) (left him|left her|moved out)"
    r"|(?<!pou )(?<!anvan )(?<!sinon )yo (te )?lage (l|li|nou|m|yo)|rive byen"
    r"|(?<!no )(?<!nunca )(lo|la|los|las|me|nos) dejaron salir"
    # The writer's own group let go, told in English and with "ir" (issue 11as): "they stopped us
    # but they let us go", "la migra nos paró pero nos dejaron ir"; not doubted ("no sé si nos
    # dejaron ir", "if they let us go") nor denied. Someone kept after it is ``_NOT_ALL``. (Not
    # "they let him go" in a first message: one of two may still be held, ``_LET_GO``.)
    r"|(?<!no )(?<!nunca )(?<!si )(?<!q )(?<!que )(me|nos) dejaron ir(?! a )"
    r"|(?<!if )(?<!whether )(?<!didn t )(?<!didnt )(?<!won t )(?<!wont )(?<!not )(?<!never )"
    r"(they|ice|the police|police|cops|the cops|immigration|border patrol|la migra|the officers?)"
    r" (finally |eventually |just )?(let (us|me) go|released (us|me))"
    r"|(?<!pa )(?<!si )(yo|lapolis|imigrasyon|migrasyon) (te |finalman )?kite (nou|m) (ale|pati)"
    r"|nou jwenn li|li anfom|ya estoy bien|ya esta bien|ya estamos bien"
    r"|ya (lo|la|los|las) encontraron|ya encontraron a|they found (him|her|them)"
    r"|ya estamos tranquilos|estamos tranquilos|now (he s|she s|we re|i m) safe"
    r"|ya (estoy|estamos) (en (mi |el |nuestro )?(pueblo|casa|rancho)|de vuelta)|ya regrese"
    # Deported, left at the border and on the way home: "ayer me dejaron en matamoros, ya voy
    # en el camion pa irapuato" (issue 11ad).
    r"|(me|nos|lo|la|los|las) (dejaron|aventaron|echaron|botaron|soltaron) en (la frontera"
    r"|el puente|matamoros|tijuana|reynosa|nogales|juarez|ciudad juarez|nuevo laredo"
    r"|piedras negras|mexicali|ciudad acuna|ojinaga) (ya )?(voy|vamos|viene|vienen|va|vengo"
    r"|venimos) (en (el|un) (camion|autobus|bus) )?(pa|para|rumbo a)"
    r"|(dropped|left) (me|him|her|us|them) (off )?(at the border|in (tijuana|matamoros|reynosa"
    r"|nogales|juarez|nuevo laredo|mexicali)) (and )?(i m|we re|he s|she s|they re) (on (my|our"
    r"|his|her|their) way|heading) (home|to)"
    r"|i m (home|back home) now|we re (home|back home) now"
    # Recovered: "ahora estoy en terapia y bien", "li geri kounye a", "she's recovered".
    r"|(estoy|esta|estamos) (en terapia|en tratamiento|recuperad[oa]s?)|se (recupero|alivio)"
    r"|(li|m|mwen|nou) (geri|refe)|(i m|he s|she s|we re) (recovered|in therapy|doing better)"
    # Told over: "en diciembre me extorsionaron, ya paso pero ...", "he's out now with an ankle
    # monitor", "li soti nan detansyon" (issue 11ac).
    r"|(eso |todo )?ya paso (pero|todo|eso|gracias a dios)|eso ya paso|ya paso lo peor"
    r"|(it s|its|that s|thats) (all )?over now|sa fini deja|sa pase deja"
    r"|(he s|she s|hes|shes|i m|im|they re|theyre) out now|ankle monitor|grillete"
    r"|brazalete electronico|(soti|sorti) nan (detansyon|prizon))\b")
_LONG_AGO = re.compile(
    r"\b(hace (como |unos |mas de |ya )?(\d+|un|dos|tres|cuatro|cinco|muchos|varios) anos?"
    r"|hace (muchos )?anos|years back|a long time ago|long ago|back in the day|en aquel entonces"
    r"|en aquellos tiempos|lontan"
    # "hace tiempo nos extorsionaron" is past; "hace tiempo que no sé de él" goes on.
    r"|hace (mucho )?tiempo(?! que)"
    r"|years ago|back in (the )?\d+s?|in the \d0s|en los (anos )?(\d0|setenta|ochenta|noventa)s?"
    r"|when i was (a kid|little|young)|cuando (yo )?era (nino|nina|chico|chica)"
    r"|last year|el ano pasado|ane pase|gen (\d+|anpil) ane"
    r"|(\d+|de|twa|kat|senk|plizye|anpil) ane (de sa|pase)|(\d+|de|twa|kat|senk|plizye) an (de sa"
    r"|pase)"
    # A childhood age or a decade: "cuando yo tenia 10 años", "when i was 8", "lè m te gen 10
    # an"; "in the 90s", "in the nineties", "nan ane 90 yo".
    r"|cuando (yo )?tenia (\d+|\w+) anos|when i was (\d+|\w+ years old|a teenager)"
    r"|le (m|mwen) te gen (\d+|de|twa|kat|senk|sis|set|uit|nef|dis|douz|kenz|ven) an"
    r"|(?<!it s )(?<!its )(?<!degrees )(?<!temperature )(back )?in the (\d0s|\d0 s|seventies"
    r"|eighties"
    r"|nineties)|nan (l)?ane (\d0|swasanndis|katreven|katrevendis)( yo)?"
    # "That was long ago" said back of a story told: "de eso ya hace mucho", "sa gen lontan".
    r"|(de eso|eso fue|eso paso|eso era|fue) (ya )?hace (mucho|tiempo|anos)"
    r"|ya hace mucho(?! (tiempo )?que| (calor|frio|sol|viento|aire))"
    r"|that was (years|ages|decades) ago|sa gen lontan|sa fe lontan|gen lontan sa)\b")
# Safe now, said in a clause of its own after the danger told (``settled``): home again, found or
# heard from, out of hospital, with family, everyone fine; an absence that "es normal"; an
# apology for the scare. In es, en and ht. Not asked ("¿ya regresó a la casa?") and not
# denied ("never came home"); each is searched in one folded sentence or clause.
_SAFE_NOW = re.compile(
    r"\b(ya (volvio|regreso|llego|ha vuelto|ha regresado|ha llegado|esta de (vuelta|regreso))"
    r" (a (la |su |mi |nuestra )?casa|a casa|aca|aqui|con bien|bien|sano|sana|sanos|sanas)"
    r"|ya (esta|estan) (en (la |su |mi )?casa|con nosotros|conmigo|con (su|sus|mi|mis) (papa|mama"
    r"|papas|padres|familia|tio|tia|tios|abuel[oa]s?|herman[oa]s?|esposo|esposa))"
    r"|ya supimos de|ya (nos|me) (hablo|llamo|contesto|escribio|marco)|ya (se comunico|contesto)"
    r"|(ya )?(salio|salieron|lo dieron de alta|la dieron de alta) del hospital"
    r"|ya (camina|come|desperto)|todos (estan|estamos) bien|estamos todos bien"
    r"|(perdon|disculpen?|lo siento|una disculpa) (por|pa|para) (el susto|asustar\w*"
    r"|preocupar\w*|alarmar\w*)|falsa alarma"
    r"|(?<!never )(came|got|made it) (back )?home|(is|s|are|re) (back home|home (safe|now|ok))"
    r"|(hes|shes|theyre) (back )?home (safe|now|ok)"
    # A sign of life since: "hoy en la mañana subio un estado en whatsapp", "she posted a story
    # an hour ago", "li poste yon foto" (issue 11ag).
    r"|(subio|publico|posteo|puso) (un|una|su) (estado|historia|foto|story|video)"
    r"|(posted|updated|uploaded) (a|his|her|their) (story|status|photo|pic|video)"
    r"|(li|yo) poste (yon )?(estati|foto|videyo|story)"
    r"|we (found|heard from) (him|her|them)|finally (called|texted|answered|heard from)"
    r"|(got|was|were) (discharged|out of the hospital)|left the hospital"
    r"|walking again|(everyone|everybody) (s|is) (fine|ok|okay|safe)|we re all (fine|ok|okay|safe)"
    r"|sorry (for|about) (the scare|scaring|worrying|alarming|the alarm)|false alarm"
    r"|(li|yo) (tounen|retounen|rive) lakay|(li|yo) (la )?avek (papa|manman|fanmi|tonton|matant)"
    r" (l|li|yo)|(li|yo) (la )?avek (mwen|nou)|nou jwenn nouvel (li|yo)|li rele (m|nou)"
    # Showed up again: "men li parèt", "yo reparèt" (not "li pa parèt").
    r"|(li|yo) (re)?paret"
    # Walking again, not "li pa ka mache ankò" (can't walk any more).
    r"|(li|yo) soti lopital|(?<!ka )(?<!pa )mache anko|tout moun (byen|anfom|an sekirite)"
    r"|nou tout (byen|anfom)"
    r"|(eskize|padon)( m)? pou (deranjman|laperez|pe a)|fo alam"
    # Safe in a place now, checked by a doctor, sent home: "ya estan a salvo en queretaro", "ya
    # estamos en una iglesia", "ya la checaron y todo bien", "they sent her home", "kounya nou
    # byen nan leon" (issue 11ac).
    r"|ya (estamos|estan|esta|estoy) (a salvo|en (un|una|el|la) (albergue|iglesia|refugio"
    r"|casa del migrante|parroquia))"
    r"|(we re|we are|they re|they are|i m|im) (now )?safe (in|at|now)"
    r"|(we re|we are|they re|they are|i m|im) now (at|in) (a|the) (shelter|church)"
    r"|(nou|yo|li|m) (byen|an sekirite|alabri) nan|(kounya|kounye a) (nou|yo) nan (yon |la )?(abri"
    r"|legliz)"
    r"|ya (la|lo|los|me|nos) (checaron|revisaron|atendieron)( \w+){0,2} (y )?(todo (bien|salio bien"
    r"|normal)|esta bien|estan bien)|ya (la|lo|me|nos) dieron de alta"
    r"|(they|the doctor|doctors) (checked|saw|examined) (her|him|me|us|them)( \w+){0,2} (and )?"
    r"(everything s fine|everything is fine|all good|she s fine|he s fine)"
    r"|sent (her|him|me|us|them) home|(la|lo|me|nos) mandaron a (la |su |mi )?casa"
    r"|yo voye (l|li) lakay)\b")
#: Kin in Kreyòl ("frè m", "pitit mwen"): here for the safe clauses, and with the other kin words.
_KIN_HT = r"fre|se|pitit|mari|madanm|manman|papa|kouzen|kouzin|tonton|matant"
# ... or the whole clause says it: "y está bien", "segura", "she's fine now", "li anfòm".
_SAFE_CLAUSE = re.compile(
    r"(gracias a dios |thank god |thank goodness |gras a dye |mesi bondye )?"
    r"((ya |ahora |ahora ya |ya ahora )?(el |ella )?(esta|estan|estamos|estoy) (mas )?(bien"
    r"|a salvo|segur[oa]s?|tranquil[oa]s?)"
    r"( gracias( a dios)?)?|segur[oa]s?|a salvo|sano y salvo|sana y salva|safe and sound"
    # Typed without the apostrophe too: "hes fine", "shes ok now" (issue 11x).
    # ... and after "now": "we were lost for 3 days but now we are fine", "pero ahora estamos
    # bien" (issue 11au).
    r"|(now |right now )?(he s|she s|they re|we re|he is|she is|they are|we are|hes|shes|theyre"
    r"|im|i m|i am) (fine|ok|okay|safe|alright|all right)( now)?"
    # Kreyòl in its common spellings, the writer too (issue 11ba): "m byen kounya", "mwen byen",
    # "kounyea nou byen"; someone arrived or back: "li rive", "frè m parèt" (not "m pa byen").
    r"|((kounye a|kounyea|kounya|koulye a|konnya|now) )?(li|yo|nou|m|mwen)"
    r" (byen|anfom|an sekirite)( (kounye a|kounyea|kounya|koulye a|konnya))?"
    rf"|(li|yo|(({_KIN_HT}) (m|mwen|nou))) (rive|paret|reparet|tounen)"
    r"( (byen|lakay|anfom))?( (kounye a|kounyea|kounya|koulye a|konnya))?)")
# An absence said to be usual: "pero es normal", "that's normal for him", "se nòmal". (Asked,
# "¿es normal?", it is not said.)
_NORMAL = re.compile(r"\b(?<!dice que )(?<!dicen que )(?<!says )(?<!said )(?<!di )"
                     r"(es|eso es|that s|thats|it s|its|which is|se|sa se|sa) (algo )?(normal"
                     r"|nomal)(?! que)\b")
# A service already paid to a notary, an agency or a page that never came: a fraud, not danger
# ("un notario me cobro 4500 por el asilo y no contesta", "I paid an agency for a visa and
# never heard back", "m peye yon ajans pou viza"), unless someone is held, hurt or threatened.
_SERVICE = (r"(notari[oa]s?|gestor|gestora|tramitador\w*|abogad[oa]|licenciad[oa]|reclutador\w*"
            r"|agencia|pagina|consultor\w*|notary|lawyer|attorney|recruiter|agency|consultant"
            r"|website|page|avoka|note|ajans|rekrite)")
_PAID_SCAM = re.compile(
    rf"\b{_SERVICE}( \w+){{0,8}} (me |nos |le |les )?(cobr\w*|estaf\w*|charged|scammed"
    r"|took (my|our) money|vole lajan|pran (lajan|\d+))\b"
    r"|\b(le pague|les pague|pague|pagamos|le di|les di|paid|peye)( \w+){0,4} (a |al |to |yon )?"
    rf"(un |una |el |la |a |an |the |yon )?{_SERVICE}\b")
_HELD = re.compile(r"\b(no (nos|me|lo|la|los) (dejan?|deja) (salir|ir)|won t let|wont let"
                   r"|can t leave|casa de seguridad|stash house|kay sekirite"
                   r"|femen (nou|m|mwen|yo|li|l)|cadenas?|chains?|chained|kouran"
                   r"|quit\w* (\w+ )?(pasaportes?|papeles|documentos)|(took|have|kept) (our|my|his"
                   r"|her) (passports?|papers)|sin (agua|comida)|bajo llave|candado|kidnap\w*"
                   r"|secuestr\w*|pa kite (nou|m) soti)\b")
# Fled a country because of a danger, now asking for refuge: "salí de Venezuela porque me
# amenazaron de muerte", "I left my country after death threats", "m kite Ayiti paske yo te
# menase m". (Not from a house: "salimos de la casa porque mi esposo nos quiere matar".)
_FLED = re.compile(
    r"\b(sali|salimos|hui|huimos|me fui|nos fuimos|escape|escapamos|tuve que salir|tuvimos que"
    r" salir|me vine|nos venimos|left|fled|escaped|had to leave|kite|sove kite|soti|kouri kite)"
    r" (de |from )?(mi pais|nuestro pais|my country|our country|home country|peyi m|peyi mwen"
    r"|peyi nou|peyi a|venezuela|honduras|guatemala|el salvador|nicaragua|haiti|ayiti|cuba"
    r"|colombia|ecuador|michoacan|guerrero|zacatecas|tamaulipas|sinaloa|chiapas)"
    r" (\w+ ){0,3}(porque|por que|xq|pq|por|because|after|paske|poutet|akoz)\b")
# ... unless the danger followed: "y aquí también nos encontraron".
_FOLLOWED = re.compile(r"\b(aqui tambien|aca tambien|here too|isit la tou|nos (siguieron"
                       r"|encontraron|localizaron)|me (siguieron|encontraron|localizaron)|followed"
                       r"|found (us|me)|jwenn (nou|mwen|m))\b")
# A threat or a ransom beside a fraud: "me manda fotos de mis hijos y dice que le deposite mas".
_THREAT = re.compile(r"\b(pid\w*|pide|piden|rescate|ransom|deposit\w*|fotos|photos|pictures|foto"
                     # Not "we know where he is" (the family knows where he is held, 11at).
                     r"|sabe donde|saben donde|knows where|(?<!we )(?<!i )know where|konnen kote"
                     # "saben que estamos aqui", "they know we are here" (issue 11ap).
                     r"|(saben|sabe|know|knows|konnen|konn) (que |q )?(estamos|we re|we are|nou)"
                     r" (aqui|aca|here|isit|la a))\b")
# Bound to a job until a date, an idiom: "me tienen amarrado aqui en el trabajo hasta diciembre",
# "tied up at work until june", "travay la mare m jiska desanm". (Not with ``_HELD`` or ``_HURT``.)
_WORK_BOUND = re.compile(
    r"\b(amarrad[oa]s?|atad[oa]s?|tied up|tied down|mare)( \w+){0,4} (en |con |at |with |nan )?"
    r"(el |la |mi |the |my )?(trabajo|jale|chamba|contrato|obra|work|job|contract|travay)\b")

# A job already left, its wrong told after the fact (issue 11ap): "ya me sali de ese trabajo, el
# patron no me pagaba", "after i quit, the boss never paid my last two weeks", "m kite travay la
# deja, bos la pa t peye m". A question of wages, not danger now, unless the message tells of a
# threat, a blow, someone held or hurt (``_job_left``).
_JOB_LEFT = re.compile(
    r"\b((ya )?(me sali|me fui|renuncie|deje|nos salimos|renunciamos)( \w+){0,2} (de|del|el|ese|esa"
    r"|la|a|al|mi)( \w+)? (trabajo|jale|chamba|empleo|rancho|obra|fabrica|maquila|empresa|taller"
    r"|empacadora|huerta|campo|restaurante|patron|jefe)"
    r"|ya no (trabajo|trabajamos|estoy|estamos) (ahi|alli|alla|con|en|para)"
    r"|cuando (me sali|renuncie|deje el trabajo)"
    r"|despues de (que )?(salirme|renunciar|dejar el trabajo|que me sali|que renuncie)"
    r"|(i|we) (already )?(quit|left) (that|the|my|our|this) (job|work|ranch|farm|restaurant"
    r"|factory)"
    r"|(i|we) (already )?quit|after (i|we) (quit|left)|i don t work (there|for (him|her|them))"
    r" anymore|no longer work (there|for)"
    r"|(m|mwen|nou) (te )?(kite|sot kite|fin kite) (travay|djob|job) (la|sa|a)"
    r"|(m|mwen|nou) pa travay (la|pou li|pou yo) anko)\b")
# An eviction told (issue 11ap): "el dueño nos sacó de la casa", "the landlord kicked us out",
# "mèt kay la mete nou deyò". A question of a home, not danger now, unless the message tells of
# a blow, a weapon, a threat or someone hurt (``_evicted``).
_EVICTED = re.compile(
    r"\b(el |la |mi |nuestr[oa] |the |my |our )?(dueno|duena|casero|casera|propietari[oa]"
    r"|arrendador|landlord|landlady|owner|property manager|met kay|mepriyete)( \w+){0,4} "
    r"((nos|me|los|las|lo|la) (saco|sacaron|corrio|corrieron|echo|echaron|desalojo|desalojaron"
    r"|va a sacar|quiere sacar|quiere correr|va a correr)"
    r"|(kicked|threw|put|is kicking|evicted|is evicting) ?(us|me|them)? ?(out|on the street)?"
    r"|(mete|te mete|voye) (nou|m|yo) (deyo|nan lari)"
    # Locked out for the rent (issue 11at): "is threatening to change the locks cause were late
    # on rent", "dice que va a cambiar la chapa si no pagamos la renta". (Locked in is danger:
    # ``_HURT``'s "encerr", "locked" in a person's clause, and the triggers.)
    r"|(\w+ ){0,3}(change|changing|cambiar|cambia|cambio|chanje) (the |las |la |our |nuestra )?"
    r"(locks?|chapas?|cerraduras?|seri))\b"
    r"|\b(we|i|they) (got|were|was|have been|ve been) (evicted|kicked out)\b"
    r"|\b(nos|me|los) (desalojaron|corrieron del (cuarto|departamento|depa|apartamento|traila))\b")
# A teenager's complaint of a parent's rules (issue 11ap): "mi mama no me deja salir con mis
# amigos", "my parents won't let me go to the party", "manman m pa kite m soti ak zanmi m". Not
# held: a parent's no to going out for fun; a blow, a lock or a threat keeps the danger.
_PARENT = (r"(mi|mis|my) (mama|mami|mom|mommy|mum|mother|papa|papi|dad|daddy|father|papas|padres"
           r"|parents|jefa|jefe|jefes|apa|ama|abuel[oa]|grandma|grandpa|tia|aunt)"
           r"|(manman|papa|paran|granmoun) (m|mwen)")
_NOT_ALLOWED_OUT = re.compile(
    rf"\b({_PARENT}) (no me (deja|dejan|quiere dejar|quieren dejar)|(won t|wont|doesn t|doesnt"
    r"|don t|dont|never|didn t|didnt|will not) (let|lets|allow) me|pa (vle )?(kite|ba) (m|mwen))"
    r"( \w+){0,3} (con|a|al|with|to|ak|al|nan|de|at|ir|go|soti|out|see|ver|tener|have|hang)\b"
    r"(?=.*\b(amig[oa]s?|friends?|zanmi|novi[oa]|boyfriend|girlfriend|fiestas?|party|parties|fet"
    r"|cine|movies?|baile|dance|antro|club|mall|plaza|concierto|concert|parque|park|pijamada"
    r"|sleepover|de noche|at night|fin de semana|weekend|partido|game|prom|quince|xv|bal)\b)")
# A threat of harm to a person, or an authority's threat, on the condition of money not paid
# (issue 11ap): "said next week they take one of the kids if he doesnt pay", "amenazaron con
# llevarse a mi nino si no pagamos", "yon polisye ap menase chire papye nou si nou pa ba l kob".
# Extortion now, whoever threatens (a man in a mask, a police officer, a creditor).
_MONEY = r"(dinero|lana|feria|varo|cuota|renta|piso|money|cash|kob|lajan|dola|\d+)"
_UNPAID = re.compile(
    r"\b(si no|if (he|she|we|you|they|i|u|my \w+) (doesn t|doesnt|does not|don t|dont|do not"
    r"|won t|wont|can t|cant|didn t|didnt)|unless (he|she|we|you|they|i)|si (li|l|nou|n|m|mwen|w|ou"
    r"|yo) pa)"
    r"( \w+){0,2} (paga\w*|pago|pague\w*|pay|pays|peye"
    rf"|(da|das|damos|dan|doy|entrega\w*|give|gives|hand over|ba|bay|ban)( \w+){{0,2}} {_MONEY})\b")
_HARM_TO_PERSON = re.compile(
    r"\b(amenaz\w*|threat\w*|menase|lleva(rse|rnos|rme)|se (lo|la|los|las|nos|me) (llevan|van a"
    r" llevar|llevaran)|(take|takes|taking|grab|kidnap|took) (one of )?(the|his|her|my|our|your"
    r"|their) (kids?|children|son|daughter|wife|husband|family|boy|girl|baby)|kill\w*|matar\w*"
    r"|mata|matan|touye|hurt|lastim\w*|hacer dano|(fe|fe l|fe yo) mal|quem\w*|burn\w*"
    r"|desaparec\w*|levantar\w*|secuestr\w*|pran (youn nan )?(pitit|timoun|madanm|mari)"
    r"|break (his|your|my|her) (legs?|arms?)|quebrar\w*|romper\w*"
    # ... or an authority's: papers destroyed, arrest, deportation (issue 11ap).
    r"|rompe|rip|rips|tear|tears|destroy\w*|destru\w*|chire|kraze|deport\w*|depote|arrest\w*"
    r"|arete|detener\w*|detain\w*|encerrar\w*|jail|carcel|prizon)\b")


# "¿si me agarra la migra brincando qué me hacen?": a question about what could happen.
_IF = re.compile(
    r"\b(si (me|lo|la|nos|los) (agarra|agarran|detiene|detienen|atrapa|atrapan|para|paran"
    r"|secuestra|secuestran|levanta|levantan|asalta|asaltan|deporta|deportan)"
    r"|si (me pierdo|nos perdemos|se pierde|se me acaba|se nos acaba)"
    # The guide who may leave them: "y si el pollero nos deja tirados?" (issue 11ag).
    r"|si (el|la|los) (pollero|polleros|coyote|coyotes|guia|guias) (nos|me|los|lo|la)"
    r" (deja|dejan|abandona|abandonan)|si (koyot|gid) (la|yo) (kite|abandone) (nou|m)"
    # A fall feared on the way: "y si me caigo del muro", "what if i fall off the wall".
    r"|si (me caigo|nos caemos|se cae|se caen)|if (i|we|he|she|they) (fall|falls)"
    r"|si (m|mwen|nou|li|l|yo) tonbe"
    r"|que pasa si|que me pasa si|que hacen si|what happens if|kisa k ap pase si|sa k ap pase si"
    r"|si (m|mwen|w|ou|li|l|nou|yo) (pedi|mouri|blese)"
    r"|if (i|he|she|we|they) (get|gets) (caught|detained)"
    r"|if (i m|im|i am|i get|he s|she s|he is|she is|we re|we are|they re|they are)"
    r" (caught|detained|arrested|stopped)"
    r"|just in case|por si acaso|en caso de que|si algun dia|si un dia|si yon jou|what if"
    r"|hypothetically|hipoteticamente|supongamos que|ipotetikman"
    # Someone in general and what would happen: "si alguien se pierde", not "si alguien está
    # perdido ... porque mi esposo está perdido desde anoche".
    r"|si alguien (te |me |nos |le )?(llama|habla|desaparece|se pierde)"
    r"|if someone (calls|texts|goes missing|disappears|gets lost)|si yon moun (rele|disparet|pedi)"
    r"|if (ice|immigration|la migra|the police|cops) (ever )?(comes?|shows? up|stops?|knocks?)"
    # Someone named, then the conditional: "if my brother crosses and gets caught". (Not its
    # Spanish: "dice que si llamo a la policía me deportan" is a threat told, danger now.)
    r"|if (\w+ ){1,4}(gets?|is|are) (caught|detained|arrested|stopped))\b")
# The grammar of a hypothetical (issue 11ao): a conditional asked ("que pasaria si", "what
# would happen if", "kisa k ta rive si"; "what would we do if"), the Spanish past subjunctive
# after "si" of a danger verb ("si a mi papa lo agarrara la migra", "si nos detuvieran"), the
# English past after "if" of someone taken, not known ("if my mom got picked up", not "we don't
# know if he got detained"), the Kreyol "si ... ta" ("si yo ta arete manman m"), and a plan
# asked in case ("un plan por si", "a plan in case"). Told of only when no other clause of the
# message has a word of danger or someone lost (``hypothetical``): "what would happen if he
# got caught? he's in the desert with no water" is danger now.
_WOULD = re.compile(
    r"\b((que|q) (\w+ )?(pasaria|harias?|hariamos|harian|podriamos|tendriamos|deberiamos)"
    r" (\w+ ){0,3}si"
    r"|si (\w+ ){0,4}(agarr|detuv|deport|arrest|llev|levant|secuestr|atrap|encerr|cach|quit"
    r"|recog)(ara|aran|iera|ieran|ase|asen|iese|iesen)"
    r"|what would (happen|i do|we do|they do|she do|he do|you do)( \w+){0,3} if"
    r"|what (would|should|could) (i|we|they|he|she|you|my \w+) do if"
    r"|(?<!know )(?<!sure )(?<!see )(?<!check )(?<!wonder )(?<!ask )(?<!out )(?<!tell )"
    r"(?<!asking )if (\w+ ){1,4}(ever )?(got|were|was) (picked up|detained|arrested|deported"
    r"|taken|caught|stopped|kidnapped)"
    r"|(kisa|ki sa|sa) (k|ki) ta (rive|pase)|(kisa|ki sa|sa) (m|nou|li|yo|w|ou) ta fe"
    r"|si (\w+ ){1,4}ta (arete|kenbe|depote|ranmase|pran|kidnape|pedi|bloke)"
    r"|(a|un|yon) plan (\w+ )?(in case|por si|pou si|an ka|en caso))\b")
# An offer on a condition of money (issue 11ao): "si le pago 3 mil me pasa en una camioneta",
# "if we pay him 4000 he'll put us in a truck", "si m ba l 3000 li mete m nan yon machin". Who
# pays is the writer and what follows is a journey (taken, put in a car, crossed): a plan, not
# danger now. Not a payment refused ("si no pagamos ...": a threat) and not a release bought
# (``_RANSOM_IF``: "si pagamos lo sueltan" is a ransom); danger beside it keeps the emergency
# (``offer_if``).
_PAYS = (r"(si (le |les )?(pago|pagamos|pagas|paga|pagan|doy|damos|das|da|deposito|depositamos"
         r"|juntamos|junto|consigo|conseguimos)"
         r"|if (\w+ ){1,2}(pay|pays|paid|give|gives|send|sends)"
         r"|si (m|mwen|nou|w|ou) (ba l|ba li|bay li|ba yo|bay yo|peye( l| li| yo)?|voye))")
_TAKES = (r"((me|nos|te|lo|la|los|las|se) (\w+ )?(lleva|llevan|pasa|pasan|cruza|cruzan|mete|meten"
          r"|trae|traen|sube|suben|brinca|brincan|jala|jalan)"
          r"|(va|van) a (llevar|pasar|cruzar|meter|traer|subir)\w*"
          r"|(he|she|they|the guy|the man)( ll| will| can| d| would| could| is gonna| s gonna)? "
          r"(take|takes|put|puts|get|gets|bring|brings|drive|drives|cross|crosses|sneak|sneaks"
          r"|walk|walks|move|moves)"
          r"|(li|l|yo) (ap |va |pral |ka |a )?(mete|mennen|pase|travese|janbe|monte|pran|fe (m|mwen"
          r"|nou|w|ou) (pase|travese|antre|janbe)))")
_OFFER_IF = re.compile(rf"\b{_PAYS}( \w+){{0,8}} {_TAKES}\b")
_RANSOM_IF = re.compile(r"\b(suelta\w*|libera\w*|dejan? ir|dejan? salir|release\w*|let (him|her"
                        r"|them|us|me) (go|out)|lage|lache|rescate|ransom|ranson)\b")
# ... and a release on a condition of money is a ransom, danger now whatever else is told: "si
# pagamos 5 mil lo sueltan", "if we pay 3000 they let him go", "si nou peye 3000 yo lage l" (not
# a release told as over, ``_OVER``'s "yo lage l").
_PAID_RELEASE = re.compile(rf"\b{_PAYS}( \w+){{0,8}} ((lo|la|los|las|nos|me|te) (\w+ )?(suelta\w*"
                           r"|libera\w*|dejan? (ir|salir))|(release|releases|let) (him|her|them"
                           r"|us|me)|(yo|li|l) (ap |va |pral )?(lage|lache) (l|li|yo|nou|m))\b")
# An event denied as a whole (issue 11ao): "no ha pasado nada", "nothing has happened yet",
# "anyen pa rive". With no word of danger beside it (``nothing_happened``).
_NOTHING = re.compile(
    r"\b(no (ha |han )?(pasado|paso|sucedido|sucedio) nada|(todavia|aun) no (ha )?(pasa|pasado"
    r"|sucede|sucedido) nada|nada (ha )?(paso|pasado)|nothing (has |s )?(happened|happen)"
    r"|nothing s happened|(hasn t|hasnt|has not|didn t|didnt|did not) happen|nothing happening"
    r"|anyen (pa|poko) (rive|pase|fet)|pa gen anyen (ki )?(rive|pase))\b")
# The person named first: "y si a mi esposo lo agarra la migra", "si a mi hija la detienen";
# Kreyòl "si imigrasyon arete mari m"; something that may happen: "que hago si pasa algo", "if
# anything happens to him", "si yon bagay ta rive l".
# (Not beside a weapon, a blow or a body in trouble, ``_HURT`` and ``_BODY``: "tiene una pistola,
# si pasa algo llamen a la policia" is danger now.)
_MAYBE = re.compile(
    r"\b(si a (\w+ ){1,3}(lo|la|los|las|les|le|me|nos) (agarra|agarran|detiene|detienen|para|paran"
    r"|deporta"
    r"|deportan|levanta|levantan|arresta|arrestan)"
    r"|si (imigrasyon|migrasyon|ice|lapolis|la polis|yo)( \w+)? (ta )?(arete|kenbe|depote|ranmase)"
    r"|si (pasa|llega a pasar|sucede|le pasa|me pasa|nos pasa|les pasa) algo"
    r"|if (something|anything) (ever )?(happens|were to happen|goes wrong)"
    r"|if (\w+ ){1,4}(gets?|is|are) (picked up|taken|deported)"
    r"|if (ice|immigration|la migra|the police|cops) (ever )?(takes|picks up|detains|arrests"
    r"|deports|grabs)"
    r"|si (yon bagay|kek bagay|yon ka) (ta )?(rive|pase))\b")
# Whether the police or immigration can arrest, asked or feared in Kreyòl (issue 11df): "mwen
# pa gen papye, imigrasyon ka arete m?", "eske lapolis ka arete m si m pa gen papye". The
# trigger "arete + imigrasyon" read it as a detention now (911 and an urgent case); "yo arete
# m", "y ap arete m", "m pa ka soti" are other words, and danger told beside it keeps it
# (``can_arrest``).
_CAN_ARREST = re.compile(r"\b(?<!pa )(imigrasyon|migrasyon|ice|inm|lapolis|la polis|polis)"
                         r"( \w+)? (ka|kab|kapab|gen dwa) (arete|kenbe|depote|ranmase)\b")
# Danger to a thing, a pet, a game or the traffic, not to a person: "me secuestraron la cuenta",
# "el árbitro nos secuestró el partido", "holding my xbox hostage", "se me desapareció el
# gato", "pulled a dog out of a canal", "detenido en el tráfico", "jugamos a la migra".
_THING = "cuenta|partido|juego|xbox|playstation|ps5|celular|account|facebook|whatsapp|instagram" \
    r"|free fire|fortnite|game|control|tele|tv"
_PET = r"(gat|gatit|perr|perrit)[oa]s?|mascota|dog|puppy|cat|kitten|chen|chat"
# A pet or a parcel lost, whenever it went ("desde anoche", "depi yè swa" keep a person
# missing, not a dog): "se me desapareció el gato", "chen m nan pèdi depi yè swa" (Kreyòl puts
# the owner after the pet), "m voye yon kolis ... li poko rive" (issue 11ae: 0.71 emergency
# and an urgent case); a box or a courier's parcel too, "m voye yon bwat ... li pa janm rive",
# "fedex says delivered but theres nothing at my door" (issue 11aj: 0.73 and 0.44 alarm).
_LOST_THING = re.compile(
    rf"\b((se )?(me |nos |le )?(desaparecio|perdio)|perdi|lost|missing|pulled|rescued|rescatamos"
    r"|sacamos|pedi)\b"
    rf" (el |la |los |mi |mis |a |our |my |the )?({_PET})\b"
    rf"|\b({_PET})\s+((m|mwen|nou|li)( nan| an| la| lan)?\s+)?(se (me |nos )?(perdio"
    r"|desaparecio)|is missing|went missing|pedi|disparet)\b"
    # ... or not back: "mi perro se salio y no aparece desde ayer" (issue 11at).
    rf"|\b(mi|mis|el|la|my|our|the) ({_PET})\b(\s+\w+){{0,4}}\s+(no aparece|no ha aparecido"
    r"|no ha (vuelto|regresado)|no regresa|no volvio|(hasn t|hasnt|didn t|didnt|never) (come|came)"
    r" back|pa (retounen|tounen|paret))\b"
    rf"|\b({_PET}) (m|mwen|nou|li) (an |la |lan |nan )?(\w+ ){{0,4}}pa (retounen|tounen|paret)\b"
    r"|(\b(paquetes?|paqueteria|packages?|parcels?|kolis|pake|envio|shipment|fedex|ups|usps|dhl"
    r"|estafeta|amazon)|\b(mande|envie|mandamos|voye|sent|shipped|mailed) (una |unas |yon |a "
    r"|some )?(cajas?|box|boxes|bwat))\b(?!.*\b(trailer|troca|camion|camioneta|truck|kamyon)\b)"
    r"(\s+\w+){0,10}\s+"
    r"(no (me |le |nos |les )?(ha |han )?(llega|llegan|llegado)|nunca llego|se perdio|poko rive"
    r"|pa (janm )?rive|pedi|(nada|nomas no) (que |q )?(llega|llego)|(en|a) otra casa"
    r"|(says|dice|shows|di) (it was |que |li )?(ya )?(delivered|entregado|entrego|livre)"
    r"|nothing at (my|the) door|pa gen anyen (devan|nan) pot"
    r"|(hasn t|hasnt|never|didn t|didnt) (arrived|arrive|came|come|got here|get here)|lost)\b"
    # The courier lost it: "usps lost my package", "la paqueteria ... me perdio las cajas".
    r"|\b(paqueteria|fedex|ups|usps|dhl|estafeta|amazon|courier|mail)\b(\s+\w+){0,8}\s+"
    r"(lost|perdio|pedi) (my |mi |mis |the |el |la |los |las )?(\w+ )?(paquetes?|packages?"
    r"|parcels?|cajas?|box|boxes|bwat|kolis)\b")
# A home's repair the landlord will not make (issue 11aj): "landlord wont fix the mold in our
# apartment and my little sister has asthma" (0.88 alarm, an urgent case), "our landlord won't
# fix the heater and it's been 3 weeks, can we sue him". A dispute over the home, not danger
# now; a blow, a weapon, a threat or a body in trouble keep it (``_HURT``, ``_BODY``).
_REPAIR = re.compile(
    r"\b(landlord|landlady|casero|casera|dueno del (apartamento|depa|departamento|traila|cuarto)"
    r"|met kay( la)?|mepriyete)\b(\s+\w+){0,3}\s+(won t|wont|doesn t|doesnt|didn t|didnt"
    r"|refuses to|never|no (nos |me )?(quiere|quiso)|no (nos |me )?|pa (vle )?) ?"
    r"(fix|repair|arregla|arreglar|arreglo|repara|reparar|ranje|repare)\b")
# A room with no air conditioning (issue 11ax): "no hay aire acondicionado en el cuarto" read
# 0.88 emergency (the "no hay aire" of a trailer's box), "there is no air conditioning in my
# room" 0.58, "pa gen èkondisyone nan chanm nan" 0.23 with 0.85 alarm. A complaint about a
# home, not danger now, when nothing else is told: a vehicle or a box ("no hay aire
# acondicionado en la caja del trailer"), someone kept there, a person in the heat or the cold,
# any other word keeps what the message was read as.
_COOLING = re.compile(
    r"\b(aire acondicionado|aire acondicionador|minisplit|mini split|air conditioning"
    r"|air conditioner|ac|calefaccion|heater|heating|ekondisyone|e kondisyone|kondisyone"
    r"|klimatize|kondisyone dle)\b")
#: What may stand beside it and leave it a complaint about a home: the place, broken, none.
#: Anything else (heat or cold, a person, their state: "y hace 45 grados, mi papá tiene 80 años
#: y ya no responde", "my kids are freezing") leaves the message to the rest of the checks.
_COOLING_REST = frozenset(
    "no hay tenemos tengo tiene sirve funciona jala prende enciende se descompuso descompuesto "
    "descompuesta roto rota esta el la los las en del de mi mis nuestro nuestra su cuarto depa "
    "departamento apartamento casa recamara habitacion hotel oficina y ya ni tampoco todavia "
    "there is isn t isnt s no the in my our room apartment apt house home bedroom doesn t doesnt "
    "does not work working works broke broken out anymore any and a an it s at hotel office "
    "still again pa gen nan chanm kay la lan a an apatman mache kase ankò anko sa ak e epi"
    .split())


def _no_cooling(folded: str) -> bool:
    """No air conditioning or heating in a home (``_COOLING``), told with nothing but the place
    and that it is broken or missing (``_COOLING_REST``)."""
    if not _COOLING.search(folded) or len(folded.split()) > CRY_WORDS:
        return False
    return set(_COOLING.sub(" ", folded).split()) <= _COOLING_REST


# Hiding in a game (issue 11ax): "estoy escondido jugando con mis hijos" read 0.68 emergency,
# "im hiding playing hide and seek with my kids" 0.83. Not with any word of danger or of now
# beside it ("... y entraron unos hombres armados").
_HIDE_GAME = re.compile(
    # (Not "a escondidas", secretly: "les mando esto a escondidas" from a truck.)
    r"\b((jugando|jugamos|jugar|juegan|jugaban) (a las |a la |al |a )?(escondidas|escondidillas"
    r"|escondite)|hide and seek|hide n seek|hide an seek|hide & seek|kache kache|lago kache"
    r"|kachkach)\b"
    r"|\b(escondid[oa]s?|escondiendo(me|nos)?|hiding|hide|kache)\b(\s+\w+){0,3}\s+"
    r"(jugando|playing|jwe|ap jwe)\b"
    r"|\b(jugando|jugamos|playing|jwe)\b(\s+\w+){0,4}\s+(escond\w*|hide|hiding|kache)\b")


#: ... and what may stand beside it: who plays, where they hide.
_GAME_REST = frozenset(
    "estoy estamos ando andamos me nos con mis mi los las el la en un una y a al con aqui detras "
    "debajo closet ropero armario cuarto cama puerta hijos hijas hijo hija ninos nietos sobrinos "
    "primos familia chavos chamacos im i m i am we re were we are with my our the in a and under "
    "behind bed door kids children son daughter grandkids nephews family m mwen nou ap pandan ak "
    "pitit yo anba deye pot kabann chanm la a an ti moun timoun"
    .split())


def _hiding_game(folded: str) -> bool:
    """Hiding in a game (``_HIDE_GAME``), told with nothing but who plays and where they hide
    (``_GAME_REST``): "... y mi hijo no aparece", "... y entraron unos hombres" are more."""
    if not _HIDE_GAME.search(folded) or len(folded.split()) > CRY_WORDS:
        return False
    rest = _HIDE_GAME.sub(" ", folded)
    rest = re.sub(r"\b(escondid[oa]s?|escondiendo(me|nos)?|hiding|hide|kache|jugando|jugamos"
                  r"|playing|jwe)\b", " ", rest)
    return set(rest.split()) <= _GAME_REST


# Short of money right now, and nothing else told (issue 11ba): "no tengo dinero ahorita no", "i
# dont have money right now no", "m pa gen kòb kounye a non", "no traigo ni un peso pal camion".
# The classifier and the alarm model read "ahorita no", "right now" and "kounye a" as danger now
# (they say so in the training emergencies: "ahorita no puedo [hablar], llegaron los de
# inmigracion"): 0.84 and 0.98 for the English line, and the 911 block with an urgent case for
# someone who only has no money for the bus. In need, not in danger: the offer of a person
# (``bot.flow.miss``, ``bot.commands.sounds_in_need``). Any word beside it that is not in
# ``_BROKE_REST`` ("..., me tienen encerrado", "... y me estan amenazando") leaves the message
# to the other checks.
_BROKE = re.compile(
    r"\b((no|ni|don t|dont|doesn t|doesnt|do not|does not|didn t|didnt|pa) (tengo|tenemos|tiene"
    r"|tienen|traigo|traemos|trae|traen|cargo|have|has|got|gen)|(have|has|got) no|sin|san)"
    r"( (ni|un|una|nada de|any|no|enough|yon|ase|okenn|suficiente|mucho)){0,2}"
    r" (dinero|lana|feria|varo|centavos?|pesos?|money|cash|kob|lajan|pasaje|saldo)\b")
#: ... and the words that may stand beside it: who, now, a tag "no", a greeting, what for.
_BROKE_REST = frozenset(
    "yo i we m mwen nou me my mi estoy estamos im am are re s ahorita orita ahora now right "
    "kounye kounya kounyea konnya a no non not nope ya todavia aun yet still anymore anko anyway "
    "pa para pal pa l for pou el la los las the un una de del ni nada nothing mas more ok okay "
    "pues bueno oiga hola hi hello bonjou bonswa disculpe perdon sorry padon eskize porfa please "
    "tanpri por favor camion autobus bus bis pasaje boleto ticket tike comer eat food manje "
    "llegar irme regresar ir go get home casa lakay ale tounen pagar pay peye renta rent".split())


def broke(folded: str) -> bool:
    """True when the message says that the writer (or someone) has no money (``_BROKE``)."""
    return _BROKE.search(folded) is not None


def broke_only(folded: str) -> bool:
    """True when the message says that the writer has no money (now), and nothing else but the
    words of ``_BROKE_REST``: in need, not in danger."""
    found = _BROKE.search(folded)
    if found is None:
        return False
    rest = f"{folded[:found.start()]} {folded[found.end():]}"
    return set(rest.split()) <= _BROKE_REST


def _at_ease(folded: str) -> bool:
    """A room with no air conditioning (``_no_cooling``) or hiding in a game
    (``_hiding_game``): no danger told."""
    return _no_cooling(folded) or _hiding_game(folded)


_NOT_A_PERSON = re.compile(
    rf"\b(secuestr\w*|hackea\w*|hostage) (la |el |mi |mis |my |the |our )?({_THING})\b"
    rf"|\b({_THING})\s+(\w+\s+)?hostage\b"
    r"|\b(secuestrad[oa]|secuestro) (el|mi) (corazon|alma|mente|cerebro)\b"
    r"|" + _LOST_THING.pattern +
    r"|\b(detenid[oa]s?|atorad[oa]s?|stuck) (en el|en la|in) (trafico|traffic|fila|cola)\b"
    r"|\b(jugamos|jugar|jugando|juego|playing|played) (a la|a los|at) migra\b"
    # Locked out of an account: "reset my facebook password pls i got locked out".
    rf"|\b(locked out|bloquearon|bloqueo|bloke)\b(\s+\w+){{0,4}}\s+({_THING})\b"
    rf"|\b({_THING}|password|contrasena|clave|modpas)\b(\s+\w+){{0,6}}"
    r"\s+(locked out|bloquead[oa])\b"
    # Numbers that disagree, not a person: "fix the logs, they're off by 2 hours", "mi cheque sale
    # mal por 40 dolares", "the dates are wrong by a day" (issue 11ap: "off" read 0.94 alarm).
    r"|\b(off|wrong|mal|desfasad[oa]s?|recorrid[oa]s?) (by|por) (\d+|an?|one|two|three|un|una|dos"
    r"|tres) (hours?|hrs?|minutes?|mins?|days?|weeks?|dollars|bucks|horas?|minutos?|dias?"
    r"|semanas?|dolares|pesos)\b"
    # A phone locked: "my phone got locked and i cant get into my account" (issue 11ac).
    r"|\b(my|mi) (phone|cel|telefono|telefon)( got| is| was| se)? (locked|bloqueo|bloquead[oa])\b")
# An "emergency" of a thing: a phone to charge, a flat tire ("emergency my phone is at 2% ...
# where can i charge it", "ijans: kawotchou machin nan pete"). Not with someone lost, in the
# desert, taken or hurt (``_LOST``, ``_DANGER_IN_IT``, ``_BODY``): a dying phone there is part
# of the danger.
_THING_TROUBLE = re.compile(
    r"\b(charge (it|my phone)|cargar(lo)? (el |mi )?(cel|celular|telefono)|chaje (l|li|telefon)"
    r"|charger|cargador|llantas? (ponchad[ao]s?|pinchad[ao]s?)|ponchad[ao]|flat tire"
    r"|kawotchou"
    # A code that never comes ("la app me pide un codigo q nunca llega"; issue 11ad).
    r"|(un |el |the |a )?codigo|verification code|(the|a) code|kod (la|verifikasyon))\b")
_LOST = re.compile(r"\b(perdid[oa]s?|lost|pedi|no se donde|dont know where|pa konn kote|desierto"
                   r"|desert|deze|monte|cerro|secuestr\w*|kidnap\w*|ahog\w*|drown\w*|neye|rio|river"
                   r"|larivye|canal)\b")
_BODY = re.compile(r"\b(respir\w*|breath\w*|sangr\w*|blood|bleed\w*|senyen|herid\w*|hurt|injur\w*"
                   r"|blese|inconscient\w*|unconscious|desmay\w*|faint\w*|convuls\w*|seizure|kriz"
                   r"|fuego|fire|dife|dolor|pain|duele|vomit\w*)\b")
# "My boss / my mom is going to kill me" said of being late, grades or a dented car, and work that
# is "killing me" (``_WORK_IDIOM``): idioms whatever the time ("jaja mi ama me va a matar si no le
# mando el dinero hoy", issue 11ac). Not of a partner ("mi esposo me va a matar
# si lo dejo" may be a threat told), and not with a weapon, a blow or a threat (``_HURT``).
_KILL_IDIOM = re.compile(
    r"\b(mi|my) (jefe|jefa|patron|patrona|mama|mami|papa|papi|apa|ama|maestr[oa]|abuel[oa]|mom"
    r"|mum|dad|boss|teacher|grandma|coach"
    # ... a child, a sibling, an in-law or the foreman: "mi hija me va a matar cuando sepa q le
    # conte a todos", "el mayordomo me va a matar si llego tarde" (issue 11ag).
    r"|hij[oa]|herman[oa]|ti[oa]|suegr[oa]|mayordomo|daughter|son|sister|brother|aunt|uncle"
    r"|mother in law|foreman|supervisor|manager)"
    r" (me va a matar|me mata|me va a ahorcar|me va a colgar|is gonna kill me|s gonna kill me"
    r"|is going to kill me|will kill me)\b"
    r"|\b(el|la) (mayordomo|jefe|jefa|patron|patrona|supervisor|encargad[oa]) (me va a matar"
    r"|me mata|me va a ahorcar)\b"
    r"|\b(manman m|papa m|bos mwen|bos la|patwon mwen|pitit mwen|pitit fi m|pitit gason m|se m"
    r"|fre m) (pral|ap|va) touye m\b")
# Idioms of exaggeration, said in plain words before anything reads the message (issue 11al):
# "m mouri grangou" (I'm starving) and "m fatige mouri" (dead tired) read as a death (topic F,
# a sensitive handoff), "m ap mouri ak ri" too. Only the idiom's words change: "m mouri
# grangou, nou pèdi nan dezè a" is still someone lost in the desert. Not "se murió de hambre"
# (a death told) nor "me muero de sed" or "de frío" (danger on the way).
_EXAGGERATIONS = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"\bmouri\s+grangou\b|\bgrangou\s+mouri\b", "grangou anpil"),
    (r"\b(fatige|fatigue|bouke)\s+mouri\b", "fatige anpil"),
    (r"\bmouri\s+(ak\s+|av[eè]k\s+)?ri\b", "ri anpil"),
    (r"\b(me\s+muero|me\s+estoy\s+muriendo|(estoy|estamos|ando|andamos|quedé|quede)\s+muert[oa]s?"
     r"|me\s+quiero\s+morir|quiero\s+morirme|me\s+quisiera\s+morir|quisiera\s+morirme)"
     r"\s+de\s+(?:la\s+|el\s+)?(?=(hambre|risa|ganas|cansancio|sueño|sueno|aburrimiento|flojera"
     r"|nervios"
     r"|verg[uü]enza|envidia|calor)\b)", "mucho "),
    (r"\bdying\s+(?=to\s+(see|meet|know|try|go|get|hear|visit|hug|come|eat|talk)\b)",
     "really want "),
    (r"\bdead\s+tired\b", "very tired"),
    # Longing (issue 11ap): "m anvi wè fanmi m, m ap mouri", "m sonje pitit mwen m ap mouri"
    # (I'm dying to see them) read as a death; "me muero por ver a mis hijos" too.
    (r"\b(anvi\s+(?:w[eè]|tande|pale|kontre|anbrase|retounen|rantre|ale)|sonje)\b"
     r"([^.!?;]{0,40}?)[\s,]*\b(?:m|mwen)\s+(?:ap|pral)\s+mouri\b(?!\s+(?:nan|sou|la)\b)",
     r"\1\2 anpil"),
    (r"\b(?:m|mwen)\s+(?:ap|pral)\s+mouri\s+(?=anvi\b)", "m "),
    (r"\b(?:m|mwen)\s+(?:ap|pral)\s+mouri\s+(?=pou\s+m\s+w[eè]\b)", "m anvi anpil "),
    (r"\bme\s+muero\s+por\s+(?=(ver|verl[oa]s?|verte|abrazar\w*|conocer\w*|regresar|volver"
     r"|estar\s+con|ir\s+a)\b)", "quiero mucho "),
    (r"\b(dying|died)\s+(of\s+laughter|laughing)\b", "laughing"),
    # Out of breath from laughing (issue 11ax): "i cant breathe when i laugh so hard" hit the
    # "cant breathe" trigger, "no puedo respirar de la risa" read 0.93 alarm, "m pa ka respire
    # lè m ri twòp" 0.70. Not "cant breathe, hes choking me".
    (r"\b(i\s+|we\s+)?(can'?t|can’t|cannot|can\s+not|couldn'?t|could\s+not)\s+breathe\s+"
     r"(when|whenever|from|of|with|because|bc|cuz|cause)\s+(i\s+|we\s+)?(laugh\w*|laughter)\b",
     "i laugh a lot"),
    (r"\b(laugh\w*)\s+(so\s+hard\s+|so\s+much\s+)?(that\s+)?(i\s+|we\s+)?(can'?t|can’t|cannot"
     r"|couldn'?t)\s+breathe\b", r"\1 a lot"),
    (r"\bno\s+(puedo|podia|podemos|podiamos|podíamos|podía|pude)\s+(ni\s+)?respirar\s+"
     r"(de\s+(la\s+)?risa|de\s+tanto\s+re[ií]r(me|nos)?|cuando\s+me\s+r[ií]o|por\s+la\s+risa)",
     "me da mucha risa"),
    (r"\b(me|nos)\s+(ahogo|ahogamos|ahogaba|estoy\s+ahogando|estamos\s+ahogando)\s+"
     r"(de\s+(la\s+)?risa|de\s+tanto\s+re[ií]r(me|nos)?)", "me da mucha risa"),
    (r"\b(m|mwen|nou)\s+pa\s+(ka|kapab)\s+(respire|pran\s+souf)\s+(l[eè]\s+(m|mwen|nou)\s+"
     r"(ap\s+)?ri|t[eè]lman\s+(m|mwen|nou)\s+(ap\s+)?ri|ak\s+ri|tank\s+(m|mwen|nou)\s+(ap\s+)?ri)",
     r"\1 ri anpil"),
    # A hangover or a headache "that makes me want to die" (the posada last night).
    (r"\b(cruda|resaca|cruda\s+moral|dolor\s+de\s+cabeza|jaqueca)\s+(que|q|k)\s+"
     r"(me\s+quiero\s+morir|quiero\s+morirme)\b", r"\1 muy fuerte"),
    (r"\bwants?\s+to\s+die\s+of\s+(?=(embarrassment|shame|laughter|boredom)\b)", "feel so much "),
))

# A "sos" that is no call for help, said plainly so the "sos" trigger is not hit: the Kreyòl
# sauce ("yon bon sòs pwa nwa": SOS is never written "sòs") and the "sos" (you are) of Central
# Americans and Argentines ("vos sos de aquí?", "¿sos vos?"). "SOS", "sos!!", "sos estamos
# perdidos" stay calls for help.
_NOT_SOS = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"\bs[òÒ]s\b", "sauce"),
    (r"\bsos\s+(?=(pwa|tomat|vyann|pwason|poul|pike|legim|lanbi)\b)", "sauce "),
    (r"\b(vos|tu|tú)\s+sos\b", r"\1 eres"),
    (r"\bsos\s+(?=vos\b)", "eres "),
))


def plain_idioms(text: str) -> str:
    """``text`` with its idioms of exaggeration said plainly (``_EXAGGERATIONS``): "m mouri
    grangou" -> "m grangou anpil", "I'm dying to see you" -> "I'm really want to see you"; and
    a "sos" that asks no help (``_NOT_SOS``)."""
    for pattern, plain in (*_EXAGGERATIONS, *_NOT_SOS):
        text = pattern.sub(plain, text)
    return text


_WORK_IDIOM = re.compile(
    r"\b(me esta matando|me estan matando|is killing me|are killing me|ap touye m) (con|with|ak)"
    r" (el |la |the )?(trabajo|travay|work|tarea|homework|calor|heat)\b"
    # ... or named first: "este trabajo me esta matando", "this job is killing me", "travay sa ap
    # touye m" (issue 11ac).
    r"|\b(este|ese|el|mi|this|the|my) (trabajo|jale|calor|frio|job|work|heat|cold|homework|school"
    r"|escuela)( \w+){0,3} (me esta matando|is (literally )?killing me|s (literally )?killing me)\b"
    # ... the heat or the cold in Kreyòl: "chalè sa a ap touye m" (issue 11ag).
    r"|\b(travay|chale|fredi|lekol) (sa a|sa|la|a) ap touye m\b")
_HURT = re.compile(r"\b(peg\w*|golpe\w*|hit\w*|beat\w*|cuchillo|knife|machete|kouto|frape|bat"
                   r"|arma|pistola|gun|zam|amenaz\w*|threat\w*|menase|encerr\w*|locked|borracho"
                   r"|drunk|enojad\w*|furios\w*|angry|furious|fache|ya viene|coming)\b")
# What a danger word means, asked: "¿qué es eso del secuestro virtual?", "what even is virtual
# kidnapping?", "kisa yon kidnapin vityèl ye?". (A call going on in another clause is rescued
# by its own words of now: ``present_clause``.)
# (Not a ransom asked: "what's the ransom they want" is danger.)
_WHAT_IS = re.compile(
    r"\b(que es (eso del?|el|la|un|una)|que significa|what( even)? is( a| an)?|what does|what s)"
    r" (\w+ )?(secuestro|extorsion|kidnapping|kidnaping|extortion)\b"
    r"|\b(kisa|ki sa) yon (\w+ )?(kidnapin|kidnape|ekstosyon)( \w+)? ye\b")
# A year, not an amount ("2000 pesos", "another 2000 each").
# "yo di se 2000 ankò" (another 2000, issue 11ag).
_AMOUNT = r"(?!\s+(?:pesos|dolares|dollars|dola|each|cada|mil|usd|bucks|a cada|anko|mas|more))"
# Told only to the classifier: a plan ("el señor que nos va a llevar dice q son 3 dias en el
# monte") is not a person in danger now. (A pet in danger is _NOT_A_PERSON: a pet named
# anywhere is not enough, "secuestraron a mi hijo y el perro ladraba" is danger now.)
_NOT_NOW = re.compile(
    r"\b(nos va a llevar|me va a llevar|nos van a llevar|vamos a cruzar|voy a cruzar|va a cruzar"
    r"|planning to cross|plan to cross|going to cross|pral travese|ap planifye"
    r"|(nos|me) puede (llevar|pasar)|mandar(me|nos|la|lo)? traer|can (take|bring) (us|me) over"
    # ... in Kreyòl: "l ap pran nou nan yon kamyon jiska fwontyè a epi li fè nou pase" (11ac).
    r"|(ap|pral|va) pran nou( nan (yon )?kamyon)? jiska|(ap|pral|va) fe nou (pase|travese)"
    # Saving up for the smuggler: "estamos juntando pa pagarle al coyote de mi hija".
    r"|(juntando|ahorrando|saving up|ap ranmase) (\w+ ){0,4}(coyote|pollero|smuggler|koyot))\b")
_YEAR = re.compile(r"\b(19[4-9]\d|20\d\d)\b" + _AMOUNT)
# A past told, then how things stand now: "me detuvo la migra en 2019, ahora tengo corte",
# "back in 2019 ... now I have court", "an 2019 ... kounye a m gen tribinal". The present
# clause decides, not the date: a court date, a lawyer or a case is a legal question, and
# danger in it ("y ahora lo tienen detenido", "they took him again") keeps the emergency.
_BEFORE = re.compile(_LONG_AGO.pattern + r"|\b(la vez pasada|aquella vez|la vez (que|q)"
                     r"|(the )?last time|back then|lot fwa a)\b")
_PRESENT = re.compile(r"\b(ahora|ahorita|now|kounye a|kounyea|koulye a|konnya|hoy|today|actualmente"
                      r"|currently)\b")
_LEGAL_STEP = re.compile(
    r"\b(corte|audiencia|juez|jueza|abogad[oa]s?|(mi|su|el|tu) caso|court|hearing|judge"
    r"|lawyer|attorney|(my|his|her|the) case|tribinal|odyans|avoka|jij|ka (m|mwen|li)"
    # Asylum asked now of an old danger: "me amenazaron de muerte en mi pais hace años, ahorita
    # estoy en usa, aplica pa asilo?" (issue 11ac).
    r"|asilo|asylum|azil)\b")
# A wish or a question of today after a story of the past: "hace 2 años me tuvieron encerrado
# ..., ya paso, ahora quiero saber de los proyectos", "sa fè lontan, kounye a m vle travay", "now
# he wants to join the migrant council" (issue 11ag). Only with nothing of danger beside it
# (``_wish``): "ahora quiero saber qué hago, me siguen amenazando" is danger now.
_WISH = re.compile(
    r"\b(quiero|queria|quisiera|quiere|queremos|quisieramos|me gustaria|le gustaria|nos gustaria"
    r"|i want|i wanna|i d like|i would like|want to know|wants to|would like to|(m|mwen|li|nou)"
    r" (vle|ta renmen)|tengo una pregunta|i have a question)\b")


def _wish(present: str) -> bool:
    """A wish or a question (``_WISH``) with no blow, threat, hold, body in trouble or person
    lost beside it."""
    return bool(_WISH.search(present)) and not any(
        r.search(present) for r in (_HURT, _HELD, _BODY, _LOST, _THREAT))


# Someone held for weeks or more in a jail or a detention centre, asked about as a legal matter
# or a visit (issue 11ad): "mi hermano lleva meses en un centro de detencion esperando
# audiencia, como se consigue abogado", "my brother has been in ICE detention for weeks waiting
# for a bond hearing", "mi esposo esta en la carcel en texas, como le hago pa visitarlo". It is
# a question of US immigration law (``LEGAL``, whose answer offers "emergencia"), not danger
# now; anything of danger in it keeps the emergency (``_HELD_DANGER``): a blow, a threat, no
# medicine, nobody allowed to see or call, held since today or moved tonight (every dev set's
# emergencies in a detention centre say one of these).
LEGAL = "legal_us"
_CUSTODY = re.compile(
    r"\b(centro de detencion|carcel|prision|pres[oa]|detenid[oa]s?|detention|jail|prison|locked up"
    r"|prizon|detansyon"
    # In custody, looked up in ICE's locator, detained weeks ago (issue 11ag): "mi esposa esta en
    # custodia de ice desde hace semanas", "how do i use the ice locator? my stepdad has been held
    # for weeks", "tiene daca y lo detuvieron hace 2 semanas".
    r"|custodia|custody|(ice|immigration) facility|locator|localizador|sistema de (ice|migracion)"
    r"|(lo|la|los|las) detuvieron|(got|was|were|been) (detained|held)"
    # Held by ICE, told so: "mari m nan ICE depi 3 semèn", "lleva 3 semanas con ICE".
    r"|(nan|con|en|in|with) (ice|la migra))\b")
#: The months in Spanish and English (``bot.crossing`` adds Kreyòl's).
MONTHS = (r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre"
          r"|diciembre|january|february|march|april|may|june|july|august|september|october"
          r"|november|december")
_A_WHILE = re.compile(
    r"\b((hace|lleva|llevan|desde hace|ya (va|van|son|tiene)) (como |unos |unas |mas de |casi )?"
    r"((\d+|un|una|dos|tres|cuatro|cinco|seis|varios|varias|muchos|muchas) )?(semanas|meses|mes"
    r"|anos?)"
    r"|for (\d+ |a few |several |many |two |three |four |five |six |some )?(weeks|months|years)"
    r"|(\d+|two|three|four|five|six|a few|several) (weeks|months) ago|a month ago"
    r"|(detention|custody|jail) (for )?(\d+|two|three|four|five|six|a few|several) (weeks|months)"
    rf"|(desde|since) ({MONTHS}|el mes pasado|last month)"
    r"|depi (\d+|de|twa|kat|senk|sis|plizye) (semen|mwa|ane))\b")
_VISIT = re.compile(r"\b(visit\w*|vizite)\b")
# A bond asked for someone held a while is a legal step of its own (issue 11ai: "lleva 2 meses
# en un centro de detencion, como le hacemos pa la fianza"); not in ``_LEGAL_STEP``, whose
# present clause after a past detention ("ahora pide fianza") may tell of one going on.
_BOND = re.compile(r"\b(fianza|bond|bail|kosyon)\b")
_HELD_DANGER = re.compile(
    _HURT.pattern + "|" + _THREAT.pattern + "|" + _BODY.pattern + "|" + _HELD.pattern
    + r"|\b(hoy|ayer|anoche|antier|today|yesterday|last night|tonight|this morning|esta manana"
    r"|ahorita|right now|ahora mismo|acaba de|acaban de|just (got|been)|jodi a|depi ye|maten an"
    r"|dias?|days?|horas?|hours?|auxilio|socorro|urgente?|ayudenme|ayudaa+|help me|please help"
    r"|ede m|emergencia|emergency|enferm\w*|sick|medicin\w*|meds|insulin\w*|malad\w*|firm\w*"
    r"|sign|deport\w* (hoy|manana|today|tomorrow)|mov\w*|traslad\w*|transfer\w*"
    r"|no (nos |me |le |la |lo )?(dejan|deja|dejaron) (verl[oa]|hablar|llamar|ver)"
    r"|won t let|wont let|nadie (nos )?dice|nobody (will )?tell"
    # Not knowing where someone is, not how to find a lawyer ("no sabemos como conseguir
    # abogado", "we dont know how to find a lawyer", "nou pa konn kijan pou n jwenn yon avoka").
    r"|no sabemos(?! (como|que hacer))|(don t|dont) know(?! (how|what to do))"
    r"|pa konn(?! (kijan|ki jan|kouman|kisa pou))|no contesta|desaparecid\w*|missing|cartel"
    r"|narcos|gang|nobody knows|nadie sabe)\b"
    + "|" + _LOST.pattern)


# What can be done, asked: "q opciones hay?", "what can he do?", "kisa li ka fè?".
_WHAT_CAN = re.compile(r"\b(opciones|que (se )?(puede|puedo|podemos|pueden) hacer|options"
                       # What happens to the case: "q puede pasar con su daca?", "does he lose
                       # it?", "what happens next legally?", "se puede pagar fianza?" (11ag).
                       r"|(que|q) (puede|va a) pasar con|what happens next|does (he|she) lose"
                       r"|fianza|bond|daca|salida voluntaria|voluntary departure"
                       r"|como (busco|buscar|encuentro|encontrar) a|how do i (use|find|look up)"
                       r"|what (can|should) (he|she|we|i|they) do"
                       r"|kisa (li|m|nou|yo) (ka|dwe) fe)\b")


#: Words of ``_NOW`` that only say where someone is held: "esta detenido desde hace un mes".
_HELD_WORDS = frozenset({"esta detenido", "esta detenida", "estan detenidos"})


def held_a_while(folded: str) -> bool:
    """True when someone is held for weeks or more (or a visit is asked) with nothing of danger
    now in it (see ``_CUSTODY``), and the message asks a legal step, a visit or what can be
    done, or only tells where and since when: "lleva 4 meses en un centro de detencion, q
    opciones hay?" is a legal question (issues 11ac, 11ad), and so is "mi esposo esta en un
    centro de detencion en texas desde hace un mes" (issue 11al); "hace un mes y sigue en el
    centro de detencion" (a word of still going on, ``_NOW``) is not."""
    if not _CUSTODY.search(folded) or _HELD_DANGER.search(folded):
        return False
    asked = bool(_LEGAL_STEP.search(folded) or _VISIT.search(folded) or _WHAT_CAN.search(folded)
                 or _BOND.search(folded))
    if _VISIT.search(folded) or _A_WHILE.search(folded) and asked:
        return True
    return bool(_A_WHILE.search(folded)) and all(
        m.group(0) in _HELD_WORDS for m in _NOW.finditer(folded))


_DANGER_IN_IT = re.compile(
    r"\b(deten\w*|detuv\w*|encerr\w*|secuestr\w*|levant\w*|agarr\w*|llevaron|llevo"
    r"|amenaz\w*|golpe\w*|arma|pistola|rescate|extors\w*|(?<!la )otra vez|de nuevo"
    r"|nuevamente|detain\w*|arrest\w*|took|taken|held|holding|kidnap\w*|threat\w*|beat\w*"
    r"|gun|ransom|locked(?! out)|again|arete|kenbe|pran|fenmen|menase|zam|anko|kidnape"
    # Held by a cartel or a gang after a release told: "got deported and now the cartel has
    # him" (issue 11ac).
    r"|cartel|carteles|narcos|sicarios|gang|gangs|katel)\b")
# What follows a release and undoes it: danger, harm, or danger still going on.
_AGAIN = re.compile("|".join(r.pattern for r in (_DANGER_IN_IT, _HURT, _HELD, _NOW)))
# What follows a safe clause and undoes it: danger, harm, someone lost, a ransom asked.
_UNDONE = re.compile("|".join(r.pattern for r in (_DANGER_IN_IT, _HURT, _HELD, _BODY, _LOST,
                                                   _NOW))
                     + rf"|\b((?<!como )pid\w*{_ASKED_FOR}|rescate|ransom|asking for|mande lajan"
                     r"|deposit\w*"
                     # Someone else not safe: "todos bien menos mi hermano", "pa jwenn li".
                     r"|menos|excepto|salvo|except|sof|eksepte|(no|not|n t|pa) (\w+ )?(aparece"
                     r"|aparecido|shown up|showed up|turned up|found|paret|jwenn)"
                     # ... or not back: "but my son didn't come home", "no ha llegado".
                     r"|(didn t|didnt|hasn t|hasnt|never|not|pa|poko) (\w+ )?(come|came|made it"
                     r"|gotten|got|back|home|rantre|tounen|retounen|rive)"
                     r"|no (ha |han )?(llegado|regresado|vuelto|llega|regresa|vuelve|llegan)"
                     # ... or the smugglers or a gang named: "ya contesto el coyote, quiere mas".
                     r"|coyotes?|polleros?|smugglers?|koyot|cartel|carteles|mafia|maras?|gangs?)\b")


# A crossing that is not a person's crossing plan: a coyote the animal, breeding animals, a
# kayak or a paddle board on a lake or river, a pet crossing the road, a film or a series.
_COYOTE_ANIMAL = re.compile(
    r"\b(coyotes?|koyot|kowot)\b(\s+\w+){0,10}\s+(corral|gallinas?|pollitos|borregos?|chivas?"
    r"|becerros?|aullan|aullando|se comio|chickens?|coop|cat|dog|kabrit|poul|danjere pou chen"
    r"|correcaminos|caricatura|cartoon|attack people|atacan)\b"
    r"|\b(vi|casi atropello|atropelle|saw|se cruzo|ran across|m we|mwen we) (un |a |yon )?"
    r"(coyotes?|koyot|kowot)\b")
_BREEDING = re.compile(
    r"\b(cruzar|cruza|cruce|cross|crossbreed|cross breed|kwaze)\b(\s+\w+){0,3}\s+"
    r"(perr[oa]s?|chihuahua|pug|labrador|husky|pastor|raza|breed|chen|pitbull|poodle|vacas?"
    r"|toro|yegua|caballo|german shepherd|golden)\b")
_BOAT = re.compile(r"\b(kayak|kayaks|kayac|canoa|paddle ?boards?|paddleboard|remar|rowing)\b")
# (Not Kreyòl "chat" here: "chat with someone" is English too.)
_PET_ANY = re.compile(
    r"\b((gat|gatit|perr|perrit)[oa]s?|mascotas?|dogs?|puppy|cats?|kitten|chen)\b")
_PET_CROSSING = re.compile(rf"\b({_PET})\s+(\w+\s+)?(cross\w*|cruz\w*|travese)\b")


# A message of 3 words or fewer whose emergency rests on the classifier below 0.5 and asks for
# no help is a detail, not a call for help: "tiene 17 años", said to a person in the queue, got
# 0.41 and the 911 block with the examples of issue 11e. Short calls for help have triggers
# or name help; no dev emergency is lost (3-4 words, 0.5-0.6 gave the same dev figures).
SHORT_WORDS = 3
SHORT_P = 0.5
_HELP = re.compile(r"\b(ayuda\w*|auxilio|socorro|help|ede|sos|urgente|urgent|emergencia|emergency"
                   r"|ijans|peligro|danger)\b")


# ... and one of such words alone (no one, nothing done, no place: an answer to what the chat
# asked), however sure the classifier or the alarm model: "ahorita no puedo" said in line read
# 0.95 danger now and "not now" 0.62, "lo demás no" after the erasure question 0.61.
_NO_CONTENT = frozenset(
    "no ya si ahorita orita ahora luego despues mas tarde pues bueno lo la los las el ese esa eso "
    "este esto demas otro otra nomas solo puedo puede quiero que y o pero todavia aun nada todo "
    "not now yes later that this one it the other only just can cant don t do right yet maybe ok "
    "pa kounye kounyea a sa li non wi pita anko selman ka kapab".split())


def _words(folded: str) -> list[str]:
    """The words of ``folded``; a "no" said again at the end is a tag, not a word more: "no
    puedo ahorita no" (issue 11ba)."""
    words = folded.split()
    if len(words) > 1 and words[-1] in ("no", "non") and words[-1] in words[:-1]:
        return words[:-1]
    return words


def says_nothing(folded: str) -> bool:
    """True for a very short message of words that tell nothing (``_NO_CONTENT``)."""
    words = _words(folded)
    return len(words) <= SHORT_WORDS and set(words) <= _NO_CONTENT


# Despair said alone, with no event told and nothing asked: "ya no puedo más", "ya no aguanto",
# "i can't take it anymore", "m pa kapab ankò". The classifier read them as a stop (0.90) and
# the chat answered "Está bien 👍" or the menu; they are offered a person, with the 911 line
# (``bot.flow.despair``). A wish to die is an emergency trigger, not this.
# (Issue 11av: "no puedo" alone or after a time, "ahorita no puedo", "hoy no puedo", is "not now",
# not despair: said in line it would make the case urgent. "ya no puedo", "no puedo más" are.)
_DESPAIR = re.compile(
    r"\b(?:(?:ya no (?:puedo|aguanto|soporto)(?: mas)?|no puedo mas"
    r"|no (?:aguanto|soporto)(?: mas)?)(?: con (?:esto|todo|esta vida|mi vida|la vida))?$"
    r"|ya me canse de (?:todo|vivir|la vida)"
    r"|(?:can t|cant|cannot) (?:take (?:it|this)|do (?:it|this)|go on)(?: (?:anymore|any more))?$"
    r"|(?:can t|cant) anymore$|i give up$|(?:i m|im) done with (?:everything|life|it all)"
    r"|(?:m|mwen) pa (?:ka|kapab|kab|kap)(?: sipote| kenbe)? anko$|bouke ak lavi|dekouraje net)")
DESPAIR_MAX_WORDS = 10


def despair(folded: str) -> bool:
    """True when a short message says despair and nothing else (``_DESPAIR``)."""
    return len(folded.split()) <= DESPAIR_MAX_WORDS and bool(_DESPAIR.search(folded))


# A word of time alone is no evidence of danger (issue 11di): the training emergencies say
# "right now" so often ("ICE is at my door right now") that the classifier read "im so bored at
# work right now" 0.64 an emergency and "cant talk right now" 0.61, for the 911 block and an
# urgent case; "im so bored at work" alone reads no emergency at all. When the message without
# its words of time ("right now", "rn", "ahorita", "kounye a") reads no emergency (below
# ``TIME_WORD_P``, the classifier's priority bar) and has no word of danger or call for help,
# the emergency rested on the time word. "la migra is at my job rn" keeps it: "la migra is at
# my job" alone reads 0.25.
_TIME_WORD = re.compile(r"\b(right now|rite now|rn|ahorita|orita|ahora mismo|en este momento"
                        r"|at the moment|kounye a|kounyea|kounya|konnya)\b")
TIME_WORD_P = 0.15


def time_word_only(folded: str, read: Callable[[str], Match]) -> bool:
    """True when the emergency read in ``folded`` rests on a word of time alone: without it
    (``_TIME_WORD``) the message reads no emergency and says no word of danger or help."""
    if not _TIME_WORD.search(folded):
        return False
    rest = " ".join(_TIME_WORD.sub(" ", folded).split())
    if not rest or _DANGER_WORD.search(rest) or _HELP.search(rest):
        return False
    return dict(read(rest).ranking).get(EMERGENCY, 0.0) < TIME_WORD_P


def too_little(folded: str, score: float, source: str) -> bool:
    """True when a very short message's emergency is only the classifier's weak guess, or
    rests on words that tell nothing (``says_nothing``)."""
    return (source != "trigger" and len(_words(folded)) <= SHORT_WORDS
            and not _HELP.search(folded) and (score < SHORT_P or says_nothing(folded)))


# A clause that only says someone is passing through (a place): "n ap pase", "vamos de paso por
# León", "we're just passing through": in transit, not crossing a border.
_PASSING = re.compile(
    r"^(?:(?:n|nou|m|mwen|yo) (?:ap|pral) pase|(?:vamos|estamos|andamos|voy|ando|estoy|van|va)"
    r" (?:de paso|pasando)|(?:we re|we are|i m|i am|they re) (?:just )?passing(?: through)?)"
    r"(?: (?:nan|pa|por|through|in|en) \w+)?$")


#: Sick on the way, or kept until paid, or claimed by others: "li gen lafyev, l ap vomi nan mon
#: an", "he keeps them in a safe house until we pay", "vinieron otros que dicen que somos de ellos".
_UNWELL_OR_KEPT = re.compile(
    r"\b(fiebre|calentura|fever|lafyev|fyev|vomi|vomit\w*|enferm\w*|sick|malad|desmay\w*"
    r"|safe house|casa de seguridad|kay sekirite|(until|till|hasta que|jiskaske|jis) (we|you|they"
    r"|paguemos|paguen|pagues|nou peye|yo peye)|goes up every day|sube cada dia"
    r"|(somos|son|eres|soy) (de ellos|suyos|suyas)|(we|they) (belong to them|are theirs)"
    r"|(nou|yo) se pa yo)\b")
#: Strangers trying to take someone by force, and hiding from them now: "unos tipos me quieren
#: subir a una camioneta, estoy escondido en un oxxo", "some guys are trying to put me in a van"
#: (issue 11ak: not "el señor que me quiere llevar", the man of a plan).
_SEIZED = re.compile(
    r"\b((unos|unos tipos|unos hombres|unos batos|some|some guys|some men|yon bann|de neg)"
    r" (\w+ ){0,2}"
    r"(me|nos|lo|la|los|to|are trying to|tried to|vle|te vle) (quieren|quisieron|intentaron"
    r"|trataron de)? ?(subir|meter|jalar|llevarse|put|grab|take|pull|fe m monte|fe nou monte)"
    r"|(estoy|estamos|i m|we re|m|nou) (escondid\w*|hiding|kache) (en|in|nan) (un|una|a|yon)"
    r" (oxxo|tienda|store|bano|bathroom|iglesia|church|boutik|legliz))\b")
#: A word of danger itself: held, hurt, the body in trouble, now (not a place or a way).
_DANGER_WORD = re.compile("|".join(r.pattern for r in (_DANGER_IN_IT, _HURT, _HELD, _BODY, _NOW,
                                                        _THREAT, _UNWELL_OR_KEPT, _SEIZED)))


#: Where someone has lived for months or years (issue 11ci): "mwen rete nan Leon depi 3 an, m
#: bezwen travay" read as held and got the 911 block; "vivo en celaya desde hace 2 años", "i've
#: lived in leon 3 years". Days are not counted: "yo kenbe m nan yon kay depi 3 jou" is held.
_LIVED_HERE = re.compile(
    r"\b((m|mwen|nou|li|yo) (ap )?(rete|viv|abite)( \w+){1,4} depi"
    r" (\d+|de|twa|kat|senk|sis|set|uit|nef|dis|plizye|anpil) (an|ane|mwa)"
    r"|(vivo|vivimos|vive|viven|radico|radicamos|he vivido|hemos vivido) (en|aqui|aca)( \w+){0,3}"
    r" (desde hace|hace|por|ya) (\d+|un|una|dos|tres|cuatro|cinco|seis|varios|muchos) (anos?|meses"
    r"|mes)"
    r"|(i ve|ive|i have|we ve|we have|i|we) (lived|been living|live|been) (in|here)( \w+){0,3}"
    r" (for )?(\d+|a|one|two|three|four|five|six|several|many|a few) (years?|months?))\b")


def _lived_here(folded: str) -> bool:
    """A place lived in for months or years (``_LIVED_HERE``) with no word of danger at all."""
    return bool(_LIVED_HERE.search(folded)) and not _DANGER_WORD.search(folded)


def danger_word(folded: str) -> bool:
    """True when ``folded`` has a word of danger itself (held, hurt, the body in trouble, a
    threat, now), not only of a journey's place or way (issue 11ah)."""
    return bool(_DANGER_WORD.search(folded))


def not_a_crossing(folded: str) -> bool:
    """True when a message that reads like a crossing plan is about something else (see
    ``_COYOTE_ANIMAL`` ...), tells of a film or a series, or only says someone passes through."""
    return any(r.search(folded) for r in (_COYOTE_ANIMAL, _BREEDING, _BOAT, _PET_CROSSING, _STORY,
                                          _PASSING))


def now_a_legal_step(folded: str, today: dt.date | None = None) -> str | None:
    """The present clause of a past story when it is a court date, a lawyer or a case, or a
    wish or a question of today (``_WISH``), with no danger in it ("me detuvo la migra en 2019,
    ahora tengo corte" -> "tengo corte"; "sa fe lontan, kounye a m vle travay" -> "m vle
    travay")."""
    year = (today or dt.date.today()).year
    before = _BEFORE.search(folded)
    dated = next((m for m in _YEAR.finditer(folded) if int(m.group(1)) < year), None)
    ends = [m.end() for m in (before, dated) if m is not None]
    now = _PRESENT.search(folded, min(ends)) if ends else None
    if now is None:
        return None
    then, present = folded[:now.start()], folded[now.end():]
    if _NOW.search(then) or _NOW.search(present) or _DANGER_IN_IT.search(present) \
            or not (_LEGAL_STEP.search(present) or _wish(present)):
        return None
    return present.strip()


def told_not_now(folded: str, raw: str, today: dt.date | None = None, *,
                 trigger: bool = False, now: re.Pattern[str] | None = None,
                 plans: bool = True) -> bool:
    """True when a message tells of danger that is not happening now (see the module).

    ``trigger``: an emergency trigger phrase fired. A story that starts long ago can end in
    danger now ("se fue hace un año ... y ya no la sueltan"), so "years ago" or a year ("en
    2019", "back in 1985") only outweigh the classifier, never a trigger; a joke, a film, a
    release, a "what if" or a present that is only a legal step (``now_a_legal_step``) do.
    ``now``: the words of danger now that keep it (default ``_NOW``). ``plans``: the words of
    a crossing plan (``_NOT_NOW``) count as told of, not now (not when the plan itself is
    looked for: ``plan_clause``)."""
    if now_a_legal_step(folded, today) is not None or now is None and held_a_while(folded):
        return True
    # An idiom or a thing's trouble is told of only when the whole message has no blow, weapon
    # or person lost (``_HURT``, ``_LOST``): never decided by one clause alone (``now`` given).
    whole = now is None
    if whole and _WORK_IDIOM.search(folded) and not _HURT.search(folded):
        return True
    if whole and _KILL_IDIOM.search(folded) and not _HURT.search(folded) \
            and not _BODY.search(folded):
        return True
    if settled(raw) or whole and (_only_a_fraud_or_a_job(folded) or _absence_explained(folded)
                                  or _lived_here(folded)
                                  or _job_left(folded) or _not_allowed_out(folded)
                                  or _evicted(folded)):
        return True
    if (_LOST_THING.search(folded) or _REPAIR.search(folded)) and not (
            _HURT.search(folded) or _BODY.search(folded) or _DANGER_IN_IT.search(folded)):
        return True
    if whole and not trigger and _at_ease(folded):  # a trigger's words are never read so
        return True
    if (now or _NOW).search(folded) or _PAID_RELEASE.search(folded):
        return False
    if _JOKE.search(folded) or any(e in raw for e in _JOKE_EMOJI) or _STORY.search(folded):
        return True
    if _over(folded) or whole and _fled(raw) or _IF.search(folded) or _NOT_A_PERSON.search(folded) \
            or _WHAT_IS.search(folded) or whole and _died(folded):
        return True
    if _MAYBE.search(folded) and not _HURT.search(folded) and not _BODY.search(folded) \
            or can_arrest(folded):
        return True
    if offer_if(folded) or nothing_happened(folded) or hypothetical(raw):
        return True
    if whole and _THING_TROUBLE.search(folded) and not _LOST.search(folded) \
            and not _DANGER_IN_IT.search(folded) and not _BODY.search(folded):
        return True
    if _NOW_WEAK.search(folded):
        return False
    if trigger and not _deported_long_ago(folded):
        # A trigger's danger is never outweighed by a date alone; a detention of years ago
        # that ended in a deportation is told of ("lo pararon hace 3 años y ya no salió, lo
        # deportaron").
        return False
    year = (today or dt.date.today()).year
    past_year = any(int(y) < year for y in _YEAR.findall(folded))
    return bool(_LONG_AGO.search(folded) or past_year or plans and _NOT_NOW.search(folded))


def can_arrest(folded: str) -> bool:
    """Whether the police or immigration can arrest, asked or feared (``_CAN_ARREST``), with no
    word of danger or of someone lost in the rest of the message."""
    found = _CAN_ARREST.search(folded)
    if found is None:
        return False
    rest = f"{folded[:found.start()]} {folded[found.end():]}"
    return not (_DANGER_WORD.search(rest) or _LOST.search(rest))


def offer_if(folded: str) -> bool:
    """An offer on a condition of money (``_OFFER_IF``) with no release bought, nobody held,
    hurt or threatened, and no body in trouble beside it."""
    return bool(_OFFER_IF.search(folded)) and not any(
        r.search(folded) for r in (_RANSOM_IF, _HELD, _HURT, _BODY, _DANGER_IN_IT))


#: Where a sentence or a turn ends, for ``hypothetical``.
_TOLD_APART = re.compile(r"[.?!;,:\n]+|\b(?:pero|but|(?<!nan )men|y ahora|and now|epi kounye a)\b",
                         re.IGNORECASE)


def hypothetical(raw: str) -> bool:
    """A hypothetical told (``_WOULD``) with no word of danger now, of danger itself or of
    someone lost in any other sentence of the message, nor a word of now in its own."""
    pieces = [fold(p) for p in _TOLD_APART.split(raw) if p and p.strip()]
    asked = [p for p in pieces if _WOULD.search(p)]
    return bool(asked) and not any(_NOW.search(p) for p in asked) and not any(
        _DANGER_WORD.search(p) or _LOST.search(p) for p in pieces if p not in asked)


def nothing_happened(folded: str) -> bool:
    """An event denied as a whole (``_NOTHING``) and no word of danger or of someone lost in
    the message."""
    return bool(_NOTHING.search(folded)) and not _DANGER_WORD.search(folded) \
        and not _LOST.search(folded)


# Deported, told as done: "lo deportaron", "he got deported", "yo te depòte l".
_DEPORTED = re.compile(r"\b((lo|la|los|las|me|nos) deportaron|(was|were|got|been) deported"
                       r"|they deported (him|her|them|me|us)|(li|yo|m|mwen) te depote)\b")


def _deported_long_ago(folded: str) -> bool:
    """Years ago (``_LONG_AGO``) and a deportation told as the story's end, with nothing of
    danger after it (``_UNDONE``)."""
    return bool(_LONG_AGO.search(folded)) and any(
        not _UNDONE.search(folded, m.end()) for m in _DEPORTED.finditer(folded))


#: Where a sentence ends, for ``settled`` (a safe clause asked is not said).
_SENTENCE = re.compile(r"([.?!;,:\n]+)")


def settled(text: str) -> bool:
    """True when a clause of ``text`` says that the danger told before it is over or was none
    (``_SAFE_NOW``, ``_SAFE_CLAUSE``, ``_NORMAL``), not as a question, with nothing still going
    on before it (``_NOW`` but its words of time: "he came home this morning" is over) and no
    danger told after it (``_UNDONE``): "se habia ido a la presa y no avisaba, perdon por el
    susto"."""
    segments = _SENTENCE.split(text)
    folded = [fold(seg) for seg in segments[::2]]
    asked = ["?" in d for d in segments[1::2]] + [False]
    for n, segment in enumerate(folded):
        if asked[n]:
            continue
        for start, end in _safe_spans(segment):
            before = f"{' '.join(folded[:n])} {segment[:start]}"
            if _only_the_writer(segment[start:end], before):
                continue
            after = [segment[end:], *folded[n + 1:]]
            if not _UNDONE.search(" ".join(after)) and not any(
                    m.group(0) not in _TIME_WORDS for m in _NOW.finditer(before)) \
                    and not any(_GONE.search(piece) for piece in after):
                return True
    return False


#: Words of ``_NOW`` that say someone does not answer (a notary who took the money, too).
_NO_ANSWER = re.compile(r"no contesta|not answering|pa reponn|(won t|wont|doesn t|doesnt|hasn t"
                        r"|hasnt) (pick up|picked up|answer|answered)")
#: Words of ``_NOW`` that only date the story: before a safe clause they do not keep it going.
_TIME_WORDS = frozenset({"hoy", "today", "this morning", "esta manana", "tonight", "esta noche",
                         "jodi a"})


def _safe_spans(segment: str) -> list[tuple[int, int]]:
    """Where each safe clause of one folded sentence starts and ends."""
    spans = [m.span() for r in (_SAFE_NOW, _NORMAL) for m in r.finditer(segment)]
    start = 0
    for cut in [*_CLAUSE_END.finditer(segment), None]:
        stop = len(segment) if cut is None else cut.start()
        if _SAFE_CLAUSE.fullmatch(segment[start:stop].strip()):
            spans.append((start, stop))
        start = stop if cut is None else cut.end()
    return spans


# Let go, told in a later message of the conversation: "ok he just called, they let him go",
# "ya lo dejaron ir". (In a first message it may be one of two: "they let her go" while the
# father is still held; so it is read only as news about the danger told before, ``over``.)
_LET_GO = re.compile(
    r"\b((?<!no )(?<!nunca )(lo|la|los|las|me|nos) dejaron (ir|libres?|en libertad)"
    r"|(?<!didn t )(?<!didnt )(?<!won t )(?<!wont )(they|ice|police|cops|la migra) (let|released)"
    r" (him|her|them|me|us)( go| out)?)\b")
_STILL = re.compile(r"\b(still|todavia|aun|sigue|siguen|toujou|pero|but|men)\b")


def over(folded: str, raw: str) -> bool:
    """True when a later message says that the danger told before is over: a release, someone
    found or home, safe now (``_over``, ``_LET_GO``, ``settled``), with no danger, and nothing
    still going on, told after it."""
    let_go = any(not _UNDONE.search(folded, m.end()) and not _STILL.search(folded, m.end())
                 for m in _LET_GO.finditer(folded))
    return let_go or _over(folded) or settled(raw)


def out_of_jail(folded: str) -> bool:
    """True when the message tells that someone got out of jail or prison (issue 11dc: "mi
    hijo salió de la cárcel", "my son got out of jail", "yo lage pitit mwen nan prizon") and no
    danger after it (``_over``)."""
    return bool(_OUT_OF_JAIL_RE.search(folded)) and _over(folded)


def _over(folded: str) -> bool:
    """A release or a rescue told (``_OVER``) and no danger told after it (``_AGAIN``): "he
    texted he's safe, but then the men took his phone" is danger again. (Who was lost may be
    said after it: "ya encontraron a mi tio que estaba perdido en el monte".) Whether it can
    happen again, asked (``_CAN_AGAIN``, ``_ASKED_AGAIN``: "can they do that again?"), is no
    danger again."""
    for m in _OVER.finditer(folded):
        rest = _ASKED_AGAIN.sub(" ", _CAN_AGAIN.sub(" ", folded[m.end():]))
        if not (_AGAIN.search(rest) or _NOT_ALL.search(rest) or _MORE_ASKED.search(rest)
                or _only_the_writer(m.group(0), folded[:m.start()])):
            return True
    return False


# The writer safe, told after danger to someone else: "se llevaron a mi hermano unos hombres
# armados, yo ya estoy bien pero tengo miedo", "they took my brother, im ok but scared". The
# writer's own safety settles nothing of the other's.
_WRITER = re.compile(r"\b(estoy|im|i m|i am)\b|^((kounye a|kounyea|kounya) )?(m|mwen) ")
_KIN = (r"hermano|hermana|hermanos|hijo|hija|hijos|hijas|esposo|esposa|marido|mujer|mama|papa"
        r"|primo|prima|tio|tia|sobrino|sobrina|nieto|nieta|abuelo|abuela|novio|novia|amigo|amiga"
        r"|cunado|cunada|compa|compadre|brother|sister|son|daughter|kids|husband|wife|mom|mother"
        r"|dad|father|cousin|uncle|aunt|nephew|niece|grandson|granddaughter|boyfriend|girlfriend"
        r"|friend")
_KIN_EN = (r"son|daughter|brother|sister|husband|wife|kid|kids|child|children|mom|mother|dad"
           r"|father|cousin|nephew|niece|uncle|aunt|boy|girl|baby|boyfriend|girlfriend")
_SOMEONE = re.compile(
    rf"\b((mi|mis|my|su|sus|his|her|our|nuestro|nuestra) (\w+ )?({_KIN})"
    rf"|({_KIN_HT}) (m|mwen)"
    r"|(lo|la|los|las) (llevaron|agarraron|secuestraron|levantaron|tienen)"
    r"|(took|taken|kidnapped|grabbed|holding|have|got) (him|her|them))\b")


# Not everyone let go, told after a release: "nos dejaron salir pero a mi hijo no", "but not my
# son", "men pa pitit mwen". Danger still, for whoever stays.
_NOT_ALL = re.compile(
    rf"\b((pero|mas)( a| al)? (mi |mis |su |nuestro |nuestra )?({_KIN})( \w+)? (no|todavia no"
    rf"|aun no|sigue|siguen)|but not (my |his |her |our )?({_KIN})|men pa ({_KIN_HT})"
    # ... or someone kept: "but they kept my husband", "pero se quedaron con mi esposo", "men yo
    # kenbe mari m" (issue 11as).
    rf"|(pero|but|men) (they |ellos |yo )?(kept|still have|are (still )?holding|se quedaron con"
    rf"|(se )?dejaron a|kenbe)( a| al)? (mi |mis |my |his |her |our |su )?({_KIN}|{_KIN_HT}))\b")


# Money asked again after a release: "ya soltaron a mi esposo, ahora quieren que pague más por
# mi cuñado", "now they want more money", "kounye a yo mande plis kòb". A ransom still going on.
_MORE_ASKED = re.compile(
    r"\b((quieren|exigen|piden|pidieron) (que (les |le )?(pague\w*|mande\w*|deposite\w*) )?mas"
    r"|want\w* (us |me |him |her )?(to pay more|more money)|(mande|vle) plis (kob|lajan))\b")


def _only_the_writer(safe: str, before: str) -> bool:
    """True when a safe clause speaks of the writer alone ("ya estoy bien", "i'm ok") after
    danger told of someone else: it settles nothing."""
    return bool(_WRITER.search(safe)) and bool(_SOMEONE.search(before))


# Whether it can happen again, asked after a release (issue 11ao): "pueden volver a hacerlo?",
# "can they do that again?", "eske yo ka fè sa ankò?". A question of what may happen, not danger.
_CAN_AGAIN = re.compile(
    r"\b((pueden|puede|podrian|podria) (volver a )?(hacer(lo|nos|me|le)?( eso)?|detener(lo|la|nos"
    r"|me)?|parar(lo|la|nos|me)?|agarrar(lo|la|nos|me)?)( otra vez| de nuevo)?"
    r"|(can|could|will|would) (they|the police|ice|immigration|the cops) (do (that|this|it)"
    r"|stop|detain|arrest|hold|pick up)( \w+)?( again)?"
    r"|(eske|eski|es ke)? ?(yo|lapolis|polis|imigrasyon) (ka|kapab|gen dwa|ta ka) (fe sa|fe l"
    r"|kenbe|arete|bloke)( \w+)?( anko)?)\b")


#: "Again" only asked of what could happen, after a release told: "men yo te lage nou, eske yo
#: ka fe sa anko?", "they let us go, can they do that again?", "¿pueden hacerlo otra vez?"
#: (issue 11ap). Not a danger told again ("they took him again").
_ASKED_AGAIN = re.compile(
    r"\b(eske|(can|could) (they|he|she|ice|immigration|the police|cops)"
    r"|(?<!que )(?<!q )(lo|la|los|las|nos|me) (pueden|puede|podrian)|se puede)"
    r"( \w+){0,4} (again|anko|otra vez|de nuevo)\b")


# A death told, already happened: "se cayo de un andamio y ya no desperto, fallecio en el
# hospital" is the death topic, not danger now (issue 11ac). Not in ``over``: a death is no
# scare over. (Not a phone's: "before his phone died".)
_DIED = re.compile(r"\b(?<!phone )(?<!battery )(?<!cel )(?<!celular )(?<!pila )"
                   r"(fallecio|fallecieron|murio|murieron|perdio la vida|perdieron la vida"
                   r"|died|passed away|lost (his|her|their) life|(li|yo) (te )?mouri"
                   # ... a killing told as done: "a mi primo lo mataron en un asalto el sabado",
                   # "my cousin was killed in a robbery", "yo te touye kouzen m" (issue 11ap).
                   r"|(?<!me )(?<!nos )(?<!te )(?<!casi )(lo|la|los|las) mataron"
                   r"|mataron a (mi|su|nuestr[oa]|un|una)"
                   r"|(was|were|got) (killed|murdered|shot dead)"
                   # (Kreyòl with its past marker: "sinon yo touye frè m" is a threat.)
                   r"|yo te touye (l|li|kouzen|fre|se|pitit)"
                   r")\b")


#: ... someone else still caught or badly hurt beside it: "mi tio ya fallecio en el lugar y mi
#: primo esta prensado entre los fierros".
_CAUGHT = re.compile(r"\b(prensad[oa]s?|atrapad[oa]s?|trapped|pinned|stuck|kwense|grave|critical"
                     r"|muy mal|entubad[oa]|intubated|lastimad[oa]s?|herid[oa]s?|injured|hurt"
                     r"|blese)\b")


def _died(folded: str) -> bool:
    """A death told (``_DIED``) with no danger, no one lost, hurt or caught, told before or after
    it (``_UNDONE``, ``_CAUGHT``): "esta tirado en el desierto ..., ademas otro fallecio" is
    danger now."""
    return not _CAUGHT.search(folded) and any(
        not _UNDONE.search(folded, m.end()) and not _UNDONE.search(folded[:m.start()])
        for m in _DIED.finditer(folded))


def _fled(raw: str) -> bool:
    """Fled a country because of a danger (``_FLED``), with no danger told in a clause after the
    one that says why."""
    pieces = [fold(p) for p in _CLAUSE_END.split(raw) if p]
    at = next((n for n, p in enumerate(pieces) if _FLED.search(p)), None)
    return at is not None and not any(
        _AGAIN.search(p) or _FOLLOWED.search(p) for p in pieces[at + 1:])


# Someone not heard of, and why: "pa ekri m depi 2 jou men li te di m telefòn li kase", "hasn't
# texted since yesterday but he's working a double", "no ha subido nada ... por audio dice q esta
# bien" (issue 11ag). An absence with its reason told is no one missing, unless the message
# tells of anything of danger (``_absence_explained``).
_ABSENT = re.compile(
    r"\b(no (me |nos |le |les )?(ha |han )?(contest\w*|llama\w*|escrib\w*|escrito|subido|marca\w*)"
    r"|no se ha comunicado|(hasn t|hasnt|has not|didn t|didnt|haven t|havent) (called|texted"
    r"|answered|written|posted|picked up|heard)|not (answering|picking up)"
    r"|pa (ekri|rele|reponn|voye mesaj|tande))\b")
_REASON = re.compile(
    r"\b((se le|se me|se nos|se les) (rompio|descompuso|perdio|mojo|cayo|descargo) (el |su |mi )?"
    r"(cel|celular|telefono)|(su|el) (cel|celular|telefono) (esta )?(roto|descompuesto|sin pila)"
    r"|(her|his|their|my|the) phone (broke|is broken|got broken|died|got stolen|fell)"
    r"|telefon (li|l|yo) (kase|pedi|gate)|(esta|anda|andan|estan|estaba|andaba|estaban)"
    r" (trabajando|en el trabajo"
    r"|en la obra|en el jale)|sin senal|no (hay|tiene|agarra) senal|no signal|no service"
    r"|pa gen (rezo|siyal)|(he s|she s|hes|shes) (working|at work)|working a double"
    r"|(li|l) (nan|ap) travay|dice (q|que) (esta|anda) bien|says (he s|she s|hes|shes|he is|she is)"
    r" (fine|ok|okay)|di (li|l) (byen|anfom))\b")


# Someone not here, said of a relative (issue 11ax): "mi hermano no está", "my brother isnt
# here", "frè m pa la". After a danger told ("nos perdimos en el desierto pero estoy bien, mi
# hermano no esta") someone is still missing: no safe clause before it settles the danger
# (``settled``). Said with where they went or a call asked for later ("mi hermano no está,
# salió a trabajar, ¿a qué hora abren?", "my brother isnt here right now, can i call later?")
# and nothing of danger, it is no one missing (``_absence_explained``). Not "no está casado",
# "no está bien" or "no está trabajando": a state, not an absence.
_GONE = re.compile(
    rf"\b((mi|mis|nuestro|nuestra|nuestros|nuestras|su|sus) (\w+ )?({_KIN}|{_KIN_EN}"
    r"|companeros?|companeras?|bebe|nino|nina|ninos|ninas) (no|ya no|todavia no|aun no)"
    r" (esta|estan|viene|vienen|vino|vinieron)(?! (bien|mal|\w+(ado|ada|ados|adas|ido|ida|idos"
    r"|idas|ando|iendo)|content[oa]s?|segur[oa]s?|enferm[oa]s?|list[oa]s?|de acuerdo|feliz)\b)"
    rf"|(my|our|his|her) (\w+ )?({_KIN_EN}|friend|friends|buddy) (isn t|isnt|is not|s not"
    r"|aren t|arent|are not|re not|wasn t|wasnt|was not|weren t|werent) (here|with (us|me|them)"
    r"|around|anywhere)"
    rf"|(my|our) (\w+ )?({_KIN_EN}) (is|s|are|re) (gone|nowhere)"
    rf"|({_KIN_HT}|zanmi) (m|mwen|nou) pa (la|avek (m|mwen|nou)|ave (m|mwen|nou)|ak (m|mwen|nou)"
    r"|paret))\b")
#: ... where they went: "salió a trabajar", "went to work", "li al travay".
_OUT_FOR = re.compile(
    r"\b((salio|salieron|se fue|se fueron|fue|fueron|anda|andan) (a|al|a la|de) (trabajar"
    r"|trabajo|jale|chamba|la tienda|tienda|comprar|mandado|mandados|la escuela|escuela|misa"
    r"|la iglesia|iglesia|mercado|tianguis|la obra|obra)"
    r"|(went|gone|left) (to|for) (work|the store|school|church|the market|the shop|buy)"
    r"|(is|s|are|re) (at|in) (work|school|church|the store)"
    r"|(li|l|yo) (al|ale|soti al|nan|ap) (travay|lekol|mache|legliz|magazen|boutik))\b")
#: ... or a call or a visit asked for later, the office's hours.
_LATER = re.compile(
    r"\b((puedo|podemos|podria|le|les|lo|la|te) (volver a )?(llamar|marcar|escribir|hablar)\w*"
    r"( \w+)? (mas tarde|luego|despues|otro dia|manana)|a que hora (abren|cierran|atienden)"
    r"|cuando abren|(can|could|may) (i|we) (call|text|write|come|try)( you)?( back| again)?"
    r" (later|tomorrow|another time)|call (you )?(back )?later|what time (do you|you) open"
    r"|(m|mwen|nou) (ka|kapab) (rele|ekri)( nou| ou)? (pita|demen)|rele pita"
    r"|ki le (nou|ou) (louvri|ouvri))\b")
#: ... and no time gone by: "desde ayer", "3 days", "depi yè" make someone missing.
_SINCE = re.compile(r"\b(desde|since|depi|dias|days|jou|horas|hours|anoche|last night|ayer"
                    r"|yesterday|ye|semanas|weeks|no sabemos|no se donde|dont know where"
                    r"|don t know where|pa konn)\b")
#: Words of ``_NOW`` that only say "not here now" beside an absence.
_AWAY_NOW = frozenset({"ahorita", "ahora mismo", "right now"})
#: ... and all that may stand beside it: anything else ("... y escuché balazos", "... y lo
#: atropellaron", "... se cayó del andamio") leaves the message to the other checks.
_AWAY_REST = frozenset(
    "ahorita ahora mismo por el momento pero y o es que hola buenas buenos dias tardes noches "
    "gracias porfa por favor oiga disculpe perdon este el ella se su sus mi mis de a la al q ok "
    "bueno entonces ya right now at the moment but and or so hi hello thanks thank you please "
    "sorry he she they s is it its ok okay well then just li l yo bonjou bonswa mesi tanpri men "
    "epi e ak kounye kounya pou"
    .split())


def _away(folded: str) -> bool:
    """Someone not here (``_GONE``), with where they went or a later call asked (``_OUT_FOR``,
    ``_LATER``), no time gone by (``_SINCE``), of the words of now only "right now", and
    nothing else but a greeting, a thank-you or who (``_AWAY_REST``)."""
    if not (_GONE.search(folded) and (_OUT_FOR.search(folded) or _LATER.search(folded))):
        return False
    rest = _LATER.sub(" ", _OUT_FOR.sub(" ", _GONE.sub(" ", folded)))
    return not _SINCE.search(folded) and not _ABSENT.search(folded) \
        and all(m.group(0) in _AWAY_NOW for m in _NOW.finditer(folded)) \
        and set(rest.split()) <= _AWAY_REST


def _absence_explained(folded: str) -> bool:
    """Someone not heard of (``_ABSENT``) with the reason told (``_REASON``), or not here and
    away for now (``_away``), and nothing of danger in the message: no blow, threat, hold,
    body in trouble or person lost."""
    return (bool(_ABSENT.search(folded)) and bool(_REASON.search(folded)) or _away(folded)) \
        and not any(r.search(folded) for r in (_HURT, _HELD, _BODY, _LOST, _THREAT,
                                               _DANGER_IN_IT))


def _only_a_fraud_or_a_job(folded: str) -> bool:
    """A service paid that never came (``_PAID_SCAM``) or a job that binds (``_WORK_BOUND``),
    with nothing else of danger in the message: no one held, hurt, lost or threatened."""
    found = _PAID_SCAM.search(folded) or _WORK_BOUND.search(folded)
    if found is None:
        return False
    rest = f"{folded[:found.start()]} {folded[found.end():]}"
    # Of the words of danger now, only the notary's silence and a date may stand beside it.
    return not any(r.search(rest) for r in (_HURT, _HELD, _BODY, _LOST, _THREAT, _DANGER_IN_IT)) \
        and all(m.group(0) in _TIME_WORDS or _NO_ANSWER.fullmatch(m.group(0))
                for m in _NOW.finditer(rest))


def _nothing_else(rest: str) -> bool:
    """No blow, hold, body in trouble, person lost, threat or danger in ``rest``, and of the
    words of danger now only its words of time."""
    return not any(r.search(rest) for r in (_HURT, _HELD, _BODY, _LOST, _THREAT, _DANGER_IN_IT,
                                            _HARM_TO_PERSON, _ROBBED)) \
        and all(m.group(0) in _TIME_WORDS for m in _NOW.finditer(rest))


#: Robbed, shot at (``_nothing_else``): "me fui del trabajo y en el camino me asaltaron".
_ROBBED = re.compile(r"\b(asalt\w*|atrac\w*|rob|robbed|robbing|mugged|vole|volo|dispar\w*|balaz\w*"
                     r"|balacera|shot|shooting|tire sou)\b")


def _job_left(folded: str) -> bool:
    """A job already left (``_JOB_LEFT``) and nothing else of danger in the message."""
    found = _JOB_LEFT.search(folded)
    return found is not None and _nothing_else(f"{folded[:found.start()]} {folded[found.end():]}")


def _evicted(folded: str) -> bool:
    """An eviction told (``_EVICTED``) and nothing else of danger in the message."""
    found = _EVICTED.search(folded)
    # The rent's deposit is no ransom deposited (``_THREAT``).
    return found is not None and _nothing_else(_RENT_DEPOSIT.sub(
        " ", f"{folded[:found.start()]} {folded[found.end():]}"))


_RENT_DEPOSIT = re.compile(r"\b(el|the|our|my|su|mi|nuestro|security|kob) (deposito|deposit"
                           r"|depo)\b")


# Hardship told, and no danger (issue 11bo): money no longer sent ("mi esposo está en chicago y
# ya no me manda dinero", "my husband stopped sending money", "mari m pa voye kòb ankò") or none
# for food or the rent ("i can't pay rent and my kids are hungry"). The classifier read someone
# who no longer sends money as an emergency (0.23-0.74, beside remittances), and the person got
# the 911 block and an urgent case. In need, not in danger: what this chat cannot do, the
# contacts, the 911 line and a person offered (``bot.flow.miss``, ``need_now``). Someone who no
# longer sends is said by name ("he", "my husband", "mari m"), never "si no manda" or "don't
# send money" (a condition, an advice). Anything of danger beside it (no answer for days, a
# detention, a threat, money asked, someone lost or crossing, no news) leaves the message to
# the other checks (``hardship``).
_NOT_SENT = re.compile(
    r"\b((?<!si )(ya )?no (me |nos |le |les |te )?(manda|mandan|envia|envian|deposita|depositan"
    r"|da|dan|(ha|han) (mandado|enviado|depositado|dado))"
    r"|dej(o|aron|a|an) de (mandar|enviar|depositar|dar)(me|nos|le|les)?)"
    r"( (ni|un|una|el|nada de))* (dinero|lana|feria|varo|remesas?|gasto|dolares|peso|centavo)"
    r"( ya)?\b"
    rf"|\b(?<!if )({_KIN_EN}|he|she|they|family|nobody|no one)( \w+){{0,4}}? ((stopped|quit)"
    r" (sending|giving|wiring|depositing)|(doesn t|doesnt|does not|hasn t|hasnt|has not|won t"
    r"|wont|will not|can t|cant|cannot|isn t|isnt|no longer|never)( even)? (send|sends|sent"
    r"|sending|give|gives|given|giving|wire|wires|wired))( (me|us|her|him|them|home))?"
    r"( (any|a|one))? (money|cash|dime|penny|remittances?)( anymore| any more)?\b"
    rf"|\b(?<!si )({_KIN_HT}|li|l|fanmi)( \w+){{0,3}}? (pa|sispann|pa janm|pa ka|p ap)"
    r" (voye|ba|bay|ban)( (m|mwen|nou))? (kob|lajan|dola)( (pou|ban|ba|bay) (m|mwen|nou))?"
    r"( anko)?\b")
# A child not eaten since a while (issue 11dd): "mi niño no ha comido desde ayer", "my kid
# hasn't eaten since yesterday", "pitit mwen pa manje depi yè" got "no entendí", the transit
# answer or an urgent case, as the classifier guessed. With nothing of illness, danger or a
# journey beside it, in need and not in danger, like "my kids are hungry" (``_NO_MEANS``); a
# child ill, not waking or not breathing beside it (``_HIDING_OR_ILL``, ``_BODY``) is left to
# the other checks, and a child who "no quiere comer" (picky, or ill) is no hunger told.
_CHILD = (r"((mi|mis|el|la|los|las|nuestro|nuestra|nuestros|nuestras|my|our|the) )?"
          r"(nin[oa]s?|ninit[oa]s?|hij[oa]s?|hijit[oa]s?|bebes?|nen[ea]s?|chamac[oa]s?|morr[oa]s?"
          r"|kids?|sons?|daughters?|child|children|baby|babies|toddlers?|little ones?)"
          r"|(pitit|bebe)( (gason|fi))? (m|mwen|nou)( yo)?|timoun (m |mwen |nou )?yo")
_CHILD_NOT_EATEN = (
    rf"({_CHILD}) ((no|nada|tampoco) (ha|han) (comido|probado (alimento|bocado))"
    r"|no (come|comen|comio|comieron)"
    r"|(hasn t|hasnt|has not|haven t|havent|have not|didn t|didnt|did not) (eaten|eat|had"
    r" (any )?food|had anything to eat)|(pa|poko|pa t) manje)"
    r"( (nada|anything|anyen))? (desde|hace|en|since|for|in|all|depi|pou|gen|hoy|today|jodi a)")
_NO_MEANS = re.compile(
    r"\b(no (tenemos|tengo|tiene|tienen|me alcanza|nos alcanza|alcanza)( (ni|dinero|lana))*"
    r" (para|pa|pal) (comer|la comida|la renta|pagar la renta|el gasto|la luz)"
    r"|(can t|cant|cannot|can not|couldn t|couldnt) (afford|pay)( for)? (the |our |my )?(rent"
    r"|food|groceries|bills)|(no|any) money (for|to pay|to buy) (the |our )?(rent|food|groceries"
    r"|bills)|(kids|children|we|they|family) (are|re) hungry"
    r"|(pa gen|san) (kob|lajan)( pou (m|nou))? (pou )?(manje|peye kay|peye lwaye|lwaye)"
    r"|(pa ka|pa kapab) peye (kay|lwaye|lajan kay)|(timoun yo|pitit (m|mwen)|nou) grangou"
    # Nothing to eat (issue 11ch): "no tengo nada que comer", "we have no food", "m pa gen anyen
    # pou m manje"; never "no tengo nada que ponerme".
    r"|no (tengo|tenemos|tiene|tienen|hay)( nada)? (que|q|de) comer"
    r"|(have|has|got|ve got) (nothing|no food|no more food)( left)? to eat"
    r"|(have|has|got|ve got) no (more )?food|(don t|dont|do not|doesn t|does not) have (any )?food"
    r"|(m|mwen|nou|n) pa gen (anyen )?(pou (m|mwen|nou|n) )?manje"
    # A child not eaten since a while (issue 11dd, ``_CHILD_NOT_EATEN``).
    rf"|{_CHILD_NOT_EATEN})\b")
#: ... and beside it, no news of someone, a fear for them, a hospital, no water (a journey), nor
#: "nothing" sent (no money, or no word at all?).
_NO_NEWS = re.compile(
    r"\b(sin (comunicarse|saber|noticias)|no (sabemos|se|hemos sabido|he sabido) (nada )?de"
    r"|(algo|something|yon bagay) (\w+ )?(paso|pasado|happened|rive)|miedo|preocup\w*|worried"
    r"|scared|afraid|(m|mwen) pe|enkyet\w*|hospital\w*|lopital|clinica|clinic"
    r"|(haven t|havent|have not|hasn t|hasnt|has not) heard|no (word|news) from"
    r"|pa (gen|tande) nouvel|pa konn anyen|agua|water|dlo"
    r"|(manda|mandan|envia|envian) nada|(sends|sent) nothing|voye anyen)\b")


#: What a hardship told is read as (``review`` rewrites a message read as one of the first
#: three): an emergency, remittances, an unsubscribe ("mari m sispann voye lajan ban m"), transit
#: ("we have no food"), a request this chat cannot do; none of them a question of its own.
_HARDSHIP_READ_AS = (EMERGENCY, REMITTANCES, "stop")
_HARDSHIP_READS = frozenset({*_HARDSHIP_READ_AS, "transit", "cannot_do"})
#: The words beside a hardship that may ask of remittances after all ("..., how does the card
#: work?").
_ASKED_MIN_WORDS = 3


def _in_need(analysis: Analysis, keep: str | None = None) -> Analysis:
    """``analysis`` with no emergency nor any reading of a hardship told (``_HARDSHIP_READS``)
    but ``keep``: another topic asked beside it answers, else nothing does and the person in
    need gets what this chat cannot do and a person offered (``bot.flow.miss``)."""
    findings = tuple(f for f in analysis.findings
                     if f.intent not in _HARDSHIP_READS or f.intent == keep)
    first = findings[0] if findings else None
    return dataclasses.replace(analysis, findings=findings, match=dataclasses.replace(
        analysis.match, intent=first.intent if first else None,
        score=first.score if first else 0.0, trigger=None,
        reason=f"{analysis.match.reason}; a hardship told, not danger now"))


def _beside_hardship(folded: str) -> str | None:
    """The words of ``folded`` beside its hardship told (``_NOT_SENT``, ``_NO_MEANS``), or None
    when it tells of none."""
    spans = [m.span() for r in (_NOT_SENT, _NO_MEANS) for m in r.finditer(folded)]
    if not spans:
        return None
    rest = folded
    for start, end in spans:
        rest = f"{rest[:start]}{' ' * (end - start)}{rest[end:]}"
    return " ".join(rest.split())


def hardship(folded: str) -> bool:
    """True when the message tells of money no longer sent or none for food or the rent
    (``_NOT_SENT``, ``_NO_MEANS``), and of nothing of danger beside it: in need, not in danger."""
    rest = _beside_hardship(folded)
    return rest is not None and _nothing_else(rest) and not any(r.search(rest) for r in (
        _ABSENT, _LAST_HEARD, _NO_NEWS, _MIGRA, _ACROSS_WORD, _MONEY_ASKED, _UNPAID, _DIED,
        _SEIZED, _UNWELL_OR_KEPT, _GONE, _HIDING_OR_ILL)) \
        and not (extortion(folded) or held_for_money(folded) or hurt_now(folded))


#: ... nor hiding, or someone ill beside it: "nou pa gen manje pou 4 jou, pitit mwen endispoze,
#: nou kache anba yon pon" (issue 11ch).
_HIDING_OR_ILL = re.compile(
    r"\b(kache|escondid[oa]s?|hiding|endispoze|malad|enferm[oa]s?|sick"
    # ... or a child with fever, not waking, weak or limp beside a child not eaten (issue 11dd).
    r"|calentura|fiebre|fever|lafyev|fyev|despierta|despertar|wake|waking|awake|reveye|leve"
    r"|debil|weak|feb|mareado|dizzy|tet vire|desnutrid\w*|deshidratad\w*|dehydrated)\b")


def hardship_only(folded: str) -> bool:
    """True when the message tells of a hardship (``hardship``) and beside it only who, "and"
    or words of time (``_NOT_EATEN_REST``): nothing of passing through (issue 11ch)."""
    rest = _beside_hardship(folded)
    return rest is not None and hardship(folded) \
        and all(w in _NOT_EATEN_REST or w.isdigit() for w in rest.split())


# A household bill or service asked help with, or to pay (issue 11cc): "ayuda con la luz y el
# agua por favor", "help with my water bill", "èd pou peye kouran ak dlo"; cut off too ("nos
# cortaron el agua"). The classifier and the alarm model read the water as a journey's ("no
# tenemos agua", "se está ahogando": 0.45-0.93) and the person got the 911 block and an urgent
# case, while "ayuda para pagar la luz" got the honest answer: support the sources never name
# (``bot.scope.unnamed_support``). Only the words of asking and of who may stand beside it
# (``_BILLS_REST``): "nos cortaron la luz y hay un hombre armado afuera", "the water is rising
# in the house" and "no tengo agua" (no bill asked) keep the emergency.
_SERVICE = (r"(luz|agua|gas|electricidad|light|water|electric|electricity|power|utility|utilities"
            r"|kouran|dlo|limye|elektrisite)")
_ONE_BILL = (r"((el|la|los|las|mi|mis|su|sus|nuestro|nuestra|my|the|our|a) )?"
             r"(((recibos?|cuentas?|pagos?|bills?|bodwo|fakti)( (de|del|la|of|for|the|pou))* )?"
             rf"{_SERVICE}( (bills?|recibos?))?|bills|bodwo|fakti|renta|rent|lwaye)")
_HELP_ASKED = r"(ayud\w*|apoy\w*|help\w*|ed|ede|asistencia|assistance)( (m|me|mwen|nou|us|nos))?"
_FOR = r"(con|para|pa|pal|with|w|for|pou|on)"
_PAY = r"(pagar|pago|pay|paying|peye)"
_CUT = r"(cortaron|corto|cortar|quitaron|cut off|shut off|turned off|koupe)"
#: Help asked with it ("ayuda con", "help paying", "ede m peye"), paid or cut off ...
_ASKED_OR_CUT = (rf"({_HELP_ASKED}( {_FOR})+( (a |to )?{_PAY})?|{_HELP_ASKED}( {_FOR})*( (a|to))?"
                 rf" {_PAY}|{_PAY}|{_CUT})")
#: ... of one bill or more ("la luz y el agua", "rent and utilities", "kouran ak dlo").
_BILLS = re.compile(
    rf"\b{_ASKED_OR_CUT} {_ONE_BILL}(( (y|e|ni|o|and|or|ak|epi|oswa))+ {_ONE_BILL})*\b")
#: ... and the words that may stand beside it: who, asking, can, please, a greeting.
_BILLS_REST = frozenset(
    "yo i we m mwen nou n me nos my mi our ustedes you u yall they ellos yo li "
    "necesito necesitamos ocupo ocupamos ocupa quiero queremos queria quisiera pido busco "
    "need needs want would like bezwen vle "
    "puede pueden podrian podria puedo podemos can could may ka kapab "
    "no not pa cant can t cannot t "
    "hay tienen dan dar give there is are some any algo alguna algun un una yon ti "
    "van va a ir to going al de del la el los las the "
    "con para with for pou y and e ak o or por favor porfa porfavor pls plis please tanpri "
    "hola buenas buenos dias tardes noches hi hello hey bonjou bonswa oiga disculpe "
    "gracias thanks thank mesi ya es que is it".split())


def bills_only(folded: str) -> bool:
    """True when the message asks help with a household bill or service, or to pay it, or
    says it was cut off (``_BILLS``), and nothing else but the words of ``_BILLS_REST``."""
    spans = [m.span() for m in _BILLS.finditer(folded)]
    if not spans:
        return False
    rest = folded
    for start, end in spans:
        rest = f"{rest[:start]}{' ' * (end - start)}{rest[end:]}"
    return set(rest.split()) <= _BILLS_REST


# Not eaten since a while, said of oneself (issue 11cc): "i stopped eating since yesterday"
# read as an emergency (0.39, 0.45 with "i've"), while "i havent eaten since yesterday",
# "dejé de comer desde ayer" and "sispann manje depi yè" got the answer of someone passing
# through (``bot.commands.not_eaten``, issue 11bn). With only words of time beside it
# (``_NOT_EATEN_REST``) it is in need, not in danger; said of a child ("my kid hasn't eaten
# in 3 days"), with a body in trouble ("... and i feel dizzy") or a cry for help beside it, the
# other checks decide.
_NOT_EATEN_REST = frozenset(
    "ayer antier anteayer anoche hoy el la lunes martes miercoles jueves viernes sabado domingo "
    "manana noche tarde dia dias hora horas semana un una dos tres cuatro cinco todo "
    "yesterday today last night morning this the day days hour hours week a couple of one two "
    "three four five monday tuesday wednesday thursday friday saturday sunday ago "
    "ye maten swa jodi a de twa kat senk jou le semen lendi madi mekredi jedi vandredi samdi "
    "dimanch "
    "ya todavia aun nada still yet nothing anything anyen poko "
    "yo nosotros i we m mwen nou y and e ak pero but men hola hi hello bonjou".split())


# What a need told is of (issue 11dd): food ("no tengo nada que comer", "my kid hasn't eaten"),
# else a bill or the rent ("no puedo pagar la renta", "nos cortaron la luz"), else money: the
# answer says what this chat cannot send in the words of what is missing.
_FOOD_WORDS = re.compile(r"\b(comer|comida|comido|hambre|alimentos?|despensa|food|eat|eaten|eating"
                         r"|hungry|groceries|manje|grangou)\b")
_BILL_WORDS = re.compile(r"\b(renta|rent|luz|agua|gas|electricidad|recibos?|bills?|utilities"
                         r"|electricity|electric|power|water|lwaye|kouran|dlo|limye|fakti|bodwo)\b")


def need_of(folded: str) -> str:
    """What the need told in ``folded`` is of: "food" (``_FOOD_WORDS``), "bills"
    (``_BILL_WORDS``) or "money"."""
    if _FOOD_WORDS.search(folded):
        return "food"
    return "bills" if _BILL_WORDS.search(folded) else "money"


_CHILD_NOT_EATEN_RE = re.compile(rf"\b({_CHILD_NOT_EATEN})\b")


def child_not_eaten(folded: str) -> bool:
    """True when the message tells of a child not eaten since a while (``_CHILD_NOT_EATEN``)
    and of no danger beside it (``hardship``)."""
    return _CHILD_NOT_EATEN_RE.search(folded) is not None and hardship(folded)


def not_eaten_only(folded: str) -> bool:
    """True when the one writing says they have not eaten since a while
    (``bot.commands.not_eaten``) and nothing else but words of time (``_NOT_EATEN_REST``)."""
    rest = commands.beside_not_eaten(folded)
    return rest is not None and all(w in _NOT_EATEN_REST or w.isdigit() for w in rest.split())


def _not_allowed_out(folded: str) -> bool:
    """A parent's no to going out for fun (``_NOT_ALLOWED_OUT``) and nothing else of danger."""
    found = _NOT_ALLOWED_OUT.search(folded)
    return found is not None and _nothing_else(f"{folded[:found.start()]} {folded[found.end():]}")


def extortion(folded: str) -> bool:
    """A threat of harm to a person, or an authority's threat, on the condition of money not
    paid (``_UNPAID``, ``_HARM_TO_PERSON``), or money asked "or else" (``_OR_ELSE``): extortion
    now (issues 11ap, 11at)."""
    return bool(_UNPAID.search(folded)) and bool(_HARM_TO_PERSON.search(folded)) \
        or bool(_OR_ELSE.search(folded))


#: Money asked, "or" someone comes (issue 11at): "ahora son 20 mil mas o va a la casa", "5000 by
#: friday or they come for the kids", "3000 dola sinon yo pral vin lakay la".
_OR_ELSE = re.compile(
    rf"\b{_MONEY}( \w+){{0,4}} (o|or|sinon|osinon|oswa) (si no )?(va|van|viene|vienen"
    r"|he ll|hell|he will|they ll|theyll|they will|they re coming|he s coming|yo (ap|pral|va)"
    r"|li (ap|pral|va)|l (ap|pral|va)) (a ir )?(a la casa|a tu casa|a su casa|por (el"
    r"|ella|ellos|mi|ti|usted|nosotros|los ninos|la nina|el nino)|come|show up|go to (the|your"
    r"|our|my) (house|home)|vin|vini|ale lakay)\b")
#: Someone held by whoever asks money (issue 11at): a person "in their hands" or said to be had,
#: and money asked anywhere in the message: "now he says he has her son in reynosa and wants
#: more", "yon moun rele m di l nan men yo ... e pou m voye 1500 dola", "esta en manos de unos
#: tipos y piden 3 mil". A ransom, whatever else the message asks (a fraud paid before it).
_HELD_BY = re.compile(
    # Not God's, the doctors' or a lawyer's hands: "esta en manos de dios, piden 3 mil pal funeral".
    r"\b((en|entre) sus manos|((en|entre) las manos|en manos) de(?! (dios|diosito|los (medicos"
    r"|doctores)"
    r"|(un |el |la |su )?abogad\w*))|in their hands|in the hands of(?! (god|the doctors|a lawyer"
    r"|the lawyer))|nan men (yo|gang"
    r"|bandi|moun sa yo|neg sa yo|kidnape\w*)"
    r"|(says|said|claims|claimed|told (me|us|her|him)) (that )?(he|they|she) (has|have|got|s got"
    r"|is holding|are holding|s holding|re holding) (my|her|his|our|their|your) (\w+ )?(" + _KIN_EN
    + r")"
    r"|(di|te di) (yo|li|l) (gen|kenbe) (" + _KIN_HT + r"))\b")
_MONEY_ASKED = re.compile(
    r"\b((want|wants|wanted|asking|asks|asked|demand\w*) (\w+ ){0,2}(more|money|cash|\d+)"
    r"|pid\w*|pide|piden|quieren (mas|dinero|\d+)|rescate|ransom|ranson|deposit\w*"
    r"|(voye|peye|mande|ba yo|bay yo) (\w+ ){0,2}(\d+|kob|lajan|dola)"
    r"|\d+ (dola|dolares|dollars|mil|pesos|usd))\b")


#: Who is held: a relative named, or "lo/la tienen", "he's", "she's" ("mi caso esta en sus manos
#: y piden 500 mas" is a case in a notary's hands, no one held).
_HELD_ONE = re.compile(rf"\b({_KIN}|{_KIN_EN}|{_KIN_HT}|neve|nyes|timoun|ti gason|ti fi|bebe"
                       r"|(lo|la|los|las) tienen|he s|hes|she s|shes|they re|theyre|li|l)\b")


def held_for_money(folded: str) -> bool:
    """Someone held (``_HELD_BY``, ``_HELD_ONE``) and money asked (``_MONEY_ASKED``): a ransom
    now."""
    return bool(_HELD_BY.search(folded)) and bool(_MONEY_ASKED.search(folded)) \
        and bool(_HELD_ONE.search(folded))


# -- The one paid for an offer (issue 11bd) --------------------------------------------------
# Money given for a fake offer, and then the one paid does not answer or blocks the writer: "ya
# les pagué y ya no me contestan", "i already sent 500 and they stopped answering", "he blocked
# me", "li pa reponn mwen ankò". That silence is the fraud itself, not danger: the classifier
# and the alarm model, trained on "mi hijo no contesta", read it as a person missing. Only in a
# conversation about a fraud (``bot.crossing.after_fraud_warning``) is the one not answering
# known to be the one paid; and never when a relative is named: then the one not answering may
# be that relative ("mi hijo no contesta desde ayer", "ya pagué y mi hermano no contesta"), a
# person missing.
#: The one paid not answering any more, or blocking the writer.
_PAYEE_SILENT = re.compile(
    r"\b((ya )?no (me |nos )?(contesta|contestan|responde|responden|contesto|contestaron"
    r"|respondio|respondieron|ha contestado|han contestado|ha respondido|han respondido)"
    r"|(me|nos) (bloqueo|bloquearon|dejo en visto|dejaron en visto)"
    r"|(stopped|quit|stop) (answering|responding|replying|picking up)( me| us)?"
    r"|(won t|wont|don t|dont|doesn t|doesnt|didn t|didnt) (answer|respond|reply|pick up)"
    r"( me| us)?( anymore| any more)?"
    r"|(not|aren t|arent|isn t|isnt) (answering|responding|replying|picking up)( me| us)?"
    r"( anymore| any more)?|(blocked|ghosted) (me|us)"
    r"|pa (reponn|pran telefon)( (m|mwen|nou))?( anko)?|bloke (m|mwen|nou))\b")
#: The words for a relative, in Spanish, English and Kreyòl.
KIN_WORDS = frozenset(f"{_KIN}|{_KIN_EN}|{_KIN_HT}".split("|"))
#: A relative named: "mi hijo", "my brother", "frè m", "pitit mwen".
_RELATIVE_NAMED = re.compile(
    rf"\b((my|mi|mis|his|her|su|sus|our|nuestr[oa]s?|tu|tus|your|el|la|los|las|the|a) ({_KIN}"
    rf"|{_KIN_EN})|({_KIN_HT}) (m|mwen|li|l|nou|yo))\b")


def without_payee_silence(folded: str) -> str:
    """``folded`` with the silence of the one paid for an offer taken out (``_PAYEE_SILENT``):
    in a conversation about a fraud, "ya no me contestan" is the fraud, not a person missing.
    Unchanged when a relative is named (``_RELATIVE_NAMED``): the one not answering may be
    that relative."""
    if _RELATIVE_NAMED.search(folded):
        return folded
    return _PAYEE_SILENT.sub(" ", folded)


#: Hurt now at work or on the road (issue 11at): a grave injury ("lo aplasto una vaca", "run
#: over", "electrocuted", "kraze") told with today, or any injury (a fall, a burn) with care
#: out of reach ("el patron no quiere q vaya al doctor", "nadie me dice a q hospital", "they
#: took him by helicopter"). A scrape or a "little" fever is not (``_MILD``).
_GRAVE_INJURY = re.compile(
    r"\b(aplast\w*|atropell\w*|electrocut\w*|prensad[oa]s?|crushed|run over|ran over|trampled"
    r"|(got|was|been) hit by (a |the )?(car|truck|train|machine)|kraze|machin (frape|kraze))\b")
_INJURY = re.compile(
    _GRAVE_INJURY.pattern + r"|\b(se (quemo|quemaron|cayo|cayeron|corto|fracturo|rompio)"
    r"|quemad[oa]s?|burn(ed|t)|fell|broke (his|her|my)|boule|tonbe|kase (janm|pye|bra))\b")
_TODAY_HURT = re.compile(
    r"\b(hoy|hace (un )?rato|hace (un|una|\d+|unos|unas) (hora|horas|minutos)|ahorita|esta manana"
    r"|today|this morning|(an|one|\d+|a few|two) (hour|hours|minutes) ago|just now|jodi a"
    r"|maten an)\b")
_CARE_OUT_OF_REACH = re.compile(
    r"\b(helicoptero|helicopter|elikopte|no (le |lo |la |me )?(deja|dejan|quiere|quieren)"
    r" (q |que )?(vaya|ir|llevarlo|llevarla|llevemos) al (doctor|medico|hospital|seguro)"
    r"|(won t|wont|doesn t|doesnt|will not) let (him|her|me|us) (go to|see) (a |the )?(doctor"
    r"|hospital|clinic)|nadie (me |nos )?(dice|sabe) (a |en )?(q|que|cual) hospital"
    r"|(don t|dont|do not) know (which|what) hospital|pa (vle )?kite (l|li|m) ale (lopital"
    r"|kay dokte)|pa konn ki lopital)\b")


#: A baby burning with fever and a grave sign (issue 11at, danger dev 8: "bebe a pa vle tete, li
#: cho anpil e li ap tranble, nou nan lari a" read 0.85 once danger11's lines trained the alarm).
_BABY = re.compile(r"\b(bebe|bebes|baby|babies|tibebe|ti bebe|recien nacido|newborn)\b")
_FEVER = re.compile(r"\b(cho anpil|cho kou dife|lafyev|fyev|fiebre|calentura|ardiendo|hirviendo"
                    r"|fever|burning up|very hot)\b")
_GRAVE_SIGN = re.compile(
    r"\b(tranble|tiembla|temblando|shaking|shivering|pa vle tete|pa vle manje|pa ka tete"
    r"|no quiere (comer|mamar|tomar pecho|el pecho|la mamila)|no come|(won t|wont|doesn t|doesnt"
    r"|will not) (eat|feed|nurse|wake)|no despierta|pa reveye|pa reyaji|no reacciona|morad[oa]"
    r"|vin ble|turning blue)\b")


def hurt_now(folded: str) -> bool:
    """Hurt now (``_GRAVE_INJURY`` today, or ``_INJURY`` with care out of reach), or a baby
    with a fever and a grave sign (``_BABY``, ``_FEVER``, ``_GRAVE_SIGN``)."""
    if _mild(folded):
        return False
    return bool(_GRAVE_INJURY.search(folded) and _TODAY_HURT.search(folded)) or bool(
        _INJURY.search(folded) and _CARE_OUT_OF_REACH.search(folded)) or all(
        r.search(folded) for r in (_BABY, _FEVER, _GRAVE_SIGN))


# A cry of danger now in a few words (issue 11au): the writer, the group or someone with them
# lost, followed or chased, trapped or locked in, out of air, hiding. "me perdi", "im lost",
# "m pedi", "me siguen", "stuck in trailer" got "no entendí" (the classifier's weak guess,
# ``too_little``): no trigger may hold "me perdi" or "im lost", which begin "me perdí la cita"
# and "I'm lost with this menu". The whole message must be the cry (``_CRY``) and words that
# only add a place, a plea, fear or now (``_CRY_REST``): anything else ("la cita", "paspò m",
# "with this menu", "hace años ... ya estoy bien") makes it something else, read as before.
_WITH_ME = (rf"(mi|mis|nuestro|nuestra|nuestros|my|our) ({_KIN}|{_KIN_EN}|companeros?|companeras?"
            r"|bebe|nino|nina|ninos)")
_CRY = re.compile(
    # Lost: "me perdi", "estamos perdidos", "im lost", "we got lost", "m pedi", "nou pedi"; or
    # someone with them: "se perdio mi compañero", "my daughter got lost", "pitit mwen pedi".
    r"\b((me|nos) (perdi|perdimos|he perdido|hemos perdido)|(estoy|estamos|ando|andamos|quede"
    r"|quedamos|me quede|nos quedamos|voy|vamos|toy|tamos) (bien |muy )?perdid[oa]s?"
    r"|(i m|im|i am|we re|were|we are|i got|we got|got) (so |totally |completely )?lost"
    r"|^lost(?= (in|on) (the )?(desert|mountains|hills|woods|border))"
    r"|(m|mwen|nou|n) (te )?pedi"
    rf"|{_WITH_ME} (se (nos |me )?(perdio|perdieron)|(esta|estan|anda|andan|is|are|got|s|re)"
    rf" (perdid[oa]s?|lost))|se (nos |me )?(perdio|perdieron) {_WITH_ME}"
    rf"|({_KIN_HT}|zanmi|timoun) (m|mwen|nou) (te )?pedi"
    # Followed, chased: "me siguen", "me vienen siguiendo", "someone following me", "being
    # chased", "gen moun k ap swiv mwen", "y ap kouri deye nou".
    r"|(alguien|unos?|un tipo|unos tipos|un hombre|unos hombres|un carro|una camioneta)? ?"
    r"(me|nos) (siguen|persiguen|persigue|(esta|estan|viene|vienen|va|van|anda|andan)"
    r" (siguiendo|persiguiendo))"
    r"|(alguien|un tipo|un hombre|un carro|una camioneta) (me|nos) sigue"
    r"|((someone|somebody|some guys?|some men|a (man|guy|car|truck|van)|they|people|men)"
    r" (is |are |s |re )?)?(following|chasing) (me|us)"
    r"|(i m|im|i am|we re|were|we are) being (followed|chased)"
    r"|(gen )?(moun|yon moun|neg|de neg|yo|y) ?(k ap|kap|ki ap|ap|k ap vin)? (swiv|kouri deye)"
    r" (m|mwen|nou|n)"
    # Trapped or locked in: "estoy encerrado", "stuck in trailer", "nou fèmen nan kamyon an".
    r"|(estoy|estamos|quede|quedamos|me quede|nos quedamos|vamos|voy) (atrapad|encerrad)[oa]s?"
    r"|(me|nos) (encerraron|dejaron encerrad[oa]s?)"
    r"|(i m|im|i am|we re|were|we are|got)? ?(trapped|locked in|locked inside)"
    r"|stuck (in|inside) (the |a |this )?(trailer|truck|container|box|trunk|van)"
    r"|((m|mwen|nou|n) (femen|fenmen|bloke|kwense)|yo (femen|fenmen) (m|mwen|nou|n)) (nan|anndan)"
    r" (yon |la )?(kamyon|trele|machin|kontene|bwat|kof|chanm|kay|depo)( an| la| lan)?"
    # Out of air: "no hay aire", "no puedo respirar", "cant breathe", "m pa ka respire".
    r"|no (hay|tenemos|tengo) aire|no (puedo|podemos|puede) respirar|(me|nos) (estoy |estamos )?"
    r"(ahogo|ahogamos|ahogando|asfixio|asfixiamos|asfixiando)|(i|we)? ?(cant|can t|cannot) breathe"
    r"|no air|(i m|im|we re|were) suffocating|(m|mwen|nou|n) pa ka (respire|pran souf)"
    # Hiding: "estoy escondido", "im hiding", "n ap kache".
    r"|(estoy|estamos|ando|andamos) escondid[oa]s?|(me|nos) (estoy |estamos )?escondiendo"
    r"|(i m|im|i am|we re|were|we are) hiding|(m|mwen|nou|n) (ap |te )?kache)\b")
# What may stand beside a cry and leave it one: a place or a vehicle, a plea, fear, now.
_CRY_REST = re.compile(
    r"\b(en|in|on|at|nan|anndan|inside|el|la|los|las|un|una|the|a|an|this|here|aqui|aca"
    r"|desierto|monte|cerro|sierra|rio|frontera|carretera|caja|trailer|traila|troca|camion"
    r"|camioneta|cuarto|bodega|cajuela|contenedor|desert|mountains|hills|woods|border|road|truck"
    r"|container|van|trunk|deze|mon|bwa|fwontye|wout|kamyon|trele|machin|chanm|depo|an|lan"
    r"|ayuda|ayudenme|ayudeme|ayudame|auxilio|socorro|por favor|porfavor|porfa|urgente|sos"
    r"|help|help me|help us|please|pls|plz|asap|ede m|ede mwen|ede nou|tanpri|sekou|ijans"
    r"|tengo miedo|tenemos miedo|i m scared|im scared|we re scared|m pe|mwen pe|nou pe"
    r"|ahorita|ahora|ya|now|right now|rn|kounye a|todavia|still|toujou"
    r"|no se donde estoy|no sabemos donde estamos|i don t know where i am|i dont know where i am"
    r"|dont know where we are|don t know where we are|pa konn kote m ye|pa konn kote nou ye"
    r"|hola|hello|hi|bonjou|alo|oye|and|y|e|epi|ak)\b")
CRY_WORDS = 12


def cry_now(folded: str) -> bool:
    """True when a short message says only that the writer, the group or someone with them is
    lost, followed, trapped, out of air or hiding now, with at most a place, a plea or fear
    beside (``_CRY``)."""
    if len(folded.split()) > CRY_WORDS or not _CRY.search(folded):
        return False
    return not _CRY_REST.sub(" ", _CRY.sub(" ", folded)).split()


def _as_emergency(analysis: Analysis, folded: str, why: str, *, alone: bool = False
                  ) -> Analysis:
    """``analysis`` answered with the emergency read from the words themselves; ``alone``
    when the message says nothing else: the classifier's other guesses are dropped, so no
    topic is answered beside it ("me perdi" read 0.28 documents, "lost my papers")."""
    match = analysis.match
    emergency = Finding(EMERGENCY, 1.0, "words", folded)
    if alone:
        ranking = ((EMERGENCY, 1.0), *((i, 0.0) for i, _ in analysis.ranking if i != EMERGENCY))
        analysis = dataclasses.replace(analysis, findings=(), ranking=ranking, mentions={})
        match = dataclasses.replace(match, ranking=ranking[:len(match.ranking)])
    return dataclasses.replace(analysis, findings=(emergency, *(
        f for f in analysis.findings if f.intent not in (EMERGENCY, "cannot_do"))),
        match=dataclasses.replace(match, intent=EMERGENCY, score=1.0, source="words",
                                  trigger=None, reason=f"{match.reason}; {why}"))


def review(analysis: Analysis, folded: str, raw: str, threshold: float,
           outside: Collection[str] = (), read: Callable[[str], Match] | None = None
           ) -> Analysis:
    """``analysis`` after this module's checks: no emergency when the message tells of danger
    not happening now or is a very short weak guess; no crossing warning for a look-alike.
    ``read`` (the matcher) reads a present clause that decides ("ahora tengo corte"): the old
    story ("detained back in 2019") would otherwise read as another topic."""
    found = analysis.finding(EMERGENCY)
    match = analysis.match
    trigger = bool(found and found.source == "trigger")
    if not trigger and relay_asked(folded):
        return _as_cannot_do(analysis)
    if (match.intent in ("cannot_do", EMERGENCY) or found) and _RELAY.search(folded) \
            and _RELAY_DANGER.search(folded):
        # "eske nou ka rele manman m pou di l yo kenbe m": the message to pass on is danger now
        # (read as a request the chat cannot do on main; issue 11as).
        return _as_emergency(analysis, folded, "held, told in a message to pass on")
    if cry_now(folded):  # never a weak guess, however short (``too_little``)
        return _as_emergency(analysis, folded, "a cry of danger now (cry_now)", alone=True)
    if not trigger and traffic_ticket(folded):
        analysis = _without_warnings(analysis, threshold, outside)
        found, match = analysis.finding(EMERGENCY), analysis.match
        if _STATUS_ASKED.search(folded):
            return _as_legal(analysis, "a traffic ticket and papers asked")
    if (match.intent == EMERGENCY or found) and told_not_now(folded, raw, trigger=trigger) \
            and not _danger_after_turn(folded, raw, trigger, read) or (
            match.intent == EMERGENCY and too_little(folded, match.score, match.source)) or (
            found is not None and too_little(folded, found.score, found.source)):
        analysis = without_emergency(analysis, threshold, outside)
        if held_a_while(folded):  # a legal question, whatever else the words read as
            analysis = _as_legal(analysis)
        elif can_arrest(folded) and not _US_MIGRA.search(folded):
            # "eske lapolis ka arete m si m pa gen papye": a migrant in Mexico asking; the
            # answer for migrants in transit (the INM decides permits), never the privacy
            # notice or US law the rest reads as (issue 11df).
            analysis = _as_transit(analysis)
        elif feared_detention(folded, raw) and _law_instead(analysis.match.intent, folded):
            analysis = _as_legal(analysis, "a detention feared")
        present = now_a_legal_step(folded)
        if present and read is not None:  # the present clause decides, not the old story
            now = read(present)
            if now.intent is not None and now.intent != EMERGENCY:
                analysis = dataclasses.replace(analysis, match=dataclasses.replace(
                    analysis.match, intent=now.intent, score=now.score,
                    reason=f"{analysis.match.reason}; the present clause: {now.reason}"))
    elif analysis.match.intent in (None, "menu", "cannot_do") and held_a_while(folded):
        # Read as out of scope, the menu, or a request the chat cannot do ("se puede pagar
        # fianza?" asks how bail works, not that the chat pay it; issue 11ag).
        analysis = _as_legal(analysis)
    elif match.intent != EMERGENCY and not found and feared_detention(folded, raw) \
            and _law_instead(match.intent, folded):
        # A detention feared, read as a crossing plan, transit or nothing: "que pasaria si la
        # migra agarra a mi papa?", "kisa k ap pase si imigrasyon pran papa m?" (issue 11as).
        analysis = _as_legal(dataclasses.replace(analysis, findings=tuple(
            f for f in analysis.findings if f.intent != CROSSING)), "a detention feared")
    if not trigger and read is not None and (analysis.match.intent == EMERGENCY
                                             or analysis.finding(EMERGENCY)) \
            and time_word_only(folded, read):
        # "im so bored at work right now": the time word was all the danger read (issue 11di).
        analysis = without_emergency(analysis, threshold, outside)
    if not trigger and (analysis.match.intent == EMERGENCY or analysis.finding(EMERGENCY)) \
            and (broke_only(folded) or not_eaten_only(folded)):
        # "no tengo dinero ahorita no": no money now, in need, no danger told (issue 11ba); nor
        # "i stopped eating since yesterday", read as passing through (issue 11cc).
        analysis = without_emergency(analysis, threshold, outside)
    if not trigger and (analysis.match.intent in _HARDSHIP_READ_AS
                        or analysis.finding(EMERGENCY)) and bills_only(folded):
        # "ayuda con la luz y el agua por favor": a bill, in need, not in danger, and no
        # remittances for "el recibo del agua" (issue 11cc).
        analysis = _in_need(analysis)
    if not trigger and analysis.match.intent in _HARDSHIP_READ_AS and hardship(folded):
        # "mi esposo está en chicago y ya no me manda dinero": in need, not in danger, and no
        # question of remittances unless the rest asks one ("..., how does the card work?";
        # issue 11bo).
        rest = _beside_hardship(folded) or ""
        asked = read(rest).intent if read is not None and len(rest.split()) >= _ASKED_MIN_WORDS \
            else None
        analysis = _in_need(analysis, keep=REMITTANCES if asked == REMITTANCES else None)
    elif not trigger and analysis.match.intent == "transit" and hardship_only(folded):
        # "no tenemos que comer", "we have no food": in need, and nothing said of passing
        # through ("..., vamos de paso a tijuana" keeps transit; issue 11ch).
        analysis = _in_need(analysis)
    if (analysis.match.intent == CROSSING or analysis.finding(CROSSING)) \
            and not_a_crossing(folded):
        analysis = without_emergency(analysis, threshold, outside, CROSSING)
    return analysis


# A detention by immigration feared, asked as a "what if" (issue 11ao): "what would happen if my
# mom got picked up by ICE? we just want a plan", "que pasaria si a mi papa lo agarrara la
# migra", "kisa k ta rive si imigrasyon ta arete manman m": deportation defence, a question of
# US immigration law (``LEGAL``), when nothing else answers it or only a crossing warning read
# with no crossing in the words (``_ACROSS_WORD``).
_MIGRA = re.compile(r"\b(ice|la migra|migra|migracion|inmigracion|immigration|imigrasyon"
                    r"|migrasyon)\b")
_ACROSS_WORD = re.compile(r"\b(cruz\w*|brinc\w*|cross\w*|travese|janbe|pase fwontye|desierto"
                          r"|desert|deze|rio|river|larivye|frontera|border|fwontye|coyote|pollero"
                          r"|smuggler|koyot)\b")


#: What a detention feared may be read as, instead of the law: nothing, the menu, a request
#: the chat cannot do, transit through Mexico, a fake offer (issue 11as). Transit only when
#: the US or a relative is named and no place in Mexico ("kisa k ap pase si migrasyon arete m
#: nan Gwanajwato?" asks of Mexico's).
_NOT_THE_LAW = frozenset({None, "menu", "cannot_do", "transit", "fraud_offer", "out_of_scope"})
_US_MIGRA = re.compile(rf"\b(ice|la migra|border patrol|lot bo|{US_PLACES})\b")
_IN_MEXICO = re.compile(r"\b(mexico|meksik|guanajuato|gwanajwato|leon|irapuato|celaya|inm"
                        r"|tapachula|comar)\b")


# A call the helpline is asked to make to pass a message on (issue 11as): "can you guys call my
# mom and tell her im ok? my phone has no minutes", "¿pueden hablarle a mi mamá y decirle que
# estoy bien?", "eske nou ka rele manman m pou di l m byen?". Something this chat cannot do,
# not danger: any word of danger beside it ("call my mom, they are holding me") keeps the
# emergency (``relay_asked``).
_RELAY = re.compile(
    # Asked of the helpline: "can you guys", "¿pueden ...?", "le pueden", "eske nou ka".
    r"\b((can|could|would|will) (you|u|y all|yall|you guys|someone|somebody|anyone)( guys| all)?"
    r"( please| pls| plz)?|(le |les )?(pueden|puede|podrian|podria|puedes|podrias)"
    r"|me (hacen|hace|haces) el favor de|(nou|ou|w) (ka|kapab|te ka|ta ka))"
    r" (call|phone|ring|text|message|contact|llamar|llamarle|llamarles|hablar|hablarle"
    r"|hablarles|marcar|marcarle|avisarle|rele|telefone|ekri)( \w+){0,6}"
    r" (and|to|n|y|e|pa|para|pra|pou|epi|ak) (tell|let (her|him|them) know|say|decir|decirle"
    r"|decirles|avisarle|avisarles|di|fe (l|li|yo) konnen)\b")
_KIN_NAMED = re.compile(rf"\b((my|mi|mis|his|her|su|sus|a) ({_KIN})|({_KIN_HT}) (m|mwen|li|l))\b")
#: Danger beside a relay: the writer held, hurt, lost, threatened, or in a hurry now.
_RELAY_DANGER = re.compile(r"\b(me (tienen|agarraron|detuvieron|llevaron|secuestraron)"
                           r"|(holding|have|got|took|detained|arrested|kidnapped) me"
                           r"|yo (kenbe|pran|arete) m)\b")


def _law_instead(intent: str | None, folded: str) -> bool:
    """Whether a detention feared, read as ``intent``, is a question of US law instead: read as
    nothing, the menu, a request, a fake offer (``_NOT_THE_LAW``); as transit only with the US
    or a relative named and no place in Mexico; as a crossing plan with no word of crossing."""
    if intent == "transit":
        return bool(_US_MIGRA.search(folded) or _KIN_NAMED.search(folded)) \
            and not _IN_MEXICO.search(folded)
    if intent == CROSSING:
        return not _ACROSS_WORD.search(folded)
    return intent in _NOT_THE_LAW


def relay_asked(folded: str) -> bool:
    """A call asked of the helpline to pass a message to a relative (``_RELAY``), with no
    word of danger in the message: a request this chat cannot do."""
    return bool(_RELAY.search(folded) and _KIN_NAMED.search(folded)) and not (
        danger_word(folded) or _LOST.search(folded) or _RELAY_DANGER.search(folded)
        or _UNPAID.search(folded) or extortion(folded))


def _as_cannot_do(analysis: Analysis) -> Analysis:
    """``analysis`` answered as a request this chat cannot do, with no emergency."""
    findings = tuple(f for f in analysis.findings if f.intent != EMERGENCY)
    return dataclasses.replace(analysis, findings=findings, match=dataclasses.replace(
        analysis.match, intent="cannot_do", score=1.0, source="words", trigger=None,
        reason=f"{analysis.match.reason}; a call asked to pass a message, not danger"))


# A traffic ticket told (issue 11as): "li te pran yon tikè nan yon stop", "le dieron una multa
# en un stop", "he got a ticket at a stop sign". "Stop" the sign and a fine are no fake offer,
# no crossing and no danger; an arrest, ICE, a blow or anything of danger beside it keeps what
# the message was read as (``traffic_ticket``). Asked with papers, a question of US law.
_TICKET = re.compile(r"\b(tike|tikets?|ticket|tickets|multa|multas|infraccion|infracciones"
                     r"|citation|contravansyon|amann|amende|contravencion)\b")
_TRAFFIC = re.compile(r"\b(stop|stop sign|alto|semaforo|luz roja|red light|velocidad|speeding"
                      r"|speed|manejando|manejar|maneja|driving|drove|drive|kondwi|machin|carro"
                      r"|car|troca|truck|transito|traffic|parking|estacionad\w*|cinturon"
                      r"|seatbelt|limit|limite)\b")
_NOT_JUST_A_TICKET = re.compile(
    r"\b(deten\w*|detuv\w*|arrest\w*|arete|kenbe|carcel|jail|prizon|pres[oa]|esposad\w*"
    r"|handcuff\w*|ice|migra|migracion|inmigracion|immigration|imigrasyon|migrasyon|deport\w*"
    r"|depote|llevaron|took (him|her|them|me|us)|custody|custodia|patrulla)\b")
#: Papers or a case asked beside it: "eske sa ka fè pwoblèm pou papye l?".
_STATUS_ASKED = re.compile(r"\b(papeles|papers|papye|green card|residencia|residency|ciudadania"
                           r"|citizenship|caso|case|dosye|estatus|status|daca|visa|viza|permiso"
                           r"|pemi|tramite)\b")


def traffic_ticket(folded: str) -> bool:
    """A traffic ticket told (``_TICKET`` beside ``_TRAFFIC``) and nothing of an arrest or of
    danger in the message."""
    return bool(_TICKET.search(folded) and _TRAFFIC.search(folded)) and not (
        _NOT_JUST_A_TICKET.search(folded) or any(
            r.search(folded) for r in (_HURT, _HELD, _BODY, _LOST, _THREAT)))


def _without_warnings(analysis: Analysis, threshold: float,
                      outside: Collection[str]) -> Analysis:
    """``analysis`` with no emergency, crossing or fraud warning read by the classifier."""
    for intent in (EMERGENCY, CROSSING, "fraud_offer"):
        if analysis.match.intent == intent or analysis.finding(intent):
            analysis = without_emergency(analysis, threshold, outside, intent)
    return analysis


def feared_detention(folded: str, raw: str) -> bool:
    """A detention by immigration asked as a "what if" (``_IF``, ``_MAYBE``) or whether they
    can (``can_arrest``), nothing now."""
    return bool((_IF.search(folded) or _MAYBE.search(folded) or hypothetical(raw)
                 or can_arrest(folded)) and _MIGRA.search(folded)) and not _NOW.search(folded)


def _as_transit(analysis: Analysis) -> Analysis:
    """``analysis`` answered as the answer for migrants in transit (``can_arrest``)."""
    return dataclasses.replace(analysis, match=dataclasses.replace(
        analysis.match, intent="transit", score=1.0,
        reason=f"{analysis.match.reason}; an arrest asked of, a migrant in Mexico"))


def _as_legal(analysis: Analysis, why: str = "held a while") -> Analysis:
    """``analysis`` answered as US immigration law (``held_a_while``, ``feared_detention``)."""
    return dataclasses.replace(analysis, match=dataclasses.replace(
        analysis.match, intent=LEGAL, score=1.0,
        reason=f"{analysis.match.reason}; {why}, a legal question"))


# A turn in the story: what comes after it is how things are now ("ya estoy bien, pero mi
# compañero de cuarto no respira y no despierta", "she's fine now but her boyfriend is outside
# with a gun"): a release, a recovery or a date before it does not reach the danger after it.
_TURN = re.compile(r"\b(pero|but|men|sin embargo|however)\b")
_TURN_MIN_WORDS = 3


def _danger_after_turn(folded: str, raw: str, trigger: bool,
                       read: Callable[[str], Match] | None) -> bool:
    """True when the words after the message's last turn ("pero", "but", "men") tell of an
    emergency on their own (``read``, the matcher) and of nothing told of, not now. The tail
    is also read with its own punctuation: "... but he called this morning, hes fine" ends
    safe (``settled``), which its folded words run together cannot show."""
    turns = list(_TURN.finditer(folded))
    if not turns or read is None:
        return False
    tail = folded[turns[-1].end():].strip()
    raw_turns = list(_TURN.finditer(raw.lower()))
    raw_tail = raw[raw_turns[-1].end():] if raw_turns else tail
    if len(tail.split()) < _TURN_MIN_WORDS or told_not_now(tail, raw_tail, trigger=trigger):
        return False
    # A weak guess on the tail is no danger told: "... he's fine but we're scared. what are our
    # rights?" read 0.48 emergency (issue 11x).
    # Nor one with no word of danger in it: "... he's fine but we're scared. what are our
    # rights?" read 0.52 once a fifth contrast writer's lines trained the classifier (11ae).
    found = read(tail)
    return found.intent == EMERGENCY and (found.source == "trigger" or found.score >= WEAK_P
                                          and bool(_UNDONE.search(tail)))


#: The classifier's next choice once an emergency is ruled out needs this much of the whole
#: message's probability, not only of what the emergency leaves: "la ultima vez que hablamos con
#: mi tio fue el domingo, pero ya aparecio" read 0.97 emergency and 0.01 death_accident, which
#: alone is 0.35 of the rest, and got the condolences and a sensitive handoff.
RENORMALISED_MIN_P = 0.02


def without_emergency(analysis: Analysis, threshold: float,
                      outside: Collection[str] = (), intent: str = EMERGENCY) -> Analysis:
    """``analysis`` with no emergency (or no ``intent``): the next thing the message supports
    answers it (or nothing, when no other intent reaches ``threshold`` or the next is an
    ``outside`` class)."""
    findings = tuple(f for f in analysis.findings if f.intent != intent)
    match = analysis.match
    if match.intent == intent:
        nxt_intent, score = next(((f.intent, f.score) for f in findings), (None, 0.0))
        if nxt_intent is None:
            # The classifier's choice once the emergency is ruled out: the other intents'
            # probabilities, normalised to sum to 1 again.
            rest = [(i, p) for i, p in analysis.ranking if i != intent]
            total = sum(p for _i, p in rest) or 1.0
            nxt_intent, score = next(((i, p / total) for i, p in rest
                                      if p / total >= threshold and p >= RENORMALISED_MIN_P),
                                     (None, 0.0))
        if nxt_intent in outside:
            nxt_intent = None
        match = dataclasses.replace(
            match, intent=nxt_intent, score=score, trigger=None,
            reason=f"{match.reason}; "
                   f"{'told of, not danger now' if intent == EMERGENCY else 'a look-alike'}")
    return dataclasses.replace(analysis, match=match, findings=findings)


# -- The present clause decides -------------------------------------------------------------
# A message tells of danger now in one of its clauses, and of other things in the others: a
# question about the app "y de una vez aviso que a mi papa lo acaban de subir a una patrulla",
# a thank-you for last year's help and then "now my cousin is held by a cartel", or a story of
# long ago ("a mi me agarro la migra en 2010 y me regresaron") beside a question about a
# passport. Each clause is read on its own by the matcher's binary alarm model (emergency or
# not, trained on every phrase and example: ``Matcher.alarm``) and by its triggers, and this
# module's checks of time are applied to the clause that carries the danger, not to the whole
# message: a date, a release or a "what if" in another clause no longer decide for it.

#: Where a clause ends for this purpose: a sentence or a comma, or a word that turns the story
#: ("pero", "but", "men", "aunque", "y", "and", "epi"). "y ahora", "and now" and "epi kounye a"
#: end a clause at "y", "and", "epi" only: the word of now stays with the clause it dates
#: ("... said hed call immigration on me if i quit and now hes waiting outside my trailer" lost
#: its "now" and the "if" of the clause before decided for it; issue 11at).
_CLAUSE_END = re.compile(
    r"[.?!;,:\n]+|\b(?:pero|but|(?<!nan )men|aunque|although|though|sin embargo|however"
    r"|y|and|epi)\b", re.IGNORECASE)
#: The clause's own word of now: the clause outweighs a date, a film or a release told
#: elsewhere in the message ("... pero ahorita mi hijo lleva 3 dias sin contestar").
_CLAUSE_NOW = re.compile(
    r"\b(ahorita|ahora mismo|ahora|en este momento|right now|now|tonight|esta noche|hoy|today"
    r"|this morning|esta manana|acaba de|acaban de|acabo de|just|fek|fenk|recien|kounye a"
    r"|kounyea|jodi a|still|todavia|sigue|sigues"
    # Gone since a moment of the last days, and still so: "perdido desde anoche".
    r"|desde (anoche|ayer|antier|el (lunes|martes|miercoles|jueves|viernes|sabado|domingo))"
    r"|since (last night|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|depi (ye|ye swa|lendi|madi|mekredi|jedi|vandredi|samdi|dimanch))\b")
# "not urgent", "no es urgente", "li pa ijan": the person says it is not an emergency.
_NOT_URGENT = re.compile(
    r"\b(not (urgent|an emergency)|no es (urgente|una emergencia)|nada urgente|no urge"
    # "... about starting a business? no rush" (issue 11x).
    r"|no rush|no hurry|sin prisa|no hay prisa|no hay prisa|pa gen pres|pa prese"
    r"|sin urgencia|pa (ijan|yon ijans)|no emergency|nothing urgent)\b")
# Danger said and denied in the same clause: "no me detuvieron ni nada", "no me están
# extorsionando, solo es spam", "I wasn't detained". Only these verbs: "no lo sueltan", "no
# contesta" and "no sabemos nada de él" are danger; "levantaron" (taken), not "no se puede
# levantar" (a fall).
_DENIED = re.compile(
    r"\b(no|nunca|jamas|not|never|didn t|didnt|wasn t|wasnt|weren t|isn t|aren t|pa|pat)"
    r"( \w+){0,2} (detuv\w*|deten\w*|secuestr\w*|extorsion\w*|agarr\w*|amenaz\w*|levantaron|levanto"
    r"|arrest\w*|detain\w*|kidnap\w*|threaten\w*|extort\w*|arete|kidnape|menase)\b")
#: The last word from someone, then time gone by: "la ultima vez que hablamos fue el domingo",
#: "el martes fue lo ultimo", "ya son 2 semanas sin nada", "last message was from sonoyta,
#: nothing since", "denye fwa nou pale ak li". Someone not heard of since is missing, whatever
#: else the message tells (a crossing told as a plan: "... ya vamos a pasar el rio").
_DAYS = r"(\d+|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|varios|varias|muchos|muchas)"
_LAST_HEARD = re.compile(
    r"\b(la ultima vez que (lo |la |los |las |nos |me )?(vimos|vi|hable|hablamos|hablo|supe"
    r"|supimos|mando|escribio|contesto|llamo|marco|se comunico|tuvimos)"
    r"|(el |su |un )?ultimo mensaje (fue|que (nos |me )?mando|decia)|(fue|era) lo ultimo"
    r"|desde entonces (nada|no sabemos|no contesta|ya no|ni)"
    # Left somewhere, and nothing since (issue 11at): "lo dejo el camion en la central y de ahi
    # nadie sabe nada", "dropped him at the station and since then nobody knows anything",
    # "li desann nan estasyon an e depi le a pesonn pa konn anyen".
    r"|(de ahi|desde ahi|de ahi en adelante|desde ese dia|desde esa vez) (nadie sabe|nadie nos"
    r" dice|no sabemos|no hemos sabido|ya no (supimos|sabemos)|nada|ni)"
    r"|(since then|after that|from there) (nobody|no one|we (haven t|havent|have not|don t|dont)"
    r"|nothing|not a word)"
    r"|depi (le a|le sa|jou sa|la a) (pesonn pa|nou pa|m pa|mwen pa|anyen)"
    rf"|ya (son|van|llevan?|pasaron) {_DAYS} (dias|semanas) (sin|que no)"
    rf"|(lleva|llevan|llevamos|van) {_DAYS} (dias|horas|semanas) sin (saber|noticias|contestar"
    r"|aparecer|comunicarse|hablar|nada)"
    r"|last (time )?(we|i|anyone|they) (heard|talked|spoke)|last (message|text|call|location)"
    r" (was|we got|he sent|she sent)"
    r"|(haven t|havent|have not|hasn t|hasnt|has not) heard from|nothing since|no word since"
    r"|denye fwa (nou|m|mwen|li|yo) (pale|tande|we|resevwa)|pa tande (l|li|yo) depi)\b")
#: The alarm model's probability for a clause to tell of danger on its own (rescue: the
#: matcher found no emergency, or the whole message's checks of time dropped it) ...
#: Issue 11t: 0.85 -> 0.9 with the sharper alarm model (``intents.linear.ALARM_C`` 3, its own
#: lines weighted 3): on every dev set five urgent cases without an emergency fewer (retired 3
#: 4 -> 1, devset5 contrast, danger 6) and no emergency lost; 0.8 added six.
RESCUE_P = 0.9
#: ... and for the whole message, read as one, with no clause and the whole not told of, not
#: now. Issue 11t: leaving one writer out, the alarm model ranks whole messages above clauses
#: (AUC 0.975 against 0.948 on four writers' kept lines), and a new writer's emergency told
#: in one breath reads 0.9-0.99 as a whole and under 0.85 in every clause ("mi hijo fue al rio
#: a bañarse a las 2, ya son las 9 de la noche no regresa": 0.95 whole, 0.51 at best in a
#: clause). On every dev set 0.9 called three more of danger 6's emergencies and nothing else;
#: 0.85 one more, for three urgent cases without one and two crossing plans lost.
WHOLE_RESCUE_P = 0.9
#: ... and for a clause to count as carrying danger when deciding whether every clause that
#: carries it is told of, not now (a trigger in the clause always counts).
CARRY_P = 0.5
_MIN_WORDS = 2
#: Below these even odds of the topic classifier for the whole message, an emergency it found
#: without a trigger (``bot.engine.PRIORITY_RULE``: ranked 1st or 2nd at 0.1+, or a window of a
#: long message) is a guess ...
WEAK_P = 0.5
#: ... and it stands only when the alarm model agrees, on the whole message or on one of its
#: clauses, at this: two models trained differently that both read danger. (Issue 11j asked
#: it only of a window alone, at 0.25 and 0.35.) Chosen on the dev sets with danger4's
#: training lines: 0.45 drops three false urgent cases ("el padre en misa dijo que oremos por
#: los migrantes desaparecidos", 0.22) and keeps every dev emergency; the nearest one it keeps
#: ("me tienen aqui y me piden el numero de mi familia") reads 0.50, so 0.5 would lose it.
#: Issue 11t: 0.4 with the sharper alarm model, which reads that line 0.43 (0.3 also kept
#: "need the whatsapp number asap my grandpa just got arrested", 0.34, for four urgent cases
#: without an emergency more).
WEAK_ALARM_P = 0.4
#: A threat, a blow or a weapon (``present_clause``: a weak guess with one stands).
_MENACE = re.compile(r"\b(amenaz\w*|threat\w*|menase|golpe\w*|golpia\w*|beat|beaten|beating"
                     r"|frape|arma|armas|armad[oa]s?|pistola|gun|guns|zam|cuchillo|knife|machete"
                     r"|kouto)\b")
#: Someone at the door now, in a clause the alarm model reads as danger below ``RESCUE_P``:
#: "... said hed turn me in if i quit and now hes outside my trailer with his brother" read 0.95,
#: then 0.88 once trailers of crossing plans were trained on (issues 11ar and 11at merged).
_AT_DOOR = re.compile(
    r"\b(outside (my|the|our) (door|house|home|trailer|room|apartment|place)|at (my|the|our) door"
    r"|waiting outside|afuera de (mi|la|nuestra) (casa|puerta|cuarto|traila|trailer)"
    r"|en la puerta|esta afuera|estan afuera|devan (pot|kay) (mwen|m|nou|la)|deyo a)\b")
#: ... and someone kept from leaving: "no me deja salir" read 0.92, then 0.899 (the same merge).
_KEPT_IN = re.compile(
    r"\bno (me|nos|la|lo|los|las) (deja|dejan|quiere dejar|quieren dejar) (salir|ir|irme|irnos"
    r"|irse)\b|\bwon t let (me|us|him|her|them) (leave|go|out)\b"
    r"|\bpa (vle )?kite (m|mwen|nou|li|l|yo) (soti|ale)\b")


def _held_here(c: Clause) -> bool:
    """A clause the alarm model reads as danger below ``RESCUE_P`` that says someone is kept
    from leaving (``_KEPT_IN``) or at the door now (``_AT_DOOR``)."""
    return c.alarm >= CARRY_P and (bool(_KEPT_IN.search(c.text)) or bool(
        _AT_DOOR.search(c.text)) and bool(_CLAUSE_NOW.search(c.text)))


#: A weak guess with a word of danger that has just happened stands whatever the alarm model
#: reads ("need the whatsapp number asap my grandpa just got arrested by la migra": 0.34 with
#: the sharper model, 0.45+ with the old one; issue 11t: no other figure of any dev set moved).
_JUST_NOW = re.compile(r"\b(acaba de|acaban de|just (got|been)|ahorita|right now)\b")


@dataclass(frozen=True)
class Clause:
    """One clause of a message: its folded text, the alarm model's probability that it tells
    of an emergency, and whether an emergency trigger fires in it."""

    text: str
    alarm: float
    trigger: bool

    @property
    def told(self) -> bool:
        """The clause tells of danger not now on its own: a date, a release, a "what if", a
        film, a joke, a pet, or the danger denied."""
        # Within one clause only a word of time keeps it: "estuvo desaparecido 3 semanas en
        # 2020" is over, "sigue desaparecido desde 2020" is not.
        return told_not_now(self.text, self.text, now=_CLAUSE_NOW) or bool(
            _DENIED.search(self.text))


def clauses(text: str, alarm: Callable[[str], float],
            triggered: Callable[[str], Collection[str]] | None = None) -> list[Clause]:
    """The clauses of ``text`` (see ``_CLAUSE_END``), each read by ``alarm`` and (when given)
    ``triggered``, the matcher's."""
    return [Clause(folded, alarm(folded), triggered is not None and EMERGENCY in triggered(folded))
            for folded in _pieces(text, _MIN_WORDS)]


def _pieces(text: str, min_words: int) -> list[str]:
    """The folded clauses of ``text`` (``_CLAUSE_END``) of at least ``min_words`` words."""
    folded = (fold(p or "") for p in _CLAUSE_END.split(text))
    return [p for p in folded if len(p.split()) >= min_words]


#: The writer or one of theirs detained, told as now (issue 11): "mi hijo esta preso en leon",
#: "my son got arrested last night in dallas", "pitit mwen nan lajòl nan Dallas". Said with a
#: place or a time the topic classifier leans out of scope (the town's or the night's words) and
#: the alarm model reads little danger in "preso" (0.06 with "en leon"), so the weak guess was
#: dropped or never made: "no entendí" for an arrest. A sentence served a while ("lleva 3 años
#: preso", ``held_a_while``), a detention over or told of ("estuvo preso en 2019", "got arrested
#: years ago"), a joke or a denial is no emergency (``detained_now``); nor love ("preso de
#: amor", "arrested by your beauty").
_JAILED_ES = (r"pres[oa]s?(?! (de|por) amor)|detenid[oa]s?|arrestad[oa]s?"
              r"|en (la )?(carcel|prision|cana|grande)"
              r"|en el (bote|tambo|penal|reclusorio|cereso|separo)")
_JAILED_EN = (r"arrested(?! by (your|her|his|the|that) (beauty|smile|eyes|charm|looks))"
              r"|detained|jailed|locked up|in jail|in prison|behind bars"
              r"|in (ice |immigration |police )?(custody|detention)(?! of)")
_JAILED_HT = r"nan (prizon|kaso|lajol|kacho)|arete|prizonye|detni|anba kod"
_DETAINED = re.compile(
    # Spanish: "mi hijo esta preso", "cayo preso", "metieron preso a mi hijo", "me detuvieron".
    rf"\b((mi|mis|nuestr[oa]s?) (\w+ )?({_KIN}) (ya )?(esta|estan|sigue|siguen|quedo|quedaron"
    rf"|cayo|cayeron) ({_JAILED_ES})"
    rf"|(metieron|llevaron) (pres[oa]s?|a la carcel|al bote) a (mi|mis) (\w+ )?({_KIN})"
    rf"|(arrestaron|detuvieron|apresaron|encarcelaron) a (mi|mis) (\w+ )?({_KIN})"
    rf"|a (mi|mis) (\w+ )?({_KIN}) (lo|la|los|las) (arrestaron|detuvieron|apresaron|encarcelaron"
    r"|metieron (pres[oa]s?|a la carcel|al bote))"
    rf"|(estoy|estamos|quede|quedamos|cai|caimos) ({_JAILED_ES})"
    r"|me (arrestaron|detuvieron|apresaron|encarcelaron|metieron (pres[oa]|a la carcel|al bote))"
    # English: "my son got arrested", "my dad is in ICE custody", "i got locked up".
    rf"|my (\w+ )?({_KIN_EN}) (just )?(got|was|were|has been|have been|is|s|is being|are|re)"
    rf" (just )?({_JAILED_EN})"
    rf"|(i|we) (just )?(got|was|were|ve been|have been|m|am|re|are) (just )?({_JAILED_EN})"
    rf"|(they|police|the police|cops|the cops|ice|immigration|la migra) (just )?(arrested"
    rf"|detained|jailed|locked up) (me|us|my (\w+ )?({_KIN_EN}))"
    # Kreyòl: "pitit mwen nan prizon", "frè m arete", "yo arete pitit mwen", "m nan kaso".
    rf"|({_KIN_HT}|neve|nyes)( gason| fi)? (m|mwen)( lan| an)? (te )?({_JAILED_HT})"
    rf"|yo (te )?(arete|mete|fenmen) ({_KIN_HT}|neve|nyes)( gason| fi)? (m|mwen)"
    r"|(mwen|m) (te )?(nan (prizon|kaso|lajol|kacho)|arete|prizonye)"
    r"|yo (te )?arete (mwen|m))\b")


def detained_now(folded: str, raw: str) -> bool:
    """The writer or one of theirs detained (``_DETAINED``), not told of, not now (a sentence
    served a while, a release, a date, a joke, a story), not denied and not said to be no
    emergency."""
    return bool(_DETAINED.search(folded)) and not _DENIED.search(folded) \
        and not _NOT_URGENT.search(folded) and not told_not_now(folded, raw)


def present_clause(analysis: Analysis, text: str, folded: str, threshold: float,
                   outside: Collection[str], alarm: Callable[[str], float],
                   triggered: Callable[[str], Collection[str]]) -> Analysis:
    """``analysis`` (after ``review``) with the emergency decided by the clause that carries
    it: added when the whole message reads as one at ``WHOLE_RESCUE_P``+ or tells of someone
    not heard of since a last word (``_LAST_HEARD``), and neither it nor any clause is told of,
    not now; added when a clause tells of danger now with the alarm model's probability
    ``RESCUE_P``+ and no check of time applies to that clause (nor, unless the clause or the
    one before it has a word of now, to the whole message); dropped when every clause that
    carries danger (an emergency trigger, or ``CARRY_P``+) is told of, not now, on its own.
    A trigger found in the whole message and in no clause alone (its words span two) keeps
    the emergency."""
    has = analysis.match.intent == EMERGENCY
    parts = clauses(text, alarm)
    if not parts:
        return analysis
    if not has:
        if says_nothing(folded):  # "ahorita no puedo", said in line: alarm 0.95
            return analysis
        if analysis.match.intent is None and detained_now(folded, text):
            # Nothing else understood, and the writer or one of theirs is held now: "mi hijo
            # cayo preso en dallas", "pitit mwen nan lajòl nan Dallas" (issue 11).
            return with_emergency(analysis, Clause(folded, alarm(folded), False))
        whole = alarm(folded)
        # The whole message read as one (the alarm model ranks whole messages better than
        # clauses: see ``WHOLE_RESCUE_P``), or someone not heard of since a last word.
        # Hurt now with care out of reach reads as a whole too (``hurt_now``, issue 11at).
        as_whole = whole >= WHOLE_RESCUE_P or bool(_LAST_HEARD.search(folded)) \
            or hurt_now(folded)
        # Harm threatened unless paid (issue 11ap), or someone held for money (issue 11at).
        threat = extortion(folded) or held_for_money(folded)
        # The clauses that may tell of danger now, decided once for the check and the loop.
        # A clause of a few words that tell nothing ("ahorita no, estoy en el jale": alarm
        # 0.975) is no danger told, whatever the model reads.
        alarming = [(c.alarm >= RESCUE_P or _held_here(c)) and not says_nothing(c.text)
                    for c in parts]
        if not as_whole and not threat and not any(alarming) \
                or _NOT_URGENT.search(folded) \
                or _JOKE.search(folded) or any(e in text for e in _JOKE_EMOJI):
            return analysis
        if settled(text) or _absence_explained(folded) or _at_ease(folded) \
                or broke_only(folded) or hardship(folded) or bills_only(folded) \
                or not_eaten_only(folded):
            # over, none, an absence explained, a room with no AC, a game of hiding, no money,
            # money no longer sent, a bill asked help with or not eaten since a while
            return analysis
        whole_told = told_not_now(folded, text, trigger=True)
        if as_whole and not whole_told and not any(c.told for c in parts):
            return with_emergency(analysis, Clause(folded, whole, False))
        if threat and not (whole_told and _may_be_old(folded)):
            return with_emergency(analysis, Clause(folded, whole, False))
        for n, (c, alarms) in enumerate(zip(parts, alarming, strict=True)):
            if not alarms or c.told or _mild(c.text):
                continue
            before = parts[n - 1].text if n else ""
            if whole_told and not (_CLAUSE_NOW.search(c.text) or _CLAUSE_NOW.search(before)):
                continue
            return with_emergency(analysis, c)
        return analysis
    found = analysis.finding(EMERGENCY)
    whole_p = dict(analysis.ranking).get(EMERGENCY, 0.0)
    # Clauses of a few words that tell nothing ("ahorita no, luego, estoy manejando": 0.975,
    # and "ahorita" is no "just now" there) are left out of what is read.
    telling = [c for c in parts if not says_nothing(c.text)] or parts
    rest = folded if len(telling) == len(parts) else " ".join(c.text for c in telling)
    if analysis.match.source == "priority" and whole_p < WEAK_P and max(
            c.alarm for c in telling) < WEAK_ALARM_P and alarm(rest) < WEAK_ALARM_P \
            and not _JUST_NOW.search(rest) and not any(
                _MENACE.search(c.text) and not c.told for c in parts) \
            and not detained_now(folded, text):
        # The classifier's weak guess, and the alarm model reads no danger anywhere: "me da el
        # numero de la oficina? mi nieta no esta", "necesito dinero urgente pa pagar la luz".
        # A threat, a blow or a weapon told in a clause of its own, not told of, keeps it
        # whatever the alarm reads: beside a question of a shelter or a road ("tomorrow we
        # leave the shelter but the men who threatened us know we are here, is there another
        # shelter") the alarm model read 0.28-0.35 (issue 11ap). Nor the writer or one of
        # theirs held now, told with a place or a time ("mi hijo esta preso en leon": 0.22 and
        # alarm 0.06; issue 11, ``detained_now``).
        return without_emergency(analysis, threshold, outside)
    if not _may_be_told(folded, text):  # no clause can be told of: spare the triggers
        return analysis
    parts = [dataclasses.replace(c, trigger=EMERGENCY in triggered(c.text)) for c in parts]
    spanning = found is not None and found.source == "trigger" and not any(
        c.trigger for c in parts)
    # The clauses that carry the danger; when none reaches CARRY_P, the likeliest one.
    carrying = [c for c in parts if c.trigger or c.alarm >= CARRY_P] or [
        max(parts, key=lambda c: c.alarm)]
    # A word of danger still going on in another clause keeps it ("... hace 2 años, y ahora
    # piden dinero"); inside a told clause only a word of time does (``Clause.told``).
    # Nor when someone is kept after a release ("nos dejaron salir pero se quedaron con mi
    # esposo", ``_NOT_ALL``; issue 11as).
    if carrying and not spanning and all(c.told for c in carrying) \
            and not _NOT_ALL.search(folded) \
            and not any(_NOW.search(c.text) or _MORE_ASKED.search(c.text)
                        for c in parts if c not in carrying):
        return without_emergency(analysis, threshold, outside)
    return analysis


#: A symptom said to be slight: "ti lafyèv", "un poco de calentura", "a little fever". A clause
#: that says so is not rescued as an emergency by the alarm model alone (issue 11x: "pitit
#: mwen gen ti lafyèv depi yè, kote lopital la ye" read 0.92 and opened an urgent case); a
#: trigger, a body in trouble or a call for help in it still count.
_MILD = re.compile(
    r"\b(ti (lafyev|fyev|tous|grip|doule|maladi|tet fe mal)|un poco de (fiebre|calentura|tos|gripa"
    r"|dolor)|poquita (fiebre|calentura|tos)|algo de (fiebre|calentura|tos)|a (little|bit of|slight"
    r"|low) (fever|cough|cold|temperature)|(slight|low|mild|low grade) (fever|temperature|cough)"
    r"|fiebre leve|calentura leve|tos leve)\b")


def _mild(clause: str) -> bool:
    """A clause that tells of a slight symptom and of nothing worse (``_MILD``)."""
    return bool(_MILD.search(clause)) and not (_BODY.search(clause) or _HELP.search(clause))


def _may_be_old(folded: str) -> bool:
    """A date, a story, a "what if" or a denial in the message: what decides that a threat told
    (``extortion``) is not now; a release told beside it does not ("ya lo soltaron pero dicen
    que se lo llevan otra vez si no pagamos")."""
    year = dt.date.today().year
    return any(r.search(folded) for r in (_LONG_AGO, _BEFORE, _STORY, _IF, _MAYBE, _WHAT_IS,
                                          _DENIED, _JOKE)) or _fled(folded) \
        or any(int(y) < year for y in _YEAR.findall(folded))


def _may_be_told(folded: str, raw: str) -> bool:
    """Whether any clause of the message may be told of, not now (a cheap test on the whole
    message: each clause's checks search the same words)."""
    return any(e in raw for e in _JOKE_EMOJI) or any(r.search(folded) for r in (
        _DENIED, _LONG_AGO, _BEFORE, _YEAR, _OVER, _IF, _STORY, _JOKE, _NOT_A_PERSON, _NOT_NOW,
        _WHAT_IS, _PAID_SCAM, _WORK_BOUND, _MAYBE, _FLED, _OFFER_IF, _NOTHING, _WOULD, _JOB_LEFT,
        _NOT_ALLOWED_OUT, _EVICTED)) \
        or settled(raw)


def with_emergency(analysis: Analysis, clause: Clause) -> Analysis:
    """``analysis`` answered first with the emergency that ``clause`` tells of; what the
    message asked besides stays in its findings (and is answered after it)."""
    match = analysis.match
    finding = Finding(EMERGENCY, clause.alarm, "priority", clause.text)
    findings = (finding, *(f for f in analysis.findings if f.intent != EMERGENCY))
    match = dataclasses.replace(
        match, intent=EMERGENCY, score=clause.alarm, source="priority", trigger=None,
        reason=f"{match.reason}; a clause tells of danger now (alarm {clause.alarm:.2f})")
    return dataclasses.replace(analysis, match=match, findings=findings)


# A departure set for a day ahead (issue 11ao): "se van el martes", "they leave tuesday",
# "sale mañana", "nou pral pati samdi". Nobody has gone yet: told with no word of danger, the
# plan gives way whatever the alarm model reads (``bot.crossing.review``; someone gone and not
# heard of is ``bot.crossing._GONE``), and beside danger now it is someone's plan (``plan_clause``).
_DAY_AHEAD = (
    r"(el |este |on |this |next |la |en )?(lunes|martes|miercoles|jueves|viernes"
    r"|sabado|domingo|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lendi|madi"
    r"|mekredi|jedi|vandredi|samdi|dimanch|manana|tomorrow|demen|semana que (entra|viene)"
    r"|tonight|esta noche|aswe a|aswe|en la noche|hoy en la noche"
    r"|proxima semana|otra semana|next week|semenn pwochen|\d+ de (enero|febrero|marzo|abril"
    r"|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre))")
_DEPARTS = re.compile(
    r"\b(se va|se van|nos vamos|me voy|sale|salen|salimos|salgo|se (lo|la|los|las) lleva"
    r"|leave|leaves|leaving|head out|heads out|heading out|(pral|ap|va|prale) (pati|ale|kite)) "
    rf"(\w+ ){{0,3}}{_DAY_AHEAD}\b")


def departs(folded: str) -> bool:
    """A departure set for a day ahead (``_DEPARTS``)."""
    return bool(_DEPARTS.search(folded))


def without_departure(folded: str) -> str:
    """``folded`` without its departures ahead (``_DEPARTS``): the "tonight" of "he leaves
    tonight" is the plan's day, not a word of danger now."""
    return _DEPARTS.sub(" ", folded)


#: A crossing plan told in one clause of another question ("ando juntando pa irme el otro año,
#: mientras hay algo de chamba aqui en gto?", "m vle kontinye al Ozetazini san papye, men pou
#: kounye a ki kote m ka dòmi?"): the topic classifier's first choice for that clause alone, at
#: this probability, adds the crossing warning before the topic. Chosen on the dev sets (issue
#: 11o): 0.9 warned 4 more plans and added the warning to 3 messages that are not plans (a
#: Kreyòl arrival "semèn pase", a desert told of in 2019, a fake offer "across the border"),
#: with no other change; 0.8 added more of those.
PLAN_P = 0.9
_PLAN_MIN_WORDS = 3
#: Someone's plan, beside an emergency told in another clause: a wish, a date ahead, a try.
_PLAN = re.compile(
    r"\b(quiere|quiero|queremos|quieren|piensa|pienso|pensando|planea\w*|va a|voy a|vamos a"
    r"|van a|thinking (of|about)|ap panse|semana que entra|la otra semana|proxima semana"
    r"|intentar|want\w*|planning|plans? to"
    r"|going to|gonna|next week|next month|try again|vle|pral|ap planifye|semenn pwochen"
    r"|eseye)\b")
#: ... and not a plan refused: "m pa janm vle eseye travèse ankò", "ya no quiero intentar".
_NO_PLAN = re.compile(r"\b(pa janm|pa vle|no quiero|ya no|nunca|never|dont want|don t want)\b")
#: "What if" asked of the crossing's route ("y si se me acaba el agua en el desierto", "si m
#: pèdi nan dezè a"): a plan, not danger now.
_ROUTE = re.compile(r"\b(desierto|desert|deze|el monte|el cerro|the hills|nan mon|rio bravo"
                    r"|rio grande|el rio|the river|larivye|muro|barda|wall|fence"
                    r"|mi a|miray la)\b")


#: Someone to be sent with the same man or the same people (the one of the danger told beside
#: it): "wants to send her other daughter next week with the same guy", "quiere mandar a su
#: otra hija con el mismo señor", "vle voye lòt pitit fi li ak menm nèg la" (issue 11as).
_SENT_WITH = re.compile(
    r"\b(send|sending|mandar\w*|manda|envia\w*|enviar\w*|llevar\w*|voye|mennen)( \w+){0,8}"
    r" (with|con|ak|avek) (the same|el mismo|la misma|los mismos|menm) (\w+)\b")


def plan_clause(analysis: Analysis, text: str,
                classify: Callable[[str], tuple[str | None, float]],
                alarm: Callable[[str], float] | None = None,
                plan_words: Callable[[str], bool] | None = None) -> Analysis:
    """``analysis`` with the crossing warning when one clause of a message of two or more is a
    crossing plan on its own (``classify``: the matcher's first choice for a text), or when the
    message asks "what if" of the crossing's route (``_IF`` and ``_ROUTE``), and it has no crossing
    finding and no command as its answer. Beside an emergency the plan must be someone's
    plan in a clause of its own (``_PLAN``, ``alarm`` below ``CARRY_P``): "secuestraron a un
    hijo ... y el otro se quiere ir la semana que entra" gets both parts, in that order. A
    clause that sets a departure ahead (``_DEPARTS``) in the words of a plan (``plan_words``,
    ``bot.crossing.plan_in_words``) is one whatever the classifier reads: "... epi frè m pral
    pati vandredi ak yon koyòt" (issue 11ao)."""
    match = analysis.match
    emergency = match.intent == EMERGENCY
    if match.intent in (CROSSING, "stop", "menu", "language", "delete_data") \
            or (not emergency and (analysis.finding(CROSSING) or analysis.finding(EMERGENCY))):
        return analysis
    folded = fold(text)
    if not emergency and _IF.search(folded) and _ROUTE.search(folded) \
            and not not_a_crossing(folded):
        return _with_plan(analysis, Finding(CROSSING, 1.0, "part", folded))
    pieces = _pieces(text, _PLAN_MIN_WORDS)
    if len(pieces) < 2:  # one clause is the whole message, already read
        return analysis
    # A pet named in another clause is what crosses ("pulled a dog out of a canal ..., can we
    # bring him across to the US?").
    pet = _NOT_A_PERSON.search(folded) or _PET_ANY.search(folded)
    for piece in pieces:
        # Someone sent with the one who did the harm told beside it ("... and my sister wants to
        # send her other daughter next week with the same guy"): a plan, whatever the alarm
        # model reads of its words, when it has no word of danger itself (issue 11as).
        sent = emergency and bool(_SENT_WITH.search(piece)) and not danger_word(piece) \
            and not _NO_PLAN.search(piece)
        if emergency and not sent and (not (_PLAN.search(piece) or _DEPARTS.search(piece))
                                       or _NO_PLAN.search(piece) or alarm is None
                                       or alarm(piece) >= CARRY_P):
            continue
        intent, p = classify(piece)
        dated = plan_words is not None and bool(_DEPARTS.search(piece)) and plan_words(piece) \
            or sent
        if (intent == CROSSING and p >= PLAN_P or dated) and not not_a_crossing(piece) and not pet \
                and not told_not_now(piece, piece, plans=False):
            score = p if intent == CROSSING else PLAN_P
            return _with_plan(analysis, Finding(CROSSING, max(score, PLAN_P) if dated else score,
                                                "plan" if emergency else "part", piece))
    return analysis


#: Someone taken, told in a clause of its own: "they took my niece at the border", "men grabbed
#: my son", "se llevaron a mi sobrina", "yo pran nyès mwen".
#: (Issue 11av: also arrested in Kreyòl, "yo arete neve m", and a nephew or a niece there.)
_TAKEN = re.compile(rf"\b((took|taken|grabbed|kidnapped|snatched) (my|his|her|our) (\w+ )?({_KIN})"
                    rf"|(se llevaron|agarraron|levantaron|secuestraron) a (mi|mis|su|nuestr[oa]) "
                    rf"(\w+ )?({_KIN})|(pran|kidnape|arete) ({_KIN_HT}|neve|nyes) (m|mwen))\b")
#: ... read as an emergency on its own by the topic classifier at this (issue 11as).
TAKEN_P = 0.85
#: ... or by the matcher as that clause of the message, at this (issue 11av): "my nephew wants to
#: go over with a guy next week and they grabbed my nephew at the border" reads 0.78 emergency in
#: its clause (out of scope 0.41 cut out alone), "... y agarraron a mi sobrino en la frontera"
#: 0.85 (0.73 alone). The clause's own words of someone taken must say so too.
TAKEN_PART_P = 0.75


def taken_beside_plan(analysis: Analysis, text: str,
                      classify: Callable[[str], tuple[str | None, float]]) -> Analysis:
    """``analysis`` with the emergency first when the message is read as a crossing plan and
    one clause tells of someone taken (``_TAKEN``), read as an emergency on its own at
    ``TAKEN_P`` (or as a clause of the message at ``TAKEN_PART_P``), not told of: "they took my
    nephew at the border, and his mom wants to send the little one with the same guy" (the plan
    part of the words outweighed the danger). Run after ``bot.crossing.review``, which would
    read the whole message as a plan again."""
    if analysis.match.intent != CROSSING:
        return analysis
    # The matcher's own reading of a clause that tells of someone taken (issue 11av).
    read = max((f.score for f in analysis.findings if f.intent == EMERGENCY
                and f.source == "part" and _TAKEN.search(f.evidence)), default=0.0)
    for piece in _pieces(text, _PLAN_MIN_WORDS):
        if not _TAKEN.search(piece) or told_not_now(piece, piece, plans=False):
            continue
        intent, p = classify(piece)
        p = p if intent == EMERGENCY else 0.0
        if p >= TAKEN_P or read >= TAKEN_PART_P:
            p = max(p, read)
            # Answered after the emergency, as someone's plan told beside it (``plan_clause``).
            plan = Finding(CROSSING, max(analysis.match.score, PLAN_P), "plan",
                           analysis.match.normalized)
            found = with_emergency(analysis, Clause(piece, p, False))
            others = tuple(f for f in found.findings if f.intent != CROSSING)
            return dataclasses.replace(found, findings=(*others, plan))
    return analysis


def _with_plan(analysis: Analysis, found: Finding) -> Analysis:
    """``analysis`` with the crossing plan ``found``; it answers when nothing else does."""
    match = analysis.match
    if match.intent is None:
        match = dataclasses.replace(match, intent=CROSSING, score=found.score, source="part",
                                    reason=f"{match.reason}; a crossing plan in it")
    return dataclasses.replace(analysis, match=match, findings=(found, *analysis.findings))
