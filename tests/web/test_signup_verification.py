"""Sign-up confirms the address by mail, and tells nobody whether an address is registered."""
from __future__ import annotations

import re
import time

from itsdangerous import TimestampSigner
from mail_server import link_in, parts
from sqlalchemy import func, select
from web_helpers import PASSWORD, text_of

from matcher.db import db
from matcher.models import User, UserSession


def _user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def _followed(browser, response) -> str:
    """The page a redirect leads to, without per-request tokens, for comparing two answers."""
    page = browser.get(response.headers["Location"])
    return re.sub(r'name="csrf_token" value="[^"]*"', "", page.get_data(as_text=True))


def test_the_confirmation_mail_arrives_in_russian_with_both_parts_and_a_working_link(web, mailbox):
    web.sign_up("olga@lesmash.example.by")
    message = mailbox.wait_for("olga@lesmash.example.by")
    text, html = parts(message)
    assert message["Subject"] == "Подтвердите адрес электронной почты"
    assert "Вы зарегистрировались в matcher с адресом olga@lesmash.example.by" in text
    assert "Подтвердить адрес" in html
    link = link_in(message, "/verify-email/")
    assert f'href="{link}"' in html
    response = web.get(link)
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    assert _user("olga@lesmash.example.by").email_verified_at is not None


def test_an_english_sign_up_gets_the_mail_in_english(new_web, mailbox):
    browser = new_web("en")
    browser.sign_up("ivan@permtimber.example.ru")
    message = mailbox.wait_for("ivan@permtimber.example.ru")
    text, html = parts(message)
    assert message["Subject"] == "Confirm your email address"
    assert "You signed up for matcher with ivan@permtimber.example.ru" in text and '<html lang="en">' in html
    assert _user("ivan@permtimber.example.ru").locale == "en"


def test_signing_up_with_a_taken_address_answers_exactly_as_with_a_new_one(new_web, signed_up, mailbox):
    signed_up("taken@lesmash.example.by")
    mailbox.clear()
    users_before = db.session.scalar(select(func.count()).select_from(User))
    first, second = new_web(), new_web()
    fresh = first.sign_up("new@lesmash.example.by")
    taken = second.sign_up("TAKEN@lesmash.example.by", password="another-password-7")
    assert fresh.status_code == taken.status_code == 302
    assert fresh.headers["Location"] == taken.headers["Location"]
    assert fresh.get_data() == taken.get_data()
    assert _followed(first, fresh) == _followed(second, taken)
    assert first.cookie() is not None and second.cookie() is not None
    # Only the new address got an account; the owner of the taken one is told someone tried.
    assert db.session.scalar(select(func.count()).select_from(User)) == users_before + 1
    assert mailbox.wait_for("new@lesmash.example.by")["Subject"] == "Подтвердите адрес электронной почты"
    warning = mailbox.wait_for("taken@lesmash.example.by")
    assert warning["Subject"] == "Кто-то пытался зарегистрироваться с вашим адресом"
    text, _ = parts(warning)
    assert "/password/forgot" in text and "/login" in text and "/verify-email/" not in text
    # The stranger's password did not replace the owner's.
    assert first.log_in("taken@lesmash.example.by", "another-password-7").status_code == 401


def test_an_unconfirmed_address_signed_up_again_gets_no_new_confirmation_link(new_web, signed_up, mailbox):
    """Whoever signed up first knows that account's password: its owner must reset, not confirm it."""
    signed_up("olga@lesmash.example.by", verify=False)
    mailbox.clear()
    new_web().sign_up("olga@lesmash.example.by")
    message = mailbox.wait_for("olga@lesmash.example.by")
    assert message["Subject"] == "Кто-то пытался зарегистрироваться с вашим адресом"
    assert "/verify-email/" not in parts(message)[0]


def test_a_bad_password_is_refused_the_same_for_a_new_and_a_taken_address(web, signed_up):
    signed_up("taken@lesmash.example.by")
    for email in ("new@lesmash.example.by", "taken@lesmash.example.by"):
        response = web.post("/signup", {"email": email, "password": "short", "password_repeat": "short"},
                            page="/signup")
        assert response.status_code == 422 and "от 10 до 128 символов" in text_of(response)


def test_sign_up_does_not_sign_in_but_the_unconfirmed_user_can_log_in_and_is_told_to_confirm(web, mailbox):
    web.sign_up("olga@lesmash.example.by")
    assert db.session.scalar(select(func.count()).select_from(UserSession)) == 0
    assert web.log_in("olga@lesmash.example.by").status_code == 302
    page = web.get("/account")
    assert "Подтвердите адрес электронной почты" in text_of(page)
    assert web.post("/account/verification", page="/account").status_code == 302
    assert len(mailbox.to("olga@lesmash.example.by")) == 2
    link = link_in(mailbox.wait_for("olga@lesmash.example.by", count=2), "/verify-email/")
    confirmed = web.get(link)
    assert confirmed.headers["Location"].endswith("/companies/new")  # signed in: straight on
    assert "Подтвердите адрес" not in text_of(web.get("/account"))


def test_a_confirmation_link_used_twice_still_just_says_confirmed(web, mailbox):
    web.sign_up("olga@lesmash.example.by")
    link = link_in(mailbox.wait_for("olga@lesmash.example.by"), "/verify-email/")
    assert web.get(link).status_code == 302
    stamp = _user("olga@lesmash.example.by").email_verified_at
    assert web.get(link).status_code == 302
    assert _user("olga@lesmash.example.by").email_verified_at == stamp


def test_a_tampered_confirmation_link_is_refused_and_confirms_nothing(web, mailbox):
    web.sign_up("olga@lesmash.example.by")
    link = link_in(mailbox.wait_for("olga@lesmash.example.by"), "/verify-email/")
    token = link.rsplit("/", 1)[1]
    tampered = link[: -len(token)] + token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    response = web.get(tampered)
    assert response.status_code == 400
    assert "Ссылка недействительна" in text_of(response)
    assert _user("olga@lesmash.example.by").email_verified_at is None


def test_a_confirmation_link_for_another_user_id_does_not_verify_it(web, mailbox, app):
    """The payload is signed: changing the user id inside it breaks the signature."""
    import base64
    import json

    web.sign_up("olga@lesmash.example.by")
    token = link_in(mailbox.wait_for("olga@lesmash.example.by"), "/verify-email/").rsplit("/", 1)[1]
    payload, rest = token.split(".", 1)
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    data["u"] += 1
    forged = base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")
    assert web.get(f"/verify-email/{forged}.{rest}").status_code == 400


def test_an_expired_confirmation_link_is_refused(web, mailbox, monkeypatch, app):
    four_days_ago = int(time.time()) - 4 * 24 * 3600  # the link lives 3 days
    with monkeypatch.context() as patch:
        patch.setattr(TimestampSigner, "get_timestamp", lambda self: four_days_ago)
        web.sign_up("olga@lesmash.example.by")
    link = link_in(mailbox.wait_for("olga@lesmash.example.by"), "/verify-email/")
    response = web.get(link)
    assert response.status_code == 400 and "Срок действия ссылки истёк" in text_of(response)
    assert _user("olga@lesmash.example.by").email_verified_at is None


def test_the_confirmation_page_is_in_english_for_an_english_browser(new_web, mailbox):
    browser = new_web("en")
    response = browser.sign_up("ivan@permtimber.example.ru")
    page = browser.get(response.headers["Location"])
    assert "Check your email" in text_of(page)
    assert PASSWORD not in page.get_data(as_text=True)


def test_a_mail_server_that_is_down_changes_nothing_on_the_page_and_the_mail_waits_in_the_outbox(
        web, app, monkeypatch):
    from mail_server import free_port

    from matcher.models import OutboxMail

    monkeypatch.setitem(app.config, "MAIL_URL", f"smtp://127.0.0.1:{free_port()}")
    response = web.sign_up("olga@lesmash.example.by")
    assert response.status_code == 302 and response.headers["Location"].endswith("/signup/sent")
    row = db.session.scalar(select(OutboxMail).where(OutboxMail.recipient == "olga@lesmash.example.by"))
    assert row.status == "pending" and row.attempts == 1 and "SMTP 127.0.0.1" in row.last_error
    assert row.subject == "Подтвердите адрес электронной почты"
