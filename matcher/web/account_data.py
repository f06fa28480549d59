"""One's own data: the JSON export, the company logo, and deleting the account or the company after a grace period."""
from __future__ import annotations

import json

from flask import Response, abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from matcher.errors import NotFound, ValidationFailed
from matcher.services import account_data, company_logos, companies
from matcher.services.visibility import can_view
from matcher.web import web
from matcher.web.i18n import localize
from matcher.web.security import current_user, login_required, require_edit

LOGO_CACHE_SECONDS = 3600  # the address stays the same when the logo changes; the ETag tells the browser


@web.get("/account/export.json")
@login_required
def account_export():
    """Everything kept about this account and its company, as a JSON file to save."""
    body = json.dumps(account_data.export_account(current_user()), ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="matcher-account.json"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@web.post("/account/deletion")
@login_required
def account_deletion_request():
    from matcher.web.account import render_account

    user = current_user()
    try:
        deletion = account_data.request_deletion(user, request.form.get("scope", ""), request.form.get("password", ""))
    except ValidationFailed as exc:
        errors = {field: [localize(m) for m in messages] for field, messages in exc.errors.items()}
        return render_account(status=422, deletion_errors=errors, deletion_scope=request.form.get("scope", ""))
    from matcher.web.formatting import day

    if deletion.scope == "account":
        flash(_("Your account and its company will be deleted on %(day)s. Until then your company is hidden from "
                "others, and logging in lets you cancel.", day=day(deletion.due_at)), "info")
    else:
        flash(_("Your company will be deleted on %(day)s; the account stays. Until then the company is hidden from "
                "others, and you can cancel.", day=day(deletion.due_at)), "info")
    return redirect(url_for("web.account") + "#deletion")


@web.post("/account/deletion/cancel")
@login_required
def account_deletion_cancel():
    if account_data.cancel_deletion(current_user()):
        flash(_("The deletion is cancelled: your company is shown to others again."), "success")
    return redirect(url_for("web.account") + "#deletion")


@web.post("/companies/<int:company_id>/logo")
@login_required
def company_logo_upload(company_id: int):
    from matcher.web.profile import render_edit

    company = _company_or_404(company_id)
    require_edit(company)
    if request.form.get("action") == "remove":
        company_logos.remove_logo(company_id)
        flash(_("The logo is removed."), "success")
        return redirect(url_for("web.company_edit", company_id=company_id) + "#logo")
    upload = request.files.get("logo")
    data = upload.read(company_logos.MAX_UPLOAD_BYTES + 1) if upload else b""
    try:
        company_logos.store_logo(company_id, data)
    except ValidationFailed as exc:
        return render_edit(company, status=422, logo_errors=[localize(m) for m in exc.errors.get("logo", [exc.detail])])
    flash(_("The logo is saved."), "success")
    return redirect(url_for("web.company_edit", company_id=company_id) + "#logo")


@web.get("/companies/<int:company_id>/logo.png")
def company_logo(company_id: int):
    """The re-encoded logo, for whoever may see the company; cached, revalidated by its checksum."""
    company = _company_or_404(company_id)
    if not can_view(current_user(), company):
        abort(404)
    logo = company_logos.find_logo(company_id)
    if logo is None:
        abort(404)
    response = Response(logo.content, mimetype=logo.content_type)
    response.set_etag(logo.sha256)
    response.last_modified = logo.updated_at
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Disposition"] = f'inline; filename="logo-{company_id}.png"'
    # «private» when only the owner or an admin may see it (an unconfirmed company); public otherwise
    from matcher.services.visibility import is_public

    scope = "public" if is_public(company) else "private"
    response.headers["Cache-Control"] = f"{scope}, max-age={LOGO_CACHE_SECONDS}"
    return response.make_conditional(request)


def _company_or_404(company_id: int):
    try:
        return companies.get_company(company_id)
    except NotFound:
        abort(404)


def logo_url(company_id: int) -> str | None:
    """The logo's address when the company has one (templates show it beside the name)."""
    return url_for("web.company_logo", company_id=company_id) if company_logos.has_logo(company_id) else None


@web.app_context_processor
def _logo_helpers() -> dict:
    return {"logo_url": logo_url}
