"""Which language a user's text is in, for the `lang` attribute screen readers switch on."""
from __future__ import annotations

from matcher.web.text_language import language_of


def test_cyrillic_text_is_russian_and_latin_text_is_english():
    assert language_of("Харвестеры и форвардеры") == "ru"
    assert language_of("Forest harvesters") == "en"


def test_text_without_letters_has_no_language():
    assert language_of("8436 80, 28.30") is None and language_of("") is None


def test_mixed_text_goes_with_the_larger_part():
    assert language_of("Станки ЧПУ DMG") == "ru"
    assert language_of("CNC lathes for Пермь") == "en"
