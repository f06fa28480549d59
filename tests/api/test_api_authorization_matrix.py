"""Who may do what: every /api route × method × actor, against an explicit table of outcomes.

The cases come from the app's URL map, the outcomes from EXPECTED. A new route without a row
in EXPECTED fails here until someone decides, in this table, who may call it.
"""
from __future__ import annotations

import pytest

from matcher import create_app
from matcher.db import db
from matcher.services.accounts import create_token, get_or_create_user, revoke_tokens_by_prefix_or_email

ACTORS = ("owner", "other_company", "newcomer", "organizer", "admin", "anonymous", "revoked")
# owner: company account owning the company in the URL; other_company: owns a different company;
# newcomer: company account without a company yet; revoked: an admin whose token was revoked.


def outcomes(owner, other_company, newcomer, organizer, admin, anonymous=401, revoked=401) -> dict:
    return dict(zip(ACTORS, (owner, other_company, newcomer, organizer, admin, anonymous, revoked)))


def everyone(status: int) -> dict:
    return dict.fromkeys(ACTORS, status)


def signed_in(status: int) -> dict:
    return outcomes(status, status, status, status, status)


EXPECTED: dict[tuple[str, str], dict[str, int]] = {
    ("/api/v1/health", "GET"): everyone(200),
    ("/api/v1/openapi.json", "GET"): everyone(200),
    ("/api/docs", "GET"): everyone(200),
    ("/api/v1/companies", "GET"): signed_in(200),
    # A company account owns at most one company; admins create unowned ones; organizers only read.
    ("/api/v1/companies", "POST"): outcomes(409, 409, 201, 403, 201),
    ("/api/v1/companies/<id:company_id>", "GET"): signed_in(200),
    ("/api/v1/companies/<id:company_id>", "PATCH"): outcomes(200, 403, 403, 403, 200),
    ("/api/v1/companies/<id:company_id>", "DELETE"): outcomes(204, 403, 403, 403, 204),
    ("/api/v1/companies/<id:company_id>/matches", "GET"): outcomes(200, 403, 403, 200, 200),
    ("/api/v1/niches", "GET"): signed_in(200),
    ("/api/v1/niches", "POST"): outcomes(403, 403, 403, 201, 201),
    ("/api/v1/niches/<id:niche_id>", "GET"): signed_in(200),
    ("/api/v1/niches/<id:niche_id>", "PATCH"): outcomes(403, 403, 403, 200, 200),
    ("/api/v1/niches/<id:niche_id>", "DELETE"): outcomes(403, 403, 403, 204, 204),
    ("/api/v1/niches/<id:niche_id>/matches", "GET"): signed_in(200),
}

# Valid bodies, so that a refusal can only come from the rules under test.
BODIES = {
    ("/api/v1/companies", "POST"): {
        "name": "Пермский завод металлоконструкций", "country": "RU", "region": "RU-PER", "roles": ["buyer"],
        "needs": [{"title": "Листовой прокат", "hs_codes": ["7208"]}]},
    ("/api/v1/companies/<id:company_id>", "PATCH"): {"city": "Мозырь"},
    ("/api/v1/niches", "POST"): {"title": "Forest machines", "departed_company": "Ponsse", "region": "RU-PER",
                                 "hs_codes": ["843680"]},
    ("/api/v1/niches/<id:niche_id>", "PATCH"): {"exit_year": 2023},
}


def api_routes() -> list[tuple[str, str]]:
    """(rule, method) of every route under /api, read from a freshly built app."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return sorted((rule.rule, method) for rule in app.url_map.iter_rules() if rule.rule.startswith("/api")
                  for method in rule.methods - {"HEAD", "OPTIONS"})


ROUTES = api_routes()


@pytest.fixture
def world(app, company_payload):
    """Two companies with their owners, a newcomer, an organizer, an admin, a revoked token, a niche."""
    from matcher.services.companies import create_company
    from matcher.services.niches import create_niche

    def token(email, role):
        plain, _ = create_token(get_or_create_user(email, role))
        return plain

    tokens = {"owner": token("owner@zavod.by", "company"), "other_company": token("buyer@perm.ru", "company"),
              "newcomer": token("new@example.by", "company"), "organizer": token("org@example.org", "organizer"),
              "admin": token("admin@example.org", "admin"), "revoked": token("gone@example.org", "admin")}
    db.session.commit()
    revoke_tokens_by_prefix_or_email("gone@example.org")
    owner_company = create_company(company_payload(), owner=get_or_create_user("owner@zavod.by", "company"))
    create_company(company_payload(name="Пермский лесокомбинат", country="RU", region="RU-PER", roles=["buyer"],
                                   offers=[], needs=[{"title": "Обрабатывающие центры", "hs_codes": ["8457"]}]),
                   owner=get_or_create_user("buyer@perm.ru", "company"))
    niche = create_niche({"title": "Станки с ЧПУ", "departed_company": "DMG Mori", "hs_codes": ["8457"]})
    return {"tokens": tokens, "company_id": owner_company.id, "niche_id": niche.id}


def test_every_route_has_a_row_in_the_table():
    missing = [route for route in ROUTES if route not in EXPECTED]
    assert not missing, f"decide who may call these routes and add them to EXPECTED: {missing}"


def test_the_table_has_no_rows_for_routes_that_are_gone():
    assert not set(EXPECTED) - set(ROUTES)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("rule, method", ROUTES, ids=[f"{m} {r}" for r, m in ROUTES])
def test_outcome_of_each_route_for_each_actor(client, world, rule, method, actor):
    assert (rule, method) in EXPECTED, f"no rule for {method} {rule} in EXPECTED: add one"
    expected = EXPECTED[(rule, method)][actor]
    path = rule.replace("<id:company_id>", str(world["company_id"])).replace("<id:niche_id>", str(world["niche_id"]))
    assert "<" not in path, f"teach this test how to fill the parameters of {rule}"
    headers = {"Authorization": f"Bearer {world['tokens'][actor]}"} if actor != "anonymous" else {}
    body = BODIES.get((rule, method))
    response = client.open(path, method=method, headers=headers, **({"json": body} if body is not None else {}))
    assert response.status_code == expected, response.get_data(as_text=True)[:500]
    if expected >= 400:
        assert response.mimetype == "application/problem+json"
