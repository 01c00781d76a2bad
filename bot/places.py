"""The USA named: the country, its states and the cities paisanos name most, in es, en, fr and
ht, as folded text (``bot.content.fold``) says them.

One list for every reader that asks whether a message speaks of the USA: a crossing plan going
there (``bot.crossing``), a detention feared there (``bot.danger``), asylum asked of it rather
than of Mexico (``bot.commands``). Words that mean the USA only in one use ("el otro lado",
"el norte", "lot bo", "ICE", the border towns one crosses from) stay at that use.

``US_PLACES`` is an alternation to put in a group between word boundaries:
``rf"\\b({US_PLACES})\\b"``.

``GUANAJUATO`` is the same for the state's cities and towns, and the two on the migrants' way
into and out of it (Querétaro, San Luis Potosí): where a migrant passing through says they
are (``bot.scope.passing_here``).
"""

from __future__ import annotations

#: The country by its names; "America" not after "centro", "central" or "latin".
_COUNTRY = (r"estados unidos|eeuu|eua|usa|the us|the states|united states|etats unis|etazini"
            r"|ozetazini|(?<!centro )(?<!central )(?<!latin )america")
_STATES = (r"arizona|texas|california|nuevo mexico|new mexico|nevada|georgia|carolina"
           r"|north carolina|florida|illinois|indiana|tennessee|oklahoma|colorado|utah|oregon"
           r"|washington|new jersey|ohio|kansas|nebraska|iowa|alabama")
_CITIES = (r"nueva york|new york|nouyok|atlanta|dalton|houston|dallas|san antonio|austin"
           r"|chicago|los angeles|phoenix|tucson|denver|las vegas|salinas|fresno|san jose"
           r"|charlotte|nashville|miami|orlando|boston|seattle|portland|detroit|milwaukee"
           r"|indianapolis|minneapolis|kansas city|oklahoma city|el paso|laredo|mcallen"
           r"|san diego")
US_PLACES = f"{_COUNTRY}|{_STATES}|{_CITIES}"

# Guanajuato's municipalities; not the ones named like a person or a place elsewhere (Victoria,
# Ocampo, Pueblo Nuevo, Santa Catarina, Tierra Blanca). The longer name first ("san luis de la
# paz" before "san luis potosi").
_GTO = (r"guanajuato|gwanajwato|gto|leon|irapuato|celaya|salamanca|silao|san miguel de allende"
        r"|san miguel|dolores hidalgo|dolores|san luis de la paz|penjamo|acambaro|valle de santiago"
        r"|san francisco del rincon|purisima del rincon|moroleon|uriangato|salvatierra"
        r"|apaseo el grande|apaseo el alto|apaseo|cortazar|villagran|comonfort|san felipe|abasolo"
        r"|yuriria|romita|juventino rosas|santa cruz de juventino rosas|tarimoro"
        r"|jaral del progreso|san jose iturbide|doctor mora|xichu|atarjea|cueramaro|huanimaro"
        r"|jerecuaro|coroneo|tarandacuao|santiago maravatio|manuel doblado"
        r"|san diego de la union")
GUANAJUATO = f"{_GTO}|queretaro|san luis potosi"
