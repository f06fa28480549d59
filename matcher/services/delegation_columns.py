"""The columns of a delegation file: names in English and Russian, and how a cell becomes a field."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pycountry

from matcher.taxonomy import regions


@dataclass(frozen=True)
class Column:
    field: str
    en: str                 # header in the English template
    ru: str                 # header in the Russian template
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("name", "name", "Название", ("company", "company name", "наименование", "компания",
                                         "название компании", "наименование организации", "организация")),
    Column("name_en", "name_en", "Название (EN)", ("english name", "name in english", "название на английском",
                                                    "название латиницей")),
    Column("country", "country", "Страна"),
    Column("region", "region", "Регион", ("область", "край", "область край", "субъект")),
    Column("city", "city", "Город", ("town",)),
    Column("roles", "roles", "Роли", ("role", "роль", "type", "тип")),
    Column("tax_id", "tax_id", "УНП / ИНН", ("tax id", "unp", "inn", "унп", "инн", "огрн", "ogrn", "унп инн",
                                             "инн унп", "tax number", "налоговый номер", "vat")),
    Column("website", "website", "Сайт", ("site", "web", "url", "веб сайт", "web site")),
    Column("email", "email", "Email", ("e mail", "почта", "эл почта", "электронная почта", "e mail address")),
    Column("phone", "phone", "Телефон", ("telephone", "tel", "тел", "phone number")),
    Column("description", "description", "Описание", ("about", "о компании", "описание компании")),
    Column("languages", "languages", "Языки", ("language", "язык", "языки общения")),
    Column("certifications", "certifications", "Сертификаты", ("certificates", "сертификация")),
    Column("offer_title", "offer_title", "Предложение", ("offer", "offers", "что продаёт", "продукция",
                                                         "предложение название")),
    Column("offer_description", "offer_description", "Описание предложения"),
    Column("offer_hs_codes", "offer_hs_codes", "ТН ВЭД предложения", ("offer hs", "коды тн вэд предложения",
                                                                       "тн вэд продукции")),
    Column("offer_nace_codes", "offer_nace_codes", "ОКВЭД предложения", ("offer nace", "коды оквэд предложения")),
    Column("offer_annual_capacity_usd", "offer_annual_capacity_usd", "Мощность в год, USD",
           ("annual capacity usd", "мощность usd", "объём предложения usd")),
    Column("need_title", "need_title", "Потребность", ("need", "needs", "что покупает", "закупки")),
    Column("need_description", "need_description", "Описание потребности"),
    Column("need_hs_codes", "need_hs_codes", "ТН ВЭД потребности", ("need hs", "коды тн вэд потребности")),
    Column("need_nace_codes", "need_nace_codes", "ОКВЭД потребности", ("need nace", "коды оквэд потребности")),
    Column("need_annual_volume_usd", "need_annual_volume_usd", "Объём закупок в год, USD",
           ("annual volume usd", "объём закупок usd")),
)
BY_FIELD = {c.field: c for c in COLUMNS}
REQUIRED = ("name", "country")
HS_FIELDS = ("offer_hs_codes", "need_hs_codes")
_NON_WORD = re.compile(r"[\W_]+")


def normalise_header(text: str) -> str:
    return _NON_WORD.sub(" ", str(text or "").lower().replace("ё", "е")).strip()


_HEADERS = {
    normalise_header(name): column.field
    for column in COLUMNS for name in (column.field, column.en, column.ru, *column.aliases)
}


def field_for_header(header: str) -> str | None:
    return _HEADERS.get(normalise_header(header))


def header(field: str, lang: str) -> str:
    column = BY_FIELD[field]
    return column.ru if lang == "ru" else column.en


_COUNTRY_NAMES = {
    "беларусь": "BY", "белоруссия": "BY", "республика беларусь": "BY", "рб": "BY", "belarus": "BY",
    "россия": "RU", "российская федерация": "RU", "рф": "RU", "russia": "RU",
    "казахстан": "KZ", "kazakhstan": "KZ", "армения": "AM", "armenia": "AM", "кыргызстан": "KG",
    "киргизия": "KG", "kyrgyzstan": "KG", "узбекистан": "UZ", "uzbekistan": "UZ", "китай": "CN",
    "кнр": "CN", "china": "CN", "турция": "TR", "turkey": "TR", "türkiye": "TR", "индия": "IN",
    "india": "IN", "иран": "IR", "iran": "IR",
}


def country_code(raw: str) -> str:
    """'Беларусь' / 'Belarus' / 'by' -> 'BY'; anything unknown is returned as written for the schema to refuse."""
    text = raw.strip()
    known = _COUNTRY_NAMES.get(normalise_header(text))
    if known:
        return known
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return text


def region_code(raw: str, country: str) -> str:
    """'Пермский край' / 'Perm Krai' / 'ru-per' -> 'RU-PER' when the name belongs to `country`."""
    wanted = normalise_header(raw)
    for code, english in regions.regions_of(country.upper()) if len(country) == 2 else ():
        names = {code, english, regions.region_name(code, "ru"), regions.region_name(code, "en")}
        if wanted in {normalise_header(n) for n in names}:
            return code
    return raw.strip()


_ROLE_WORDS = {
    "supplier": ("supplier",), "seller": ("supplier",), "exporter": ("supplier",), "поставщик": ("supplier",),
    "продавец": ("supplier",), "экспортер": ("supplier",), "производитель": ("supplier",),
    "buyer": ("buyer",), "purchaser": ("buyer",), "importer": ("buyer",), "покупатель": ("buyer",),
    "закупщик": ("buyer",), "импортер": ("buyer",), "заказчик": ("buyer",),
    "both": ("supplier", "buyer"), "оба": ("supplier", "buyer"), "все": ("supplier", "buyer"),
}


def roles(raw: str) -> list[str]:
    """'поставщик, покупатель' -> ['supplier', 'buyer']; unknown words are kept for the schema to refuse."""
    found: list[str] = []
    for word in re.split(r"[,;/|+]+|\s+и\s+|\s+and\s+|\s+", raw.strip().lower().replace("ё", "е")):
        if word:
            for role in _ROLE_WORDS.get(word, (word,)):
                if role not in found:
                    found.append(role)
    return found


def split_list(raw: str) -> list[str]:
    """Codes and names separated by commas, semicolons or line breaks (spaces stay: '8436 80')."""
    return [part.strip() for part in re.split(r"[,;\n]+", raw) if part.strip()]


def amount(raw: str) -> int | str:
    """'25 000 000' / '25000000.0' -> 25000000; anything else is kept for the schema to refuse."""
    text = raw.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return raw
    return int(value) if value == int(value) else raw
