"""RU and EN labels of HS headings/subheadings and NACE classes (a subheading the lexicon names gets its Russian name)."""
from __future__ import annotations

from functools import lru_cache

from matcher.taxonomy import hs, nace


@lru_cache(maxsize=1)
def _lexicon_names() -> dict[str, tuple[str, str]]:
    """HS code -> (RU, EN) name of the concept that names it most narrowly."""
    from matcher.classifier.entries import entries
    best: dict[str, tuple[int, str, str]] = {}
    for entry in entries():
        for code in entry.hs:
            if len(code) == 6 and (code not in best or len(entry.hs) < best[code][0]):
                best[code] = (len(entry.hs), entry.label_ru, entry.label_en)
    return {code: (ru, en) for code, (_, ru, en) in best.items()}


@lru_cache(maxsize=20_000)
def labels(scheme: str, code: str) -> tuple[str, str]:
    """(Russian, English) label. A 6-digit HS subheading without a Russian title takes «concept (heading)»
    when the lexicon names it, else its heading's Russian title: never English on a Russian page."""
    if scheme == "nace":
        return nace.label(code, "ru") or "", nace.label(code, "en") or ""
    english = hs.label(code, "en") or ""
    russian = hs.label(code, "ru") or ""          # a subheading without its own title: its heading's
    named = _lexicon_names().get(code)
    if len(code) == 6 and named and code not in hs._russian():
        heading = hs.label(code[:4], "ru") or ""
        russian = f"{named[0][:1].upper()}{named[0][1:]} ({heading[:1].lower()}{heading[1:]})" if heading else named[0]
    return russian, english
