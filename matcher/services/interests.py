"""Interest clicks on suggested partners: interested, not relevant, and who may see whose contacts."""
from __future__ import annotations

import logging

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from matcher.db import db, utcnow
from matcher.errors import Conflict, NotFound, ValidationFailed
from matcher.messages import companies as say
from matcher.models import INTEREST_STATES, Company, MatchInterest
from matcher.services import visibility

log = logging.getLogger(__name__)

_ATTEMPTS = 3  # update-or-insert rounds before giving up on a pair that keeps changing under us


def set_interest(company_id: int, partner_id: int, state: str) -> MatchInterest:
    """Record what `company_id` thinks of `partner_id`; a second click updates, never duplicates."""
    if state not in INTEREST_STATES:
        raise ValidationFailed(say.STATE_ONE_OF(choices=", ".join(INTEREST_STATES)),
                               {"state": [say.STATE_CHOICES(choices=", ".join(INTEREST_STATES))]})
    if company_id == partner_id:
        raise ValidationFailed(say.RATES_ITSELF(), {"partner_id": [say.NOT_YOUR_OWN()]})
    partner = db.session.get(Company, partner_id)
    if partner is None or not visibility.is_public(partner):     # a private company does not exist for others
        raise NotFound(say.COMPANY_NOT_FOUND(id=partner_id))
    # UPDATE first, INSERT when there is nothing to update: a row read and then changed could be
    # deleted meanwhile by a concurrent «clear» (the ORM would then fail on 0 updated rows).
    for _attempt in range(_ATTEMPTS):
        changed = db.session.execute(
            update(MatchInterest)
            .where(MatchInterest.company_id == company_id, MatchInterest.partner_id == partner_id)
            .values(state=state, updated_at=utcnow()),
            execution_options={"synchronize_session": False})
        if changed.rowcount:
            break
        try:
            with db.session.begin_nested():
                db.session.add(MatchInterest(company_id=company_id, partner_id=partner_id, state=state))
            break
        except IntegrityError:  # the same click arrived twice at once: update the row that won
            continue
    else:
        raise Conflict(say.INTEREST_BUSY())
    row = _find(company_id, partner_id)
    db.session.commit()
    if state == "interested":
        _tell_partner(company_id, partner_id)
    return row


def _tell_partner(company_id: int, partner_id: int) -> None:
    """Mail the partner (or both, when mutual); each event is mailed once, so a second click is quiet.
    The click is stored whatever happens to the mail."""
    from matcher.services import notifications

    try:
        notifications.interest_expressed(company_id, partner_id)
    except Exception:  # noqa: BLE001 - a notification must never undo the click
        log.exception("interest %s -> %s stored, but its notification failed", company_id, partner_id)
        db.session.rollback()


def clear_interest(company_id: int, partner_id: int) -> None:
    """Forget the company's opinion of the partner (un-hide, or withdraw interest)."""
    db.session.execute(delete(MatchInterest).where(
        MatchInterest.company_id == company_id, MatchInterest.partner_id == partner_id))
    db.session.commit()


def interest_states(company_id: int) -> dict[int, str]:
    """partner id -> what this company said about it."""
    rows = db.session.execute(select(MatchInterest.partner_id, MatchInterest.state)
                              .where(MatchInterest.company_id == company_id)).all()
    return {r.partner_id: r.state for r in rows}


def interested_in(company_id: int) -> set[int]:
    """Ids of the companies that said they are interested in `company_id`."""
    return set(db.session.scalars(select(MatchInterest.company_id).where(
        MatchInterest.partner_id == company_id, MatchInterest.state == "interested")))


def interested_parties(company_id: int) -> list[dict]:
    """Every public company interested in `company_id`, newest first, whatever its rank in the
    matches: {"company_id", "since", "mine"} where `mine` is what `company_id` said back (or None)."""
    from matcher.services.visibility import public_company_clause

    rows = db.session.execute(
        select(MatchInterest.company_id, MatchInterest.updated_at)
        .join(Company, Company.id == MatchInterest.company_id)
        .where(MatchInterest.partner_id == company_id, MatchInterest.state == "interested",
               public_company_clause())
        .order_by(MatchInterest.updated_at.desc(), MatchInterest.company_id)).all()
    mine = interest_states(company_id)
    return [{"company_id": r.company_id, "since": r.updated_at, "mine": mine.get(r.company_id)} for r in rows]


def is_mutual(company_id: int, partner_id: int) -> bool:
    """Both companies said «interested» about each other: each may now see the other's contacts."""
    rows = db.session.scalars(select(MatchInterest.company_id).where(
        MatchInterest.state == "interested",
        ((MatchInterest.company_id == company_id) & (MatchInterest.partner_id == partner_id))
        | ((MatchInterest.company_id == partner_id) & (MatchInterest.partner_id == company_id)),
    )).all()
    return len(set(rows)) == 2


def _find(company_id: int, partner_id: int) -> MatchInterest | None:
    return db.session.scalar(select(MatchInterest).where(
        MatchInterest.company_id == company_id, MatchInterest.partner_id == partner_id))
