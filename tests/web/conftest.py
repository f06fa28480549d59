"""Web fixtures: browsers (test clients carrying CSRF tokens), signed-up companies, staff users."""
from __future__ import annotations

import pytest
from mail_server import link_in
from web_helpers import PASSWORD, WebClient

from sqlalchemy import delete

from matcher.db import db
from matcher.extensions import limiter
from matcher.models import RateLimitCounter
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
def signed_up(new_web, mailbox):
    """Factory: a browser signed in as a freshly signed-up company user (no profile yet) who has
    confirmed the address through the link that reached the SMTP server (verify=False: has not)."""

    def build(email: str, language: str | None = None, verify: bool = True) -> WebClient:
        browser = new_web(language)
        response = browser.sign_up(email)
        assert response.status_code == 302 and response.headers["Location"].endswith("/signup/sent")
        if verify:
            link = link_in(mailbox.wait_for(email, count=len(mailbox.to(email)) or 1), "/verify-email/")
            assert browser.get(link).status_code == 302
        assert browser.log_in(email).status_code == 302
        # The helper's own sign-up and login must not use up the test's attempt budget (the API's
        # limiter counts in memory, the account pages' in the database).
        limiter.reset()
        db.session.execute(delete(RateLimitCounter))
        db.session.commit()
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
