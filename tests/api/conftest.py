"""API fixtures: tokens per role, and payloads in Russian and English."""
from __future__ import annotations

import pytest

from matcher.db import db
from matcher.services.accounts import create_token, get_or_create_user


@pytest.fixture
def token_for(app):
    """Factory: a bearer header for a (new or existing) user of `role`."""

    def build(role: str = "admin", email: str | None = None) -> dict:
        user = get_or_create_user(email or f"{role}@example.org", role)
        plain, _ = create_token(user, "tests")
        db.session.commit()
        return {"Authorization": f"Bearer {plain}"}

    return build


@pytest.fixture
def admin(token_for):
    return token_for("admin")


@pytest.fixture
def organizer(token_for):
    return token_for("organizer")


@pytest.fixture
def english_buyer_payload():
    """A Perm Krai buyer written in English, with a need stated only in words."""

    def build(**overrides) -> dict:
        payload = {
            "name": "Perm Timber Holding",
            "name_en": "Perm Timber Holding",
            "country": "RU",
            "region": "RU-PER",
            "city": "Perm",
            "roles": ["buyer"],
            "tax_id": "7707083893",
            "email": "buy@permtimber.example",
            "phone": "+7 342 200-00-00",
            "description": "Logging company buying forestry machines",
            "languages": ["en", "ru"],
            "needs": [{"title": "Harvesters and forwarders", "description": "Wheeled forest machines",
                       "hs_codes": ["843680"], "annual_volume_usd": 3_000_000}],
        }
        payload.update(overrides)
        return payload

    return build


@pytest.fixture
def post_company(client, admin, company_payload):
    """Factory: create a company through the API as admin (or `headers`), return the JSON body."""

    def build(headers: dict | None = None, **overrides) -> dict:
        response = client.post("/api/v1/companies", json=company_payload(**overrides), headers=headers or admin)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return build
