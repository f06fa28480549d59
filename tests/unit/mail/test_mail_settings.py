"""Mail settings: MAIL_URL and MAIL_HOST… choose the SMTP transport; with neither, the .eml folder."""
from __future__ import annotations

from pathlib import Path

import pytest

from matcher.mail import MailError
from matcher.mail.transports import FolderTransport, SmtpTransport, transport_from_settings


def test_no_mail_settings_write_eml_files_into_the_instance_folder():
    assert transport_from_settings({}, "/srv/instance") == FolderTransport(Path("/srv/instance/mail"))


@pytest.mark.parametrize("url, expected", [
    ("smtp://relay.example.by", SmtpTransport("relay.example.by", 25)),
    ("smtp://bot:p%40ss%2Fword@relay.example.by:2525", SmtpTransport("relay.example.by", 2525, "bot", "p@ss/word")),
    ("smtp://u:p@relay.example.by:587?starttls=true", SmtpTransport("relay.example.by", 587, "u", "p", "starttls")),
    ("smtp+starttls://u:p@relay.example.by", SmtpTransport("relay.example.by", 587, "u", "p", "starttls")),
    ("smtps://u:p@relay.example.by", SmtpTransport("relay.example.by", 465, "u", "p", "ssl")),
    ("file:///var/mail/matcher", FolderTransport(Path("/var/mail/matcher"))),
])
def test_mail_url_names_server_port_credentials_and_tls(url, expected):
    assert transport_from_settings({"MAIL_URL": url}, "/srv/instance") == expected


def test_separate_host_settings_work_without_a_url():
    config = {"MAIL_HOST": "relay.example.by", "MAIL_PORT": 587, "MAIL_USER": "bot", "MAIL_PASSWORD": "secret",
              "MAIL_USE_TLS": True}
    assert transport_from_settings(config, "/srv") == SmtpTransport("relay.example.by", 587, "bot", "secret", "starttls")


@pytest.mark.parametrize("url", ["http://relay.example.by", "smtp://", "relay.example.by:25"])
def test_a_mail_url_that_is_not_smtp_is_refused_plainly(url):
    with pytest.raises(MailError, match="MAIL_URL must look like"):
        transport_from_settings({"MAIL_URL": url}, "/srv")


def test_the_environment_sets_the_mail_settings(monkeypatch):
    from config import load_settings

    monkeypatch.setenv("MAIL_URL", "smtps://bot:secret@relay.example.by")
    monkeypatch.setenv("MAIL_FROM", "Matcher <robot@matcher.example.by>")
    monkeypatch.setenv("MAIL_USE_TLS", "yes")
    settings = load_settings("testing")
    assert settings["MAIL_URL"] == "smtps://bot:secret@relay.example.by"
    assert settings["MAIL_FROM"] == "Matcher <robot@matcher.example.by>"
    assert settings["MAIL_USE_TLS"] is True
