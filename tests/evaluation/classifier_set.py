"""Load the classifier's evaluation phrases and score a ranker's heading accuracy on them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("classifier_phrases.tsv")


@dataclass(frozen=True)
class Phrase:
    split: str                      # "dev" (looked at while building) or "holdout" (never looked at)
    lang: str
    acceptable: frozenset[str]      # HS headings ("8465") or NACE classes ("85.59")
    text: str

    @property
    def scheme(self) -> str:
        return "nace" if any("." in code for code in self.acceptable) else "hs"


def load(path: Path = DATA) -> list[Phrase]:
    phrases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        split, lang, codes, text = line.split("\t")
        phrases.append(Phrase(split, lang, frozenset(codes.split(",")), text))
    return phrases


def headings(scheme: str, ranked: list[tuple[str, str]]) -> list[str]:
    """The distinct headings (HS 4 digits) or classes (NACE) of a ranked (scheme, code) list, in order."""
    out: list[str] = []
    for code_scheme, code in ranked:
        if code_scheme != scheme:
            continue
        key = code[:4] if scheme == "hs" else code[:5]
        if (len(key) == 4 if scheme == "hs" else len(key) == 5) and key not in out:
            out.append(key)
    return out


@lru_cache(maxsize=1)
def _official_stems() -> frozenset[str]:
    from matcher.taxonomy import hs, nace
    from matcher.scoring.text import stem
    texts = list(hs._wco_english().values()) + list(hs._russian().values())
    texts += [nace.label(c, lang) or "" for c in nace._table() for lang in ("ru", "en")]
    return frozenset(stem(w) for t in texts for w in re.findall(r"\w+", t.lower().replace("ё", "е")))


def uses_unofficial_words(phrase: Phrase) -> bool:
    """The phrase has a word (by stem) that no official HS or NACE title contains: jargon, brands, abbreviations."""
    from matcher.scoring.text import is_content_word, stem
    words = [w for w in re.findall(r"\w+", phrase.text.lower().replace("ё", "е")) if is_content_word(w)]
    return any(stem(w) not in _official_stems() for w in words)
