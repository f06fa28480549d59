"""Volume, geography, certifications, languages and the service/goods penalty."""
import numpy as np

from matcher.scoring import context, table

from .helpers import feature, item


def test_volume_within_capacity_fits_and_unknown_is_neutral():
    ok = feature(table.volume, item("a", volume=3_000_000), item("b", volume=25_000_000))
    assert ok.score == 1.0 and ok.detail == "volume 3 M$ within capacity 25 M$"
    assert feature(table.volume, item("a", volume=30_000_000), item("b", volume=10_000_000)).score < 0.5
    assert feature(table.volume, item("a"), item("b", volume=10_000_000)).score == context.NEUTRAL


def test_the_corridor_scores_best_and_perm_krai_buyers_most():
    def geo(sc, sr, bc, br):
        return float(context.geography(np.array([sc], dtype=object), np.array([sr], dtype=object),
                                       np.array([bc], dtype=object), np.array([br], dtype=object))[0])
    perm, other_ru = geo("BY", "BY-MI", "RU", "RU-PER"), geo("BY", "BY-MI", "RU", "RU-MOW")
    same, elsewhere = geo("RU", "RU-MOW", "RU", "RU-PER"), geo("DE", None, "RU", "RU-PER")
    assert perm == 1.0 and perm > other_ru > same > elsewhere > 0


def test_shared_certifications_and_languages_count():
    assert context.certifications(["ISO 9001"], ["iso  9001", "FSC"]) == (0.6, "shared ISO 9001")
    assert context.certifications(["ISO 9001", "FSC"], ["FSC", "ISO 9001"])[0] == 1.0
    assert context.certifications([], ["FSC"])[0] == 0
    assert context.languages(["ru"], ["RU", "en"])[0] == 1.0
    assert context.languages([], ["en"])[0] == context.NEUTRAL


def test_training_offered_against_a_machine_need_is_a_service_goods_mismatch():
    result = feature(table.service_mismatch, item("Обрабатывающие центры"), item("Подготовка операторов станков"))
    assert result.score == 1.0 and result.detail == "need is goods, offer is a service"
    assert feature(table.service_mismatch, item("Ремонт станков"), item("Капитальный ремонт оборудования")).score == 0
