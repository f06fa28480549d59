"""One's own data (issue 17): the completeness meter, the logo (checked, re-encoded, served with the right
headers), the JSON export, and deleting the company or the account after a grace period."""
from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from PIL import Image, PngImagePlugin
from sqlalchemy import select
from web_helpers import PASSWORD, field_error, text_of

from matcher.db import db, utcnow
from matcher.models import AccountDeletion, Company, CompanyLogo, MatchInterest, User
from matcher.services import account_data


def _png(width: int = 120, height: int = 80, *, comment: str = "") -> bytes:
    image = Image.new("RGB", (width, height), (29, 78, 137))
    info = PngImagePlugin.PngInfo()
    if comment:
        info.add_text("Comment", comment)
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (300, 200), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {2: (55.0, 45.0, 0.0)}  # GPS latitude: where the photo was taken
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def owner(signed_up):
    browser = signed_up("sales@lesmash.example.by")
    assert browser.create_profile().status_code == 302
    company_id = db.session.scalar(select(Company.id).where(Company.name == "Лесмаш (тест)"))
    return browser, company_id


def _upload(browser, company_id: int, data: bytes, filename: str = "logo.png"):
    return browser.post(f"/companies/{company_id}/logo", {"logo": (io.BytesIO(data), filename)},
                        page=f"/companies/{company_id}/edit", content_type="multipart/form-data")


def test_the_profile_shows_how_complete_it_is_and_what_to_add_next(owner):
    browser, company_id = owner
    page = text_of(browser.get(f"/companies/{company_id}/edit"))
    assert "Профиль заполнен на" in page
    assert "Загрузите логотип" in page  # the sample profile has everything but a logo and a long description


def test_a_logo_is_re_encoded_as_png_without_metadata_and_served_with_cache_and_nosniff(owner, new_web):
    browser, company_id = owner
    response = _upload(browser, company_id, _jpeg_with_exif(), "photo.jpg")
    assert response.status_code == 302
    stored = db.session.get(CompanyLogo, company_id)
    assert stored.content_type == "image/png" and stored.content.startswith(b"\x89PNG")
    assert b"SecretCam" not in stored.content and b"eXIf" not in stored.content and b"Exif" not in stored.content
    served = new_web().get(f"/companies/{company_id}/logo.png")
    assert served.status_code == 200
    assert served.headers["Content-Type"] == "image/png"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Cache-Control"] == "public, max-age=3600"
    again = new_web().get(f"/companies/{company_id}/logo.png", headers={"If-None-Match": served.headers["ETag"]})
    assert again.status_code == 304
    with Image.open(io.BytesIO(served.data)) as image:
        assert image.size == (300, 200) and not image.info.get("exif")


def test_a_large_logo_is_shrunk_to_four_hundred_pixels_a_side(owner):
    browser, company_id = owner
    assert _upload(browser, company_id, _png(1600, 800, comment="made with SecretTool")).status_code == 302
    stored = db.session.get(CompanyLogo, company_id)
    assert (stored.width_px, stored.height_px) == (400, 200) and b"SecretTool" not in stored.content


@pytest.mark.parametrize("payload, words", [
    (b"<html><script>alert(1)</script></html>", "не является читаемым изображением"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "не является читаемым изображением"),
    (b"GIF89a" + b"\x00" * 64, "не является читаемым изображением"),
], ids=["html-named-png", "truncated-png", "gif"])
def test_a_file_that_is_not_an_accepted_image_is_refused_by_name_and_nothing_is_stored(owner, payload, words):
    browser, company_id = owner
    response = _upload(browser, company_id, payload)
    assert response.status_code == 422
    assert words in field_error(response, "f-logo")
    assert db.session.get(CompanyLogo, company_id) is None


def test_an_image_claiming_a_huge_canvas_is_refused_before_it_is_decoded(owner):
    browser, company_id = owner
    bomb = _png(1, 1)
    # rewrite the IHDR's width and height to 30,000 × 30,000 (a decompression bomb's header)
    import struct
    import zlib
    ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    bomb = bomb[:8] + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk)) + bomb[8 + 25:]
    response = _upload(browser, company_id, bomb)
    assert response.status_code == 422
    assert "слишком много пикселей" in field_error(response, "f-logo")


def test_an_oversized_upload_is_refused_naming_the_limit(owner):
    browser, company_id = owner
    response = _upload(browser, company_id, b"\x89PNG" + b"\x00" * (1024 * 1024 + 10))
    assert response.status_code == 422 and "больше 1 МБ" in field_error(response, "f-logo")


def test_nobody_else_can_change_a_companys_logo(owner, signed_up):
    _browser, company_id = owner
    stranger = signed_up("someone@else.example.ru")
    assert _upload(stranger, company_id, _png()).status_code == 403
    assert db.session.get(CompanyLogo, company_id) is None


def test_the_export_holds_the_profile_and_interest_but_no_secret(owner):
    browser, company_id = owner
    other = Company(name="Пермь Лес", country="RU", is_buyer=True)
    db.session.add(other)
    db.session.flush()
    db.session.add(MatchInterest(company_id=company_id, partner_id=other.id, state="interested"))
    db.session.commit()
    response = browser.get("/account/export.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    body = json.loads(response.data)
    assert body["account"]["email"] == "sales@lesmash.example.by"
    assert body["company"]["name"] == "Лесмаш (тест)"
    assert body["company"]["offers"][0]["title"] == "Харвестеры и форвардеры для лесозаготовки"
    assert body["company"]["interest_given"] == [{"partner_id": other.id, "state": "interested",
                                                  "since": body["company"]["interest_given"][0]["since"]}]
    user = db.session.scalar(select(User).where(User.email == "sales@lesmash.example.by"))
    assert user.password_hash not in response.get_data(as_text=True)


def test_a_deletion_needs_the_password_and_names_the_field_when_it_is_wrong(owner):
    browser, _company_id = owner
    response = browser.post("/account/deletion", {"scope": "account", "password": "not-it"}, page="/account")
    assert response.status_code == 422
    assert "Пароль неверен" in field_error(response, "f-deletion-password")
    assert db.session.scalar(select(AccountDeletion)) is None


def test_a_company_asked_to_be_deleted_is_hidden_at_once_shown_again_on_cancel(owner, new_web):
    browser, company_id = owner
    response = browser.post("/account/deletion", {"scope": "company", "password": PASSWORD}, page="/account")
    assert response.status_code == 302
    assert new_web().get(f"/companies/{company_id}").status_code == 404
    assert "будет удалена" in text_of(browser.get("/account"))
    assert browser.post("/account/deletion/cancel", page="/account").status_code == 302
    assert new_web().get(f"/companies/{company_id}").status_code == 200


def test_when_the_grace_period_is_over_the_account_and_its_company_are_deleted(owner):
    browser, company_id = owner
    browser.post("/account/deletion", {"scope": "account", "password": PASSWORD}, page="/account")
    assert account_data.purge_due_deletions(utcnow() + timedelta(days=account_data.GRACE_DAYS - 1)) == \
        {"companies": 0, "accounts": 0}
    assert account_data.purge_due_deletions(utcnow() + timedelta(days=account_data.GRACE_DAYS + 1)) == \
        {"companies": 1, "accounts": 1}
    db.session.expire_all()
    assert db.session.get(Company, company_id) is None
    assert db.session.scalar(select(User).where(User.email == "sales@lesmash.example.by")) is None


def test_deleting_only_the_company_keeps_the_account(owner):
    browser, company_id = owner
    browser.post("/account/deletion", {"scope": "company", "password": PASSWORD}, page="/account")
    account_data.purge_due_deletions(utcnow() + timedelta(days=account_data.GRACE_DAYS + 1))
    db.session.expire_all()
    assert db.session.get(Company, company_id) is None
    assert db.session.scalar(select(User).where(User.email == "sales@lesmash.example.by")) is not None
    assert db.session.scalar(select(AccountDeletion)) is None


def test_the_purge_command_carries_out_only_the_deletions_that_are_due(owner, app):
    browser, company_id = owner
    browser.post("/account/deletion", {"scope": "company", "password": PASSWORD}, page="/account")
    result = app.test_cli_runner().invoke(args=["users", "purge-deleted"])
    assert result.exit_code == 0 and "deleted 0 companies and 0 accounts" in result.output
    db.session.execute(AccountDeletion.__table__.update().values(due_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["users", "purge-deleted"])
    assert "deleted 1 companies and 0 accounts" in result.output
