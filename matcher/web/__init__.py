"""HTML blueprint: server-rendered pages for companies, Russian first, English too."""
from __future__ import annotations

from flask import Blueprint, Flask

web = Blueprint("web", __name__, template_folder="templates", static_folder="static",
                static_url_path="/static/web")

# Views register their routes (and the blueprint its error pages) on import, one module per page.
from matcher.web import (  # noqa: E402,F401
    account, auth, directory, errors, field_limits, formatting, home, i18n, lookups, matches, mission_imports,
    mission_meetings, missions, niches, profile,
)
from matcher.web import admin_mail, password_reset, verification  # noqa: E402,F401  (accounts and mail)
from matcher.web import jobs, notification_settings, outbox  # noqa: E402,F401  (notifications and jobs)
from matcher.web import conversations, mission_participants  # noqa: E402,F401  (issue 13: participants)
from matcher.web import account_data, text_language  # noqa: E402,F401  (issue 17)
from matcher.web import dashboard, outcomes, projects  # noqa: E402,F401  (issue 15: corridor)


def register_web(app: Flask) -> None:
    from matcher.api import IdConverter

    # Every <int:…> in a page address is a row id: a number past the database's integer cannot
    # exist, so routing answers 404 (instead of the driver overflowing into a 500 or a 409).
    app.url_map.converters["int"] = IdConverter
    app.register_blueprint(web)
    errors.install(app)
