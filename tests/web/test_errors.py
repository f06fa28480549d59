"""Error pages: friendly HTML in the reader's language outside /api/, and the API's own format left alone."""
from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError
from web_helpers import text_of


def test_a_missing_page_is_a_friendly_404_in_russian_and_english(web):
    russian = web.get("/nowhere")
    assert russian.status_code == 404 and russian.mimetype == "text/html"
    assert "Страница не найдена" in text_of(russian) and "На главную" in text_of(russian)
    english = web.get("/nowhere", headers={"Accept-Language": "en"})
    assert "Page not found" in text_of(english) and '<html lang="en">' in english.get_data(as_text=True)


def test_a_wrong_method_is_a_405_page_with_allow(web):
    response = web.client.delete("/companies")
    assert response.status_code == 405 and "GET" in response.headers["Allow"]
    assert "Метод не поддерживается" in text_of(response)


def test_a_too_large_form_is_a_413_page(web, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024)
    response = web.client.post("/login", data={"email": "a@b.by", "password": "x" * 4096})
    assert response.status_code == 413 and "Слишком много данных" in text_of(response)


def test_an_unexpected_failure_is_a_500_page_not_a_traceback(web, app, monkeypatch):
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("matcher.web.niches.niche_service.list_niches", broken)
    response = web.get("/niches")
    assert response.status_code == 500 and response.mimetype == "text/html"
    assert "Что-то пошло не так" in text_of(response) and "boom" not in text_of(response)


def test_a_database_outage_is_a_503_page_with_retry_after(web, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr("matcher.web.niches.niche_service.list_niches", down)
    response = web.get("/niches", headers={"Accept-Language": "en"})
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert "Service temporarily unavailable" in text_of(response)


def test_a_forbidden_page_is_a_403_page(signed_up, create_company):
    company = create_company()
    response = signed_up("stranger@example.by").get(f"/companies/{company.id}/edit")
    assert response.status_code == 403 and "У вас нет прав" in text_of(response)


@pytest.mark.parametrize("path", ["/api/v1/no-such-endpoint", "/api/v1/companies/999999"])
def test_api_errors_keep_their_problem_json(web, path):
    response = web.get(path)
    assert response.status_code in (401, 404)
    assert response.mimetype == "application/problem+json"


def test_an_api_post_without_csrf_is_not_refused_by_the_web_csrf_check(web):
    response = web.client.post("/api/v1/companies", json={})
    assert response.status_code == 401 and response.mimetype == "application/problem+json"
