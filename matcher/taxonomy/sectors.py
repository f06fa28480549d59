"""The corridor's sectors as the seed names them, read from HS / NACE codes.

Machine tools, forestry and wood, construction, building materials, food, and everything else.
An item's sector comes from its first code that falls in one (HS before NACE); a company's is the
sector most of its coded offers and needs fall in (ties: the first met), else "other".
"""
from __future__ import annotations

from collections import Counter

SECTORS = ("machine_tools", "forestry", "construction", "building_materials", "food", "other")

# HS / TN VED prefixes, most specific first (a prefix match wins over a chapter).
_HS = (
    ("843680", "forestry"),                         # forestry machines
    ("0602", "forestry"),                           # seedlings for reforestation
    ("8207", "machine_tools"),                      # tools for machine tools
    *((str(h), "machine_tools") for h in range(8456, 8467)),   # 8456..8466: machine tools and parts
    *((f"{h}", "forestry") for h in ("44", "47", "48", "9403", "9401")),
    *((f"{h}", "building_materials") for h in (
        "2523", "2520", "3214", "382450", "3925", "68", "69", "7003", "7004", "7005", "7308", "7610")),
    ("9406", "construction"),                       # prefabricated buildings
    *((f"{c:02d}", "food") for c in range(1, 25) if c not in (6,)),
)
# NACE / OKVED prefixes.
_NACE = (
    ("28.4", "machine_tools"), ("33.12", "machine_tools"), ("25.73", "machine_tools"),
    ("02", "forestry"), ("16", "forestry"), ("17", "forestry"), ("31", "forestry"),
    ("41", "construction"), ("42", "construction"), ("43", "construction"), ("71.1", "construction"),
    ("23", "building_materials"),
    ("10", "food"), ("11", "food"), ("01", "food"),
)


def sector_of_codes(hs_codes, nace_codes) -> str | None:
    """The sector of one item's codes, or None when no code falls in a named sector."""
    for code in hs_codes or ():
        for prefix, sector in _HS:
            if str(code).startswith(prefix):
                return sector
    for code in nace_codes or ():
        for prefix, sector in _NACE:
            if str(code).startswith(prefix):
                return sector
    return None


def sector_of_company(items) -> str:
    """`items`: (hs_codes, nace_codes) of a company's offers and needs."""
    found = [s for s in (sector_of_codes(hs, nace) for hs, nace in items) if s]
    if not found:
        return "other"
    counts = Counter(found)
    best = max(counts.values())
    return next(s for s in found if counts[s] == best)
