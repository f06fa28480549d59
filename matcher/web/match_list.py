"""How /matches reads: strongest first, cut into «good» and «possible», filtered, sorted and paged.

Pure functions over the match dicts the matching service returns, so the rules are testable without a page.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Mapping

GOOD_SCORE = 50.0      # the digest mails the same «good» matches (services/notifications.DIGEST_MIN_SCORE)
POSSIBLE_SCORE = 30.0  # below this the two companies share little more than a word or a broad code
PER_PAGE = 10
BANDS = ("good", "possible", "all")  # what the «Show» filter offers; the default hides the weak ones
SORTS = ("score", "name", "place")



def band_of(score: float) -> str:
    if score >= GOOD_SCORE:
        return "good"
    return "possible" if score >= POSSIBLE_SCORE else "weak"


@dataclass
class MatchFilters:
    band: str = "possible"   # show good and possible (the default), only good, or all
    country: str = ""
    region: str = ""
    code: str = ""           # an HS or NACE prefix one of the partner's items carries
    cooperation: str = ""
    sort: str = "score"
    page: int = 1
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def narrowed(self) -> bool:
        return bool(self.country or self.region or self.code or self.cooperation or self.band != "possible")


def read_filters(args: Mapping[str, str], messages: Mapping[str, str]) -> MatchFilters:
    """The filters in the query string; a value that makes no sense is dropped and named in `errors`
    (`messages` holds the page's wording for each field's complaint)."""
    found = MatchFilters()
    band = args.get("show", "").strip()
    if band:
        if band in BANDS:
            found.band = band
        else:
            found.errors["show"] = [messages["show"]]
    sort = args.get("sort", "").strip()
    if sort:
        if sort in SORTS:
            found.sort = sort
        else:
            found.errors["sort"] = [messages["sort"]]
    country = args.get("country", "").strip().upper()
    if country:
        if len(country) == 2 and country.isalpha():
            found.country = country
        else:
            found.errors["country"] = [messages["country"]]
    region = args.get("region", "").strip().upper()
    if region:
        if len(region) <= 6 and "-" in region:
            found.region = region
        else:
            found.errors["region"] = [messages["region"]]
    code = args.get("code", "").strip().replace(" ", "")
    if code:
        if len(code) <= 12 and all(ch in "0123456789.ABCDEFGHIJKLMNOPQRSTU" for ch in code.upper()):
            found.code = code.upper()
        else:
            found.errors["code"] = [messages["code"]]
    found.cooperation = args.get("cooperation", "").strip()[:40]
    page = args.get("page", "").strip()
    if page:
        # isdigit() also passes «²» and «８», which int() refuses or no code carries: ASCII digits only
        if page.isascii() and page.isdigit() and 0 < int(page) < 10_000:
            found.page = int(page)
        else:
            found.errors["page"] = [messages["page"]]
    return found


def carries_code(codes: Mapping[str, set[str]], prefix: str) -> bool:
    """Whether any of the partner's HS or NACE codes starts with `prefix` (8457 finds 845710)."""
    bare = prefix.replace(".", "")
    return any(code.replace(".", "").startswith(bare) for scheme in codes.values() for code in scheme)


def select_matches(found: list[dict], filters: MatchFilters, partner_codes: Mapping[int, Mapping[str, set[str]]],
                   cooperation: Mapping[int, set[str]] | None = None,
                   sort_name: Callable[[dict], str] = lambda c: c["name"],
                   sort_place: Callable[[dict], str] = lambda c: c.get("country") or "") -> tuple[list[dict], dict]:
    """The matches the filters keep, sorted, and what was left out: counts per band and of the weak ones."""
    counts = {"good": 0, "possible": 0, "weak": 0}
    kept = []
    for match in found:
        band = band_of(match["score"])
        match["band"] = band
        partner = match["company"]
        if filters.country and partner.get("country") != filters.country:
            continue
        if filters.region and partner.get("region") != filters.region:
            continue
        if filters.code and not carries_code(partner_codes.get(partner["id"], {}), filters.code):
            continue
        if filters.cooperation and cooperation is not None and \
                filters.cooperation not in cooperation.get(partner["id"], set()):
            continue
        counts[band] += 1
        if filters.band == "good" and band != "good":
            continue
        if filters.band == "possible" and band == "weak":
            continue
        kept.append(match)
    if filters.sort == "name":
        kept.sort(key=lambda m: sort_name(m["company"]).casefold())
    elif filters.sort == "place":
        kept.sort(key=lambda m: (sort_place(m["company"]).casefold(), -m["score"]))
    else:
        kept.sort(key=lambda m: -m["score"])
    return kept, counts


def page_of(items: list, page: int, per_page: int = PER_PAGE) -> tuple[list, int, int]:
    """(the items on `page`, the page actually shown, the number of pages); a page past the end shows the last."""
    pages = max(1, math.ceil(len(items) / per_page))
    page = min(max(1, page), pages)
    return items[(page - 1) * per_page: page * per_page], page, pages


def top_reasons(reasons: list[dict], count: int = 2) -> list[dict]:
    """The reasons that weigh most in the score (penalties included), in the engine's order."""
    strongest = sorted(range(len(reasons)), key=lambda i: -abs(reasons[i]["contribution"]))[:count]
    return [reasons[i] for i in sorted(strongest)]
