"""Confirming an email address: the page after sign-up, the mailed link, sending the link again."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l

from matcher.extensions import limiter
from matcher.services import account_mail
from matcher.services.verification import LINK_EXPIRED, LINK_INVALID, LINK_USED, LinkRefused, confirm_email
from matcher.web import web
from matcher.web.security import current_user, login_required

# Why a mailed link was refused, in the reader's language (the service names the reason).
LINK_REFUSED_MESSAGES = {
    LINK_EXPIRED: _l("The link has expired. Ask for a new one."),
    LINK_INVALID: _l("The link is not valid. Copy it from the message in full, or ask for a new one."),
    LINK_USED: _l("The link has already been used. Ask for a new one."),
}


@web.get("/signup/sent")
def signup_sent():
    """What every sign-up sees, whether or not the address already had an account."""
    return render_template("web/auth/signup_sent.html")


@web.get("/verify-email/<token>")
def verify_email(token: str):
    """The link from the confirmation mail: the company becomes visible to others."""
    try:
        user = confirm_email(token)
    except LinkRefused as exc:
        return render_template("web/auth/link_refused.html", message=LINK_REFUSED_MESSAGES[exc.reason],
                               retry_url=url_for("web.account")), 400
    flash(_l("Your email address is confirmed. Other companies can now find yours."), "success")
    signed_in = current_user()
    if signed_in is not None and signed_in.id == user.id:
        return redirect(url_for("web.matches") if user.company is not None else url_for("web.company_new"))
    return redirect(url_for("web.login"))


@web.post("/account/verification")
@login_required
@limiter.limit("5 per hour", key_func=lambda: f"verify-resend:{current_user().id}")
def resend_verification():
    user = current_user()
    if user.email_verified_at is None:
        account_mail.send_verification(user)
        flash(_l("We sent the confirmation link to %(email)s again.", email=user.email), "info")
    return redirect(url_for("web.account"))
