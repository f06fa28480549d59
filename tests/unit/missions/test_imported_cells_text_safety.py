"""clean_text: what is left of free text once control, bidi and zero-width characters are gone — no app."""
import pytest

from matcher.text_safety import clean_text


@pytest.mark.parametrize("raw, clean", [
    ("Amkodor\x1b[2J", "Amkodor[2J"),                  # an ESC sequence that would clear a terminal
    ("\u202eAmkodor", "Amkodor"),                        # right-to-left override
    ("Ам\u200bко\u200dдор\ufeff", "Амкодор"),            # zero-width space and joiner, BOM
    ("\u2066Amkodor\u2069", "Amkodor"),                  # an isolate
    ("a\x00b\x85c\x9fd", "abcd"),                        # NUL and C1 controls
    ("line one\nline two\tcolumn", "line one\nline two\tcolumn"),
    ("Е\u0308лочка", "Ёлочка"),                          # NFC: E + combining diaeresis becomes Ё
    ("line\r\nbreak", "line\nbreak"),
])
def test_clean_text_keeps_letters_line_breaks_and_tabs_only(raw, clean):
    assert clean_text(raw) == clean
