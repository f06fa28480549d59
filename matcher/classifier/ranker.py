"""Rank codes for a title and description: lexicon concepts (in context) first, the nomenclature's own words second."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from matcher.classifier import Suggestion, context, lexicon, nomenclature, spelling
from matcher.classifier.labels import labels
from matcher.classifier.words import Text, split

TITLE, DESCRIPTION = 1.0, 0.45        # the title says what the item is; a description also says what it is for
PURPOSE = 0.35                        # «шины для карьерных самосвалов»: the dump truck is only the purpose
GOODS_UNDER_SERVICE = 0.3             # «обучение операторов станков» sells training, not machine tools
NOMENCLATURE = 0.55                   # an official title containing the words: weaker than a lexicon term
MIN_COVERAGE = 0.5                    # a title must contain at least half the query's weight to count


@dataclass
class Scored:
    score: float = 0.0
    evidence: list[str] = field(default_factory=list)
    incidental: bool = True        # only named as a purpose or as the object of a service so far

    def add(self, points: float, words: list[str], incidental: bool = False) -> None:
        self.score += points
        self.incidental = self.incidental and incidental
        self.evidence.extend(w for w in words if w not in self.evidence)


def _prepared(text: str, fix_typos: bool = True) -> Text:
    return spelling.corrected(split(text)) if fix_typos else split(text)


def _service_first(hits: list[lexicon.Hit], text: Text) -> bool:
    """The head of the title is a service: first noun in Russian («ремонт станков»), last in English."""
    heads = [h for h in hits if h.entry.weight >= 0.35 and not all(text.purpose[p] for p in h.positions)]
    if not heads:
        return False
    english = all("a" <= text.words[p][0] <= "z" for p in heads[0].positions)
    head = heads[-1] if english else heads[0]
    return head.entry.service


def code_scores(title: str, description: str = "", official_titles: bool = True) -> dict[tuple[str, str], Scored]:
    """(scheme, code) -> points and the user's words behind them; HS codes are 4–6 digits, NACE codes classes.
    Without `official_titles` only the lexicon speaks (what the engine infers from; several times faster)."""
    scored: dict[tuple[str, str], Scored] = {}
    # Descriptions are long and full of names: the engine (official_titles off) fixes typos in titles only.
    texts = [(_prepared(title), TITLE), (_prepared(description, fix_typos=official_titles), DESCRIPTION)]
    for index, (text, weight) in enumerate(texts):
        if not text.words:
            continue
        other = texts[1 - index][0]
        hits = context.resolve(lexicon.find(text), text, other)
        service = _service_first(hits, text)
        has_head = any(not all(text.purpose[p] for p in h.positions) for h in hits)
        for hit in hits:
            points = weight * hit.entry.weight
            incidental = False
            if has_head and all(text.purpose[p] for p in hit.positions):
                points, incidental = points * PURPOSE, True
            if service and not hit.entry.service:
                points, incidental = points * GOODS_UNDER_SERVICE, True
            words = [" ".join(text.raw[p] for p in hit.positions)]
            hs_codes = [c for c in hit.entry.hs if len(c) >= 4]
            for scheme, found in (("hs", hs_codes), ("nace", list(hit.entry.nace))):
                for code in found:
                    scored.setdefault((scheme, code), Scored()).add(points / math.sqrt(len(found)), words, incidental)
        if not official_titles:
            continue
        # The official titles back the words the lexicon does not know, and confirm those it does.
        content = [w for w, p in zip(text.words, text.purpose) if not p] or list(text.words)
        found = nomenclature.search(content)
        if found:
            top = found[0][1]
            for doc, bm25, coverage in found:
                if coverage < MIN_COVERAGE:
                    continue
                points = weight * NOMENCLATURE * coverage * (bm25 / top) * (0.5 if hits else 1.0)
                words = [raw for raw, w in zip(text.raw, text.words) if w in content and nomenclature.contains(doc, w)]
                scored.setdefault(doc, Scored()).add(points, [" ".join(words)] if words else [], True)   # the engine infers from the lexicon only
    return scored


def _confidence(score: float, runner_up: float) -> float:
    """Strength of the evidence times its lead over the next heading; fitted on the dev phrases so that
    a confidence of 0.8 is right about four times in five."""
    strength = 1.0 - math.exp(-2.2 * score)
    lead = score / (score + runner_up) if score + runner_up else 1.0
    return round(max(0.0, min(1.0, strength * (0.35 + 0.65 * lead))), 3)


def rank(title: str, description: str, limit: int = 10, schemes: tuple[str, ...] = ("hs", "nace")) -> list[Suggestion]:
    """One suggestion per HS heading (its best-backed subheading when the words name one) and per NACE class."""
    return _ranked(code_scores(title, description), limit, schemes)


def _ranked(scored: dict[tuple[str, str], Scored], limit: int, schemes: tuple[str, ...]) -> list[Suggestion]:
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for scheme, code in scored:
        if scheme in schemes:
            groups.setdefault((scheme, code[:4] if scheme == "hs" else code), []).append((scheme, code))
    totals: dict[tuple[str, str], tuple[float, tuple[str, str], list[str]]] = {}
    for group, members in groups.items():
        members.sort(key=lambda k: (-scored[k].score, -len(k[1])))
        best = scored[members[0]].score
        total = best + 0.25 * sum(scored[k].score for k in members[1:])
        evidence = list(dict.fromkeys(w for k in members for w in scored[k].evidence))
        totals[group] = (total, members[0], evidence)
    ranked = sorted(totals.values(), key=lambda t: (-t[0], t[1][0] != "hs", t[1][1]))[:limit]
    out = []
    for i, (total, (scheme, code), evidence) in enumerate(ranked):
        runner_up = next((t[0] for t in ranked[i + 1:] if t[1][0] == scheme), 0.0) if i == 0 else ranked[0][0]
        label_ru, label_en = labels(scheme, code)
        out.append(Suggestion(scheme, code, label_ru, label_en, _confidence(total, runner_up), tuple(evidence)))
    return out


INFER_SHARE = 0.5                     # a code backed by at least half the best code's points is also meant
INFER_LIMIT = {"hs": 6, "nace": 3}


@lru_cache(maxsize=4096)          # the engine re-prepares an edited item's unchanged neighbours
def infer(title: str, description: str = "") -> tuple[Suggestion, ...]:
    """The codes an uncoded offer or need most likely carries (for the engine): per scheme, every
    heading or class backed nearly as well as the best one («станки» → 8456…8461)."""
    out: list[Suggestion] = []
    scored = code_scores(title, description, official_titles=False)   # titles never decide an inferred code
    for scheme, limit in INFER_LIMIT.items():
        found = _ranked(scored, limit, (scheme,))
        if not found:
            continue
        top = max(v.score for (s, _), v in scored.items() if s == scheme)
        for suggestion in found:
            backing = scored.get((scheme, suggestion.code), Scored())
            if backing.score >= INFER_SHARE * top and not backing.incidental:
                out.append(suggestion)
    return tuple(out)
