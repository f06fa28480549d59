"""A company's ranked partners found without reasons, so that only the matches a reader sees get worded.

Wording a match (explain_match) is the costly half of a query; a page ranks a hundred partners to
filter and page through and shows ten. So the list is ranked unworded, the surface picks what it
shows, and `word` asks the engine once more — the same ranking — to word exactly those partners.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Collection

from matcher.scoring.model import Match
from matcher.services.cooperation_matches import adjusted
from matcher.services.match_dicts import pairs_of, reasons_of

# ask(count, explain): the engine's list of `count` partners, worded as `explain` picks (see
# matcher.scoring.ranking.rank)
Ask = Callable[[int, "int | Collection[int] | None"], list[Match]]


@dataclass
class RankedMatches:
    """`items`: the match dicts, best first, with no reasons yet; `count`: how many partners the engine
    ranked to find them (the wording call ranks as many, so it ranks them the same)."""
    items: list[dict]
    ask: Ask
    count: int
    lang: str = "en"

    def word(self, shown: list[dict]) -> bool:
        """Fill in the reasons of `shown` (dicts of `items`). False, leaving them as they were, when the
        index took a change between the two reads (a shown partner came back with another score or
        other pairs, or not at all): the caller then ranks again with every match worded."""
        ids = frozenset(m["company"]["id"] for m in shown)
        if not ids:
            return True
        # the cooperation feature moves each match by its own best pair, so it can be applied to these alone
        again = {m.company_id: m for m in adjusted([m for m in self.ask(self.count, ids) if m.company_id in ids],
                                                   self.lang)}
        for item in shown:
            match = again.get(item["company"]["id"])
            if match is None or round(match.score, 1) != item["score"] or pairs_of(match) != item["pairs"]:
                return False
        for item in shown:
            item["reasons"] = reasons_of(again[item["company"]["id"]])
        return True
