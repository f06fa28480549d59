"""One bilingual product classifier: a company's own words (RU/EN, jargon, typos) → HS headings and NACE classes."""
from __future__ import annotations

from dataclasses import dataclass

SCHEMES = ("hs", "nace")


@dataclass(frozen=True)
class Suggestion:
    """A code proposed for some words, how sure the classifier is, and which of the user's words produced it."""

    scheme: str                 # "hs" | "nace"
    code: str                   # HS 4–6 digits ("8465", "846591"); NACE dotted class "28.49"
    label_ru: str
    label_en: str
    confidence: float           # 0..1; 0.8 means "usually right" on the evaluation set
    evidence: tuple[str, ...]   # the user's own words, as typed

    def label(self, lang: str) -> str:
        """The label in `lang` ('ru' or 'en'), the other language when that one is missing."""
        if lang == "ru":
            return self.label_ru or self.label_en
        return self.label_en or self.label_ru


def suggest(title: str = "", description: str = "", lang: str | None = None,
            limit: int = 10, schemes: tuple[str, ...] = SCHEMES) -> list[Suggestion]:
    """Codes for an offer or need described in words, best first (title words weigh more than the description's)."""
    from matcher.classifier.ranker import rank
    return rank(title or "", description or "", limit=limit, schemes=tuple(schemes))


def search(query: str, scheme: str | None = None, lang: str | None = None, limit: int = 12) -> list[Suggestion]:
    """A code or code prefix → those codes; words → the best codes; never empty when any code is plausible."""
    from matcher.classifier.lookup import search as _search
    return _search(query or "", scheme=scheme, limit=limit)


def infer(title: str = "", description: str = "") -> list[Suggestion]:
    """The codes an uncoded offer or need most likely carries (the engine's inferred codes): the best
    HS headings and NACE classes, and those backed nearly as well."""
    from matcher.classifier.ranker import infer as _infer
    return list(_infer(title or "", description or ""))


def did_you_mean(query: str, lang: str | None = None) -> list[str]:
    """Spelling fixes for a query, best first («харвестр» → «харвестер»); empty when every word is known."""
    from matcher.classifier.spelling import corrections
    return corrections(query or "", lang=lang)


def warm_up() -> None:
    """Load the morphology, the lexicon, the official titles' index and the spelling list now (about 2–4 s),
    so that the first user of the picker does not wait for them."""
    suggest("станки по дереву", "харвестр")
    search("8465")


__all__ = ["Suggestion", "suggest", "search", "infer", "did_you_mean", "warm_up", "SCHEMES"]
