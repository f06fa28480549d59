"""Ranked partners: /api/v1/companies/{id}/matches and /api/v1/niches/{id}/matches."""
from __future__ import annotations

from flask import request

from matcher.api import api
from matcher.api.arguments import BadRequest
from matcher.api.auth import ensure_can_read_matches
from matcher.api.openapi import problems, tag
from matcher.api.schemas import CompanyMatchQueryArgsSchema, MatchListSchema, NicheMatchQueryArgsSchema
from matcher.services import companies, niches
from matcher.settings import SETTINGS


@api.get("/companies/<id:company_id>/matches")
@api.arguments(CompanyMatchQueryArgsSchema, location="query")
@tag("matches")
@api.response(200, MatchListSchema, description="Partners, best first; each score is the sum of its reasons")
@problems(422)
def company_matches(company_id: int, args: dict):
    """Rank partners for a company: suppliers for a buyer, buyers for a supplier.

    `as` chooses the side of a company that is both (422 if the company does not have that role).
    Reason details are in English unless the request's Accept-Language prefers Russian.
    A company account may read only its own company's matches.
    """
    ensure_can_read_matches(companies.get_company(company_id))
    from matcher.services.matching import matches_for_company

    return {"items": _ranked(matches_for_company, company_id, as_role=args.get("as_role"), limit=args["limit"],
                             min_score=args["min_score"], weights=args.get("weights"))}


@api.get("/niches/<id:niche_id>/matches")
@api.arguments(NicheMatchQueryArgsSchema, location="query")
@tag("matches")
@api.response(200, MatchListSchema, description="Companies, best first; each score is the sum of its reasons")
def niche_matches(niche_id: int, args: dict):
    """Rank suppliers able to fill a niche (or, with `side=buyer`, buyers who lost its supplier)."""
    niches.get_niche(niche_id)
    from matcher.services.matching import matches_for_niche

    return {"items": _ranked(matches_for_niche, niche_id, side=args["side"], limit=args["limit"],
                             min_score=args["min_score"], weights=args.get("weights"))}


def _ranked(finder, subject_id: int, **kwargs) -> list[dict]:
    """Run a match query; weight names the engine does not know are the client's mistake (400)."""
    from matcher.scoring import UnknownWeightError

    lang = SETTINGS.choose_language(accept=request.accept_languages, fallback=SETTINGS.api_reasons_language)
    try:
        return finder(subject_id, lang=lang, **kwargs)
    except UnknownWeightError as exc:
        raise BadRequest(f"Unknown weights: {exc}", {"weights": [str(exc)]}) from None
