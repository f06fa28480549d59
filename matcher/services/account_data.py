"""One's own data: everything the service keeps about an account, as JSON; and deleting the account or its
company after a grace period (cancellable until then; carried out by `purge_due_deletions`)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, select

from matcher.db import db, utcnow
from matcher.errors import ValidationFailed
from matcher.messages import account_data as say
from matcher.models import (DELETION_SCOPES, AccountDeletion, ApiToken, Company, CompanyLogo, MatchInterest,
                            NotificationPreference, User, UserSession)

GRACE_DAYS = 14
EXPORT_FORMAT = "matcher-account-export/1"


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).isoformat()


def export_account(user: User) -> dict:
    """Everything kept about this account and its company, readable by a person and by a program.
    Secrets stay out: no password hash, no token or session hashes (only what identifies them)."""
    from matcher.services.companies import company_to_dict

    company = db.session.scalar(select(Company).where(Company.owner_id == user.id))
    tokens = db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)).all()
    sessions = db.session.scalars(select(UserSession).where(UserSession.user_id == user.id)).all()
    preference = db.session.scalar(select(NotificationPreference).where(NotificationPreference.user_id == user.id))
    deletion = db.session.get(AccountDeletion, user.id)
    body = {
        "format": EXPORT_FORMAT,
        "exported_at": _iso(utcnow()),
        "account": {"email": user.email, "role": user.role, "language": user.locale,
                    "created_at": _iso(user.created_at), "email_confirmed_at": _iso(user.email_verified_at)},
        "api_tokens": [{"name": t.name, "prefix": t.prefix, "created_at": _iso(t.created_at),
                        "last_used_at": _iso(t.last_used_at), "revoked_at": _iso(t.revoked_at)} for t in tokens],
        "signed_in_browsers": [{"since": _iso(s.created_at), "last_seen_at": _iso(s.last_seen_at)} for s in sessions],
        "notifications": None if preference is None else {
            "interest": preference.interest, "missions": preference.missions, "digest": preference.digest,
            "last_digest_at": _iso(preference.digest_sent_at)},
        "deletion": None if deletion is None else {"scope": deletion.scope, "requested_at": _iso(deletion.requested_at),
                                                   "due_at": _iso(deletion.due_at)},
        "company": None,
    }
    if company is not None:
        logo = db.session.get(CompanyLogo, company.id)
        given = db.session.scalars(select(MatchInterest).where(MatchInterest.company_id == company.id)).all()
        received = db.session.scalars(select(MatchInterest).where(MatchInterest.partner_id == company.id,
                                                                  MatchInterest.state == "interested")).all()
        body["company"] = {
            **company_to_dict(company),
            "logo": None if logo is None else {"content_type": logo.content_type, "width_px": logo.width_px,
                                               "height_px": logo.height_px, "updated_at": _iso(logo.updated_at)},
            "interest_given": [{"partner_id": i.partner_id, "state": i.state, "since": _iso(i.created_at)}
                               for i in given],
            "interest_received": [{"company_id": i.company_id, "since": _iso(i.created_at)} for i in received],
        }
    return body


def pending_deletion(user_id: int) -> AccountDeletion | None:
    return db.session.get(AccountDeletion, user_id)


def request_deletion(user: User, scope: str, password: str, now: datetime | None = None) -> AccountDeletion:
    """Ask for the company (or the whole account) to be deleted GRACE_DAYS from now; the password confirms
    it is the owner at the keyboard. Until then the company is hidden from others and it can be cancelled."""
    from matcher.services.accounts import verify_password

    if scope not in DELETION_SCOPES:
        raise ValidationFailed(say.DELETION_SCOPE(), {"scope": [say.DELETION_SCOPE()]})
    if user.password_hash is None or verify_password(user.email, password or "") is None:
        raise ValidationFailed(say.DELETION_PASSWORD(), {"password": [say.DELETION_PASSWORD()]})
    has_company = db.session.scalar(select(Company.id).where(Company.owner_id == user.id)) is not None
    if scope == "company" and not has_company:
        raise ValidationFailed(say.DELETION_NO_COMPANY(), {"scope": [say.DELETION_NO_COMPANY()]})
    now = now or utcnow()
    deletion = db.session.get(AccountDeletion, user.id) or AccountDeletion(user_id=user.id)
    deletion.scope, deletion.requested_at, deletion.due_at = scope, now, now + timedelta(days=GRACE_DAYS)
    db.session.add(deletion)
    _hidden_or_shown_again(user.id)
    _commit()
    return deletion


def cancel_deletion(user: User) -> bool:
    deletion = db.session.get(AccountDeletion, user.id)
    if deletion is None:
        return False
    db.session.delete(deletion)
    _hidden_or_shown_again(user.id)
    _commit()
    return True


def purge_due_deletions(now: datetime | None = None) -> dict:
    """Carry out every deletion whose grace period is over: the company (its offers, needs, logo, interests
    and mission places go with it by cascade), and for scope «account» the user too (tokens, sessions,
    preferences by cascade). Each one is its own transaction, so one failure does not hold up the rest."""
    from matcher.services.companies import delete_company

    now = now or utcnow()
    due = db.session.execute(select(AccountDeletion.user_id, AccountDeletion.scope)
                             .where(AccountDeletion.due_at <= now)).all()
    done = {"companies": 0, "accounts": 0}
    for user_id, scope in due:
        company_id = db.session.scalar(select(Company.id).where(Company.owner_id == user_id))
        if company_id is not None:
            delete_company(company_id)  # commits, and tells the match index
            done["companies"] += 1
        if scope == "account":
            db.session.execute(delete(User).where(User.id == user_id))
            done["accounts"] += 1
        db.session.execute(delete(AccountDeletion).where(AccountDeletion.user_id == user_id))
        _commit()
    return done


def _hidden_or_shown_again(user_id: int) -> None:
    """The company's visibility changed: the match index re-reads it like any other change."""
    from matcher.services.changes import record_change

    company_id = db.session.scalar(select(Company.id).where(Company.owner_id == user_id))
    if company_id is not None:
        record_change("company", company_id)


def _commit() -> None:
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
