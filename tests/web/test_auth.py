"""Sign up, log in, log out: server-side sessions, identical failures, rate limits, CSRF."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select
from web_helpers import PASSWORD, field_error, text_of

from matcher.db import db
from matcher.models import User, UserSession
from matcher.services.accounts import hash_secret


def _sessions() -> int:
    return db.session.scalar(select(func.count()).select_from(UserSession))


def test_sign_up_creates_an_unconfirmed_company_user_with_a_scrypt_hash_and_asks_to_check_the_mail(web, mailbox):
    response = web.sign_up("Olga@Lesmash.example.BY")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/signup/sent")
    user = db.session.scalar(select(User))
    assert (user.email, user.role) == ("olga@lesmash.example.by", "company")
    assert user.password_hash.startswith("scrypt:") and PASSWORD not in user.password_hash
    assert user.email_verified_at is None
    assert _sessions() == 0  # signing in here would tell a new address from a taken one
    assert mailbox.wait_for("olga@lesmash.example.by")["Subject"] == "Подтвердите адрес электронной почты"
    page = web.get("/signup/sent")
    assert page.status_code == 200 and "Проверьте почту" in text_of(page)


@pytest.mark.parametrize("email, password, repeat, field, message", [
    ("not-an-email", PASSWORD, PASSWORD, "f-email", "Введите правильный адрес e-mail"),
    ("a@b.by", "short", "short", "f-password", "от 10 до 128 символов"),
    ("a@b.by", "x" * 129, "x" * 129, "f-password", "от 10 до 128 символов"),
    ("a@b.by", PASSWORD, PASSWORD + "!", "f-password_repeat", "Пароли не совпадают"),
])
def test_bad_sign_up_shows_the_error_next_to_the_field_keeps_the_email_and_writes_nothing(
        web, email, password, repeat, field, message):
    response = web.post("/signup", {"email": email, "password": password, "password_repeat": repeat}, page="/signup")
    assert response.status_code == 422
    assert message in field_error(response, field)
    assert f'value="{email}"' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_unknown_email_and_wrong_password_get_the_same_answer(web, signed_up):
    signed_up("real@example.by")
    wrong_password = web.log_in("real@example.by", "not-the-password")
    unknown_user = web.log_in("nobody@example.by", "not-the-password")
    strip = lambda r: re.sub(r'value="[^"]*"', "", r.get_data(as_text=True))  # noqa: E731 - tokens and echoed email differ
    assert wrong_password.status_code == unknown_user.status_code == 401
    assert strip(wrong_password) == strip(unknown_user)
    assert "Неверный e-mail или пароль" in text_of(wrong_password)


def test_login_starts_a_new_server_side_session_with_a_new_id(signed_up, new_web):
    signed_up("olga@example.by").log_out()
    browser = new_web()
    browser.get("/login")
    before = browser.cookie()
    response = browser.log_in("olga@example.by")
    assert response.status_code == 302
    after = browser.cookie()
    assert after and after != before
    with browser.client.session_transaction() as session:
        sid = session["sid"]
    row = db.session.scalar(select(UserSession).where(UserSession.token_hash == hash_secret(sid)))
    assert row is not None and db.session.get(User, row.user_id).email == "olga@example.by"
    assert db.session.scalar(select(UserSession.token_hash)) != sid  # only the hash is stored
    # Logging in again on the same browser replaces the session: the old id is dead.
    browser.log_in("olga@example.by")
    with browser.client.session_transaction() as session:
        assert session["sid"] != sid
    assert _sessions() == 1


def test_logout_deletes_the_session_so_a_copied_cookie_stops_working(signed_up, new_web):
    browser = signed_up("olga@example.by")
    stolen = browser.cookie()
    assert browser.get("/account").status_code == 200
    browser.log_out()
    assert _sessions() == 0
    thief = new_web()
    thief.set_cookie("session", stolen)
    response = thief.get("/account")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_copied_cookie_works_while_the_session_lives(signed_up, new_web):
    browser = signed_up("olga@example.by")
    twin = new_web()
    twin.set_cookie("session", browser.cookie())
    assert twin.get("/account").status_code == 200


def test_login_goes_back_to_a_local_next_but_never_to_another_site(signed_up, new_web):
    signed_up("olga@example.by").log_out()
    browser = new_web()
    local = browser.post("/login", {"email": "olga@example.by", "password": PASSWORD, "next": "/niches"})
    assert local.headers["Location"].endswith("/niches")
    browser.log_out()
    evil = browser.post("/login", {"email": "olga@example.by", "password": PASSWORD, "next": "//evil.example/x"})
    assert "evil.example" not in evil.headers["Location"]


def test_pages_for_members_send_anonymous_visitors_to_login(web):
    for path in ("/account", "/matches", "/profile", "/companies/new"):
        response = web.get(path)
        assert response.status_code == 302, path
        assert "/login?next=" in response.headers["Location"]


def test_login_is_rate_limited_per_email_with_429_retry_after_and_a_clear_message(web, signed_up):
    signed_up("olga@example.by")
    for _ in range(10):
        assert web.log_in("olga@example.by", "wrong-password").status_code == 401
    blocked = web.log_in("olga@example.by", PASSWORD)
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) > 0
    assert "Слишком много попыток входа. Подождите минуту" in text_of(blocked)
    assert blocked.mimetype == "text/html"
    # Another account from the same address is still allowed (the per-address limit is higher).
    assert web.log_in("other@example.by", "wrong-password").status_code == 401


def test_login_is_rate_limited_per_address_across_emails(web):
    for number in range(30):
        assert web.log_in(f"user{number}@example.by", "wrong-password").status_code == 401
    assert web.log_in("one-more@example.by", "wrong-password").status_code == 429


def test_a_form_posted_without_its_csrf_token_is_refused_with_a_400_page(web, signed_up):
    signed_up("olga@example.by")
    response = web.post("/login", {"email": "olga@example.by", "password": PASSWORD}, csrf=False)
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert "Запрос не удалось обработать" in text_of(response)
    assert _sessions() == 1  # only the sign-up's session: no login happened


def test_a_forged_csrf_token_is_refused_too(web):
    response = web.client.post("/signup", data={"csrf_token": "forged", "email": "a@b.by",
                                                 "password": PASSWORD, "password_repeat": PASSWORD})
    assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_csrf_protection_is_on_in_the_tested_app(app):
    assert app.config.get("WTF_CSRF_ENABLED", True) is True


def test_session_cookie_is_httponly_and_samesite_lax(web, staff_user):
    staff_user("company", "olga@example.by")
    response = web.log_in("olga@example.by")
    cookie = next(v for k, v in response.headers.items() if k == "Set-Cookie" and v.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_settings_make_the_session_cookie_secure():
    from config import Production

    assert Production.SESSION_COOKIE_SECURE is True
    assert Production.SESSION_COOKIE_HTTPONLY is True and Production.SESSION_COOKIE_SAMESITE == "Lax"


@pytest.mark.parametrize("password, message", [
    ("1234567890", "самых распространённых паролей"),
    ("Password123", "самых распространённых паролей"),
    ("парольпароль", "самых распространённых паролей"),
    ("olga.petrova@example.by", "не должен совпадать с вашим адресом e-mail"),
    ("olga.petrova", "не должен совпадать с вашим адресом e-mail"),
])
def test_sign_up_refuses_a_common_password_or_the_email_next_to_the_password(web, password, message):
    response = web.post("/signup", {"email": "Olga.Petrova@example.by", "password": password,
                                    "password_repeat": password}, page="/signup")
    assert response.status_code == 422
    assert message in field_error(response, "f-password")
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_sign_up_explains_the_password_rule_in_english_too(new_web):
    browser = new_web("en")
    assert "10 to 128 characters; not a common password" in text_of(browser.get("/signup"))
    refused = browser.post("/signup", {"email": "a@b.by", "password": "qwertyuiop", "password_repeat": "qwertyuiop"},
                           page="/signup")
    assert "one of the most common ones" in field_error(refused, "f-password")


def test_no_way_around_the_form_stores_a_weak_password(app, staff_user):
    from matcher.services.accounts import get_or_create_user, set_password
    from matcher.services.passwords import WeakPassword

    user = get_or_create_user("script@example.by", "organizer")
    with pytest.raises(WeakPassword):
        set_password(user, "password123")
    assert user.password_hash is None
