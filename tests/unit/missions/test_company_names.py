"""Company names compared across Cyrillic and Latin spellings — no app, no database."""
import pytest

from matcher.services.company_names import NameIndex, name_key, name_similarity, same_company_name


@pytest.mark.parametrize("cyrillic, latin", [
    ("Амкодор", "Amkodor"),
    ("«Гомсельмаш»", "OAO Gomselmash"),
    ("ОАО «Амкодор»", "Amkodor JSC"),
    ('ОАО "Беларуськалий"', "Belaruskali"),
    ("ПАО «Уралкалий»", "Uralkali PJSC"),
    ("ООО «Пермский лесокомбинат»", "Permskiy Lesokombinat LLC"),
    ("Лукойл-Пермь", "LUKOIL-Perm"),
    ("ЗАО Атлант", "Atlant CJSC"),
    ("Открытое акционерное общество «БелАЗ»", "BELAZ"),
    ("Соликамскбумпром", "Solikamskbumprom"),
    ("Чайковская текстильная компания", "Chaykovskaya tekstilnaya kompaniya"),
])
def test_the_same_company_is_recognised_across_scripts_legal_forms_and_quotes(cyrillic, latin):
    assert same_company_name(cyrillic, latin)
    assert name_key(cyrillic) == name_key(latin)


@pytest.mark.parametrize("a, b", [
    ("МАЗ", "МТЗ"),
    ("Гомсельмаш", "Гомсельмаш-Сервис"),
    ("Пермские моторы", "Пермские станки"),
    ("Интеграл", "Атлант"),
])
def test_different_companies_are_not_taken_for_one(a, b):
    assert not same_company_name(a, b)


def test_a_small_typo_in_a_long_name_still_matches():
    assert name_similarity("Бобруйскагромаш", "Bobruiskagromash") >= 90


def test_name_index_finds_companies_by_any_of_their_spellings():
    index = NameIndex()
    index.add("amkodor", "Амкодор", "Amkodor")
    index.add("maz", "Минский автомобильный завод (МАЗ)", "MAZ")
    assert [owner for _, owner in index.find("ОАО «AMKODOR»")] == ["amkodor"]
    assert [owner for _, owner in index.find("МАЗ")] == ["maz"]
    assert index.find("МТЗ") == []


@pytest.mark.parametrize("a, b", [
    ("Filler Company 00001", "Filler Company 00000"),
    ("Завод №1", "Завод №2"),
    ("Пермский завод 12", "Пермский завод 21"),
    ("Агрокомбинат 2", "Агрокомбинат"),
])
def test_names_that_differ_only_in_their_numbers_are_different_companies(a, b):
    assert not same_company_name(a, b)
    index = NameIndex()
    index.add("known", a)
    assert index.find(b) == []


def test_the_same_number_in_both_scripts_is_still_the_same_company():
    assert same_company_name("ОАО «Завод 1»", "Zavod 1 JSC") and same_company_name("«Амкодор»", "Amkodor JSC")
