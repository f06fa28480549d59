"""The product's thresholds and languages, each declared once by name (one frozen object) and read by every surface."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    # Languages: every surface offers these, the first preferred when a client accepts any.
    languages: tuple[str, ...] = ("ru", "en")
    # Web pages, mail, the CLI, and the API's files, agendas and code labels when neither a `lang`
    # parameter nor Accept-Language decides.
    default_language: str = "ru"
    # The API's match reasons without Accept-Language: English (../shared/API.md's examples).
    api_reasons_language: str = "en"

    # A pair worth a meeting: the default lowest score of a mission's match list and schedule (the
    # API contract's `min_score=40`), and what the home page counts as a suggestion.
    meeting_min_score: float = 40.0
    # A mission's match list: at most this many pairs per company (the API contract's `per_company=10`).
    mission_pairs_per_company: int = 10
    # Lists of a company's or a niche's matches on the web: below this a «match» is noise, nothing the
    # two trade in common but the corridor.
    listing_min_score: float = 10.0
    # «Good»: the only matches worth a mail (weekly digests).
    digest_min_score: float = 50.0

    def __post_init__(self) -> None:
        if self.default_language not in self.languages or self.api_reasons_language not in self.languages:
            raise ValueError(f"default languages must be among {self.languages}")
        for name in ("meeting_min_score", "listing_min_score", "digest_min_score"):
            if not 0 <= getattr(self, name) <= 100:
                raise ValueError(f"{name} is a score: 0..100")

    def preferring(self, first: str) -> tuple[str, ...]:
        """The languages with `first` ahead: the order that breaks a tie in Accept-Language («*»)."""
        return (first,) + tuple(lang for lang in self.languages if lang != first)

    def choose_language(self, explicit: str | None = None, accept=None, fallback: str | None = None) -> str:
        """The one rule of every surface: `explicit` (a parameter, a cookie, an account's choice) if it is
        one of ours, else the best of `accept` (werkzeug's Accept-Language), else `fallback` (the
        default language)."""
        fallback = fallback or self.default_language
        if explicit in self.languages:
            return explicit
        found = accept.best_match(self.preferring(fallback)) if accept is not None else None
        return found or fallback

    def language_spoken_by(self, spoken) -> str:
        """The first of our languages a company works in (its declared languages), else the default."""
        return next((lang for lang in self.languages if lang in (spoken or ())), self.default_language)


SETTINGS = Settings()
