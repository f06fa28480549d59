"""Load the demo corridor (matcher/seed/demo_corridor.json) once; running it again adds nothing."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from matcher.db import db
from matcher.models import Company, Niche
from matcher.services.companies import create_company
from matcher.services.niches import create_niche, english_texts

DEMO_FILE = Path(__file__).resolve().parent.parent / "seed" / "demo_corridor.json"
_SEED_ONLY_KEYS = ("key", "previous_names")  # previous_names: earlier spellings already seeded
_ENGLISH_KEYS = ("title_en", "description_en")  # niche texts for English pages


@dataclass(frozen=True)
class SeedReport:
    companies_added: int
    companies_present: int
    niches_added: int
    niches_present: int


def load_demo_corridor(path: Path = DEMO_FILE) -> SeedReport:
    data = json.loads(path.read_text(encoding="utf-8"))
    added = present = niches_added = niches_present = 0
    for raw in data["companies"]:
        payload = {k: v for k, v in raw.items() if k not in _SEED_ONLY_KEYS}
        names = [payload["name"], *raw.get("previous_names", [])]
        exists = db.session.scalar(
            select(Company.id).where(Company.name.in_(names), Company.country == payload["country"]).limit(1)
        )
        if exists:
            present += 1
            continue
        create_company(payload)
        added += 1
    for raw in data.get("niches", []):
        payload = {k: v for k, v in raw.items() if k not in (*_SEED_ONLY_KEYS, *_ENGLISH_KEYS)}
        english = {k: raw[k] for k in _ENGLISH_KEYS if raw.get(k)}
        stored = db.session.scalar(
            select(Niche).where(Niche.title == payload["title"], Niche.departed_company == payload["departed_company"])
        )
        if stored is not None:
            if english and not stored.title_en:  # seeded before niches had English texts
                for key, value in english_texts(english).items():
                    setattr(stored, key, value)
                db.session.commit()
            niches_present += 1
            continue
        create_niche(payload, english)
        niches_added += 1
    from matcher.services.demo_activity import load_demo_activity  # issue 15: projects, interest, outcomes

    load_demo_activity(data)
    return SeedReport(added, present, niches_added, niches_present)
