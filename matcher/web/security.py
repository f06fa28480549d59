"""Who is signed in (a server-side session per browser), who may do what, and safe redirects."""
from __future__ import annotations

from functools import wraps
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from flask import abort, current_app, g, redirect, request, session, url_for
from flask_babel import refresh as refresh_locale

from matcher import policy
from matcher.services import sessions
from matcher.web import web

if TYPE_CHECKING:  # only named in annotations: the web reaches rows through the services
    from matcher.models import Company, User

SESSION_KEY = "sid"


@web.before_app_request
def _forget_per_request_caches() -> None:
    """The signed-in user, the locale and the CSRF token are cached in `g`, which outlives a request
    when an app context is pushed around several (tests, scripts): each request looks them up afresh."""
    g.pop("web_user", None)
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
    refresh_locale()


def current_user() -> User | None:
    """The user of this browser's server-side session; a deleted session means nobody."""
    if "web_user" in g:
        return g.web_user
    user = sessions.signed_in_user(session.get(SESSION_KEY))
    if user is None and SESSION_KEY in session:
        session.pop(SESSION_KEY)
    g.web_user = user
    return user


def current_company() -> Company | None:
    user = current_user()
    return user.company if user is not None else None


def sign_in(user: User) -> None:
    """Start a fresh server-side session: the old cookie's session ends and a new id is issued."""
    sessions.end_session(session.get(SESSION_KEY))
    session.clear()
    session[SESSION_KEY] = sessions.start_session(user)
    g.web_user = user


def sign_out() -> None:
    sessions.end_session(session.get(SESSION_KEY))
    session.clear()
    g.web_user = None


def session_token() -> str | None:
    return session.get(SESSION_KEY)


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if current_user() is None:
            return redirect(url_for("web.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapper


def company_required(view):
    """Pages about one's own company: without a profile yet, the way leads to creating one."""
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if current_company() is None:
            return redirect(url_for("web.company_new"))
        return view(*args, **kwargs)

    return wrapper


def is_staff(user: User | None = None) -> bool:
    """Organisers and admins (the signed-in user unless one is given)."""
    return policy.is_staff(user if user is not None else current_user())


def staff_required(view):
    """Pages for organisers and admins only; everyone else signed in gets the 403 page."""
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not is_staff():
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def can_edit(user: User | None, company: Company) -> bool:
    return policy.may_edit_company(user, company)


def require_edit(company: Company) -> None:
    if not can_edit(current_user(), company):
        abort(403)


def require_admin() -> None:
    """Operator pages (the outbox, the mail folder): admins only, everyone else signed in gets the 403 page."""
    if not policy.may_use_admin_pages(current_user()):
        abort(403)


def safe_next(target: str | None) -> str | None:
    """A local path to go back to, or None: never another host (open redirect), never a control character
    (CR/LF cannot go into a Location header; werkzeug would fail the response after the sign-in)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in target):  # Unicode's control characters (Cc)
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
