"""Rate limits on the API: one budget per bearer token and one per client address.

The per-token budget stops one integration from starving the others; the per-address one
stops a client from escaping by inventing tokens. Both read their size from the config
(API_RATE_LIMIT, API_IP_RATE_LIMIT) on every request, so tests and operators can change them.
Storage follows RATELIMIT_STORAGE_URI (memory:// by default, redis://… in production).
"""
from __future__ import annotations

from flask import Flask, Response, current_app, request
from flask_limiter.util import get_remote_address

from matcher.api import api, api_docs
from matcher.api.auth import bearer_token
from matcher.extensions import limiter
from matcher.services.accounts import hash_secret


def exempt_from_rate_limits(view):
    """For probes a load balancer calls every few seconds."""
    view.api_rate_limit_exempt = True
    return view


def token_or_address() -> str:
    token = bearer_token()
    # Hashed, so the storage (Redis) never holds a usable token.
    return f"token:{hash_secret(token)[:32]}" if token else f"ip:{get_remote_address()}"


def _exempt() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return getattr(view, "api_rate_limit_exempt", False) or request.method == "OPTIONS"


def _per_token_limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


def _per_address_limit() -> str:
    return current_app.config["API_IP_RATE_LIMIT"]


limiter.shared_limit(_per_token_limit, scope="api-token", key_func=token_or_address, exempt_when=_exempt)(api)
limiter.shared_limit(_per_address_limit, scope="api-address", key_func=get_remote_address,
                     exempt_when=_exempt)(api)
limiter.shared_limit(_per_address_limit, scope="api-address", key_func=get_remote_address,
                     exempt_when=_exempt)(api_docs)


def install(app: Flask) -> None:
    # Flask-Limiter stamps Retry-After (its window's reset) on every answer, overriding ours. Our
    # hook must run after its hook; app-level hooks run last-registered-first, hence index 0.
    app.after_request_funcs.setdefault(None, []).insert(0, _retry_after_only_where_it_means_something)


def _retry_after_only_where_it_means_something(response: Response) -> Response:
    """Keep the limiter's Retry-After on a 429, restore the view's own elsewhere, drop it otherwise."""
    if not request.path.startswith("/api/") or response.status_code == 429:
        return response
    own = getattr(response, "own_retry_after", None)
    if own is not None:
        response.headers["Retry-After"] = own
    else:
        response.headers.pop("Retry-After", None)
    return response
