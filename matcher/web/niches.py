"""Niche catalogue: markets left by departed Western firms, and the suppliers best able to fill each."""
from __future__ import annotations

import math

from flask import abort, render_template, request

from matcher.errors import NotFound
from matcher.services import niches as niche_service
from matcher.settings import SETTINGS
from matcher.web import web
from matcher.web.i18n import current_language
from matcher.web.params import page_number

PER_PAGE = 24
SUPPLIERS_SHOWN = 10


@web.get("/niches")
def niche_list():
    page = page_number(request.args.get("page"))
    rows, total = niche_service.list_niches(page=page, per_page=PER_PAGE)
    return render_template("web/niches/list.html", niches=rows, total=total, page=page,
                           pages=max(1, math.ceil(total / PER_PAGE)))


@web.get("/niches/<int:niche_id>")
def niche_page(niche_id: int):
    from matcher.services.matching import matches_for_niche  # the engine loads on first use

    try:
        niche = niche_service.get_niche(niche_id)
    except NotFound:
        abort(404)
    suppliers = matches_for_niche(niche_id, limit=SUPPLIERS_SHOWN, min_score=SETTINGS.listing_min_score,
                                  lang=current_language())
    return render_template("web/niches/detail.html", niche=niche, suppliers=suppliers)
