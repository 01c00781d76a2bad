"""Spanish words for the console: intent and audit-action names, plurals, numbers and dates.

Pure functions (no Flask, no database) so the console's templates, its CSV and the tests
all say things the same way. Intent names come from the catalog's own Spanish titles
(``content/``), so they never drift from what people see in the menu; audit actions have
their names here, one entry for every action the code writes (a test reads the code).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from bot.content import Catalog
from bot.flood import FLOOD_INTENT, TOO_FAST_INTENT

__all__ = [
    "AUDIT_ACTIONS",
    "CODE_INTENTS",
    "MONTHS",
    "action_name",
    "agent_label",
    "audit_detail",
    "count",
    "date_time",
    "day",
    "intent_name",
    "intent_names",
    "number",
    "percent",
    "plural",
]

AUDIT_ACTIONS = {
    "login": "Entró a la consola",
    "login_bad": "Contraseña incorrecta",
    "login_unknown": "Nombre desconocido",
    "login_waiting": "Intento durante la espera por fallos",
    "login_inactive": "Intento con cuenta desactivada",
    "login_too_long": "Contraseña demasiado larga",
    "logout": "Salió de la consola",
    "read": "Abrió la conversación",
    "claim": "Tomó la conversación",
    "reply": "Respondió a la persona",
    "note": "Escribió una nota interna",
    "transfer": "Transfirió la conversación",
    "release": "Devolvió la conversación a la cola",
    "close": "Cerró la conversación",
    "abuse": "Marcó el contacto como abuso",
    "agent_add": "Creó una cuenta de agente",
    "agent_disable": "Desactivó una cuenta",
    "agent_enable": "Activó una cuenta",
    "agent_unlock": "Desbloqueó una cuenta",
    "agent_reset": "Cambió una contraseña",
    "agent_display": "Cambió un nombre visible",
    "token_issued": "Generó un token de la API",
    "purge": "Borró datos antiguos (retención)",
    "suggestion": "Propuso frases de entrenamiento",
    "abuse_lifted": "Retiró la marca de abuso",
    "auto_assign": "Recibió un caso por asignación automática",
    "canned_add": "Creó una respuesta guardada",
    "canned_edit": "Cambió una respuesta guardada",
    "canned_delete": "Borró una respuesta guardada",
    "label_add": "Agregó una etiqueta",
    "label_remove": "Quitó una etiqueta",
    "search": "Buscó conversaciones",
    "search_read": "Vio una conversación en los resultados",
    "contact_read": "Abrió la vista de un contacto",
}
# Intents the code writes that are not topics of the catalog.
CODE_INTENTS = {
    FLOOD_INTENT: "Mensaje retenido (escribía muy rápido)",
    TOO_FAST_INTENT: "Aviso: escribe más despacio",
}
MONTHS = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")
_AGENT_ID = re.compile(r"\bagent id (\d+)")
_ROLE = re.compile(r"\brole (agent|admin)\b")
_ROLES = {"agent": "agente", "admin": "administrador"}


def intent_names(catalog: Catalog) -> dict[str, str]:
    """Every intent's Spanish name: its Spanish title in the catalog (and the code's own)."""
    return {**CODE_INTENTS, **{i.id: i.title.get("es", "") for i in catalog.intents.values()}}


def intent_name(catalog: Catalog, intent_id: str | None) -> str:
    """The Spanish name of ``intent_id``; a dash for none, the id itself if unknown."""
    if not intent_id:
        return "—"
    intent = catalog.intents.get(intent_id)
    if intent is None:
        return CODE_INTENTS.get(intent_id, intent_id)
    return intent.title.get("es") or intent_id


def agent_label(name: str, display_name: str | None) -> str:
    """How the console names an agent: "Rosa Jiménez (rosa)", or the login name alone."""
    return f"{display_name} ({name})" if display_name else name


def action_name(action: str) -> str:
    """The Spanish name of an audit action (the code itself for an unknown one)."""
    return AUDIT_ACTIONS.get(action, action)


def audit_detail(detail: str | None, agent_labels: Mapping[int, str]) -> str:
    """An audit detail with "agent id 2" replaced by the agent's name, roles in Spanish."""
    if not detail:
        return ""
    text = _AGENT_ID.sub(lambda m: agent_labels.get(int(m.group(1)), m.group(0)), detail)
    return _ROLE.sub(lambda m: "rol " + _ROLES[m.group(1)], text)


def number(value: float, decimals: int = 0) -> str:
    """A number as written in Mexico: "1,234", "61.5"."""
    return f"{value:,.{decimals}f}"


def percent(ratio: float, decimals: int = 1) -> str:
    """A ratio (0.615) as a percentage written in Mexico: "61.5%"."""
    return f"{ratio * 100:,.{decimals}f}%"


def plural(n: int, one: str, many: str) -> str:
    """``one`` for exactly 1, else ``many`` (Spanish: "0 calificaciones", "1 calificación")."""
    return one if n == 1 else many


def count(n: int, one: str, many: str) -> str:
    """A count with its word: "1 calificación", "1,234 calificaciones"."""
    return f"{number(n)} {plural(n, one, many)}"


def date_time(value: dt.datetime | None, tz: dt.tzinfo) -> str:
    """A moment in ``tz`` as "5 dic 2026, 14:03"; a dash for none."""
    if value is None:
        return "—"
    local = value.astimezone(tz)
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}, {local:%H:%M}"


def day(value: dt.date | None) -> str:
    """A date as "5 dic 2026"; a dash for none."""
    if value is None:
        return "—"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
