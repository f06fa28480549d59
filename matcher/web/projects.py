"""Projects on the web (issue 15): the list, publishing one, its page with suggested suppliers, proposals
and the owner's shortlist. Thin views over services/projects.py; errors re-show the form with messages."""
from __future__ import annotations

import math
import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l

from matcher.errors import Conflict, DomainError, Forbidden, NotFound, ValidationFailed
from matcher.policy import projects as policy
from matcher.scoring.cooperation import TYPES as COOPERATION_TYPES
from matcher.services import projects as project_service
from matcher.taxonomy.sectors import SECTORS
from matcher.web import web
from matcher.web.dashboard import SECTOR_NAMES
from matcher.web.i18n import current_language, localize
from matcher.web.params import page_number
from matcher.web.security import current_user, login_required

PER_PAGE = 20
SUPPLIERS_SHOWN = 10
MIN_SCORE = 10.0
COOPERATION_NAMES = {"supply": _l("Supply"), "contract_manufacturing": _l("Contract manufacturing"),
                     "distribution": _l("Dealership and distribution"),
                     "joint_venture": _l("Joint venture and localisation"), "training": _l("Training and education"),
                     "construction": _l("Construction and engineering services"),
                     "licensing": _l("Technology and licensing")}
INTEREST_NAMES = {"submitted": _l("Submitted"), "shortlisted": _l("Shortlisted"), "declined": _l("Declined")}
_NUMBER_FIELDS = ("budget_min_usd", "budget_max_usd", "owner_company_id")


@web.app_context_processor
def _cooperation_globals() -> dict:
    """The kinds of cooperation for the profile's offer and need blocks (and any page that ticks them)."""
    return {"cooperation_choices": COOPERATION_TYPES, "cooperation_labels": COOPERATION_NAMES}


def _names() -> dict:
    return {"sector_names": SECTOR_NAMES, "cooperation_names": COOPERATION_NAMES, "interest_names": INTEREST_NAMES,
            "sectors": SECTORS, "cooperation_types": COOPERATION_TYPES}


@web.get("/projects")
def project_list():
    page = page_number(request.args.get("page"))
    sector = request.args.get("sector") if request.args.get("sector") in SECTORS else None
    cooperation = request.args.get("cooperation") if request.args.get("cooperation") in COOPERATION_TYPES else None
    rows, total = project_service.list_projects(page=page, per_page=PER_PAGE, status="open", sector=sector,
                                                cooperation=cooperation)
    user = current_user()
    return render_template("web/projects/list.html", projects=rows, total=total, page=page, sector=sector,
                           cooperation=cooperation, pages=max(1, math.ceil(total / PER_PAGE)),
                           may_publish=user is not None and (policy.is_staff(user) or (
                               policy.own_company(user) is not None and policy.own_company(user).is_buyer)),
                           **_names())


def form_payload(form) -> dict:
    """The form's fields as the API's body: lists from commas or lines, empty numbers as none."""
    payload = {key: form.get(key, "") for key in ("title", "description", "sector", "region", "deadline")}
    payload["region"] = payload["region"].strip() or None
    payload["deadline"] = payload["deadline"].strip() or None
    for key in _NUMBER_FIELDS:
        text = form.get(key, "").replace(" ", "").replace("\u00a0", "")
        if text:
            payload[key] = int(text) if text.isdigit() else text
    for key in ("hs_codes", "nace_codes"):
        payload[key] = [c for c in re.split(r"[,;\s]+", form.get(key, "")) if c]
    payload["document_links"] = [line.strip() for line in form.get("document_links", "").splitlines() if line.strip()]
    payload["cooperation_types"] = form.getlist("cooperation_types")
    return payload


def _form_values(project=None) -> dict:
    if project is None:
        return {"cooperation_types": []}
    return {"title": project.title, "description": project.description, "sector": project.sector,
            "region": project.region or "", "deadline": project.deadline.isoformat() if project.deadline else "",
            "budget_min_usd": project.budget_min_usd or "", "budget_max_usd": project.budget_max_usd or "",
            "hs_codes": ", ".join(project.hs_codes), "nace_codes": ", ".join(project.nace_codes),
            "document_links": "\n".join(project.document_links), "cooperation_types": project.cooperation_types}


def _render_form(values: dict, errors: dict, project=None, status: int = 200):
    return render_template("web/projects/edit.html", values=values, errors=errors, project=project,
                           staff=policy.is_staff(current_user()), **_names()), status


def _errors(exc: DomainError) -> dict:
    errors = {key: [localize(m) for m in messages] for key, messages in exc.errors.items()}
    errors.setdefault("_form", [localize(exc.detail)])
    return errors


@web.route("/projects/new", methods=["GET", "POST"])
@login_required
def project_new():
    if request.method == "GET":
        return _render_form(_form_values(), {})
    values = request.form.to_dict()
    values["cooperation_types"] = request.form.getlist("cooperation_types")
    try:
        project = project_service.create_project(current_user(), form_payload(request.form))
    except Forbidden as exc:
        return _render_form(values, {"_form": [localize(exc.detail)]}, status=403)
    except ValidationFailed as exc:
        return _render_form(values, _errors(exc), status=422)
    flash(_("The project is published."), "success")
    return redirect(url_for("web.project_page", project_id=project.id))


@web.route("/projects/<int:project_id>/edit", methods=["GET", "POST"])
@login_required
def project_edit(project_id: int):
    project = _load(project_id)
    if not policy.may_manage(current_user(), project):
        abort(403)
    if request.method == "GET":
        return _render_form(_form_values(project), {}, project)
    values = request.form.to_dict()
    values["cooperation_types"] = request.form.getlist("cooperation_types")
    payload = form_payload(request.form)
    payload.pop("owner_company_id", None)
    payload["status"] = "closed" if request.form.get("close") else project.status
    try:
        project_service.update_project(current_user(), project_id, payload)
    except ValidationFailed as exc:
        return _render_form(values, _errors(exc), project, status=422)
    flash(_("The project is saved."), "success")
    return redirect(url_for("web.project_page", project_id=project_id))


def _load(project_id: int):
    try:
        return project_service.get_project(project_id)
    except NotFound:
        abort(404)


@web.get("/projects/<int:project_id>")
def project_page(project_id: int):
    from matcher.services.project_matches import suppliers_for_project  # the engine loads on first use

    project = _load(project_id)
    user = current_user()
    manages = policy.may_manage(user, project)
    own = policy.own_company(user)
    suppliers = suppliers_for_project(project, limit=SUPPLIERS_SHOWN, min_score=MIN_SCORE, lang=current_language())
    proposals = project_service.proposals(user, project_id) if user is not None else []
    return render_template("web/projects/detail.html", project=project, suppliers=suppliers, proposals=proposals,
                           manages=manages, is_open=project_service.is_open(project),
                           may_propose=own is not None and own.is_supplier and own.id != project.owner_company_id,
                           **_names())


@web.post("/projects/<int:project_id>/interest")
@login_required
def project_interest(project_id: int):
    payload = {"proposal": request.form.get("proposal", "")}
    if request.form.get("status"):
        payload |= {"status": request.form["status"], "company_id": request.form.get("company_id", type=int)}
    try:
        project_service.express_interest(current_user(), project_id, payload)
    except NotFound:
        abort(404)
    except Forbidden:
        abort(403)
    except (ValidationFailed, Conflict) as exc:
        flash(localize(exc.detail), "error")
        return redirect(url_for("web.project_page", project_id=project_id)), 303
    flash(_("Saved. When both sides are interested, each sees the other's contacts."), "success")
    return redirect(url_for("web.project_page", project_id=project_id)), 303
