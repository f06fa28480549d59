"""The classifier's public interface: suggestions carry scheme, code, RU/EN labels, confidence and the user's words."""
import re

from matcher import classifier


def test_a_suggestion_carries_a_code_labels_in_both_languages_a_confidence_and_the_words_as_typed():
    top = classifier.suggest("Харвестеры Б/У", "")[0]
    assert (top.scheme, top.code[:4]) == ("hs", "8436")
    assert re.search("[а-я]", top.label("ru").lower()) and re.search("[a-z]", top.label("en").lower())
    assert 0.0 < top.confidence <= 1.0
    assert top.evidence == ("Харвестеры",)


def test_codes_are_hs_headings_or_subheadings_and_nace_classes_never_chapters():
    for text in ("станки", "продукты питания", "машины и оборудование", "Equipment for food industry"):
        for s in classifier.suggest(text, limit=10):
            if s.scheme == "hs":
                assert len(s.code) in (4, 6), (text, s.code)
            else:
                assert re.fullmatch(r"\d\d\.\d\d", s.code), (text, s.code)


def test_schemes_and_limit_are_respected():
    found = classifier.suggest("Фанера берёзовая", schemes=("nace",), limit=2)
    assert found and len(found) <= 2 and {s.scheme for s in found} == {"nace"}


def test_an_empty_title_and_description_give_no_suggestions():
    assert classifier.suggest("", "") == []
    assert classifier.search("   ") == []


def test_search_by_hs_code_prefix_lists_that_heading_and_its_subheadings():
    found = classifier.search("8465")
    assert found[0].code == "8465" and all(s.code.startswith("8465") for s in found)


def test_search_by_dotted_nace_prefix_lists_nace_classes():
    found = classifier.search("28.4")
    assert [s.code for s in found] == ["28.41", "28.49"]


def test_search_with_a_typo_still_finds_codes_instead_of_an_empty_box():
    assert classifier.search("харвестр")[0].code.startswith("8436")
    assert classifier.search("plasterbord", scheme="hs")[0].code == "6809"


def test_did_you_mean_offers_the_known_spelling_and_nothing_for_known_words():
    assert "харвестер" in classifier.did_you_mean("харвестр", lang="ru")
    assert "plasterboard" in classifier.did_you_mean("plasterbord", lang="en")
    assert classifier.did_you_mean("фанера") == []


def test_every_hs_subheading_has_a_russian_label():
    from matcher.classifier.labels import labels
    from matcher.taxonomy import hs
    subheadings = [c for c in hs._wco_english() if len(c) == 6]
    russian = [c for c in subheadings if re.search("[а-я]", labels("hs", c)[0].lower())]
    assert len(russian) >= 0.999 * len(subheadings)
    assert "лесопильное оборудование" in labels("hs", "846591")[0].lower()
