"""/admin/outbox: admins see waiting, sent and failed mail with the transport's error, and send a failed one again."""
from __future__ import annotations

from datetime import timedelta

from web_helpers import text_of

from matcher.db import db, utcnow
from matcher.mail import Mail
from matcher.services import outbox


def test_an_admin_sees_a_failed_mail_with_its_error_and_sends_it_again(app, staff_user, new_web, mailbox, smtp_server):
    staff_user("admin")
    admin = new_web()
    assert admin.log_in("admin@matcher.example").status_code == 302
    app.config["MAIL_URL"] = "smtp://127.0.0.1:9"
    try:
        row = outbox.send(Mail(to="olga@lesmash.example.by", subject="Лесмаш: проверка", text="Текст\n"), "test:1")
        for _ in range(outbox.max_attempts() - 1):
            db.session.refresh(row)
            row.next_attempt_at = utcnow() - timedelta(seconds=1)
            db.session.commit()
            outbox.deliver_now(row.id)
    finally:
        app.config["MAIL_URL"] = smtp_server.url
    page = admin.get("/admin/outbox")
    assert page.status_code == 200
    text = text_of(page)
    assert "Лесмаш: проверка" in text and "не отправлено" in text and "127.0.0.1:9" in text
    response = admin.post(f"/admin/outbox/{row.id}/retry", page="/admin/outbox")
    assert response.status_code == 302
    assert mailbox.wait_for("olga@lesmash.example.by")["Subject"] == "Лесмаш: проверка"
    assert "отправлено" in text_of(admin.get("/admin/outbox"))


def test_the_outbox_is_for_admins_only(staff_user, new_web):
    staff_user("organizer")
    organiser = new_web()
    assert organiser.log_in("organizer@matcher.example").status_code == 302
    assert organiser.get("/admin/outbox").status_code == 403
    assert new_web().get("/admin/outbox").status_code == 302  # to the login page
