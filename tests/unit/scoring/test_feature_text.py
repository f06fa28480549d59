"""The text feature: need coverage × offer focus, in Russian and English."""
from matcher.scoring import table

from .helpers import feature, item

LONG_FURNITURE = item("Офисная мебель", "Проектируем и изготавливаем корпусную мебель для офисов и гостиниц. "
                      "Производство оснащено современными станками, покрасочной камерой; работаем с ЛДСП, МДФ.")


def test_one_word_need_does_not_score_100_against_long_description():
    assert feature(table.text, item("Станки"), LONG_FURNITURE).score < 0.35


def test_one_word_need_scores_high_against_an_offer_titled_with_that_word():
    assert feature(table.text, item("Станки"), item("Станки токарные", "С ЧПУ, поставка и пусконаладка")).score > 0.8


def test_clearly_matching_russian_titles_score_near_full():
    result = feature(table.text, item("Обрабатывающие центры с ЧПУ"), item("Вертикальные обрабатывающие центры с ЧПУ"))
    assert result.score > 0.9
    assert result.detail == "«Обрабатывающие центры с ЧПУ» ~ «Вертикальные обрабатывающие центры с ЧПУ»"


def test_clearly_matching_english_titles_score_near_full():
    assert feature(table.text, item("Wood pellets for heating"), item("Premium wood pellets")).score > 0.8


def test_unrelated_texts_score_near_zero_in_both_languages():
    assert feature(table.text, item("Молоко питьевое"), item("Арматура стальная")).score < 0.1
    assert feature(table.text, item("Cement"), item("Office furniture", "Desks and chairs")).score < 0.1


def test_text_is_not_compared_across_languages_it_is_left_to_concepts():
    result = feature(table.text, item("Лесозаготовительная техника"), item("Forest harvesters"))
    assert result.available == 0 and result.score == 0


def test_the_product_outweighs_its_purpose():
    need = item("Шины для карьерных самосвалов")
    tyres = feature(table.text, need, item("Шины грузовые и крупногабаритные", "Для самосвалов и погрузчиков"))
    trucks = feature(table.text, need, item("Карьерные самосвалы", "Грузоподъёмность 90–450 т"))
    assert tyres.score > trucks.score
