"""Small JSON endpoints under /web/ that the profile editor's script calls: regions, tax ids, codes."""
from __future__ import annotations

from flask import jsonify, request

from matcher.services.code_lookup import search_codes, suggest_codes
from matcher.taxonomy import CodeError, regions, tax_ids
from matcher.web import web
from matcher.web.formatting import region_choices
from matcher.web.forms import translate_message
from matcher.web.i18n import current_language


def _hits(hits) -> dict:
    return {"items": [{"scheme": h.scheme, "code": h.code, "label": h.label} for h in hits]}


@web.get("/web/regions")
def lookup_regions():
    """Regions of a country, named in the page's language."""
    country = (request.args.get("country") or "").strip().upper()[:2]
    return jsonify({"items": [{"code": c, "name": n} for c, n in region_choices(country)]})


@web.get("/web/tax-id")
def lookup_tax_id():
    """Check a tax id as the profile schema will: UNP for Belarus, INN or OGRN for Russia."""
    value = (request.args.get("value") or "").strip()[:40]
    country = (request.args.get("country") or "").strip().upper()[:2]
    if not value:
        return jsonify({"valid": True, "value": "", "message": ""})
    try:
        country = regions.validate_country(country)
        normalised = tax_ids.validate(value, country)
    except CodeError as exc:
        return jsonify({"valid": False, "value": value, "message": translate_message(str(exc))})
    return jsonify({"valid": True, "value": normalised, "message": ""})


@web.get("/web/codes")
def lookup_codes():
    """HS and NACE codes whose Russian or English name contains the words typed."""
    return jsonify(_hits(search_codes(request.args.get("q") or "", current_language())))


@web.get("/web/codes/suggest")
def lookup_code_suggestions():
    """Codes suggested for a free-text title and description."""
    return jsonify(_hits(suggest_codes((request.args.get("text") or "")[:2000], current_language())))
