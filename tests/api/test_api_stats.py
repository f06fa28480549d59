"""GET /api/v1/stats: the dashboard's figures for integrations, in the contract's shape."""
from __future__ import annotations


def test_stats_answer_the_contract_shape_for_any_role(client, token_for, admin):
    client.post("/api/v1/companies", headers=admin, json={
        "name": "Пилорама", "country": "BY", "roles": ["supplier"],
        "offers": [{"title": "Пиломатериалы", "hs_codes": ["440711"]}]})
    response = client.get("/api/v1/stats", headers=token_for("company"))
    assert response.status_code == 200
    body = response.get_json()
    assert body["target_usd"] == 500000000 and body["contracts_usd"] == 0
    forestry = next(row for row in body["by_sector"] if row["sector"] == "forestry")
    assert {"companies", "mutual_interest", "meetings", "contracts_usd"} <= set(forestry)
    assert forestry["companies"] == 1 and forestry["offers"] == 1
    assert body["by_month"] == []
