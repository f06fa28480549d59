"""The two word→code paths the classifier replaces, kept as they were to measure against."""
from __future__ import annotations

import math
import re

from matcher.taxonomy import hs, nace

# The substring-vote suggester of matcher/services/code_lookup.py before the classifier (commit 0f377d3).
_STOP_WORDS = frozenset("""
для при под над без или как что это так его она они все всех также более менее очень наша наши
наших нашей ваши которые который которая поставка поставки поставок продукция продукции товары
товаров услуги услуг оборудование оборудования производство производства изделия изделий нужны
нужен нужно требуются закупка закупки сервис сервиса года годы году объем объём тонн штук прочие
with from that this these those their other others supply supplies products product goods services
service equipment production manufacture manufacturing need needs buying sale sales year annual
""".split())


def old_suggest_codes(text: str, limit: int = 8) -> list[tuple[str, str]]:
    """(scheme, code) as the old "suggest from the description" ranked them."""
    words = [w for w in re.findall(r"\w+", (text or "").lower().replace("ё", "е")[:2000])
             if len(w) >= 5 and not w.isdigit() and w not in _STOP_WORDS]
    scores: dict[tuple[str, str], float] = {}
    phrases = [(w, 1.0) for w in dict.fromkeys(words)]
    phrases += [(f"{a} {b}", 2.0) for a, b in dict.fromkeys(zip(words, words[1:]))]
    for phrase, boost in phrases:
        for scheme, finder in (("hs", hs.search), ("nace", nace.search)):
            found = finder(phrase, None, limit=60)
            if not found or len(found) >= 60:
                continue
            weight = boost / math.log(2 + len(found))
            for code, _ in found:
                if scheme == "hs" and len(code) == 2:
                    continue
                scores[(scheme, code)] = scores.get((scheme, code), 0.0) + weight
    return sorted(scores, key=lambda key: (-scores[key], len(key[1]), key[1]))[:limit]


def substring_search(text: str, limit: int = 20) -> list[tuple[str, str]]:
    """(scheme, code) whose official title contains every word of the text, as the old picker searched."""
    found = [("hs", c) for c, _ in hs.search(text, None, limit=limit)]
    found += [("nace", c) for c, _ in nace.search(text, None, limit=limit)]
    return found
