"""Countries (ISO 3166-1) and their regions (ISO 3166-2) via pycountry, with Russian names."""
from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry

from matcher.messages.codes import COUNTRY_UNKNOWN, REGION_ELSEWHERE, REGION_UNKNOWN
from matcher.taxonomy import CodeError

# pycountry carries Russian country names but only transliterated subdivision names;
# the corridor's own regions get their Russian names here.
_REGION_NAMES_RU = {
    "BY-BR": "Брестская область", "BY-HO": "Гомельская область", "BY-HR": "Гродненская область",
    "BY-HM": "Минск", "BY-MI": "Минская область", "BY-MA": "Могилёвская область",
    "BY-VI": "Витебская область", "RU-PER": "Пермский край", "RU-MOW": "Москва",
    "RU-SPE": "Санкт-Петербург", "RU-SVE": "Свердловская область", "RU-TA": "Республика Татарстан",
    "RU-BA": "Республика Башкортостан", "RU-UD": "Удмуртская Республика",
    "RU-KIR": "Кировская область", "RU-KO": "Республика Коми", "RU-CHE": "Челябинская область",
    "RU-MOS": "Московская область", "RU-NIZ": "Нижегородская область", "RU-VOR": "Воронежская область",
}
_REGION_NAMES_EN = {"RU-PER": "Perm Krai", "BY-HM": "Minsk", "BY-MI": "Minsk Region"}


@lru_cache(maxsize=1)
def _russian_countries() -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    except OSError:
        return gettext.NullTranslations()


def validate_country(raw: str) -> str:
    code = str(raw).strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise CodeError(COUNTRY_UNKNOWN(value=raw))
    return code


def validate_region(raw: str, country: str) -> str:
    """An ISO 3166-2 code such as RU-PER that belongs to `country`."""
    code = str(raw).strip().upper()
    sub = pycountry.subdivisions.get(code=code)
    if sub is None:
        raise CodeError(REGION_UNKNOWN(value=raw))
    if sub.country_code != country:
        raise CodeError(REGION_ELSEWHERE(value=code, country=country))
    return code


def country_name(code: str, lang: str = "en") -> str:
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    name = getattr(country, "common_name", None) or country.name
    return _russian_countries().gettext(country.name) if lang == "ru" else name


def region_name(code: str, lang: str = "en") -> str:
    if lang == "ru" and code in _REGION_NAMES_RU:
        return _REGION_NAMES_RU[code]
    if code in _REGION_NAMES_EN:
        return _REGION_NAMES_EN[code]
    sub = pycountry.subdivisions.get(code=code)
    return sub.name if sub else code


def regions_of(country: str) -> list[tuple[str, str]]:
    """(code, English name) of every region of a country, sorted by code."""
    subs = pycountry.subdivisions.get(country_code=country) or []
    return sorted((s.code, s.name) for s in subs)
