"""Files of a mission for people: the match list as CSV or XLSX, the schedule as an XLSX workbook.

Every cell goes through spreadsheet_cells, so no name reaches Excel as a live formula.
Headers, labels and the reasons follow the reader's language (ru or en). The Russian CSV uses «;» because
that is what Excel expects in Russian locales; both carry a UTF-8 BOM so Excel reads Cyrillic.
"""
from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

from matcher.errors import NotFound, ValidationFailed
from matcher.messages import LANGUAGES, say_in
from matcher.messages import files as F
from matcher.messages import scheduling as say
from matcher.services.mission_matches import mission_match_list
from matcher.services.mission_schedules import get_last_schedule
from matcher.services.missions import get_mission
from matcher.services.spreadsheet_cells import append_row, safe_row
from matcher.settings import SETTINGS
from matcher.taxonomy import regions

_LABELS = {
    "rank": F.RANK, "supplier": F.SUPPLIER, "buyer": F.BUYER, "country": F.COUNTRY, "region": F.REGION,
    "score": F.SCORE, "reasons": F.REASONS, "supplier_id": F.SUPPLIER_ID, "buyer_id": F.BUYER_ID, "slot": F.SLOT,
    "time": F.TIME, "table": F.TABLE, "starts": F.STARTS, "ends": F.ENDS, "locked": F.LOCKED, "yes": F.YES,
    "no": F.NO, "grid": F.GRID, "meetings": F.MEETINGS, "unscheduled": F.UNSCHEDULED, "summary": F.SUMMARY,
    "matches": F.MATCHES, "mission": F.MISSION, "dates": F.DATES, "value": F.VALUE, "bound": F.BOUND,
    "ratio": F.RATIO, "met": F.MET, "with_partner": F.WITH_PARTNER,
}


def _labels(lang: str) -> dict:
    """The headers and labels in `lang` (the reader's), from the message catalogue."""
    if lang not in LANGUAGES:
        raise ValidationFailed(say.LANG_ONE_OF(), {"lang": [say.LANG_CHOICES()]})
    return {key: say_in(label(), lang) for key, label in _LABELS.items()}


def match_list_rows(items: list[dict], lang: str) -> tuple[list[str], list[list]]:
    t = _labels(lang)
    headers = [t["rank"], t["supplier"], f"{t['supplier']}: {t['country']}", f"{t['supplier']}: {t['region']}",
               t["buyer"], f"{t['buyer']}: {t['country']}", f"{t['buyer']}: {t['region']}", t["score"],
               t["reasons"], t["supplier_id"], t["buyer_id"]]
    rows = []
    for rank, item in enumerate(items, start=1):
        s, b = item["supplier"], item["buyer"]
        rows.append([rank, _name(s, lang), _country(s, lang), _region(s, lang), _name(b, lang), _country(b, lang),
                     _region(b, lang), item["score"], _reasons_text(item["reasons"], lang), s["id"], b["id"]])
    return headers, rows


def match_list_file(mission_id: int, user, file_format: str = "xlsx", lang: str = SETTINGS.default_language,
                    min_score: float = SETTINGS.meeting_min_score,
                    per_company: int = SETTINGS.mission_pairs_per_company) -> bytes:
    """The match list (same items as `mission_match_list`) as a CSV or XLSX file."""
    headers, rows = match_list_rows(
        mission_match_list(mission_id, user, min_score=min_score, per_company=per_company, lang=lang)["items"],
        lang)
    if file_format == "csv":
        out = io.StringIO(newline="")
        writer = csv.writer(out, delimiter=";" if lang == "ru" else ",", lineterminator="\r\n")
        writer.writerow(safe_row(headers))
        writer.writerows(safe_row(row) for row in rows)
        return out.getvalue().encode("utf-8-sig")
    if file_format != "xlsx":
        raise ValidationFailed(say.FORMAT_ONE_OF(), {"format": [say.FORMAT_CHOICES()]})
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _labels(lang)["matches"]
    _table(sheet, headers, rows, widths=[5, 36, 14, 18, 36, 14, 18, 8, 80, 12, 12])
    return _save(workbook)


def schedule_xlsx(mission_id: int, user, lang: str = "ru") -> bytes:
    """The current schedule: a slot × table grid, the list of meetings, the pairs left out, a summary."""
    t = _labels(lang)
    mission = get_mission(mission_id, user)
    schedule = get_last_schedule(mission_id, user)
    if schedule is None:
        raise NotFound(say.SCHEDULE_NOT_YET(mission_id=mission_id))
    known = {c["id"]: c for c in schedule["companies"]}

    def company(company_id: int) -> dict:  # a company deleted since keeps its number
        return known.get(company_id) or {"id": company_id, "name": f"#{company_id}", "country": None}

    request = schedule["params"]
    first = datetime.fromisoformat(request["starts_at"])
    offset = first.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}" if offset else ""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    workbook = Workbook()
    grid = workbook.active
    grid.title = t["grid"]
    by_place = {(m["slot"], m["table"]): m for m in schedule["meetings"]}
    headers = [t["slot"], t["time"]] + [f"{t['table']} {n}" for n in range(1, request["tables"] + 1)]
    rows = []
    for slot in range(1, request["slots"] + 1):
        start = first + timedelta(minutes=(slot - 1) * request["slot_minutes"])
        end = start + timedelta(minutes=request["slot_minutes"])
        row = [slot, f"{start:%H:%M}–{end:%H:%M}"]
        for table in range(1, request["tables"] + 1):
            meeting = by_place.get((slot, table))
            row.append(f"{_name(company(meeting['supplier_id']), lang)} → {_name(company(meeting['buyer_id']), lang)}"
                       f" ({meeting['score']:.0f}){' 🔒' if meeting['locked'] else ''}" if meeting else "")
        rows.append(row)
    _table(grid, headers, rows, widths=[6, 13] + [34] * request["tables"])
    for row in grid.iter_rows(min_row=2):
        for cell in row[2:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    listing = workbook.create_sheet(t["meetings"])
    headers = [t["slot"], t["starts"], t["ends"], t["table"], t["supplier"], f"{t['supplier']}: {t['country']}",
               t["buyer"], f"{t['buyer']}: {t['country']}", t["score"], t["locked"], t["supplier_id"], t["buyer_id"]]
    rows = []
    for m in schedule["meetings"]:
        s, b = company(m["supplier_id"]), company(m["buyer_id"])
        rows.append([m["slot"], _local(m["starts_at"]), _local(m["ends_at"]), m["table"], _name(s, lang),
                     _country(s, lang), _name(b, lang), _country(b, lang), m["score"],
                     t["yes"] if m["locked"] else t["no"], s["id"], b["id"]])
    _table(listing, headers, rows, widths=[6, 17, 17, 6, 36, 14, 36, 14, 8, 10, 12, 12])
    for row in listing.iter_rows(min_row=2, min_col=2, max_col=3):
        for cell in row:
            cell.number_format = "yyyy-mm-dd hh:mm"

    left = workbook.create_sheet(t["unscheduled"])
    rows = [[_name(company(u["supplier_id"]), lang), _name(company(u["buyer_id"]), lang), u["score"],
             u["supplier_id"], u["buyer_id"]] for u in schedule["unscheduled"]]
    _table(left, [t["supplier"], t["buyer"], t["score"], t["supplier_id"], t["buyer_id"]], rows,
           widths=[36, 36, 8, 12, 12])

    summary = workbook.create_sheet(t["summary"])
    dates = " – ".join(filter(None, [mission["starts_on"], mission["ends_on"]]))
    for label, value in ((t["mission"], mission["name"]), (t["dates"], dates), (t["value"], schedule["total_value"]),
                         (t["bound"], schedule["upper_bound"]), (t["ratio"], schedule["value_ratio"]),
                         (t["met"], schedule["companies_met"]), (t["with_partner"], schedule["companies_with_partner"]),
                         ("", say_in(F.TIMEZONE(offset=offset), lang))):
        append_row(summary, [label, value])
    summary.column_dimensions["A"].width = 36
    summary.column_dimensions["B"].width = 50
    from matcher.services.mission_participation_report import add_participation_sheet

    add_participation_sheet(workbook, mission_id, user, lang)  # issue 13: requests and meetings per participant
    return _save(workbook)


def _table(sheet, headers: list[str], rows: list[list], widths: list[int]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    append_row(sheet, headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, row)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _save(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _local(iso: str) -> datetime:
    """Excel has no time zones: the local wall-clock time of the mission, as printed in the header."""
    return datetime.fromisoformat(iso).replace(tzinfo=None)


def _name(company: dict, lang: str) -> str:
    return (company.get("name_en") if lang == "en" else None) or company["name"]


def _country(company: dict, lang: str) -> str:
    return regions.country_name(company["country"], lang) if company.get("country") else ""


def _region(company: dict, lang: str) -> str:
    return regions.region_name(company["region"], lang) if company.get("region") else ""


def _reasons_text(reasons: list[dict], lang: str) -> str:
    labels = {feature: say_in(label(), lang) for feature, label in F.FEATURES.items()}
    return "; ".join(f"{labels.get(r['feature'], r['feature'])} {r['contribution']:+.1f}"
                     + (f": {r['detail']}" if r["detail"] else "") for r in reasons)
