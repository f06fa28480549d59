"""Home page: what the matcher is, live figures, and the niche catalogue as a way in."""
from __future__ import annotations

import time

from flask import current_app, render_template

from matcher.services import front_page
from matcher.settings import SETTINGS
from matcher.web import web
from matcher.web.dashboard import public_summary

_FIGURES_KEY = "web_home_figures"
_FIGURES_TTL_SECONDS = 60.0


def suggested_match_count() -> int | None:
    """Supplier–buyer pairs the engine suggests (scoring at least SETTINGS.meeting_min_score), cached per change-log
    position; None while this worker's index loads."""
    last_change = front_page.last_change_id()
    cached = current_app.extensions.get(_FIGURES_KEY)
    if cached and cached[0] == last_change and time.monotonic() - cached[1] < _FIGURES_TTL_SECONDS:
        return cached[2]
    count = front_page.suggested_pair_count(SETTINGS.meeting_min_score)
    if count is None:
        return None
    current_app.extensions[_FIGURES_KEY] = (last_change, time.monotonic(), count)
    return count


@web.get("/")
def home():
    figures = front_page.directory_figures() | {"matches": suggested_match_count()}
    return render_template("web/home.html", figures=figures, niches=front_page.largest_niches(6),
                           corridor=public_summary())
