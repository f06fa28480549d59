"""The picker's search: a code or prefix lists those codes; words rank codes; never empty when any code is plausible."""
from __future__ import annotations

import re

from matcher.classifier import Suggestion
from matcher.classifier.labels import labels
from matcher.classifier.ranker import rank
from matcher.taxonomy import hs, nace

_CODE = re.compile(r"^[\d\s.\-]+$")


def search(query: str, scheme: str | None = None, limit: int = 12) -> list[Suggestion]:
    query = query.strip()[:200]
    if not query:
        return []
    schemes = (scheme,) if scheme else ("hs", "nace")
    if _CODE.match(query):
        digits = re.sub(r"\D", "", query)
        found = []
        if "hs" in schemes:
            found += [("hs", c) for c in sorted(hs._wco_english(), key=lambda c: (len(c), c))
                      if len(c) >= 4 and c.startswith(digits)]
        if "nace" in schemes:
            found += [("nace", c) for c, _ in nace.search(query, None, limit=limit)]
        return [Suggestion(s, c, *labels(s, c), 1.0, (query,)) for s, c in found[:limit]]
    return rank(query, "", limit=limit, schemes=schemes)
