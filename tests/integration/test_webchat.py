"""The web chat routes through the Flask test client, on the real engine and database."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from bot.content import Catalog


def csrf(client: FlaskClient) -> str:
    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    return html.split('name="csrf-token" content="')[1].split('"')[0]


def say(client: FlaskClient, token: str, text: str, **extra: Any) -> Any:
    return client.post("/webchat/messages", json={"text": text, **extra},
                       headers={"X-CSRF-Token": token})


def test_page_is_served_in_spanish_with_local_assets(app: Flask) -> None:
    html = app.test_client().get("/").get_data(as_text=True)
    assert '<html lang="es"' in html
    assert "/static/webchat.js" in html and "http" not in html.split("<body>")[0].replace(
        'http-equiv', '')


def test_question_gets_answer_and_poll_returns_history(app: Flask, catalog: Catalog) -> None:
    client = app.test_client()
    token = csrf(client)
    res = say(client, token, "q apoyos hay pa poner un negocio aqui en guanajuato")
    assert res.status_code == 200
    body = res.get_json()
    assert body["replies"][0]["text"] == catalog.intents["business_jobs"].text("es")
    assert all(isinstance(r["id"], int) for r in body["replies"])
    history = client.get("/webchat/messages?after=0").get_json()["messages"]
    assert [m["author"] for m in history][:2] == ["person", "bot"]
    last = history[-1]["id"]
    assert client.get(f"/webchat/messages?after={last}").get_json()["messages"] == []


def test_language_switch_answers_in_kreyol(app: Flask, catalog: Catalog) -> None:
    client = app.test_client()
    res = say(client, csrf(client), "menu", lang="ht")
    assert res.get_json()["lang"] == "ht"
    assert res.get_json()["menu"][0]["title"] == catalog.intents["emergency"].menu_title("ht")


def test_each_browser_has_its_own_conversation(app: Flask) -> None:
    a, b = app.test_client(), app.test_client()
    say(a, csrf(a), "hola")
    csrf(b)
    assert b.get("/webchat/messages?after=0").get_json()["messages"] == []


@pytest.mark.parametrize("payload", [None, [], {"text": 5}, {"text": ""}, {"text": "x" * 2001}])
def test_bad_input_gets_400(app: Flask, payload: Any) -> None:
    client = app.test_client()
    res = client.post("/webchat/messages", json=payload, headers={"X-CSRF-Token": csrf(client)})
    assert res.status_code == 400 and "error" in res.get_json()


def test_missing_csrf_token_is_refused(app: Flask) -> None:
    client = app.test_client()
    csrf(client)
    assert client.post("/webchat/messages", json={"text": "hola"}).status_code == 403


def test_invalid_utf8_and_huge_body_never_500(app: Flask) -> None:
    client = app.test_client()
    token = csrf(client)
    res = client.post("/webchat/messages", data=b"\xff\xfe{bad", headers={
        "X-CSRF-Token": token, "Content-Type": "application/json"})
    assert res.status_code == 400
    res = client.post("/webchat/messages", data=b"x" * (1024 * 1024 + 10), headers={
        "X-CSRF-Token": token, "Content-Type": "application/json"})
    assert res.status_code == 413


def test_healthz_and_privacy(app: Flask) -> None:
    client = app.test_client()
    assert client.get("/healthz").get_json() == {"status": "ok"}
    assert "borrar mis datos" in client.get("/privacidad").get_data(as_text=True)


def test_channels_without_credentials_are_off(app: Flask) -> None:
    client = app.test_client()
    assert client.post("/webhooks/telegram", json={}).status_code == 404
    assert client.post("/webhooks/whatsapp", data={}).status_code == 404


def test_nul_and_lone_surrogates_are_cleaned_not_a_500(app: Flask, catalog: Catalog) -> None:
    client = app.test_client()
    res = say(client, csrf(client), "hola\x00 buenas \ud800")
    assert res.status_code == 200
    assert res.get_json()["replies"][0]["text"] == catalog.intents["greeting"].text("es")
    person = client.get("/webchat/messages?after=0").get_json()["messages"][0]
    assert person["author"] == "person" and "\x00" not in person["text"]


def test_page_language_is_a_first_guess_and_a_picked_language_sticks(app: Flask) -> None:
    client = app.test_client()
    token = csrf(client)
    out = say(client, token, "hi, how can I send money to my mom in Mexico?", ui_lang="es")
    assert out.get_json()["lang"] == "en"  # what the person writes decides
    picked = say(client, token, "hola", ui_lang="ht", lang="ht")  # the person chose Kreyòl
    assert picked.get_json()["lang"] == "ht"
    later = say(client, token, "how do I send money to Mexico", ui_lang="ht")
    assert later.get_json()["lang"] == "ht"


def test_privacy_notice_follows_the_language_and_the_first_screen_links_it(app: Flask) -> None:
    client = app.test_client()
    assert "Privacy notice of this chat" in client.get("/privacidad?lang=en").get_data(True)
    assert "Avi sou vi prive" in client.get("/privacidad?lang=ht").get_data(True)
    assert "Aviso de privacidad" in client.get("/privacidad?lang=xx").get_data(True)
    page = client.get("/?lang=en").get_data(as_text=True)
    assert 'id="privacy-link" href="http://localhost/privacidad?lang=en"' in page


def test_menu_is_the_header_and_buttons_only(app: Flask, catalog: Catalog) -> None:
    """The web chat shows the menu once, as buttons; the written list is for text channels."""
    client = app.test_client()
    body = say(client, csrf(client), "menu").get_json()
    titles = [item["title"] for item in body["menu"]]
    assert len(titles) == len(catalog.menu) and body["menu"][0]["n"] == 1
    shown = "\n".join(r["text"] for r in body["replies"])
    marked = [r["text"] for r in body["replies"] if r.get("menu") is True]
    assert marked == [catalog.intents["menu"].text("es").strip()]  # the buttons go under it
    assert f"1. {titles[0]}" not in shown and f"{len(titles)}. {titles[-1]}" not in shown


def test_menu_header_keeps_text_without_a_written_list() -> None:
    from webhooks.webchat import menu_header

    menu = ((1, "Emergencias"), (2, "Trámites"))
    assert menu_header("Elige:\n\n1. Emergencias\n2. Trámites\n\nEscribe el número.", menu) \
        == "Elige:"
    assert menu_header("No entendí. Elige un tema:", menu) == "No entendí. Elige un tema:"


@pytest.mark.parametrize("path", ["/", "/static/webchat.js", "/static/webchat.css"])
def test_page_js_and_css_are_gzipped_when_accepted(app: Flask, path: str) -> None:
    import gzip

    client = app.test_client()
    with client.get(path) as plain:  # closed: a static file is read from disk
        assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
        raw = plain.get_data()
    with client.get(path, headers={"Accept-Encoding": "gzip"}) as res:
        assert res.status_code == 200 and res.headers["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in res.headers["Vary"]
        sent = res.get_data()
    body = gzip.decompress(sent)
    assert len(sent) < len(body) / 2
    if path == "/":  # the page holds this session's CSRF token: not byte-equal to the first
        assert b'name="csrf-token"' in body
    else:
        assert body == raw


def test_json_answers_are_not_compressed(app: Flask) -> None:
    client = app.test_client()
    token = csrf(client)
    res = client.post("/webchat/messages", json={"text": "menu"},
                      headers={"X-CSRF-Token": token, "Accept-Encoding": "gzip"})
    assert res.status_code == 200 and "Content-Encoding" not in res.headers
