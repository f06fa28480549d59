"""My matches: ranked partners with the reasons behind each score, and the interested / not relevant buttons."""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from matcher import policy
from matcher.errors import NotFound
from matcher.scoring.cooperation import TYPES as COOPERATION_TYPES
from matcher.services import companies, cooperation_matches, interests
from matcher.settings import SETTINGS
from matcher.web import match_list, web
from matcher.web.formatting import company_display_name, country_name, place, region_name
from matcher.web.i18n import current_language
from matcher.web.projects import COOPERATION_NAMES
from matcher.web.security import company_required, current_company, current_user, safe_next

MATCH_LIMIT = 100  # the partners a page can filter and page through; the engine ranks them best first
PAIRS_SHOWN = 4


def _filter_messages() -> dict[str, str]:
    return {
        "show": _("Choose which matches to show from the list."),
        "sort": _("Choose an order from the list."),
        "country": _("Choose a country from the list."),
        "region": _("Choose a region from the list."),
        "code": _("A code is digits (HS, e.g. 8457) or a NACE class (e.g. 28.41)."),
        "page": _("The page number must be a whole number."),
    }


@web.get("/matches")
@company_required
def matches():
    from matcher.services.matching import matches_for_company, ranked_for_company  # the engine loads on first use

    company = current_company()
    side = request.args.get("as")
    if side not in company.roles:
        side = "buyer" if company.is_buyer else "supplier"
    show_hidden = request.args.get("hidden") == "1"
    filters = match_list.read_filters(request.args, _filter_messages())
    asked = dict(as_role=side, limit=MATCH_LIMIT, min_score=SETTINGS.listing_min_score, lang=current_language())
    ranked = ranked_for_company(company.id, **asked)      # unworded: only the page's matches get their reasons
    mine = interests.interest_states(company.id)
    theirs = interests.interested_in(company.id)
    listing = _listing(ranked.items, mine, show_hidden, filters)
    if not ranked.word(listing.shown):    # the index took a change between the two reads: every match worded
        listing = _listing(matches_for_company(company.id, **asked), mine, show_hidden, filters)
    shown, page = listing.shown, listing.page
    groups = _by_band(shown) if filters.sort == "score" else [(None, shown)]
    for match in shown:
        match["pairs"] = _telling_pairs(match)
        match["top_reasons"] = match_list.top_reasons(match["reasons"])
    interested = _interested_in_me(company.id)
    shown_ids = [m["company"]["id"] for m in shown] + [i["company"].id for i in interested]
    contacts = _contacts(shown_ids, policy.contact_access(current_user()))
    return render_template(
        "web/matches.html", company=company, side=side, matches=shown, mine=mine, theirs=theirs,
        partner_contacts=contacts, titles=_item_titles(shown), show_hidden=show_hidden,
        hidden_count=listing.hidden_count, limit=MATCH_LIMIT, interested=interested, filters=filters,
        counts=listing.counts, total=len(listing.kept), page=page, pages=listing.pages, groups=groups,
        first_number=(page - 1) * match_list.PER_PAGE,
        all_url=url_for("web.matches", **{k: v for k, v in request.args.items() if k not in ("page", "show")}, show="all"),
        country_options=_options(listing.found, "country", country_name),
        region_options=_options(listing.found, "region", region_name),
        cooperation_options=[(kind, str(COOPERATION_NAMES[kind])) for kind in COOPERATION_TYPES],
        good_score=match_list.GOOD_SCORE, possible_score=match_list.POSSIBLE_SCORE,
    ), 422 if filters.errors else 200


@dataclass
class _Listing:
    found: list[dict]        # the ranked partners, less the hidden ones unless they are shown
    hidden_count: int
    kept: list[dict]         # those the filters keep, in the chosen order
    counts: dict[str, int]
    shown: list[dict]        # this page of them
    page: int
    pages: int


def _listing(ranked: list[dict], mine: dict, show_hidden: bool, filters: match_list.MatchFilters) -> _Listing:
    """What the page shows of the ranked partners: hidden ones left out, filtered, sorted, one page."""
    hidden_count = sum(1 for m in ranked if mine.get(m["company"]["id"]) == "not_relevant")
    found = ranked if show_hidden else [m for m in ranked if mine.get(m["company"]["id"]) != "not_relevant"]
    partner_ids = [m["company"]["id"] for m in found]
    cooperation = cooperation_matches.company_types(partner_ids)
    kept, counts = match_list.select_matches(
        found, filters, _partner_codes(partner_ids), cooperation,
        sort_name=company_display_name, sort_place=lambda c: place(c.get("country"), c.get("region"), None))
    shown, page, pages = match_list.page_of(kept, filters.page)
    return _Listing(found, hidden_count, kept, counts, shown, page, pages)


def _by_band(shown: list[dict]) -> list[tuple[str, list[dict]]]:
    """Consecutive runs of one band (good, then possible, then weak) in a score-sorted page."""
    groups: list[tuple[str, list[dict]]] = []
    for match in shown:
        if not groups or groups[-1][0] != match["band"]:
            groups.append((match["band"], []))
        groups[-1][1].append(match)
    return groups


def _options(found: list[dict], key: str, label) -> list[tuple[str, str]]:
    """The countries (or regions) among the partners found, by name in the page's language."""
    codes = {m["company"].get(key) for m in found} - {None, ""}
    return sorted(((code, label(code)) for code in codes), key=lambda pair: pair[1].casefold())


def _partner_codes(company_ids: list[int]) -> dict[int, dict[str, set[str]]]:
    """Each partner's HS and NACE codes (what the code filter looks in)."""
    return companies.partner_codes(company_ids)


def _interested_in_me(company_id: int) -> list[dict]:
    """Everyone interested in this company, whatever their rank in its matches (issue 12)."""
    parties = interests.interested_parties(company_id)
    rows = companies.companies_by_id(p["company_id"] for p in parties)
    return [p | {"company": rows[p["company_id"]]} for p in parties if p["company_id"] in rows]


@web.post("/matches/<int:partner_id>/interest")
@company_required
def set_interest(partner_id: int):
    """Interested, not relevant, or undo; the answer goes back to where the button was."""
    company = current_company()
    state = request.form.get("state", "")
    try:
        if state == "clear":
            interests.clear_interest(company.id, partner_id)
        elif state in ("interested", "not_relevant"):
            interests.set_interest(company.id, partner_id, state)
        else:
            abort(400)
    except NotFound:
        abort(404)
    if state == "interested" and interests.is_mutual(company.id, partner_id):
        flash(_("The interest is mutual: you can now see each other's contacts."), "success")
    elif state == "interested":
        flash(_("Noted. The contacts open when the partner is interested too."), "info")
    elif state == "not_relevant":
        flash(_("Hidden from your matches. You can show hidden partners at any time."), "info")
    target = safe_next(request.form.get("next")) or url_for("web.matches")
    return redirect(f"{target}#partner-{partner_id}")


def _telling_pairs(match: dict) -> list[dict]:
    """The offer–need pairs that explain the score; weak side pairs would only add noise."""
    floor = max(15.0, match["score"] * 0.4)
    pairs = sorted(match["pairs"], key=lambda p: -p["score"])
    return [p for p in pairs if p["score"] >= floor][:PAIRS_SHOWN] or pairs[:1]


def _contacts(company_ids: list[int], access: policy.ContactAccess) -> dict[int, dict]:
    """Contacts of the partners whose contacts this viewer may see (matcher.policy decides)."""
    rows = companies.contact_rows(company_ids)
    return {r.id: {"email": r.email, "phone": r.phone, "website": r.website} for r in rows if access.allows(r)}


def _item_titles(found: list[dict]) -> dict[str, dict[int, str]]:
    """Titles of the offers and needs named in the pairs behind each match."""
    offer_ids = {p["offer_id"] for m in found for p in m["pairs"] if p.get("offer_id") is not None}
    need_ids = {p["need_id"] for m in found for p in m["pairs"] if p.get("need_id") is not None}
    return companies.item_titles(offer_ids, need_ids)
