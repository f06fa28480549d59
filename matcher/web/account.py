"""Account: API tokens (shown once, listed by prefix, revoked), password change, other browsers signed out."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from matcher.errors import NotFound
from matcher.services import accounts, sessions
from matcher.services.passwords import PASSWORD_MAX, PASSWORD_MIN
from matcher.web import web
from matcher.web.auth import new_password_errors
from matcher.web.security import current_user, login_required, session_token


def render_account(status: int = 200, **context):
    """The account page; the deletion form's errors come in `deletion_errors` (issue 17)."""
    from matcher.services.account_data import GRACE_DAYS, pending_deletion

    user = current_user()
    context.setdefault("deletion", pending_deletion(user.id))
    context.setdefault("deletion_errors", {})
    context.setdefault("grace_days", GRACE_DAYS)
    tokens = accounts.tokens_of(user)
    context.setdefault("errors", {})
    return render_template("web/account.html", user=user, tokens=tokens, password_bounds=(PASSWORD_MIN, PASSWORD_MAX),
                           session_count=sessions.active_session_count(user), **context), status


_render = render_account


@web.get("/account")
@login_required
def account():
    return _render()


@web.post("/account/tokens")
@login_required
def token_create():
    """A new API token; its value is in this response only, never stored or shown again."""
    name = request.form.get("name", "").strip()[:100]
    plain, token = accounts.create_token(current_user(), name or _("web"))
    return _render(new_token=plain, new_token_name=token.name)


@web.post("/account/tokens/<int:token_id>/revoke")
@login_required
def token_revoke(token_id: int):
    try:
        accounts.revoke_token(token_id, current_user())
    except NotFound:
        abort(404)
    flash(_("The token is revoked: scripts using it are refused from now on."), "success")
    return redirect(url_for("web.account"))


@web.post("/account/password")
@login_required
def password_change():
    """New password after the current one; every other browser of this account is signed out, and on
    request every API token of the account is revoked in the same transaction."""
    user = current_user()
    new = request.form.get("new_password", "")
    errors: dict[str, list[str]] = {}
    if accounts.verify_password(user.email, request.form.get("current_password", "")) is None:
        errors["current_password"] = [_("The current password is wrong.")]
    if problems := new_password_errors(new, user.email):
        errors["new_password"] = problems
    elif new != request.form.get("new_password_repeat", ""):
        errors["new_password_repeat"] = [_("The passwords do not match.")]
    if errors:
        return _render(status=422, errors=errors, revoke_tokens=bool(request.form.get("revoke_tokens")))
    accounts.set_password(user, new)
    # A leaked password may have leaked the tokens made with it too: the owner may end them at once.
    revoked = accounts.revoke_user_tokens(user) if request.form.get("revoke_tokens") else None
    ended = sessions.end_other_sessions(user, keep_plain=session_token())  # one commit for all of it
    flash(_("Password changed. Other browsers signed in to this account were signed out: %(count)d.",
            count=ended), "success")
    if revoked is not None:
        flash(_("API tokens revoked: %(count)d. Scripts using them are refused from now on.", count=revoked),
              "success")
    return redirect(url_for("web.account"))


@web.post("/account/sessions/end-others")
@login_required
def sessions_end_others():
    ended = sessions.end_other_sessions(current_user(), keep_plain=session_token())
    flash(_("Other browsers signed out: %(count)d.", count=ended), "success")
    return redirect(url_for("web.account"))
