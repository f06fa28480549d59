"""Company names compared across scripts: «Амкодор» = "Amkodor", legal forms and quotes ignored."""
from __future__ import annotations

import re

from rapidfuzz import fuzz, process

# Russian and Belarusian letters in a simplified BGN/PCGN romanisation, the one most companies
# use for their Latin names (Gomselmash, Belaruskali, Amkodor).
_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "і": "i", "ў": "u", "ґ": "g", "є": "ye", "ї": "yi",
}
_TRANSLATION = str.maketrans(_CYRILLIC_TO_LATIN)

# Spelling variants that different romanisations produce for the same Cyrillic letters.
_LATIN_VARIANTS = (
    ("shch", "sh"), ("sch", "sh"), ("kh", "h"), ("ts", "c"), ("zh", "j"),
    ("iy", "i"), ("yi", "i"), ("ii", "i"), ("ya", "ia"), ("yu", "iu"), ("ye", "e"), ("w", "v"),
    ("x", "ks"), ("y", "i"),
)

# Legal forms, longest first so that «открытое акционерное общество» goes before «общество».
_LEGAL_FORMS = sorted((
    "открытое акционерное общество", "закрытое акционерное общество", "публичное акционерное общество",
    "непубличное акционерное общество", "акционерное общество",
    "общество с ограниченной ответственностью", "общество с дополнительной ответственностью",
    "совместное общество с ограниченной ответственностью", "иностранное общество с ограниченной ответственностью",
    "частное торговое унитарное предприятие", "частное производственное унитарное предприятие",
    "частное унитарное предприятие", "республиканское унитарное предприятие",
    "коммунальное унитарное предприятие", "унитарное предприятие", "индивидуальный предприниматель",
    "оао", "зао", "ооо", "одо", "пао", "нао", "ао", "чуп", "чтуп", "чпуп", "руп", "куп", "уп", "сооо",
    "иооо", "ип", "тоо", "ааt", "аат", "зат", "таа",
    "open joint stock company", "closed joint stock company", "public joint stock company",
    "joint stock company", "limited liability company", "private unitary enterprise",
    "republican unitary enterprise", "unitary enterprise",
    "oao", "zao", "ooo", "odo", "pao", "ojsc", "cjsc", "pjsc", "jsc", "llc", "ltd", "limited", "inc",
    "gmbh", "corp", "plc", "co", "ue", "pue", "rue",
), key=len, reverse=True)
_LEGAL_PATTERN = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in _LEGAL_FORMS) + r")(?!\w)")
_NOT_WORD = re.compile(r"[^\w]+|_")
_NUMBER = re.compile(r"\d+")
SAME_COMPANY_SIMILARITY = 90.0
SHORT_NAME = 6  # keys shorter than this must be equal to count as the same name


def transliterate(text: str) -> str:
    """Cyrillic letters to Latin ones; other characters are kept."""
    return text.lower().translate(_TRANSLATION)


def name_key(name: str | None) -> str:
    """A spelling-independent key: lower case, no legal form, no quotes or spaces, Latin letters."""
    text = _NOT_WORD.sub(" ", (name or "").lower().replace("ё", "е"))
    text = _LEGAL_PATTERN.sub(" ", text)
    key = transliterate(text).replace(" ", "")
    for variant, common in _LATIN_VARIANTS:
        key = key.replace(variant, common)
    return key


def key_similarity(key_a: str, key_b: str) -> float:
    """0..100 for two name keys; short names (MAZ, MTZ, BelAZ) are alike only when equal, and names
    with different numbers in them are different companies however alike the letters."""
    if not key_a or not key_b:
        return 0.0
    if key_a == key_b:
        return 100.0
    if _NUMBER.findall(key_a) != _NUMBER.findall(key_b):  # «Filler 00001» and «Filler 00000», «Plant 1» and «Plant 2»
        return 0.0
    if min(len(key_a), len(key_b)) < SHORT_NAME:
        return 0.0
    return float(fuzz.ratio(key_a, key_b))


def name_similarity(a: str | None, b: str | None) -> float:
    """0..100: how alike two company names are once script, legal form and punctuation are set aside."""
    return key_similarity(name_key(a), name_key(b))


def same_company_name(a: str | None, b: str | None) -> bool:
    return name_similarity(a, b) >= SAME_COMPANY_SIMILARITY


class NameIndex:
    """Names to look up many times, each under one or more spellings (name, name_en)."""

    def __init__(self) -> None:
        self._keys: list[str] = []
        self._owners: list[object] = []

    def add(self, owner, *names: str | None) -> None:
        for key in {name_key(n) for n in names if n}:
            if key:
                self._keys.append(key)
                self._owners.append(owner)

    def find(self, *names: str | None) -> list[tuple[float, object]]:
        """Owners whose names are the same company name as one of `names`, best first."""
        best: dict[int, float] = {}
        for key in {name_key(n) for n in names if n}:
            if not key:
                continue
            cutoff = 100.0 if len(key) < SHORT_NAME else SAME_COMPANY_SIMILARITY
            for _, score, index in process.extract(key, self._keys, scorer=fuzz.ratio, score_cutoff=cutoff,
                                                   limit=None):
                if key_similarity(key, self._keys[index]) >= SAME_COMPANY_SIMILARITY:
                    owner = id(self._owners[index])
                    best[owner] = max(best.get(owner, 0.0), float(score))
        owners = {id(o): o for o in self._owners}
        return sorted(((score, owners[oid]) for oid, score in best.items()), key=lambda t: -t[0])
