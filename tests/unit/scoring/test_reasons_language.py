"""Reasons in the reader's language: the same scores, details written in Russian or English."""
import re

import pytest

from matcher.scoring import Niche

from .helpers import buyer, engine, item, supplier

CENTRES = item("Вертикальные обрабатывающие центры с ЧПУ", "", ["845710"], ["28.41"], 25_000_000)
NEED_CENTRES = item("Обрабатывающие центры", "", ["8457"], ["28.41"], volume=3_000_000)
HARVESTERS = item("Forest harvesters", "Cut-to-length machines")
NEED_HARVESTERS = item("Харвестеры", "лесозаготовительная техника")
PONSSE = Niche(7, item("Лесозаготовительная техника", "Харвестеры, форвардеры"), "Ponsse (2022)", "RU-PER")
# words of the English templates that must not leak into a Russian detail
ENGLISH_TEMPLATE = re.compile(r"\b(within|exceeds|supplier|buyer|shared|inferred|need|offer|volume|capacity|"
                              r"corridor|niche|same|unknown|neutral|chapter|heading|division|class)\b")


def corridor():
    return engine(supplier(1, CENTRES, HARVESTERS, certifications=["ISO 9001"]),
                  buyer(2, NEED_CENTRES, NEED_HARVESTERS, certifications=["ISO 9001"]), niches=(PONSSE,))


def details(match) -> dict[str, str]:
    return {r.feature: r.detail for r in match.reasons}


def test_russian_details_use_russian_words_and_code_labels():
    ru = details(corridor().suppliers_for_buyer(2, lang="ru")[0])
    assert ru["hs_codes"] == "845710 входит в 8457 (обрабатывающие центры)"
    assert ru["nace_codes"] == "28.41 = 28.41 (производство металлообрабатывающего оборудования)"
    assert ru["volume"] == "объём 3 млн $ в пределах мощности 25 млн $"
    assert ru["geography"] == "поставщик BY-MI → покупатель RU-PER (коридор, Пермский край)"
    assert ru["certifications"] == "общий сертификат ISO 9001"
    assert ru["languages"] == "общий язык: ru"
    assert not any(ENGLISH_TEMPLATE.search(d) for d in ru.values()), ru


def test_english_stays_the_default_and_scores_do_not_depend_on_the_language():
    built = corridor()
    en, ru = built.suppliers_for_buyer(2)[0], built.suppliers_for_buyer(2, lang="ru")[0]
    assert details(en)["hs_codes"] == "845710 within 8457 (machining center)"
    assert details(en)["volume"] == "volume 3 M$ within capacity 25 M$"
    assert en.score == ru.score and en.pairs == ru.pairs
    assert [(r.feature, r.contribution) for r in en.reasons] == [(r.feature, r.contribution) for r in ru.reasons]


def test_a_cross_language_concept_match_names_the_concept_in_russian():
    built = engine(supplier(1, HARVESTERS), buyer(2, NEED_HARVESTERS))
    ru = details(built.score_pair(1, 2, lang="ru"))
    assert ru["concepts"] == "«харвестеры» ~ «forest harvesters» (харвестеры)"
    assert "выведен из «Харвестеры»" in ru["hs_codes"] and not ENGLISH_TEMPLATE.search(ru["hs_codes"])


def test_niche_details_name_the_departed_firm_in_russian():
    built = engine(supplier(1, item("Харвестеры и форвардеры", "лесозаготовительная техника", ["843680"])),
                   buyer(2, item("Харвестеры", hs=["843680"])), niches=(PONSSE,))
    assert details(built.suppliers_for_buyer(2, lang="ru")[0])["niche"] == "заполняет нишу, оставленную Ponsse (2022)"
    assert details(built.suppliers_for_niche(7, lang="ru")[0])["niche"] == "заполняет нишу, оставленную Ponsse (2022)"
    assert "Ponsse (2022)" in details(built.buyers_for_niche(7, lang="ru")[0])["niche"]


def test_a_service_for_a_goods_need_is_explained_in_russian():
    built = engine(supplier(1, item("Подготовка операторов станков с ЧПУ")), buyer(2, item("Станки с ЧПУ", "Токарные")))
    assert details(built.score_pair(1, 2, lang="ru"))["service_mismatch"] == "потребность — товар, предложение — услуга"


def test_mission_pairs_speak_the_language_asked_for():
    built = corridor()
    (_, _, match), = built.pairs_among([1, 2], lang="ru")
    assert match == built.score_pair(1, 2, lang="ru")


def test_an_unknown_language_is_refused_naming_the_known_ones():
    built = corridor()
    with pytest.raises(ValueError, match="en, ru"):
        built.suppliers_for_buyer(2, lang="de")
    with pytest.raises(ValueError, match="en, ru"):
        built.pairs_among([1, 2], lang="ru-RU")
