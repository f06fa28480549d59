"""A mission's match list (JSON, CSV, XLSX), the delegation template and the delegation import over the API."""
from __future__ import annotations

import io

import pytest
from mission_data import BASE, corridor, mission, people, read_csv, read_sheets  # noqa: F401  (fixtures)
from openpyxl import Workbook
from sqlalchemy import func, select

from matcher.db import db
from matcher.models import Company, MissionParticipant

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_RU = ["Название", "Страна", "Регион", "Роли", "УНП / ИНН", "Потребность", "ТН ВЭД потребности"]
GOOD_RU = ["Соликамский ЛПК", "Россия", "Пермский край", "покупатель", "", "Форвардеры для вывозки леса", "843680"]
BAD_RU = ["Кунгурский завод", "Россия", "Пермский край", "покупатель", "12345", "Станки", "8458 11"]


def _pairs(items) -> list[tuple[int, int]]:
    return [(i["supplier"]["id"], i["buyer"]["id"]) for i in items]


def _csv(rows, delimiter=";") -> bytes:
    return ("\r\n".join(delimiter.join(row) for row in rows) + "\r\n").encode("utf-8")


def _upload(client, mission_id, headers, data: bytes, filename="делегация.csv", **fields):
    return client.post(f"{BASE}/{mission_id}/import", headers=headers, content_type="multipart/form-data",
                       data={"file": (io.BytesIO(data), filename), **fields})


def _companies() -> int:
    return db.session.scalar(select(func.count()).select_from(Company))


# -- the match list ------------------------------------------------------------------------------

def test_match_list_pairs_only_the_missions_suppliers_and_buyers_best_first(client, people, mission, corridor):
    suppliers, buyers = corridor
    response = client.get(f"{BASE}/{mission['id']}/match-list?min_score=40&per_company=10", headers=people["organizer"])
    assert response.status_code == 200
    items = response.get_json()["items"]
    assert sorted(_pairs(items)) == sorted((s.id, b.id) for s, b in zip(suppliers, buyers))
    scores = [i["score"] for i in items]
    assert scores == sorted(scores, reverse=True) and min(scores) >= 40
    first = items[0]
    assert set(first) >= {"supplier", "buyer", "score", "reasons"}
    assert first["supplier"]["country"] == "BY" and first["buyer"]["country"] == "RU"
    assert abs(sum(r["contribution"] for r in first["reasons"]) - first["score"]) < 0.5


def test_min_score_and_per_company_shape_the_list(client, people, mission):
    url = f"{BASE}/{mission['id']}/match-list"
    everything = client.get(f"{url}?min_score=0&per_company=100", headers=people["organizer"]).get_json()["items"]
    assert len(everything) > 3
    capped = client.get(f"{url}?min_score=0&per_company=1", headers=people["organizer"]).get_json()["items"]
    ids = [c for pair in _pairs(capped) for c in pair]
    assert len(ids) == len(set(ids))
    assert client.get(f"{url}?min_score=100", headers=people["organizer"]).get_json()["items"] == []


def test_a_company_sees_only_its_own_pairs(client, people, mission, corridor):
    amkodor = corridor[0][0]
    items = client.get(f"{BASE}/{mission['id']}/match-list?min_score=0", headers=people["firm"]).get_json()["items"]
    assert items and all(amkodor.id in pair for pair in _pairs(items))
    assert client.get(f"{BASE}/{mission['id']}/match-list", headers=people["outsider"]).status_code == 404


@pytest.mark.parametrize("query, parameter", [
    ("min_score=101", "min_score"), ("min_score=сорок", "min_score"), ("per_company=0", "per_company"),
    ("format=pdf", "format"), ("format=csv&lang=de", "lang"),
])
def test_bad_match_list_parameters_are_a_400_naming_them(client, people, mission, query, parameter):
    response = client.get(f"{BASE}/{mission['id']}/match-list?{query}", headers=people["organizer"])
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert list(response.get_json()["errors"]) == [parameter]


def test_the_csv_is_the_same_list_with_russian_columns_by_default(client, people, mission):
    url = f"{BASE}/{mission['id']}/match-list"
    items = client.get(url, headers=people["organizer"]).get_json()["items"]
    response = client.get(f"{url}?format=csv", headers=people["organizer"])
    assert response.status_code == 200 and response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == \
        f'attachment; filename="mission-{mission["id"]}-match-list-ru.csv"'
    rows = read_csv(response)
    header = rows[0]
    assert header[:2] == ["№", "Поставщик"] and "Покупатель" in header and "Оценка" in header
    assert [(int(r[header.index("ID поставщика")]), int(r[header.index("ID покупателя")])) for r in rows[1:]] \
        == _pairs(items)
    assert [float(r[header.index("Оценка")]) for r in rows[1:]] == [i["score"] for i in items]
    assert rows[1][1] == items[0]["supplier"]["name"]


def test_the_csv_follows_lang_or_accept_language_for_english_columns(client, people, mission):
    url = f"{BASE}/{mission['id']}/match-list?format=csv"
    by_header = read_csv(client.get(url, headers={**people["organizer"], "Accept-Language": "en-GB,en;q=0.8"}))
    by_parameter = read_csv(client.get(f"{url}&lang=en", headers=people["organizer"]))
    assert by_header == by_parameter and by_header[0][:2] == ["#", "Supplier"]
    assert "Amkodor" in {row[1] for row in by_header[1:]}  # English names where the company gave one
    assert read_csv(client.get(f"{url}&lang=ru", headers={**people["organizer"], "Accept-Language": "en"}))[0][1] \
        == "Поставщик"


def test_the_xlsx_reopens_with_the_same_pairs(client, people, mission):
    url = f"{BASE}/{mission['id']}/match-list"
    items = client.get(url, headers=people["organizer"]).get_json()["items"]
    response = client.get(f"{url}?format=xlsx&lang=en", headers=people["organizer"])
    assert response.status_code == 200 and response.mimetype == XLSX
    assert response.headers["Content-Disposition"].endswith(f'filename="mission-{mission["id"]}-match-list-en.xlsx"')
    (sheet,) = read_sheets(response).values()
    header = list(sheet[0])
    assert header[:2] == ["#", "Supplier"]
    assert [(row[header.index("Supplier ID")], row[header.index("Buyer ID")]) for row in sheet[1:]] == _pairs(items)


def test_the_files_of_a_company_account_hold_only_its_own_pairs(client, people, mission, corridor):
    rows = read_csv(client.get(f"{BASE}/{mission['id']}/match-list?format=csv&min_score=0", headers=people["firm"]))
    assert len(rows) > 1 and all(row[rows[0].index("ID поставщика")] == str(corridor[0][0].id) for row in rows[1:])


# -- the delegation template -----------------------------------------------------------------------

@pytest.mark.parametrize("lang, first", [("ru", "Название"), ("en", "name")])
def test_the_template_comes_as_csv_and_xlsx_in_each_language(client, people, lang, first):
    csv_file = client.get(f"{BASE}/import-template?format=csv&lang={lang}", headers=people["organizer"])
    assert csv_file.status_code == 200 and csv_file.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_file.headers["Content-Disposition"] == f'attachment; filename="delegation-template-{lang}.csv"'
    assert read_csv(csv_file)[0][0] == first
    xlsx_file = client.get(f"{BASE}/import-template?lang={lang}", headers=people["organizer"])
    assert xlsx_file.mimetype == XLSX
    sheets = read_sheets(xlsx_file)
    assert list(sheets.values())[0][0][0] == first and len(sheets) == 2  # the table and its instructions


def test_a_filled_template_imports_back(client, people, mission):
    template = read_csv(client.get(f"{BASE}/import-template?format=csv&lang=ru", headers=people["organizer"]))[0]
    row = {"Название": "Лесмаш", "Страна": "Беларусь", "Роли": "поставщик", "Предложение": "Харвестеры",
           "ТН ВЭД предложения": "8436 80"}
    data = _csv([template, [row.get(column, "") for column in template]])
    report = _upload(client, mission["id"], people["organizer"], data).get_json()
    assert report.get("imported"), report
    assert report["imported"] and [c["name"] for c in report["created"]] == ["Лесмаш"]


# -- importing a delegation ------------------------------------------------------------------------

def test_a_clean_russian_csv_adds_new_and_known_companies_as_participants(client, people, mission, corridor):
    known = ["Амкодор", "Беларусь", "Минск", "поставщик", "", "", ""]  # a name the directory knows
    data = _csv([HEADER_RU, GOOD_RU, known])
    response = _upload(client, mission["id"], people["organizer"], data)
    assert response.status_code == 200, response.get_json()
    report = response.get_json()
    assert report["imported"] and report["file"]["format"] == "csv" and report["file"]["delimiter"] == ";"
    assert [(c["row"], c["name"]) for c in report["created"]] == [(2, "Соликамский ЛПК")]
    assert [(r["row"], r["company_id"], r["by"]) for r in report["recognised"]] == [(3, corridor[0][0].id, "name")]
    assert report["participants_added"] == 1 and report["errors"] == {}
    ids = client.get(f"{BASE}/{mission['id']}", headers=people["organizer"]).get_json()["company_ids"]
    assert report["created"][0]["company_id"] in ids


def test_an_english_xlsx_is_imported(client, people, mission):
    workbook = Workbook()
    workbook.active.append(["name", "country", "roles", "tax_id", "need_title", "need_hs_codes"])
    workbook.active.append(["Perm Sawmill", "Russia", "buyer", 7707083893, "Timber harvesters", 843680])
    out = io.BytesIO()
    workbook.save(out)
    response = _upload(client, mission["id"], people["organizer"], out.getvalue(), "delegation.xlsx")
    assert response.status_code == 200
    report = response.get_json()
    assert report["file"]["format"] == "xlsx" and report["created"][0]["name"] == "Perm Sawmill"


def test_a_file_with_bad_rows_imports_nothing_and_names_each_bad_cell_by_row_and_column(client, people, mission):
    before = _companies()
    response = _upload(client, mission["id"], people["organizer"], _csv([HEADER_RU, GOOD_RU, BAD_RU]))
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert set(problem["errors"]) == {"rows.3.tax_id"}
    assert problem["errors"]["rows.3.tax_id"][0].startswith("УНП / ИНН:")
    assert "nothing was imported" in problem["detail"]
    report = problem["report"]
    assert [r["row"] for r in report["rejected"]] == [3] and "УНП / ИНН" in report["rejected"][0]["errors"]
    assert [r["row"] for r in report["to_create"]] == [2] and not report["imported"]
    assert _companies() == before


def test_valid_rows_mode_imports_the_clean_rows_and_reports_the_others(client, people, mission):
    before = db.session.scalar(select(func.count()).select_from(MissionParticipant))
    response = _upload(client, mission["id"], people["organizer"], _csv([HEADER_RU, GOOD_RU, BAD_RU]),
                       mode="valid_rows")
    assert response.status_code == 200
    report = response.get_json()
    assert [c["row"] for c in report["created"]] == [2] and list(report["errors"]) == ["rows.3.tax_id"]
    assert db.session.scalar(select(func.count()).select_from(MissionParticipant)) == before + 1


def test_a_dry_run_reports_and_writes_nothing(client, people, mission):
    before = _companies()
    response = _upload(client, mission["id"], people["organizer"], _csv([HEADER_RU, GOOD_RU]), dry_run="true")
    assert response.status_code == 200
    report = response.get_json()
    assert report["dry_run"] and not report["imported"] and [r["row"] for r in report["to_create"]] == [2]
    assert _companies() == before


@pytest.mark.parametrize("data, filename, fields, path", [
    (b"", "empty.csv", {}, "file"),
    (b"%PDF-1.7 binary", "delegation.pdf", {}, "file"),
    ("Компания;Телефон\r\nЛесмаш;+375 17 000\r\n".encode(), "no-country.csv", {}, "columns"),
    ("Название;Страна\r\nЛесмаш;BY\r\n".encode(), "d.csv", {"mode": "some"}, "mode"),
    ("Название;Страна\r\nЛесмаш;BY\r\n".encode(), "d.csv", {"dry_run": "maybe"}, "dry_run"),
    ("Название;Страна\r\nЛесмаш;BY\r\n".encode(), "d.csv", {"colour": "red"}, "colour"),
])
def test_unusable_uploads_are_a_422_naming_what_is_wrong(client, people, mission, data, filename, fields, path):
    response = _upload(client, mission["id"], people["organizer"], data, filename, **fields)
    assert response.status_code == 422 and path in response.get_json()["errors"], response.get_json()


def test_an_upload_without_a_file_or_not_multipart_is_refused(client, people, mission):
    url = f"{BASE}/{mission['id']}/import"
    missing = client.post(url, data={"mode": "valid_rows"}, content_type="multipart/form-data",
                          headers=people["organizer"])
    assert missing.status_code == 422 and "file" in missing.get_json()["errors"]
    as_text = client.post(url, data={"file": "Название;Страна"}, content_type="multipart/form-data",
                          headers=people["organizer"])
    assert as_text.status_code == 422 and "multipart" in as_text.get_json()["errors"]["file"][0]
    as_json = client.post(url, json={"file": "x"}, headers=people["organizer"])
    assert as_json.status_code == 415 and "multipart/form-data" in as_json.get_json()["detail"]


def test_only_the_missions_organiser_or_an_admin_imports(client, people, mission):
    data = _csv([HEADER_RU, GOOD_RU])
    assert _upload(client, mission["id"], people["other_organizer"], data).status_code == 403
    assert _upload(client, mission["id"], people["firm"], data).status_code == 403
    assert _upload(client, mission["id"], people["admin"], data).status_code == 200
