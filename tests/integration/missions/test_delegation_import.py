"""Importing a delegation into a mission: clean files, broken ones, known companies — on each backend."""
import io

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from matcher.db import db
from matcher.errors import Forbidden, ValidationFailed
from matcher.models import Company, MissionParticipant
from matcher.services.companies import get_company
from matcher.services.delegation_files import MAX_ROWS
from matcher.services.delegation_import import DelegationRejected, import_delegation

HEADER_RU = ["Название", "Название (EN)", "Страна", "Регион", "Город", "Роли", "УНП / ИНН", "Сайт",
             "Предложение", "ТН ВЭД предложения", "Потребность", "ТН ВЭД потребности"]
AMKODOR = ["ОАО «Амкодор»", "Amkodor", "Беларусь", "Минск", "Минск", "поставщик", "100582305", "amkodor.by",
           "Харвестеры и форвардеры", "8436 80", "", ""]
GOMSELMASH = ["Гомсельмаш", "", "BY", "BY-HO", "Гомель", "", "100582318", "", "Зерноуборочные комбайны",
              "843351", "", ""]
PERM_BUYER = ["Пермский лесокомбинат", "", "Россия", "Пермский край", "Пермь", "покупатель", "7707083893", "",
              "", "", "Форвардеры для вывозки леса", "843680"]


def _csv(rows, encoding="utf-8", delimiter=";") -> bytes:
    return "\r\n".join(delimiter.join(cell for cell in row) for row in rows).encode(encoding) + b"\r\n"


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def empty_mission(mission_of):
    return mission_of([])


def test_clean_russian_csv_in_cp1251_creates_companies_and_makes_them_participants(organizer, empty_mission):
    data = _csv([HEADER_RU, AMKODOR, GOMSELMASH, PERM_BUYER], encoding="cp1251")
    report = import_delegation(empty_mission["id"], data, "делегация.csv", organizer)
    assert report["imported"] and report["file"]["encoding"] == "cp1251" and report["file"]["format"] == "csv"
    assert [c["row"] for c in report["created"]] == [2, 3, 4] and report["participants_added"] == 3
    amkodor = get_company(report["created"][0]["company_id"])
    assert (amkodor.country, amkodor.region, amkodor.tax_id, amkodor.website) == (
        "BY", "BY-HM", "100582305", "https://amkodor.by")
    assert amkodor.offers[0].hs_codes == ["843680"] and amkodor.roles == ["supplier"]
    gomselmash = get_company(report["created"][1]["company_id"])
    assert gomselmash.roles == ["supplier"]  # inferred from the offer
    buyer = get_company(report["created"][2]["company_id"])
    assert (buyer.country, buyer.region, buyer.roles) == ("RU", "RU-PER", ["buyer"])
    assert _count(MissionParticipant) == 3


def test_english_xlsx_with_numbers_in_cells_is_imported(organizer, empty_mission):
    data = _xlsx([["name", "country", "roles", "tax_id", "need_title", "need_hs_codes", "need_annual_volume_usd"],
                  ["Perm Sawmill", "RU", "buyer", 7707083893, "Timber harvesters", 843680, 3_000_000]])
    report = import_delegation(empty_mission["id"], data, "delegation.xlsx", organizer)
    company = get_company(report["created"][0]["company_id"])
    assert company.tax_id == "7707083893" and company.needs[0].annual_volume_usd == 3_000_000


def test_bad_tax_ids_are_reported_by_row_and_column_and_nothing_is_written(organizer, empty_mission):
    bad = list(GOMSELMASH)
    bad[6] = "100582334"
    data = _csv([HEADER_RU, AMKODOR, bad, PERM_BUYER[:6] + ["12345"] + PERM_BUYER[7:]])
    with pytest.raises(DelegationRejected) as caught:
        import_delegation(empty_mission["id"], data, "d.csv", organizer)
    errors = caught.value.errors
    assert set(errors) == {"rows.3.tax_id", "rows.4.tax_id"}
    assert errors["rows.3.tax_id"][0].startswith("УНП / ИНН: not a valid Belarusian UNP")
    assert "INN" in errors["rows.4.tax_id"][0]
    assert caught.value.status == 422 and "nothing was imported" in caught.value.detail
    assert [r["row"] for r in caught.value.report["rejected"]] == [3, 4]
    assert _count(Company) == 0 and _count(MissionParticipant) == 0


def test_bad_codes_and_fields_inside_offers_are_named_by_their_column(organizer, empty_mission):
    bad = list(AMKODOR)
    bad[9] = "8436 80, 8499"
    bad[2] = "Атлантида"
    with pytest.raises(DelegationRejected) as caught:
        import_delegation(empty_mission["id"], _csv([HEADER_RU, bad]), "d.csv", organizer)
    errors = caught.value.errors
    assert "rows.2.offer_hs_codes" in errors and "ТН ВЭД предложения" in errors["rows.2.offer_hs_codes"][0]
    assert "rows.2.country" in errors and "Страна" in errors["rows.2.country"][0]


def test_valid_rows_mode_imports_the_clean_rows_and_reports_the_rest(organizer, empty_mission):
    bad = list(GOMSELMASH)
    bad[6] = "100582334"
    report = import_delegation(empty_mission["id"], _csv([HEADER_RU, AMKODOR, bad, PERM_BUYER]), "d.csv", organizer,
                               mode="valid_rows")
    assert [c["row"] for c in report["created"]] == [2, 4]
    assert [r["row"] for r in report["rejected"]] == [3] and "rows.3.tax_id" in report["errors"]
    assert _count(Company) == 2 and _count(MissionParticipant) == 2


def test_dry_run_reports_what_would_happen_and_writes_nothing(organizer, empty_mission, create_company):
    create_company(name="Амкодор", tax_id=None)
    report = import_delegation(empty_mission["id"], _csv([HEADER_RU, AMKODOR, PERM_BUYER]), "d.csv", organizer,
                               dry_run=True)
    assert [r["row"] for r in report["recognised"]] == [2] and [r["row"] for r in report["to_create"]] == [3]
    assert not report["imported"] and _count(Company) == 1 and _count(MissionParticipant) == 0


def test_transliterated_name_of_a_known_company_links_it_instead_of_duplicating(organizer, empty_mission,
                                                                                 create_company):
    known = create_company(name="Амкодор", tax_id=None)
    gomselmash = create_company(name="ОАО «Гомсельмаш»", tax_id=None)
    rows = [["name", "country", "roles"], ["Amkodor JSC", "BY", "supplier"], ['OAO "Gomselmash"', "BY", "supplier"]]
    report = import_delegation(empty_mission["id"], _csv(rows, delimiter=","), "d.csv", organizer)
    assert [(r["company_id"], r["by"]) for r in report["recognised"]] == [(known.id, "name"), (gomselmash.id, "name")]
    assert report["created"] == [] and _count(Company) == 2 and _count(MissionParticipant) == 2


def test_known_tax_id_links_the_company_whatever_its_name_in_the_file(organizer, empty_mission, create_company):
    known = create_company(name="Амкодор", tax_id="100582305")
    rows = [["name", "country", "roles", "tax_id"], ["Holding Amkodor Management", "BY", "supplier", "100582305"]]
    report = import_delegation(empty_mission["id"], _csv(rows, delimiter=","), "d.csv", organizer)
    assert report["recognised"][0]["company_id"] == known.id and report["recognised"][0]["by"] == "tax_id"


def test_same_name_with_a_different_tax_id_is_a_different_company(organizer, empty_mission, create_company):
    create_company(name="Амкодор", tax_id="100582305")
    rows = [["name", "country", "roles", "tax_id"], ["Amkodor", "BY", "supplier", "100582318"]]
    report = import_delegation(empty_mission["id"], _csv(rows, delimiter=","), "d.csv", organizer)
    assert len(report["created"]) == 1 and report["recognised"] == []


def test_the_same_company_twice_in_one_file_is_an_error_on_the_later_row(organizer, empty_mission):
    rows = [["name", "country", "roles"], ["Гомсельмаш", "BY", "supplier"], ["Gomselmash OJSC", "BY", "supplier"]]
    with pytest.raises(DelegationRejected) as caught:
        import_delegation(empty_mission["id"], _csv(rows, delimiter=","), "d.csv", organizer)
    assert list(caught.value.errors) == ["rows.3.name"]
    assert "the same company as row 2" in caught.value.errors["rows.3.name"][0]


@pytest.mark.parametrize("data, fragment", [
    (b"", "empty"),
    (_csv([["colour", "size"], ["red", "XL"]]), "none of its columns is known"),
    (_csv([["Страна", "Роли"], ["BY", "поставщик"]]), "Required column missing"),
    (b"%PDF-1.4 not a table", "PDF"),
    (b"\x00\x01\x02\x03binary\x00junk", "binary"),
    (_csv([HEADER_RU] + [AMKODOR] * (MAX_ROWS + 1)), "more than 5,000 rows"),
])
def test_broken_files_are_refused_and_nothing_is_written(organizer, empty_mission, data, fragment):
    with pytest.raises(ValidationFailed) as caught:
        import_delegation(empty_mission["id"], data, "d.csv", organizer)
    assert fragment in caught.value.detail
    assert _count(Company) == 0 and _count(MissionParticipant) == 0


def test_only_the_missions_organizer_or_an_admin_imports(other_organizer, empty_mission):
    with pytest.raises(Forbidden):
        import_delegation(empty_mission["id"], _csv([HEADER_RU, AMKODOR]), "d.csv", other_organizer)
    assert _count(Company) == 0


def test_a_row_that_fails_to_store_undoes_the_rows_stored_before_it(organizer, empty_mission, monkeypatch):
    from matcher.errors import Conflict
    from matcher.services import delegation_import

    real_create = delegation_import.create_company
    calls = []

    def create_then_fail(payload, **kwargs):
        calls.append(payload["name"])
        if len(calls) == 2:  # someone registered this tax id a moment ago
            raise Conflict("A company with this tax id is already registered",
                           {"tax_id": ["a company with this tax id is already registered"]})
        return real_create(payload, **kwargs)

    monkeypatch.setattr(delegation_import, "create_company", create_then_fail)
    with pytest.raises(Conflict) as caught:
        import_delegation(empty_mission["id"], _csv([HEADER_RU, AMKODOR, GOMSELMASH, PERM_BUYER]), "d.csv", organizer)
    assert "rows.3.tax_id" in caught.value.errors
    assert _count(Company) == 0 and _count(MissionParticipant) == 0
