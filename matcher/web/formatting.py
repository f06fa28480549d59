"""Template helpers: names of countries, regions and codes in the page's language; money; dates."""
from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache

import pycountry
from babel.numbers import format_compact_currency
from flask import request, url_for
from flask_babel import format_date, format_datetime
from flask_babel import lazy_gettext as _l

from matcher.settings import SETTINGS
from matcher.taxonomy import hs, nace, regions
from matcher.web import web
from matcher.web.i18n import current_language
from matcher.web.security import current_company, current_user

CORRIDOR_COUNTRIES = ("BY", "RU")

ROLE_LABELS = {"supplier": _l("Supplier"), "buyer": _l("Buyer")}

# The engine's feature names, as a person reads them.
FEATURE_LABELS = {
    "hs_codes": _l("Product codes (HS)"),
    "nace_codes": _l("Activity codes (NACE)"),
    "text": _l("Similar wording"),
    "concepts": _l("Same products named"),
    "volume": _l("Volume fits capacity"),
    "niche": _l("Fills a departed firm's niche"),
    "geography": _l("Belarus ↔ Perm Krai corridor"),
    "certifications": _l("Shared certifications"),
    "languages": _l("Common language"),
    "service_mismatch": _l("Service versus goods"),
    "cooperation": _l("Kind of cooperation"),  # issue 15
}


def country_name(code: str | None) -> str:
    return regions.country_name(code, current_language()) if code else ""


# pycountry spells Belarus's regions in Belarusian Latin (Mahilioŭskaja voblasć); English pages say this.
_BELARUS_REGIONS_EN = {
    "BY-BR": "Brest Region", "BY-HO": "Gomel Region", "BY-HR": "Grodno Region", "BY-HM": "Minsk",
    "BY-MI": "Minsk Region", "BY-MA": "Mogilev Region", "BY-VI": "Vitebsk Region",
}


def region_name(code: str | None) -> str:
    if not code:
        return ""
    language = current_language()
    if language != "ru" and code in _BELARUS_REGIONS_EN:
        return _BELARUS_REGIONS_EN[code]
    return regions.region_name(code, language)


def place(country: str | None, region: str | None, city: str | None) -> str:
    """«Гомель, Гомельская область, Беларусь»; a region that is the city itself (Minsk) is said once."""
    parts = [city] if city else []
    if region:
        names = {region_name(region), regions.region_name(region, "ru"), regions.region_name(region, "en")}
        if not city or city.casefold() not in {n.casefold() for n in names}:
            parts.append(region_name(region))
    if country:
        parts.append(country_name(country))
    return ", ".join(parts)


def code_label(scheme: str, code: str) -> str:
    finder = hs.label if scheme == "hs" else nace.label
    return finder(code, current_language()) or ""


def usd(amount: int | float | None) -> str:
    if amount is None:
        return ""
    return format_compact_currency(amount, "USD", locale=current_language(), fraction_digits=1)


def when(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return format_datetime(moment, "medium")


def day(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return format_date(moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc), "long")


def feature_label(feature: str) -> str:
    label = FEATURE_LABELS.get(feature)
    return str(label) if label else feature.replace("_", " ")


@lru_cache(maxsize=4)
def _countries_sorted(language: str) -> tuple[tuple[str, str], ...]:
    names = [(c.alpha_2, regions.country_name(c.alpha_2, language)) for c in pycountry.countries]
    first = [n for n in names if n[0] in CORRIDOR_COUNTRIES]
    first.sort(key=lambda n: CORRIDOR_COUNTRIES.index(n[0]))
    rest = sorted((n for n in names if n[0] not in CORRIDOR_COUNTRIES), key=lambda n: n[1].casefold())
    return tuple(first + rest)


def country_choices() -> tuple[tuple[str, str], ...]:
    return _countries_sorted(current_language())


def region_choices(country: str | None) -> list[tuple[str, str]]:
    """(code, name) of a country's regions, by name in the page's language."""
    if not country:
        return []
    return sorted(((code, region_name(code)) for code, _ in regions.regions_of(country.upper())),
                  key=lambda pair: pair[1].casefold())


def company_display_name(company) -> str:
    """The English name on English pages when the company gave one."""
    name_en = company.get("name_en") if isinstance(company, dict) else getattr(company, "name_en", None)
    name = company.get("name") if isinstance(company, dict) else company.name
    return name_en if current_language() == "en" and name_en else name


def page_url(page: int) -> str:
    """This page's address with the same filters and another page number."""
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return url_for(request.endpoint, **(request.view_args or {}), **args, page=page)


@web.app_context_processor
def _page_globals() -> dict:
    return {
        "current_user": current_user(),
        "current_company": current_company(),
        "lang": current_language(),
        "languages": SETTINGS.languages,
        "here": request.full_path.rstrip("?") if request else "/",
        "country_name": country_name,
        "region_name": region_name,
        "place": place,
        "code_label": code_label,
        "usd": usd,
        "when": when,
        "day": day,
        "feature_label": feature_label,
        "role_labels": ROLE_LABELS,
        "display_name": company_display_name,
        "page_url": page_url,
    }
