"""Bearer-token authentication for every /api/v1 route, and the role rules views declare.

Routes are closed by default: a view is reachable without a token only when marked `@public`.
`@allow_roles(...)` refuses other roles with 403; rules that depend on the resource (a company
user and *its* company) are the `ensure_*` helpers views call after loading it.
"""
from __future__ import annotations

from functools import wraps

from flask import current_app, g, request

from matcher import policy
from matcher.api import api
from matcher.errors import DomainError, Forbidden
from matcher.services.accounts import user_for_token

ROLES = policy.ROLES


class Unauthenticated(DomainError):
    """No usable bearer token: the answer names the scheme so clients know what to send."""

    status = 401
    title = "Unauthorized"

    def __init__(self, detail: str, error: str | None = None):
        super().__init__(detail)
        challenge = 'Bearer realm="matcher"'
        if error:
            challenge += f', error="{error}", error_description="{detail}"'
        self.headers = {"WWW-Authenticate": challenge}


def public(view):
    """Reachable without a token (health, the OpenAPI document, the reference)."""
    view.api_public = True
    return view


def allow_roles(*roles: str):
    """Only users with one of `roles` may call the view; others get 403."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = current_user()
            if user.role not in roles:
                raise Forbidden(f"This needs the role {' or '.join(roles)}; your token has the role {user.role}")
            return view(*args, **kwargs)

        wrapper.api_roles = tuple(roles)
        return wrapper

    return decorate


def current_user():
    """The token's user (a `matcher.models.User`)."""
    return g.api_user


def bearer_token() -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


@api.before_request
def _authenticate():
    if request.method == "OPTIONS":
        return None
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "api_public", False):
        return None
    token = bearer_token()
    if token is None:
        raise Unauthenticated("Send a token in the header Authorization: Bearer <token>")
    user = user_for_token(token)
    if user is None:
        raise Unauthenticated("The token is unknown or revoked", error="invalid_token")
    g.api_user = user
    return None


def ensure_can_edit_company(company) -> None:
    """403 unless matcher.policy lets the token's user change `company`."""
    if not policy.may_edit_company(current_user(), company):
        raise Forbidden("Only the company's own account or an admin may change it")


def ensure_can_read_matches(company) -> None:
    """403 unless matcher.policy lets the token's user read `company`'s matches."""
    if not policy.may_read_matches(current_user(), company):
        raise Forbidden("A company account may read only its own company's matches")
