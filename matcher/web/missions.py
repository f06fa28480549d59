"""Trade missions for organisers: the list, creating and editing a mission with its participants, the overview.

Authorisation is matcher.policy's, asked by the services (matcher.services.missions): organisers
and admins read every mission, only its own organiser or an admin changes it, a company account
sees the missions of its company; a refusal becomes the 403 or 404 page.
"""
from __future__ import annotations

import math

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from matcher.errors import Conflict, PreconditionFailed, ValidationFailed
from matcher.services import companies, missions
from matcher.services.code_lookup import search_codes
from matcher.web import web
from matcher.web.formatting import country_choices
from matcher.web.i18n import current_language
from matcher.web.mission_forms import MissionForm
from matcher.web.params import page_number, search_text, whole_number
from matcher.web.security import current_user, is_staff, login_required, staff_required

PER_PAGE = 30
PICKER_LIMIT = 400  # companies offered at once; the filter narrows them, ticked ones always stay


def load(mission_id: int, edit: bool = False):
    """The mission if the signed-in user may read (or edit) it; NotFound / Forbidden become error pages."""
    return missions.load_mission(mission_id, current_user(), edit=edit)


@web.get("/missions")
@login_required
def mission_list():
    page = page_number(request.args.get("page"))
    found = missions.list_missions(current_user(), page=page, per_page=PER_PAGE)
    return render_template("web/missions/list.html", missions=found["items"], total=found["total"], page=page,
                           pages=max(1, math.ceil(found["total"] / PER_PAGE)), staff=is_staff())


@web.route("/missions/new", methods=["GET", "POST"])
@staff_required
def mission_new():
    if request.method == "GET":
        return _render(MissionForm(), None)
    form = MissionForm.from_request(request.form)
    if _handle_form_action(form):
        return _render(form, None)
    try:
        created = missions.create_mission(form.payload(), current_user())
    except ValidationFailed as exc:
        form.attach_errors(exc.errors or {"_form": [exc.detail]})
        return _render(form, None, status=422)
    flash(_("The mission is created. Next: import a delegation or build the match list."), "success")
    return redirect(url_for("web.mission_page", mission_id=created["id"]))


@web.route("/missions/<int:mission_id>/edit", methods=["GET", "POST"])
@login_required
def mission_edit(mission_id: int):
    mission = missions.mission_to_dict(load(mission_id, edit=True))
    if request.method == "GET":
        return _render(MissionForm.from_mission(mission), mission)
    form = MissionForm.from_request(request.form)
    if _handle_form_action(form):
        return _render(form, mission)
    expected = whole_number(form.version)
    try:
        missions.update_mission(mission_id, form.payload(), current_user(), expected_version=expected)
    except ValidationFailed as exc:
        form.attach_errors(exc.errors or {"_form": [exc.detail]})
        return _render(form, mission, status=422)
    except (PreconditionFailed, Conflict):
        # Someone saved meanwhile (or a schedule was built): keep the input, save on the new version next time.
        fresh = missions.mission_to_dict(load(mission_id, edit=True))
        form.version = str(fresh["version"])
        form.add_form_error(_("The mission was changed meanwhile (by someone else or by a schedule run). Your "
                              "input is kept below: check it and press «Save» again."))
        return _render(form, fresh, status=409)
    flash(_("Changes saved."), "success")
    return redirect(url_for("web.mission_page", mission_id=mission_id))


@web.get("/missions/<int:mission_id>")
@login_required
def mission_page(mission_id: int):
    from matcher.services.stored_schedules import last_schedule

    user = current_user()
    mission_row = load(mission_id)
    mission = missions.mission_to_dict(mission_row)
    schedule = last_schedule(mission_id)
    meetings_of: dict[int, int] = {}
    for meeting in schedule.meetings if schedule else []:
        for company_id in (meeting.supplier_id, meeting.buyer_id):
            meetings_of[company_id] = meetings_of.get(company_id, 0) + 1
    people = companies.companies_by_id(mission["company_ids"])
    own = missions.company_id_of(user)
    return render_template(
        "web/missions/detail.html", mission=mission, participants=[people[i] for i in mission["company_ids"]
                                                                   if i in people],
        can_edit=missions.can_edit(user, mission_row), staff=is_staff(), own_company_id=own,
        schedule=schedule, meetings_of=meetings_of,
    )


@web.post("/missions/<int:mission_id>/delete")
@login_required
def mission_delete(mission_id: int):
    mission = load(mission_id, edit=True)
    name = mission.name
    missions.delete_mission(mission_id, current_user())
    flash(_("The mission «%(name)s» is deleted; its companies stay in the directory.", name=name), "info")
    return redirect(url_for("web.mission_list"))


def _handle_form_action(form: MissionForm) -> bool:
    """Buttons other than «Save» (filter the companies, find codes) show the form again, unsaved."""
    action = request.form.get("action", "save")
    if action == "save":
        return False
    if action == "codes" and form.code_query:
        form.searched = True
        form.code_hits = search_codes(form.code_query, current_language())
    return True


def _picker_filters() -> companies.CompanyFilters:
    role = request.values.get("pick_role", "")
    return companies.CompanyFilters(
        q=search_text(request.values.get("pick_q")) or None,
        country=search_text(request.values.get("pick_country"), 2).upper() or None,
        role=role if role in ("supplier", "buyer") else None,
    )


def _picker(form: MissionForm) -> tuple[list, int]:
    """Companies to tick: those already ticked first, then the directory as filtered (up to PICKER_LIMIT)."""
    chosen = list(companies.companies_by_id(form.company_ids, with_items=True).values())
    order = {company_id: position for position, company_id in enumerate(form.company_ids)}
    chosen.sort(key=lambda c: order[c.id])
    found, total = companies.list_companies(_picker_filters(), page=1, per_page=PICKER_LIMIT)
    ticked = set(order)
    return chosen + [c for c in found if c.id not in ticked], total


def _render(form: MissionForm, mission: dict | None, status: int = 200):
    rows, total = _picker(form)
    filters = _picker_filters()
    return render_template(
        "web/missions/edit.html", form=form, mission=mission, rows=rows, found_total=total, filters=filters,
        picker_limit=PICKER_LIMIT, ticked=set(form.company_ids), countries=country_choices(),
    ), status
