"""`flask users invite`: the organiser path — a mailed (and printed) set-password link, then the missions."""
from __future__ import annotations

from mail_server import link_in, parts
from sqlalchemy import select
from web_helpers import text_of

from matcher.db import db
from matcher.models import User

PASSWORD = "organiser-horse-5"


def _invite(app, *args):
    return app.test_cli_runner().invoke(args=["users", "invite", *args])


def test_invite_creates_the_organiser_mails_the_link_and_prints_it_last(app, mailbox):
    result = _invite(app, "Org@Embassy.example.by", "--role", "organizer")
    assert result.exit_code == 0, result.output
    printed = result.output.strip().splitlines()[-1]
    user = db.session.scalar(select(User).where(User.email == "org@embassy.example.by"))
    assert user.role == "organizer" and user.password_hash is None
    message = mailbox.wait_for("org@embassy.example.by")
    text, html = parts(message)
    assert message["Subject"] == "Приглашение в matcher"
    assert "с ролью «организатор»" in text and "Задайте пароль" in html
    assert link_in(message, "/invitation/") == printed
    assert printed.startswith("http://127.0.0.1:8000/invitation/")  # no PUBLIC_URL: make run's address


def test_invite_in_english_and_with_a_public_url(app, mailbox, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://matcher.example.org")
    result = _invite(app, "admin@matcher.example.org", "--role", "admin", "--lang", "en")
    assert result.exit_code == 0, result.output
    message = mailbox.wait_for("admin@matcher.example.org")
    assert message["Subject"] == "You are invited to matcher"
    assert "with the role «administrator»" in parts(message)[0]
    assert result.output.strip().splitlines()[-1].startswith("https://matcher.example.org/invitation/")


def test_the_invited_organiser_sets_a_password_once_and_reaches_the_missions(app, mailbox, new_web):
    link = _invite(app, "org@embassy.example.by", "--role", "organizer").output.strip().splitlines()[-1]
    path = link.split("127.0.0.1:8000", 1)[1]
    browser = new_web()
    form = browser.get(path)
    assert form.status_code == 200 and "Задайте пароль" in text_of(form)
    done = browser.post(path, {"password": PASSWORD, "password_repeat": PASSWORD}, page=path)
    assert done.status_code == 302 and done.headers["Location"].endswith("/login")
    login = browser.log_in("org@embassy.example.by", PASSWORD)
    assert login.status_code == 302 and login.headers["Location"].endswith("/missions")
    assert browser.get("/missions").status_code == 200
    assert new_web().get(path).status_code == 400  # the invitation is spent


def test_invite_refuses_a_bad_address_and_a_company_role(app, mailbox):
    bad = _invite(app, "not-an-address", "--role", "organizer")
    assert bad.exit_code != 0 and "email" in bad.output
    assert _invite(app, "a@b.by", "--role", "company").exit_code != 0
    assert mailbox.messages == []
    assert db.session.scalar(select(User)) is None
