"""The profile's code picker: the one classifier behind it, the words behind each code, never an empty box,
and codes reach the profile only when the user picks them."""
from __future__ import annotations

import re

from sqlalchemy import select
from web_helpers import input_value, profile_form, text_of

from matcher.db import db
from matcher.models import Offer
from matcher.services import code_lookup
from matcher.services.accounts import create_token, get_or_create_user

NONSENSE = "zzqxj"


def _picked_boxes(response, kind_index: str = "offers-0") -> list[str]:
    """The codes offered as tick boxes, best first ("hs:843680", "nace:28.30")."""
    return re.findall(rf'name="{kind_index}-pick" value="([^"]+)"', response.get_data(as_text=True))


def _best_hs(items: list[dict]) -> dict:
    """The first HS code of an answer (HS and NACE are mixed, best first)."""
    return next(item for item in items if item["scheme"] == "hs")


def _best_hs_box(boxes: list[str]) -> str:
    return next(box for box in boxes if box.startswith("hs:"))


def test_the_picker_finds_harvesters_by_the_jargon_word_and_shows_that_word_as_the_reason(web):
    answer = web.get("/web/codes?q=харвестер").get_json()
    assert answer["source"] == "search"
    best = _best_hs(answer["items"][:2])
    assert best["code"].startswith("8436")
    assert "«харвестер" in best["why"].lower()
    assert answer["heading"].startswith("Коды для «харвестер»")


def test_the_picker_speaks_english_on_an_english_page(web):
    answer = web.get("/web/codes?q=woodworking machines", headers={"Accept-Language": "en"}).get_json()
    best = _best_hs(answer["items"][:2])
    assert best["code"].startswith("8465")
    assert answer["heading"].startswith("Codes for «woodworking machines»")
    assert best["why"].startswith("found by: ") and not re.search("[а-я]", best["label"].lower())


def test_a_query_that_finds_nothing_falls_back_to_the_blocks_own_words_never_an_empty_box(web):
    answer = web.get(f"/web/codes?q={NONSENSE}&title=Харвестеры&description=лесозаготовительная техника").get_json()
    assert answer["source"] == "description"
    assert _best_hs(answer["items"][:2])["code"].startswith("8436")
    assert answer["heading"].startswith(f"По запросу «{NONSENSE}» ничего не найдено")


def test_with_nothing_to_go_on_the_picker_still_says_what_to_type(web):
    nothing = web.get(f"/web/codes?q={NONSENSE}").get_json()
    assert nothing["items"] == [] and "станок" in nothing["heading"] and "harvester" in nothing["heading"]
    empty = web.get("/web/codes/suggest?title=&description=", headers={"Accept-Language": "en"}).get_json()
    assert empty["items"] == [] and empty["heading"].startswith("Nothing to suggest yet")


def test_suggest_from_the_description_reads_title_and_description(web):
    answer = web.get("/web/codes/suggest?title=Деревообрабатывающие станки"
                     "&description=ленточнопильные станки для лесопилок").get_json()
    assert answer["source"] == "description"
    assert _best_hs(answer["items"][:2])["code"].startswith("8465")  # wood, not metal-working 8456–8461
    assert all(item["why"] for item in answer["items"])
    legacy = web.get("/web/codes/suggest?text=Обрабатывающие центры с ЧПУ").get_json()
    assert _best_hs(legacy["items"][:2])["code"] == "8457"


def test_without_javascript_find_codes_lists_codes_with_their_reasons_to_tick(signed_up):
    browser = signed_up("olga@example.by")
    found = browser.post("/companies/new", profile_form(**{
        "action": "codes:offers:0", "offers-0-code_query": "харвестер", "offers-0-hs_codes": "",
        "offers-0-nace_codes": ""}))
    assert found.status_code == 200
    assert _best_hs_box(_picked_boxes(found)[:2]).startswith("hs:8436")
    page = text_of(found)
    assert "Коды для «харвестер»" in page and "найдено по словам: «харвестер" in page.lower()


def test_without_javascript_the_suggest_button_reads_the_title_and_description_not_the_query(signed_up):
    browser = signed_up("olga@example.by")
    suggested = browser.post("/companies/new", profile_form(**{
        "action": "suggest:offers:0", "offers-0-code_query": "молоко", "offers-0-title": "Сливочное масло и сыр",
        "offers-0-description": "", "offers-0-hs_codes": "", "offers-0-nace_codes": ""}))
    boxes = _picked_boxes(suggested)
    assert "hs:0405" in boxes and "hs:0401" not in boxes[:1]
    assert "Предложено по названию и описанию" in text_of(suggested)
    assert input_value(suggested, "offers-0-code_query") == "молоко"  # what was typed is kept


def test_without_javascript_a_did_you_mean_button_searches_that_spelling(signed_up):
    browser = signed_up("olga@example.by")
    corrected = browser.post("/companies/new", profile_form(**{
        "action": "codes:offers:0:харвестер", "offers-0-code_query": NONSENSE, "offers-0-hs_codes": ""}))
    assert input_value(corrected, "offers-0-code_query") == "харвестер"
    assert _best_hs_box(_picked_boxes(corrected)[:2]).startswith("hs:8436")


def test_codes_the_user_already_chose_are_shown_as_chosen_and_never_replaced(signed_up):
    browser = signed_up("olga@example.by")
    found = browser.post("/companies/new", profile_form(**{
        "action": "codes:offers:0", "offers-0-code_query": "харвестер", "offers-0-hs_codes": "8436 80"}))
    html = found.get_data(as_text=True)
    assert re.search(r'value="hs:843680" checked disabled', html)
    assert "уже среди ваших кодов" in text_of(found)
    assert input_value(found, "offers-0-hs_codes") == "8436 80"


def test_inferred_codes_never_reach_the_profile_unless_the_user_picks_them(signed_up):
    browser = signed_up("olga@example.by")
    browser.post("/companies/new", profile_form(**{
        "action": "codes:offers:0", "offers-0-code_query": "харвестер", "offers-0-hs_codes": "",
        "offers-0-nace_codes": ""}))
    saved = browser.create_profile(**{"offers-0-hs_codes": "", "offers-0-nace_codes": "", "offers-0-code_query": ""})
    assert saved.status_code == 302
    offer = db.session.scalar(select(Offer))
    assert (offer.hs_codes, offer.nace_codes) == ([], [])


def test_a_picked_suggestion_is_added_to_the_users_own_codes(signed_up):
    browser = signed_up("olga@example.by")
    saved = browser.create_profile(**{"offers-0-hs_codes": "8436 80", "offers-0-nace_codes": "",
                                      "offers-0-pick": ["hs:846591", "nace:28.30"]})
    assert saved.status_code == 302
    offer = db.session.scalar(select(Offer))
    assert offer.hs_codes == ["843680", "846591"] and offer.nace_codes == ["28.30"]


def test_the_picker_leaves_out_codes_far_less_likely_than_the_best_one_while_the_api_keeps_them(web, client):
    token, _ = create_token(get_or_create_user("reader@example.by", "company"), "tests")
    db.session.commit()
    words = {"title": "Woodworking machines", "description": "band saws for sawmills"}
    shown = web.get("/web/codes/suggest", query_string=words, headers={"Accept-Language": "en"}).get_json()["items"]
    assert shown and all(item["confidence"] >= 0.1 * shown[0]["confidence"] for item in shown)
    everything = client.post("/api/v1/codes/suggest", headers={"Authorization": f"Bearer {token}"}, json={**words, "limit": 12})
    assert len(everything.get_json()["items"]) > len(shown)  # a stray «band» (watch straps) is left to the API


def test_opening_the_profile_editor_loads_the_classifier_before_the_first_keystroke(signed_up):
    browser = signed_up("olga@example.by")
    assert browser.get("/companies/new").status_code == 200
    warming = code_lookup.warm_up_thread()
    assert warming is not None and warming.daemon  # in the background: the page is not held up
    warming.join(timeout=120)
    assert not warming.is_alive()
