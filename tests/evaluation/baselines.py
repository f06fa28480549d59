"""Two naive rankers to beat: plain rapidfuzz text similarity, and plain code-prefix overlap."""
from __future__ import annotations

from rapidfuzz import fuzz, utils

from matcher.scoring import Item, Niche, Profile

_SIDES = {  # query kind -> (query items are needs?, role the candidates must have)
    "suppliers_for_buyer": (True, "supplier"), "buyers_for_supplier": (False, "buyer"),
    "suppliers_for_niche": (True, "supplier"), "buyers_for_niche": (False, "buyer"),
}


def _text(item: Item) -> str:
    return utils.default_process(f"{item.title} {item.description}")


def text_score(a: Item, b: Item) -> float:
    return fuzz.token_set_ratio(_text(a), _text(b))


def _shared(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def code_score(a: Item, b: Item) -> float:
    """Longest shared HS prefix (digits) plus longest shared NACE prefix (digits)."""
    hs = max((_shared(x, y) for x in a.hs_codes for y in b.hs_codes), default=0)
    nace = max((_shared(x.replace(".", ""), y.replace(".", "")) for x in a.nace_codes for y in b.nace_codes),
               default=0)
    return hs + nace


def rank(kind: str, subject: int, profiles: list[Profile], niches: list[Niche], scorer, k: int = 10) -> list[int]:
    by_id = {p.id: p for p in profiles}
    q_is_need, role = _SIDES[kind]
    if kind.endswith("niche"):
        items = [next(n.item for n in niches if n.id == subject)]
    else:
        me = by_id[subject]
        items = list(me.needs if q_is_need else me.offers)
    scored = []
    for p in profiles:
        if p.id == subject or role not in p.roles:
            continue
        theirs = p.offers if q_is_need else p.needs
        best = max((scorer(a, b) for a in items for b in theirs), default=0.0)
        if best > 0:
            scored.append((-best, p.id))
    return [pid for _, pid in sorted(scored)[:k]]
