"""Error pages: Spanish HTML for people and agents in a browser, JSON for the JSON routes.

The channel webhooks (Telegram, Twilio) keep Werkzeug's short answers: nobody reads them but
the provider. A 500 is logged by Flask (with the traceback) before this page is shown.
"""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

__all__ = ["JSON_PREFIXES", "MESSAGES", "init_app"]

JSON_PREFIXES = ("/api/", "/console/api/", "/webchat/", "/healthz", "/metrics")
WEBHOOK_BLUEPRINTS = ("telegram", "whatsapp", "sms")
# (title, explanation) per status code; the last entry is for any other code.
MESSAGES = {
    400: ("Solicitud no válida",
          "El formulario caducó o llegó incompleto. Recarga la página e inténtalo de nuevo."),
    401: ("Hace falta entrar", "Entra a la consola con tu nombre y contraseña."),
    403: ("Sin permiso", "Tu cuenta no tiene permiso para ver esta página."),
    404: ("No encontramos esta página",
          "La dirección no existe o lo que buscabas ya no está. Revisa el enlace."),
    405: ("Acción no permitida", "Esta dirección no acepta esa acción. Vuelve a la página "
                                 "anterior y usa sus botones."),
    413: ("Mensaje demasiado grande", "Lo que enviaste es demasiado grande. Envía algo más corto."),
    500: ("Algo salió mal", "Tuvimos un error en el servidor. Ya quedó registrado; "
                            "inténtalo de nuevo en un momento."),
    0: ("No se pudo", "No se pudo completar la solicitud. Vuelve a intentarlo."),
}


def init_app(app: Flask) -> None:
    """Answer every HTTP error of ``app`` in Spanish (HTML) or as JSON."""
    app.register_error_handler(HTTPException, _http_error)


def _http_error(exc: HTTPException) -> HTTPException | tuple[Response | str, int]:
    code = exc.code or 500
    if request.blueprint in WEBHOOK_BLUEPRINTS or code < 400:
        return exc
    if request.path.startswith(JSON_PREFIXES):
        response = jsonify(error=(exc.name or "error").lower())
        return _with_headers(response, exc), code
    title, text = MESSAGES.get(code, MESSAGES[0])
    if isinstance(exc, InternalServerError):
        title, text = MESSAGES[500]
    home = "/console/" if request.path.startswith("/console") else "/"
    html = render_template("error.html", code=code, title=title, text=text, home=home)
    return _with_headers(Response(html, mimetype="text/html"), exc), code


def _with_headers(response: Response, exc: HTTPException) -> Response:
    """Keep headers the error carries (``Allow`` on a 405, ``Retry-After``)."""
    for name, value in exc.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response
