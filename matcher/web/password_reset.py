"""Forgotten password and invitations: ask for a link by email, then set a new password through it."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, validate

from matcher.errors import ValidationFailed
from matcher.extensions import limiter
from matcher.services import account_mail, accounts
from matcher.services.verification import LinkRefused, set_password_from_link, user_for_password_link
from matcher.web import web
from matcher.web.verification import LINK_REFUSED_MESSAGES

_is_email = validate.Email()
HEADINGS = {"reset": _l("Choose a new password"), "invite": _l("Set your password")}


@web.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def forgot_password():
    """The same answer whether or not the address has an account: nobody learns who is registered."""
    email = request.form.get("email", "").strip()
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            _is_email(accounts.normalise_email(email))
        except ValidationError:
            errors["email"] = [_("Enter a valid email address, e.g. name@company.by.")]
        if not errors:
            user = accounts.find_user(email)
            if user is not None:
                account_mail.send_password_reset(user)
            return render_template("web/auth/forgot_sent.html", email=email)
    return render_template("web/auth/forgot.html", email=email, errors=errors), 422 if errors else 200


@web.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def reset_password(token: str):
    return _set_password_page(token, "reset")


@web.route("/invitation/<token>", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def accept_invitation(token: str):
    return _set_password_page(token, "invite")


def _set_password_page(token: str, purpose: str):
    """GET shows the form while the link is good; POST sets the password, spends the link and ends
    every session of the account (a thief signed in with the old password is out too)."""
    try:
        user = user_for_password_link(token, purpose)
    except LinkRefused as exc:
        return _refused(exc)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        password = request.form.get("password", "")
        if not accounts.PASSWORD_MIN <= len(password) <= accounts.PASSWORD_MAX:
            errors["password"] = [_("The password must be %(min)d to %(max)d characters long.",
                                    min=accounts.PASSWORD_MIN, max=accounts.PASSWORD_MAX)]
        elif password != request.form.get("password_repeat", ""):
            errors["password_repeat"] = [_("The passwords do not match.")]
        if not errors:
            try:
                set_password_from_link(token, purpose, password)
            except LinkRefused as exc:  # spent by another tab between the form and the post
                return _refused(exc)
            except ValidationFailed as exc:
                errors.update(exc.errors)
            else:
                flash(_("Your password is set. Log in with it."), "success")
                return redirect(url_for("web.login"))
    return render_template("web/auth/set_password.html", heading=HEADINGS[purpose], email=user.email,
                           action=request.path, errors=errors), 422 if errors else 200


def _refused(exc: LinkRefused):
    return render_template("web/auth/link_refused.html", message=LINK_REFUSED_MESSAGES[exc.reason],
                           retry_url=url_for("web.forgot_password")), 400
