"""A mission's match list and its CSV / XLSX files, reopened as a person would — on each backend."""
import csv
import io

from openpyxl import load_workbook

from matcher.services.companies import create_company as create
from matcher.services.mission_exports import match_list_file
from matcher.services.mission_matches import mission_match_list


def _pairs(result) -> list[tuple[str, str]]:
    return [(i["supplier"]["name"], i["buyer"]["name"]) for i in result["items"]]


def test_match_list_pairs_suppliers_with_buyers_of_the_mission_best_first(organizer, corridor, mission_of):
    suppliers, buyers = corridor
    mission = mission_of(suppliers + buyers)
    result = mission_match_list(mission["id"], organizer)
    assert sorted(_pairs(result)) == sorted([
        ("Амкодор", "Пермский лесокомбинат"), ("Гомсельмаш", "Агрохолдинг Прикамье"),
        ("СтанкоГомель", "Пермский моторный завод"), ("Ивацевичдрев", "Мебельная фабрика Кама"),
    ])
    scores = [i["score"] for i in result["items"]]
    assert scores == sorted(scores, reverse=True) and min(scores) >= 40
    item = result["items"][0]
    assert set(item["supplier"]) >= {"id", "name", "country", "region"}
    assert item["supplier"]["country"] == "BY" and item["buyer"]["country"] == "RU"
    assert abs(sum(r["contribution"] for r in item["reasons"]) - item["score"]) < 0.5


def test_companies_outside_the_mission_are_never_listed(organizer, corridor, forestry_pair, mission_of):
    suppliers, buyers = corridor
    mission = mission_of([suppliers[0], buyers[0]])
    assert _pairs(mission_match_list(mission["id"], organizer)) == [("Амкодор", "Пермский лесокомбинат")]


def test_min_score_zero_lists_weak_pairs_too(organizer, corridor, mission_of):
    suppliers, buyers = corridor
    mission = mission_of(suppliers + buyers)
    assert len(mission_match_list(mission["id"], organizer, min_score=0)["items"]) > 4


def test_per_company_cap_counts_both_sides(organizer, corridor, forestry_pair, mission_of):
    suppliers, buyers = corridor
    mission = mission_of([suppliers[0], buyers[0], *forestry_pair])
    capped = mission_match_list(mission["id"], organizer, per_company=1)["items"]
    assert len(capped) == 2  # four strong forestry pairs, but each company in at most one
    ids = [c for i in capped for c in (i["supplier"]["id"], i["buyer"]["id"])]
    assert len(ids) == len(set(ids))
    assert len(mission_match_list(mission["id"], organizer, per_company=2)["items"]) == 4


def test_company_that_sells_and_buys_is_capped_across_both_roles(organizer, corridor, mission_of, company_payload):
    suppliers, buyers = corridor
    both = create(company_payload(
        name="Лесторг", roles=["supplier", "buyer"],
        offers=[{"title": "Харвестеры для лесозаготовки", "hs_codes": ["843680"], "description": "Харвестеры"}],
        needs=[{"title": "Харвестеры и форвардеры", "hs_codes": ["843680"], "description": "Форвардеры"}],
    ))
    mission = mission_of([suppliers[0], buyers[0], both])
    items = mission_match_list(mission["id"], organizer, per_company=1)["items"]
    appearances = sum(both.id in (i["supplier"]["id"], i["buyer"]["id"]) for i in items)
    assert appearances <= 1


def test_sector_focus_filters_pairs_by_the_products_they_trade(organizer, corridor, mission_of):
    suppliers, buyers = corridor
    mission = mission_of(suppliers + buyers, hs_prefixes=["8436"])
    result = mission_match_list(mission["id"], organizer)
    assert _pairs(result) == [("Амкодор", "Пермский лесокомбинат")]
    assert result["sector_focus"] == {"hs_prefixes": ["8436"], "nace_prefixes": [], "applied_as": "filter"}


def test_nace_section_focus_keeps_pairs_whose_codes_fall_in_the_section(organizer, corridor, mission_of,
                                                                         company_payload):
    suppliers, buyers = corridor
    coded = create(company_payload(name="Лесмаш-НАСЕ", offers=[
        {"title": "Харвестеры и форвардеры", "hs_codes": ["843680"], "nace_codes": ["28.30"],
         "description": "Лесозаготовительная техника"}]))
    in_section = mission_of([coded, buyers[0]], nace_prefixes=["C"])
    elsewhere = mission_of([coded, buyers[0]], nace_prefixes=["A"])
    assert len(mission_match_list(in_section["id"], organizer)["items"]) == 1
    assert mission_match_list(elsewhere["id"], organizer)["items"] == []


def test_company_account_sees_only_its_own_pairs(organizer, user, corridor, mission_of):
    suppliers, buyers = corridor
    firm = user("firm@example.org", "company")
    own = create({"name": "Лесная техника", "country": "BY", "roles": ["supplier"], "offers": [
        {"title": "Харвестеры и форвардеры", "hs_codes": ["843680"], "description": "Харвестеры"}]}, owner=firm)
    mission = mission_of([own, *suppliers, *buyers])
    from matcher.db import db

    db.session.refresh(firm)
    seen = mission_match_list(mission["id"], firm)["items"]
    assert seen and all(own.id in (i["supplier"]["id"], i["buyer"]["id"]) for i in seen)


def test_russian_csv_reopens_with_russian_headers_and_every_pair(organizer, corridor, mission_of):
    suppliers, buyers = corridor
    mission = mission_of(suppliers + buyers)
    data = match_list_file(mission["id"], organizer, "csv", "ru")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["№", "Поставщик", "Поставщик: Страна"]
    assert len(rows) == 1 + 4
    first = rows[1]
    assert first[0] == "1" and first[2] == "Беларусь" and first[5] == "Российская Федерация"
    assert "коды ТН ВЭД" in first[8]


def test_english_xlsx_reopens_with_english_headers_names_and_numeric_scores(organizer, corridor, mission_of):
    suppliers, buyers = corridor
    mission = mission_of(suppliers + buyers)
    sheet = load_workbook(io.BytesIO(match_list_file(mission["id"], organizer, "xlsx", "en"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("#", "Supplier") and rows[0][7] == "Score"
    assert len(rows) == 5
    assert {r[1] for r in rows[1:]} == {"Amkodor", "Gomselmash", "StankoGomel", "Ivatsevichdrev"}
    assert all(isinstance(r[7], float) for r in rows[1:])
    assert "HS codes" in rows[1][8]
