"""matcher: B2B partner matching for the Belarus – Perm Krai trade corridor."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: Mapping[str, Any] | str | None = None) -> Flask:
    """Build the app. `config` is a profile name or a mapping that overrides settings (tests)."""
    # Imported here so that `import matcher.scoring` (the pure engine) never loads Flask.
    from flask import Flask, request

    from config import INSTANCE, load_settings

    app = Flask(__name__, instance_path=str(INSTANCE))
    profile = config if isinstance(config, str) else None
    app.config.update(load_settings(profile))
    if isinstance(config, Mapping):
        app.config.update(config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.json.ensure_ascii = False

    from matcher import sqlite_tuning
    from matcher.extensions import account_limiter, babel, csrf, db, limiter, migrate

    if app.config.get("PROXY_FIX_X_FOR"):
        # Behind N trusted proxies the client is the Nth address from the right of X-Forwarded-For;
        # without them (the default) the header is anyone's to forge and is ignored.
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=int(app.config["PROXY_FIX_X_FOR"]))

    @app.before_request
    def _declare_write_intent():
        sqlite_tuning.set_write_intent(request.method not in ("GET", "HEAD", "OPTIONS"))

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).resolve().parent.parent / "migrations"),
                     render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    account_limiter.init_app(app)
    from matcher.web.i18n import select_locale

    babel.init_app(app, locale_selector=select_locale)

    from matcher import models  # noqa: F401  (registers the tables with the metadata)
    from matcher.api import register_api
    from matcher.web import register_web

    register_api(app)
    register_web(app)
    from matcher.wiring import wire_services

    wire_services(app)

    from matcher.http_headers import install_security_headers

    install_security_headers(app)

    from matcher.cli import register_cli

    register_cli(app)
    return app
