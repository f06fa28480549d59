"""A mission's stored schedule as the services read it back: the latest one, its meetings as dicts, and the
video links agreed for them. Kept apart so that scheduling, meeting requests, agendas and notifications can
all read it without importing each other."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matcher.db import db
from matcher.models import Meeting, MeetingRequest, MissionSchedule


def last_schedule(mission_id: int) -> MissionSchedule | None:
    return db.session.scalar(
        select(MissionSchedule).where(MissionSchedule.mission_id == mission_id)
        .options(selectinload(MissionSchedule.meetings))
        .order_by(MissionSchedule.id.desc()).limit(1)
    )


def meeting_start(starts_at: datetime, slot: int, slot_minutes: int) -> datetime:
    return starts_at + timedelta(minutes=(slot - 1) * slot_minutes)


def meeting_to_dict(meeting: Meeting, starts_at: datetime, slot_minutes: int) -> dict:
    start = meeting_start(starts_at, meeting.slot, slot_minutes)
    return {
        "id": meeting.id, "slot": meeting.slot, "table": meeting.table_no,
        "starts_at": start.isoformat(), "ends_at": (start + timedelta(minutes=slot_minutes)).isoformat(),
        "supplier_id": meeting.supplier_id, "buyer_id": meeting.buyer_id,
        "score": round(meeting.score, 1), "locked": meeting.locked,
    }


def video_links(mission_id: int) -> dict[tuple[int, int], str]:
    """(supplier id, buyer id) → the video link of the pair's accepted request, for agendas and .ics."""
    rows = db.session.execute(select(MeetingRequest.supplier_id, MeetingRequest.buyer_id, MeetingRequest.video_link)
                              .where(MeetingRequest.mission_id == mission_id, MeetingRequest.status == "accepted",
                                     MeetingRequest.video_link.is_not(None))).all()
    return {(r.supplier_id, r.buyer_id): r.video_link for r in rows}
