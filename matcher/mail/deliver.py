"""Send one Mail through the configured transport, synchronously; failures raise MailError."""
from __future__ import annotations

import logging

from flask import current_app

from matcher.mail import Mail
from matcher.mail.message import build_message
from matcher.mail.transports import transport_from_settings

log = logging.getLogger(__name__)


def deliver(mail: Mail) -> None:
    """Hand the message to SMTP (or write it to the mail folder); needs an app context."""
    config = current_app.config
    message = build_message(mail, config.get("MAIL_FROM") or "matcher <noreply@localhost>")
    transport = transport_from_settings(config, current_app.instance_path)
    transport.send(message)
    log.info("mail %r sent to %s through %s", mail.subject, mail.to, type(transport).__name__)
