"""One error shape: JSON for /api/*, a Chinese page for people, never a traceback."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.testclient import TestClient

from app.config import Settings
from app.errors import BadParameter, Gone
from app.main import create_app


def _app_with_failures(settings: Settings) -> TestClient:
    app = create_app(settings)
    router = APIRouter()

    @router.get("/api/boom")
    @router.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    @router.get("/api/gone")
    def gone() -> None:
        raise Gone("段落已不存在", old_text="旧文字")

    @router.get("/bad")
    def bad() -> None:
        raise BadParameter("参数不对")

    app.include_router(router)
    return TestClient(app, raise_server_exceptions=False)


def test_unexpected_errors_answer_500_without_a_traceback(empty_settings: Settings) -> None:
    client = _app_with_failures(empty_settings)
    api = client.get("/api/boom")
    assert api.status_code == 500
    assert api.json() == {"error": {"status": 500, "message": "服务器内部出错，请稍后再试。"}}
    page = client.get("/boom")
    assert page.status_code == 500 and "服务器出错" in page.text
    assert "secret internals" not in page.text and "Traceback" not in page.text


def test_domain_errors_keep_their_status_and_extra_fields(empty_settings: Settings) -> None:
    client = _app_with_failures(empty_settings)
    assert client.get("/api/gone").json() == {"error": {"status": 410, "message": "段落已不存在", "old_text": "旧文字"}}
    page = client.get("/bad")
    assert page.status_code == 422 and "参数不对" in page.text


def test_an_empty_archive_serves_every_list_page(empty_settings: Settings) -> None:
    with TestClient(create_app(empty_settings)) as client:
        for url in ("/", "/zones", "/cities", "/api/zones", "/api/cities", "/api/home"):
            assert client.get(url).status_code == 200, url


def test_a_nul_character_is_refused_at_the_door_on_every_backend(client: TestClient) -> None:
    # PostgreSQL refuses NUL in any text value: it must never reach a query (it answered 500).
    for url in ("/api/articles?city=%00", "/api/search?q=a&zone=%E4%BA%A4%00", "/search.csv?q=a&source=%00"):
        response = client.get(url)
        assert response.status_code == 422, url
        assert response.json()["error"]["status"] == 422
        assert "\x00" not in response.text
    assert client.get("/search?q=a&year=%00").status_code == 422
    assert client.get("/api/search?q=%E4%BA%A4%00").status_code == 200  # free text: searched as typed
    assert client.get("/api/zones/%00").status_code == 404
    assert client.get("/p/p-%00").status_code == 404
    assert client.get("/api/articles?city=").status_code != 422  # an empty value is not refused
