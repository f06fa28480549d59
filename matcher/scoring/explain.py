"""Human-readable details of each feature for one pair, and contributions that add up exactly."""
from __future__ import annotations

import math
import re

import numpy as np

from matcher.scoring import codes
from matcher.scoring.model import Reason
from matcher.scoring.prepare import KIND_SERVICE, MODE_INFERRED, Prepared
from matcher.scoring.text import normalise, stem
from matcher.scoring.vocabulary import similarity
from matcher.scoring.wording import level, say

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_PHRASE_WORDS = 7


def phrase(original: str, wanted: set[str]) -> str:
    """The stretch of the original text (case and punctuation kept) from the first to the last
    word whose stem is wanted, clipped to a few words."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(original)
             if (w := normalise(m.group())) and stem(w) in wanted]
    if not spans:
        return ""
    words = list(_WORD.finditer(original))
    first = next(i for i, m in enumerate(words) if m.start() == spans[0][0])
    last = min(next(i for i, m in enumerate(words) if m.start() == spans[-1][0]), first + MAX_PHRASE_WORDS - 1)
    return original[words[first].start(): words[last].end()]


def text_detail(need: Prepared, offer: Prepared, lang: str = "en") -> str:
    shared = set(need.terms) & set(offer.terms)
    if not shared:
        return say("similar_spelling", lang, a=need.item.title.strip(), b=offer.item.title.strip())
    sides = []
    for p in (need, offer):
        title_shared = shared & set(p.title.stems)
        if title_shared and len(p.title.words) <= MAX_PHRASE_WORDS:
            sides.append(p.item.title.strip())          # a short title is the phrase itself
        else:
            sides.append(phrase(p.item.title, title_shared) if title_shared else phrase(p.item.description, shared))
    return f"«{sides[0]}» ~ «{sides[1]}»"


def concept_detail(need: Prepared, offer: Prepared, lang: str = "en") -> str:
    if not need.hits or not offer.hits:
        return ""
    pair = similarity()[np.ix_([h.concept.index for h, _ in need.hits], [h.concept.index for h, _ in offer.hits])]
    # the strongest link; among equals the first, i.e. title before description
    i, j = np.unravel_index(int(np.argmax(pair)), pair.shape)
    if pair[i, j] <= 0:
        return say("no_concepts", lang)
    (a, a_title), (b, b_title) = need.hits[i], offer.hits[j]
    words = [" ".join((p.title if t else p.body).words[i] for i in h.positions)
             for p, h, t in ((need, a, a_title), (offer, b, b_title))]
    label = (lambda c: c.label_ru) if lang == "ru" else (lambda c: c.label_en)
    link = label(a.concept) if a.concept is b.concept else f"{label(a.concept)} ≈ {label(b.concept)}"
    return f"«{words[0]}» ~ «{words[1]}» ({link})"


# the depth tables as plain lists: indexing numpy per shared prefix cost more than the rest of a detail
_TABLES = {codes.HS: (codes.HS_TABLE.tolist(), codes.HS_BUCKET.tolist()),
           codes.NACE: (codes.NACE_TABLE.tolist(), codes.NACE_BUCKET.tolist())}


def _best_prefix(kind: str, need: Prepared, offer: Prepared) -> tuple[str, bool, bool] | None:
    n, o = (need.hs, offer.hs) if kind == codes.HS else (need.nace, offer.nace)
    table, bucket = _TABLES[kind]
    shared = [(table[bucket[n[p][0]]][n[p][1]][o[p][1]], len(p), p) for p in n.keys() & o.keys()]
    if not shared:
        return None
    _, _, prefix = max(shared)
    return prefix, n[prefix][1], o[prefix][1]


def _nearest_whole(kind: str, p: Prepared, prefix: str) -> str:
    """The item's shortest whole code under `prefix` (among equals the one it lists first), else
    the prefix itself."""
    entries = p.hs if kind == codes.HS else p.nace
    return min((code for code, (_, whole) in entries.items() if whole and code.startswith(prefix)),
               key=len, default=prefix)


def _shared_label(kind: str, prefix: str, need: Prepared, offer: Prepared, lang: str) -> str | None:
    """The most specific label both sides share. A chapter's or division's title lists unrelated things
    (chapter 84 opens with «реакторы ядерные»), so at that depth the concept both items name is cited
    instead, or nothing."""
    if len(prefix) > 2:
        return codes.label(kind, prefix, lang)
    if not need.hits or not offer.hits:
        return None
    pair = similarity()[np.ix_([h.concept.index for h, _ in need.hits], [h.concept.index for h, _ in offer.hits])]
    i, j = np.unravel_index(int(np.argmax(pair)), pair.shape)
    if pair[i, j] < 0.6:
        return None
    a, b = need.hits[i][0].concept, offer.hits[j][0].concept
    broader = a if a.id == b.broader or a is b else b      # of two related concepts, the one that covers both
    return broader.label_ru if lang == "ru" else broader.label_en


def code_detail(kind: str, need: Prepared, offer: Prepared, lang: str = "en") -> str:
    best = _best_prefix(kind, need, offer)
    if best is None:
        return say("no_code", lang)
    prefix, need_whole, offer_whole = best
    near_need, near_offer = _nearest_whole(kind, need, prefix), _nearest_whole(kind, offer, prefix)
    a, b = codes.display(kind, near_need), codes.display(kind, near_offer)
    shown = codes.display(kind, prefix)
    label = _shared_label(kind, prefix, need, offer, lang)
    label = f" ({label})" if label else ""
    if a == b:
        text = f"{a} = {b}{label}"
    elif need_whole or offer_whole:
        inner, outer = (b, a) if need_whole else (a, b)
        text = say("code_within", lang, inner=inner, outer=outer, label=label)
    else:
        text = say("code_level", lang, a=a, b=b, level=level(kind == codes.HS, len(prefix), lang), shown=shown,
                   label=label)
    notes = []
    for side, p, code in (("need", need, near_need), ("offer", offer, near_offer)):
        mode = p.hs_mode if kind == codes.HS else p.nace_mode
        if mode == MODE_INFERRED:
            key = f"{kind}:{code}" if f"{kind}:{code}" in p.inferred_from else next(
                (k for k in p.inferred_from if k.startswith(f"{kind}:{prefix}")), None)
            source = p.inferred_phrase(key) if key else ""
            notes.append(say("inferred", lang, side=say(side, lang), code=codes.display(kind, code), source=source))
    return "; ".join([text] + notes)


def round_reasons(parts: list[tuple[str, float, str]], score: float) -> tuple[Reason, ...]:
    """Contributions in tenths of a point that add up exactly to the rounded score: penalties are
    rounded as they are, positives absorb the rest by largest remainder (none turns negative).
    Sorted by contribution, zeros left out."""
    penalties = [(n, round(c, 1), d) for n, c, d in parts if c < 0]
    positives = [(n, c, d) for n, c, d in parts if c >= 0]
    tenths = [c * 10 for _, c, _ in positives]
    floors = [math.floor(t + 1e-9) for t in tenths]
    missing = round(round(score, 1) * 10) - round(sum(c for _, c, _ in penalties) * 10) - sum(floors)
    by_remainder = sorted(range(len(positives)), key=lambda i: floors[i] - tenths[i])
    while missing > 0 and by_remainder:         # largest remainders first, round-robin if needed
        for i in by_remainder[:missing]:
            floors[i] += 1
        missing -= min(missing, len(by_remainder))
    while missing < 0 and any(floors):          # penalties rounded the other way: take tenths back
        for i in reversed(by_remainder):
            if missing < 0 and floors[i] > 0:
                floors[i], missing = floors[i] - 1, missing + 1
    reasons = [Reason(n, f / 10, d) for (n, _, d), f in zip(positives, floors) if f > 0]
    reasons += [Reason(n, c, d) for n, c, d in penalties if c != 0]
    return tuple(sorted(reasons, key=lambda r: (-r.contribution, r.feature)))


def kind_detail(need: Prepared, offer: Prepared, lang: str = "en") -> str:
    def name(p: Prepared) -> str:
        return say("service" if p.kind == KIND_SERVICE else "goods", lang)
    return say("kind", lang, need=name(need), offer=name(offer))
