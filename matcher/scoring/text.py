"""Text normalisation: lowercase, ё→е, punctuation and numbers out, RU/EN snowball stems."""
from __future__ import annotations

import re
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from matcher.scoring import stopwords

_WORD = re.compile(r"[a-zа-яіўїє0-9]+")
_CYRILLIC = re.compile(r"[а-яіўїє]")
_CYRILLIC_LETTERS = frozenset("абвгдежзийклмнопрстуфхцчшщъыьэюяіўїє")
_LATIN = re.compile(r"[a-z]")
# Russian stems keep the fleeting vowel of the nominative (станок / станка, образец / образцы):
# folding "…ок", "…ек", "…ец", "…ен" to the oblique form makes both cases one term.
_FLEETING = ("ок", "ек", "ец", "ен")
# Homonyms the snowball stemmer merges with «сыр» (cheese): сырьё (raw material), сырой (raw).
_RU_WORDS = {w: "сырье" for w in "сырье сырья сырью сырьем сырьевой сырьевые сырьевых".split()}
_RU_WORDS.update({w: "сыро" for w in "сырой сырая сырое сырые сырых сырым сырую сырыми".split()})
# British and American spellings meet before stemming (centre/center, tyre/tire).
_SPELLING = {"centre": "center", "centres": "centers", "tyre": "tire", "tyres": "tires",
             "yoghurt": "yogurt", "yoghurts": "yogurts", "fibre": "fiber", "fibres": "fibers",
             "aluminium": "aluminum", "colour": "color", "colours": "colors", "metre": "meter",
             "mould": "mold", "moulds": "molds", "programme": "program", "litre": "liter",
             "buses": "bus", "lorries": "lorry", "harbour": "harbor", "grey": "gray"}
_LOOKALIKE = str.maketrans("авсекмнорстух", "abcekmhopctyx")
LANG_RU, LANG_EN = 1, 2

_RU_STEMMER = snowballstemmer.stemmer("russian")
_EN_STEMMER = snowballstemmer.stemmer("english")
# A Snowball stemmer keeps the word it is stemming on itself: two threads (a worker's index thread
# preparing a tail, a request explaining a match) stemming at once garble each other's stems.
_STEMMING = threading.Lock()


def normalise(text: str) -> str:
    """Lowercase, ё→е, everything but letters and digits becomes a single space."""
    return " ".join(_WORD.findall(text.lower().replace("ё", "е")))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Stem one normalised word with the stemmer of its script; codes like a500c stay as they are."""
    if any(ch.isdigit() for ch in word):
        return word.translate(_LOOKALIKE)   # grades like А500С are typed in either alphabet
    if _CYRILLIC.match(word):
        if word in _RU_WORDS:
            return _RU_WORDS[word]
        with _STEMMING:
            base = _RU_STEMMER.stemWord(word)
        return base[:-2] + base[-1] if len(base) >= 5 and base.endswith(_FLEETING) else base
    with _STEMMING:
        return _EN_STEMMER.stemWord(_SPELLING.get(word, word))


def is_content_word(word: str) -> bool:
    """A word that can carry product meaning: not a stop word, not a bare number, not one letter."""
    return len(word) > 1 and not word.isdigit() and word not in stopwords.ALL


@dataclass(frozen=True, slots=True)
class Tokens:
    """The content words of a text in order, their stems, which of them only state a purpose
    («шины для карьерных самосвалов»: the product is the tyre), and the script(s) used."""
    words: tuple[str, ...]
    stems: tuple[str, ...]
    purpose: tuple[bool, ...]
    clause: tuple[int, ...]          # which comma/colon-separated part each word is in
    lang: int


_TOKEN = re.compile(r"[a-zа-яіўїє0-9]+|[,;:.()\[\]\n«»\"!?/]+")
_PURPOSE_WORDS = frozenset({"для", "for"})
# Heads that say nothing about the product on their own.
_GENERIC_HEADS = frozenset(stem(w) for w in """оборудование техника продукция продукты изделия материалы
    товары машины запчасти комплектующие услуги решения системы equipment machinery machines products
    goods materials parts services solutions systems supplies items""".split())


def tokenize(text: str) -> Tokens:
    """Split a text into content words and stems; lang is a bit set of LANG_RU / LANG_EN.
    Words after «для» / "for" up to the end of the clause are marked as purpose."""
    low = text.lower()
    cased = text if len(low) == len(text) else low      # for the capitalised-name test below
    words: list[str] = []
    purpose: list[bool] = []
    clauses: list[int] = []
    clause, after_for, cyrillic, latin, names = 0, False, 0, 0, 0
    stop = stopwords.ALL
    for m in _TOKEN.finditer(low.replace("ё", "е")):
        word = m.group()
        first = word[0]
        if not first.isalnum():
            clause, after_for = clause + 1, False
            continue
        if first in _CYRILLIC_LETTERS:
            cyrillic += 1
        elif "a" <= first <= "z":
            latin += 1
            names += cased[m.start()].isupper()
        if word in _PURPOSE_WORDS:
            after_for = True
        elif len(word) > 1 and word not in stop and not word.isdigit():     # = is_content_word
            words.append(sys.intern(word))      # shared by every item that uses the word
            purpose.append(after_for)
            clauses.append(clause)
    stems = tuple(stem(w) for w in words)
    if all(s in _GENERIC_HEADS for s, p in zip(stems, purpose) if not p):
        purpose = [False] * len(words)   # «оборудование для молочного завода»: the purpose is the point
    return Tokens(tuple(words), stems, tuple(purpose), tuple(clauses), _language(cyrillic, latin, names))


def _language(cyrillic: int, latin: int, names: int) -> int:
    """Bits of the scripts of at least 30 % of the words; capitalised Latin words inside Cyrillic
    text are names (Siemens, Fanuc) and do not make it English."""
    if cyrillic:
        latin -= names
    total = cyrillic + latin
    if not total:
        return 0
    return (LANG_RU if cyrillic >= 0.3 * total else 0) | (LANG_EN if latin >= 0.3 * total else 0)
