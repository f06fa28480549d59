"""Words of a text and their match keys: pymorphy3 lemmas for Russian (snowball stems when switched), stems for English."""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_TOKEN = re.compile(r"[a-zа-яіўїє0-9]+|[,;:.()\[\]\n«»\"!?/]+")
_CYRILLIC = re.compile(r"[а-яіўїє]")
_PURPOSE = frozenset({"для", "for", "под"})
STOP = frozenset("""
и в во на с со к ко по о об от до из за у а но или либо же ли не ни бы то что как так это при без над
the a an of and or in on at to by with from as is are be our we your per all any other
б у бу шт тн кг т мм см м г
""".split())
_RU_STEMMER = snowballstemmer.stemmer("russian")
_EN_STEMMER = snowballstemmer.stemmer("english")
_STEMMING = threading.Lock()        # a Snowball stemmer keeps the word it stems on itself: one thread at a time
_SPELLING = {"centre": "center", "centres": "centers", "tyre": "tire", "tyres": "tires", "fibre": "fiber",
             "yoghurt": "yogurt", "fertiliser": "fertilizer", "fertilisers": "fertilizers", "aluminium": "aluminum",
             "mould": "mold", "moulds": "molds", "plough": "plow", "ploughs": "plows", "lorries": "lorry",
             "harbour": "harbor", "colour": "color", "litre": "liter", "metre": "meter"}
# Latin letters that look Cyrillic, typed by a keyboard left in the other layout («ЛДCП» with a Latin C).
_TO_CYRILLIC = str.maketrans("aceopxykmthb", "асеорхукмтнв")
_LATIN = re.compile(r"[a-z]")
_settings = {"lemmas": True}


def use_lemmas(flag: bool) -> None:
    """Switch Russian keys between pymorphy3 lemmas (default) and snowball stems, to measure both."""
    _settings["lemmas"] = flag
    keys.cache_clear()
    key.cache_clear()


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3   # loaded once, on first Russian word (about 50 ms, 15 MB)
    return pymorphy3.MorphAnalyzer()


def _stem_ru(word: str) -> str:
    with _STEMMING:
        base = _RU_STEMMER.stemWord(word)
    # keep the fleeting vowel apart: станок / станка, образец / образцы
    return base[:-2] + base[-1] if len(base) >= 5 and base.endswith(("ок", "ек", "ец", "ен")) else base


def _stem_en(word: str) -> str:
    with _STEMMING:
        return _EN_STEMMER.stemWord(word)


@lru_cache(maxsize=200_000)
def keys(word: str) -> frozenset[str]:
    """Every key a text word may match: all its plausible lemmas (стали → сталь, стать), or its stem."""
    if any(ch.isdigit() for ch in word) or len(word) < 3:
        return frozenset({word})
    if _CYRILLIC.match(word):
        if not _settings["lemmas"]:
            return frozenset({_stem_ru(word)})
        parses = _morph().parse(word)
        found = {p.normal_form.replace("ё", "е") for p in parses[:4] if p.score >= 0.05 or p is parses[0]}
        return frozenset(found)
    return frozenset({_stem_en(_SPELLING.get(word, word))})


@lru_cache(maxsize=50_000)
def key(word: str) -> str:
    """The one key of a lexicon word (written in its dictionary form): its first lemma, or its stem."""
    if any(ch.isdigit() for ch in word) or len(word) < 3:
        return word
    if _CYRILLIC.match(word):
        if not _settings["lemmas"]:
            return _stem_ru(word)
        return _morph().parse(word)[0].normal_form.replace("ё", "е")
    return _stem_en(_SPELLING.get(word, word))


def normalise(text: str) -> str:
    return " ".join(re.findall(r"[a-zа-яіўїє0-9]+", text.lower().replace("ё", "е")))


@dataclass(frozen=True, slots=True)
class Text:
    """The content words of a text in order, as typed and lowercased, with their clause and purpose marks."""
    raw: tuple[str, ...]          # as the user typed them (evidence)
    words: tuple[str, ...]        # lowercased, ё → е
    purpose: tuple[bool, ...]     # after «для» / "for" in the same clause: what the product is for
    clause: tuple[int, ...]


def split(text: str) -> Text:
    raw, words, purpose, clauses = [], [], [], []
    clause, after_for = 0, False
    cased = text if len(text.lower()) == len(text) else text.lower()   # evidence keeps the user's spelling
    for m in _TOKEN.finditer(text.lower().replace("ё", "е")):
        word = m.group()
        if not word[0].isalnum():
            clause, after_for = clause + 1, False
            continue
        if word in _PURPOSE:
            after_for = True
            continue
        if _CYRILLIC.search(word) and _LATIN.search(word):
            word = word.translate(_TO_CYRILLIC)
        if word in STOP or word.isdigit():
            continue
        raw.append(cased[m.start():m.end()])
        words.append(word)
        purpose.append(after_for)
        clauses.append(clause)
    return Text(tuple(raw), tuple(words), tuple(purpose), tuple(clauses))
