"""What each address wants to be mailed about, and the signed one-click unsubscribe tokens."""
from __future__ import annotations

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from matcher.db import db
from matcher.errors import ValidationFailed
from matcher.messages import companies as say
from matcher.models import DIGEST_FREQUENCIES, NotificationPreference
from matcher.services import runtime

KINDS = ("interest", "digest", "missions")  # what a notification is about; "all" stops every kind
_SALT = "matcher-unsubscribe"



def preference_for(email: str) -> NotificationPreference:
    """The stored preferences of `email`, or (not stored) the defaults: everything on, weekly digest."""
    email = email.strip().lower()
    row = db.session.scalar(select(NotificationPreference).where(NotificationPreference.email == email))
    return row or NotificationPreference(email=email, interest=True, missions=True, digest="weekly", digest_seen=[])


def stored_preference(email: str, user_id: int | None = None) -> NotificationPreference:
    """The row of `email`, created with the defaults when missing (flushed, not committed)."""
    row = preference_for(email)
    if row.id is None:
        row.user_id = user_id
        try:
            with db.session.begin_nested():
                db.session.add(row)
        except IntegrityError:  # created meanwhile by another request
            row = db.session.scalar(select(NotificationPreference)
                                    .where(NotificationPreference.email == email.strip().lower()))
    elif user_id is not None and row.user_id is None:
        row.user_id = user_id
    return row


def wants(preference: NotificationPreference, kind: str) -> bool:
    if kind == "digest":
        return preference.digest != "off"
    return bool(getattr(preference, kind))


def update_preferences(email: str, user_id: int | None, *, interest: bool, missions: bool, digest: str) -> None:
    if digest not in DIGEST_FREQUENCIES:
        raise ValidationFailed(say.DIGEST_UNKNOWN(),
                               {"digest": [say.DIGEST_CHOICES(choices=", ".join(DIGEST_FREQUENCIES))]})
    row = stored_preference(email, user_id)
    row.interest, row.missions, row.digest = bool(interest), bool(missions), digest
    db.session.commit()


def unsubscribe(email: str, kind: str) -> None:
    """Stop one kind of mail (or all of them) for `email`."""
    row = stored_preference(email)
    if kind in ("interest", "all"):
        row.interest = False
    if kind in ("missions", "all"):
        row.missions = False
    if kind in ("digest", "all"):
        row.digest = "off"
    db.session.commit()


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(runtime.settings()["SECRET_KEY"], salt=_SALT)


def unsubscribe_token(email: str, kind: str) -> str:
    """A token naming the address and the kind of mail; it does not expire (old mails keep working)."""
    return _serializer().dumps({"e": email.strip().lower(), "k": kind})


def read_unsubscribe_token(token: str) -> tuple[str, str]:
    """(email, kind) of a token we signed; anything else is a ValidationFailed on `token`."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        raise ValidationFailed(say.BAD_UNSUBSCRIBE(), {"token": [say.BAD_UNSUBSCRIBE()]}) from None
    if not isinstance(data, dict) or data.get("k") not in (*KINDS, "all") or not isinstance(data.get("e"), str):
        raise ValidationFailed(say.BAD_UNSUBSCRIBE(), {"token": [say.BAD_UNSUBSCRIBE()]})
    return data["e"], data["k"]
