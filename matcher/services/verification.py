"""Signed links mailed to people — confirm an address, set or reset a password — and their checks.

Links are itsdangerous tokens signed with SECRET_KEY, one salt per purpose, and expire. A
password link names a fingerprint of the account's current password hash, so it works once:
setting the password changes the hash and every earlier link of either kind stops working.
"""
from __future__ import annotations

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete

from matcher.db import db, utcnow
from matcher.errors import ValidationFailed
from matcher.models import User, UserSession
from matcher.services import runtime
from matcher.services.accounts import hash_secret, set_password

PURPOSES = {  # purpose -> (salt, setting with its lifetime in seconds)
    "verify": ("matcher.verify-email", "EMAIL_VERIFY_MAX_AGE_SECONDS"),
    "reset": ("matcher.reset-password", "PASSWORD_RESET_MAX_AGE_SECONDS"),
    "invite": ("matcher.invite", "INVITE_MAX_AGE_SECONDS"),
}
# Why a link is refused; the web shows each in the reader's language (web/verification.py).
LINK_EXPIRED, LINK_INVALID, LINK_USED = "expired", "invalid", "used"
LINK_MESSAGES = {
    LINK_EXPIRED: "The link has expired; ask for a new one.",
    LINK_INVALID: "The link is not valid; copy it from the message in full or ask for a new one.",
    LINK_USED: "The link has already been used; ask for a new one.",
}


class LinkRefused(ValidationFailed):
    """A mailed link that cannot be honoured; `reason` is one of LINK_EXPIRED, LINK_INVALID, LINK_USED."""

    def __init__(self, reason: str):
        super().__init__(LINK_MESSAGES[reason], {"token": [LINK_MESSAGES[reason]]})
        self.reason = reason


def max_age_seconds(purpose: str) -> int:
    return int(runtime.settings()[PURPOSES[purpose][1]])


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(runtime.settings()["SECRET_KEY"], salt=PURPOSES[purpose][0])


def _password_stamp(user: User) -> str:
    """Changes whenever the password (scrypt with a fresh salt each time) or the address changes."""
    return hash_secret(f"{user.email}\x00{user.password_hash or ''}")[:24]


def make_link_token(user: User, purpose: str) -> str:
    if purpose == "verify":
        return _serializer(purpose).dumps({"u": user.id, "e": user.email})
    return _serializer(purpose).dumps({"u": user.id, "p": _password_stamp(user)})


def _load(token: str, purpose: str) -> dict:
    try:
        data = _serializer(purpose).loads(token or "", max_age=max_age_seconds(purpose))
    except SignatureExpired:
        raise LinkRefused(LINK_EXPIRED) from None
    except BadSignature:
        raise LinkRefused(LINK_INVALID) from None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise LinkRefused(LINK_INVALID)
    return data


def confirm_email(token: str) -> User:
    """Mark the address of the link's account confirmed (again is harmless); the account."""
    data = _load(token, "verify")
    user = db.session.get(User, data["u"])
    if user is None or user.email != data.get("e"):
        raise LinkRefused(LINK_INVALID)  # the account is gone or now has another address
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()  # matches read the rule at query time: no index change needed
        db.session.commit()
    return user


def user_for_password_link(token: str, purpose: str) -> User:
    """The account a reset or invitation link is for, if the link is still good."""
    data = _load(token, purpose)
    user = db.session.get(User, data["u"])
    if user is None:
        raise LinkRefused(LINK_INVALID)
    if data.get("p") != _password_stamp(user):
        raise LinkRefused(LINK_USED)
    return user


def set_password_from_link(token: str, purpose: str, password: str) -> User:
    """Set the password the link allows; every session of the account ends, the link is spent.

    The link arrived by mail, so it also proves the address."""
    user = user_for_password_link(token, purpose)
    set_password(user, password)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id))
    db.session.commit()
    return user

