"""Account page: API tokens shown once, listed by prefix, revoked; a password change ends other sessions."""
from __future__ import annotations

import re

from sqlalchemy import func, select
from web_helpers import PASSWORD, field_error, text_of

from matcher.db import db
from matcher.models import ApiToken, UserSession
from matcher.services.accounts import user_for_token, verify_password


def _new_token(response) -> str:
    return re.search(r'id="new-token" value="([^"]+)"', response.get_data(as_text=True)).group(1)


def test_a_new_token_is_shown_once_then_listed_by_its_prefix_only(signed_up):
    browser = signed_up("olga@example.by")
    created = browser.post("/account/tokens", {"name": "Выгрузка в CRM"}, page="/account")
    assert created.status_code == 200
    plain = _new_token(created)
    assert plain.startswith("mt_") and "показывается только один раз" in text_of(created)
    stored = db.session.scalar(select(ApiToken))
    assert stored.name == "Выгрузка в CRM" and stored.token_hash != plain
    listing = browser.get("/account")
    assert plain not in listing.get_data(as_text=True)
    assert f"{stored.prefix}…" in text_of(listing) and "Выгрузка в CRM" in text_of(listing)
    assert "никогда" in text_of(listing)  # not used yet
    assert user_for_token(plain).email == "olga@example.by"


def test_a_revoked_token_no_longer_opens_the_api(signed_up):
    browser = signed_up("olga@example.by")
    plain = _new_token(browser.post("/account/tokens", {"name": "script"}, page="/account"))
    token_id = db.session.scalar(select(ApiToken.id))
    response = browser.post(f"/account/tokens/{token_id}/revoke", page="/account")
    assert response.status_code == 302
    assert user_for_token(plain) is None
    assert "отозван" in text_of(browser.get("/account"))


def test_nobody_revokes_another_users_token(signed_up):
    owner = signed_up("owner@example.by")
    owner.post("/account/tokens", {"name": "mine"}, page="/account")
    token_id = db.session.scalar(select(ApiToken.id))
    stranger = signed_up("stranger@example.by")
    assert stranger.post(f"/account/tokens/{token_id}/revoke", page="/account").status_code == 404
    assert db.session.get(ApiToken, token_id).revoked_at is None


def test_token_creation_without_csrf_is_refused(signed_up):
    browser = signed_up("olga@example.by")
    assert browser.post("/account/tokens", {"name": "x"}, csrf=False).status_code == 400
    assert db.session.scalar(select(func.count()).select_from(ApiToken)) == 0


def test_changing_the_password_ends_the_other_sessions_but_keeps_this_one(signed_up, new_web):
    laptop = signed_up("olga@example.by")
    phone = new_web()
    phone.log_in("olga@example.by")
    assert db.session.scalar(select(func.count()).select_from(UserSession)) == 2
    response = laptop.post("/account/password", {"current_password": PASSWORD, "new_password": "new-secret-2027",
                                                 "new_password_repeat": "new-secret-2027"}, page="/account")
    assert response.status_code == 302
    after = laptop.get("/account")
    assert after.status_code == 200 and "Отключено других браузеров с этим аккаунтом: 1" in text_of(after)
    assert phone.get("/account").status_code == 302
    assert db.session.scalar(select(func.count()).select_from(UserSession)) == 1
    assert verify_password("olga@example.by", "new-secret-2027") is not None


def test_a_wrong_current_password_or_a_short_new_one_is_refused_next_to_the_field(signed_up):
    browser = signed_up("olga@example.by")
    wrong = browser.post("/account/password", {"current_password": "nope-nope-nope", "new_password": "new-secret-2027",
                                               "new_password_repeat": "new-secret-2027"}, page="/account")
    assert wrong.status_code == 422 and "неверно" in field_error(wrong, "f-current_password")
    short = browser.post("/account/password", {"current_password": PASSWORD, "new_password": "short",
                                               "new_password_repeat": "short"}, page="/account")
    assert "от 8 до 128" in field_error(short, "f-new_password")
    assert verify_password("olga@example.by", PASSWORD) is not None


def test_other_browsers_can_be_signed_out_from_the_account_page(signed_up, new_web):
    laptop = signed_up("olga@example.by")
    phone = new_web()
    phone.log_in("olga@example.by")
    assert "в 2 браузерах" in text_of(laptop.get("/account"))
    laptop.post("/account/sessions/end-others", page="/account")
    assert phone.get("/account").status_code == 302 and laptop.get("/account").status_code == 200


def test_account_page_in_english(signed_up):
    browser = signed_up("olga@example.by", language="en")
    page = browser.get("/account")
    assert '<html lang="en">' in page.get_data(as_text=True)
    assert "API tokens" in text_of(page) and "Change password" in text_of(page)
