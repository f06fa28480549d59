"""Context features: volume vs capacity, niches, corridor geography, shared certifications and languages."""
from __future__ import annotations

import numpy as np

from matcher.scoring.wording import number, say

CORRIDOR_FROM, CORRIDOR_TO, CORRIDOR_REGION = "BY", "RU", "RU-PER"
NEUTRAL = 0.5


def volume(need: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """Need volume within the offer's annual capacity scores 1; over it falls off; unknown is neutral."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = need / capacity
    score = np.select([ratio <= 1.0, ratio <= 1.5, ratio <= 3.0], [1.0, 0.6, 0.3], 0.1)
    return np.where(np.isnan(ratio) | ~np.isfinite(ratio), NEUTRAL, score)


def volume_detail(need: float | None, capacity: float | None, lang: str = "en") -> str:
    if not need or not capacity:
        return say("volume_unknown", lang)
    return say("volume_within" if need <= capacity else "volume_exceeds", lang,
               need=money(need, lang), capacity=money(capacity, lang))


def niche_scores(store, query, q_iids: np.ndarray, cand: np.ndarray) -> np.ndarray:
    """1 where the need and the offer of a pair fall in the same registered niche (always, when the
    query is the niche itself)."""
    out = np.zeros((len(q_iids), len(cand)))
    if query.niche is not None:
        return out + 1.0
    q_name, c_name = ("needs", "offers") if query.q_is_need else ("offers", "needs")
    for row, iid in enumerate(q_iids.tolist()):
        for nid in store.niches_of[q_name].get(iid, {}):
            members = store.members[nid][c_name]
            if hasattr(members, "contains_many"):          # mapped from a snapshot: vectorised
                out[row] = np.maximum(out[row], members.contains_many(cand))
            else:
                out[row] = np.maximum(out[row], [1.0 if c in members else 0.0 for c in cand.tolist()])
    return out


def niche_detail(store, query, need_iid: int, offer_iid: int, lang: str = "en") -> str:
    if query.niche is not None:
        return say("fills_niche", lang, names=query.niche.departed_company) if query.q_is_need else \
            say("needs_niche", lang, name=query.niche.departed_company)
    shared = set(store.niches_of["needs"].get(need_iid, {})) & set(store.niches_of["offers"].get(offer_iid, {}))
    names = sorted(store.niches[n].departed_company for n in shared)
    return say("fills_niche", lang, names=", ".join(names)) if names else ""


def money(usd: float, lang: str = "en") -> str:
    return say("millions", lang, n=number(usd / 1e6, lang))


def geography(sup_country, sup_region, buy_country, buy_region, code=lambda place: place) -> np.ndarray:
    """BY supplier → RU buyer is the corridor (Perm Krai buyer best); same country is fine but less.
    Places may be given as interned ints, with `code` mapping the corridor's names to them."""
    by, ru, perm = code(CORRIDOR_FROM), code(CORRIDOR_TO), code(CORRIDOR_REGION)
    corridor = (sup_country == by) & (buy_country == ru)
    reverse = (sup_country == ru) & (buy_country == by)
    same = sup_country == buy_country
    return np.select([corridor, reverse, same],
                     [0.8 + 0.2 * (buy_region == perm), 0.6, 0.5 + 0.1 * (sup_region == buy_region)], 0.3)


def geography_detail(sup_country: str | None, sup_region: str | None, buy_country: str | None,
                     buy_region: str | None, lang: str = "en") -> str:
    where = say("route", lang, supplier=sup_region or sup_country or "?", buyer=buy_region or buy_country or "?")
    if sup_country == CORRIDOR_FROM and buy_country == CORRIDOR_TO:
        return where + say("corridor_perm" if buy_region == CORRIDOR_REGION else "corridor", lang)
    if sup_country == buy_country:
        return where + say("same_country", lang)
    return where


def _norm(values) -> frozenset[str]:
    if isinstance(values, frozenset):
        return values
    return frozenset(" ".join(v.lower().split()) for v in values if v and v.strip())


def normalised(values) -> frozenset[str]:
    """Certifications or languages as compared: case and spacing folded."""
    return _norm(values)


def certifications(a, b, lang: str = "en") -> tuple[float, str]:
    """One shared certification 0.6, two or more 1.0 (arguments: lists or normalised() sets)."""
    shared = sorted(_norm(a) & _norm(b))
    score = 0.0 if not shared else (0.6 if len(shared) == 1 else 1.0)
    names = ", ".join(s.upper() for s in shared)
    return score, say("shared_cert" if len(shared) == 1 else "shared_certs", lang, names=names) if shared else ""


def languages(a, b, lang: str = "en") -> tuple[float, str]:
    """A shared working language 1.0; unknown on either side neutral."""
    la, lb = _norm(a), _norm(b)
    if not la or not lb:
        return NEUTRAL, say("languages_unknown", lang)
    shared = sorted(la & lb)
    if shared:
        return 1.0, say("shared_language", lang, names=", ".join(shared))
    return 0.0, say("no_shared_language", lang)
