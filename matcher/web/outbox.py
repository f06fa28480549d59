"""/admin/outbox: mail waiting, sent and failed (with the transport's last error), and «send again»."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from matcher.errors import Conflict, NotFound
from matcher.jobs import queued_jobs_enabled
from matcher.services import outbox
from matcher.web import web
from matcher.web.security import login_required, require_admin


def _require_admin() -> None:
    require_admin()


@web.get("/admin/outbox")
@login_required
def admin_outbox():
    _require_admin()
    return render_template("web/admin/outbox.html", rows=outbox.outbox_rows(), max_attempts=outbox.max_attempts(),
                           queued=queued_jobs_enabled())


@web.post("/admin/outbox/<int:outbox_id>/retry")
@login_required
def admin_outbox_retry(outbox_id: int):
    _require_admin()
    try:
        row = outbox.send_failed_again(outbox_id)
    except NotFound:
        abort(404)
    except Conflict:
        flash(_("Only a failed mail can be sent again."), "info")
        return redirect(url_for("web.admin_outbox"))
    flash(_("Sent again.") if row.status == "sent" else _("Queued to be sent again."), "success")
    return redirect(url_for("web.admin_outbox", _anchor=f"mail-{outbox_id}"))
