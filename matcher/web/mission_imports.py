"""Importing a delegation on the web: upload CSV or XLSX, read the per-row report, import the valid rows.

The file is not kept on the server: when a file has bad rows, the report page carries it back in
a hidden field (base64), so «Import the valid rows» needs no second upload. A file too large for
that (the form would pass the request size limit) is asked for again.
"""
from __future__ import annotations

import base64
import binascii

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _

from matcher.errors import DomainError, ValidationFailed
from matcher.jobs import queued_jobs_enabled
from matcher.file_responses import file_response
from matcher.schemas.mission import FILE_FORMATS, LANGUAGES
from matcher.services import missions
from matcher.services.background import start_import
from matcher.services.delegation_files import delegation_template
from matcher.services.delegation_import import IMPORT_MODES, DelegationRejected, import_delegation
from matcher.services.upload_problems import FileRefused
from matcher.web import web
from matcher.messages import N_
from matcher.web.i18n import current_language, localize
from matcher.web.missions import load
from matcher.web.security import current_user, login_required

CARRY_FRACTION = 0.7  # base64 grows a file by a third; the rest of the form must fit too
IMPORT_JOB_MIN_BYTES = 200_000  # with a worker, files this big are imported by a background job

# upload_problems' codes as this page words them (the API's English wording is in upload_problems).
FILE_PROBLEMS = {
    "not_a_workbook": N_("This file is neither a CSV table nor an XLSX workbook."),
    "archive_members": N_("The XLSX archive holds %(count)s parts; at most %(limit)s are accepted."),
    "archive_method": N_("The XLSX part %(member)s is packed in an unusual way; save the sheet again from "
                         "Excel or LibreOffice."),
    "archive_encrypted": N_("The XLSX part %(member)s is encrypted: remove the password and save the sheet again."),
    "member_size": N_("The XLSX part %(member)s unpacks to %(size_mb)s MB; at most %(limit_mb)s MB per part are "
                      "accepted."),
    "member_ratio": N_("The XLSX part %(member)s unpacks to %(ratio)s times its packed size; at most %(limit)s times "
                       "is accepted."),
    "archive_size": N_("The XLSX unpacks to %(size_mb)s MB in all; at most %(limit_mb)s MB are accepted."),
    "shared_strings": N_("The XLSX holds more than %(limit)s texts; split it into smaller files."),
    "xml_doctype": N_("The XLSX part %(member)s declares a DOCTYPE or entities, which workbooks never need: "
                      "save the sheet again from Excel or LibreOffice."),
    "too_many_rows": N_("The file has more than %(limit)s rows: split it into smaller files."),
    "sheet_rows": N_("The sheet runs past %(limit)s rows, blank ones included: delete the empty rows under the "
                     "table or split it."),
    "unclosed_quote": N_("Row %(row)s (line %(line)s) opens a quote «\"» that is never closed, so every line after "
                         "it would be read as one cell: close or remove that quote."),
    "csv_broken": N_("The CSV cannot be read from row %(row)s (line %(line)s) on: check the quotes around cells."),
    "quote_spans_lines": N_("Row %(row)s (line %(line)s) opens a quote «\"» that closes only on line "
                            "%(last_line)s, so the lines between are read into the column «%(column)s»: close or "
                            "remove that quote."),
}


@web.get("/missions/import-template")
@login_required
def mission_import_template():
    """The blank delegation table, in the language asked for (else the page's)."""
    file_format = request.args.get("format", "xlsx")
    lang = request.args.get("lang") or current_language()
    if file_format not in FILE_FORMATS or lang not in LANGUAGES:
        return redirect(url_for("web.mission_import_template", format="xlsx", lang=current_language()))
    return file_response(delegation_template(file_format, lang), file_format,
                         f"delegation-template-{lang}.{file_format}")


@web.route("/missions/<int:mission_id>/import", methods=["GET", "POST"])
@login_required
def mission_import(mission_id: int):
    mission = missions.mission_to_dict(load(mission_id, edit=True))
    if request.method == "GET":
        return _render(mission)
    mode = request.form.get("mode", "all_or_nothing")
    mode = mode if mode in IMPORT_MODES else "all_or_nothing"
    dry_run = request.form.get("dry_run") == "1"
    data, filename = _uploaded_file()
    if data is None:
        return _render(mission, mode=mode, dry_run=dry_run, status=422,
                       file_errors=[_("Choose a CSV or XLSX file with the delegation.")])
    if queued_jobs_enabled() and len(data) >= current_app.config.get("IMPORT_JOB_MIN_BYTES", IMPORT_JOB_MIN_BYTES):
        try:
            run = start_import(mission_id, current_user(), data, filename, mode, dry_run)
        except DomainError as exc:  # 503: the queue is unreachable
            return _render(mission, mode=mode, dry_run=dry_run, status=exc.status,
                           file_errors=[_("The job queue cannot be reached right now; try again in a minute.")])
        return redirect(url_for("web.mission_job", mission_id=mission_id, job_id=run.id))
    try:
        report = import_delegation(mission_id, data, filename, current_user(), mode=mode, dry_run=dry_run)
    except DelegationRejected as exc:
        return _render(mission, report=exc.report, mode=mode, dry_run=dry_run, status=422,
                       carried=_carry(data, filename), rejected=True)
    except FileRefused as exc:  # the file as a whole, with a code: a limit, a broken archive, a stray quote …
        params = {k: format_decimal(v) if isinstance(v, (int, float)) else v for k, v in exc.params.items()}
        return _render(mission, mode=mode, dry_run=dry_run, status=422,
                       file_errors=[_(FILE_PROBLEMS[exc.code], **params)])
    except ValidationFailed as exc:  # the file as a whole: empty, not a table, a column missing …
        messages = [localize(m) for path in ("file", "columns", "mode") for m in exc.errors.get(path, [])]
        return _render(mission, mode=mode, dry_run=dry_run, status=422,
                       file_errors=messages or [localize(exc.detail)])
    except DomainError as exc:  # a row that could not be stored after all (e.g. a tax id taken meanwhile)
        return _render(mission, mode=mode, dry_run=dry_run, status=exc.status,
                       file_errors=[localize(m) for msgs in exc.errors.values() for m in msgs]
                       or [exc.detail])
    if report["imported"]:
        flash(_("Imported: %(created)d new companies, %(known)d already known; %(added)d participants added.",
                created=len(report["created"]), known=len(report["recognised"]),
                added=report["participants_added"]), "success")
    return _render(mission, report=report, mode=mode, dry_run=dry_run,
                   carried=_carry(data, filename) if dry_run else None)


def render_import_outcome(mission: dict, report: dict | None, error: dict | None):
    """The page of an import a background job made: its report, or why it was refused."""
    if report is not None:
        if report.get("imported"):
            flash(_("Imported: %(created)d new companies, %(known)d already known; %(added)d participants added.",
                    created=len(report["created"]), known=len(report["recognised"]),
                    added=report["participants_added"]), "success")
        return _render(mission, report=report, mode=report.get("mode", "all_or_nothing"))
    return _render(mission, report=error["report"], status=422, rejected=True)


def _uploaded_file() -> tuple[bytes | None, str | None]:
    """The file chosen in the form, else the one the report page carried back."""
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        return upload.read(), upload.filename
    carried = request.form.get("carried_file", "")
    if carried:
        try:
            return base64.b64decode(carried, validate=True), request.form.get("carried_name") or None
        except (binascii.Error, ValueError):
            return None, None
    return None, None


def _carry(data: bytes, filename: str | None) -> dict | None:
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 2 * 1024 * 1024
    if len(data) * 4 / 3 > limit * CARRY_FRACTION:
        return None
    return {"data": base64.b64encode(data).decode("ascii"), "name": filename or ""}


def _render(mission: dict, *, report: dict | None = None, mode: str = "all_or_nothing", dry_run: bool = False,
            status: int = 200, carried: dict | None = None, rejected: bool = False, file_errors=None):
    rows = []
    for item in (report or {}).get("rejected", []):
        for column, messages in item["errors"].items():
            rows.append({"row": item["row"], "column": column, "messages": [localize(m) for m in messages]})
    return render_template(
        "web/missions/import.html", mission=mission, report=report, mode=mode, dry_run=dry_run, carried=carried,
        rejected=rejected, problems=rows, file_errors=file_errors or [],
    ), status
