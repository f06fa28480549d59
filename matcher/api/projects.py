"""/api/v1/projects (issue 15): projects buyers and public bodies publish, suggested suppliers, proposals."""
from __future__ import annotations

from flask import request, url_for

from matcher.api import api
from matcher.api.arguments import json_body, query_args
from matcher.api.auth import current_user
from matcher.api.etags import checked_version, etag, if_match
from matcher.api.idempotency import idempotent
from matcher.api.openapi import problems, responds, tag
from matcher.api.project_schemas import (
    MatchListSchema, ProjectInterestResultSchema, ProjectMatchQueryArgsSchema, ProjectPageSchema,
    ProjectQueryArgsSchema, ProjectUpdateSchema,
)
from matcher.models import Project
from matcher.schemas.project import ProjectInterestSchema, ProjectOutSchema, ProjectSchema
from matcher.services import projects


def project_etag(project_id: int, version: int) -> str:
    return etag("project", project_id, version)


def _single(project: Project, status: int = 200, **headers):
    return projects.project_to_dict(project), status, {"ETag": project_etag(project.id, project.version), **headers}


@api.post("/projects")
@idempotent(replay_headers=lambda body: {"ETag": project_etag(body["id"], body["version"])})
@json_body(ProjectSchema)
@tag("projects")
@responds(201, ProjectOutSchema, description="The published project", headers=("Location", "ETag"))
@problems(403)
def create_project(payload: dict):
    """Publish a project: a buyer company's account for its own company (address confirmed), or an
    organiser / admin for any buyer named by `owner_company_id`."""
    project = projects.create_project(current_user(), payload)
    return _single(project, 201, Location=url_for("api.get_project", project_id=project.id))


@api.get("/projects")
@query_args(ProjectQueryArgsSchema)
@tag("projects")
@responds(200, ProjectPageSchema, description="A page of projects, nearest deadline first")
def list_projects(args: dict):
    """List projects; `status=open` leaves out closed ones and those past their deadline."""
    rows, total = projects.list_projects(page=args["page"], per_page=args["per_page"], status=args.get("status"),
                                         sector=args.get("sector"), region=args.get("region"),
                                         cooperation=args.get("cooperation"))
    return {"items": [projects.project_to_dict(p) for p in rows], "total": total,
            "page": args["page"], "per_page": args["per_page"]}


@api.get("/projects/<id:project_id>")
@tag("projects")
@responds(200, ProjectOutSchema, description="The project", headers=("ETag",))
def get_project(project_id: int):
    """Read one project (a project past its deadline reads as closed)."""
    return _single(projects.get_project(project_id))


@api.patch("/projects/<id:project_id>")
@json_body(ProjectUpdateSchema)
@if_match
@tag("projects")
@responds(200, ProjectOutSchema, description="The project after the change", headers=("ETag",))
@problems(403)
def update_project(project_id: int, payload: dict):
    """Change some fields of a project (its owner, an organiser or an admin); `status: closed` closes it."""
    project = projects.get_project(project_id)
    version = checked_version(project_etag(project.id, project.version), project.version)
    return _single(projects.update_project(current_user(), project_id, payload, expected_version=version))


@api.delete("/projects/<id:project_id>")
@if_match
@tag("projects")
@responds(204, description="Deleted")
@problems(403)
def delete_project(project_id: int):
    """Delete a project and its proposals (its owner, an organiser or an admin)."""
    project = projects.get_project(project_id)
    version = checked_version(project_etag(project.id, project.version), project.version)
    projects.delete_project(current_user(), project_id, expected_version=version)
    return "", 204


@api.get("/projects/<id:project_id>/matches")
@query_args(ProjectMatchQueryArgsSchema)
@tag("projects")
@responds(200, MatchListSchema, description="Suppliers, best first; each score is the sum of its reasons")
def project_matches(project_id: int, args: dict):
    """Suppliers suggested for the project, with the reasons (codes, words, cooperation types …)."""
    from matcher.services.project_matches import suppliers_for_project

    lang = request.accept_languages.best_match(["en", "ru"], default="en")
    project = projects.get_project(project_id)
    return {"items": suppliers_for_project(project, limit=args["limit"], min_score=args["min_score"], lang=lang)}


@api.post("/projects/<id:project_id>/interest")
@json_body(ProjectInterestSchema)
@tag("projects")
@responds(201, ProjectInterestResultSchema, description="The proposal, stored")
@responds(200, ProjectInterestResultSchema, description="The proposal, updated or decided")
@problems(403, 409)
def project_interest(project_id: int, payload: dict):
    """A supplier proposes with a short text (a second call replaces it); the owner sends
    `{"company_id": …, "status": "shortlisted"|"declined"}` to decide. A proposal is the supplier's
    «interested» in the owner and a shortlist the owner's back: contacts then follow the mutual-interest rule."""
    row, created = projects.express_interest(current_user(), project_id, payload)
    body = {"id": row.id, "project_id": row.project_id, "company_id": row.company_id,
            "proposal": row.proposal, "status": row.status}
    return body, 201 if created else 200
