"""Load the labelled corridor set (JSON) into scoring records, and run its queries."""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from matcher.scoring import Item, MatchEngine, Niche, Profile

DATA = Path(__file__).with_name("corridor_eval.json")


@dataclass(frozen=True)
class Query:
    id: str
    kind: str            # suppliers_for_buyer | buyers_for_supplier | suppliers_for_niche | buyers_for_niche
    subject: int         # company id or niche id
    note: str
    judgements: dict[int, int]
    involves_code_only: bool = False   # the subject or a judged company says what it trades only by code


def _item(raw: dict) -> Item:
    return Item(raw["id"], raw["title"], raw.get("description", ""), tuple(raw.get("hs", ())),
                tuple(raw.get("nace", ())), raw.get("volume_usd"))


def _code_only(raw: dict) -> bool:
    """An item whose words name nothing («Позиция 3 по спецификации», "Item 5"): only its codes say what it is."""
    from matcher import classifier
    return bool(raw.get("hs") or raw.get("nace")) and not classifier.infer(raw["title"], raw.get("description", ""))


def load(path: Path = DATA) -> tuple[list[Profile], list[Niche], list[Query]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    profiles = [Profile(p["id"], p["name"], p["country"], p.get("region"), frozenset(p["roles"]),
                        p.get("description", ""), tuple(p.get("languages", ())), tuple(p.get("certifications", ())),
                        tuple(_item(o) for o in p["offers"]), tuple(_item(n) for n in p["needs"]))
                for p in data["profiles"]]
    niches = [Niche(n["id"], _item(n["item"]), n.get("departed_company", ""), n.get("region"))
              for n in data["niches"]]
    code_only = {p["id"] for p in data["profiles"] if any(_code_only(i) for i in p["offers"] + p["needs"])}
    queries = [Query(q["id"], q["kind"], q["subject"], q.get("note", ""),
                     {int(c): int(g) for c, g in q["judgements"].items()},
                     q["subject"] in code_only or any(
                         int(c) in code_only for c in q["judgements"])) for q in data["queries"]]
    return profiles, niches, queries


def engine_ranking(engine: MatchEngine, query: Query, k: int = 10) -> list[int]:
    return [m.company_id for m in getattr(engine, query.kind)(query.subject, limit=k)]


def without_codes(profiles: list[Profile], niches: list[Niche]) -> tuple[list[Profile], list[Niche]]:
    """The same companies and niches with every HS and NACE code removed: only their words are left."""
    def bare(item: Item) -> Item:
        return replace(item, hs_codes=(), nace_codes=())
    return ([replace(p, offers=tuple(bare(o) for o in p.offers), needs=tuple(bare(n) for n in p.needs)) for p in profiles],
            [replace(n, item=bare(n.item)) for n in niches])
