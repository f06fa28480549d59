"""The vectorised scoring of many pairs gives exactly what the per-pair feature functions give."""
import numpy as np

from matcher.scoring import table
from matcher.scoring.features import Context
from matcher.scoring.pairs import score_pairs
from matcher.scoring.store import prepared

from .helpers import BACKGROUND, buyer, engine, item, supplier

PROFILES = [
    supplier(1, item("Обрабатывающие центры с ЧПУ", "Фрезерные станки", ["845710"], ["28.41"]),
             item("Forest harvesters", "Cut-to-length machines", ["843680"])),
    supplier(3, item("Сыры твёрдые", "Российский, Голландский", ["040690"]), item("Масло сливочное")),
    buyer(2, item("Станки", ""), item("Hard cheese", "for restaurants", ["0406"]), item("Шины для самосвалов")),
]


def test_batch_scores_equal_pair_function_scores_for_every_pair():
    built = engine(*PROFILES)
    store = built._store
    ctx = Context.of(store.lex)
    needs = np.array(store.items_of[2][1], dtype=np.int64)
    offers = np.flatnonzero(store.offers.alive.view())
    matrix = score_pairs(store.needs.batch(needs), store.offers.batch(offers), ctx, built._weights(None), True)
    for i, need_iid in enumerate(needs.tolist()):
        for j, offer_iid in enumerate(offers.tolist()):
            need, offer = prepared(store.needs.items[need_iid]), prepared(store.offers.items[offer_iid])
            for name in ("hs_codes", "nace_codes", "text", "concepts"):
                single = getattr(table, name)(need, offer, ctx)
                assert np.isclose(single.score, matrix.scores[name][i, j], atol=1e-6), (name, need.item.title)
    assert len(offers) == sum(len(p.offers) for p in BACKGROUND + PROFILES)
