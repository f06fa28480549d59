"""Sign up, log in, log out: email and password, a server-side session per browser."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from marshmallow import ValidationError, validate

from matcher.errors import ValidationFailed
from matcher.extensions import account_limiter
from matcher.services import accounts
from matcher.services.passwords import PASSWORD_MAX, PASSWORD_MIN, password_refusal
from matcher.services.signup import sign_up_company_user
from matcher.web import web
from matcher.messages import N_
from matcher.web.i18n import chosen_language, remember_locale
from matcher.web.security import current_user, is_staff, safe_next, sign_in, sign_out

_is_email = validate.Email()
# Why a new password is refused (codes of matcher.services.passwords), in the page's language.
PASSWORD_TEXTS = {
    "length": N_("The password must be %(min)d to %(max)d characters long."),
    "common": N_("This password is one of the most common ones, which are guessed first. Choose another."),
    "email": N_("The password must not be your email address or its part before @."),
}


def new_password_errors(password: str, email: str) -> list[str]:
    """What is wrong with a new password for the account `email`, for the page; [] when it may be used.
    Sign-up, password change and reset all show the rule through here."""
    code = password_refusal(password, email)
    return [_(PASSWORD_TEXTS[code], min=PASSWORD_MIN, max=PASSWORD_MAX)] if code else []


def _login_email_key() -> str:
    return "email:" + accounts.normalise_email(request.form.get("email", ""))[:254]


def _client_address() -> str:
    """The client's address: the connection's, or X-Forwarded-For's behind PROXY_FIX_X_FOR proxies."""
    return "address:" + (request.remote_addr or "unknown")


def _rate_limited_message() -> str:
    return _("Too many login attempts. Wait a minute and try again.")


def _after_login_target(user) -> str:
    if is_staff(user):  # organisers and admins work on missions, not on a profile of their own
        return url_for("web.mission_list")
    return url_for("web.matches") if user.company is not None else url_for("web.company_new")


def _keep_locale(response, user):
    """A language chosen on this browser before signing in becomes the account's; else the account's wins."""
    chosen = chosen_language()
    if chosen and user.locale != chosen:
        accounts.choose_language(user, chosen)
    elif not chosen and user.locale:
        remember_locale(response, user.locale)
    return response


@web.route("/signup", methods=["GET", "POST"])
@account_limiter.limit("20 per hour", _client_address, _rate_limited_message)
def signup():
    """New account (role «company»): a confirmation mail, then the company profile."""
    if current_user() is not None and request.method == "GET":
        return redirect(_after_login_target(current_user()))
    email = request.form.get("email", "").strip()
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        password = request.form.get("password", "")
        try:
            _is_email(accounts.normalise_email(email))
        except ValidationError:
            errors["email"] = [_("Enter a valid email address, e.g. name@company.by.")]
        if problems := new_password_errors(password, email):
            errors["password"] = problems
        elif password != request.form.get("password_repeat", ""):
            errors["password_repeat"] = [_("The passwords do not match.")]
        if not errors:  # the same answer whether or not the address has an account (no enumeration)
            try:
                sign_up_company_user(email, password, str(get_locale()))
                return redirect(url_for("web.signup_sent"))
            except ValidationFailed as exc:  # a password rule of the service the form does not know
                errors.update(exc.errors)
    status = 422 if errors else 200
    return render_template("web/auth/signup.html", email=email, errors=errors,
                           password_bounds=(PASSWORD_MIN, PASSWORD_MAX)), status


@web.route("/login", methods=["GET", "POST"])
@account_limiter.limit("30 per minute", _client_address, _rate_limited_message)
@account_limiter.limit("10 per minute", _login_email_key, _rate_limited_message)
def login():
    """Unknown email and wrong password get the same answer, in about the same time."""
    target = safe_next(request.values.get("next"))
    email = request.form.get("email", "").strip()
    failed = False
    if request.method == "POST":
        user = accounts.verify_password(email, request.form.get("password", ""))
        if user is not None:
            sign_in(user)
            return _keep_locale(redirect(target or _after_login_target(user)), user)
        failed = True
    return (render_template("web/auth/login.html", email=email, next=target or "", failed=failed),
            401 if failed else 200)


@web.post("/logout")
def logout():
    sign_out()
    flash(_("You have logged out."), "info")
    return redirect(url_for("web.home"))
