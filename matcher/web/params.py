"""Values typed into forms and query strings: numbers of ASCII digits within bounds, search text a database can take."""
from __future__ import annotations

import math
import re

from matcher.schemas.fields import MAX_ROW_ID

# [0-9], not \d or str.isdigit(): those accept «²» or «٣», which int() then refuses or reads as a
# number nobody typed. Eighteen digits stay far below any column's limit before the bounds apply.
_ASCII_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")
_ASCII_DECIMAL = re.compile(r"[0-9]{1,6}(?:[.,][0-9]{1,6})?")
MAX_PAGE = 99_999
SEARCH_TEXT_LIMIT = 200  # characters of a search box that reach the query


def search_text(text: str | None, limit: int = SEARCH_TEXT_LIMIT) -> str:
    """`text` without control characters (NUL cannot reach PostgreSQL), trimmed, at most `limit` characters."""
    return "".join(ch for ch in (text or "") if ch.isprintable()).strip()[:limit]


def whole_number(text: str | None, *, minimum: int = 0, maximum: int = MAX_ROW_ID,
                 default: int | None = None) -> int | None:
    """`text` (surrounding blanks ignored) as an int if it is ASCII digits from `minimum` to `maximum`, else `default`."""
    candidate = (text or "").strip()
    if not _ASCII_WHOLE_NUMBER.fullmatch(candidate):
        return default
    value = int(candidate)
    return value if minimum <= value <= maximum else default


def row_id(text: str | None) -> int | None:
    """A row id (1 to 2³¹−1) or None: nothing outside that range can name a row."""
    return whole_number(text, minimum=1, maximum=MAX_ROW_ID)


def page_number(text: str | None) -> int:
    """A list's page, 1 when absent or not a page number."""
    return whole_number(text, minimum=1, maximum=MAX_PAGE, default=1)


def clamped_number(text: str | None, *, minimum: int, maximum: int, default: int) -> int:
    """A whole number brought within `minimum`..`maximum` (a filter asked too wide still means «as wide as
    allowed»); `default` when the text is no whole number."""
    value = whole_number(text, maximum=10**18)
    return default if value is None else min(max(value, minimum), maximum)


def clamped_decimal(text: str | None, *, minimum: float, maximum: float, default: float) -> float:
    """A decimal with «.» or «,» brought within bounds; `default` for anything else (nan, inf, «²», 1e9)."""
    candidate = (text or "").strip()
    if not _ASCII_DECIMAL.fullmatch(candidate):
        return default
    value = float(candidate.replace(",", "."))
    return min(max(value, minimum), maximum) if math.isfinite(value) else default
