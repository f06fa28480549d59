"""Digests of new good matches: per address off / daily / weekly (weekly by default), each match once."""
from __future__ import annotations

from datetime import timedelta

import pytest
from mail_server import parts
from sqlalchemy import select

from matcher.db import db, utcnow
from matcher.models import NotificationPreference
from matcher.services import preferences
from matcher.services.accounts import get_or_create_user
from matcher.services.notifications import send_due_digests

SUPPLIER = "olga@lesmash.example.by"
BUYER = "john@permtimber.example.ru"


@pytest.fixture
def pair(app, company_payload):
    """A forest-machine supplier (Russian account) and a Perm buyer of them (English account), both confirmed."""
    from matcher.services.companies import create_company

    supplier_owner = get_or_create_user(SUPPLIER, "company")
    buyer_owner = get_or_create_user(BUYER, "company")
    buyer_owner.locale = "en"
    title = "Харвестеры и форвардеры для лесозаготовки"
    create_company(company_payload(name="Лесмаш", name_en="Lesmash", description=title,
                                   offers=[{"title": title, "description": title, "hs_codes": ["843680"]}]),
                   owner=supplier_owner)
    create_company(company_payload(name="Пермский лесокомбинат", name_en="Perm Timber", country="RU",
                                   region="RU-PER", city="Пермь", roles=["buyer"], offers=[],
                                   needs=[{"title": title, "description": title, "hs_codes": ["843680"]}]),
                   owner=buyer_owner)
    db.session.commit()


def test_the_first_weekly_digest_names_the_good_match_in_each_readers_language(pair, mailbox):
    assert send_due_digests() == 2
    to_buyer = mailbox.wait_for(BUYER)
    assert to_buyer["Subject"] == "New partners for you this week"
    assert "Lesmash" in parts(to_buyer)[0] and to_buyer["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    to_supplier = mailbox.wait_for(SUPPLIER)
    assert to_supplier["Subject"] == "Новые партнёры для вас за неделю"
    assert "Пермский лесокомбинат" in parts(to_supplier)[0]


def test_a_digest_is_not_sent_again_within_its_week_nor_later_for_matches_already_sent(pair, mailbox):
    now = utcnow()
    send_due_digests(now)
    assert send_due_digests(now + timedelta(days=2)) == 0  # the week is not up
    assert send_due_digests(now + timedelta(days=8)) == 0  # the week is up, but nothing new to tell
    assert len(mailbox.to(BUYER)) == 1


def test_daily_and_off_are_each_addresss_own_choice(pair, mailbox):
    preferences.update_preferences(BUYER, None, interest=True, missions=True, digest="off")
    preferences.update_preferences(SUPPLIER, None, interest=True, missions=True, digest="daily")
    assert send_due_digests() == 1
    assert mailbox.wait_for(SUPPLIER)["Subject"] == "Новые партнёры для вас за день"
    assert mailbox.to(BUYER) == []
    stored = db.session.scalar(select(NotificationPreference).where(NotificationPreference.email == SUPPLIER))
    assert stored.digest_sent_at is not None and len(stored.digest_seen) == 1


def test_an_unconfirmed_account_gets_no_digest_and_is_in_nobodys(pair, mailbox):
    from matcher.models import User

    db.session.scalar(select(User).where(User.email == BUYER)).email_verified_at = None
    db.session.commit()
    assert send_due_digests() == 0
    assert mailbox.to(BUYER) == [] and mailbox.to(SUPPLIER) == []
