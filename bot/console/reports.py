"""Console pages for reading how the helpline does: analytics, unanswered texts, stale content.

Any logged-in agent may read them. The unanswered texts are what people wrote: they are
shown to staff and exported as CSV, never logged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from bot import agents, analytics, suggestions
from bot.console import auth, names
from bot.console.views import bp
from bot.content import default_content_dir
from bot.web import db_session, helpline

__all__ = ["analytics_page", "content_page", "suggest_phrases", "unanswered_csv",
           "unanswered_page"]

# Cells a spreadsheet would run as a formula get a leading apostrophe (CSV injection).
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@bp.get("/analytics")
@auth.login_required
def analytics_page() -> str:
    """Messages per day, top intents, handoff rate, waits and ratings (last 30 days)."""
    data = analytics.overview(
        db_session(), tz=ZoneInfo(helpline().settings.office_hours.tz))
    titles = names.intent_names(helpline().catalog)
    return render_template("console/analytics.html", data=data, titles=titles,
                           window=analytics.WINDOW_DAYS)


@bp.get("/unanswered")
@auth.login_required
def unanswered_page() -> str:
    """What people wrote that the bot did not understand, similar texts grouped."""
    groups = analytics.unanswered(db_session())
    intents = sorted(names.intent_names(helpline().catalog).items(), key=lambda kv: kv[1])
    return render_template("console/unanswered.html", groups=groups,
                           window=analytics.WINDOW_DAYS, scanned=analytics.MAX_SCANNED,
                           intents=[(i, n) for i, n in intents if i in helpline().catalog.intents])


def suggestions_dir() -> Path:
    """Where suggestion files go: ``content/suggestions`` (``SUGGESTIONS_DIR`` in tests)."""
    configured = current_app.config.get("SUGGESTIONS_DIR")
    return Path(configured) if configured else default_content_dir() / suggestions.FOLDER


@bp.post("/unanswered/suggest")
@auth.admin_required
def suggest_phrases() -> BaseResponse:
    """Write a group's texts as suggested training phrases of an intent (reviewed later)."""
    back = redirect(url_for("console.unanswered_page"), 303)
    catalog = helpline().catalog
    intent, lang = request.form.get("intent", ""), request.form.get("lang", "")
    phrases = request.form.getlist("phrase")[:suggestions.MAX_PHRASES * 2]
    try:
        kept = suggestions.clean(catalog, intent, lang, phrases)
    except suggestions.SuggestionError as exc:
        flash(str(exc), "error")
        return back
    admin = auth.current_agent()
    path = suggestions.write(suggestions_dir(), intent, lang, kept, admin.name, dt.date.today())
    s = db_session()
    agents.audit(s, admin.name, "suggestion",
                 detail=f"{len(kept)} phrases for {intent} ({lang}) in {path.name}")
    s.commit()
    flash(f"{names.count(len(kept), 'frase propuesta', 'frases propuestas')} para "
          f"«{names.intent_name(catalog, intent)}» en content/{suggestions.FOLDER}/{path.name}. "
          "Una persona debe revisarlas antes de que el bot las use.", "ok")
    return back


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA) else text


@bp.get("/unanswered.csv")
@auth.login_required
def unanswered_csv() -> Response:
    """The unanswered groups as a CSV download."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["representative", "count", "last_seen", "languages", "examples"])
    for group in analytics.unanswered(db_session()):
        writer.writerow([_cell(group.text), group.count, group.last_seen.isoformat(),
                         " ".join(group.languages), _cell(" | ".join(group.examples))])
    name = f"sin-respuesta-{dt.date.today().isoformat()}.csv"
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/content")
@auth.login_required
def content_page() -> str:
    """Answers not reviewed in 180 days, oldest review first."""
    stale = sorted(helpline().catalog.stale(), key=lambda i: (i.reviewed, i.id))
    return render_template("console/content.html", stale=stale)
