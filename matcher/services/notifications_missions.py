"""Mail about meeting requests: the company asked hears of the request, the one who asked of the acceptance.

Each event is mailed once (the outbox's event id) to the company's confirmed owner, or to the contact
address of a company entered by staff, in the reader's language; a failing mail never undoes the request.
"""
from __future__ import annotations

import logging

from matcher.db import db
from matcher.mail.links import external_url
from matcher.models import Company, MeetingRequest, Mission
from matcher.services.notifications import company_card, notify, participant_recipient
from matcher.services.visibility import is_public

log = logging.getLogger(__name__)


def tell_about_request(request_id: int) -> None:
    """Mail the company asked for a meeting (kind «missions»)."""
    _tell(request_id, "notify_meeting_request", to_sender=False)


def tell_about_acceptance(request_id: int) -> None:
    """Mail the company that asked: its request was accepted."""
    _tell(request_id, "notify_meeting_accepted", to_sender=True)


def _tell(request_id: int, template: str, to_sender: bool) -> None:
    try:
        row = db.session.get(MeetingRequest, request_id)
        if row is None:
            return
        mission = db.session.get(Mission, row.mission_id)
        reader_id, other_id = ((row.from_company_id, row.to_company_id) if to_sender
                               else (row.to_company_id, row.from_company_id))
        reader, other = db.session.get(Company, reader_id), db.session.get(Company, other_id)
        if mission is None or reader is None or other is None or not is_public(other):
            return
        recipient = participant_recipient(reader)
        if recipient is None:
            return
        notify(template, recipient, "missions", f"{template}:{row.id}:{row.status}:{int(row.updated_at.timestamp())}",
               company=company_card(other, recipient.lang), mission_name=mission.name, note=row.message,
               requests_link=external_url("web.mission_partners", mission_id=mission.id))
    except Exception:  # noqa: BLE001 - the request is stored whatever happens to its mail
        log.exception("meeting request %s stored, but its notification failed", request_id)
        db.session.rollback()
