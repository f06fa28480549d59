"""Files to save rather than pages to show: CSV, XLSX and iCalendar answers of the API and the web."""
from __future__ import annotations

from flask import Response

MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ics": "text/calendar",
}


def file_response(data: bytes, kind: str, filename: str) -> Response:
    """An attachment named `filename` (ASCII); text files say they are UTF-8; never cached, because
    match lists and agendas may carry contacts."""
    response = Response(data, mimetype=MEDIA_TYPES[kind])
    if kind != "xlsx":
        response.mimetype_params["charset"] = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
