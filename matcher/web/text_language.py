"""`lang` attributes for what users wrote: a Russian description on an English page (or the reverse) is
marked so that screen readers switch voice; the page's own words need no mark."""
from __future__ import annotations

from markupsafe import Markup, escape

from matcher.web import web
from matcher.web.i18n import current_language, localize


def language_of(text: str | None) -> str | None:
    """'ru' when most letters are Cyrillic, 'en' when most are Latin, None without letters."""
    cyrillic = latin = 0
    for ch in text or "":
        if "\u0400" <= ch <= "\u04ff":
            cyrillic += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    if not cyrillic and not latin:
        return None
    return "ru" if cyrillic >= latin else "en"


def text_lang(text: str | None) -> Markup:
    """` lang="ru"` (with its leading space) when `text` is in another language than the page, else nothing."""
    language = language_of(text)
    if language is None or language == current_language():
        return Markup("")
    return Markup(' lang="%s"') % language


def marked_place(country: str | None, region: str | None, city: str | None) -> Markup:
    """The place as `formatting.place` says it, with the city (which its company typed) marked with its
    language: «<span lang="ru">Борисов</span>, Minsk Region, Belarus» on an English page."""
    from matcher.web.formatting import place

    text = place(country, region, city)
    mark = text_lang(city)
    if not city or not mark or not text.startswith(city):
        return escape(text)
    return Markup("<span%s>%s</span>%s") % (mark, city, text[len(city):])


@web.app_context_processor
def _text_language_helpers() -> dict:
    return {"text_lang": text_lang, "localize": localize, "marked_place": marked_place}
