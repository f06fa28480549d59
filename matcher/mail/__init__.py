"""Outgoing mail: `compose` renders a message in the recipient's language, `deliver` sends it.

A mail template is a pair under matcher/web/templates/mail/: `<name>.txt` (plain text, which sets
the subject with `{% set subject = _("…") %}` on its first line) and `<name>.html` (the same
content as HTML, autoescaped). `deliver` goes through the transport the settings choose
(SMTP from MAIL_URL / MAIL_HOST, else .eml files in instance/mail/); see matcher/mail/transports.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field


class MailError(Exception):
    """The message could not be built or handed to the transport."""


@dataclass
class Mail:
    to: str
    subject: str
    text: str
    html: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)  # (filename, content, mimetype)


from matcher.mail.compose import compose  # noqa: E402
from matcher.mail.deliver import deliver  # noqa: E402

__all__ = ["Mail", "MailError", "compose", "deliver"]
