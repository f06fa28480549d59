"""Sign up, log in, log out: email and password, a server-side session per browser."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from marshmallow import ValidationError, validate

from matcher.db import db
from matcher.errors import ValidationFailed
from matcher.extensions import limiter
from matcher.services import accounts
from matcher.services.signup import sign_up_company_user
from matcher.web import web
from matcher.web.i18n import LOCALE_COOKIE, remember_locale
from matcher.web.security import STAFF_ROLES, current_user, safe_next, sign_in, sign_out

_is_email = validate.Email()


def _login_email_key() -> str:
    return "login-email:" + accounts.normalise_email(request.form.get("email", ""))[:254]


def _rate_limited_message() -> str:
    return _("Too many login attempts. Wait a minute and try again.")


def _after_login_target(user) -> str:
    if user.role in STAFF_ROLES:  # organisers and admins work on missions, not on a profile of their own
        return url_for("web.mission_list")
    return url_for("web.matches") if user.company is not None else url_for("web.company_new")


def _keep_locale(response, user):
    """A language chosen on this browser before signing in becomes the account's; else the account's wins."""
    chosen = request.cookies.get(LOCALE_COOKIE)
    if chosen and user.locale != chosen:
        user.locale = chosen
        db.session.commit()
    elif not chosen and user.locale:
        remember_locale(response, user.locale)
    return response


@web.route("/signup", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"], error_message=_rate_limited_message)
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
        if not accounts.PASSWORD_MIN <= len(password) <= accounts.PASSWORD_MAX:
            errors["password"] = [_("The password must be %(min)d to %(max)d characters long.",
                                    min=accounts.PASSWORD_MIN, max=accounts.PASSWORD_MAX)]
        elif password != request.form.get("password_repeat", ""):
            errors["password_repeat"] = [_("The passwords do not match.")]
        if not errors:  # the same answer whether or not the address has an account (no enumeration)
            try:
                sign_up_company_user(email, password, str(get_locale()))
                return redirect(url_for("web.signup_sent"))
            except ValidationFailed as exc:  # a password rule of the service the form does not know
                errors.update(exc.errors)
    status = 422 if errors else 200
    return render_template("web/auth/signup.html", email=email, errors=errors), status


@web.route("/login", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"], error_message=_rate_limited_message)
@limiter.limit("10 per minute", methods=["POST"], key_func=_login_email_key,
               error_message=_rate_limited_message)
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
