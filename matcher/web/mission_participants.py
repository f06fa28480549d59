"""Missions as participants live them on the web: my missions, registering, partners and meeting requests,
and the organiser's side: registration settings, decisions, and the participation overview.

Every rule is the services' (mission_registrations, meeting_requests); a refused action comes back as a
flash message in the page's language, a refused page as the 403 / 404 page.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from matcher.errors import DomainError, ValidationFailed
from matcher.file_responses import file_response
from matcher.services import meeting_requests, mission_registrations, missions
from matcher.services.mission_matches import mission_match_list
from matcher.services.mission_participation_report import participation_csv, participation_report
from matcher.web import web
from matcher.web.i18n import current_language, localize
from matcher.web.params import whole_number
from matcher.web.security import current_user, is_staff, login_required, staff_required

SUGGESTED_PARTNERS = 20
SUGGESTED_MIN_SCORE = 10.0  # as the «My matches» page: weak pairs are still worth seeing at an event


def _flash_error(exc: DomainError) -> None:
    details = [localize(m) for messages in (exc.errors or {}).values() for m in messages]
    flash(" ".join(details) if details else localize(exc.detail), "error")


@web.get("/my/missions")
@login_required
def my_missions():
    """The company's missions (taking part, registered) and the missions open for registration."""
    user = current_user()
    return render_template("web/participation/my_missions.html", mine=mission_registrations.my_missions(user),
                           open_missions=mission_registrations.open_missions(user), has_company=user.company is not None)


@web.route("/missions/<int:mission_id>/register", methods=["GET", "POST"])
@login_required
def mission_register(mission_id: int):
    user = current_user()
    if is_staff(user):  # companies register themselves; organisers add participants on the mission's form
        abort(403)
    mission = mission_registrations.load_for_registration(mission_id, user)
    settings = mission_registrations.settings_to_dict(mission_registrations.settings_of(mission_id))
    chosen = {"role": request.form.get("role", ""), "slots": request.form.getlist("available_slots")}
    errors: dict = {}
    status = 200
    if request.method == "POST":
        slots = [int(s) for s in chosen["slots"] if s.isdigit()]
        payload = {"role": chosen["role"], "available_slots": slots or None}
        try:
            mission_registrations.register(mission_id, payload, user)
        except ValidationFailed as exc:
            errors = {key: [localize(m) for m in messages] for key, messages in exc.errors.items()}
            status = 422
        except DomainError as exc:
            _flash_error(exc)
            return redirect(url_for("web.my_missions"))
        else:
            flash(_("You are registered. The organiser confirms the registration.") if settings["needs_approval"]
                  else _("You are registered: your company takes part in the mission."), "success")
            return redirect(url_for("web.my_missions"))
    company = user.company
    return render_template("web/participation/register.html", mission=mission, settings=settings, chosen=chosen,
                           errors=errors, company_roles=company.roles if company else []), status


@web.route("/missions/<int:mission_id>/participation", methods=["GET", "POST"])
@staff_required
def mission_participation(mission_id: int):
    """The organiser's registration settings and the registrations to decide."""
    user = current_user()
    mission = missions.load_mission(mission_id, user)
    errors: dict = {}
    status = 200
    if request.method == "POST":
        form = request.form
        payload = {"is_open": form.get("is_open") == "1", "deadline": form.get("deadline") or None,
                   "needs_approval": form.get("needs_approval") == "1", "hybrid": form.get("hybrid") == "1",
                   "slots": whole_number(form.get("slots")) or 8,
                   "max_requests": whole_number(form.get("max_requests")) if form.get("max_requests") else None}
        try:
            mission_registrations.update_settings(mission_id, payload, user)
        except ValidationFailed as exc:
            errors = {key: [localize(m) for m in messages] for key, messages in exc.errors.items()}
            status = 422
        except DomainError as exc:
            _flash_error(exc)
        else:
            flash(_("Registration settings saved."), "success")
            return redirect(url_for("web.mission_participation", mission_id=mission_id))
    settings = mission_registrations.settings_to_dict(mission_registrations.settings_of(mission_id))
    registrations = mission_registrations.list_registrations(mission_id, user)["items"]
    return render_template("web/participation/organiser.html", mission=mission, settings=settings, errors=errors,
                           registrations=registrations, can_edit=missions.can_edit(user, mission)), status


@web.post("/missions/<int:mission_id>/registrations/<int:registration_id>")
@login_required
def mission_registration_decide(mission_id: int, registration_id: int):
    payload = {"status": request.form.get("status", ""), "reason": request.form.get("reason") or None}
    try:
        mission_registrations.decide_registration(mission_id, registration_id, payload, current_user())
    except DomainError as exc:
        if exc.status == 404:
            raise
        _flash_error(exc)
    else:
        flash(_("The registration is %(status)s.", status=_status_word(payload["status"])), "success")
    if is_staff():
        return redirect(url_for("web.mission_participation", mission_id=mission_id))
    return redirect(url_for("web.my_missions"))


@web.get("/missions/<int:mission_id>/partners")
@login_required
def mission_partners(mission_id: int):
    """A participant's suggested partners within the mission, and its meeting requests sent and received."""
    user = current_user()
    mission = missions.load_mission(mission_id, user)
    own = missions.company_id_of(user)
    requests = meeting_requests.list_requests(mission_id, user)["items"]
    suggested = []
    if not is_staff():
        found = mission_match_list(mission_id, user, min_score=SUGGESTED_MIN_SCORE, per_company=SUGGESTED_PARTNERS)
        asked = {r["to_company_id"] if r["from_company_id"] == own else r["from_company_id"]: r for r in requests}
        for item in found["items"][:SUGGESTED_PARTNERS]:
            partner = item["buyer"] if item["supplier"]["id"] == own else item["supplier"]
            suggested.append({"partner": partner, "score": item["score"], "reasons": item["reasons"],
                              "request": asked.get(partner["id"])})
    settings = mission_registrations.settings_to_dict(mission_registrations.settings_of(mission_id))
    return render_template("web/participation/partners.html", mission=mission, own=own, suggested=suggested,
                           received=[r for r in requests if r["to_company_id"] == own],
                           sent=[r for r in requests if r["from_company_id"] == own],
                           all_requests=requests if is_staff() else [], settings=settings, staff=is_staff())


@web.post("/missions/<int:mission_id>/requests")
@login_required
def mission_request_send(mission_id: int):
    payload = {"company_id": whole_number(request.form.get("company_id")) or 0,
               "message": request.form.get("message") or None}
    return _request_action(mission_id, lambda: meeting_requests.send_request(mission_id, payload, current_user()),
                           _("Your meeting request is sent."))


@web.post("/missions/<int:mission_id>/requests/<int:request_id>")
@login_required
def mission_request_update(mission_id: int, request_id: int):
    form = request.form
    payload: dict = {}
    if form.get("status"):
        payload |= {"status": form["status"], "reason": form.get("reason") or None}
    if form.get("move_requested") == "1":
        payload["move_requested"] = True
    if "video_link" in form:
        payload["video_link"] = form.get("video_link") or None
    return _request_action(
        mission_id, lambda: meeting_requests.update_request(mission_id, request_id, payload, current_user()),
        _("The meeting request is updated."))


def _request_action(mission_id: int, act, done: str):
    """Run a meeting-request use case, say how it went (a 404 stays a 404) and go back to the partners."""
    try:
        act()
    except DomainError as exc:
        if exc.status == 404:
            raise
        _flash_error(exc)
    else:
        flash(done, "success")
    return redirect(url_for("web.mission_partners", mission_id=mission_id))


@web.get("/missions/<int:mission_id>/overview")
@staff_required
def mission_overview(mission_id: int):
    """The organiser's view: registrations, requests and meetings per participant, and who has none."""
    report = participation_report(mission_id, current_user(), current_language())
    return render_template("web/participation/overview.html", report=report, mission=report["mission"])


@web.get("/missions/<int:mission_id>/overview.csv")
@staff_required
def mission_overview_file(mission_id: int):
    lang = current_language()
    return file_response(participation_csv(mission_id, current_user(), lang), "csv",
                         f"mission-{mission_id}-participation-{lang}.csv")


def _status_word(status: str) -> str:
    return {"approved": _("approved"), "declined": _("declined"), "cancelled": _("withdrawn")}.get(status, status)


@web.app_context_processor
def _participation_helpers() -> dict:
    def request_status(status: str) -> str:
        return {"requested": _("requested"), "accepted": _("accepted"), "declined": _("declined"),
                "scheduled": _("scheduled"), "cancelled": _("cancelled"), "pending": _("awaiting approval"),
                "approved": _("approved")}.get(status, status)

    def mission_role(role: str) -> str:
        return {"supplier": _("supplier"), "buyer": _("buyer")}.get(role, role)

    return {"request_status": request_status, "mission_role": mission_role}
