"""Russian by default, English on request: switcher cookie, account locale, Accept-Language; catalogues complete."""
from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from sqlalchemy import select
from web_helpers import text_of

from matcher.db import db
from matcher.models import User

TRANSLATIONS = Path(__file__).resolve().parents[2] / "matcher" / "translations"

# Pages anyone may open, with a phrase that must appear in each language.
PUBLIC_PAGES = [
    ("/login", "Войти", "Log in"),
    ("/signup", "Зарегистрировать компанию", "Register your company"),
    ("/companies", "Компании", "Companies"),
    ("/niches", "Каталог ниш", "Niche catalogue"),
    ("/no-such-page", "Страница не найдена", "Page not found"),
]


@pytest.mark.parametrize("path, russian, english", PUBLIC_PAGES)
def test_pages_are_russian_without_any_preference(web, path, russian, english):
    response = web.get(path)
    assert '<html lang="ru">' in response.get_data(as_text=True)
    assert russian in text_of(response)


@pytest.mark.parametrize("path, russian, english", PUBLIC_PAGES)
def test_pages_follow_an_english_browser(web, path, russian, english):
    response = web.get(path, headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="en">' in response.get_data(as_text=True)
    assert english in text_of(response) and russian not in text_of(response)


def test_a_browser_language_we_do_not_have_falls_back_to_russian(web):
    assert '<html lang="ru">' in web.get("/login", headers={"Accept-Language": "de-DE,fr;q=0.8"}).get_data(as_text=True)


def test_the_switcher_remembers_the_choice_in_a_cookie_over_the_browser_language(web):
    response = web.post("/locale", {"locale": "en", "next": "/companies?q=x"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/companies?q=x")
    assert web.cookie("matcher_locale") == "en"
    page = web.get("/login", headers={"Accept-Language": "ru"})
    assert '<html lang="en">' in page.get_data(as_text=True)
    web.post("/locale", {"locale": "ru", "next": "/login"})
    assert '<html lang="ru">' in web.get("/login", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_the_switcher_ignores_unknown_languages_and_foreign_redirects(web):
    response = web.post("/locale", {"locale": "xx", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/" and web.cookie("matcher_locale") is None


def test_the_switcher_refuses_a_post_without_csrf(web):
    assert web.post("/locale", {"locale": "en"}, csrf=False).status_code == 400
    assert web.cookie("matcher_locale") is None


def test_a_signed_in_user_keeps_the_language_in_the_account(signed_up, new_web):
    browser = signed_up("olga@example.by")
    browser.post("/locale", {"locale": "en", "next": "/account"})
    assert db.session.scalar(select(User.locale)) == "en"
    # A new browser with no cookie and a Russian Accept-Language still gets English after login.
    other = new_web("ru")
    other.log_in("olga@example.by")
    assert '<html lang="en">' in other.get("/account").get_data(as_text=True)
    assert other.cookie("matcher_locale") == "en"


def test_a_language_chosen_before_login_becomes_the_accounts(signed_up, new_web):
    signed_up("olga@example.by").log_out()
    browser = new_web()
    browser.post("/locale", {"locale": "en", "next": "/login"})
    browser.log_in("olga@example.by")
    assert db.session.scalar(select(User.locale)) == "en"


def test_the_header_shows_the_switcher_with_the_current_language_pressed(web):
    html = web.get("/login").get_data(as_text=True)
    assert 'value="ru" lang="ru" aria-pressed="true"' in html
    assert 'value="en" lang="en" aria-pressed="false"' in html


def test_every_message_has_a_russian_translation_and_none_is_fuzzy():
    with open(TRANSLATIONS / "ru" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle)
    missing = [m.id for m in catalog if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert missing == [] and fuzzy == []


def test_the_catalogues_cover_every_message_in_the_code():
    with open(TRANSLATIONS / "messages.pot", "rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    for language in ("ru", "en"):
        with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
            assert {m.id for m in read_po(handle) if m.id} == template, language


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_compiled_catalogue_matches_its_po_file(language):
    """The .mo files are committed: a .po edited without `pybabel compile` fails here."""
    def plain(value):
        return tuple(value) if isinstance(value, (list, tuple)) else value

    folder = TRANSLATIONS / language / "LC_MESSAGES"
    with open(folder / "messages.po", "rb") as handle:
        source = {plain(m.id): plain(m.string) for m in read_po(handle)
                  if m.id and not m.fuzzy and any(plain(m.string) if isinstance(m.string, tuple) else [m.string])}
    with open(folder / "messages.mo", "rb") as handle:
        compiled = {plain(m.id): plain(m.string) for m in read_mo(handle)
                    if m.id and any(plain(m.string) if isinstance(m.string, (list, tuple)) else [m.string])}
    # Babel compiles an untranslated plural as its English forms: the same as no translation.
    compiled = {key: value for key, value in compiled.items() if value != key}
    assert compiled == source
