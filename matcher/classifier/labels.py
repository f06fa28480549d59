"""RU and EN labels of HS headings/subheadings and NACE classes, the nearest named parent filling a gap."""
from __future__ import annotations

from functools import lru_cache

from matcher.taxonomy import hs, nace


@lru_cache(maxsize=20_000)
def labels(scheme: str, code: str) -> tuple[str, str]:
    """(Russian, English) label of a code."""
    if scheme == "hs":
        return hs.label(code, "ru") or "", hs.label(code, "en") or ""
    return nace.label(code, "ru") or "", nace.label(code, "en") or ""
