"""Absolute addresses for links in mail, which may be built outside any request (jobs, CLI)."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, has_request_context, url_for

DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"  # `make run`


def external_url(endpoint: str, **values) -> str:
    """PUBLIC_URL + the route when PUBLIC_URL is set (production: a forged Host header must not
    choose where a password link points); else the current request's host; else make run's address."""
    base = current_app.config.get("PUBLIC_URL")
    if not base and has_request_context():
        return url_for(endpoint, _external=True, **values)
    parts = urlsplit((base or DEFAULT_PUBLIC_URL).rstrip("/"))
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)
