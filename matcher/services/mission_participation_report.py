"""The organiser's view of participation: registrations, requests sent / accepted / declined and meetings per
participant, and who has no meeting — as data for a page, as CSV, and as a sheet of the schedule workbook."""
from __future__ import annotations

import csv
import io
from collections import Counter

from sqlalchemy import select

from matcher.db import db
from matcher.errors import Forbidden
from matcher.messages import missions as say
from matcher.models import MeetingRequest, MissionRegistration
from matcher.policy import missions as policy
from matcher.services.stored_schedules import last_schedule
from matcher.services.missions import company_summaries, load_mission
from matcher.services.spreadsheet_cells import append_row, safe_row

_LABELS = {
    "ru": {"company": "Компания", "id": "ID", "role": "Роль", "registration": "Регистрация",
           "sent": "Запросов отправлено", "received": "Запросов получено", "accepted": "Принято",
           "declined": "Отклонено", "meetings": "Встреч", "sheet": "Участие", "none": "—",
           "supplier": "поставщик", "buyer": "покупатель", "pending": "ждёт решения", "approved": "одобрена",
           "cancelled": "отозвана"},
    "en": {"company": "Company", "id": "ID", "role": "Role", "registration": "Registration",
           "sent": "Requests sent", "received": "Requests received", "accepted": "Accepted",
           "declined": "Declined", "meetings": "Meetings", "sheet": "Participation", "none": "—",
           "supplier": "supplier", "buyer": "buyer", "pending": "awaiting approval", "approved": "approved",
           "cancelled": "withdrawn"},
}
_LABELS["ru"]["declined_registration"] = "отклонена"
_LABELS["en"]["declined_registration"] = "declined"


def participation_report(mission_id: int, user, lang: str = "ru") -> dict:
    """Counts for the whole mission and one row per participant (and per registrant not yet in)."""
    mission = load_mission(mission_id, user)
    if not policy.is_organising(user):
        raise Forbidden(say.ONLY_ORGANISER_DECIDES())
    registrations = list(db.session.scalars(select(MissionRegistration).where(
        MissionRegistration.mission_id == mission_id)))
    requests = list(db.session.scalars(select(MeetingRequest).where(MeetingRequest.mission_id == mission_id)))
    schedule = last_schedule(mission_id)
    meetings = Counter(c for m in (schedule.meetings if schedule else []) for c in (m.supplier_id, m.buyer_id))
    scheduled = {(m.supplier_id, m.buyer_id) for m in (schedule.meetings if schedule else [])}
    members = [p.company_id for p in mission.participants]
    registered = {r.company_id: r for r in registrations}
    ids = list(dict.fromkeys([*members, *registered]))
    names = company_summaries(ids)
    sent, received, accepted, declined = Counter(), Counter(), Counter(), Counter()
    for r in requests:
        sent[r.from_company_id] += 1
        received[r.to_company_id] += 1
        if r.status == "accepted":
            accepted[r.from_company_id] += 1
            accepted[r.to_company_id] += 1
        if r.status == "declined":
            declined[r.from_company_id] += 1
            declined[r.to_company_id] += 1
    rows = []
    for company_id in ids:
        registration = registered.get(company_id)
        rows.append({
            "company": names.get(company_id) or {"id": company_id, "name": f"#{company_id}"},
            "participant": company_id in members,
            "role": registration.role if registration else None,
            "registration": registration.status if registration else None,
            "sent": sent[company_id], "received": received[company_id], "accepted": accepted[company_id],
            "declined": declined[company_id], "meetings": meetings[company_id],
        })
    request_counts = Counter("scheduled" if r.status == "accepted" and (r.supplier_id, r.buyer_id) in scheduled
                             else r.status for r in requests)
    return {
        "mission": {"id": mission.id, "name": mission.name},
        "registrations": dict(Counter(r.status for r in registrations)),
        "requests": {"sent": len(requests), **dict(request_counts)},
        "participants": len(members),
        "meetings": len(schedule.meetings) if schedule else 0,
        "has_schedule": schedule is not None,
        "rows": rows,
        "without_meetings": [row for row in rows if row["participant"] and row["meetings"] == 0],
        "lang": lang,
    }


def report_rows(report: dict, lang: str) -> tuple[list[str], list[list]]:
    t = _LABELS[lang if lang in _LABELS else "ru"]
    headers = [t["company"], t["id"], t["role"], t["registration"], t["sent"], t["received"], t["accepted"],
               t["declined"], t["meetings"]]
    words = {"declined": t["declined_registration"], "pending": t["pending"], "approved": t["approved"],
             "cancelled": t["cancelled"]}
    rows = []
    for row in report["rows"]:
        company = row["company"]
        name = (company.get("name_en") if lang == "en" else None) or company["name"]
        rows.append([name, company["id"], t[row["role"]] if row["role"] else t["none"],
                     words.get(row["registration"], t["none"]), row["sent"], row["received"], row["accepted"],
                     row["declined"], row["meetings"]])
    return headers, rows


def participation_csv(mission_id: int, user, lang: str = "ru") -> bytes:
    """The report's rows as CSV («;» and a BOM in Russian, as Excel expects there)."""
    headers, rows = report_rows(participation_report(mission_id, user, lang), lang)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";" if lang == "ru" else ",", lineterminator="\r\n")
    writer.writerow(safe_row(headers))
    writer.writerows(safe_row(row) for row in rows)
    return out.getvalue().encode("utf-8-sig")


def add_participation_sheet(workbook, mission_id: int, user, lang: str = "ru") -> None:
    """A «Participation» sheet for the schedule workbook (organisers only: a company's copy goes without)."""
    if not policy.is_organising(user):
        return
    headers, rows = report_rows(participation_report(mission_id, user, lang), lang)
    sheet = workbook.create_sheet(_LABELS[lang if lang in _LABELS else "ru"]["sheet"])
    append_row(sheet, headers)
    for row in rows:
        append_row(sheet, row)
    sheet.column_dimensions["A"].width = 40
    sheet.freeze_panes = "A2"
