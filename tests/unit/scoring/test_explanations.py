"""Reasons: contributions add up to the score, sorted, without zeros, and say why in words."""
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.scoring import Item, MatchEngine, Profile
from matcher.scoring.explain import round_reasons

from .helpers import buyer, engine, item, supplier

WORDS = ["станки", "токарные", "центры", "ЧПУ", "молоко", "сыр", "харвестеры", "forest", "machines",
         "cheese", "плитка", "кирпич", "цемент", "для", "и", "оборудование", "техника", "лесная", "tyres"]
CODES = ["8457", "845710", "845811", "843680", "0406", "040690", "6904", "6907", "2523", "4011", "84"]


def items(draw, n):
    return tuple(Item(draw(st.integers(1, 10_000)), " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))),
                      " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=8))),
                      tuple(draw(st.lists(st.sampled_from(CODES), max_size=2))),
                      tuple(draw(st.lists(st.sampled_from(["28.41", "28.30", "10.51", "23.32"]), max_size=1))),
                      draw(st.one_of(st.none(), st.integers(10_000, 50_000_000))))
                 for _ in range(n))


@st.composite
def corridors(draw):
    profiles = []
    for cid in range(1, draw(st.integers(2, 7)) + 1):
        roles = draw(st.sampled_from([("supplier",), ("buyer",), ("supplier", "buyer")]))
        profiles.append(Profile(cid, f"C{cid}", draw(st.sampled_from(["BY", "RU"])),
                                draw(st.sampled_from([None, "RU-PER", "BY-MI"])), frozenset(roles), "",
                                tuple(draw(st.lists(st.sampled_from(["ru", "en"]), max_size=2))),
                                tuple(draw(st.lists(st.sampled_from(["ISO 9001", "FSC"]), max_size=2))),
                                items(draw, draw(st.integers(0, 3))) if "supplier" in roles else (),
                                items(draw, draw(st.integers(0, 3))) if "buyer" in roles else ()))
    return profiles


@settings(max_examples=60, deadline=None)
@given(corridors())
def test_contributions_add_up_to_the_score_for_any_corridor(profiles):
    built = MatchEngine()
    built.build(profiles)
    for p in profiles:
        for match in built.suppliers_for_buyer(p.id) + built.buyers_for_supplier(p.id):
            assert round(sum(r.contribution for r in match.reasons), 1) == round(match.score, 1)
            assert 0 <= match.score <= 100 and match.company_id != p.id
            assert all(r.contribution != 0 for r in match.reasons)
            assert [r.contribution for r in match.reasons] == sorted((r.contribution for r in match.reasons), reverse=True)
            assert match.pairs and match.pairs[0].score == match.score


@given(st.lists(st.floats(-12, 40), min_size=1, max_size=9))
def test_rounded_contributions_never_drift_from_the_rounded_score(values):
    total = max(0.0, sum(values))
    if sum(values) < 0:
        return
    reasons = round_reasons([(f"f{i}", v, "") for i, v in enumerate(values)], total)
    assert round(sum(r.contribution for r in reasons), 1) == round(total, 1)


def test_a_match_explains_codes_text_concepts_and_corridor_in_words():
    built = engine(supplier(1, item("Вертикальные обрабатывающие центры с ЧПУ", "", ["845710"], ["28.41"], 25_000_000)),
                   buyer(2, item("Обрабатывающие центры с ЧПУ", "", ["845710"], volume=3_000_000)))
    reasons = {r.feature: r.detail for r in built.suppliers_for_buyer(2)[0].reasons}
    assert reasons["hs_codes"] == "845710 = 845710 (machining centres)"
    assert reasons["text"] == "«Обрабатывающие центры с ЧПУ» ~ «Вертикальные обрабатывающие центры с ЧПУ»"
    assert reasons["volume"] == "volume 3 M$ within capacity 25 M$"
    assert reasons["geography"] == "BY-MI supplier → RU-PER buyer (corridor, Perm Krai)"


def test_a_service_offered_for_a_goods_need_shows_a_penalty():
    built = engine(supplier(1, item("Подготовка операторов станков с ЧПУ")), buyer(2, item("Станки с ЧПУ", "Токарные")))
    match = built.score_pair(1, 2)
    assert match.reasons[-1].feature == "service_mismatch" and match.reasons[-1].contribution < 0
