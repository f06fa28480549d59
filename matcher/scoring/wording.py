"""The words of the reasons' details in each reader's language, from the one message catalogue."""
from __future__ import annotations

from functools import lru_cache

from matcher.messages import CATALOGUE, LANGUAGES, READER, MessageDefinition, translator
from matcher.messages import reasons as R

# the phrases by the keys the scoring code names them with ("similar_spelling" -> R.SIMILAR_SPELLING)
PHRASES = {name.lower(): value for name, value in vars(R).items() if isinstance(value, MessageDefinition)}

# Levels of a shared code prefix by its digits: HS / TN VED and NACE / OKVED 2
HS_LEVELS = {2: R.HS_CHAPTER, 4: R.HS_HEADING}
HS_DEEPER = R.HS_SUBHEADING
NACE_LEVELS = {2: R.NACE_DIVISION, 3: R.NACE_GROUP}
NACE_DEEPER = R.NACE_CLASS


def checked(lang: str) -> str:
    """The language itself, or ValueError naming the ones there are."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown reasons language {lang!r}; known: {', '.join(sorted(LANGUAGES))}")
    return lang


# The phrases are defined in matcher/messages/reasons.py; Russian comes from matcher/translations.
@lru_cache(maxsize=256)
def _text(code: str, lang: str) -> str:
    """English is the catalogue's own text (what the API has always shown); other languages translate."""
    return CATALOGUE[code] if lang == "en" else translator(lang)(READER[code])


def say(key: str, lang: str = "en", **values) -> str:
    text = _text(PHRASES[key].code, lang)
    return text % values if values else text


def level(kind_is_hs: bool, digits: int, lang: str = "en") -> str:
    """The name of a shared prefix's level: «heading», «товарная позиция» …"""
    definition = (HS_LEVELS.get(digits, HS_DEEPER) if kind_is_hs else NACE_LEVELS.get(digits, NACE_DEEPER))
    return _text(definition.code, lang)


def number(value: float, lang: str = "en") -> str:
    """1.5 in English, 1,5 in Russian."""
    text = f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"
    return text.replace(".", ",") if lang == "ru" else text
