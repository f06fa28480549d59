"""clean_text: NFC, and no control, bidi-override or zero-width character survives (no app, no database)."""
from __future__ import annotations

import unicodedata

import pytest

from matcher.text_safety import UNSAFE_CHARACTERS, clean_text


@pytest.mark.parametrize("dirty, clean", [
    ("\x1b[31mАмкодор\x1b[0m", "[31mАмкодор[0m"),            # an ESC sequence loses its ESC: no colours in a terminal
    ("Invoice\u202egpj.exe", "Invoicegpj.exe"),               # right-to-left override
    ("Лес\u2066маш\u2069", "Лесмаш"),                         # bidi isolates
    ("Лес\u200bмаш\u200c\u200d", "Лесмаш"),                   # zero-width space, non-joiner, joiner
    ("\ufeffЛесмаш\u2060", "Лесмаш"),                         # byte-order mark, word joiner
    ("a\x85b\x9bc\x7f", "abc"),                               # C1 controls and DEL
    ("line one\r\nline two\tcolumn", "line one\nline two\tcolumn"),  # CR goes, newline and tab stay
])
def test_unsafe_characters_are_removed_and_the_rest_kept(dirty, clean):
    assert clean_text(dirty) == clean


def test_the_result_is_nfc_even_when_a_removed_character_sat_between_letter_and_accent():
    decomposed = "Е\u200b\u0308лочка"  # Е, zero-width space, combining diaeresis
    assert clean_text(decomposed) == "Ёлочка"
    assert unicodedata.is_normalized("NFC", clean_text("Cafe\u0301 Минск"))


def test_ordinary_russian_english_and_belarusian_text_passes_unchanged():
    text = "ОАО «Амкодор» — Amkodor, Беларусь; ўсё добра! №5, 100 %"
    assert clean_text(text) == text


def test_every_listed_character_is_in_the_set_and_printable_text_is_not():
    listed = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F),
              *range(0x2066, 0x206A), 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]
    assert all(UNSAFE_CHARACTERS.fullmatch(chr(code)) for code in listed)
    assert not any(UNSAFE_CHARACTERS.search(ch) for ch in "\t\n aZ09ЁёЎў«»—€\u00a0")
