"""Home page: what the matcher is, live figures, and the niche catalogue as a way in."""
from __future__ import annotations

import time

from flask import current_app, render_template
from sqlalchemy import func, select

from matcher.db import db
from matcher.errors import Unavailable
from matcher.models import ChangeLog, Company, Niche
from matcher.web import web

SUGGESTION_MIN_SCORE = 40.0  # a pair below this is not worth calling a suggestion on the home page
_FIGURES_KEY = "web_home_figures"
_FIGURES_TTL_SECONDS = 60.0


def suggested_match_count() -> int | None:
    """Supplier–buyer pairs the engine suggests (score ≥ SUGGESTION_MIN_SCORE), cached per change-log
    position; None while this worker's index loads."""
    from matcher.services.matching import match_engine  # the engine is heavy: only when counted

    last_change = db.session.scalar(select(func.max(ChangeLog.id))) or 0
    cached = current_app.extensions.get(_FIGURES_KEY)
    if cached and cached[0] == last_change and time.monotonic() - cached[1] < _FIGURES_TTL_SECONDS:
        return cached[2]
    try:
        engine = match_engine(force_refresh=True)  # counted at most once a minute: worth being exact
    except Unavailable:                             # this worker's index is still loading
        return None
    buyers = db.session.scalars(select(Company.id).where(Company.is_buyer.is_(True))).all()
    count = 0
    for buyer_id in buyers:
        try:
            count += len(engine.suppliers_for_buyer(buyer_id, limit=100, min_score=SUGGESTION_MIN_SCORE))
        except KeyError:  # written a moment ago; counted on the next refresh
            continue
    current_app.extensions[_FIGURES_KEY] = (last_change, time.monotonic(), count)
    return count


@web.get("/")
def home():
    figures = {
        "companies": db.session.scalar(select(func.count(Company.id))) or 0,
        "suppliers": db.session.scalar(select(func.count(Company.id)).where(Company.is_supplier.is_(True))) or 0,
        "buyers": db.session.scalar(select(func.count(Company.id)).where(Company.is_buyer.is_(True))) or 0,
        "niches": db.session.scalar(select(func.count(Niche.id))) or 0,
        "matches": suggested_match_count(),
    }
    niches = db.session.scalars(
        select(Niche).order_by(Niche.est_annual_volume_usd.desc().nulls_last(), Niche.id).limit(6)
    ).all()
    from matcher.web.dashboard import public_summary  # issue 15

    return render_template("web/home.html", figures=figures, niches=niches, corridor=public_summary())
