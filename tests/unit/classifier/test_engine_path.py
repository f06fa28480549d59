"""One path: the engine's inferred codes are the classifier's, and its reasons never cite an unrelated chapter title."""
from matcher import classifier
from matcher.scoring import Item, MatchEngine, Profile
from matcher.scoring.prepare import MODE_INFERRED, prepare

METAL_CUTTING = {"8456", "8457", "8458", "8459", "8460", "8461"}


def _item(i: int, title: str, description: str = "", hs=()) -> Item:
    return Item(i, title, description, tuple(hs))


def test_the_engine_infers_exactly_the_codes_the_classifier_proposes():
    for title, description in [("Деревообрабатывающие станки", ""), ("Харвестеры", "для сортиментной заготовки"),
                                ("Dairy processing equipment", ""), ("Гипсокартон", "")]:
        prepared = prepare(_item(1, title, description))
        expected = {s.code for s in classifier.infer(title, description) if s.scheme == "hs"}
        assert prepared.hs_mode == MODE_INFERRED and expected
        assert {code for code, (_, whole) in prepared.hs.items() if whole} == expected, title


def test_woodworking_machine_tools_are_read_as_8465_in_russian_and_english_never_as_metal_cutting():
    for title in ("Деревообрабатывающие станки", "Woodworking machines", "Станки по дереву"):
        whole = {code for code, (_, is_whole) in prepare(_item(1, title)).hs.items() if is_whole}
        assert whole == {"8465"}, title
        assert not whole & METAL_CUTTING


def test_a_sawmill_outranks_metal_working_plants_for_a_woodworking_machine_offer():
    def profile(pid, roles, title, hs=()):
        items = (_item(pid * 10, title, hs=hs),)
        return Profile(pid, f"P{pid}", "BY" if roles == "supplier" else "RU", None, frozenset({roles}), "", ("ru",),
                       offers=items if roles == "supplier" else (), needs=items if roles == "buyer" else ())
    engine = MatchEngine()
    engine.build([profile(1, "supplier", "Деревообрабатывающие станки"),
                  profile(2, "buyer", "Металлорежущие станки для механического цеха"),
                  profile(3, "buyer", "Токарные станки по металлу"),
                  profile(4, "buyer", "Лесопильное и деревообрабатывающее оборудование для лесопильного завода")])
    assert engine.buyers_for_supplier(1, limit=3)[0].company_id == 4


def test_a_reason_at_chapter_depth_cites_what_both_items_are_not_the_chapter_title():
    def profile(pid, roles, item):
        return Profile(pid, f"P{pid}", "BY" if roles == "supplier" else "RU", None, frozenset({roles}), "", ("ru",),
                       offers=(item,) if roles == "supplier" else (), needs=(item,) if roles == "buyer" else ())
    engine = MatchEngine()
    engine.build([profile(1, "supplier", _item(10, "Харвестеры", hs=("843680",))),
                  profile(2, "buyer", _item(20, "Гидроманипуляторы для лесной техники", hs=("842691",)))])
    for lang in ("ru", "en"):
        reasons = engine.score_pair(1, 2, lang=lang).reasons
        details = " ".join(r.detail for r in reasons)
        assert "84" in details and ("лесная техника" in details or "forestry machine" in details), details
        assert "реактор" not in details.lower() and "reactor" not in details.lower(), details
