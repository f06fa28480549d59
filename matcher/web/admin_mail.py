"""/admin/mail: the messages the folder transport wrote (instance/mail/*.eml), for admins to read."""
from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser
from pathlib import Path

from flask import abort, current_app, render_template

from matcher.mail.message import text_and_html
from matcher.mail.transports import FolderTransport, mail_folder, transport_from_settings
from matcher.web import web
from matcher.web.security import login_required, require_admin

LISTED = 200  # the newest ones; the folder itself keeps everything
_NAME = re.compile(r"[0-9A-Za-z_-]{1,80}\.eml")


def _folder() -> Path:
    """Where the folder transport writes: MAIL_URL=file:///… when given, else MAIL_FOLDER (instance/mail)."""
    transport = transport_from_settings(current_app.config, current_app.instance_path)
    if isinstance(transport, FolderTransport):
        return transport.folder
    return mail_folder(current_app.config, current_app.instance_path)


def _require_admin() -> None:
    require_admin()


def _read(path: Path, headers_only: bool = False):
    with path.open("rb") as handle:
        return BytesParser(policy=policy.default).parse(handle, headersonly=headers_only)


@web.get("/admin/mail")
@login_required
def admin_mail_list():
    _require_admin()
    folder = _folder()
    files = sorted(folder.glob("*.eml"), reverse=True)[:LISTED] if folder.is_dir() else []
    messages = []
    for path in files:
        headers = _read(path, headers_only=True)
        messages.append({"name": path.name, "to": headers["To"], "subject": headers["Subject"], "date": headers["Date"]})
    transport = transport_from_settings(current_app.config, current_app.instance_path)
    smtp = None if isinstance(transport, FolderTransport) else f"{transport.host}:{transport.port}"
    return render_template("web/admin/mail_list.html", messages=messages, folder=str(folder), smtp=smtp)


@web.get("/admin/mail/<name>")
@login_required
def admin_mail_view(name: str):
    _require_admin()
    path = _folder() / name
    if not _NAME.fullmatch(name) or not path.is_file():
        abort(404)
    message = _read(path)
    text, html = text_and_html(message)
    attachments = [(part.get_filename(), part.get_content_type()) for part in message.iter_attachments()]
    return render_template("web/admin/mail_view.html", name=name, message=message, text=text, html=html,
                           attachments=attachments,
                           headers=[(k, v) for k, v in message.items() if k.lower() not in ("content-type", "mime-version")])
