"""/api/v1/codes: find HS and NACE codes by words, or have them proposed for an offer or need (any role)."""
from __future__ import annotations

from flask import request

from matcher.api import api
from matcher.api.code_schemas import CodeListSchema, CodeSearchArgsSchema, CodeSuggestSchema
from matcher.api.openapi import problems, tag
from matcher.services import code_lookup
from matcher.settings import SETTINGS


def _language(args: dict) -> str:
    """`lang` if given, else the client's Accept-Language, else the default language (Russian)."""
    return SETTINGS.choose_language(args.get("lang"), request.accept_languages)


@api.get("/codes")
@api.arguments(CodeSearchArgsSchema, location="query", error_status_code=422)
@tag("codes")
@api.response(200, CodeListSchema, description="Codes, best first, each with the words that produced it")
@problems(422)
def search_codes(args: dict):
    """Find HS and NACE codes by words in Russian or English, or by the start of a code.

    The words may be as people type them: abbreviations (ЧПУ, ГКЛ, ЛДСП), brand-as-noun words
    (харвестер, болгарка), inflected forms and typos. The words around a term decide its sense
    (станки + дерево → 8465, станки + металл → 8456–8461). When nothing fits, `items` is empty and
    `did_you_mean` offers spellings to try. A blank `q`, a `q` over 200 characters, or an unknown
    `scheme` or `lang` is a 422 naming the parameter.
    """
    lang = _language(args)
    hits = code_lookup.search_codes(args["q"], lang, limit=args["limit"], scheme=args.get("scheme"))
    corrections = [] if hits else code_lookup.spelling_suggestions(args["q"], lang)
    return {"items": [hit.to_dict() for hit in hits], "did_you_mean": corrections}


@api.post("/codes/suggest")
@api.arguments(CodeSuggestSchema, location="json")
@tag("codes")
@api.response(200, CodeListSchema, description="Proposed codes, HS and NACE mixed, best first")
def suggest_codes(payload: dict):
    """Propose HS and NACE codes for an offer or need from its title and description.

    Nothing is stored: the codes are proposals for a person to accept. At least one of `title`
    and `description` must say something (else a 422 naming `title`).
    """
    schemes = (payload["scheme"],) if payload.get("scheme") else code_lookup.SCHEMES
    hits = code_lookup.suggest_codes(payload["title"], payload["description"], _language(payload),
                                     limit=payload["limit"], schemes=schemes)
    return {"items": [hit.to_dict() for hit in hits]}
