"""JSON API v1 (/api/v1): thin views over the services, problem+json errors."""
from __future__ import annotations

from flask import Blueprint, Flask

api = Blueprint("api", __name__, url_prefix="/api/v1")


def register_api(app: Flask) -> None:
    from matcher.api import errors, health  # noqa: F401  (routes register on import)
    from matcher.extensions import csrf

    csrf.exempt(api)
    app.register_blueprint(api)
    errors.install(app)
