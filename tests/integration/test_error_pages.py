"""Error pages: Spanish HTML for the console and public pages, JSON for the JSON routes."""

from __future__ import annotations

import pytest

from tests.integration.test_console_support import Console


def spanish_page(res: object, code: int, title: str) -> str:
    html = res.get_data(as_text=True)  # type: ignore[attr-defined]
    assert res.status_code == code  # type: ignore[attr-defined]
    assert res.mimetype == "text/html"  # type: ignore[attr-defined]
    assert '<html lang="es">' in html and f"<h1>{title}</h1>" in html
    assert "Not Found" not in html and "Method Not Allowed" not in html
    return html


@pytest.mark.parametrize("path", ["/no-existe", "/privacidad/otra", "/console/no-existe",
                                  "/console/c/999999999999"])
def test_unknown_pages_are_a_spanish_404(c: Console, path: str) -> None:
    html = spanish_page(c.client.get(path), 404, "No encontramos esta página")
    home = "/console/" if path.startswith("/console") else "/"
    assert f'href="{home}"' in html


def test_wrong_method_is_a_spanish_405_that_keeps_allow(c: Console) -> None:
    res = c.client.post("/privacidad")
    spanish_page(res, 405, "Acción no permitida")
    assert "GET" in res.headers["Allow"]


def test_agent_on_an_admin_page_gets_a_spanish_403(ana: Console) -> None:
    html = spanish_page(ana.client.get("/console/agents"), 403, "Sin permiso")
    assert 'href="/console/"' in html


def test_a_crash_is_a_spanish_500_for_pages_and_json_for_the_api(c: Console) -> None:
    def boom() -> str:
        raise RuntimeError("a bug")

    app = c.h.app
    app.add_url_rule("/console/boom", "boom_page", boom)
    app.add_url_rule("/api/v1/boom", "boom_api", boom)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    spanish_page(c.client.get("/console/boom"), 500, "Algo salió mal")
    res = c.client.get("/api/v1/boom")
    assert res.status_code == 500 and res.get_json() == {"error": "internal server error"}


@pytest.mark.parametrize("path", ["/api/v1/no-existe", "/console/api/no-existe"])
def test_json_routes_keep_json_errors(c: Console, path: str) -> None:
    res = c.client.get(path)
    assert res.status_code == 404 and res.get_json() == {"error": "not found"}


def test_bad_csrf_is_a_spanish_400(c: Console) -> None:
    spanish_page(c.client.post("/console/login", data={"name": "x"}), 400, "Solicitud no válida")
