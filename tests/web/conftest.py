"""Web fixtures: browsers (test clients carrying CSRF tokens), signed-up companies, staff users."""
from __future__ import annotations

import pytest
from web_helpers import PASSWORD, WebClient

from matcher.db import db
from matcher.services.accounts import get_or_create_user, set_password


@pytest.fixture
def web(client) -> WebClient:
    return WebClient(client)


@pytest.fixture
def new_web(app):
    """Factory: another browser (its own cookies), optionally with an Accept-Language."""

    def build(language: str | None = None) -> WebClient:
        return WebClient(app.test_client(), language)

    return build


@pytest.fixture
def signed_up(new_web):
    """Factory: a browser with a freshly signed-up company user (no profile yet)."""

    def build(email: str, language: str | None = None) -> WebClient:
        browser = new_web(language)
        assert browser.sign_up(email).status_code == 302
        return browser

    return build


@pytest.fixture
def staff_user(app):
    """Factory: an admin or organizer who can log in with PASSWORD."""

    def build(role: str = "admin", email: str | None = None):
        user = get_or_create_user(email or f"{role}@matcher.example", role)
        set_password(user, PASSWORD)
        db.session.commit()
        return user

    return build
