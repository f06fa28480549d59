"""Absolute calibration: the same score means the same strength of fit for any two companies.

Bands (docs/scoring.md): identical codes + clearly matching text 85–100; matching text only,
no codes, same language 55–80; cross-language concept match only 45–70; same chapter or
division only with unrelated text < 35; unrelated < 15.
"""
import pytest

from .helpers import item, pair_score

IDENTICAL_CODES_AND_TEXT = [
    (item("Обрабатывающие центры с ЧПУ", "", ["845710"], ["28.41"]),
     item("Вертикальные обрабатывающие центры с ЧПУ", "Трёхосевые центры для корпусных деталей", ["845710"], ["28.41"])),
    (item("CNC machining centres", "", ["845710"]), item("Vertical CNC machining centers", "3- and 5-axis", ["845710"])),
    (item("Сыр твёрдый", "", ["040690"]), item("Сыры твёрдые и полутвёрдые", "Российский, Голландский", ["040690"], ["10.51"])),
    (item("Plywood", "Birch, 18 mm", ["441231"]), item("Birch plywood", "FK and FSF grades", ["441231"], ["16.21"])),
]
TEXT_ONLY_SAME_LANGUAGE = [
    (item("Токарные станки с ЧПУ"), item("Токарные станки с ЧПУ и универсальные", "Поставка и пусконаладка")),
    (item("Wood pellets for heating"), item("Premium wood pellets", "15 kg bags, big bags")),
    (item("Гипсокартон"), item("Гипсокартонные листы", "ГКЛ и ГКЛВ")),
    (item("Garden watering cans"), item("Plastic watering cans for gardens", "Injection moulded")),  # not in vocabulary
    (item("Садовые лейки"), item("Садовые лейки и ведра", "Литьё под давлением")),
]
CROSS_LANGUAGE_CONCEPTS_ONLY = [
    (item("Лесозаготовительная техника"), item("Forest harvesters and forwarders")),
    (item("Hard cheese"), item("Сыры твёрдые")),
    (item("Утеплитель из каменной ваты"), item("Stone wool insulation", "for facades")),
    (item("Road rollers"), item("Дорожные катки")),
]
SAME_CHAPTER_ONLY = [
    (item("Токарные станки", hs=["845811"]), item("Насосы центробежные", hs=["841370"])),
    (item("Облицовочный кирпич", hs=["690410"], nace=["23.32"]), item("Керамическая плитка", hs=["690721"], nace=["23.31"])),
    (item("Milk powder", hs=["040210"]), item("Hard cheese", hs=["040690"])),
    (item("Электродвигатели", nace=["27.11"]), item("Кабель силовой", nace=["27.32"])),
]
UNRELATED = [
    (item("Молоко питьевое"), item("Арматура стальная")),
    (item("Cement"), item("Office furniture", "Desks and chairs")),
    (item("Сеянцы сосны", hs=["060290"]), item("Дизельные двигатели", hs=["840820"])),
    (item("Подшипники"), item("Frozen fish", "Herring")),
]


@pytest.mark.parametrize("need, offer", IDENTICAL_CODES_AND_TEXT)
def test_identical_codes_and_clearly_matching_text_score_85_to_100(need, offer):
    assert 85 <= pair_score(need, offer) <= 100


@pytest.mark.parametrize("need, offer", TEXT_ONLY_SAME_LANGUAGE)
def test_matching_text_without_codes_in_one_language_scores_55_to_80(need, offer):
    assert 55 <= pair_score(need, offer) <= 80


@pytest.mark.parametrize("need, offer", CROSS_LANGUAGE_CONCEPTS_ONLY)
def test_a_cross_language_concept_match_alone_scores_45_to_70(need, offer):
    assert 45 <= pair_score(need, offer) <= 70


@pytest.mark.parametrize("need, offer", SAME_CHAPTER_ONLY)
def test_same_chapter_or_division_with_unrelated_text_scores_below_35(need, offer):
    assert pair_score(need, offer) < 35


@pytest.mark.parametrize("need, offer", UNRELATED)
def test_unrelated_items_score_below_15(need, offer):
    assert pair_score(need, offer) < 15


def test_bands_hold_without_a_background_registry_too():
    for cases, low, high in ((IDENTICAL_CODES_AND_TEXT, 85, 100), (TEXT_ONLY_SAME_LANGUAGE, 55, 80),
                             (CROSS_LANGUAGE_CONCEPTS_ONLY, 45, 70), (UNRELATED, 0, 15)):
        for need, offer in cases:
            assert low <= pair_score(need, offer, background=False) <= high, (need.title, offer.title)


def test_the_band_order_holds_for_the_same_need():
    need = item("Токарные станки с ЧПУ", "", ["845811"])
    scores = [pair_score(need, offer) for offer in (
        item("Токарные станки с ЧПУ", "", ["845811"]),        # codes + text
        item("Токарные станки с ЧПУ"),                        # text, offer without codes
        item("CNC lathes"),                                    # other language
        item("Насосы", "", ["841370"]),                        # same chapter only
        item("Молоко"))]                                       # unrelated
    assert scores == sorted(scores, reverse=True)
