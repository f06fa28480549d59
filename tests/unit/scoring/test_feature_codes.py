"""HS / TN VED and NACE / OKVED prefix features, declared and inferred."""
from matcher.scoring import table

from .helpers import feature, item


def hs(need_codes, offer_codes) -> float:
    return feature(table.hs_codes, item("a", hs=need_codes), item("b", hs=offer_codes)).score


def test_deeper_shared_hs_prefix_scores_higher():
    chapter, heading, subheading = hs(["845710"], ["847989"]), hs(["845710"], ["845720"]), hs(["845710"], ["845710"])
    assert chapter < 0.3 < 0.6 < heading < subheading
    assert hs(["8457101000"], ["8457109000"]) >= heading


def test_an_offer_inside_the_heading_a_need_asks_for_fully_fits_it():
    assert hs(["8457"], ["845710"]) >= 0.85
    assert hs(["845710"], ["8457"]) < hs(["8457"], ["845710"])      # the offer is broader than asked


def test_different_chapters_share_nothing():
    assert hs(["0406"], ["7214"]) == 0


def test_a_rare_code_counts_more_than_a_common_one():
    common = [item("x", hs=["8457"]) for _ in range(30)]
    from matcher.scoring.prepare import prepare
    from matcher.scoring.table import standalone_context
    need_common, offer_common = prepare(item("a", hs=["8457"])), prepare(item("b", hs=["8457"]))
    need_rare, offer_rare = prepare(item("a", hs=["8443"])), prepare(item("b", hs=["8443"]))
    ctx = standalone_context([prepare(i) for i in common] + [need_common, offer_common, need_rare, offer_rare])
    assert table.hs_codes(need_rare, offer_rare, ctx).score > table.hs_codes(need_common, offer_common, ctx).score


def test_the_detail_names_the_codes_and_what_they_are():
    detail = feature(table.hs_codes, item("a", hs=["8457"]), item("b", hs=["8457"])).detail
    assert detail.startswith("8457 = 8457 (") and "machining" in detail


def test_nace_class_beats_group_beats_division():
    def nace(a, b):
        return feature(table.nace_codes, item("a", nace=[a]), item("b", nace=[b])).score
    assert nace("28.41", "28.92") < nace("28.41", "28.49") < nace("28.41", "28.41") == 1.0
    assert nace("28.41", "10.51") == 0


def test_codes_are_inferred_from_words_and_shown_as_inferred():
    result = feature(table.hs_codes, item("Харвестеры"), item("Forest machines", hs=["843680"]))
    assert result.score > 0.8 and result.available == 0.5
    assert "inferred 843680 from «Харвестеры»" in result.detail     # the words as the user typed them


def test_inferred_codes_count_less_than_declared_ones():
    declared = feature(table.hs_codes, item("Харвестеры", hs=["843680"]), item("x", hs=["843680"]))
    inferred = feature(table.hs_codes, item("Харвестеры"), item("x", hs=["843680"]))
    both = feature(table.hs_codes, item("Харвестеры"), item("Forest harvesters"))
    assert declared.available > inferred.available > both.available > 0


def test_a_service_does_not_inherit_codes_of_the_machines_it_trains_people_for():
    result = feature(table.hs_codes, item("Обрабатывающие центры", hs=["845710"]),
                     item("Подготовка операторов станков с ЧПУ"))
    assert result.available == 0


def test_codes_are_not_available_when_one_side_has_none_at_all():
    assert feature(table.hs_codes, item("Позиция 3", hs=["845811"]), item("Абракадабра")).available == 0
