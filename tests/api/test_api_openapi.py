"""The OpenAPI document agrees with API.md and with the app's own routes; /api/docs works offline."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "API.md"
if not CONTRACT.exists():  # the contract lives beside the checkout in the team's layout
    CONTRACT = Path("/work/shared/API.md")
HTTP_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}


def contract_endpoints(planned: bool = False) -> set[tuple[str, str]]:
    """(METHOD, /path/{}) for every endpoint API.md names; a bare `PATCH` reuses the path before it
    on the same line (`GET /api/v1/missions/{id}` · `PATCH` · `DELETE`), a path written `…/rest` continues
    the one before it from the segment `rest` starts with (`PATCH …/meeting-requests/{rid}`), and
    `GET|POST /path` names both methods. Sections headed "Added by issues …" list shapes for endpoints
    still to be built: `planned=True` returns those instead."""
    endpoints = set()
    in_planned = False
    for line in CONTRACT.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_planned = line.startswith("## Added by")
        if in_planned != planned:
            continue
        last_path = None
        for methods, path in re.findall(r"`((?:GET|POST|PUT|PATCH|DELETE)(?:\|(?:GET|POST|PUT|PATCH|DELETE))*)"
                                        r"(?: ((?:/api/v1|…)/[^`?\s]*))?[^`]*`", line):
            if path.startswith("…"):
                path = _continued(last_path, path)
            path = path or last_path
            if path:
                endpoints |= {(method, _shape(path)) for method in methods.split("|")}
            last_path = path
    return endpoints


def _continued(base: str | None, tail: str) -> str | None:
    """`…/meeting-requests/{rid}` after /api/v1/missions/{id}/meeting-requests → …/meeting-requests/{rid}."""
    if base is None:
        return None
    rest = tail.removeprefix("…/").split("/")
    segments = base.split("/")
    cut = segments.index(rest[0]) if rest[0] in segments else len(segments)
    return "/".join(segments[:cut] + rest)


def _family(path: str, stable_paths: set[str]) -> str:
    """The shortest prefix of a planned path that no stable endpoint shares: the resource it adds."""
    segments = path.split("/")
    for end in range(1, len(segments) + 1):
        prefix = "/".join(segments[:end])
        if not any(p == prefix or p.startswith(prefix + "/") for p in stable_paths):
            return prefix
    return path


def planned_endpoints_now_routed(app) -> set[tuple[str, str]]:
    """Planned endpoints whose resource the app has started to serve: from then on the contract holds."""
    stable_paths = {p for _, p in contract_endpoints()}
    routed = {p for _, p in routed_endpoints(app)}
    return {(m, p) for m, p in contract_endpoints(planned=True)
            if any(r == (f := _family(p, stable_paths)) or r.startswith(f + "/") for r in routed)}


def _shape(path: str) -> str:
    """Path parameters renamed alike, so /companies/{id} and /companies/{company_id} compare equal."""
    return re.sub(r"\{[^}]+\}", "{}", path)


def documented_endpoints(document: dict) -> set[tuple[str, str]]:
    return {(method.upper(), _shape(path)) for path, item in document["paths"].items()
            for method in item if method.upper() in HTTP_METHODS}


def routed_endpoints(app) -> set[tuple[str, str]]:
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
            found |= {(method, _shape(path)) for method in rule.methods & HTTP_METHODS}
    return found


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_the_contract_lists_the_endpoints_we_expect_to_parse():
    endpoints = contract_endpoints()
    assert ("PATCH", "/api/v1/missions/{}") in endpoints and ("GET", "/api/v1/health") in endpoints
    assert len(endpoints) >= 20
    assert ("GET", "/api/v1/codes") not in endpoints  # planned, not yet part of the stable list


def test_planned_endpoints_are_required_once_their_resource_is_routed():
    stable_paths = {p for _, p in contract_endpoints()}
    assert ("POST", "/api/v1/codes/suggest") in contract_endpoints(planned=True)
    assert _family("/api/v1/codes/suggest", stable_paths) == "/api/v1/codes"
    assert _family("/api/v1/missions/{}/registrations", stable_paths) == "/api/v1/missions/{}/registrations"
    assert ("PATCH", "/api/v1/missions/{}/meeting-requests/{}") in contract_endpoints(planned=True)
    assert ("PATCH", "/api/v1/missions/{}/meeting-requests") not in contract_endpoints(planned=True)
    assert {("GET", "/api/v1/conversations/{}/messages"), ("POST", "/api/v1/conversations/{}/messages")} \
        <= contract_endpoints(planned=True)


def test_every_endpoint_of_the_contract_is_documented(document, app):
    expected = contract_endpoints()
    if not any(rule.rule.startswith("/api/v1/missions") for rule in app.url_map.iter_rules()):
        # Missions are wired by their own step; once any mission route exists, all of them must be here.
        expected = {(m, p) for m, p in expected if not p.startswith("/api/v1/missions")}
    expected |= planned_endpoints_now_routed(app)
    missing = expected - documented_endpoints(document)
    assert not missing, f"API.md endpoints missing from the OpenAPI document: {sorted(missing)}"


def test_the_document_and_the_url_map_list_the_same_endpoints(document, app):
    assert documented_endpoints(document) == routed_endpoints(app)


def test_every_operation_except_the_public_ones_needs_the_bearer_token(document):
    assert document["components"]["securitySchemes"]["bearerAuth"] == {
        **document["components"]["securitySchemes"]["bearerAuth"], "type": "http", "scheme": "bearer"}
    assert document["security"] == [{"bearerAuth": []}]
    public = set()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method.upper() not in HTTP_METHODS:
                continue
            if operation.get("security") == []:
                public.add((method.upper(), path))
            else:
                assert {"401", "403"} <= set(operation["responses"]), (method, path)
    assert public == {("GET", "/api/v1/health"), ("GET", "/api/v1/openapi.json"), ("GET", "/api/docs")}


def test_errors_are_documented_as_problem_json_with_field_paths(document):
    problem = document["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail"}
    assert "errors" in problem["properties"]
    not_found = document["components"]["responses"]["Problem404"]
    assert list(not_found["content"]) == ["application/problem+json"]
    patch = document["paths"]["/api/v1/companies/{company_id}"]["patch"]
    assert {"400", "404", "412", "413", "415", "422"} <= set(patch["responses"])
    assert any(p["name"] == "If-Match" for p in patch["parameters"])


def test_schemas_are_named_by_role(document):
    schemas = document["components"]["schemas"]
    assert {"Company", "CompanyCreate", "CompanyUpdate", "CompanyPage", "Niche", "NicheCreate",
            "NicheUpdate", "NichePage", "Match", "MatchList", "Problem", "Health"} <= set(schemas)
    assert "required" not in schemas["CompanyUpdate"]
    assert set(schemas["CompanyCreate"]["required"]) == {"name", "country", "roles"}
    assert set(schemas["CompanyPage"]["required"]) == {"items", "total", "page", "per_page"}


def test_the_public_fields_of_a_company_are_documented(document):
    description = document["components"]["schemas"]["Company"]["description"]
    assert all(field in description for field in ("email", "phone", "tax_id"))


def test_list_and_match_parameters_are_documented_with_their_bounds(document):
    def parameters(path):
        return {p["name"]: p["schema"] for p in document["paths"][path]["get"].get("parameters", [])}

    companies = parameters("/api/v1/companies")
    assert {"role", "country", "region", "q", "hs", "nace", "page", "per_page"} <= set(companies)
    assert (companies["per_page"]["minimum"], companies["per_page"]["maximum"], companies["per_page"]["default"]) \
        == (1, 200, 50)
    matches = parameters("/api/v1/companies/{company_id}/matches")
    assert {"limit", "min_score", "as", "weights"} <= set(matches)
    assert (matches["limit"]["minimum"], matches["limit"]["maximum"], matches["limit"]["default"]) == (1, 100, 20)
    assert (matches["min_score"]["minimum"], matches["min_score"]["maximum"]) == (0, 100)
    assert matches["as"]["enum"] == ["buyer", "supplier"]
    assert "side" in parameters("/api/v1/niches/{niche_id}/matches")


def test_creating_posts_document_location_and_idempotency_key(document):
    for path in ("/api/v1/companies", "/api/v1/niches"):
        post = document["paths"][path]["post"]
        assert "Location" in post["responses"]["201"]["headers"]
        assert any(p["name"] == "Idempotency-Key" for p in post["parameters"])


def test_the_document_keeps_cyrillic_unescaped(client):
    assert "ё" in client.get("/api/v1/openapi.json").get_data(as_text=True)


def test_the_reference_page_lists_every_endpoint_without_loading_anything_from_outside(client, document):
    response = client.get("/api/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    for path, item in document["paths"].items():
        assert path in html
    assert "<script" not in html.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html, re.IGNORECASE)
    assert "CompanyCreate" in html and "offers.0.hs_codes.1" in html
