"""The corridor dashboard: a chart per measure drawn as SVG without scripts, each with its table and files."""
from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

from openpyxl import load_workbook
from web_helpers import PASSWORD, text_of

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration" / "corridor"))
from corridor_data import small_corridor  # noqa: E402


def _staff(web, staff_user, role="organizer"):
    user = staff_user(role)
    assert web.log_in(user.email, PASSWORD).status_code == 302
    return user


def test_the_dashboard_draws_each_measure_as_svg_with_its_table_and_no_script(web, staff_user):
    small_corridor()
    _staff(web, staff_user)
    page = web.get("/dashboard", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert html.count("<svg") == 6 and html.count('<table class="data-table">') == 6
    charts = re.findall(r'<figure class="chart">(.*?)</figure>', html, re.S)
    assert len(charts) == 6 and not any("<script" in c.lower() for c in charts)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)   # nothing from a CDN
    text = text_of(page)
    assert "Forestry and wood" in text and "Mutual-interest pairs by sector" in text
    assert re.search(r"Machine tools</th>\s*<td[^>]*>1</td>\s*<td[^>]*>\$2(\.0)?M", html)


def test_the_dashboard_speaks_russian(web, staff_user):
    small_corridor()
    _staff(web, staff_user)
    text = text_of(web.get("/dashboard"))
    assert "Лес и деревообработка" in text and "Станкостроение" in text and "Пары со взаимным интересом" in text


def test_each_table_downloads_as_csv_and_xlsx_with_the_same_figures(web, staff_user):
    small_corridor()
    _staff(web, staff_user)
    response = web.get("/dashboard/contracts.csv", headers={"Accept-Language": "en"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0] == ["Sector", "Contracts reported", "Contract value, USD"]
    assert ["Machine tools", "1", "2000000"] in rows
    xlsx = web.get("/dashboard/months.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.get_data())).active
    assert [c.value for c in sheet[2]][:2] == ["2026-09", 0]
    assert web.get("/dashboard/nothing.csv").status_code == 404
    assert web.get("/dashboard/contracts.pdf").status_code == 404


def test_companies_do_not_see_the_dashboard_but_the_home_page_shows_the_summary(web, signed_up):
    small_corridor()
    company = signed_up("firm@example.org")
    assert company.get("/dashboard").status_code == 403
    assert web.get("/dashboard").status_code == 302
    text = text_of(web.get("/", headers={"Accept-Language": "en"}))
    assert "The corridor so far" in text and "0.4% of the $500M target" in text


def test_an_organiser_sees_the_outcomes_of_a_mission(web, staff_user):
    corridor = small_corridor()
    _staff(web, staff_user, "admin")
    text = text_of(web.get(f"/missions/{corridor['mission'].id}/outcomes", headers={"Accept-Language": "en"}))
    assert "Станкозавод" in text and "Contract signed" in text and "$2" in text
