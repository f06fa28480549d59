"""Small builders for corridor profiles used across the scoring tests."""
from __future__ import annotations

import dataclasses
import itertools

from matcher.scoring import Item, MatchEngine, Niche, Profile
from matcher.scoring.prepare import prepare
from matcher.scoring.table import standalone_context

_ids = itertools.count(10_000)


def item(title: str, description: str = "", hs=(), nace=(), volume: int | None = None) -> Item:
    return Item(next(_ids), title, description, tuple(hs), tuple(nace), volume)


def supplier(cid: int, *offers: Item, country="BY", region="BY-MI", languages=("ru",), certifications=(),
             roles=("supplier",)) -> Profile:
    return Profile(cid, f"Supplier {cid}", country, region, frozenset(roles), "", tuple(languages),
                   tuple(certifications), offers=tuple(offers))


def buyer(cid: int, *needs: Item, country="RU", region="RU-PER", languages=("ru",), certifications=(),
          roles=("buyer",)) -> Profile:
    return Profile(cid, f"Buyer {cid}", country, region, frozenset(roles), "", tuple(languages),
                   tuple(certifications), needs=tuple(needs))


# Unrelated corridor companies, so that IDF and code rarity behave as in a real registry.
BACKGROUND = [
    supplier(900, item("Пиломатериалы хвойных пород", "Доска обрезная, брус камерной сушки", ["440711"], ["16.10"])),
    supplier(901, item("Молоко питьевое", "Молоко, кефир и сметана в пакетах", ["040120"], ["10.51"])),
    supplier(902, item("Цемент", "Портландцемент в мешках и навалом", ["252329"])),
    supplier(903, item("Тракторы колёсные", "Тракторы для пахоты и транспортных работ", ["870193"])),
    supplier(904, item("Linen fabrics", "Fabrics for clothing and bedding", ["530919"])),
    supplier(905, item("Мягкая мебель", "Диваны и кресла для дома и офиса")),
    supplier(906, item("Калийные удобрения", "Хлористый калий гранулированный", ["310420"])),
    supplier(907, item("Шины грузовые", "Шины для грузовиков и автобусов", ["401120"])),
    buyer(950, item("Кирпич облицовочный", "", ["690410"])),
    buyer(951, item("Frozen fish", "Herring and mackerel for retail")),
    buyer(952, item("Сахар-песок", "Для хлебозавода")),
    buyer(953, item("Кабель силовой", "", ["854449"])),
]


def engine(*profiles: Profile, niches: tuple[Niche, ...] = (), background: bool = True, **kwargs) -> MatchEngine:
    built = MatchEngine(**kwargs)
    built.build([*(BACKGROUND if background else []), *profiles], niches)
    return built


def pair_score(need: Item, offer: Item, **kwargs) -> float:
    """Score of a BY supplier of `offer` for a Perm buyer of `need`, among the background."""
    found = engine(supplier(1, offer), buyer(2, need), **kwargs).score_pair(1, 2)
    return found.score


def feature(fn, need: Item, offer: Item):
    """One pair feature evaluated with IDF counted over the two items and the background."""
    prepared = [prepare(need), prepare(offer)]
    others = [prepare(i) for p in BACKGROUND for i in p.offers + p.needs]
    return fn(prepared[0], prepared[1], standalone_context(prepared + others))


def tail_of(profiles: list[Profile]) -> tuple[list[Profile], list[int]]:
    """Edits, removals and newcomers, as a change-log tail would bring them: (upserts, removed ids)."""
    edited = [dataclasses.replace(p, description=p.description + " Поставки в Пермский край.",
                                  offers=p.offers[:1] + p.offers[2:]) for p in profiles[:15]]
    removed = [p.id for p in profiles[15:25]]
    newcomers = [dataclasses.replace(p, id=p.id + 100_000,
                                     offers=tuple(dataclasses.replace(i, id=i.id + 100_000) for i in p.offers),
                                     needs=tuple(dataclasses.replace(i, id=i.id + 100_000) for i in p.needs))
                 for p in profiles[25:45]]
    return edited + newcomers, removed
