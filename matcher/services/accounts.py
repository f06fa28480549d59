"""Users, passwords (scrypt via Werkzeug) and API tokens (only their SHA-256 is stored)."""
from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select, update
from werkzeug.security import check_password_hash, generate_password_hash

from matcher.db import db, utcnow
from matcher.errors import NotFound, ValidationFailed
from matcher.messages import companies as say
from matcher.models import ROLES, ApiToken, User
# The password rule lives in matcher.services.passwords; its bounds stay readable from here too.
from matcher.services.passwords import PASSWORD_MAX, PASSWORD_MIN, check_new_password  # noqa: F401
from matcher.services.unit_of_work import use_case

TOKEN_PREFIX = "mt_"
# A real hash to check against when the email is unknown, so both answers take as long.
_DUMMY_HASH = generate_password_hash("not-a-real-password-0", method="scrypt")


def hash_secret(secret: str) -> str:
    """SHA-256 hex: enough for random 256-bit tokens, which no dictionary can guess."""
    return hashlib.sha256(secret.encode()).hexdigest()


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user(email: str) -> User | None:
    email = normalise_email(email)
    if "\x00" in email:  # no stored address has one, and PostgreSQL refuses to compare it
        return None
    return db.session.scalar(select(User).where(User.email == email))


def get_or_create_user(email: str, role: str = "company") -> User:
    if role not in ROLES:
        choices = ", ".join(ROLES)
        raise ValidationFailed(say.ROLE_ONE_OF(choices=choices), {"role": [say.ROLE_CHOICES(choices=choices)]})
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise ValidationFailed(say.EMAIL_REQUIRED(), {"email": [say.EMAIL_INVALID()]})
    user = find_user(email)
    if user is None:
        # Made by an operator (CLI, admin, import), who vouches for the address; people who sign
        # themselves up confirm it by mail instead (services/signup.py).
        user = User(email=email, role=role, email_verified_at=utcnow())
        db.session.add(user)
        db.session.flush()
    elif user.role != role:
        user.role = role
    return user


@use_case
def set_up_user(email: str, role: str, locale: str | None = None) -> User:
    """An operator's account set-up (the CLI): the user, made if missing, with `role`, and `locale`
    when it has no language yet."""
    user = get_or_create_user(email, role)
    if locale and not user.locale:
        user.locale = locale
    return user


@use_case
def token_for(email: str, role: str, name: str = "") -> tuple[User, str]:
    """The user of `email` (made if missing, given `role`) and a new token of theirs, in one transaction."""
    user = get_or_create_user(email, role)
    plain, _token = create_token(user, name)
    return user, plain


@use_case
def choose_language(user: User, language: str) -> None:
    """The language a signed-in person picked becomes their account's (mails and the next sign-in)."""
    if user.locale != language:
        user.locale = language


def set_password(user: User, password: str) -> None:
    """Every way to a new password passes here, so none can skip the rule (a WeakPassword 422)."""
    check_new_password(password, user.email)
    user.password_hash = generate_password_hash(password, method="scrypt")


def verify_password(email: str, password: str) -> User | None:
    """The user when the password is right; None otherwise, in about the same time either way."""
    user = find_user(email)
    if user is None or not user.password_hash:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    return user if check_password_hash(user.password_hash, password or "") else None


@use_case
def create_token(user: User, name: str = "") -> tuple[str, ApiToken]:
    """A new token; the plain value is returned once and never stored."""
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    label = "".join(ch for ch in (name or "") if ch.isprintable())[:100]  # a label: no NUL or control characters
    token = ApiToken(user_id=user.id, name=label, token_hash=hash_secret(plain),
                     prefix=plain[:10])
    db.session.add(token)
    db.session.flush()
    return plain, token


def user_for_token(plain: str) -> User | None:
    """The token's user if the token exists and is not revoked; records when it was last used."""
    if not plain or not plain.startswith(TOKEN_PREFIX):
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_secret(plain)))
    if token is None or token.revoked_at is not None:
        return None
    now = utcnow()
    last = token.last_used_at
    # Writing on every request would serialise all API reads on SQLite; a minute is precise enough.
    if last is None or (now - (last if last.tzinfo else last.replace(tzinfo=now.tzinfo))).total_seconds() > 60:
        _touch_token(token, now)
    return token.user


def _touch_token(token: ApiToken, when) -> None:
    """Record last use; a read request does it in a short write transaction of its own."""
    from sqlalchemy import update

    from matcher.sqlite_tuning import write_intent, writing

    if write_intent():  # this transaction already holds (or will take) the write lock
        token.last_used_at = when
        db.session.commit()
        return
    with writing(), db.engine.begin() as connection:
        connection.execute(update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=when))


def tokens_of(user: User) -> list[ApiToken]:
    """The user's API tokens, live ones first, newest first."""
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                                   .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc())))


def revoke_token(token_id: int, user: User | None = None) -> ApiToken:
    token = db.session.get(ApiToken, token_id)
    if token is None or (user is not None and token.user_id != user.id and user.role != "admin"):
        raise NotFound(say.TOKEN_NOT_FOUND(id=token_id))
    if token.revoked_at is None:
        token.revoked_at = utcnow()
    db.session.commit()
    return token


def revoke_user_tokens(user: User) -> int:
    """Revoke every live API token of `user` (the caller commits); returns how many were live."""
    now = utcnow()
    result = db.session.execute(update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
                                .values(revoked_at=now), execution_options={"synchronize_session": False})
    return result.rowcount or 0


def revoke_tokens_by_prefix_or_email(value: str) -> int:
    """Revoke one token (its full value or shown prefix) or every token of a user (by email)."""
    if "@" in value:
        user = find_user(value)
        tokens = [t for t in db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id))] if user else []
    elif value.startswith(TOKEN_PREFIX) and len(value) > 20:
        tokens = list(db.session.scalars(select(ApiToken).where(ApiToken.token_hash == hash_secret(value))))
    else:
        tokens = list(db.session.scalars(select(ApiToken).where(ApiToken.prefix == value)))
    count = 0
    for token in tokens:
        if token.revoked_at is None:
            token.revoked_at = utcnow()
            count += 1
    db.session.commit()
    return count
