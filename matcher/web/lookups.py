"""Small JSON endpoints under /web/ that the profile editor's script calls: regions, tax ids, codes."""
from __future__ import annotations

from flask import jsonify, request

from matcher.services.code_lookup import find_codes_for_picker
from matcher.taxonomy import CodeError, regions, tax_ids
from matcher.web import web
from matcher.web.formatting import region_choices
from matcher.web.i18n import current_language, localize
from matcher.web.picker import picker_answer


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
        return jsonify({"valid": False, "value": value, "message": localize(exc.message)})
    return jsonify({"valid": True, "value": normalised, "message": ""})


@web.get("/web/codes")
def lookup_codes():
    """Codes for the words typed in the picker; with nothing found, corrections, else the block's own words.

    `title` and `description` (the block being edited) are only read when the query finds nothing,
    so the picker always has something to offer.
    """
    found = find_codes_for_picker(request.args.get("q") or "", current_language(),
                                  title=request.args.get("title") or "",
                                  description=request.args.get("description") or "")
    return jsonify(picker_answer(found))


@web.get("/web/codes/suggest")
def lookup_code_suggestions():
    """Codes suggested from an offer's or need's title and description (`text` is read as a title)."""
    title = request.args.get("title") or request.args.get("text") or ""
    found = find_codes_for_picker("", current_language(), title=title,
                                  description=request.args.get("description") or "")
    return jsonify(picker_answer(found))
