"""GET /api/v1/codes and POST /api/v1/codes/suggest: the one classifier behind a token, problem+json on bad input."""
from __future__ import annotations

import pytest


def _best_hs(items: list[dict]) -> dict:
    """The first HS code of an answer (HS and NACE are mixed, best first)."""
    return next(item for item in items if item["scheme"] == "hs")

def test_search_finds_forest_harvesters_by_the_word_people_type_with_the_word_as_evidence(client, admin):
    response = client.get("/api/v1/codes?q=харвестер", headers=admin)
    assert response.status_code == 200 and response.mimetype == "application/json"
    items = response.get_json()["items"]
    best = _best_hs(items[:3])
    assert best["code"].startswith("8436")
    assert any("харвестер" in word.lower() for word in best["evidence"])
    assert set(items[0]) == {"scheme", "code", "label", "confidence", "evidence"}
    assert all(0 <= item["confidence"] <= 1 for item in items)
    assert [item["confidence"] for item in items] == sorted((item["confidence"] for item in items), reverse=True)


def test_search_labels_follow_lang_else_accept_language_else_russian(client, admin):
    russian = client.get("/api/v1/codes?q=forwarder&scheme=hs", headers=admin).get_json()["items"][0]
    english = client.get("/api/v1/codes?q=forwarder&scheme=hs&lang=en", headers=admin).get_json()["items"][0]
    by_header = client.get("/api/v1/codes?q=forwarder&scheme=hs",
                           headers={**admin, "Accept-Language": "en-GB,en;q=0.9"}).get_json()["items"][0]
    assert russian["code"] == english["code"] == by_header["code"]
    assert any("а" <= ch <= "я" for ch in russian["label"].lower())
    assert english["label"] == by_header["label"] and not any("а" <= ch <= "я" for ch in english["label"].lower())


def test_search_in_one_scheme_returns_only_that_scheme(client, admin):
    nace = client.get("/api/v1/codes?q=деревообрабатывающие станки&scheme=nace", headers=admin).get_json()
    hs = client.get("/api/v1/codes?q=деревообрабатывающие станки&scheme=hs&limit=3", headers=admin).get_json()
    assert nace["items"] and {item["scheme"] for item in nace["items"]} == {"nace"}
    assert 0 < len(hs["items"]) <= 3 and {item["scheme"] for item in hs["items"]} == {"hs"}
    assert hs["items"][0]["code"].startswith("8465")  # wood-working machine tools, not metal-working 8456–8461


def test_a_typo_finds_the_harvesters_or_names_the_right_spelling(client, admin):
    body = client.get("/api/v1/codes?q=харвестр&scheme=hs", headers=admin).get_json()
    if body["items"]:
        assert body["items"][0]["code"].startswith("8436") and body["did_you_mean"] == []
    else:  # spellings are offered only when nothing was found
        assert body["did_you_mean"][0] == "харвестер"


def test_a_query_that_means_nothing_finds_nothing_and_says_so_without_an_error(client, admin):
    response = client.get("/api/v1/codes?q=zzqxj", headers=admin)
    assert response.status_code == 200
    assert response.get_json()["items"] == [] and isinstance(response.get_json()["did_you_mean"], list)


@pytest.mark.parametrize(("query", "field"), [
    ("", "q"), ("q=", "q"), ("q=%20%20", "q"), ("q=" + "д" * 201, "q"),
    ("q=станки&scheme=okved", "scheme"), ("q=станки&lang=de", "lang"),
    ("q=станки&limit=0", "limit"), ("q=станки&limit=51", "limit"), ("q=станки&limit=ten", "limit"),
])
def test_bad_search_input_is_a_422_problem_naming_the_parameter(client, admin, query, field):
    response = client.get(f"/api/v1/codes?{query}", headers=admin)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert list(problem["errors"]) == [field] and problem["errors"][field][0]
    assert field in problem["detail"]


def test_a_blank_query_is_told_what_to_type(client, admin):
    problem = client.get("/api/v1/codes?q=%20", headers=admin).get_json()
    assert "must not be blank" in problem["errors"]["q"][0]


def test_suggest_reads_title_and_description_and_mixes_hs_and_nace_best_first(client, admin):
    response = client.post("/api/v1/codes/suggest", headers=admin, json={
        "title": "Харвестеры и форвардеры", "description": "Колёсная лесозаготовительная техника для рубок ухода",
        "lang": "ru"})
    assert response.status_code == 200
    items = response.get_json()["items"]
    assert _best_hs(items[:2])["code"].startswith("8436")
    assert {"hs", "nace"} <= {item["scheme"] for item in items}
    assert all(item["evidence"] for item in items)
    assert [item["confidence"] for item in items] == sorted((item["confidence"] for item in items), reverse=True)


def test_suggest_in_english_reads_woodworking_machines_as_8465_not_metal_working(client, admin):
    items = client.post("/api/v1/codes/suggest", headers=admin, json={
        "title": "Woodworking machines", "description": "Band saws and planers for sawmills", "lang": "en",
        "scheme": "hs", "limit": 5}).get_json()["items"]
    assert 0 < len(items) <= 5 and items[0]["code"].startswith("8465")
    assert {item["scheme"] for item in items} == {"hs"}


@pytest.mark.parametrize(("body", "field"), [
    ({}, "title"), ({"title": "  ", "description": ""}, "title"), ({"title": None}, "title"),
    ({"title": "т" * 301}, "title"), ({"title": "Станки", "description": "с" * 5001}, "description"),
    ({"title": "Станки", "lang": "fr"}, "lang"), ({"title": "Станки", "scheme": "sic"}, "scheme"),
    ({"title": "Станки", "limit": 0}, "limit"), ({"title": "Станки", "colour": "red"}, "colour"),
    ({"title": ["Станки"]}, "title"),
])
def test_bad_suggest_input_is_a_422_problem_naming_the_field(client, admin, body, field):
    response = client.post("/api/v1/codes/suggest", headers=admin, json=body)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert field in response.get_json()["errors"]


def test_suggest_wants_a_json_body(client, admin):
    assert client.post("/api/v1/codes/suggest", headers=admin, data="title=станки",
                       content_type="application/x-www-form-urlencoded").status_code == 415
    assert client.post("/api/v1/codes/suggest", headers=admin, data="{",
                       content_type="application/json").status_code == 400


def test_codes_need_a_bearer_token_and_any_role_may_use_them(client, token_for):
    assert client.get("/api/v1/codes?q=молоко").status_code == 401
    assert client.post("/api/v1/codes/suggest", json={"title": "Молоко"}).status_code == 401
    for role in ("admin", "organizer", "company"):
        headers = token_for(role, f"{role}-codes@example.by")
        assert client.get("/api/v1/codes?q=молоко", headers=headers).status_code == 200
        assert client.post("/api/v1/codes/suggest", headers=headers, json={"title": "Молоко"}).status_code == 200


def test_codes_share_the_rate_limit_of_every_other_read(client, admin, app, monkeypatch):
    monkeypatch.setitem(app.config, "API_RATE_LIMIT", "2/minute")
    assert client.get("/api/v1/codes?q=молоко", headers=admin).status_code == 200
    assert client.post("/api/v1/codes/suggest", headers=admin, json={"title": "Молоко"}).status_code == 200
    limited = client.get("/api/v1/codes?q=молоко", headers=admin)
    assert limited.status_code == 429 and limited.mimetype == "application/problem+json"


def test_the_openapi_document_describes_both_operations(client):
    document = client.get("/api/v1/openapi.json").get_json()
    search = document["paths"]["/api/v1/codes"]["get"]
    suggest = document["paths"]["/api/v1/codes/suggest"]["post"]
    parameters = {p["name"]: p for p in search["parameters"]}
    assert {"q", "scheme", "lang", "limit"} <= set(parameters) and parameters["q"]["required"] is True
    assert parameters["scheme"]["schema"]["enum"] == ["hs", "nace"]
    assert {"200", "401", "422", "429"} <= set(search["responses"]) and {"200", "401", "415", "422"} <= set(
        suggest["responses"])
    item = document["components"]["schemas"]["CodeSuggestion"]
    assert set(item["required"]) == {"scheme", "code", "label", "confidence", "evidence"}
    assert suggest["tags"] == search["tags"] == ["codes"]
