"""compose + deliver: a message reaches a real SMTP server (aiosmtpd) in both parts and the right language."""
from __future__ import annotations

from email import policy
from email.parser import BytesParser

import pytest
from mail_server import parts

from matcher.mail import Mail, MailError, compose, deliver


def test_a_composed_mail_arrives_with_text_and_html_in_russian(app, mailbox):
    deliver(compose("verify_email", "ru", "olga@lesmash.example.by", email="olga@lesmash.example.by",
                    link="https://matcher.example/verify-email/abc", days=3))
    message = mailbox.wait_for("olga@lesmash.example.by")
    text, html = parts(message)
    assert message["Subject"] == "Подтвердите адрес электронной почты"
    assert message["From"] == "matcher <noreply@localhost>" and message["Message-ID"] and message["Date"]
    assert "Ссылка действует 3 дня" in text and "https://matcher.example/verify-email/abc" in text
    assert '<html lang="ru">' in html and 'href="https://matcher.example/verify-email/abc"' in html


def test_the_same_mail_in_english_for_an_english_reader(app, mailbox):
    deliver(compose("verify_email", "en", "ivan@perm.example.ru", email="ivan@perm.example.ru",
                    link="https://matcher.example/verify-email/abc", days=1))
    message = mailbox.wait_for("ivan@perm.example.ru")
    text, html = parts(message)
    assert message["Subject"] == "Confirm your email address"
    assert "The link is valid for 1 day." in text and '<html lang="en">' in html


def test_an_unknown_language_falls_back_to_russian(app):
    assert compose("verify_email", "de", "a@b.by", email="a@b.by", link="x", days=2).subject.startswith("Подтвердите")


def test_data_is_escaped_in_html_and_left_alone_in_text(app, mailbox):
    hostile = '<script>alert(1)</script>"@example.by'
    deliver(compose("verify_email", "en", "a@b.by", email=hostile, link="https://x.example/?a=1&b=2", days=3))
    text, html = parts(mailbox.wait_for("a@b.by"))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="https://x.example/?a=1&amp;b=2"' in html
    assert hostile in text and "https://x.example/?a=1&b=2" in text


def test_cyrillic_subject_headers_and_attachments_survive_the_trip(app, mailbox):
    ics = "BEGIN:VCALENDAR\r\nSUMMARY:Встреча\r\nEND:VCALENDAR\r\n".encode()
    deliver(Mail(to="olga@lesmash.example.by", subject="Расписание встреч — Пермь", text="Привет",
                 html="<p>Привет</p>", headers={"List-Unsubscribe": "<https://matcher.example/u/1>"},
                 attachments=[("повестка.ics", ics, "text/calendar")]))
    message = mailbox.wait_for("olga@lesmash.example.by")
    assert message["Subject"] == "Расписание встреч — Пермь"
    assert message["List-Unsubscribe"] == "<https://matcher.example/u/1>"
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == "повестка.ics" and attachment.get_content_type() == "text/calendar"
    assert attachment.get_payload(decode=True) == ics


@pytest.mark.parametrize("mail", [
    Mail(to="a@b.by", subject="hi\r\nBcc: victim@example.by", text="x"),
    Mail(to="a@b.by, victim@example.by", subject="hi", text="x"),
    Mail(to="not-an-address", subject="hi", text="x"),
    Mail(to="a@b.by", subject="hi", text="x", headers={"Bcc": "victim@example.by"}),
    Mail(to="a@b.by", subject="hi", text="x", headers={"X-Note": "a\nBcc: victim@example.by"}),
])
def test_header_injection_and_extra_recipients_are_refused_before_sending(app, mailbox, mail):
    with pytest.raises(MailError):
        deliver(mail)
    assert mailbox.messages == []


def test_a_server_that_does_not_answer_is_a_mail_error(app, monkeypatch):
    from mail_server import free_port

    monkeypatch.setitem(app.config, "MAIL_URL", f"smtp://127.0.0.1:{free_port()}")
    with pytest.raises(MailError, match="SMTP 127.0.0.1"):
        deliver(Mail(to="a@b.by", subject="hi", text="x"))


def test_without_a_mail_server_messages_are_written_as_eml_files(app, monkeypatch, tmp_path):
    monkeypatch.setitem(app.config, "MAIL_URL", None)
    monkeypatch.setitem(app.config, "MAIL_FOLDER", str(tmp_path))
    deliver(compose("verify_email", "ru", "olga@lesmash.example.by", email="olga@lesmash.example.by",
                    link="https://m.example/v", days=3))
    (written,) = list(tmp_path.glob("*.eml"))
    message = BytesParser(policy=policy.default).parsebytes(written.read_bytes())
    assert message["To"] == "olga@lesmash.example.by"
    assert "Ссылка действует 3 дня" in parts(message)[0]
    assert list(tmp_path.glob("*.part")) == []
