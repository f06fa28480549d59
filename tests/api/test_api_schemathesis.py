"""Schemathesis, in process, against the app's own OpenAPI document: no 5xx, answers as documented.

Every operation gets a bounded number of generated requests, valid (positive) and invalid
(negative), sent with an admin token; half of them aim at ids that exist, so reads and writes
reach the services instead of stopping at 404. Derandomized: the same cases on every run.
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_schema_conformance, status_code_conformance,
)

EXAMPLES_PER_OPERATION_AND_MODE = 40
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]


@pytest.fixture
def known_ids(client, admin, organizer, company_payload):
    supplier = client.post("/api/v1/companies", json=company_payload(), headers=admin).get_json()
    buyer = client.post("/api/v1/companies", headers=admin, json=company_payload(
        name="Пермский моторный завод", country="RU", region="RU-PER", roles=["buyer"], offers=[],
        needs=[{"title": "Обрабатывающие центры", "hs_codes": ["8457"]}])).get_json()
    niche = client.post("/api/v1/niches", headers=organizer, json={
        "title": "Forest machines", "departed_company": "Ponsse", "hs_codes": ["843680"]}).get_json()
    mission = client.post("/api/v1/missions", headers=admin, json={
        "name": "Станкостроение", "company_ids": [supplier["id"], buyer["id"]]}).get_json()
    schedule = client.post(f"/api/v1/missions/{mission['id']}/schedule", headers=admin, json={
        "slots": 2, "tables": 1, "starts_at": "2027-09-14T10:00:00+05:00", "time_limit_s": 1}).get_json()
    return {"company_id": [supplier["id"], buyer["id"]], "niche_id": [niche["id"]], "mission_id": [mission["id"]],
            "meeting_id": [schedule["meetings"][0]["id"]]}


@pytest.mark.slow
def test_every_operation_answers_as_documented_and_never_with_a_5xx(app, admin, known_ids, monkeypatch):
    monkeypatch.setitem(app.config, "API_RATE_LIMIT", "1000000/minute")
    monkeypatch.setitem(app.config, "API_IP_RATE_LIMIT", "1000000/minute")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    # Schemathesis leaves out the document it was loaded from; everything else is exercised.
    assert {op.label for op in operations} >= {"POST /api/v1/companies", "GET /api/v1/niches/{niche_id}/matches"}
    assert len(operations) == sum(1 for item in schema.raw_schema["paths"].values() for key in item
                                  if key in ("get", "post", "patch", "delete")) - 1
    for operation in operations:
        item = schema.raw_schema["paths"][operation.path]
        takes_input = item.get("parameters") or "requestBody" in item[operation.method.lower()] \
            or item[operation.method.lower()].get("parameters")
        # Without parameters or a body there is nothing to make invalid.
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE) if takes_input else (GenerationMode.POSITIVE,):
            _exercise(operation, mode, admin, known_ids)


def _exercise(operation, mode, headers, known_ids):
    @settings(max_examples=EXAMPLES_PER_OPERATION_AND_MODE, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode), aim=st.booleans(), pick=st.integers(0, 1))
    def run(case, aim, pick):
        if aim and mode is GenerationMode.POSITIVE:
            for name in case.path_parameters or {}:
                ids = known_ids.get(name)
                if ids:
                    case.path_parameters[name] = ids[pick % len(ids)]
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()
