"""The loop closed by mail, in real Chromium, on SQLite and on PostgreSQL: sign-up → confirmation mail →
confirmed → «interested» → the other side's mail → mutual interest → each side's contacts by mail.
The mail goes through a real SMTP server (aiosmtpd) in the test process."""
from __future__ import annotations

import re
import threading
import uuid

import pytest
from mail_server import link_in, parts
from playwright.sync_api import expect
from test_newcomers_meet import _buyer_profile, _partner_card, _sign_up, _supplier_profile
from viewports import DESKTOP

pytestmark = pytest.mark.browser


@pytest.fixture
def mail_loop_server(database_url, smtp_server):
    """The app on the suite's database (either backend), served on a free port; its tables are emptied after."""
    from flask_migrate import upgrade
    from werkzeug.serving import WSGIRequestHandler, make_server

    from matcher import create_app
    from matcher.db import db

    app = create_app({
        "SECRET_KEY": "browser-tests-not-secret", "SQLALCHEMY_DATABASE_URI": database_url,
        "RATELIMIT_STORAGE_URI": "memory://", "MATCH_INDEX_REFRESH_SECONDS": 0.0, "MAIL_URL": smtp_server.url,
        "JOBS_REDIS_URL": None,  # inline: the mail leaves within the click's request
    })
    with app.app_context():
        upgrade()

    class QuietHandler(WSGIRequestHandler):
        def log_request(self, *args, **kwargs):
            pass

    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="mail-loop-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    with app.app_context():
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
        db.engine.dispose()


@pytest.fixture
def new_page(chromium, mail_loop_server):
    contexts = []

    def build(locale: str):
        context = chromium.new_context(viewport=DESKTOP, locale=locale, base_url=mail_loop_server)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield build
    for context in contexts:
        context.close()


def test_interest_and_mutual_interest_reach_both_newcomers_by_mail(new_page, mailbox):
    run = uuid.uuid4().hex[:6]
    supplier_name, buyer_name = f"Лесмаш {run}", f"Perm Timber {run}"
    supplier_account, buyer_account = f"olga-{run}@lesmash.example.by", f"ivan-{run}@permtimber.example.ru"
    supplier_email, buyer_email = f"sales-{run}@lesmash.example.by", f"buy-{run}@permtimber.example.ru"

    supplier = new_page("ru-RU")
    _sign_up(supplier, supplier_account, "Зарегистрировать компанию", mailbox, "Подтвердите адрес электронной почты")
    _supplier_profile(supplier, supplier_name, supplier_email)
    buyer = new_page("en-GB")
    _sign_up(buyer, buyer_account, "Register your company", mailbox, "Confirm your email address")
    _buyer_profile(buyer, buyer_name, buyer_email)

    # The buyer is interested: the supplier's owner is told by mail, in Russian, without the buyer's contacts.
    _partner_card(buyer, supplier_name).get_by_role("button", name="Interested").click()
    expect(_partner_card(buyer, supplier_name)).to_contain_text("You are interested")
    told = mailbox.wait_for(supplier_account, count=2)
    assert told["Subject"] == f"{buyer_name} интересуется вами"
    assert buyer_email not in parts(told)[0] and told["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The supplier follows the mail to the matches page, finds the buyer under «Interested in you», answers.
    supplier.goto(link_in(told, "/matches"))
    interested = supplier.locator("#interested-in-you")
    expect(interested).to_contain_text(buyer_name)
    interested.get_by_role("button", name="Интересно").click()
    expect(supplier.locator("#interested-in-you")).to_contain_text(buyer_email)

    # Mutual: each side gets the other's contacts by mail, each in its own language.
    to_buyer = mailbox.wait_for(buyer_account, count=2)
    assert to_buyer["Subject"] == f"Mutual interest: contacts of {supplier_name}"
    assert supplier_email in parts(to_buyer)[0] and "+375 17 000-00-00" in parts(to_buyer)[0]
    to_supplier = mailbox.wait_for(supplier_account, count=3)
    assert to_supplier["Subject"] == f"Взаимный интерес: контакты компании {buyer_name}"
    assert buyer_email in parts(to_supplier)[0] and "+7 342 200-00-00" in parts(to_supplier)[1]

    # The buyer's page shows the same contacts the mail gave.
    buyer.goto("/matches")
    expect(_partner_card(buyer, supplier_name)).to_contain_text(supplier_email)
    assert re.search(r"/unsubscribe/", to_buyer["List-Unsubscribe"])
