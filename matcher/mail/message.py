"""Turn a Mail into a standard email.message.EmailMessage (text, optional HTML, attachments)."""
from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from matcher.mail import Mail, MailError

# Headers a caller may not set: they are ours, or would let data rewrite the envelope.
_RESERVED_HEADERS = {"from", "to", "cc", "bcc", "subject", "date", "message-id", "content-type",
                     "mime-version", "content-transfer-encoding"}


def build_message(mail: Mail, sender: str) -> EmailMessage:
    """The MIME message; a newline in any header or a malformed address is a MailError."""
    if "@" not in parseaddr(mail.to)[1] or any(c in mail.to for c in "\r\n,;"):
        raise MailError(f"not a single email address: {mail.to!r}")
    message = EmailMessage()
    try:
        message["From"] = sender
        message["To"] = mail.to
        message["Subject"] = mail.subject
        message["Date"] = formatdate(localtime=False, usegmt=True)
        message["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].rpartition("@")[2] or "localhost")
        for name, value in mail.headers.items():
            if name.lower() in _RESERVED_HEADERS:
                raise MailError(f"header {name} is set by the mail module")
            message[name] = value
    except ValueError as exc:  # the email package refuses CR/LF in a header value
        raise MailError(str(exc)) from exc
    message.set_content(mail.text, subtype="plain", charset="utf-8")
    if mail.html is not None:
        message.add_alternative(mail.html, subtype="html", charset="utf-8")
    for filename, content, mimetype in mail.attachments:
        maintype, _, subtype = (mimetype or "application/octet-stream").partition("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype or "octet-stream",
                               filename=filename)
    return message


def text_and_html(message: EmailMessage) -> tuple[str, str | None]:
    """The plain-text and HTML bodies of a message (as our builder lays them out)."""
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    return (text.get_content() if text else ""), (html.get_content() if html else None)
