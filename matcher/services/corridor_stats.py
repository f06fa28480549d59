"""The corridor's figures against its $0.5 bn target (issue 15): one computation for the dashboard,
the home page's summary and GET /api/v1/stats.

By the seed's sectors (taxonomy/sectors.py): public companies, their offers and needs,
mutual-interest pairs, meetings held (current schedules of missions that have begun), and the
contracts the companies reported with their value; the same by month. A pair counts in the
sector of its supplier.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matcher.db import db, utcnow
from matcher.models import CONTRACT_STATES, Company, MatchInterest, Meeting, Mission, MissionSchedule, Outcome
from matcher.taxonomy.sectors import SECTORS, sector_of_codes, sector_of_company
from matcher.services.outcomes import latest_schedule_ids
from matcher.services.visibility import public_company_clause

TARGET_USD = 500_000_000
MEASURES = ("companies", "offers", "needs", "mutual_interest", "meetings", "contracts", "contracts_usd")
MONTH_MEASURES = ("mutual_interest", "meetings", "contracts", "contracts_usd")


def _month(value) -> str:
    return f"{value.year:04d}-{value.month:02d}"


def company_sectors() -> dict[int, str]:
    """Every company's sector (private ones too: a pair's sector does not depend on who may see it)."""
    rows = db.session.scalars(select(Company).options(selectinload(Company.offers), selectinload(Company.needs)))
    return {c.id: sector_of_company([(i.hs_codes, i.nace_codes) for i in [*c.offers, *c.needs]]) for c in rows}


def corridor_stats(on: date | None = None) -> dict:
    on = on or utcnow().date()
    sectors = company_sectors()
    by_sector = {s: dict.fromkeys(MEASURES, 0) for s in SECTORS}
    by_month: dict[str, dict] = defaultdict(lambda: dict.fromkeys(MONTH_MEASURES, 0))

    public = db.session.scalars(select(Company).where(public_company_clause())
                                .options(selectinload(Company.offers), selectinload(Company.needs)))
    for company in public:
        own = sectors[company.id]
        by_sector[own]["companies"] += 1
        for key, items in (("offers", company.offers), ("needs", company.needs)):
            for item in items:
                by_sector[sector_of_codes(item.hs_codes, item.nace_codes) or own][key] += 1

    suppliers = {cid for cid, in db.session.execute(select(Company.id).where(Company.is_supplier.is_(True)))}

    def sector_of_pair(a: int, b: int) -> str:
        return sectors.get(a if a in suppliers or b not in suppliers else b, "other")

    said = {(r.company_id, r.partner_id): r.updated_at for r in db.session.execute(
        select(MatchInterest.company_id, MatchInterest.partner_id, MatchInterest.updated_at)
        .where(MatchInterest.state == "interested"))}
    for (a, b), when in said.items():
        if a < b and (b, a) in said:
            by_sector[sector_of_pair(a, b)]["mutual_interest"] += 1
            by_month[_month(max(when, said[(b, a)]))]["mutual_interest"] += 1

    meetings = db.session.execute(
        select(Meeting.supplier_id, Mission.starts_on)
        .join(MissionSchedule, Meeting.schedule_id == MissionSchedule.id)
        .join(Mission, Mission.id == MissionSchedule.mission_id)
        .where(MissionSchedule.id.in_(latest_schedule_ids()), Mission.starts_on.is_not(None), Mission.starts_on <= on))
    for supplier_id, starts_on in meetings:
        by_sector[sectors.get(supplier_id, "other")]["meetings"] += 1
        by_month[_month(starts_on)]["meetings"] += 1

    contracts_usd = 0
    for o in db.session.scalars(select(Outcome).where(Outcome.state.in_(CONTRACT_STATES))):
        value = o.contract_value_usd or 0
        row = by_sector[sectors.get(o.supplier_id, "other")]
        row["contracts"] += 1
        row["contracts_usd"] += value
        contracts_usd += value
        if o.contract_year and o.contract_month:
            month = by_month[f"{o.contract_year:04d}-{o.contract_month:02d}"]
            month["contracts"] += 1
            month["contracts_usd"] += value

    return {
        "target_usd": TARGET_USD,
        "contracts_usd": contracts_usd,
        "share_of_target": round(contracts_usd / TARGET_USD, 4),
        "totals": {m: sum(row[m] for row in by_sector.values()) for m in MEASURES},
        "by_sector": [{"sector": s, **by_sector[s]} for s in SECTORS],
        "by_month": [{"month": m, **by_month[m]} for m in sorted(by_month)],
    }
