"""Browser fixtures: the app served by a real HTTP server on 127.0.0.1 with its own migrated SQLite file,
and Debian's Chromium driven by Playwright (never a downloaded browser). A failing test leaves a
screenshot in tests/browser/artifacts/."""
from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from viewports import DESKTOP

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def live_app(tmp_path_factory, smtp_server):
    """The app the live server serves, on a freshly migrated SQLite file; tests may seed it with the services."""
    from flask_migrate import upgrade

    from matcher import create_app

    database = tmp_path_factory.mktemp("browser-db") / "matcher.sqlite3"
    app = create_app({
        "SECRET_KEY": "browser-tests-not-secret",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        "RATELIMIT_STORAGE_URI": "memory://",
        "MATCH_INDEX_REFRESH_SECONDS": 0.0,  # each page sees the other browser's last save at once
        "MAIL_URL": smtp_server.url,  # the tests read what newcomers are sent
        "MATCH_INDEX_DIR": str(tmp_path_factory.mktemp("browser-index")),  # not the worktree's instance/
    })
    with app.app_context():
        upgrade()
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    """The real app on a free port of 127.0.0.1, in a thread."""
    from werkzeug.serving import WSGIRequestHandler, make_server

    class QuietHandler(WSGIRequestHandler):
        def log_request(self, *args, **kwargs):  # one line per request would drown pytest's output
            pass

    from matcher.services import match_index

    with live_app.app_context():
        # What `flask index build` and gunicorn's post_worker_init do before a real server takes
        # requests: until then every match page is a 503 "matches are being prepared".
        match_index.load_or_build(live_app)
    server = make_server("127.0.0.1", 0, live_app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium, live_server, request):
    """Factory: a page in a fresh browser context (its own cookies), at a viewport size.

    When the test fails, every page it opened is saved as a screenshot in tests/browser/artifacts/."""
    contexts = []

    def build(viewport: dict | None = None, locale: str = "ru-RU"):
        context = chromium.new_context(viewport=viewport or DESKTOP, locale=locale, base_url=live_server)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield build
    failed = any(getattr(getattr(request.node, f"report_{when}", None), "failed", False)
                 for when in ("setup", "call"))
    for number, context in enumerate(contexts):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            for page_number, page in enumerate(context.pages):
                page.screenshot(path=str(ARTIFACTS / f"{name}-{number}-{page_number}.png"), full_page=True)
        context.close()


@pytest.fixture
def sign_up_newcomer(mailbox):
    """Factory: sign a new company account up through the form on `page`, open the confirmation link
    that reached the SMTP server, log in; the page ends on the empty profile form."""
    from mail_server import link_in
    from playwright.sync_api import expect

    def sign_up(page, email: str, password: str) -> None:
        page.goto("/signup")
        page.fill("#f-email", email)
        page.fill("#f-password", password)
        page.fill("#f-password_repeat", password)
        page.locator("form.stack button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/signup/sent$"))
        page.goto(link_in(mailbox.wait_for(email), "/verify-email/"))
        expect(page).to_have_url(re.compile(r"/login$"))
        page.fill("#f-email", email)
        page.fill("#f-password", password)
        page.locator("form.stack button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/companies/new$"))

    return sign_up
