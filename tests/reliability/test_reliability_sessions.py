"""Login brute force and sessions with several gunicorn workers sharing their state (Redis, database).

The single-process versions live in tests/web: test_auth.py (the 11th bad login is a 429, unknown
email and wrong password look alike, the session id changes at login, a copied cookie dies at
logout) and test_account.py (a password change ends the other sessions). Here the same promises
are checked where they can break: across 4 workers, each with its own memory.
"""
from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from live_helpers import CSRF_FIELD

from matcher.db import db
from matcher.models import UserSession
from matcher.services.accounts import verify_password

PASSWORD = "correct-horse-42"
LOGIN_LIMIT_PER_EMAIL = 10  # per minute, see matcher/web/auth.py


def _without_token_and_email(answer, email: str) -> str:
    """The page as the person sees it, minus what must differ: the CSRF token and the echoed email."""
    text = re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token" value=""', answer.text)
    return text.replace(email, "EMAIL")


def test_the_eleventh_bad_login_is_refused_by_every_worker_while_others_log_in(live, user_with_password):
    # The counters are shared through Redis when it runs, else through the database (see also
    # test_reliability_login_limits.py, which always runs without Redis).
    user_with_password("victim@reliability.example")
    user_with_password("bystander@reliability.example")
    db.session.commit()
    first_line = live.access_count()
    wrong_password, unknown_user = [], []
    for _attempt in range(LOGIN_LIMIT_PER_EMAIL // 2):
        # A new connection per attempt, as a password-guessing script would open: the kernel hands
        # them to different workers, so only a shared counter can stop the guesses.
        wrong_password.append(live.browser().log_in("victim@reliability.example", "guess-guess-1"))
        unknown_user.append(live.browser().log_in("nobody@reliability.example", "guess-guess-1"))
        wrong_password.append(live.browser().log_in("victim@reliability.example", "guess-guess-2"))

    assert {a.status for a in wrong_password + unknown_user} == {401}
    pages = {_without_token_and_email(a, "victim@reliability.example") for a in wrong_password}
    pages |= {_without_token_and_email(a, "nobody@reliability.example") for a in unknown_user}
    assert len(pages) == 1, "unknown email and wrong password must read the same"
    assert "Неверный e-mail или пароль" in pages.pop()

    blocked = live.browser().log_in("victim@reliability.example", PASSWORD)  # the 11th, even right
    assert blocked.status == 429
    assert 0 < int(blocked.headers["Retry-After"]) <= 60
    assert blocked.mimetype == "text/html" and "Слишком много попыток входа" in blocked.text
    assert live.browser().log_in("bystander@reliability.example", PASSWORD).status == 302
    assert len(live.workers_that_served(first_line, "/login")) >= 2, "the attempts all reached one worker"


def test_a_cookie_copied_before_logout_is_dead_on_every_worker_after_it(live, user_with_password):
    user_with_password("olga@reliability.example")
    db.session.commit()
    browser = live.browser()
    before_login = browser.csrf()
    assert browser.log_in("olga@reliability.example", PASSWORD).status == 302
    copied = dict(browser.cookies)
    assert copied["session"] != before_login and browser.get("/account").status == 200
    assert browser.form("/logout", {}, page="/account").status == 302

    for _ in range(8):  # fresh connections: several workers get to judge the copied cookie
        thief = live.browser()
        thief.cookies = dict(copied)
        answer = thief.get("/account")
        assert answer.status == 302 and "/login" in answer.headers["Location"]
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(UserSession)) == 0


def _in_process_browser(app):
    client = app.test_client()

    def post(path: str, data: dict, page: str):
        token = CSRF_FIELD.search(client.get(page).get_data(as_text=True)).group(1)
        response = client.post(path, data={**data, "csrf_token": token})
        db.session.rollback()  # as a request's teardown would: the test keeps one session around
        return response

    return client, post


def test_a_password_change_that_fails_halfway_changes_nothing(app, user_with_password, monkeypatch):
    """The new password and the end of the other sessions are one commit: never the one without the other."""
    from matcher.web import account

    user_with_password("olga@reliability.example")
    laptop, laptop_post = _in_process_browser(app)
    phone, phone_post = _in_process_browser(app)
    for post in (laptop_post, phone_post):
        assert post("/login", {"email": "olga@reliability.example", "password": PASSWORD}, "/login").status_code == 302

    def database_gone(*_args, **_kwargs):
        raise OperationalError("DELETE FROM user_session", {}, Exception("server closed the connection"))

    monkeypatch.setattr(account.sessions, "end_other_sessions", database_gone)
    response = laptop_post("/account/password", {"current_password": PASSWORD, "new_password": "new-secret-2027",
                                                 "new_password_repeat": "new-secret-2027"}, "/account")
    assert response.status_code == 503
    assert verify_password("olga@reliability.example", PASSWORD) is not None
    assert verify_password("olga@reliability.example", "new-secret-2027") is None
    assert phone.get("/account").status_code == 200
