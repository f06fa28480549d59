"""Messages between companies on the web: the threads with unread counts, one thread, writing, sharing contacts."""
from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _

from matcher.errors import ValidationFailed
from matcher.services import conversations
from matcher.web import web
from matcher.web.i18n import localize
from matcher.web.security import current_company, current_user, login_required


@web.get("/messages")
@login_required
def conversation_list():
    return render_template("web/conversations/list.html", threads=conversations.list_threads(current_user()))


@web.route("/messages/<int:company_id>", methods=["GET", "POST"])
@login_required
def conversation(company_id: int):
    user = current_user()
    errors: dict = {}
    draft = ""
    status = 200
    if request.method == "POST":
        draft = request.form.get("body", "")
        payload = {"body": draft}
        if request.form.get("share_contacts") == "1":
            payload = {"body": _contacts_text()}
        try:
            conversations.send_message(user, company_id, payload)
        except ValidationFailed as exc:
            errors = {key: [localize(m) for m in messages] for key, messages in exc.errors.items()}
            status = 422
        else:
            return redirect(url_for("web.conversation", company_id=company_id, _anchor="message-form"))
    thread = conversations.read_thread(user, company_id)
    return render_template("web/conversations/thread.html", thread=thread, errors=errors, draft=draft), status


def _contacts_text() -> str:
    """What «share my contacts» writes: the company's own email and phone, as the participant chose to share."""
    company = current_company()
    parts = [p for p in (company.email, company.phone, company.website) if p] if company else []
    return _("Our contacts: %(contacts)s", contacts=", ".join(parts)) if parts else ""


@web.app_context_processor
def _unread_messages() -> dict:
    def unread_messages() -> int:  # the menu asks once per page
        user = current_user()
        return conversations.unread_count(user) if user is not None else 0

    return {"unread_messages": unread_messages}
