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
    assert "от 10 до 128" in field_error(short, "f-new_password")
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


def test_a_common_password_or_the_own_email_is_refused_as_the_new_password_in_russian(signed_up):
    browser = signed_up("olga.petrova@example.by")
    for weak, message in (("Password123", "самых распространённых паролей"),
                          ("йцукенгшщз", "самых распространённых паролей"),
                          ("olga.petrova@example.by", "не должен совпадать с вашим адресом e-mail"),
                          ("Olga.Petrova", "не должен совпадать с вашим адресом e-mail")):
        refused = browser.post("/account/password", {"current_password": PASSWORD, "new_password": weak,
                                                     "new_password_repeat": weak}, page="/account")
        assert refused.status_code == 422 and message in field_error(refused, "f-new_password"), weak
    assert verify_password("olga.petrova@example.by", PASSWORD) is not None


def _tokens_work(browser, count: int) -> list[str]:
    return [_new_token(browser.post("/account/tokens", {"name": f"script {n}"}, page="/account"))
            for n in range(count)]


def test_also_revoking_the_api_tokens_on_password_change_locks_every_script_out(signed_up, client):
    browser = signed_up("olga@example.by")
    tokens = _tokens_work(browser, 2)
    assert all(user_for_token(t) is not None for t in tokens)
    response = browser.post("/account/password", {"current_password": PASSWORD, "new_password": "new-secret-2027",
                                                  "new_password_repeat": "new-secret-2027", "revoke_tokens": "1"},
                            page="/account")
    assert response.status_code == 302
    assert "Отозвано API-токенов: 2" in text_of(browser.get("/account"))
    assert all(user_for_token(t) is None for t in tokens)
    assert client.get("/api/v1/niches", headers={"Authorization": f"Bearer {tokens[0]}"}).status_code == 401
    assert db.session.scalar(select(func.count()).select_from(ApiToken).where(ApiToken.revoked_at.is_(None))) == 0


def test_without_the_box_ticked_the_tokens_keep_working_after_a_password_change(signed_up, client):
    browser = signed_up("olga@example.by")
    [token] = _tokens_work(browser, 1)
    browser.post("/account/password", {"current_password": PASSWORD, "new_password": "new-secret-2027",
                                       "new_password_repeat": "new-secret-2027"}, page="/account")
    assert client.get("/api/v1/niches", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_a_refused_change_revokes_nothing_and_keeps_the_box_ticked(signed_up):
    browser = signed_up("olga@example.by")
    [token] = _tokens_work(browser, 1)
    refused = browser.post("/account/password", {"current_password": "wrong-wrong-wrong", "new_password": "new-secret-2027",
                                                 "new_password_repeat": "new-secret-2027", "revoke_tokens": "1"},
                           page="/account")
    assert refused.status_code == 422
    assert re.search(r'name="revoke_tokens"[^>]*checked', refused.get_data(as_text=True))
    assert user_for_token(token) is not None


def test_the_account_page_offers_to_revoke_the_tokens_in_both_languages(signed_up):
    assert "Заодно отозвать все мои API-токены" in text_of(signed_up("olga@example.by").get("/account"))
    assert "Also revoke all my API tokens" in text_of(signed_up("ivan@example.by", language="en").get("/account"))
