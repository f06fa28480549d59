"""Render a mail template (text, HTML and subject) in one language, outside or inside a request."""
from __future__ import annotations

from flask import current_app
from flask_babel import force_locale

from matcher.mail import Mail, MailError
from matcher.settings import SETTINGS

def mail_language(locale: str | None) -> str:
    """The language to write to someone in: theirs when we have it, else the site's default."""
    return SETTINGS.choose_language(locale)


def compose(template: str, lang: str, to: str, **context) -> Mail:
    """Mail built from mail/<template>.txt and mail/<template>.html rendered in `lang` ("ru"|"en")."""
    lang = mail_language(lang)
    env = current_app.jinja_env
    with force_locale(lang):
        # Only what the caller passes: page context processors describe the viewer, not the recipient.
        values = dict(context, lang=lang)
        text_module = env.get_template(f"mail/{template}.txt").make_module(values)
        subject = " ".join(str(getattr(text_module, "subject", "")).split())  # one line, whatever the data
        if not subject:
            raise MailError(f"mail/{template}.txt sets no subject")
        values["subject"] = subject
        html = env.get_template(f"mail/{template}.html").render(values)
    return Mail(to=to, subject=subject, text=str(text_module).strip() + "\n", html=html)
