"""Outcomes on the web (issue 15): a company records what came of each pair it met or is mutually interested in."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from matcher.errors import Forbidden, NotFound, ValidationFailed
from matcher.services import companies
from matcher.services import outcomes as outcome_service
from matcher.web import web
from matcher.web.dashboard import OUTCOME_NAMES
from matcher.web.i18n import localize
from matcher.web.security import company_required, current_company, current_user


def _page(errors: dict | None = None, values: dict | None = None, status: int = 200):
    company = current_company()
    ids = outcome_service.partners_to_report(company.id)
    partners = sorted(companies.companies_by_id(ids).values(), key=lambda c: c.name)
    return render_template("web/projects/outcomes.html", partners=partners,
                           outcomes=outcome_service.outcomes_of_company(company.id), states=outcome_service.OUTCOME_STATES,
                           state_names=OUTCOME_NAMES, errors=errors or {}, values=values or {}), status


@web.get("/outcomes")
@company_required
def outcomes_page():
    return _page()


def _number(text: str | None):
    text = (text or "").replace(" ", "").replace("\u00a0", "")
    return None if not text else int(text) if text.isdigit() else text


@web.post("/outcomes/<int:partner_id>")
@company_required
def outcome_record(partner_id: int):
    form = request.form
    payload = {"state": form.get("state", ""), "note": form.get("note", ""),
               "contract_value_usd": _number(form.get("contract_value_usd")),
               "contract_year": _number(form.get("contract_year")),
               "contract_month": _number(form.get("contract_month"))}
    try:
        outcome_service.record_outcome(current_user(), partner_id, payload)
    except (ValidationFailed, Forbidden, NotFound) as exc:
        errors = {key: [localize(m) for m in msgs] for key, msgs in exc.errors.items()}
        errors.setdefault("_form", [localize(exc.detail)])
        return _page({partner_id: errors}, {partner_id: form.to_dict()}, status=exc.status)
    flash(_("The outcome is recorded. Thank you: it counts toward the corridor's figures."), "success")
    return redirect(url_for("web.outcomes_page"), 303)
