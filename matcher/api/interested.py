"""/api/v1/companies/{id}/interested: the companies that said they are interested in this one."""
from __future__ import annotations

from sqlalchemy import select

from matcher.api import api
from matcher.api.auth import ensure_can_read_matches
from matcher.api.job_schemas import InterestedListSchema
from matcher.api.openapi import responds, tag
from matcher.db import db
from matcher.models import Company
from matcher.services import companies, interests
from matcher.services.missions import iso_utc


@api.get("/companies/<id:company_id>/interested")
@tag("matches")
@responds(200, InterestedListSchema, description="Companies interested in this one, newest first")
def interested_in_company(company_id: int):
    """List every company that pressed «interested» on this one, whatever its rank in the matches.

    `mutual` says this company is interested back (then both may see each other's contacts).
    Companies whose owners have not confirmed their address are left out. A company account
    may read only its own company's list; organisers and admins any.
    """
    ensure_can_read_matches(companies.get_company(company_id))
    parties = interests.interested_parties(company_id)
    rows = {c.id: c for c in db.session.scalars(select(Company).where(
        Company.id.in_([p["company_id"] for p in parties])))} if parties else {}
    items = []
    for party in parties:
        other = rows.get(party["company_id"])
        if other is None:
            continue
        items.append({"company": {"id": other.id, "name": other.name, "name_en": other.name_en,
                                  "country": other.country, "region": other.region, "city": other.city},
                      "since": iso_utc(party["since"]), "mutual": party["mine"] == "interested"})
    return {"items": items}
