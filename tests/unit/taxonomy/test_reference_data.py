"""Sanity checks for the reference taxonomy data shipped in matcher/taxonomy/data.

The CSV files are read with the stdlib ``csv`` module only, so these tests do not
depend on any project code.
"""

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

DATA_DIR = Path(__file__).resolve().parents[3] / "matcher" / "taxonomy" / "data"

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
SECTION_RE = re.compile(r"^[A-U]$")
DIVISION_RE = re.compile(r"^\d{2}$")
GROUP_RE = re.compile(r"^\d{2}\.\d$")
CLASS_RE = re.compile(r"^\d{2}\.\d{2}$")


def _read(name):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def nace():
    return _read("nace_rev2.csv")


@pytest.fixture(scope="module")
def nace_by_code(nace):
    return {row["code"]: row for row in nace}


@pytest.fixture(scope="module")
def hs_chapters():
    return _read("hs_chapters.csv")


@pytest.fixture(scope="module")
def hs_headings():
    return _read("hs_headings_ru.csv")


def _levels(nace):
    return Counter(int(row["level"]) for row in nace)


# --- NACE Rev. 2 -----------------------------------------------------------


def test_nace_file_has_the_expected_columns():
    with open(DATA_DIR / "nace_rev2.csv", encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == ["code", "level", "parent", "name_en", "name_ru"]


def test_nace_codes_are_unique(nace):
    codes = [row["code"] for row in nace]
    assert len(codes) == len(set(codes))


def test_nace_has_21_sections_as_in_rev_2(nace):
    assert _levels(nace)[1] == 21


def test_nace_has_88_divisions_as_in_rev_2(nace):
    assert _levels(nace)[2] == 88


def test_nace_has_272_groups_as_in_rev_2(nace):
    assert _levels(nace)[3] == 272


def test_nace_has_615_classes_as_in_rev_2(nace):
    assert _levels(nace)[4] == 615


def test_nace_has_no_levels_other_than_one_to_four(nace):
    assert set(_levels(nace)) == {1, 2, 3, 4}


def test_nace_sections_are_the_letters_a_to_u(nace):
    sections = sorted(row["code"] for row in nace if row["level"] == "1")
    assert sections == [chr(c) for c in range(ord("A"), ord("U") + 1)]


def test_nace_codes_are_well_formed_for_their_level(nace):
    patterns = {"1": SECTION_RE, "2": DIVISION_RE, "3": GROUP_RE, "4": CLASS_RE}
    bad = [row["code"] for row in nace if not patterns[row["level"]].match(row["code"])]
    assert bad == []


def test_nace_sections_have_no_parent(nace):
    assert all(row["parent"] == "" for row in nace if row["level"] == "1")


def test_every_nace_parent_exists_one_level_up(nace, nace_by_code):
    bad = []
    for row in nace:
        if row["level"] == "1":
            continue
        parent = nace_by_code.get(row["parent"])
        if parent is None or int(parent["level"]) != int(row["level"]) - 1:
            bad.append(row["code"])
    assert bad == []


def test_nace_groups_and_classes_start_with_their_parent_code(nace):
    bad = [
        row["code"]
        for row in nace
        if row["level"] in ("3", "4") and not row["code"].startswith(row["parent"])
    ]
    assert bad == []


def test_each_nace_class_starts_with_its_group(nace):
    bad = [
        row["code"]
        for row in nace
        if row["level"] == "4" and row["code"][:4] != row["parent"]
    ]
    assert bad == []


def test_every_nace_row_has_an_english_name(nace):
    assert [row["code"] for row in nace if not row["name_en"].strip()] == []


@pytest.mark.parametrize("level", ["1", "2"])
def test_every_nace_section_and_division_has_english_and_russian_names(nace, level):
    missing = [
        row["code"]
        for row in nace
        if row["level"] == level and not (row["name_en"].strip() and row["name_ru"].strip())
    ]
    assert missing == []


def test_nace_russian_names_contain_cyrillic(nace):
    bad = [row["code"] for row in nace if row["name_ru"] and not CYRILLIC.search(row["name_ru"])]
    assert bad == []


def test_nace_names_have_no_stray_whitespace(nace):
    bad = [
        row["code"]
        for row in nace
        for name in (row["name_en"], row["name_ru"])
        if name != name.strip() or "  " in name
    ]
    assert bad == []


@pytest.mark.parametrize(
    "code, name_en",
    [
        ("02.20", "Logging"),
        ("16.10", "Sawmilling and planing of wood"),
        ("23.51", "Manufacture of cement"),
        ("23.61", "Manufacture of concrete products for construction purposes"),
        ("28.30", "Manufacture of agricultural and forestry machinery"),
        ("28.41", "Manufacture of metal forming machinery"),
        ("28.49", "Manufacture of other machine tools"),
        ("28.92", "Manufacture of machinery for mining, quarrying and construction"),
        ("10.51", "Operation of dairies and cheese making"),
        ("41.20", "Construction of residential and non-residential buildings"),
        ("46.63", "Wholesale of mining, construction and civil engineering machinery"),
        ("85.32", "Technical and vocational secondary education"),
        ("62.01", "Computer programming activities"),
        ("58.29", "Other software publishing"),
        ("99.00", "Activities of extraterritorial organisations and bodies"),
    ],
)
def test_nace_class_titles_match_rev_2(nace_by_code, code, name_en):
    assert nace_by_code[code]["name_en"] == name_en


def test_nace_is_rev_2_not_rev_2_1(nace_by_code):
    # Rev. 2.1 renumbered division 62 into 62.10 / 62.20 / 62.90; Rev. 2 uses 62.01-62.09.
    assert {"62.01", "62.02", "62.03", "62.09"} <= set(nace_by_code)
    assert "62.10" not in nace_by_code
    assert nace_by_code["46.66"]["name_en"] == "Wholesale of other office machinery and equipment"


# --- HS chapters -----------------------------------------------------------


def test_hs_chapters_file_has_the_expected_columns():
    with open(DATA_DIR / "hs_chapters.csv", encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == ["code", "name_en", "name_ru"]


def test_hs_chapters_are_exactly_01_to_97(hs_chapters):
    assert [row["code"] for row in hs_chapters] == [f"{i:02d}" for i in range(1, 98)]


def test_every_hs_chapter_has_english_and_russian_names(hs_chapters):
    missing = [
        row["code"]
        for row in hs_chapters
        if not (row["name_en"].strip() and row["name_ru"].strip())
    ]
    assert missing == []


def test_hs_chapter_russian_names_contain_cyrillic(hs_chapters):
    assert [row["code"] for row in hs_chapters if not CYRILLIC.search(row["name_ru"])] == []


def test_hs_chapter_77_is_marked_reserved(hs_chapters):
    row = next(r for r in hs_chapters if r["code"] == "77")
    assert "reserved" in row["name_en"].lower()
    assert "зарезервирован" in row["name_ru"].lower()


# --- HS headings (Russian) -------------------------------------------------


def test_hs_headings_file_has_the_expected_columns():
    with open(DATA_DIR / "hs_headings_ru.csv", encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == ["code", "name_ru"]


def test_hs_heading_codes_are_unique(hs_headings):
    codes = [row["code"] for row in hs_headings]
    assert len(codes) == len(set(codes))


def test_every_hs_heading_is_four_digits_within_a_known_chapter(hs_headings, hs_chapters):
    chapters = {row["code"] for row in hs_chapters} - {"77"}
    bad = [
        row["code"]
        for row in hs_headings
        if not re.fullmatch(r"\d{4}", row["code"]) or row["code"][:2] not in chapters
    ]
    assert bad == []


def test_every_hs_heading_has_a_cyrillic_name(hs_headings):
    assert [row["code"] for row in hs_headings if not CYRILLIC.search(row["name_ru"])] == []


@pytest.mark.parametrize(
    "chapter", ["02", "03", "04", "15", "16", "17", "18", "19", "20", "21", "22",
                "25", "44", "48", "68", "69", "70", "71", "72", "73", "84", "85", "87", "94"]
)
def test_hs_headings_cover_the_priority_chapters(hs_headings, chapter):
    assert any(row["code"].startswith(chapter) for row in hs_headings)
