"""Codes proposed for delegation rows whose offer or need names none: reported for a person to accept, never stored.

Why not stored: codes in a profile are what the company itself declares, and those always win over
inferred ones. The engine already reads an uncoded offer's words through the same classifier, so
writing the guess into the profile would add nothing to matching and would make a guess look like
the company's own choice. The report lists the proposals; the company accepts them in its profile's
code picker with one click (or the organiser adds them to the file and imports it again).
"""
from __future__ import annotations

from matcher.services.code_lookup import proposals_in_both_languages

PROPOSALS_PER_ITEM = 3
_KINDS = (("offers", "offer"), ("needs", "need"))


def propose_codes(rows: list[tuple[int, dict]]) -> list[dict]:
    """For each (row number, company payload), the codes the classifier proposes for every offer or need without codes."""
    proposed = []
    for number, payload in rows:
        for kind, item_name in _KINDS:
            for item in payload.get(kind) or []:
                if item.get("hs_codes") or item.get("nace_codes"):
                    continue  # the file's own codes win; nothing to propose
                codes = proposals_in_both_languages(item.get("title") or "", item.get("description") or "",
                                                    limit=PROPOSALS_PER_ITEM)
                if codes:
                    proposed.append({"row": number, "name": payload.get("name"), "item": item_name,
                                     "title": item.get("title") or "", "codes": codes})
    return proposed
