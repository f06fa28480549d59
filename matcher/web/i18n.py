"""Which language a page is in: the visible switcher (cookie), the account's choice, the browser, else Russian."""
from __future__ import annotations

from flask import current_app, has_request_context, redirect, request
from flask_babel import get_locale, gettext

from matcher.messages import say
from matcher.services.accounts import choose_language
from matcher.settings import SETTINGS
from matcher.web import web
from matcher.web.security import current_user, safe_next

LOCALE_COOKIE = "matcher_locale"
_ONE_YEAR_SECONDS = 365 * 24 * 3600


def select_locale() -> str | None:
    """Flask-Babel's locale selector."""
    if not has_request_context():
        return None
    chosen = chosen_language()
    if not chosen and not request.path.startswith("/api/"):
        user = current_user()
        chosen = user.locale if user is not None else None
    return SETTINGS.choose_language(chosen, request.accept_languages)


def chosen_language() -> str | None:
    """The language picked on this browser (the switcher's cookie) if it is one we offer; the cookie is
    the client's to write, so anything else is ignored rather than stored on the account."""
    chosen = request.cookies.get(LOCALE_COOKIE)
    return chosen if chosen in SETTINGS.languages else None


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale else SETTINGS.default_language


def localize(message) -> str:
    """A domain message (matcher.messages) in this page's language; a plain string as it is."""
    return say(message, gettext)


def remember_locale(response, language: str):
    """Keep the choice on this browser for a year (it survives logging in and out)."""
    response.set_cookie(LOCALE_COOKIE, language, max_age=_ONE_YEAR_SECONDS, httponly=True,
                        samesite="Lax", secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
    return response


@web.post("/locale")
def switch_locale():
    """The language switcher in the page header."""
    language = request.form.get("locale", "")
    target = safe_next(request.form.get("next")) or "/"
    response = redirect(target)
    if language in SETTINGS.languages:
        user = current_user()
        if user is not None:
            choose_language(user, language)
        remember_locale(response, language)
    return response
