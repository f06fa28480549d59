"""Every response carries the security headers; HSTS only where cookies are secure (production)."""
from matcher import create_app


def test_html_pages_carry_csp_nosniff_and_frame_ancestors(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in response.headers


def test_api_responses_carry_nosniff_too(client):
    response = client.get("/api/v1/health")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_production_adds_hsts(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'p.sqlite3'}")
    app = create_app("production")
    response = app.test_client().get("/api/v1/health", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_requests_for_an_untrusted_host_are_refused(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'h.sqlite3'}",
                      "TRUSTED_HOSTS": ["matcher.example.org"], "TESTING": True})
    client = app.test_client()
    # (the OpenAPI document: health is 503 here, this app has neither tables nor a match index)
    assert client.get("/api/v1/openapi.json", base_url="http://evil.example").status_code == 400
    assert client.get("/api/v1/openapi.json", base_url="http://matcher.example.org").status_code == 200
