"""/api/v1/niches: the catalogue of markets left by departed firms."""
from __future__ import annotations

from flask import url_for

from matcher.api import api
from matcher.api.auth import allow_roles
from matcher.api.blueprint import Version
from matcher.api.idempotency import idempotent
from matcher.api.openapi import tag
from matcher.api.responses import no_content
from matcher.api.schemas import NichePageSchema, NicheQueryArgsSchema, NicheUpdateSchema
from matcher.schemas.niche import NicheOutSchema, NicheSchema
from matcher.services import niches


def niche_version(niche) -> Version:
    return Version("niche", niche.id, niche.version)


def _single(niche, status: int = 200, **headers):
    api.set_etag(niche_version(niche))
    return niches.niche_to_dict(niche), status, headers


@api.post("/niches")
@allow_roles("admin", "organizer")
@idempotent(replay_headers=lambda body: {"ETag": Version("niche", body["id"], body["version"]).tag})
@api.etag
@api.arguments(NicheSchema, location="body")
@tag("niches")
@api.response(201, NicheOutSchema, description="The stored niche", headers=("Location", "ETag"))
def create_niche(payload: dict):
    """Record a niche: a market a departed firm left, with its codes and estimated volume."""
    niche = niches.create_niche(payload)
    return _single(niche, 201, Location=url_for("api.get_niche", niche_id=niche.id))


@api.get("/niches")
@api.arguments(NicheQueryArgsSchema, location="query")
@tag("niches")
@api.response(200, NichePageSchema, description="A page of niches, oldest first")
def list_niches(args: dict):
    """List niches, optionally only those of one region."""
    rows, total = niches.list_niches(page=args["page"], per_page=args["per_page"], region=args.get("region"))
    return {"items": [niches.niche_to_dict(n) for n in rows], "total": total,
            "page": args["page"], "per_page": args["per_page"]}


@api.get("/niches/<id:niche_id>")
@api.etag
@tag("niches")
@api.response(200, NicheOutSchema, description="The niche", headers=("ETag",))
def get_niche(niche_id: int):
    """Read one niche."""
    return _single(niches.get_niche(niche_id))


@api.patch("/niches/<id:niche_id>")
@allow_roles("admin", "organizer")
@api.etag
@api.arguments(NicheUpdateSchema, location="body")
@tag("niches")
@api.response(200, NicheOutSchema, description="The niche after the change", headers=("ETag",))
def update_niche(niche_id: int, payload: dict):
    """Change some fields of a niche; fields not sent keep their value."""
    version = api.check_etag(niche_version(niches.get_niche(niche_id)))
    return _single(niches.update_niche(niche_id, payload, expected_version=version))


@api.delete("/niches/<id:niche_id>")
@allow_roles("admin", "organizer")
@api.etag
@tag("niches")
@api.response(204, description="Deleted")
def delete_niche(niche_id: int):
    """Delete a niche."""
    niches.delete_niche(niche_id, expected_version=api.check_etag(niche_version(niches.get_niche(niche_id))))
    return no_content()
