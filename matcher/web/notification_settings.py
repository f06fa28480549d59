"""Which mails an account gets (/account/notifications), and the one-click unsubscribe link of every
notification, which works without signing in: the signed token in the address is the permission."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from matcher.errors import ValidationFailed
from matcher.extensions import csrf
from matcher.services import preferences
from matcher.services.preferences import DIGEST_FREQUENCIES
from matcher.web import web
from matcher.web.security import current_user, login_required


def kind_label(kind: str) -> str:
    return {"interest": _("who is interested in your company, and mutual interest"),
            "digest": _("the digest of new matches"),
            "missions": _("agendas of trade missions"),
            "all": _("every notification")}[kind]


@web.route("/account/notifications", methods=["GET", "POST"])
@login_required
def notification_preferences():
    user = current_user()
    if request.method == "POST":
        digest = request.form.get("digest", "")
        try:
            preferences.update_preferences(user.email, user.id, interest=request.form.get("interest") == "1",
                                           missions=request.form.get("missions") == "1", digest=digest)
        except ValidationFailed:
            return render_template("web/notifications.html", preference=preferences.preference_for(user.email),
                                   frequencies=DIGEST_FREQUENCIES,
                                   errors={"digest": [_("Choose how often to get the digest.")]}), 422
        flash(_("Notification settings saved."), "success")
        return redirect(url_for("web.notification_preferences"))
    return render_template("web/notifications.html", preference=preferences.preference_for(user.email),
                           frequencies=DIGEST_FREQUENCIES, errors={})


@web.get("/unsubscribe/<token>")
def unsubscribe(token: str):
    """A page with one button: mail scanners open links, so a GET never changes anything."""
    email, kind = _read(token)
    if email is None:
        return render_template("web/unsubscribe.html", bad=True), 404
    return render_template("web/unsubscribe.html", email=email, kind=kind_label(kind), token=token, done=False)


@web.post("/unsubscribe/<token>")
@csrf.exempt  # RFC 8058: mail providers post «List-Unsubscribe=One-Click» without any page of ours
def unsubscribe_confirm(token: str):
    email, kind = _read(token)
    if email is None:
        return render_template("web/unsubscribe.html", bad=True), 404
    preferences.unsubscribe(email, kind)
    if request.form.get("List-Unsubscribe") == "One-Click":
        return "unsubscribed\n", 200, {"Content-Type": "text/plain; charset=utf-8"}
    return render_template("web/unsubscribe.html", email=email, kind=kind_label(kind), done=True)


def _read(token: str) -> tuple[str | None, str | None]:
    try:
        return preferences.read_unsubscribe_token(token)
    except ValidationFailed:
        return None, None
