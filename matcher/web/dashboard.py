"""The corridor dashboard (issue 15): a chart per measure with its table and CSV / XLSX download, for
organisers and admins; the outcomes of an organiser's mission; the home page's public summary."""
from __future__ import annotations

from flask import abort, render_template
from flask_babel import gettext as _, lazy_gettext as _l

from matcher.errors import NotFound
from matcher.file_responses import file_response
from matcher.services import companies, missions
from matcher.services.corridor_stats import corridor_stats
from matcher.services.corridor_tables import table_csv, table_xlsx
from matcher.services.outcomes import mission_outcomes
from matcher.web import web
from matcher.web.dashboard_charts import bar_chart
from matcher.web.formatting import usd
from matcher.web.i18n import current_language
from matcher.web.security import current_user, staff_required

SECTOR_NAMES = {"machine_tools": _l("Machine tools"), "forestry": _l("Forestry and wood"),
                "construction": _l("Construction"), "building_materials": _l("Building materials"),
                "food": _l("Food"), "other": _l("Other")}
MEASURE_NAMES = {"companies": _l("Companies"), "offers": _l("Offers"), "needs": _l("Needs"),
                 "mutual_interest": _l("Mutual-interest pairs"), "meetings": _l("Meetings held"),
                 "contracts": _l("Contracts reported"), "contracts_usd": _l("Contract value, USD")}
OUTCOME_NAMES = {"no_contact": _l("No contact"), "talks": _l("Talks"), "contract_signed": _l("Contract signed"),
                 "delivery_started": _l("Delivery started")}

# One chart per measure: (key, title, rows by "sector" or "month", the measures it draws)
TABLES = (
    ("companies", _l("Companies, offers and needs by sector"), "sector", ("companies", "offers", "needs")),
    ("mutual_interest", _l("Mutual-interest pairs by sector"), "sector", ("mutual_interest",)),
    ("meetings", _l("Meetings held by sector"), "sector", ("meetings",)),
    ("contracts", _l("Contracts reported by sector"), "sector", ("contracts", "contracts_usd")),
    ("months", _l("Interest, meetings and contracts by month"), "month",
     ("mutual_interest", "meetings", "contracts", "contracts_usd")),
    ("target", _l("Contracts reported against the $0.5 bn target"), "target", ("contracts_usd",)),
)
FORMATS = ("csv", "xlsx")


def table(key: str, stats: dict) -> dict:
    """One measure as a table: its title, column headers, rows (label first) and the numbers to draw."""
    spec = next((t for t in TABLES if t[0] == key), None)
    if spec is None:
        raise NotFound(key)
    _key, title, by, measures = spec
    if by == "sector":
        labels = [str(SECTOR_NAMES[row["sector"]]) for row in stats["by_sector"]]
        values = [[row[m] for m in measures] for row in stats["by_sector"]]
        first = _("Sector")
    elif by == "month":
        labels = [row["month"] for row in stats["by_month"]]
        values = [[row[m] for m in measures] for row in stats["by_month"]]
        first = _("Month")
    else:
        labels = [_("Reported"), _("Target")]
        values = [[stats["contracts_usd"]], [stats["target_usd"]]]
        first = ""
    return {"key": key, "title": str(title), "headers": [first, *(str(MEASURE_NAMES[m]) for m in measures)],
            "labels": labels, "rows": [[label, *vals] for label, vals in zip(labels, values)],
            "measures": measures, "money": [m == "contracts_usd" for m in measures]}


def chart(t: dict) -> str:
    """The table's chart; money is drawn on its own (millions of dollars) so counts stay readable."""
    drawn = [(i, m) for i, m in enumerate(t["measures"])]
    if any(t["money"]) and not all(t["money"]):
        drawn = [(i, m) for i, m in drawn if t["money"][i]]
    series = []
    for i, m in drawn:
        values = [row[1 + i] for row in t["rows"]]
        if t["money"][i]:
            values = [round(v / 1_000_000, 1) for v in values]
            name = _("Contract value, million USD")
        else:
            name = str(MEASURE_NAMES[m])
        series.append((name, values))
    return bar_chart(t["title"], t["labels"], series, horizontal=t["key"] == "target")


@web.get("/dashboard")
@staff_required
def dashboard():
    stats = corridor_stats()
    tables = [table(key, stats) for key, *_rest in TABLES]
    return render_template("web/dashboard/index.html", stats=stats, tables=tables,
                           charts={t["key"]: chart(t) for t in tables}, formats=FORMATS)


@web.get("/dashboard/<key>.<fmt>")
@staff_required
def dashboard_file(key: str, fmt: str):
    if fmt not in FORMATS:
        abort(404)
    try:
        t = table(key, corridor_stats())
    except NotFound:
        abort(404)
    if fmt == "csv":
        return file_response(table_csv(t["headers"], t["rows"], current_language()), "csv", f"corridor-{key}.csv")
    return file_response(table_xlsx(t["title"], t["headers"], t["rows"]), "xlsx", f"corridor-{key}.xlsx")


@web.get("/missions/<int:mission_id>/outcomes")
@staff_required
def mission_outcomes_page(mission_id: int):
    """What the pairs of an organiser's own mission reported (admins: any mission)."""
    mission = missions.load_mission(mission_id, current_user(), edit=True)
    rows = mission_outcomes(mission)
    names = {cid: c.name for cid, c in companies.companies_by_id(
        {r.supplier_id for r in rows} | {r.buyer_id for r in rows}).items()}
    return render_template("web/dashboard/mission_outcomes.html", mission=mission, outcomes=rows, names=names,
                           state_names=OUTCOME_NAMES)


def public_summary() -> dict:
    """The home page's figures: contracts reported against the target, pairs and meetings (no names)."""
    stats = corridor_stats()
    return {"contracts_usd": stats["contracts_usd"], "target_usd": stats["target_usd"],
            "percent": round(100 * stats["share_of_target"], 1),
            "mutual_interest": stats["totals"]["mutual_interest"], "meetings": stats["totals"]["meetings"],
            "contracts": stats["totals"]["contracts"], "usd": usd}
