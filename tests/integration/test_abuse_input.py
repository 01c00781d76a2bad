"""Malformed input found by the red team (issue 14, items 3 and 12): always a 4xx, and a
database error never logs the message text or the number it carried."""

from __future__ import annotations

import logging

import pytest
from flask import Flask
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from bot import db
from tests.integration.test_webchat import csrf


@pytest.mark.parametrize("after", ["9999999999999999999", "9" * 20, "²", "١٢", "-1", " 1"])
def test_poll_after_out_of_range_or_not_ascii_is_400(app: Flask, after: str) -> None:
    client = app.test_client()
    csrf(client)
    res = client.get("/webchat/messages", query_string={"after": after})
    assert res.status_code == 400 and "error" in res.get_json()


def test_deeply_nested_json_is_400(app: Flask) -> None:
    client = app.test_client()
    body = "[" * 5000 + "]" * 5000
    res = client.post("/webchat/messages", data=body, content_type="application/json",
                      headers={"X-CSRF-Token": csrf(client)})
    assert res.status_code == 400
    nested = '{"text": ' + "[" * 5000 + "]" * 5000 + "}"
    res = client.post("/webchat/messages", data=nested, content_type="application/json",
                      headers={"X-CSRF-Token": csrf(client)})
    assert res.status_code == 400


def test_csrf_header_not_ascii_is_403(app: Flask) -> None:
    client = app.test_client()
    csrf(client)
    res = client.post("/webchat/messages", json={"text": "hola"},
                      headers=[("X-CSRF-Token", "\xe9")])
    assert res.status_code == 403


def test_database_error_never_logs_parameters(db_url: str,
                                              caplog: pytest.LogCaptureFixture) -> None:
    secret_text, number = "me detuvo la migra en Celaya", "+5214611234567"
    engine = db.make_engine(db_url)
    try:
        with caplog.at_level(logging.DEBUG), pytest.raises(SQLAlchemyError) as err, \
                engine.connect() as conn:
            # A statement that fails after binding both values (no such table).
            conn.execute(text("INSERT INTO no_such_table (a, b) VALUES (:t, :n)"),
                         {"t": secret_text, "n": number})
        logging.getLogger("test").exception("db error", exc_info=err.value)
    finally:
        engine.dispose()
    shown = caplog.text + str(err.value)
    assert "no_such_table" in shown  # the error itself is logged...
    assert secret_text not in shown and number not in shown  # ...never what it carried
