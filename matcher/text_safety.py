"""Free text made safe to store and show again: NFC, no control, bidi-override or zero-width characters."""
from __future__ import annotations

import re
import unicodedata

# C0 controls except tab and newline (CR goes too: CRLF from a textarea becomes LF), DEL, C1
# controls, the Arabic letter mark and LRM/RLM (U+061C, U+200E–200F), bidi embeddings/overrides
# (U+202A–202E) and isolates (U+2066–2069), zero-width space/non-joiner/joiner (U+200B–200D),
# word joiner and invisible operators (U+2060–2064) and the BOM / ZWNBSP (U+FEFF).
# Each can hide or reorder what a reader, a terminal or a spreadsheet shows. NUL is stripped here
# too; the schemas refuse it before this runs, so a NUL never passes silently through a form.
UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def clean_text(value: str) -> str:
    """`value` with the unsafe characters above removed, then in NFC; tab and newline are kept."""
    return unicodedata.normalize("NFC", UNSAFE_CHARACTERS.sub("", value))
