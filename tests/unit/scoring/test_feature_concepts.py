"""The cross-language concept feature."""
from matcher.scoring import table

from .helpers import feature, item


def test_russian_need_meets_english_offer_through_concepts():
    result = feature(table.concepts, item("Лесозаготовительная техника"), item("Forest harvesters and forwarders"))
    assert result.score > 0.6
    assert "«лесозаготовительная" in result.detail and "harvest" in result.detail


def test_english_need_meets_russian_offer_through_concepts():
    assert feature(table.concepts, item("Hard cheese"), item("Сыры твёрдые и полутвёрдые")).score > 0.8
    assert feature(table.concepts, item("Stone wool insulation"), item("Утеплитель из каменной ваты")).score > 0.8


def test_a_broader_concept_counts_less_than_the_same_one():
    same = feature(table.concepts, item("Токарные станки"), item("Lathes")).score
    broader = feature(table.concepts, item("Станки"), item("Lathes")).score
    assert 0.3 < broader < same


def test_a_concept_mentioned_only_in_a_long_description_counts_little():
    title = feature(table.concepts, item("Станки"), item("Металлорежущие станки")).score
    aside = feature(table.concepts, item("Станки"), item("Офисная мебель", "Производство оснащено станками")).score
    assert aside < 0.5 < title


def test_the_food_machine_is_not_the_food():
    need = item("Машины для переработки молока")
    assert feature(table.concepts, need, item("Milk powder")).score < 0.5
    assert feature(table.concepts, need, item("Dairy processing equipment")).score > 0.8
