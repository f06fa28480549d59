"""/api/v1/codes: find HS and NACE codes by words, or have them proposed for an offer or need (any role)."""
from __future__ import annotations

from functools import wraps

from flask import request

from matcher.api import api
from matcher.api.arguments import json_body
from matcher.api.code_schemas import CodeListSchema, CodeSearchArgsSchema, CodeSuggestSchema
from matcher.api.openapi import doc_of, problems, responds, tag
from matcher.schemas import load_or_raise
from matcher.services import code_lookup
from matcher.settings import SETTINGS


def _query_checked(schema_cls):
    """Load the query string with `schema_cls` into `args`; a bad value is a 422 naming the parameter."""

    def decorate(view):
        doc_of(view)["query"] = schema_cls

        @wraps(view)
        def wrapper(*args, **kwargs):
            kwargs["args"] = load_or_raise(schema_cls(), {key: request.args.get(key) for key in request.args})
            return view(*args, **kwargs)

        return wrapper

    return decorate


def _language(args: dict) -> str:
    """`lang` if given, else the client's Accept-Language, else the default language (Russian)."""
    return SETTINGS.choose_language(args.get("lang"), request.accept_languages)


@api.get("/codes")
@_query_checked(CodeSearchArgsSchema)
@tag("codes")
@responds(200, CodeListSchema, description="Codes, best first, each with the words that produced it")
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
@json_body(CodeSuggestSchema)
@tag("codes")
@responds(200, CodeListSchema, description="Proposed codes, HS and NACE mixed, best first")
def suggest_codes(payload: dict):
    """Propose HS and NACE codes for an offer or need from its title and description.

    Nothing is stored: the codes are proposals for a person to accept. At least one of `title`
    and `description` must say something (else a 422 naming `title`).
    """
    body = load_or_raise(CodeSuggestSchema(), payload)
    schemes = (body["scheme"],) if body.get("scheme") else code_lookup.SCHEMES
    hits = code_lookup.suggest_codes(body["title"], body["description"], _language(body), limit=body["limit"],
                                     schemes=schemes)
    return {"items": [hit.to_dict() for hit in hits]}
