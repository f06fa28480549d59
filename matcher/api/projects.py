"""/api/v1/projects (issue 15): projects buyers and public bodies publish, suggested suppliers, proposals.

Any role may call these routes; whether the token's user may publish for a company, change a
project or propose for it is `matcher.policy.projects`' question, asked by the services.
"""
from __future__ import annotations

from flask import request, url_for

from matcher.api import api
from matcher.api.auth import allow_roles, current_user
from matcher.api.blueprint import Version
from matcher.api.idempotency import idempotent
from matcher.api.openapi import problems, tag
from matcher.api.project_schemas import (
    ProjectMatchQueryArgsSchema, ProjectPageSchema, ProjectQueryArgsSchema, ProjectUpdateSchema,
)
from matcher.api.responses import no_content
from matcher.api.schemas import MatchListSchema
from matcher.schemas.project import ProjectInterestOutSchema, ProjectInterestSchema, ProjectOutSchema, ProjectSchema
from matcher.services import projects
from matcher.settings import SETTINGS


def project_version(project) -> Version:
    return Version("project", project.id, project.version)


def _single(project, status: int = 200, **headers):
    api.set_etag(project_version(project))
    return projects.project_to_dict(project), status, headers


@api.post("/projects")
@allow_roles("admin", "organizer", "company")
@idempotent(replay_headers=lambda body: {"ETag": Version("project", body["id"], body["version"]).tag})
@api.etag
@api.arguments(ProjectSchema, location="body")
@tag("projects")
@api.response(201, ProjectOutSchema, description="The published project", headers=("Location", "ETag"))
def create_project(payload: dict):
    """Publish a project.

    A buyer company's account publishes for its own company (address confirmed; another company's
    id in `owner_company_id` is a 403); an organiser or an admin publishes for the buyer named by
    `owner_company_id` (a 422 without one, or when the company does not buy).
    """
    project = projects.create_project(current_user(), payload)
    return _single(project, 201, Location=url_for("api.get_project", project_id=project.id))


@api.get("/projects")
@api.arguments(ProjectQueryArgsSchema, location="query")
@tag("projects")
@api.response(200, ProjectPageSchema, description="A page of projects, nearest deadline first")
def list_projects(args: dict):
    """List projects; `status=open` leaves out closed ones and those past their deadline."""
    page, per_page = args.pop("page"), args.pop("per_page")
    rows, total = projects.list_projects(page=page, per_page=per_page, **args)
    return {"items": [projects.project_to_dict(p) for p in rows], "total": total, "page": page, "per_page": per_page}


@api.get("/projects/<id:project_id>")
@api.etag
@tag("projects")
@api.response(200, ProjectOutSchema, description="The project", headers=("ETag",))
def get_project(project_id: int):
    """Read one project (a project past its deadline reads as closed)."""
    return _single(projects.get_project(project_id))


@api.patch("/projects/<id:project_id>")
@allow_roles("admin", "organizer", "company")
@api.etag
@api.arguments(ProjectUpdateSchema, location="body")
@tag("projects")
@api.response(200, ProjectOutSchema, description="The project after the change", headers=("ETag",))
def update_project(project_id: int, payload: dict):
    """Change some fields of a project (its owner company's account, an organiser or an admin).

    Fields not sent keep their value; a list sent replaces the stored one; `status: closed` closes
    the project. The owner company cannot change.
    """
    version = api.check_etag(project_version(projects.get_project(project_id)))
    return _single(projects.update_project(current_user(), project_id, payload, expected_version=version))


@api.delete("/projects/<id:project_id>")
@allow_roles("admin", "organizer", "company")
@api.etag
@tag("projects")
@api.response(204, description="Deleted")
def delete_project(project_id: int):
    """Delete a project with its proposals (its owner company's account, an organiser or an admin)."""
    version = api.check_etag(project_version(projects.get_project(project_id)))
    projects.delete_project(current_user(), project_id, expected_version=version)
    return no_content()


@api.get("/projects/<id:project_id>/matches")
@api.arguments(ProjectMatchQueryArgsSchema, location="query")
@tag("projects")
@api.response(200, MatchListSchema, description="Suppliers, best first; each score is the sum of its reasons")
def project_matches(project_id: int, args: dict):
    """Suggest suppliers for the project, with the reasons (codes, words, kinds of cooperation …).

    Reason details are in English unless the request's Accept-Language prefers Russian.
    """
    from matcher.services.project_matches import suppliers_for_project

    lang = SETTINGS.choose_language(accept=request.accept_languages, fallback=SETTINGS.api_reasons_language)
    project = projects.get_project(project_id)
    return {"items": suppliers_for_project(project, limit=args["limit"], min_score=args["min_score"], lang=lang)}


@api.post("/projects/<id:project_id>/interest")
@allow_roles("admin", "organizer", "company")
@api.arguments(ProjectInterestSchema, location="body")
@tag("projects")
@api.response(201, ProjectInterestOutSchema, description="The proposal, stored")
@api.alt_response(200, schema=ProjectInterestOutSchema, description="The proposal, replaced or decided")
@problems(409)
def project_interest(project_id: int, payload: dict):
    """Propose for a project, or decide on a proposal.

    A supplier company's account proposes with a short text (201; a second call replaces the text,
    200); staff propose for the supplier named by `company_id`. The owner decides with
    `{"company_id": …, "status": "shortlisted"|"declined"}` (200). A proposal is the supplier's
    «interested» in the owner and a shortlist the owner's back: contacts then follow the
    mutual-interest rule. A closed project takes no proposals (409).
    """
    row, created = projects.express_interest(current_user(), project_id, payload)
    return projects.proposal_to_dict(row), 201 if created else 200
