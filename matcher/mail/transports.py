"""Where mail goes: an SMTP server (MAIL_URL or MAIL_HOST…) or, by default, .eml files in a folder."""
from __future__ import annotations

import os
import secrets
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from matcher.mail import MailError

_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class SmtpTransport:
    host: str
    port: int
    user: str | None = None
    password: str | None = None
    security: str = "plain"  # "plain" | "starttls" | "ssl" (implicit TLS, smtps)
    timeout_seconds: float = 20.0

    def send(self, message: EmailMessage) -> None:
        context = ssl.create_default_context()
        try:
            if self.security == "ssl":
                client = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout_seconds, context=context)
            else:
                client = smtplib.SMTP(self.host, self.port, timeout=self.timeout_seconds)
            with client:
                if self.security == "starttls":
                    client.starttls(context=context)
                if self.user:
                    client.login(self.user, self.password or "")
                client.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError(f"SMTP {self.host}:{self.port}: {exc}") from exc


@dataclass(frozen=True)
class FolderTransport:
    """Each message becomes <folder>/<UTC time>-<random>.eml: readable without any mail server."""

    folder: Path

    def send(self, message: EmailMessage) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
            target = self.folder / f"{stamp}-{secrets.token_hex(4)}.eml"
            partial = target.with_suffix(".part")
            partial.write_bytes(message.as_bytes(policy=SMTP))
            os.replace(partial, target)  # a reader never sees half a message
        except OSError as exc:
            raise MailError(f"cannot write to {self.folder}: {exc}") from exc


def transport_from_settings(config, instance_path: str):
    """SMTP when MAIL_URL or MAIL_HOST is set; otherwise the folder MAIL_FOLDER (instance/mail)."""
    url = (config.get("MAIL_URL") or "").strip()
    if url:
        return _transport_from_url(url, config)
    if config.get("MAIL_HOST"):
        security = "ssl" if _flag(config.get("MAIL_USE_SSL")) else (
            "starttls" if _flag(config.get("MAIL_USE_TLS")) else "plain")
        return SmtpTransport(
            host=config["MAIL_HOST"], port=int(config.get("MAIL_PORT") or (465 if security == "ssl" else 25)),
            user=config.get("MAIL_USER") or None, password=config.get("MAIL_PASSWORD") or None,
            security=security, timeout_seconds=float(config.get("MAIL_TIMEOUT_SECONDS") or 20))
    return FolderTransport(mail_folder(config, instance_path))


def mail_folder(config, instance_path: str) -> Path:
    return Path(config.get("MAIL_FOLDER") or Path(instance_path) / "mail")


def _transport_from_url(url: str, config):
    """smtp://user:pass@host:587?starttls=1, smtp+starttls://…, smtps://…:465, file:///path/to/folder."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "file":
        return FolderTransport(Path(unquote(parts.path)))
    if scheme not in ("smtp", "smtps", "smtp+starttls") or not parts.hostname:
        raise MailError("MAIL_URL must look like smtp://user:password@host:port, smtps://… or file:///folder")
    query = parse_qs(parts.query)
    if scheme == "smtps":
        security = "ssl"
    elif scheme == "smtp+starttls" or _flag((query.get("starttls") or [""])[0]):
        security = "starttls"
    else:
        security = "plain"
    return SmtpTransport(
        host=parts.hostname, port=parts.port or (465 if security == "ssl" else 587 if security == "starttls" else 25),
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        security=security, timeout_seconds=float(config.get("MAIL_TIMEOUT_SECONDS") or 20))


def _flag(value) -> bool:
    return value is True or str(value or "").strip().lower() in _TRUE
