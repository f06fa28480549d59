"""What every answer of the production server carries: security headers on each HTML page,
safe cookie flags, trusted hosts only, and a 413 for bodies past MAX_CONTENT_LENGTH."""
from __future__ import annotations

import pytest
from live_helpers import Answer

from matcher.db import db
from matcher.services.companies import create_company
from matcher.services.niches import create_niche

PASSWORD = "correct-horse-42"
TOO_LARGE = 2 * 1024 * 1024 + 1  # one byte past the default MAX_CONTENT_LENGTH
NICHE = {"title": "Лесные машины", "departed_company": "Ponsse", "departed_country": "FI", "exit_year": 2022,
         "region": "RU-PER", "description": "Харвестеры и форвардеры", "hs_codes": ["843680"], "nace_codes": []}


def assert_safe_page(answer: Answer, what: str) -> None:
    headers = answer.headers
    csp = headers.get("Content-Security-Policy", "")
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp, what
    assert headers.get("X-Content-Type-Options") == "nosniff", what
    assert headers.get("X-Frame-Options") == "DENY", what
    assert headers.get("Strict-Transport-Security", "").startswith("max-age="), what
    assert headers.get("Cache-Control") == "no-store", what


def assert_safe_cookies(answer: Answer, what: str) -> None:
    for cookie in answer.set_cookies():
        flags = {part.strip().lower() for part in cookie.split(";")[1:]}
        assert {"httponly", "secure", "samesite=lax"} <= flags, f"{what}: {cookie}"


def _html_paths(app, ids: dict[str, int]) -> list[str]:
    """Every GET page of the web app, its variable parts filled with ids that exist (1 otherwise)."""
    adapter = app.url_map.bind("localhost")
    paths = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.rule.startswith(("/api", "/static", "/web/")):
            continue
        values = {}
        for name, converter in rule._converters.items():
            items = getattr(converter, "items", None)
            values[name] = sorted(items)[0] if items else ids.get(name, 1)
        paths.append(adapter.build(rule.endpoint, values))
    return sorted(set(paths))


def test_every_html_answer_has_the_security_headers_and_every_cookie_is_httponly_lax_secure(
        live, app, user_with_password, company_payload):
    owner = user_with_password("owner@reliability.example")
    company = create_company(company_payload(), owner=owner)
    niche = create_niche(NICHE)
    ids = {"company_id": company.id, "niche_id": niche.id, "partner_id": company.id, "token_id": 1}
    paths = _html_paths(app, ids)
    db.session.commit()
    anonymous, member = live.browser(), live.browser()
    answers: list[tuple[str, Answer]] = []
    answers.append(("login", member.log_in("owner@reliability.example", PASSWORD)))
    answers.append(("locale", member.form("/locale", {"locale": "en", "next": "/"}, page="/")))
    for path in paths:
        answers.append((f"anonymous {path}", anonymous.get(path)))
        answers.append((f"member {path}", member.get(path)))
    answers += [
        ("404", anonymous.get("/no-such-page")),
        ("405", anonymous.request("PUT", "/login", b"")),
        ("400 csrf", anonymous.request("POST", "/login", b"email=a%40b.by",
                                       {"Content-Type": "application/x-www-form-urlencoded"})),
        ("400 host", live.browser().get("/", headers={"Host": "evil.example"})),
        ("logout", member.form("/logout", {}, page="/account")),
    ]

    html = [(what, a) for what, a in answers if a.mimetype == "text/html"]
    assert len(html) >= len(paths), "most of the crawl should have been HTML"
    assert any(a.set_cookies() for _, a in answers), "the crawl should have set cookies"
    for what, answer in answers:
        assert answer.status < 500, f"{what}: {answer.status}"
        assert_safe_cookies(answer, what)
    for what, answer in html:
        assert_safe_page(answer, what)


def test_only_the_trusted_hosts_are_served(live):
    assert live.browser().get("/api/v1/health", headers={"Host": "localhost"}).status == 200
    refused = live.browser().get("/api/v1/health", headers={"Host": "matcher.evil.example"})
    assert refused.status == 400 and refused.mimetype == "application/problem+json"


@pytest.mark.parametrize("path, content_type, expected", [
    ("/api/v1/companies", "application/json", "application/problem+json"),
    ("/login", "application/x-www-form-urlencoded", "text/html"),
])
def test_a_body_past_the_limit_is_a_413_in_the_surfaces_own_format(live, bearer, path, content_type, expected):
    headers = {**bearer("admin"), "Content-Type": content_type}
    answer = live.browser().request("POST", path, b"x" * TOO_LARGE, headers)
    assert answer.status == 413 and answer.mimetype == expected
    if expected == "text/html":
        assert_safe_page(answer, "413 page")
