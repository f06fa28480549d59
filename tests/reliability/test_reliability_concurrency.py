"""Concurrent writers against a real gunicorn with 4 workers: no lost update, no double create,
no duplicate interest, no 500 — on SQLite and on PostgreSQL."""
from __future__ import annotations

import random
import threading
from collections import Counter

from sqlalchemy import func, select

from matcher.db import db
from matcher.models import Company, IdempotentRequest, MatchInterest


def run_at_once(count: int, action) -> list:
    """Call action(i) from `count` threads released together; the answers in order of i."""
    barrier = threading.Barrier(count)
    answers: list = [None] * count

    def run(index: int) -> None:
        barrier.wait()
        try:
            answers[index] = action(index)
        except Exception as exc:  # noqa: BLE001 - a transport failure is an answer to count, not a crash
            answers[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return answers


def statuses(answers) -> Counter:
    return Counter(getattr(a, "status", type(a).__name__) for a in answers)


def test_fifty_concurrent_patches_with_one_etag_let_exactly_one_through(live, bearer, create_company):
    admin = bearer("admin")
    company = create_company()
    company_id, version = company.id, company.version
    db.session.commit()
    etag = live.browser().get(f"/api/v1/companies/{company_id}", headers=admin).headers["ETag"]

    answers = run_at_once(50, lambda i: live.browser().json(
        "PATCH", f"/api/v1/companies/{company_id}", {"city": f"Минск-{i}"}, {**admin, "If-Match": etag}))

    assert statuses(answers) == Counter({200: 1, 412: 49})
    winner = next(a for a in answers if a.status == 200)
    assert all(a.mimetype == "application/problem+json" for a in answers if a.status == 412)
    db.session.rollback()
    stored = db.session.get(Company, company_id)
    db.session.refresh(stored)
    assert stored.version == version + 1
    assert stored.city == winner.json()["city"]
    assert winner.headers["ETag"] != etag


def test_a_hundred_concurrent_posts_with_one_idempotency_key_create_one_row_and_answer_alike(
        live, bearer, company_payload):
    headers = {**bearer("admin"), "Idempotency-Key": "burst-of-100"}
    payload = company_payload(name="Завод одного ключа")

    answers = run_at_once(100, lambda i: live.browser().json("POST", "/api/v1/companies", payload, headers))

    assert statuses(answers) == Counter({201: 100})
    assert len({(a.status, a.body, a.headers["Location"], a.headers["ETag"]) for a in answers}) == 1
    assert sum(a.headers.get("Idempotent-Replayed") == "true" for a in answers) == 99
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Company)) == 1
    assert db.session.scalar(select(func.count()).select_from(IdempotentRequest)) == 1


def _signed_in(live, email: str):
    browser = live.browser()
    assert browser.log_in(email, "correct-horse-42").status == 302
    return browser, browser.csrf("/account")


def test_concurrent_interest_clicks_both_ways_never_duplicate_and_never_fail(
        live, user_with_password, company_payload):
    supplier_user = user_with_password("supplier@reliability.example")
    buyer_user = user_with_password("buyer@reliability.example")
    from matcher.services.companies import create_company as create

    supplier = create(company_payload(name="Поставщик"), owner=supplier_user)
    buyer = create(company_payload(name="Покупатель", country="RU", region="RU-PER", roles=["buyer"], offers=[],
                                   needs=[{"title": "Станки с ЧПУ", "hs_codes": ["8457"]}]), owner=buyer_user)
    pairs = {"supplier": (supplier.id, buyer.id), "buyer": (buyer.id, supplier.id)}
    db.session.commit()
    sides = {"supplier": _signed_in(live, "supplier@reliability.example"),
             "buyer": _signed_in(live, "buyer@reliability.example")}
    rng = random.Random(7)
    # Repeated identical clicks, changes of mind and withdrawals, from both companies at once.
    plan = [(side, rng.choice(["interested", "interested", "not_relevant", "clear"]))
            for side in ("supplier", "buyer") for _ in range(20)]

    def click(i: int):
        side, state = plan[i]
        browser, csrf = sides[side]
        clone = live.browser()
        clone.cookies = dict(browser.cookies)  # one browser, many tabs: the same session
        return clone.form(f"/matches/{pairs[side][1]}/interest", {"state": state, "next": "/matches"}, csrf=csrf)

    answers = run_at_once(len(plan), click)

    assert statuses(answers) == Counter({302: len(plan)})
    db.session.rollback()
    rows = db.session.execute(select(MatchInterest.company_id, MatchInterest.partner_id)).all()
    assert len(rows) == len(set(rows)) and set(rows) <= set(pairs.values())


def _profile_form(company, **changes) -> dict:
    """The edit form of `company` as its page posts it (version and offer id included)."""
    form = {"action": "save", "name": company.name, "country": company.country, "region": company.region or "",
            "city": company.city or "", "roles": "supplier", "description": company.description,
            "version": str(company.version), "offers-0-id": str(company.offers[0].id),
            "offers-0-title": company.offers[0].title, "offers-0-hs_codes": "8457 10"}
    return {**form, **changes}


def test_ten_people_saving_the_same_profile_version_at_once_lose_nothing(live, user_with_password, company_payload):
    from matcher.services.companies import create_company as create

    owner = user_with_password("owner@reliability.example")
    company = create(company_payload(), owner=owner)
    company_id, version = company.id, company.version
    forms = [_profile_form(company, city=f"Город {i}") for i in range(10)]
    db.session.commit()
    browser = live.browser()
    assert browser.log_in("owner@reliability.example", "correct-horse-42").status == 302
    csrf = browser.csrf(f"/companies/{company_id}/edit")

    def save(i: int):
        tab = live.browser()
        tab.cookies = dict(browser.cookies)
        return tab.form(f"/companies/{company_id}/edit", forms[i], csrf=csrf)

    answers = run_at_once(10, save)

    assert statuses(answers) == Counter({302: 1, 409: 9})
    for i, answer in enumerate(answers):
        if answer.status == 409:  # told so, with what they typed still in the form
            assert f'value="Город {i}"' in answer.text and "сохранил кто-то другой" in answer.text
    db.session.rollback()
    stored = db.session.get(Company, company_id)
    db.session.refresh(stored)
    assert stored.version == version + 1
    winner = next(i for i, a in enumerate(answers) if a.status == 302)
    assert stored.city == f"Город {winner}"


def test_a_profile_save_that_does_not_name_its_version_cannot_overwrite(live, user_with_password, company_payload):
    from matcher.services.companies import create_company as create

    owner = user_with_password("owner@reliability.example")
    company = create(company_payload(city="Гомель"), owner=owner)
    company_id, form = company.id, _profile_form(company, city="Перезаписано")
    del form["version"]
    db.session.commit()  # and touch no row after it: on SQLite the test would hold the write lock
    browser = live.browser()
    assert browser.log_in("owner@reliability.example", "correct-horse-42").status == 302
    answer = browser.form(f"/companies/{company_id}/edit", form, page=f"/companies/{company_id}/edit")
    assert answer.status == 409 and 'value="Перезаписано"' in answer.text
    db.session.rollback()
    assert db.session.get(Company, company_id).city == "Гомель"
