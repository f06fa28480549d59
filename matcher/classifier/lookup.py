"""The picker's search: a code or prefix lists those codes; words rank codes; never empty when any code is plausible."""
from __future__ import annotations

import re

from matcher.classifier import Suggestion
from matcher.classifier.labels import labels
from matcher.classifier.ranker import rank
from matcher.classifier.spelling import corrections
from matcher.taxonomy import hs, nace

_CODE = re.compile(r"^[\d\s.,\-]+$")
MAX_QUERY = 200


def _codes(query: str, schemes: tuple[str, ...], limit: int) -> list[Suggestion]:
    """HS headings/subheadings and NACE classes whose code starts with the typed digits (a dot means NACE)."""
    digits = re.sub(r"\D", "", query)
    found: list[tuple[str, str]] = []
    dotted = "." in query or "," in query
    if "nace" in schemes and len(digits) <= 4:
        dotted_prefix = f"{digits[:2]}.{digits[2:]}" if len(digits) > 2 else digits
        found += [("nace", c) for c in sorted(nace._table()) if c.startswith(dotted_prefix)
                  and (node := nace.get(c)) is not None and node.level == 4]
    if "hs" in schemes and not dotted:
        hs_found = [("hs", c) for c in sorted(hs._wco_english(), key=lambda c: (len(c), c))
                    if len(c) in (4, 6) and c.startswith(digits[:6])]
        found = hs_found + found          # digits alone are read as HS first
    return [Suggestion(s, c, *labels(s, c), 1.0, (query,)) for s, c in found[:limit]]


def search(query: str, scheme: str | None = None, limit: int = 12) -> list[Suggestion]:
    query = query.strip()[:MAX_QUERY]
    if not query:
        return []
    schemes = (scheme,) if scheme else ("hs", "nace")
    if _CODE.match(query) and re.search(r"\d\d", query):
        return _codes(query, schemes, limit)
    found = rank(query, "", limit=limit, schemes=schemes)
    if found:
        return found
    for correction in corrections(query):       # «харвестр» → «харвестер»
        found = rank(correction, "", limit=limit, schemes=schemes)
        if found:
            return found
    return []
