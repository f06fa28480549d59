"""Messages between two companies: one thread per pair, with unread counts.

A company writes to another when both take part in one mission or after mutual interest
(matcher.policy.missions.may_write); a thread once started stays readable to both. Only the two
companies read it — organisers and admins do not. Messages are plain text, cleaned and at most
2,000 characters (matcher.schemas.mission_participation.MessageSchema); pages escape them, and no
contact detail is added: a company shares its contacts only by writing them (or by «share my contacts»).
"""
from __future__ import annotations

from sqlalchemy import and_, case, func, or_, select, update

from matcher.db import db, utcnow
from matcher.errors import Forbidden, NotFound, ValidationFailed
from matcher.messages import missions as say
from matcher.models import Company, CompanyMessage, Mission
from matcher.policy import missions as policy
from matcher.schemas import load_or_raise
from matcher.schemas.mission_participation import MessageSchema
from matcher.services.missions import company_summaries, iso_utc
from matcher.services.visibility import can_view

MAX_THREAD = 500  # the newest messages a thread shows


def _own(user) -> int:
    if policy.is_organising(user) or policy.own_company_id(user) is None:
        raise Forbidden(say.MESSAGE_NEEDS_COMPANY())
    return policy.own_company_id(user)


def _between(a: int, b: int):
    return or_(and_(CompanyMessage.sender_id == a, CompanyMessage.recipient_id == b),
               and_(CompanyMessage.sender_id == b, CompanyMessage.recipient_id == a))


def _partner(user, own: int, partner_id: int, writing: bool) -> Company:
    partner = db.session.get(Company, partner_id)
    if partner is None or not can_view(user, partner):
        raise NotFound(say.NO_PARTNER(company_id=partner_id))
    if partner_id == own:
        raise ValidationFailed(say.CANNOT_WRITE_SELF(), {"company_id": [say.CANNOT_WRITE_SELF()]})
    started = db.session.scalar(select(CompanyMessage.id).where(_between(own, partner_id)).limit(1)) is not None
    if not policy.may_write(own, partner_id) and not (started and not writing):
        raise Forbidden(say.MESSAGES_NOT_YET())
    return partner


def message_to_dict(row: CompanyMessage, own: int) -> dict:
    return {"id": row.id, "sender_id": row.sender_id, "recipient_id": row.recipient_id, "mission_id": row.mission_id,
            "body": row.body, "mine": row.sender_id == own, "created_at": iso_utc(row.created_at),
            "read_at": iso_utc(row.read_at)}


def unread_count(user) -> int:
    """Messages to the user's company it has not opened yet (0 without a company)."""
    own = policy.own_company_id(user)
    if own is None or policy.is_organising(user):
        return 0
    return db.session.scalar(select(func.count()).select_from(CompanyMessage).where(
        CompanyMessage.recipient_id == own, CompanyMessage.read_at.is_(None))) or 0


def list_threads(user) -> dict:
    """The company's threads, newest first: partner, last message, unread count."""
    own = _own(user)
    other = func.coalesce(
        func.nullif(CompanyMessage.sender_id, own), CompanyMessage.recipient_id).label("partner_id")
    rows = db.session.execute(
        select(other, func.max(CompanyMessage.id).label("last_id"),
               func.sum(case((and_(CompanyMessage.recipient_id == own, CompanyMessage.read_at.is_(None)), 1),
                             else_=0)).label("unread"))
        .where(or_(CompanyMessage.sender_id == own, CompanyMessage.recipient_id == own))
        .group_by(other).order_by(func.max(CompanyMessage.id).desc())
    ).all()
    last = {m.id: m for m in db.session.scalars(select(CompanyMessage).where(
        CompanyMessage.id.in_([r.last_id for r in rows])))} if rows else {}
    names = company_summaries(r.partner_id for r in rows)
    items = [{"company": names.get(r.partner_id) or {"id": r.partner_id}, "unread": int(r.unread or 0),
              "last_message": message_to_dict(last[r.last_id], own)} for r in rows if r.partner_id in names]
    return {"items": items, "total": len(items), "unread": sum(i["unread"] for i in items)}


def read_thread(user, partner_id: int) -> dict:
    """The thread with `partner_id`, oldest first; what the partner sent is marked read."""
    own = _own(user)
    partner = _partner(user, own, partner_id, writing=False)
    rows = list(db.session.scalars(select(CompanyMessage).where(_between(own, partner_id))
                                   .order_by(CompanyMessage.id.desc()).limit(MAX_THREAD)))
    rows.reverse()
    unread = [r.id for r in rows if r.recipient_id == own and r.read_at is None]
    items = [message_to_dict(r, own) for r in rows]
    if unread:
        db.session.execute(update(CompanyMessage).where(CompanyMessage.id.in_(unread)).values(read_at=utcnow()))
        db.session.commit()
    return {"company": company_summaries([partner.id])[partner.id], "items": items, "total": len(items),
            "may_write": policy.may_write(own, partner_id)}


def send_message(user, partner_id: int, payload: dict) -> dict:
    """Write to `partner_id`; a message naming a mission must name one both companies take part in."""
    own = _own(user)
    _partner(user, own, partner_id, writing=True)
    data = load_or_raise(MessageSchema(), payload)
    mission_id = data.get("mission_id")
    if mission_id is not None:
        mission = db.session.get(Mission, mission_id)
        members = {p.company_id for p in mission.participants} if mission is not None else set()
        if not {own, partner_id} <= members:
            message = say.NO_MISSION(mission_id=mission_id)
            raise ValidationFailed(message, {"mission_id": [message]})
    row = CompanyMessage(sender_id=own, recipient_id=partner_id, author_user_id=user.id, mission_id=mission_id,
                         body=data["body"])
    db.session.add(row)
    db.session.commit()
    return message_to_dict(row, own)
