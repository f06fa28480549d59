"""Free text made safe to store and show: NFC, no control characters, no bidi or zero-width tricks."""
from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls except TAB and LF; bidi marks, embeddings, overrides and isolates (they can
# make «Amkodor» read as something else); zero-width characters and the BOM.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def clean_text(value: str) -> str:
    """`value` in NFC without C0/C1 controls (except \\n and \\t), bidi controls or zero-width characters."""
    return _UNSAFE.sub("", unicodedata.normalize("NFC", value))
