"""Code lookups for every surface (picker, API, imports): one thin service over matcher.classifier."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

from matcher import classifier
from matcher.settings import SETTINGS

LANGUAGES = SETTINGS.languages
SCHEMES = ("hs", "nace")
MAX_QUERY_CHARS = 200
MAX_TITLE_CHARS = 300
MAX_DESCRIPTION_CHARS = 5000
# A person picking codes reads the list top-down: codes far less likely than the best one (a single
# stray word such as «band» → watch straps) cost attention and trust, so the picker leaves them out.
# The API keeps them: a program has the confidence and its own threshold.
PICKER_RELATIVE_FLOOR = 0.1


@dataclass(frozen=True)
class CodeHit:
    """A code as a surface shows it: the label in the reader's language, how sure, and the words behind it."""

    scheme: str  # "hs" | "nace"
    code: str
    label: str
    confidence: float = 0.0
    evidence: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"scheme": self.scheme, "code": self.code, "label": self.label,
                "confidence": round(self.confidence, 3), "evidence": list(self.evidence)}


@dataclass
class CodeSearch:
    """What the picker shows for a query: the hits, and where they came from when the query itself found none.

    `source` is "search" (the words typed), "did_you_mean" (`corrected_to`, the first spelling
    correction that found codes) or "description" (the block's own title and description);
    `corrections` are the spellings the classifier proposes, offered to the user as «did you mean».
    """

    query: str
    hits: list[CodeHit] = field(default_factory=list)
    source: str = "search"
    corrections: list[str] = field(default_factory=list)
    corrected_to: str = ""


_warm_up: threading.Thread | None = None
_warm_up_lock = threading.Lock()


def warm_up_in_background() -> None:
    """Load the classifier's data (morphology, lexicon, title index: a few seconds) in a background thread,
    once per process. Called when someone opens a page with the picker: by their first keystroke the data
    is there. Not at worker start, where it would slow every worker's first seconds for all requests."""
    global _warm_up
    with _warm_up_lock:
        if _warm_up is None:
            _warm_up = threading.Thread(target=classifier.warm_up, name="classifier-warm-up", daemon=True)
            _warm_up.start()


def warm_up_thread() -> threading.Thread | None:
    """The background warm-up, once started (None before)."""
    return _warm_up


def _after_warm_up() -> None:
    """A request that comes while the data is loading waits for that load instead of loading it a second time."""
    warming = _warm_up
    if warming is not None and warming.is_alive() and warming is not threading.current_thread():
        warming.join()


def search_codes(query: str, lang: str, limit: int = 12, scheme: str | None = None) -> list[CodeHit]:
    """HS and NACE codes for the words typed (Russian, English, jargon, typos), best first."""
    query = (query or "").strip()[:MAX_QUERY_CHARS]
    if not query:
        return []
    _after_warm_up()
    return _hits(classifier.search(query, scheme=scheme, lang=lang, limit=limit), lang)


def suggest_codes(title: str = "", description: str = "", lang: str = "ru", limit: int = 8,
                  schemes: tuple[str, ...] = SCHEMES) -> list[CodeHit]:
    """Codes proposed for an offer or need from its title and description, best first."""
    title = (title or "").strip()[:MAX_TITLE_CHARS]
    description = (description or "").strip()[:MAX_DESCRIPTION_CHARS]
    if not (title or description):
        return []
    _after_warm_up()
    return _hits(classifier.suggest(title=title, description=description, lang=lang, limit=limit,
                                    schemes=schemes), lang)


def proposals_in_both_languages(title: str, description: str, limit: int = 3) -> list[dict]:
    """Codes proposed for a title and description, labelled in Russian and English (for reports a person reads
    in either language), without those far less likely than the best, as in the picker."""
    title = (title or "").strip()[:MAX_TITLE_CHARS]
    description = (description or "").strip()[:MAX_DESCRIPTION_CHARS]
    if not (title or description):
        return []
    _after_warm_up()
    suggestions = classifier.suggest(title=title, description=description, limit=limit)
    floor = suggestions[0].confidence * PICKER_RELATIVE_FLOOR if suggestions else 0.0
    return [{"scheme": s.scheme, "code": s.code, "label_ru": s.label("ru"), "label_en": s.label("en"),
             "confidence": round(float(s.confidence), 3), "evidence": list(s.evidence)}
            for s in suggestions if s.confidence >= floor]


def spelling_suggestions(query: str, lang: str, limit: int = 5) -> list[str]:
    """Other spellings of a query that found nothing («харвестр» → «харвестер»), best first."""
    query = (query or "").strip()[:MAX_QUERY_CHARS]
    if not query:
        return []
    _after_warm_up()
    return [word for word in dict.fromkeys(classifier.did_you_mean(query, lang=lang)) if word.strip()][:limit]


def worth_showing(hits: list[CodeHit]) -> list[CodeHit]:
    """The hits a person should read: the best one, and those at least PICKER_RELATIVE_FLOOR as likely."""
    if not hits:
        return []
    floor = hits[0].confidence * PICKER_RELATIVE_FLOOR
    return [hits[0]] + [hit for hit in hits[1:] if hit.confidence >= floor]


def find_codes_for_picker(query: str, lang: str, title: str = "", description: str = "",
                          limit: int = 12) -> CodeSearch:
    """The picker never answers with an empty box: the query, else its corrections, else the block's own words."""
    query = (query or "").strip()[:MAX_QUERY_CHARS]
    result = CodeSearch(query=query)
    if query:
        result.hits = worth_showing(search_codes(query, lang, limit=limit))
        if result.hits:
            return result
        result.corrections = spelling_suggestions(query, lang)
        for correction in result.corrections:
            result.hits = worth_showing(search_codes(correction, lang, limit=limit))
            if result.hits:
                result.source, result.corrected_to = "did_you_mean", correction
                return result
    result.hits = worth_showing(suggest_codes(title, description, lang, limit=limit))
    result.source = "description"
    return result


def _hits(suggestions, lang: str) -> list[CodeHit]:
    return [CodeHit(s.scheme, s.code, s.label(lang), float(s.confidence), tuple(s.evidence)) for s in suggestions]
