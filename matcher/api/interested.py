"""/api/v1/companies/{id}/interested: the companies that said they are interested in this one."""
from __future__ import annotations

from matcher.api import api
from matcher.api.auth import ensure_can_read_matches
from matcher.api.job_schemas import InterestedListSchema
from matcher.api.openapi import tag
from matcher.services import api_requests, companies, interests


@api.get("/companies/<id:company_id>/interested")
@tag("matches")
@api.response(200, InterestedListSchema, description="Companies interested in this one, newest first")
def interested_in_company(company_id: int):
    """List every company that pressed «interested» on this one, whatever its rank in the matches.

    `mutual` says this company is interested back (then both may see each other's contacts).
    Companies whose owners have not confirmed their address are left out. A company account
    may read only its own company's list; organisers and admins any.
    """
    ensure_can_read_matches(companies.get_company(company_id))
    return {"items": api_requests.interested_companies(interests.interested_parties(company_id))}
