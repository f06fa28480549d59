"""The mails about an account itself: confirm the address, someone used it to sign up, reset, invitation."""
from __future__ import annotations

import logging
import secrets

from matcher.mail import Mail, MailError, compose
from matcher.mail.links import external_url
from matcher.models import User
from matcher.services import outbox
from matcher.services.verification import make_link_token, max_age_seconds

log = logging.getLogger(__name__)


def _days(purpose: str) -> int:
    return max(1, max_age_seconds(purpose) // 86400)


def _hours(purpose: str) -> int:
    return max(1, max_age_seconds(purpose) // 3600)


def send_verification(user: User) -> None:
    link = external_url("web.verify_email", token=make_link_token(user, "verify"))
    _send(compose("verify_email", user.locale, user.email, email=user.email, link=link, days=_days("verify")),
          "verify", user)


def send_signup_attempt(user: User) -> None:
    """To the owner of an address someone tried to sign up with: it is theirs, here is how to get in."""
    _send(compose("signup_attempt", user.locale, user.email, email=user.email,
                  login_link=external_url("web.login"), reset_link=external_url("web.forgot_password")),
          "signup-attempt", user)


def send_password_reset(user: User) -> None:
    link = external_url("web.reset_password", token=make_link_token(user, "reset"))
    _send(compose("password_reset", user.locale, user.email, email=user.email, link=link, hours=_hours("reset")),
          "reset", user)


def send_invitation(user: User) -> str:
    """Mail the invitation; the set-password link is returned too (the CLI prints it)."""
    link = external_url("web.accept_invitation", token=make_link_token(user, "invite"))
    _send(compose("invitation", user.locale, user.email, email=user.email, role=user.role, link=link,
                  days=_days("invite")), "invite", user)
    return link


def _send(mail: Mail, kind: str, user: User) -> None:
    """Through the outbox: recorded once, tried at once (or by a worker), retried on failure.

    Each request is its own event: asking twice rightly mails twice. A failure is the outbox's to
    retry and show on /admin/outbox, never the page's: it must answer the same whatever happened."""
    event_id = f"account:{kind}:{user.id}:{secrets.token_hex(8)}"
    try:
        outbox.send(mail, event_id)
    except MailError as exc:  # a mail the transport can never take (a malformed address)
        log.error("could not send %s mail to user %s: %s", kind, user.id, exc)
