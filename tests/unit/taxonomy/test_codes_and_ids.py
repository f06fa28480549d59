"""HS / NACE code validation, regions and tax ids — no app, no database."""
import pytest

from matcher.taxonomy import CodeError, hs, nace, regions, tax_ids


@pytest.mark.parametrize("raw, expected", [("8457", "8457"), ("8436 80", "843680"), ("8436.80.100.0", "8436801000"), ("84", "84")])
def test_hs_codes_are_normalised_ignoring_spaces_and_dots(raw, expected):
    assert hs.validate(raw) == expected


@pytest.mark.parametrize("raw", ["8", "845", "84571", "12345678901", "84a7", ""])
def test_hs_codes_of_wrong_shape_are_refused_with_what_is_expected(raw):
    with pytest.raises(CodeError, match="expected 2, 4 or 6 digits"):
        hs.validate(raw)


def test_hs_code_absent_from_the_wco_nomenclature_is_refused():
    with pytest.raises(CodeError, match="does not exist"):
        hs.validate("8499")


def test_national_tn_ved_code_is_checked_on_its_six_digit_prefix():
    assert hs.validate("8457100000") == "8457100000"
    with pytest.raises(CodeError):
        hs.validate("8457990000")


def test_hs_labels_exist_in_english_and_russian_for_chapters():
    assert "Machinery" in hs.label("84", "en")
    assert any("а" <= ch <= "я" for ch in hs.label("84", "ru").lower())


def test_hs_parent_chain_runs_from_chapter_to_national_code():
    assert hs.parents("8457100000") == ["84", "8457", "845710", "8457100000"]


def test_hs_search_finds_codes_by_english_and_russian_words():
    assert "8457" in [code for code, _ in hs.search("machining centres", "en")]
    assert "44" in [code for code, _ in hs.search("древесина", "ru")]


@pytest.mark.parametrize("raw, expected", [("28.41", "28.41"), ("2841", "28.41"), ("28", "28"), ("28.4", "28.4"), ("28.41.1", "28.41.1")])
def test_nace_codes_accept_division_group_class_and_okved_subclass(raw, expected):
    assert nace.validate(raw) == expected


@pytest.mark.parametrize("raw", ["28.411.1", "x1", "284111", "28-41"])
def test_nace_codes_of_wrong_shape_are_refused(raw):
    with pytest.raises(CodeError, match="NACE"):
        nace.validate(raw)


def test_nace_code_unknown_in_rev_2_is_refused():
    with pytest.raises(CodeError, match="does not exist"):
        nace.validate("28.48")


def test_nace_labels_and_parents_in_both_languages():
    assert nace.parents("28.41") == ["C", "28", "28.4", "28.41"]
    assert "metal forming" in nace.label("28.41", "en").lower()
    assert "машин" in nace.label("28", "ru").lower()


def test_nace_search_finds_logging_in_russian_and_english():
    assert "02.20" in [c for c, _ in nace.search("logging", "en")]
    assert "02.20" in [c for c, _ in nace.search("лесозаготовки", "ru")]


def test_region_must_belong_to_its_country():
    assert regions.validate_region("ru-per", "RU") == "RU-PER"
    with pytest.raises(CodeError, match="not in country BY"):
        regions.validate_region("RU-PER", "BY")


def test_unknown_country_is_refused():
    with pytest.raises(CodeError, match="ISO 3166-1"):
        regions.validate_country("XX")


def test_region_and_country_names_in_russian():
    assert regions.region_name("RU-PER", "ru") == "Пермский край"
    assert regions.country_name("BY", "ru") == "Беларусь"


def test_belarusian_unp_is_checked_by_its_check_digit():
    assert tax_ids.validate("100582333", "BY") == "100582333"
    with pytest.raises(CodeError, match="UNP"):
        tax_ids.validate("100582334", "BY")


@pytest.mark.parametrize("value", ["7707083893", "1027700132195"])
def test_russian_inn_or_ogrn_is_accepted(value):
    assert tax_ids.validate(value, "RU") == value


def test_russian_tax_id_with_wrong_check_digit_is_refused():
    with pytest.raises(CodeError, match="INN"):
        tax_ids.validate("7707083894", "RU")


def test_other_countries_tax_ids_are_stored_as_given():
    assert tax_ids.validate("DE123456789", "DE") == "DE123456789"


def test_a_subheading_without_a_russian_title_is_labelled_in_russian_by_its_heading():
    label = hs.label("846591", "ru")
    assert label and any("а" <= ch <= "я" for ch in label.lower())
    assert label == hs.label("8465", "ru")
    assert "wood" in hs.label("846591", "en").lower()
