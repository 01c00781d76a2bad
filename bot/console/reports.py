"""Console pages for reading how the helpline does: analytics, unanswered texts, stale content.

Any logged-in agent may read them. The unanswered texts are what people wrote: they are
shown to staff and exported as CSV, never logged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

from flask import Response, render_template

from bot import analytics
from bot.console import auth, names
from bot.console.views import bp
from bot.web import db_session, helpline

__all__ = ["analytics_page", "content_page", "unanswered_csv", "unanswered_page"]

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
    return render_template("console/unanswered.html", groups=groups,
                           window=analytics.WINDOW_DAYS, scanned=analytics.MAX_SCANNED)


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA) else text


@bp.get("/unanswered.csv")
@auth.login_required
def unanswered_csv() -> Response:
    """The unanswered groups as a CSV download."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["representative", "count", "last_seen", "examples"])
    for group in analytics.unanswered(db_session()):
        writer.writerow([_cell(group.text), group.count, group.last_seen.isoformat(),
                         _cell(" | ".join(group.examples))])
    name = f"sin-respuesta-{dt.date.today().isoformat()}.csv"
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/content")
@auth.login_required
def content_page() -> str:
    """Answers not reviewed in 180 days, oldest review first."""
    stale = sorted(helpline().catalog.stale(), key=lambda i: (i.reviewed, i.id))
    return render_template("console/content.html", stale=stale)
