"""Interest by mail: «X is interested in you», mutual contacts, once per event, in the reader's
language, with one-click unsubscribe; the «Interested in you» list whatever the ranks."""
from __future__ import annotations

import re

import pytest
from mail_server import parts
from sqlalchemy import func, select
from web_helpers import text_of

from matcher.db import db
from matcher.models import Company, NotificationPreference, OutboxMail

NO_OFFER = {"offers-0-title": "", "offers-0-description": "", "offers-0-hs_codes": "", "offers-0-nace_codes": "",
            "offers-0-volume": ""}
SUPPLIER_MAIL = "olga@lesmash.example.by"
BUYER_MAIL = "john@permtimber.example.ru"
DAIRY_MAIL = "anna@molokoperm.example.ru"


def _buyer_form(**overrides) -> dict:
    return {**NO_OFFER, "name": "Пермский лесокомбинат", "name_en": "Perm Timber", "country": "RU",
            "region": "RU-PER", "city": "Пермь", "roles": ["buyer"], "email": "buy@permtimber.example.ru",
            "phone": "+7 342 200-00-00", "website": "", "languages": "en, ru", "certifications": "",
            "needs-0-title": "Forest harvesters",
            "needs-0-description": "Wheeled harvesters and forwarders for logging", **overrides}


@pytest.fixture
def corridor(signed_up):
    """A Russian-speaking Belarusian supplier, an English-speaking Perm buyer of its machines, and a
    Perm dairy with nothing in common with it (far outside its matches)."""
    supplier = signed_up(SUPPLIER_MAIL, "ru")
    assert supplier.create_profile().status_code == 302
    buyer = signed_up(BUYER_MAIL, "en")
    assert buyer.create_profile(**_buyer_form()).status_code == 302
    dairy = signed_up(DAIRY_MAIL, "ru")
    assert dairy.create_profile(**_buyer_form(
        name="Молоко Прикамья", name_en="", email="", phone="", languages="ru",
        **{"needs-0-title": "Сухое обезжиренное молоко", "needs-0-description": "Молочная продукция для завода"},
    )).status_code == 302
    ids = dict(db.session.execute(select(Company.name, Company.id)).all())
    return {"supplier": (supplier, ids["Лесмаш (тест)"]), "buyer": (buyer, ids["Пермский лесокомбинат"]),
            "dairy": (dairy, ids["Молоко Прикамья"])}


def _interested(browser, partner_id: int, state: str = "interested"):
    response = browser.post(f"/matches/{partner_id}/interest", {"state": state, "next": "/matches"})
    assert response.status_code == 302
    return response


def _mails(mailbox, address: str) -> list:
    return [m for m in mailbox.to(address) if "/verify-email/" not in parts(m)[0]]


def test_interest_mails_the_partner_in_their_language_with_text_html_and_one_click_unsubscribe(corridor, mailbox):
    (buyer, _), (_, supplier_id) = corridor["buyer"], corridor["supplier"]
    _interested(buyer, supplier_id)
    mail = mailbox.wait_for(SUPPLIER_MAIL, count=2)  # the confirmation mail came first
    assert mail["Subject"] == "Perm Timber интересуется вами" or mail["Subject"] == "Пермский лесокомбинат интересуется вами"
    text, html = parts(mail)
    assert "отметила вашу компанию как интересного партнёра" in text and "Пермь" in text
    assert "buy@permtimber.example.ru" not in text + html  # contacts only once the interest is mutual
    assert "Отписаться от таких писем" in html
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = re.fullmatch(r"<(http://[^>]+/unsubscribe/[^>]+)>", mail["List-Unsubscribe"]).group(1)
    assert link in text


def test_a_company_is_told_whatever_its_rank_and_sees_the_other_in_its_interested_list(corridor, mailbox):
    (dairy, dairy_id), (supplier, supplier_id) = corridor["dairy"], corridor["supplier"]
    assert "Молоко Прикамья" not in text_of(supplier.get("/matches"))  # nothing in common: not a match
    _interested(dairy, supplier_id)
    assert mailbox.wait_for(SUPPLIER_MAIL, count=2)["Subject"] == "Молоко Прикамья интересуется вами"
    page = supplier.get("/matches")
    block = re.search(r'<section class="panel" id="interested-in-you".*?</section>', page.get_data(as_text=True), re.S)
    assert block and f'id="interested-{dairy_id}"' in block.group(0) and "Молоко Прикамья" in block.group(0)


def test_the_same_interest_clicked_again_after_withdrawing_sends_no_second_mail(corridor, mailbox):
    (buyer, _), (_, supplier_id) = corridor["buyer"], corridor["supplier"]
    _interested(buyer, supplier_id)
    mailbox.wait_for(SUPPLIER_MAIL, count=2)
    _interested(buyer, supplier_id, "clear")
    _interested(buyer, supplier_id)
    assert len(_mails(mailbox, SUPPLIER_MAIL)) == 1
    assert db.session.scalar(select(func.count()).select_from(OutboxMail)
                             .where(OutboxMail.event_id.like("interest:%"))) == 1


def test_mutual_interest_gives_each_side_the_others_contacts_by_mail_in_its_own_language(corridor, mailbox):
    (buyer, buyer_id), (supplier, supplier_id) = corridor["buyer"], corridor["supplier"]
    _interested(buyer, supplier_id)
    _interested(supplier, buyer_id)
    to_buyer = mailbox.wait_for(BUYER_MAIL, count=2)
    to_supplier = mailbox.wait_for(SUPPLIER_MAIL, count=3)
    assert to_buyer["Subject"] == "Mutual interest: contacts of Lesmash (test)"
    assert "sales@lesmash.example.by" in parts(to_buyer)[0] and "+375 17 000-00-00" in parts(to_buyer)[0]
    assert to_supplier["Subject"] == "Взаимный интерес: контакты компании Пермский лесокомбинат"
    assert "buy@permtimber.example.ru" in parts(to_supplier)[0] and "+7 342 200-00-00" in parts(to_supplier)[1]
    # the buyer is not told separately that the supplier is interested: the mutual mail says it all
    assert [m["Subject"] for m in _mails(mailbox, BUYER_MAIL)] == ["Mutual interest: contacts of Lesmash (test)"]


def test_an_unconfirmed_account_is_not_mailed_and_its_interest_is_not_announced(signed_up, corridor, mailbox):
    (_, supplier_id) = corridor["supplier"]
    stranger = signed_up("ivan@unconfirmed.example.ru", "ru", verify=False)
    assert stranger.create_profile(**_buyer_form(name="Неподтверждённый покупатель", name_en="",
                                                 email="", phone="")).status_code == 302
    stranger_id = db.session.scalar(select(Company.id).where(Company.name == "Неподтверждённый покупатель"))
    _interested(stranger, supplier_id)
    (supplier, _) = corridor["supplier"]
    # a (forged) click on it finds no such company, as for any id nobody may see, and tells its owner nothing
    assert supplier.post(f"/matches/{stranger_id}/interest", {"state": "interested", "next": "/matches"}).status_code == 404
    assert _mails(mailbox, SUPPLIER_MAIL) == [] and _mails(mailbox, "ivan@unconfirmed.example.ru") == []
    assert "Неподтверждённый покупатель" not in text_of(supplier.get("/matches"))


def test_one_click_unsubscribe_works_without_login_and_stops_that_kind_of_mail(corridor, mailbox, new_web):
    (buyer, buyer_id), (dairy, _), (supplier, supplier_id) = corridor["buyer"], corridor["dairy"], corridor["supplier"]
    _interested(buyer, supplier_id)
    link = re.fullmatch(r"<(.+)>", mailbox.wait_for(SUPPLIER_MAIL, count=2)["List-Unsubscribe"]).group(1)
    path = link.split("://", 1)[1].split("/", 1)[1]
    stranger = new_web()
    page = stranger.get("/" + path)  # a mail scanner opening the link changes nothing
    assert page.status_code == 200 and "Больше не присылать" in text_of(page)
    assert db.session.scalar(select(NotificationPreference)) is None
    response = stranger.post("/" + path, {"List-Unsubscribe": "One-Click"}, csrf=False)  # RFC 8058, as Gmail does
    assert response.status_code == 200
    preference = db.session.scalar(select(NotificationPreference).where(NotificationPreference.email == SUPPLIER_MAIL))
    assert (preference.interest, preference.missions, preference.digest) == (False, True, "weekly")
    _interested(dairy, supplier_id)
    assert len(_mails(mailbox, SUPPLIER_MAIL)) == 1


def test_a_tampered_unsubscribe_link_is_a_404_page_that_changes_nothing(corridor, mailbox, new_web):
    (buyer, _), (_, supplier_id) = corridor["buyer"], corridor["supplier"]
    _interested(buyer, supplier_id)
    link = re.fullmatch(r"<(.+)>", mailbox.wait_for(SUPPLIER_MAIL, count=2)["List-Unsubscribe"]).group(1)
    forged = "/" + link.split("://", 1)[1].split("/", 1)[1][:-3] + "abc"
    response = new_web().post(forged, {"List-Unsubscribe": "One-Click"}, csrf=False)
    assert response.status_code == 404 and "недействительна" in text_of(response)
    assert db.session.scalar(select(NotificationPreference)) is None


def test_the_settings_page_saves_choices_and_refuses_an_unknown_digest_frequency_by_name(corridor):
    (supplier, _) = corridor["supplier"]
    page = supplier.get("/account/notifications")
    assert page.status_code == 200 and "еженедельно" in text_of(page)
    response = supplier.post("/account/notifications", {"digest": "daily", "missions": "1"},
                             page="/account/notifications")
    assert response.status_code == 302
    preference = db.session.scalar(select(NotificationPreference).where(NotificationPreference.email == SUPPLIER_MAIL))
    assert (preference.interest, preference.missions, preference.digest) == (False, True, "daily")
    refused = supplier.post("/account/notifications", {"digest": "hourly"}, page="/account/notifications")
    assert refused.status_code == 422 and "Выберите, как часто присылать подборку" in text_of(refused)
    db.session.expire_all()
    assert db.session.get(NotificationPreference, preference.id).digest == "daily"


def test_turned_off_interest_mail_is_not_sent(corridor, mailbox):
    (buyer, _), (supplier, supplier_id) = corridor["buyer"], corridor["supplier"]
    supplier.post("/account/notifications", {"digest": "weekly", "missions": "1"}, page="/account/notifications")
    _interested(buyer, supplier_id)
    assert _mails(mailbox, SUPPLIER_MAIL) == []
