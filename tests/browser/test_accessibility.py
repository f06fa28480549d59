"""Every page, in Russian and English, on a laptop and on a phone, checked with axe-core (vendored in
assets/): no serious or critical violation anywhere, and nothing wider than the screen (the menu in one row). A failing run leaves a screenshot of every page it
walked in tests/browser/artifacts/axe-<language>-<size>/, and names each violation with its page."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page

from site_tour import PASSWORD, seed_tour
from viewports import DESKTOP, PHONE

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "assets" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"  # where conftest leaves failure screenshots too
BLOCKING = ("serious", "critical")


@pytest.fixture(scope="module")
def tour(live_app):
    return seed_tour(live_app)


def log_in(page: Page, email: str) -> None:
    page.goto("/login")
    page.fill("#f-email", email)
    page.fill("#f-password", PASSWORD)
    page.locator("form.stack button[type=submit]").click()
    page.wait_for_url(lambda url: not url.endswith("/login"))


_LAYOUT = """() => {
    const problems = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1)
        problems.push('the page is ' + document.documentElement.scrollWidth + ' px wide on a ' + width + ' px screen');
    document.querySelectorAll('.card, .panel').forEach(el => {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && (box.right > width + 1 || box.left < -1)) problems.push('a card overflows: ' + el.className);
    });
    const links = [...document.querySelectorAll('.main-nav a')].map(a => a.getBoundingClientRect().top);
    if (links.length && Math.max(...links) - Math.min(...links) > 2) problems.push('the menu wraps to a second row');
    return [...new Set(problems)];
}"""


def layout_problems(page: Page) -> list[str]:
    """What does not fit the screen: a page wider than the window, a card past its edge, a two-row menu."""
    return page.evaluate(_LAYOUT)


def axe_violations(page: Page) -> list[dict]:
    """axe-core's violations on the page as it stands (WCAG 2.x A and AA rules and best practices)."""
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")  # evaluated by the devtools: the page's CSP stays on
    return page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5), count: v.nodes.length}));
    }""")


@pytest.mark.parametrize("size_name, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
@pytest.mark.parametrize("language", ["ru", "en"])
def test_no_page_has_a_serious_accessibility_violation(open_page, live_server, tour, tmp_path,
                                                       language, size_name, viewport):
    shots = tmp_path / f"axe-{language}-{size_name}"
    shots.mkdir()
    found: list[str] = []
    counts = {"serious": 0, "critical": 0, "moderate": 0, "minor": 0}
    walked = 0
    for who, paths in tour.pages.items():
        page = open_page(viewport, locale=f"{language}-{language.upper()}")
        page.context.add_cookies([{"name": "matcher_locale", "value": language, "url": live_server}])
        if who != "anonymous":
            log_in(page, who)
        for path in paths:
            response = page.goto(path)
            assert response is not None and response.status < 400, f"{path}: {response and response.status}"
            walked += 1
            page.screenshot(path=str(shots / f"{walked:02d}{path.replace('/', '_')}.png"), full_page=True)
            found.extend(f"{path}: {problem}" for problem in layout_problems(page))
            for violation in axe_violations(page):
                counts[violation["impact"] or "minor"] += violation["count"]
                if violation["impact"] in BLOCKING:
                    found.append(f"{path}: {violation['impact']} {violation['id']} ×{violation['count']} "
                                 f"({violation['help']}) at {violation['nodes']}")
        page.context.close()
    print(f"axe {language} {size_name}: {walked} pages, {counts}")
    if found:
        target = ARTIFACTS / shots.name
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(shots, target)
    assert not found, f"{len(found)} serious/critical findings ({counts}):\n" + "\n".join(found)
