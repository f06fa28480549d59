"""The outbox: one mail per event id, failed tries retried with backoff and then shown to admins."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from matcher.db import db, utcnow
from matcher.mail import Mail
from matcher.models import OutboxMail
from matcher.services import outbox

CLOSED_PORT_URL = "smtp://127.0.0.1:9"  # discard port: nothing listens, every try fails at once


def _mail(to: str = "olga@lesmash.example.by") -> Mail:
    return Mail(to=to, subject="Проверка", text="Текст письма\n", html="<p>Текст письма</p>",
                headers={"List-Unsubscribe": "<http://127.0.0.1:8000/unsubscribe/x>"},
                attachments=[("agenda.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".encode(), "text/calendar")])


@pytest.fixture
def broken_transport(app):
    working = app.config["MAIL_URL"]
    app.config["MAIL_URL"] = CLOSED_PORT_URL
    yield
    app.config["MAIL_URL"] = working


def test_the_same_event_id_queues_and_sends_one_mail_only(app, mailbox):
    first = outbox.send(_mail(), "interest:1:2")
    again = outbox.send(_mail(), "interest:1:2")
    assert first is not None and again is None
    message = mailbox.wait_for("olga@lesmash.example.by")
    assert message["Subject"] == "Проверка" and message["List-Unsubscribe"].startswith("<http")
    attachment = next(message.iter_attachments())
    assert attachment.get_filename() == "agenda.ics" and attachment.get_content_type() == "text/calendar"
    assert len(mailbox.to("olga@lesmash.example.by")) == 1
    assert db.session.get(OutboxMail, first.id).status == "sent"


def test_a_sent_mail_leaves_no_body_behind_so_no_live_link_stays_in_the_database(app, mailbox):
    row = outbox.send(Mail(to="olga@lesmash.example.by", subject="Новый пароль",
                           text="http://127.0.0.1:8000/reset-password/secret-token\n"), "account:reset:1:ab")
    mailbox.wait_for("olga@lesmash.example.by")
    db.session.refresh(row)
    assert row.status == "sent" and "secret-token" not in str(row.message)


def test_a_failed_try_waits_its_backoff_then_the_next_try_delivers(app, mailbox, broken_transport, smtp_server):
    row = outbox.send(_mail(), "digest:7:weekly:2026W49")
    db.session.refresh(row)
    assert (row.status, row.attempts) == ("pending", 1)
    assert "127.0.0.1:9" in row.last_error
    wait = (row.next_attempt_at.replace(tzinfo=None) - utcnow().replace(tzinfo=None)).total_seconds()
    assert outbox.retry_intervals()[0] - 5 < wait <= outbox.retry_intervals()[0]
    assert outbox.deliver_now(row.id) == "busy"  # not its turn yet: the backoff is kept
    app.config["MAIL_URL"] = smtp_server.url
    row.next_attempt_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert outbox.deliver_due() == {"sent": 1}
    db.session.refresh(row)
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, None)
    assert mailbox.wait_for("olga@lesmash.example.by")["Subject"] == "Проверка"


def test_after_the_last_try_the_mail_is_failed_and_an_admin_sees_it_and_sends_it_again(
        app, mailbox, broken_transport, smtp_server):
    row = outbox.send(_mail(), "schedule:3:to:5")
    for _ in range(outbox.max_attempts() - 1):
        db.session.refresh(row)
        row.next_attempt_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
        outbox.deliver_now(row.id)
    db.session.refresh(row)
    assert (row.status, row.attempts, row.next_attempt_at) == ("failed", outbox.max_attempts(), None)
    assert outbox.outbox_rows()[0].id == row.id
    app.config["MAIL_URL"] = smtp_server.url
    assert outbox.send_failed_again(row.id).status == "sent"  # inline: sent at once
    assert mailbox.wait_for("olga@lesmash.example.by")["Subject"] == "Проверка"


def test_an_address_the_mail_module_refuses_fails_its_tries_without_touching_other_mail(app, mailbox):
    bad = outbox.send(_mail(to="two@a.by, three@b.by"), "interest:3:4")
    good = outbox.send(_mail(), "interest:4:3")
    db.session.refresh(bad)
    assert bad.status == "pending" and "single email address" in bad.last_error
    assert db.session.get(OutboxMail, good.id).status == "sent"


def test_mail_left_pending_by_a_lost_job_is_found_again(app, mailbox, broken_transport):
    row = outbox.send(_mail(), "interest:9:8")
    db.session.refresh(row)
    row.next_attempt_at = utcnow() - timedelta(seconds=outbox.OVERDUE_AFTER_S + 60)
    db.session.commit()
    assert outbox.requeue_overdue() == 1  # inline: tried again at once (and fails again here)
    assert db.session.scalar(select(OutboxMail.attempts).where(OutboxMail.id == row.id)) == 2
