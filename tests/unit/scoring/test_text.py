"""Normalisation, stemming and stop words for Russian and English."""
import pytest

from matcher.scoring.text import LANG_EN, LANG_RU, normalise, stem, tokenize


def test_normalisation_lowercases_folds_yo_and_drops_punctuation():
    assert normalise("Трёхосевые ЦЕНТРЫ, «с ЧПУ»!") == "трехосевые центры с чпу"


def test_bare_numbers_and_stop_words_are_not_terms_but_grades_are():
    tokens = tokenize("Арматура А500С 12 мм для строительства и ремонта")
    assert "12" not in tokens.words and "для" not in tokens.words and "и" not in tokens.words
    assert "a500c" in tokens.stems     # Cyrillic look-alikes typed in a grade meet the Latin spelling


@pytest.mark.parametrize("a, b", [("станок", "станки"), ("станков", "станка"), ("образец", "образцы"),
                                  ("обрабатывающие", "обрабатывающий"), ("центры", "центров")])
def test_russian_word_forms_share_a_stem(a, b):
    assert stem(a) == stem(b)


@pytest.mark.parametrize("a, b", [("machines", "machine"), ("centres", "centers"), ("tyres", "tires"),
                                  ("harvesters", "harvester"), ("buses", "bus")])
def test_english_word_forms_and_spellings_share_a_stem(a, b):
    assert stem(a) == stem(b)


def test_raw_material_and_raw_are_not_cheese():
    assert len({stem("сыр"), stem("сырьё".replace("ё", "е")), stem("сырое")}) == 3


def test_words_after_for_are_marked_as_purpose_until_the_clause_ends():
    tokens = tokenize("Шины для карьерных самосвалов, диски")
    assert dict(zip(tokens.words, tokens.purpose)) == {"шины": False, "карьерных": True, "самосвалов": True,
                                                       "диски": False}


def test_a_generic_head_keeps_its_purpose_words_as_the_point():
    assert not any(tokenize("Оборудование для молочного завода").purpose)


def test_language_is_read_from_the_script_and_brand_names_do_not_flip_it():
    assert tokenize("Центры на стойках Siemens").lang == LANG_RU
    assert tokenize("CNC machining centres").lang == LANG_EN
    assert tokenize("Станки / machine tools").lang == LANG_RU | LANG_EN
