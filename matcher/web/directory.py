"""Company directory with search, filters and pages; one page per company, contacts only for those allowed."""
from __future__ import annotations

import math

from flask import abort, render_template, request

from matcher import policy
from matcher.errors import NotFound
from matcher.services import companies
from matcher.services.interests import interest_states, interested_in
from matcher.services.visibility import can_view
from matcher.web import web
from matcher.web.formatting import region_choices
from matcher.web.params import page_number, search_text
from matcher.web.security import can_edit, current_company, current_user

from matcher.scoring.cooperation import TYPES as COOPERATION_TYPES  # noqa: E402  (issue 15)

PER_PAGE = 20


def _arg(name: str, limit: int = 100) -> str:
    """A query argument as typed, without control characters (NUL cannot reach PostgreSQL)."""
    return search_text(request.args.get(name), limit)


@web.get("/companies")
def directory():
    filters = companies.CompanyFilters(
        role=_arg("role") if _arg("role") in ("supplier", "buyer") else None,
        country=_arg("country", 2).upper() or None,
        region=_arg("region", 6).upper() or None,
        q=_arg("q", 200) or None,
        hs="".join(ch for ch in _arg("hs", 12) if ch in "0123456789") or None,
        nace=_arg("nace", 8) or None,
        cooperation=_arg("cooperation", 30) if _arg("cooperation", 30) in COOPERATION_TYPES else None,  # issue 15
    )
    page = page_number(request.args.get("page"))
    viewer = current_user()
    rows, total = companies.list_companies(filters, page=page, per_page=PER_PAGE,
                                           viewer_id=viewer.id if viewer else None)
    pages = max(1, math.ceil(total / PER_PAGE))
    countries = companies.directory_countries()
    return render_template(
        "web/directory/list.html", companies=rows, total=total, page=page, pages=pages, filters=filters,
        countries=countries, regions=region_choices(filters.country) if filters.country else [],
    )


@web.get("/companies/<int:company_id>")
def company_page(company_id: int):
    try:
        company = companies.get_company(company_id)
    except NotFound:
        abort(404)
    user = current_user()
    if not can_view(user, company):  # not yet confirmed by its owner: as if it did not exist
        abort(404)
    own = current_company()
    relation = None
    if own is not None and own.id != company.id and _complementary(own, company):
        relation = {
            "mine": interest_states(own.id).get(company.id),
            "theirs": company.id in interested_in(own.id),
        }
    return render_template(
        "web/directory/company.html", company=company, show_contacts=policy.may_see(user, policy.CONTACTS, company),
        can_edit=can_edit(user, company), relation=relation,
    )


def _complementary(own, other) -> bool:
    """Could these two trade: one sells what the other may buy."""
    return (own.is_buyer and other.is_supplier) or (own.is_supplier and other.is_buyer)
