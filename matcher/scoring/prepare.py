"""Per-item precomputation done once at upsert: stems, concepts, declared and inferred codes."""
from __future__ import annotations

from dataclasses import dataclass

from matcher import classifier
from matcher.scoring import codes, vocabulary
from matcher.scoring.model import Item
from matcher.scoring.text import LANG_EN, Tokens, tokenize

MODE_NONE, MODE_INFERRED, MODE_DECLARED = 0, 1, 2
KIND_UNKNOWN, KIND_GOODS, KIND_SERVICE = 0, 1, 2
# A concept named only in the description, or only as the purpose («… для лесозаготовки»),
# is a side remark about the item, not what it is.
SIDE_CONCEPT_WEIGHT = 0.5
ATTRIBUTE_WEIGHT = 0.35     # concepts lighter than this (CNC) qualify a product, never define it


@dataclass(frozen=True, slots=True)
class Prepared:
    """Everything the features need about one item, in plain Python (the index packs it to arrays)."""
    item: Item
    title: Tokens
    body: Tokens
    terms: dict[str, bool]                        # stem -> names what the item is (title, not purpose)
    title_key: str                                # sorted head stems of the title, for rapidfuzz
    lang: int
    hs: dict[str, tuple[int, bool]]               # prefix -> (depth, whole code)
    hs_mode: int
    nace: dict[str, tuple[int, bool]]
    nace_mode: int
    concepts: dict[int, float]                    # concept index -> weight
    head_concepts: frozenset[int]                 # named in the title as what the item is
    hits: tuple[tuple[vocabulary.Hit, bool], ...]  # (hit, in title) for explanations
    inferred_from: dict[str, str]                 # "h:8436" -> the words the classifier read it from
    kind: int                                     # goods, service or unknown

    def inferred_phrase(self, key: str) -> str:
        """The words an inferred code ("h:8436", "n:2830") was read from."""
        return self.inferred_from[key]

    @property
    def volume(self) -> float | None:
        return float(self.item.volume_usd) if self.item.volume_usd else None


def _is_purpose(tokens: Tokens, hit: vocabulary.Hit) -> bool:
    return all(tokens.purpose[p] for p in hit.positions)


def inferred_codes(item: Item) -> dict[str, str]:
    """The codes the classifier reads from an item's words: "h:8436" / "n:2830" -> the words read.
    The costly part of preparing an item (≈ 80 %): an index keeps the result, so an item prepared
    again for an explanation passes it back to `prepare` instead of asking the classifier twice."""
    inferred: dict[str, str] = {}
    for suggestion in classifier.infer(item.title, item.description):
        code = suggestion.code if suggestion.scheme == "hs" else codes.nace_digits(suggestion.code)
        kind_key = codes.HS if suggestion.scheme == "hs" else codes.NACE
        inferred.setdefault(f"{kind_key}:{code}", suggestion.evidence[0] if suggestion.evidence else "")
    return inferred


def prepare(item: Item, inferred: tuple[tuple[str, str], ...] | None = None) -> Prepared:
    """Everything the features need about an item; `inferred` is what inferred_codes(item) gave
    before, as (key, words) pairs in its order (the classifier is then not asked again)."""
    title, body = tokenize(item.title), tokenize(item.description)
    head_words = {s for s, p in zip(title.stems, title.purpose) if not p} or set(title.stems)
    terms: dict[str, bool] = {s: False for s in body.stems + title.stems}
    terms.update({s: True for s in head_words})
    title_hits = vocabulary.find(title)
    body_hits = vocabulary.find(body)
    head_hits = [h for h in title_hits if not _is_purpose(title, h)]
    concepts: dict[int, float] = {}
    for hit in body_hits + [h for h in title_hits if _is_purpose(title, h)]:
        c = hit.concept
        concepts[c.index] = max(concepts.get(c.index, 0.0), c.weight * SIDE_CONCEPT_WEIGHT)
    for hit in head_hits:
        concepts[hit.concept.index] = hit.concept.weight
    hits = tuple((h, True) for h in title_hits) + tuple((h, False) for h in body_hits)

    kind = _kind(head_hits or title_hits, title)
    # Inferred codes come from the one classifier the picker and the API use too.
    inferred = dict(inferred) if inferred is not None else inferred_codes(item)

    def pick(kind: str, declared: tuple[str, ...]) -> tuple[dict[str, tuple[int, bool]], int]:
        found = codes.entries(kind, tuple(declared))
        if found:
            return found, MODE_DECLARED
        guessed = tuple(key[2:] for key in inferred if key.startswith(kind + ":"))
        found = codes.entries(kind, guessed)
        return found, (MODE_INFERRED if found else MODE_NONE)

    hs, hs_mode = pick(codes.HS, item.hs_codes)
    nace, nace_mode = pick(codes.NACE, item.nace_codes)
    return Prepared(item, title, body, terms, " ".join(sorted(head_words)), title.lang | body.lang,
                    hs, hs_mode, nace, nace_mode, concepts,
                    frozenset(h.concept.index for h in head_hits), hits, inferred, kind)


def _kind(hits: list[vocabulary.Hit], tokens: Tokens) -> int:
    """Goods or service, from the head concept of each clause of the title (Russian noun phrases
    start with the head, «ремонт станков»; English compounds end with it, "machine repair").
    Only a title whose clauses all agree is called goods or service."""
    heads: dict[int, vocabulary.Hit] = {}
    for hit in hits:
        if hit.concept.weight < ATTRIBUTE_WEIGHT:
            continue
        clause = tokens.clause[hit.positions[0]]
        if clause not in heads or tokens.lang == LANG_EN:
            heads[clause] = hit
    services = {h.concept.service for h in heads.values()}
    if len(services) != 1:
        return KIND_UNKNOWN
    return KIND_SERVICE if services.pop() else KIND_GOODS
