"""Code picker: search HS and NACE codes in Russian or English, and suggest codes for a description."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from matcher.taxonomy import hs, nace

# Words that say nothing about a product; dropped before suggesting codes.
_STOP_WORDS = frozenset("""
для при под над без или как что это так его она они все всех также более менее очень наша наши
наших нашей ваши которые который которая поставка поставки поставок продукция продукции товары
товаров услуги услуг оборудование оборудования производство производства изделия изделий нужны
нужен нужно требуются закупка закупки сервис сервиса года годы году объем объём тонн штук прочие
with from that this these those their other others supply supplies products product goods services
service equipment production manufacture manufacturing need needs buying sale sales year annual
""".split())


@dataclass(frozen=True)
class CodeHit:
    scheme: str  # "hs" | "nace"
    code: str
    label: str


def search_codes(query: str, lang: str, limit: int = 12) -> list[CodeHit]:
    """HS and NACE codes whose name contains every word of `query` (either language), or whose code starts with it."""
    query = (query or "").strip()[:200]
    if not query:
        return []
    hs_hits = hs.search(query, None, limit=limit)
    nace_hits = nace.search(query, None, limit=limit)
    hits = [CodeHit("hs", c, hs.label(c, lang) or text) for c, text in hs_hits]
    hits += [CodeHit("nace", c, nace.label(c, lang) or text) for c, text in nace_hits]
    # Interleave so a short list still shows both schemes.
    hs_part, nace_part = hits[:len(hs_hits)], hits[len(hs_hits):]
    mixed = [h for pair in zip(hs_part, nace_part) for h in pair]
    mixed += hs_part[len(nace_part):] + nace_part[len(hs_part):]
    return mixed[:limit]


def suggest_codes(text: str, lang: str, limit: int = 8) -> list[CodeHit]:
    """Codes for a free-text description: each telling word votes for the codes it names, rarer words weigh more."""
    words = [w for w in re.findall(r"\w+", (text or "").lower().replace("ё", "е")[:2000])
             if len(w) >= 5 and not w.isdigit() and w not in _STOP_WORDS]
    scores: dict[tuple[str, str], float] = {}
    # Neighbouring words found together («обрабатывающие центры») say more than either alone.
    phrases = [(w, 1.0) for w in dict.fromkeys(words)]
    phrases += [(f"{a} {b}", 2.0) for a, b in dict.fromkeys(zip(words, words[1:]))]
    for phrase, boost in phrases:
        for scheme, finder in (("hs", hs.search), ("nace", nace.search)):
            found = finder(phrase, None, limit=60)
            if not found or len(found) >= 60:  # a word naming everything tells nothing
                continue
            weight = boost / math.log(2 + len(found))
            for code, _ in found:
                if scheme == "hs" and len(code) == 2:
                    continue  # whole chapters are too broad to be useful suggestions
                scores[(scheme, code)] = scores.get((scheme, code), 0.0) + weight
    ranked = sorted(scores, key=lambda key: (-scores[key], len(key[1]), key[1]))[:limit]
    return [CodeHit(scheme, code, (hs.label if scheme == "hs" else nace.label)(code, lang) or "")
            for scheme, code in ranked]
