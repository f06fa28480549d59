"""The words of the reasons' details in each reader's language (English and Russian)."""
from __future__ import annotations

LANGUAGES = ("en", "ru")

PHRASES: dict[str, dict[str, str]] = {
    "similar_spelling": {"en": "«{a}» ≈ «{b}» (similar spelling)", "ru": "«{a}» ≈ «{b}» (похожее написание)"},
    "no_concepts": {"en": "no shared concepts", "ru": "нет общих понятий"},
    "no_code": {"en": "no shared code prefix", "ru": "нет общего начала кода"},
    "code_within": {"en": "{inner} within {outer}{label}", "ru": "{inner} входит в {outer}{label}"},
    "code_level": {"en": "{a} ~ {b}: same {level} {shown}{label}", "ru": "{a} ~ {b}: совпадает {level} {shown}{label}"},
    "inferred": {"en": "{side}: inferred {code} from «{source}»", "ru": "{side}: код {code} выведен из «{source}»"},
    "need": {"en": "need", "ru": "потребность"},
    "offer": {"en": "offer", "ru": "предложение"},
    "kind": {"en": "need is {need}, offer is {offer}", "ru": "потребность — {need}, предложение — {offer}"},
    "goods": {"en": "goods", "ru": "товар"},
    "service": {"en": "a service", "ru": "услуга"},
    "volume_unknown": {"en": "volume or capacity unknown (neutral)", "ru": "объём или мощность неизвестны (нейтрально)"},
    "volume_within": {"en": "volume {need} within capacity {capacity}",
                      "ru": "объём {need} в пределах мощности {capacity}"},
    "volume_exceeds": {"en": "volume {need} exceeds capacity {capacity}",
                       "ru": "объём {need} превышает мощность {capacity}"},
    "millions": {"en": "{n} M$", "ru": "{n} млн $"},
    "fills_niche": {"en": "fills the niche left by {names}", "ru": "заполняет нишу, оставленную {names}"},
    "needs_niche": {"en": "needs what {name} supplied", "ru": "нужно то, что поставлял(а) {name}"},
    "route": {"en": "{supplier} supplier → {buyer} buyer", "ru": "поставщик {supplier} → покупатель {buyer}"},
    "corridor_perm": {"en": " (corridor, Perm Krai)", "ru": " (коридор, Пермский край)"},
    "corridor": {"en": " (corridor)", "ru": " (коридор)"},
    "same_country": {"en": " (same country)", "ru": " (одна страна)"},
    "shared_cert": {"en": "shared {names}", "ru": "общий сертификат {names}"},
    "shared_certs": {"en": "shared {names}", "ru": "общие сертификаты {names}"},
    "shared_language": {"en": "shared language {names}", "ru": "общий язык: {names}"},
    "no_shared_language": {"en": "no shared language", "ru": "нет общего языка"},
    "languages_unknown": {"en": "languages unknown (neutral)", "ru": "языки неизвестны (нейтрально)"},
    "languages_niche": {"en": "languages not compared for a niche (neutral)",
                        "ru": "для ниши языки не сравниваются (нейтрально)"},
}

# Levels of a shared code prefix by its digits: HS / TN VED and NACE / OKVED 2 (Russian: OKVED's own names)
HS_LEVELS = {"en": {2: "chapter", 4: "heading"}, "ru": {2: "группа", 4: "товарная позиция"}}
HS_DEEPER = {"en": "subheading", "ru": "субпозиция"}
NACE_LEVELS = {"en": {2: "division", 3: "group"}, "ru": {2: "класс", 3: "подкласс"}}
NACE_DEEPER = {"en": "class", "ru": "группа"}


def checked(lang: str) -> str:
    """The language itself, or ValueError naming the ones there are."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown reasons language {lang!r}; known: {', '.join(LANGUAGES)}")
    return lang


def say(key: str, lang: str = "en", **values) -> str:
    return PHRASES[key][lang].format(**values)


def number(value: float, lang: str = "en") -> str:
    """1.5 in English, 1,5 in Russian."""
    text = f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"
    return text.replace(".", ",") if lang == "ru" else text
