"""Self-service sign-up that does not tell anyone whether an address already has an account."""
from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from matcher.db import db
from matcher.models import User
from matcher.services import account_mail
from matcher.services.accounts import find_user, normalise_email, set_password


def sign_up_company_user(email: str, password: str, locale: str | None) -> None:
    """A new, unconfirmed company account and its confirmation mail — or, when the address is
    taken, a mail to its owner instead. The caller answers the same in both cases: both check and
    hash the password (so a refused password is refused for either) and send one mail."""
    user = User(email=normalise_email(email), role="company", locale=locale)
    set_password(user, password)  # raises ValidationFailed naming "password", whoever owns the address
    existing = find_user(email)
    if existing is None:
        db.session.add(user)
        try:
            db.session.commit()
        except IntegrityError:  # the same address signed up a moment ago in another request
            db.session.rollback()
            existing = find_user(email)
        else:
            account_mail.send_verification(user)
            return
    # Not a fresh confirmation link even when that account is unconfirmed: whoever created it knows
    # its password, and the owner of the address would be confirming a stranger's account. The
    # password reset this mail offers proves the address and takes the account over instead.
    account_mail.send_signup_attempt(existing)
