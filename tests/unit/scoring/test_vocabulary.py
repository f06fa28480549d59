"""The bilingual concept table: size, well-formed codes, and RU ↔ EN meeting on concept ids."""
import re

from matcher.scoring import vocabulary
from matcher.scoring.text import tokenize


def concepts_of(text: str) -> set[str]:
    return {hit.concept.id for hit in vocabulary.find(tokenize(text))}


def test_the_table_has_between_150_and_300_concepts_each_in_both_languages():
    assert 150 <= len(vocabulary.CONCEPTS) <= 300
    phrases = vocabulary.vocabulary_phrases()
    assert all(ru and en for ru, en in phrases)


def test_codes_of_the_table_are_well_formed_and_broader_concepts_exist():
    for c in vocabulary.CONCEPTS:
        assert all(re.fullmatch(r"\d{2}(\d{2}){0,2}", code) for code in c.hs), c.id
        assert all(re.fullmatch(r"\d{2}(\.\d{1,2})?", code) for code in c.nace), c.id
        assert c.broader is None or c.broader in vocabulary.BY_ID


def test_russian_forest_machinery_and_english_harvesters_meet_on_concepts():
    ru = concepts_of("Лесозаготовительная техника")
    en = concepts_of("Harvesters and forwarders")
    sim = vocabulary.similarity()
    assert max(sim[vocabulary.BY_ID[a].index, vocabulary.BY_ID[b].index] for a in ru for b in en) >= 0.6


def test_the_same_product_is_one_concept_in_both_languages():
    assert concepts_of("Сыры твёрдые") & concepts_of("Hard cheese") == {"cheese"}
    assert concepts_of("Гипсокартонные листы") & concepts_of("Gypsum plasterboard") == {"gypsum_board"}


def test_the_most_specific_phrase_wins_its_words():
    assert concepts_of("Пильные шины и цепи") == {"harvester_head"}     # a saw bar, not a tyre
    assert concepts_of("Вилочные погрузчики") == {"forklift"}


def test_a_sector_next_to_an_equipment_word_means_its_machinery():
    assert concepts_of("Машины для переработки молока") == {"dairy_machinery"}
    assert concepts_of("Машины для лесозаготовки") == {"forest_machine"}


def test_corridor_sectors_are_named_by_everyday_synonyms_in_both_languages():
    assert "woodworking_machine" in concepts_of("Станки по дереву для мебельного цеха")
    assert "woodworking_machine" in concepts_of("Woodworking equipment")
    assert "forest_machine" in concepts_of("Лесная спецтехника б/у") & concepts_of("Forestry machinery")
    assert "construction_machinery" in concepts_of("Стройтехника в аренду") & concepts_of("Строительные машины")
    assert "building_materials" in concepts_of("Building products and supplies")
    assert "roundwood" in concepts_of("Кругляк хвойный") & concepts_of("Round timber, spruce")
    assert "vocational_training" in concepts_of("Техникум: производственное обучение сварщиков")
    assert "vocational_training" in concepts_of("Vocational school for machine operators")


def test_every_concept_has_a_russian_name_for_reasons():
    for c in vocabulary.CONCEPTS:
        assert c.label_ru and "*" not in c.label_ru and re.search("[а-яё]|^[A-ZА-Я]{2,}$", c.label_ru), c.id
