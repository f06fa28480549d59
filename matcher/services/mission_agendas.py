"""Each company's own agenda of a mission: as data for a page, and as an .ics calendar file (its text
cleaned of control and bidi characters)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from matcher.db import db, utcnow
from matcher.errors import NotFound
from matcher.messages import LANGUAGES, say_in
from matcher.messages import files as F
from matcher.messages import scheduling as say
from matcher.models import Company, Meeting
from matcher.services import matching
from matcher.services.ics import CalendarEvent, calendar
from matcher.services.match_dicts import reasons_of
from matcher.services.stored_schedules import last_schedule, meeting_to_dict, video_links
from matcher.services.missions import ORGANISING_ROLES, company_id_of, iso_utc, load_mission
from matcher.taxonomy import regions
from matcher.text_safety import clean_text

def company_agenda(mission_id: int, company_id: int, user, lang: str = "ru") -> dict:
    """The company's meetings in the mission's current schedule, by time, with each partner."""
    mission = load_mission(mission_id, user)
    privileged = user is not None and user.role in ORGANISING_ROLES
    if not privileged and company_id_of(user) != company_id:
        raise NotFound(say.AGENDA_NOT_FOUND(company_id=company_id, mission_id=mission_id))
    company = db.session.get(Company, company_id)
    members = {p.company_id for p in mission.participants}
    schedule = last_schedule(mission_id)
    meetings: list[Meeting] = [m for m in (schedule.meetings if schedule else [])
                               if company_id in (m.supplier_id, m.buyer_id)]
    if company is None or (company_id not in members and not meetings):
        raise NotFound(say.NOT_A_PARTICIPANT(company_id=company_id, mission_id=mission_id))
    partner_ids = [m.buyer_id if m.supplier_id == company_id else m.supplier_id for m in meetings]
    partners = {c.id: c for c in db.session.scalars(select(Company).where(Company.id.in_(partner_ids)))}
    request = schedule.params["request"] if schedule else None
    items = []
    links = video_links(mission_id)  # hybrid missions: the link the pair agreed on (issue 13)
    for meeting, partner_id in zip(meetings, partner_ids):
        item = meeting_to_dict(meeting, datetime.fromisoformat(request["starts_at"]), request["slot_minutes"])
        item["role"] = "supplier" if meeting.supplier_id == company_id else "buyer"
        item["partner"] = _partner(partners.get(partner_id), lang, privileged or company_id_of(user) == partner_id)
        item["reasons"] = _reasons(meeting.supplier_id, meeting.buyer_id, lang)
        item["video_link"] = links.get((meeting.supplier_id, meeting.buyer_id))
        items.append(item)
    busy = {m.slot for m in meetings}
    return {
        "mission": {"id": mission.id, "name": mission.name, "city": mission.city,
                    "starts_on": mission.starts_on.isoformat() if mission.starts_on else None,
                    "ends_on": mission.ends_on.isoformat() if mission.ends_on else None},
        "company": {"id": company.id, "name": company.name, "name_en": company.name_en,
                    "country": company.country, "region": company.region},
        "schedule_id": schedule.id if schedule else None,
        "schedule_created_at": iso_utc(schedule.created_at) if schedule else None,
        "meetings": items,
        "free_slots": [s for s in range(1, request["slots"] + 1) if s not in busy] if request else [],
        "lang": lang,
    }


def agenda_ics(mission_id: int, company_id: int, user, lang: str = "ru") -> bytes:
    """The company's agenda as an iCalendar file; event UIDs stay the same across re-schedulings."""
    agenda = company_agenda(mission_id, company_id, user, lang)
    lang = lang if lang in LANGUAGES else "ru"
    mission = agenda["mission"]
    events = []
    for item in agenda["meetings"]:
        partner = item["partner"]
        place = ", ".join(filter(None, [mission["city"], say_in(F.AT_TABLE(table=item["table"]), lang)]))
        role = F.YOU_SUPPLY() if item["role"] == "supplier" else F.YOU_BUY()
        lines = [mission["name"], say_in(role, lang), say_in(F.PARTNER(name=partner["display_name"]), lang)]
        if item.get("video_link"):
            place = ", ".join([place, item["video_link"]]) if place else item["video_link"]
            lines.append(say_in(F.VIDEO_LINK(url=item["video_link"]), lang))
        lines.append(" · ".join(filter(None, [partner["country_name"], partner["region_name"], partner["city"]])))
        if partner.get("website"):
            lines.append(say_in(F.WEBSITE(url=partner["website"]), lang))
        contact = ", ".join(filter(None, [partner.get("email"), partner.get("phone")]))
        if contact:
            lines.append(say_in(F.CONTACT(contact=contact), lang))
        lines.append(say_in(F.MATCH_SCORE(score=item["score"]), lang))
        lines += [f"• {r['detail']}" for r in item["reasons"][:3] if r["detail"]]
        events.append(CalendarEvent(
            uid=f"mission-{mission['id']}-meeting-{item['supplier_id']}-{item['buyer_id']}@matcher",
            starts_at=datetime.fromisoformat(item["starts_at"]), ends_at=datetime.fromisoformat(item["ends_at"]),
            summary=clean_text(say_in(F.MEETING_WITH(partner=partner["display_name"]), lang)),
            location=clean_text(place),
            description=clean_text("\n".join(line for line in lines if line)), sequence=agenda["schedule_id"] or 0,
        ))
    stamp = datetime.fromisoformat(agenda["schedule_created_at"]) if agenda["schedule_created_at"] else utcnow()
    name = say_in(F.CALENDAR(mission=mission["name"]), lang) + f" — {agenda['company']['name']}"
    # Control characters are not allowed in iCalendar text (RFC 5545 §3.3.11), whatever was stored.
    return calendar(events, clean_text(name), stamp)


def _partner(company: Company | None, lang: str, sees_contacts: bool) -> dict:
    if company is None:
        return {"id": None, "name": "?", "display_name": "?", "country_name": "", "region_name": "", "city": None}
    shown = company.name_en if lang == "en" and company.name_en else company.name
    partner = {
        "id": company.id, "name": company.name, "name_en": company.name_en, "display_name": shown,
        "country": company.country, "region": company.region, "city": company.city,
        "country_name": regions.country_name(company.country, lang),
        "region_name": regions.region_name(company.region, lang) if company.region else "",
        "website": company.website,
    }
    if sees_contacts:
        partner |= {"email": company.email, "phone": company.phone}
    return partner


def _reasons(supplier_id: int, buyer_id: int, lang: str) -> list[dict]:
    """Why the pair meets, worded in the reader's language."""
    try:
        match = matching.score_pair(supplier_id, buyer_id, lang=lang if lang in LANGUAGES else "ru")
    except KeyError:
        return []
    if match is None:
        return []
    return reasons_of(match)
