"""Ranked partners through the API: shape, ordering, parameters, weights — Russian and English profiles."""
from __future__ import annotations

import pytest

SUPPLIER = {
    "name": "Гомельский станкостроительный завод", "country": "BY", "region": "BY-HO", "roles": ["supplier"],
    "description": "Токарные и фрезерные станки с ЧПУ", "languages": ["ru"],
    "offers": [{"title": "Обрабатывающие центры с ЧПУ", "hs_codes": ["845710"], "nace_codes": ["28.41"],
                "annual_capacity_usd": 25_000_000}],
}
RUSSIAN_BUYER = {
    "name": "Пермский моторный завод", "country": "RU", "region": "RU-PER", "roles": ["buyer"], "languages": ["ru"],
    "needs": [{"title": "Обрабатывающие центры", "hs_codes": ["8457"], "annual_volume_usd": 3_000_000}],
}
ENGLISH_BUYER_IN_WORDS = {
    "name": "Perm Engine Works", "country": "RU", "region": "RU-PER", "roles": ["buyer"], "languages": ["en"],
    "needs": [{"title": "CNC machining centres for engine parts"}],
}
UNRELATED_BUYER = {
    "name": "Пермская молочная компания", "country": "RU", "region": "RU-PER", "roles": ["buyer"],
    "needs": [{"title": "Сыр твёрдый", "hs_codes": ["0406"]}],
}


@pytest.fixture
def corridor(client, admin):
    """A Belarusian machine-tool maker and three Perm buyers; returns their ids by key."""
    ids = {}
    for key, payload in (("supplier", SUPPLIER), ("buyer", RUSSIAN_BUYER), ("words", ENGLISH_BUYER_IN_WORDS),
                         ("cheese", UNRELATED_BUYER)):
        response = client.post("/api/v1/companies", json=payload, headers=admin)
        assert response.status_code == 201, response.get_json()
        ids[key] = response.get_json()["id"]
    return ids


def assert_reasons_add_up(match: dict) -> None:
    """Score and contributions are each rounded to 0.1, so the sum may stray by 0.05 per rounding."""
    total = sum(r["contribution"] for r in match["reasons"])
    assert total == pytest.approx(match["score"], abs=0.05 * (len(match["reasons"]) + 1) + 1e-9)


def matches(client, headers, url):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def test_a_buyer_gets_the_supplier_with_reasons_that_add_up_to_the_score(client, admin, corridor):
    items = matches(client, admin, f"/api/v1/companies/{corridor['buyer']}/matches")
    assert [m["company"]["id"] for m in items][:1] == [corridor["supplier"]]
    best = items[0]
    assert set(best) == {"company", "score", "reasons", "pairs"}
    assert {"id", "name", "country", "region"} <= set(best["company"])
    assert best["company"]["name"] == "Гомельский станкостроительный завод"
    assert 0 <= best["score"] <= 100
    assert_reasons_add_up(best)
    assert {"hs_codes"} <= {r["feature"] for r in best["reasons"]}
    assert all(set(r) == {"feature", "contribution", "detail"} for r in best["reasons"])
    assert best["pairs"] and set(best["pairs"][0]) == {"offer_id", "need_id", "score"}


def test_a_supplier_gets_buyers_best_first(client, admin, corridor):
    items = matches(client, admin, f"/api/v1/companies/{corridor['supplier']}/matches")
    scores = [m["score"] for m in items]
    assert scores == sorted(scores, reverse=True)
    found = [m["company"]["id"] for m in items]
    assert corridor["buyer"] in found
    assert corridor["cheese"] not in found[:2]


def test_an_english_buyer_described_only_in_words_still_finds_the_russian_supplier(client, admin, corridor):
    items = matches(client, admin, f"/api/v1/companies/{corridor['words']}/matches")
    assert items and items[0]["company"]["id"] == corridor["supplier"]


def test_limit_and_min_score_bound_the_list(client, admin, corridor):
    url = f"/api/v1/companies/{corridor['supplier']}/matches"
    assert len(matches(client, admin, f"{url}?limit=1")) == 1
    high = matches(client, admin, f"{url}?min_score=50")
    assert high and all(m["score"] >= 50 for m in high)
    assert all(m["score"] >= 100 for m in matches(client, admin, f"{url}?min_score=100"))


@pytest.mark.parametrize("query, parameter", [
    ("limit=0", "limit"), ("limit=101", "limit"), ("limit=abc", "limit"), ("min_score=-1", "min_score"),
    ("min_score=100.5", "min_score"), ("min_score=nan", "min_score"), ("as=seller", "as"),
    ("weights=color:5", "weights"), ("weights=hs_codes", "weights"), ("weights=hs_codes:lots", "weights"),
    ("weights=hs_codes:-5", "weights"), ("weights={\"hs_codes\": [1]}", "weights"), ("weights=[1]", "weights"),
    ("weights=hs_codes:inf", "weights"),
])
def test_a_bad_match_parameter_is_a_400_naming_it(client, admin, corridor, query, parameter):
    response = client.get(f"/api/v1/companies/{corridor['buyer']}/matches?{query}", headers=admin)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert list(response.get_json()["errors"]) == [parameter]


def test_unknown_weight_names_are_named_in_the_answer(client, admin, corridor):
    response = client.get(f"/api/v1/companies/{corridor['buyer']}/matches?weights=hs_codes:10,colour:5,smell:1",
                          headers=admin)
    message = response.get_json()["errors"]["weights"][0]
    assert response.status_code == 400 and "colour" in message and "smell" in message


def test_weights_override_changes_how_the_score_is_made(client, admin, corridor):
    url = f"/api/v1/companies/{corridor['buyer']}/matches"
    default = matches(client, admin, url)[0]
    codes_only = matches(client, admin, f"{url}?weights=hs_codes:100,nace_codes:0,text:0,concepts:0")[0]
    as_json = matches(client, admin, url + '?weights={"hs_codes": 100, "nace_codes": 0, "text": 0, "concepts": 0}')[0]
    assert codes_only == as_json
    features = {r["feature"] for r in codes_only["reasons"] if r["contribution"] > 0}
    assert "text" not in features and "hs_codes" in features
    assert codes_only["reasons"] != default["reasons"]


def test_weights_that_leave_nothing_to_score_are_a_400(client, admin, corridor):
    zeros = ",".join(f"{name}:0" for name in ("hs_codes", "nace_codes", "text", "concepts", "volume", "niche",
                                               "geography", "certifications", "languages"))
    response = client.get(f"/api/v1/companies/{corridor['buyer']}/matches?weights={zeros}", headers=admin)
    assert response.status_code == 400 and "weights" in response.get_json()["errors"]


def test_the_engine_refusing_a_weight_name_is_a_400_not_a_500(client, admin, corridor, monkeypatch):
    from matcher.scoring import UnknownWeightError
    from matcher.services import matching

    def refuse(*args, **kwargs):
        raise UnknownWeightError("unknown weight name(s): hs_codes_v2")

    monkeypatch.setattr(matching, "matches_for_company", refuse)
    response = client.get(f"/api/v1/companies/{corridor['buyer']}/matches", headers=admin)
    assert response.status_code == 400 and "hs_codes_v2" in response.get_json()["detail"]


def test_as_chooses_the_side_of_a_company_that_both_buys_and_sells(client, admin, corridor):
    client.patch(f"/api/v1/companies/{corridor['buyer']}", headers=admin, json={
        "roles": ["buyer", "supplier"], "offers": [{"title": "Сыр твёрдый", "hs_codes": ["0406"]}]})
    as_buyer = matches(client, admin, f"/api/v1/companies/{corridor['buyer']}/matches?as=buyer")
    as_supplier = matches(client, admin, f"/api/v1/companies/{corridor['buyer']}/matches?as=supplier")
    assert corridor["supplier"] in [m["company"]["id"] for m in as_buyer]
    assert corridor["supplier"] not in [m["company"]["id"] for m in as_supplier]


def test_as_a_role_the_company_lacks_is_a_422_on_as(client, admin, corridor):
    response = client.get(f"/api/v1/companies/{corridor['supplier']}/matches?as=buyer", headers=admin)
    assert response.status_code == 422 and "as" in response.get_json()["errors"]


def test_matches_of_a_missing_company_are_a_404(client, admin):
    assert client.get("/api/v1/companies/424242/matches", headers=admin).status_code == 404


def test_a_company_account_reads_its_own_matches_but_not_others(client, token_for, corridor, admin):
    mine = token_for("company", "owner@perm.example")
    own = client.post("/api/v1/companies", json={**RUSSIAN_BUYER, "name": "Мой завод"}, headers=mine).get_json()
    assert client.get(f"/api/v1/companies/{own['id']}/matches", headers=mine).status_code == 200
    response = client.get(f"/api/v1/companies/{corridor['buyer']}/matches", headers=mine)
    assert response.status_code == 403 and response.mimetype == "application/problem+json"


def test_a_niche_is_matched_with_suppliers_and_with_the_buyers_who_lost_it(client, admin, organizer, corridor):
    niche = client.post("/api/v1/niches", headers=organizer, json={
        "title": "Обрабатывающие центры", "departed_company": "DMG Mori", "departed_country": "DE",
        "region": "RU-PER", "hs_codes": ["8457"]}).get_json()
    suppliers = matches(client, admin, f"/api/v1/niches/{niche['id']}/matches?limit=5")
    assert suppliers[0]["company"]["id"] == corridor["supplier"]
    best = suppliers[0]
    assert_reasons_add_up(best)
    buyers = matches(client, admin, f"/api/v1/niches/{niche['id']}/matches?side=buyer")
    assert corridor["buyer"] in [m["company"]["id"] for m in buyers]
    assert corridor["supplier"] not in [m["company"]["id"] for m in buyers]


def test_a_bad_niche_match_parameter_is_a_400(client, admin, organizer):
    niche = client.post("/api/v1/niches", headers=organizer,
                        json={"title": "Станки", "departed_company": "DMG Mori"}).get_json()
    response = client.get(f"/api/v1/niches/{niche['id']}/matches?side=everyone&limit=500", headers=admin)
    assert response.status_code == 400 and set(response.get_json()["errors"]) == {"side", "limit"}


def test_the_document_lists_every_weight_feature_of_the_engine(client):
    from matcher.scoring.weights import FEATURES

    document = client.get("/api/v1/openapi.json").get_json()
    parameter = next(p for p in document["paths"]["/api/v1/companies/{company_id}/matches"]["get"]["parameters"]
                     if p["name"] == "weights")
    assert all(f"`{name}`" in parameter["description"] for name in FEATURES)


def test_reason_details_follow_accept_language_and_scores_do_not(client, admin, corridor):
    url = f"/api/v1/companies/{corridor['buyer']}/matches"
    english = matches(client, admin, url)[0]
    russian = matches(client, {**admin, "Accept-Language": "ru-RU,ru;q=0.9"}, url)[0]
    assert russian["score"] == english["score"]
    assert [r["feature"] for r in russian["reasons"]] == [r["feature"] for r in english["reasons"]]
    hs_detail = next(r["detail"] for r in russian["reasons"] if r["feature"] == "hs_codes")
    assert "обрабатывающие центры" in hs_detail.lower()
    assert hs_detail != next(r["detail"] for r in english["reasons"] if r["feature"] == "hs_codes")
