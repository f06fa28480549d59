"""/api/v1/niches: the catalogue of markets left by departed firms."""
from __future__ import annotations

from flask import url_for

from matcher.api import api
from matcher.api.arguments import json_body, query_args
from matcher.api.auth import allow_roles
from matcher.api.etags import checked_version, etag, if_match
from matcher.api.idempotency import idempotent
from matcher.api.openapi import responds, tag
from matcher.api.schemas import NichePageSchema, NicheQueryArgsSchema, NicheUpdateSchema
from matcher.models import Niche
from matcher.schemas.niche import NicheOutSchema, NicheSchema
from matcher.services import niches


def niche_etag(niche_id: int, version: int) -> str:
    return etag("niche", niche_id, version)


def _single(niche: Niche, status: int = 200, **headers):
    return niches.niche_to_dict(niche), status, {"ETag": niche_etag(niche.id, niche.version), **headers}


@api.post("/niches")
@allow_roles("admin", "organizer")
@idempotent(replay_headers=lambda body: {"ETag": niche_etag(body["id"], body["version"])})
@json_body(NicheSchema)
@tag("niches")
@responds(201, NicheOutSchema, description="The stored niche", headers=("Location", "ETag"))
def create_niche(payload: dict):
    """Record a niche: a market a departed firm left, with its codes and estimated volume."""
    niche = niches.create_niche(payload)
    return _single(niche, 201, Location=url_for("api.get_niche", niche_id=niche.id))


@api.get("/niches")
@query_args(NicheQueryArgsSchema)
@tag("niches")
@responds(200, NichePageSchema, description="A page of niches, oldest first")
def list_niches(args: dict):
    """List niches, optionally only those of one region."""
    rows, total = niches.list_niches(page=args["page"], per_page=args["per_page"], region=args.get("region"))
    return {"items": [niches.niche_to_dict(n) for n in rows], "total": total,
            "page": args["page"], "per_page": args["per_page"]}


@api.get("/niches/<id:niche_id>")
@tag("niches")
@responds(200, NicheOutSchema, description="The niche", headers=("ETag",))
def get_niche(niche_id: int):
    """Read one niche."""
    return _single(niches.get_niche(niche_id))


@api.patch("/niches/<id:niche_id>")
@allow_roles("admin", "organizer")
@json_body(NicheUpdateSchema)
@if_match
@tag("niches")
@responds(200, NicheOutSchema, description="The niche after the change", headers=("ETag",))
def update_niche(niche_id: int, payload: dict):
    """Change some fields of a niche; fields not sent keep their value."""
    niche = niches.get_niche(niche_id)
    version = checked_version(niche_etag(niche.id, niche.version), niche.version)
    return _single(niches.update_niche(niche_id, payload, expected_version=version))


@api.delete("/niches/<id:niche_id>")
@allow_roles("admin", "organizer")
@if_match
@tag("niches")
@responds(204, description="Deleted")
def delete_niche(niche_id: int):
    """Delete a niche."""
    niche = niches.get_niche(niche_id)
    version = checked_version(niche_etag(niche.id, niche.version), niche.version)
    niches.delete_niche(niche_id, expected_version=version)
    return "", 204
