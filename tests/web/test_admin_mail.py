"""/admin/mail: without a mail server, messages are .eml files an admin can list and read."""
from __future__ import annotations

import pytest
from web_helpers import text_of


@pytest.fixture
def mail_folder(app, monkeypatch, tmp_path):
    """The embedded default of `make run`: no MAIL_URL, messages written to a folder."""
    monkeypatch.setitem(app.config, "MAIL_URL", None)
    monkeypatch.setitem(app.config, "MAIL_FOLDER", str(tmp_path))
    return tmp_path


@pytest.fixture
def admin_browser(staff_user, new_web):
    staff_user("admin")
    browser = new_web()
    assert browser.log_in("admin@matcher.example").status_code == 302
    return browser


def test_an_admin_lists_and_reads_the_mail_a_sign_up_wrote(mail_folder, admin_browser, new_web):
    new_web().sign_up("olga@lesmash.example.by")
    (written,) = list(mail_folder.glob("*.eml"))
    listing = admin_browser.get("/admin/mail")
    assert listing.status_code == 200
    page = text_of(listing)
    assert "olga@lesmash.example.by" in page and "Подтвердите адрес электронной почты" in page
    assert str(mail_folder) in page
    view = admin_browser.get(f"/admin/mail/{written.name}")
    html = view.get_data(as_text=True)
    assert view.status_code == 200
    assert "/verify-email/" in text_of(view)
    assert '<iframe class="mail-html" sandbox srcdoc="' in html  # the HTML part, inert
    assert "<script" not in html.split("srcdoc=", 1)[1].split(">", 1)[0]


def test_mail_content_is_escaped_on_the_admin_page(mail_folder, admin_browser, app):
    from matcher.mail import Mail, deliver

    deliver(Mail(to="a@b.by", subject="<script>alert(1)</script>", text="<b>x</b>",
                 html="<p>hi</p><script>alert(2)</script>"))
    (written,) = list(mail_folder.glob("*.eml"))
    for path in ("/admin/mail", f"/admin/mail/{written.name}"):
        html = admin_browser.get(path).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html and "<script>alert(2)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_only_admins_see_the_mail(staff_user, signed_up, new_web):
    staff_user("organizer")
    organiser = new_web()
    organiser.log_in("organizer@matcher.example")
    assert organiser.get("/admin/mail").status_code == 403
    assert signed_up("olga@lesmash.example.by").get("/admin/mail").status_code == 403
    anonymous = new_web().get("/admin/mail")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]


@pytest.mark.parametrize("name", ["..%2F..%2Fconfig%2F__init__.py", "missing.eml", "a.txt", "%2Fetc%2Fpasswd"])
def test_names_outside_the_mail_folder_are_not_found(mail_folder, admin_browser, name):
    assert admin_browser.get(f"/admin/mail/{name}").status_code == 404


def test_the_page_says_where_mail_goes_when_a_server_is_set(admin_browser, app, smtp_server):
    page = text_of(admin_browser.get("/admin/mail"))
    assert f"127.0.0.1:{smtp_server.port}" in page


def test_a_file_mail_url_is_the_folder_the_page_lists(admin_browser, app, monkeypatch, tmp_path, new_web):
    monkeypatch.setitem(app.config, "MAIL_URL", f"file://{tmp_path}")
    new_web().sign_up("olga@lesmash.example.by")
    assert len(list(tmp_path.glob("*.eml"))) == 1
    assert "olga@lesmash.example.by" in text_of(admin_browser.get("/admin/mail"))
