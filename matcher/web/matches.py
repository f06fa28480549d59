"""My matches: ranked partners with the reasons behind each score, and the interested / not relevant buttons."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from matcher import policy
from matcher.errors import NotFound
from matcher.services import companies, interests
from matcher.settings import SETTINGS
from matcher.web import web
from matcher.web.i18n import current_language
from matcher.web.security import company_required, current_company, current_user, safe_next

MATCH_LIMIT = 30
PAIRS_SHOWN = 4


@web.get("/matches")
@company_required
def matches():
    from matcher.services.matching import matches_for_company  # the engine loads on first use

    company = current_company()
    side = request.args.get("as")
    if side not in company.roles:
        side = "buyer" if company.is_buyer else "supplier"
    show_hidden = request.args.get("hidden") == "1"
    found = matches_for_company(company.id, as_role=side, limit=MATCH_LIMIT, min_score=SETTINGS.listing_min_score,
                                lang=current_language())
    for match in found:
        match["pairs"] = _telling_pairs(match)
    mine = interests.interest_states(company.id)
    theirs = interests.interested_in(company.id)
    hidden_count = sum(1 for m in found if mine.get(m["company"]["id"]) == "not_relevant")
    if not show_hidden:
        found = [m for m in found if mine.get(m["company"]["id"]) != "not_relevant"]
    interested = _interested_in_me(company.id)
    shown_ids = [m["company"]["id"] for m in found] + [i["company"].id for i in interested]
    contacts = _contacts(shown_ids, policy.contact_access(current_user()))
    return render_template(
        "web/matches.html", company=company, side=side, matches=found, mine=mine, theirs=theirs,
        partner_contacts=contacts, titles=_item_titles(found), show_hidden=show_hidden,
        hidden_count=hidden_count, limit=MATCH_LIMIT, interested=interested,
    )


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
