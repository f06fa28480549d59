"""The outbox: a mail is a row keyed by its event id (never sent twice), delivered by a job,
retried with backoff when the transport fails, and marked failed — for admins to see — at last.

`send` commits the caller's session together with the new row, then queues the delivery; in
inline mode (no Redis) the first try happens at once and a failed try waits for
`flask outbox retry`, the admin page's button, or a worker.
"""
from __future__ import annotations

import base64
import logging
from datetime import timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError

from matcher.db import db, utcnow
from matcher.errors import Conflict, NotFound
from matcher.messages import scheduling as say
from matcher.mail import Mail, MailError, deliver
from matcher.models import OutboxMail
from matcher.services import runtime
from matcher.services.unit_of_work import use_case

log = logging.getLogger(__name__)
DEFAULT_RETRY_INTERVALS_S = (60, 300, 1800, 7200)  # then the mail is marked failed
CLAIM_LEASE_S = 600        # a try that takes longer than this may be repeated by another worker
RETRY_EARLY_TOLERANCE_S = 5
OVERDUE_AFTER_S = 600      # a pending mail this late lost its job (Redis restarted, a worker died)

SENT_BODY = {"text": "", "html": None, "headers": {}, "attachments": [], "cleared": True}

MESSAGES = {"unknown": say.OUTBOX_NOT_FOUND.template(), "not_failed": say.OUTBOX_NOT_FAILED.template()}


def retry_intervals() -> list[int]:
    configured = runtime.settings().get("MAIL_RETRY_INTERVALS_S")
    return [int(s) for s in (configured or DEFAULT_RETRY_INTERVALS_S)]


def max_attempts() -> int:
    return len(retry_intervals()) + 1


def send(mail: Mail, event_id: str) -> OutboxMail | None:
    """Queue `mail` once for `event_id`: None when that event already has its mail."""
    if db.session.scalar(select(OutboxMail.id).where(OutboxMail.event_id == event_id)) is not None:
        return None
    row = OutboxMail(event_id=event_id, recipient=mail.to, subject=mail.subject[:300], message=_stored(mail),
                     status="pending", attempts=0)
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:  # the same event at the same moment in another process: that one sends
        return None
    db.session.commit()
    _queue_delivery(row.id)
    return row


def _queue_delivery(outbox_id: int) -> None:
    runtime.enqueue("deliver_outbox_mail", outbox_id, retry_intervals=retry_intervals())


def deliver_now(outbox_id: int) -> str:
    """One try: "sent", "retry" (failed, will be tried again), "failed" (gave up), or the row's
    state when it is not this try's to make ("sent", "busy", "gone")."""
    now = utcnow()
    claimed = db.session.execute(
        update(OutboxMail)
        .where(OutboxMail.id == outbox_id, OutboxMail.status == "pending",
               or_(OutboxMail.next_attempt_at.is_(None),
                   OutboxMail.next_attempt_at <= now + timedelta(seconds=RETRY_EARLY_TOLERANCE_S)))
        .values(next_attempt_at=now + timedelta(seconds=CLAIM_LEASE_S))
        .execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    row = db.session.get(OutboxMail, outbox_id)
    if row is None:
        return "gone"
    if not claimed:
        return row.status if row.status != "pending" else "busy"
    try:
        deliver(_mail_of(row))
    except MailError as exc:
        row.attempts += 1
        row.last_error = str(exc)[:2000]
        if row.attempts >= max_attempts():
            row.status, row.next_attempt_at = "failed", None
        else:
            row.next_attempt_at = utcnow() + timedelta(seconds=retry_intervals()[row.attempts - 1])
        db.session.commit()
        log.warning("mail %s to %s: try %d failed: %s", row.event_id, row.recipient, row.attempts, exc)
        return row.status if row.status == "failed" else "retry"
    row.attempts += 1
    row.status, row.sent_at, row.next_attempt_at, row.last_error = "sent", utcnow(), None, None
    # A sent body is never needed again, and some carry live links (password reset, confirmation):
    # they must not sit in the database afterwards.
    row.message = SENT_BODY
    db.session.commit()
    return "sent"


def requeue_overdue() -> int:
    """Queue again the pending mail no job is looking after any more; returns how many."""
    late = utcnow() - timedelta(seconds=OVERDUE_AFTER_S)
    ids = db.session.scalars(select(OutboxMail.id).where(
        OutboxMail.status == "pending",
        or_(and_(OutboxMail.next_attempt_at.is_(None), OutboxMail.created_at < late),
            OutboxMail.next_attempt_at < late))).all()
    db.session.rollback()
    for outbox_id in ids:
        _queue_delivery(outbox_id)
    return len(ids)


def deliver_due() -> dict[str, int]:
    """Try now every pending mail whose turn has come (inline mode has no scheduler to do it)."""
    ids = db.session.scalars(select(OutboxMail.id).where(
        OutboxMail.status == "pending",
        or_(OutboxMail.next_attempt_at.is_(None), OutboxMail.next_attempt_at <= utcnow()))
        .order_by(OutboxMail.id)).all()
    counts: dict[str, int] = {}
    for outbox_id in ids:
        outcome = deliver_now(outbox_id)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


@use_case
def send_failed_again(outbox_id: int) -> OutboxMail:
    """An admin's «send again» on a failed mail: a fresh round of tries."""
    row = db.session.get(OutboxMail, outbox_id)
    if row is None:
        raise NotFound(MESSAGES["unknown"].format(id=outbox_id))
    if row.status != "failed":
        raise Conflict(MESSAGES["not_failed"].format(status=row.status), {"status": [row.status]})
    row.status, row.attempts, row.next_attempt_at = "pending", 0, None
    db.session.commit()
    _queue_delivery(row.id)
    return row


def outbox_rows(limit: int = 200) -> list[OutboxMail]:
    """What admins look at: failed and waiting mail first, then the latest sent."""
    unsent = db.session.scalars(select(OutboxMail).where(OutboxMail.status != "sent")
                                .order_by(OutboxMail.id.desc()).limit(limit)).all()
    sent = db.session.scalars(select(OutboxMail).where(OutboxMail.status == "sent")
                              .order_by(OutboxMail.id.desc()).limit(max(limit - len(unsent), 0))).all()
    return list(unsent) + list(sent)


def _stored(mail: Mail) -> dict:
    return {"text": mail.text, "html": mail.html, "headers": dict(mail.headers),
            "attachments": [[name, base64.b64encode(content).decode("ascii"), mimetype]
                            for name, content, mimetype in mail.attachments]}


def _mail_of(row: OutboxMail) -> Mail:
    stored = row.message
    return Mail(to=row.recipient, subject=row.subject, text=stored["text"], html=stored.get("html"),
                headers=dict(stored.get("headers") or {}),
                attachments=[(name, base64.b64decode(data), mimetype)
                             for name, data, mimetype in stored.get("attachments") or []])
