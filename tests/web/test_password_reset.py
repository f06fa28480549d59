"""Forgotten password: a signed, single-use, expiring link by mail; every session ends on reset."""
from __future__ import annotations

import re
import time

from itsdangerous import TimestampSigner
from mail_server import link_in, parts
from sqlalchemy import func, select
from web_helpers import field_error, text_of

from matcher.db import db
from matcher.models import User, UserSession

NEW_PASSWORD = "new-horse-battery-9"


def _ask_for_reset(browser, email: str):
    return browser.post("/password/forgot", {"email": email}, page="/password/forgot")


def _reset_link(browser, mailbox, email: str) -> str:
    count = len(mailbox.to(email)) + 1
    assert _ask_for_reset(browser, email).status_code == 200
    return link_in(mailbox.wait_for(email, count=count), "/password/reset/")


def _set(browser, link: str, password: str = NEW_PASSWORD, repeat: str | None = None):
    path = link.split("localhost", 1)[1]
    return browser.post(path, {"password": password, "password_repeat": repeat or password}, page=path)


def test_the_login_page_links_to_forgot_password(web):
    assert 'href="/password/forgot"' in web.get("/login").get_data(as_text=True)


def test_the_reset_mail_arrives_in_the_users_language_with_both_parts(signed_up, new_web, mailbox):
    signed_up("ivan@permtimber.example.ru", language="en").log_out()
    mailbox.clear()
    _ask_for_reset(new_web(), "ivan@permtimber.example.ru")
    message = mailbox.wait_for("ivan@permtimber.example.ru")
    text, html = parts(message)
    assert message["Subject"] == "Choose a new matcher password"
    assert "The link works once and for 1 hour." in text
    assert link_in(message, "/password/reset/") in html.replace("&amp;", "&")


def test_forgot_password_answers_the_same_for_a_known_and_an_unknown_address(signed_up, new_web, mailbox):
    signed_up("olga@lesmash.example.by")
    mailbox.clear()
    strip = lambda r: re.sub(r'value="[^"]*"|olga@lesmash\.example\.by|nobody@lesmash\.example\.by', "",  # noqa: E731
                             r.get_data(as_text=True))
    known = _ask_for_reset(new_web(), "olga@lesmash.example.by")
    unknown = _ask_for_reset(new_web(), "nobody@lesmash.example.by")
    assert known.status_code == unknown.status_code == 200
    assert strip(known) == strip(unknown)
    assert "Проверьте почту" in text_of(known)
    assert len(mailbox.to("olga@lesmash.example.by")) == 1 and mailbox.to("nobody@lesmash.example.by") == []


def test_a_reset_link_sets_the_password_once_and_ends_every_session(signed_up, new_web, mailbox):
    signed_up_browser = signed_up("olga@lesmash.example.by")
    other = new_web()
    other.log_in("olga@lesmash.example.by")
    assert db.session.scalar(select(func.count()).select_from(UserSession)) == 2
    browser = new_web()
    link = _reset_link(browser, mailbox, "olga@lesmash.example.by")
    form = browser.get(link)
    assert form.status_code == 200 and "Задайте новый пароль" in text_of(form)
    done = _set(browser, link)
    assert done.status_code == 302 and done.headers["Location"].endswith("/login")
    assert db.session.scalar(select(func.count()).select_from(UserSession)) == 0
    assert signed_up_browser.get("/account").status_code == 302  # signed out everywhere
    assert browser.log_in("olga@lesmash.example.by").status_code == 401  # the old password is dead
    assert browser.log_in("olga@lesmash.example.by", NEW_PASSWORD).status_code == 302
    # The same link again: already used, and the password stays.
    again = browser.get(link)
    assert again.status_code == 400 and "Ссылка уже использована" in text_of(again)
    assert _set(new_web(), link, "third-password-11").status_code == 400
    assert new_web().log_in("olga@lesmash.example.by", NEW_PASSWORD).status_code == 302


def test_a_newer_reset_link_does_not_revive_an_older_one_after_use(signed_up, new_web, mailbox):
    signed_up("olga@lesmash.example.by")
    browser = new_web()
    first = _reset_link(browser, mailbox, "olga@lesmash.example.by")
    second = _reset_link(browser, mailbox, "olga@lesmash.example.by")
    assert _set(browser, second).status_code == 302
    assert browser.get(first).status_code == 400  # any reset spends every earlier link


def test_a_tampered_reset_link_is_refused(signed_up, new_web, mailbox):
    signed_up("olga@lesmash.example.by")
    browser = new_web()
    link = _reset_link(browser, mailbox, "olga@lesmash.example.by")
    tampered = link[:-4] + ("abcd" if not link.endswith("abcd") else "wxyz")
    response = browser.get(tampered)
    assert response.status_code == 400 and "Ссылка недействительна" in text_of(response)
    assert _set(browser, tampered).status_code == 400
    assert browser.log_in("olga@lesmash.example.by", NEW_PASSWORD).status_code == 401


def test_a_verification_link_cannot_be_used_to_reset_a_password(signed_up, new_web, mailbox):
    """Each purpose signs with its own salt."""
    browser = new_web()
    browser.sign_up("olga@lesmash.example.by")
    token = link_in(mailbox.wait_for("olga@lesmash.example.by"), "/verify-email/").rsplit("/", 1)[1]
    assert browser.get(f"/password/reset/{token}").status_code == 400


def test_an_expired_reset_link_is_refused(signed_up, new_web, mailbox, monkeypatch):
    signed_up("olga@lesmash.example.by")
    browser = new_web()
    two_hours_ago = int(time.time()) - 2 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(TimestampSigner, "get_timestamp", lambda self: two_hours_ago)
        link = _reset_link(browser, mailbox, "olga@lesmash.example.by")
    response = browser.get(link)
    assert response.status_code == 400 and "Срок действия ссылки истёк" in text_of(response)
    assert _set(browser, link).status_code == 400


def test_a_bad_new_password_is_shown_next_to_the_field_and_the_link_stays_good(signed_up, new_web, mailbox):
    signed_up("olga@lesmash.example.by")
    browser = new_web()
    link = _reset_link(browser, mailbox, "olga@lesmash.example.by")
    short = _set(browser, link, "short")
    assert short.status_code == 422 and "от 10 до 128 символов" in field_error(short, "f-password")
    mismatch = _set(browser, link, NEW_PASSWORD, NEW_PASSWORD + "!")
    assert mismatch.status_code == 422 and "Пароли не совпадают" in field_error(mismatch, "f-password_repeat")
    assert _set(browser, link).status_code == 302


def test_resetting_through_the_mailed_link_confirms_the_address(new_web, mailbox):
    browser = new_web()
    browser.sign_up("olga@lesmash.example.by")
    link = _reset_link(browser, mailbox, "olga@lesmash.example.by")
    assert _set(browser, link).status_code == 302
    user = db.session.scalar(select(User).where(User.email == "olga@lesmash.example.by"))
    assert user.email_verified_at is not None


def test_forgot_password_with_a_malformed_address_is_shown_next_to_the_field(web, mailbox):
    response = _ask_for_reset(web, "not-an-address")
    assert response.status_code == 422 and "Введите правильный адрес" in field_error(response, "f-email")
    assert mailbox.messages == []
