"""Delegation imports against tricky input, on each backend: look-alike names with other numbers,
invisible characters, hostile workbooks — and the file is read while no transaction holds the database."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, select

from matcher.db import db
from matcher.models import Company, MissionParticipant
from matcher.services import delegation_import
from matcher.services.delegation_import import import_delegation
from matcher.services.upload_problems import FileRefused
from matcher.services.xlsx_archive import MAX_SHARED_STRINGS


def _csv(rows) -> bytes:
    return "\r\n".join(",".join(row) for row in rows).encode() + b"\r\n"


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def empty_mission(mission_of):
    return mission_of([])


def test_a_name_differing_only_in_its_number_is_created_while_a_transliteration_is_recognised(
        organizer, empty_mission, create_company):
    filler = create_company(name="Filler Company 00000", tax_id=None)
    amkodor = create_company(name="«Амкодор»", tax_id=None)
    rows = [["name", "country", "roles"], ["Filler Company 00001", "BY", "supplier"],
            ["Amkodor JSC", "BY", "supplier"]]
    report = import_delegation(empty_mission["id"], _csv(rows), "d.csv", organizer)
    assert [(r["row"], r["company_id"]) for r in report["recognised"]] == [(3, amkodor.id)]
    assert [r["row"] for r in report["created"]] == [2] and report["created"][0]["company_id"] != filler.id
    assert _count(Company) == 3 and _count(MissionParticipant) == 2


def test_two_rows_differing_only_in_their_numbers_are_two_companies(organizer, empty_mission):
    rows = [["name", "country", "roles"], ["Filler Company 00000", "BY", "supplier"],
            ["Filler Company 00001", "BY", "supplier"]]
    report = import_delegation(empty_mission["id"], _csv(rows), "d.csv", organizer)
    assert [r["name"] for r in report["created"]] == ["Filler Company 00000", "Filler Company 00001"]


def test_control_bidi_and_zero_width_characters_are_stripped_from_imported_cells(organizer, empty_mission):
    rows = [["na\u200bme", "country", "roles", "city"],
            ["Лес\u202eмаш\x1b[31m", "BY", "поставщик\u200b", "Минск\u2066"]]
    report = import_delegation(empty_mission["id"], _csv(rows), "d.csv", organizer)
    assert report["file"]["columns"]["name"] == "name"
    company = db.session.get(Company, report["created"][0]["company_id"])
    assert (company.name, company.city, company.roles) == ("Лесмаш[31m", "Минск", ["supplier"])


def test_the_file_is_read_while_no_transaction_holds_the_database(organizer, empty_mission, monkeypatch):
    """As in a write request: something was read first (on SQLite that took the write lock), then the upload."""
    seen = {}
    real_read = delegation_import.read_delegation_file

    def read_and_look(data, filename):
        seen["in_transaction"] = db.session().in_transaction()
        if db.engine.dialect.name == "sqlite":  # another writer gets the lock at once while the file is read
            other = sqlite3.connect(db.engine.url.database, timeout=0, isolation_level=None)
            try:
                other.execute("BEGIN IMMEDIATE")
                other.execute("ROLLBACK")
                seen["other_writer"] = True
            except sqlite3.OperationalError as exc:
                seen["other_writer"] = str(exc)
            finally:
                other.close()
        return real_read(data, filename)

    monkeypatch.setattr(delegation_import, "read_delegation_file", read_and_look)
    db.session.scalar(select(func.count()).select_from(Company))  # the request's first read
    report = import_delegation(empty_mission["id"], _csv([["name", "country", "roles"], ["Лесмаш", "BY", "supplier"]]),
                               "d.csv", organizer)
    assert report["imported"] and seen["in_transaction"] is False
    assert seen.get("other_writer", True) is True


def test_a_shared_strings_bomb_is_refused_before_anything_is_written(organizer, empty_mission):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "unit" / "missions"))
    from hostile_workbooks import with_shared_strings

    with pytest.raises(FileRefused) as caught:
        import_delegation(empty_mission["id"], with_shared_strings(MAX_SHARED_STRINGS + 1), "d.xlsx", organizer)
    assert caught.value.status == 422 and "at most 100,000 are accepted" in caught.value.detail
    assert _count(Company) == 0 and _count(MissionParticipant) == 0


def test_the_cli_reports_a_hostile_workbook_as_an_error_naming_the_limit(app, empty_mission, tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "unit" / "missions"))
    from hostile_workbooks import rebuilt

    path = tmp_path / "bomb.xlsx"
    path.write_bytes(rebuilt(add={"xl/media/pad.bin": b"\0" * (4 * 1024 * 1024)}))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["mission", "import", str(empty_mission["id"]), str(path)])
    assert result.exit_code != 0 and "at most 100× is accepted" in result.output
    assert "Traceback" not in result.output and _count(Company) == 0


def test_the_cli_prints_a_known_companys_stored_name_without_its_terminal_escapes(app, empty_mission,
                                                                                 create_company, tmp_path):
    known = create_company(name="Амкодор", tax_id="100582305")
    known.name = "Амкодор\x1b]0;owned\x07\x1b[2J"  # stored before names were cleaned at the door
    db.session.commit()
    path = tmp_path / "d.csv"
    path.write_bytes(_csv([["name", "country", "roles", "tax_id"], ["Amkodor", "BY", "supplier", "100582305"]]))
    result = app.test_cli_runner().invoke(args=["mission", "import", str(empty_mission["id"]), str(path)])
    assert result.exit_code == 0, result.output
    assert "is known company" in result.output and "\x1b" not in result.output and "\x07" not in result.output
