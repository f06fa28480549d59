"""Profile editor: create and edit a company, validated by CompanySchema, errors next to the inputs."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from matcher.errors import Conflict, NotFound, PreconditionFailed, ValidationFailed
from matcher.messages.input import FIELDS_INVALID
from matcher.schemas import load_or_raise
from matcher.schemas.company import CompanySchema
from matcher.services import companies, company_logos, profile_completeness
from matcher.services.code_lookup import find_codes_for_picker, warm_up_in_background
from matcher.web import web
from matcher.web.formatting import country_choices, region_choices
from matcher.web.forms import ITEM_KINDS, CompanyForm
from matcher.web.i18n import current_language
from matcher.web.params import whole_number
from matcher.web.picker import evidence_text, picker_heading, picker_texts
from matcher.web.security import current_company, current_user, login_required, require_edit


@web.get("/profile")
@login_required
def profile():
    """One's own profile: the editor if it exists, else the way to create it."""
    company = current_company()
    if company is None:
        return redirect(url_for("web.company_new"))
    return redirect(url_for("web.company_edit", company_id=company.id))


@web.route("/companies/new", methods=["GET", "POST"])
@login_required
def company_new():
    user = current_user()
    if current_company() is not None:
        return redirect(url_for("web.company_edit", company_id=current_company().id))
    if request.method == "GET":
        return _render(CompanyForm.blank(user.email), None)
    form = CompanyForm.from_request(request.form)
    if _handle_form_action(form):
        return _render(form, None)
    try:
        payload = _checked_payload(form)
        company = companies.create_company(payload, owner=user)
    except ValidationFailed as exc:
        form.attach_errors(exc.errors)
        return _render(form, None, status=422)
    except Conflict as exc:
        if "owner" in exc.errors:
            return redirect(url_for("web.profile"))
        form.attach_errors(exc.errors or {"_form": [exc.detail]})
        return _render(form, None, status=409)
    flash(_("Your company profile is saved. Here are the partners we suggest."), "success")
    return redirect(url_for("web.matches"))


@web.route("/companies/<int:company_id>/edit", methods=["GET", "POST"])
@login_required
def company_edit(company_id: int):
    company = _company_or_404(company_id)
    require_edit(company)
    if request.method == "GET":
        return _render(CompanyForm.from_company(company), company)
    form = CompanyForm.from_request(request.form)
    if _handle_form_action(form):
        return _render(form, company)
    # A save must name the version it edits; one that does not is treated as stale (0 matches no
    # version), so it can never overwrite changes its author has not seen.
    expected = whole_number(form.version, default=0)
    try:
        payload = _checked_payload(form)
        companies.update_company(company_id, payload, expected_version=expected)
    except ValidationFailed as exc:
        form.attach_errors(exc.errors)
        return _render(form, company, status=422)
    except Conflict as exc:
        form.attach_errors(exc.errors or {"_form": [exc.detail]})
        return _render(form, company, status=409)
    except PreconditionFailed:
        # Someone saved meanwhile: keep what this person typed, and let the next save be on the new version.
        fresh = _company_or_404(company_id)
        form.version = str(fresh.version)
        form.forget_missing_ids({"offers": {o.id for o in fresh.offers}, "needs": {n.id for n in fresh.needs}})
        form.add_form_error(_("Someone else saved this profile while you were editing it. Your input is kept "
                              "below: check it against the saved profile and press «Save» again to replace it."))
        return _render(form, fresh, status=409, stale=True)
    flash(_("Changes saved."), "success")
    return redirect(url_for("web.company_page", company_id=company_id))


def _checked_payload(form: CompanyForm) -> dict:
    """The form's payload once CompanySchema and the form's own number rule (ASCII digits) accept it."""
    payload = form.payload()
    unreadable = form.unreadable_numbers()
    try:
        load_or_raise(CompanySchema(), payload)
    except ValidationFailed as exc:
        raise ValidationFailed(exc.detail, {**exc.errors, **unreadable}) from None
    if unreadable:
        raise ValidationFailed(FIELDS_INVALID(fields=", ".join(sorted(unreadable))), unreadable)
    return payload


def _company_or_404(company_id: int):
    try:
        return companies.get_company(company_id)
    except NotFound:
        abort(404)


def _handle_form_action(form: CompanyForm) -> bool:
    """Buttons other than «Save» (add, remove, find codes, refresh regions) re-show the form unsaved."""
    action = request.form.get("action", "save")
    if action == "save":
        return False
    verb, _sep, rest = action.partition(":")
    kind, _sep, index = rest.partition(":")
    if verb == "add" and kind in ITEM_KINDS:
        form.add_block(kind)
    elif verb == "remove" and kind in ITEM_KINDS and whole_number(index) is not None:
        form.remove_block(kind, whole_number(index))
    elif verb in ("codes", "suggest") and kind in ITEM_KINDS:
        _find_codes(form, rest, from_text_only=verb == "suggest")
    form.pad()
    return True


def _find_codes(form: CompanyForm, target: str, from_text_only: bool = False) -> None:
    """«Find codes» on a block: its query (or a «did you mean» spelling sent with the button) through the picker;
    «Suggest from the description» reads only the block's title and description."""
    kind, _sep, rest = target.partition(":")
    index, _sep, correction = rest.partition(":")
    number = whole_number(index)
    block = form.block(kind, number) if number is not None else None
    if block is None:
        return
    if correction.strip():
        block.code_query = correction.strip()
    block.found = find_codes_for_picker("" if from_text_only else block.code_query, current_language(),
                                        title=block.title, description=block.description)


def render_edit(company, status: int = 200, **extra):
    """The saved profile's editor again (after a logo upload the form itself was not sent)."""
    return _render(CompanyForm.from_company(company), company, status=status, **extra)


def _render(form: CompanyForm, company, status: int = 200, stale: bool = False, **extra):
    warm_up_in_background()  # the picker's first answer must not wait for the classifier's data
    form.pad()
    if company is not None:
        has_logo = company_logos.has_logo(company.id)
        extra.setdefault("completeness", profile_completeness.measure(company, has_logo))
        extra.setdefault("has_logo", has_logo)
        extra.setdefault("logo_limits", {"megabytes": company_logos.MAX_UPLOAD_BYTES // (1024 * 1024),
                                         "formats": ", ".join(company_logos.ACCEPTED_FORMATS)})
    country = (form.values.get("country") or "").strip().upper()
    return render_template(
        "web/profile/edit.html", form=form, company=company, stale=stale, picker_texts=picker_texts(),
        picker_heading=picker_heading, evidence_text=evidence_text,
        countries=country_choices(), regions=region_choices(country) if len(country) == 2 else [], **extra,
    ), status
