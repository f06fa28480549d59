"""/api/v1/companies: create, read, change and delete company profiles; list them with filters."""
from __future__ import annotations

from flask import url_for

from matcher import policy
from matcher.api import api
from matcher.api.auth import allow_roles, current_user, ensure_can_edit_company
from matcher.api.blueprint import Version
from matcher.api.idempotency import idempotent
from matcher.api.openapi import problems, tag
from matcher.api.responses import no_content
from matcher.api.schemas import CompanyPageSchema, CompanyQueryArgsSchema, CompanyUpdateSchema
from matcher.errors import NotFound
from matcher.schemas.company import CompanyOutSchema, CompanySchema
from matcher.services import companies
from matcher.services.visibility import can_view


def company_version(company) -> Version:
    return Version("company", company.id, company.version)


def company_body(company, access: policy.ContactAccess) -> dict:
    """The company as the viewer `access` was made for may see it (matcher.policy decides)."""
    body = companies.company_to_dict(company)
    for field in policy.hidden_fields(company, access):
        body.pop(field, None)
    return body


def _single(company, status: int = 200, **headers):
    api.set_etag(company_version(company))
    return company_body(company, policy.contact_access(current_user())), status, headers


@api.post("/companies")
@allow_roles("admin", "company")
@idempotent(replay_headers=lambda body: {"ETag": Version("company", body["id"], body["version"]).tag})
@api.etag
@api.arguments(CompanySchema, location="body")
@tag("companies")
@api.response(201, CompanyOutSchema, description="The stored company", headers=("Location", "ETag"))
@problems(409)
def create_company(payload: dict):
    """Create a company profile.

    A company account may create one company, which becomes its own (a second is a 409);
    an admin creates companies that belong to no account. A tax id already registered is a 409.
    """
    user = current_user()
    company = companies.create_company(payload, owner=user if user.role == "company" else None)
    return _single(company, 201, Location=url_for("api.get_company", company_id=company.id))


@api.get("/companies")
@api.arguments(CompanyQueryArgsSchema, location="query")
@tag("companies")
@api.response(200, CompanyPageSchema, description="A page of companies, ordered by name")
def list_companies(args: dict):
    """List companies, filtered by role, country, region, words, HS or NACE prefix.

    Company accounts see no email or phone of other companies, unless the interest is mutual.
    """
    page, per_page = args.pop("page"), args.pop("per_page")
    viewer = current_user()
    rows, total = companies.list_companies(companies.CompanyFilters(**args), page=page, per_page=per_page,
                                           viewer_id=viewer.id if viewer else None)
    access = policy.contact_access(viewer)
    return {"items": [company_body(c, access) for c in rows], "total": total, "page": page, "per_page": per_page}


@api.get("/companies/<id:company_id>")
@api.etag
@tag("companies")
@api.response(200, CompanyOutSchema, description="The company", headers=("ETag",))
def get_company(company_id: int):
    """Read one company.

    Company accounts see no email or phone of a company that is not theirs, unless the interest is
    mutual; the tax id is public registry data.
    """
    company = companies.get_company(company_id)
    if not can_view(current_user(), company):  # its owner has not confirmed their address yet
        raise NotFound(f"No company with id {company_id}")
    return _single(company)


@api.patch("/companies/<id:company_id>")
@allow_roles("admin", "company")
@api.etag
@api.arguments(CompanyUpdateSchema, location="body")
@tag("companies")
@api.response(200, CompanyOutSchema, description="The company after the change", headers=("ETag",))
@problems(409)
def update_company(company_id: int, payload: dict):
    """Change some fields of a company (its own for a company account).

    Fields not sent keep their value; a list sent (offers, needs, roles…) replaces the stored one,
    and an offer or need keeps its identity when sent with its `id`. The whole profile is
    validated again, so the answer may name fields you did not send.
    """
    company = companies.get_company(company_id)
    ensure_can_edit_company(company)
    version = api.check_etag(company_version(company))
    return _single(companies.update_company(company_id, payload, expected_version=version))


@api.delete("/companies/<id:company_id>")
@allow_roles("admin", "company")
@api.etag
@tag("companies")
@api.response(204, description="Deleted")
def delete_company(company_id: int):
    """Delete a company with its offers and needs (its own for a company account)."""
    company = companies.get_company(company_id)
    ensure_can_edit_company(company)
    companies.delete_company(company_id, expected_version=api.check_etag(company_version(company)))
    return no_content()
