"""How complete a company's profile is, as a share and a short list of the steps that would help most.

Each step names what to add and why it matters to matching: the engine reads codes, titles and
descriptions (docs/scoring.md); partners decide on contacts, region and languages."""
from __future__ import annotations

from dataclasses import dataclass

from matcher.messages import Message
from matcher.messages import profile_hints as hint

_MIN_DESCRIPTION_CHARS = 80


@dataclass(frozen=True)
class Step:
    key: str
    weight: int
    anchor: str    # the id on the profile form where it is added

    def hint(self) -> Message:
        if self.key == "description":
            return hint.DESCRIPTION(chars=_MIN_DESCRIPTION_CHARS)
        return getattr(hint, self.key.upper())()


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list[Step]   # heaviest first
    done: int
    total: int


STEPS = (
    Step("items", 25, "section-offers"),
    Step("codes", 20, "section-offers"),
    Step("item_descriptions", 15, "section-offers"),
    Step("description", 10, "f-description"),
    Step("region", 8, "f-region"),
    Step("contacts", 8, "f-email"),
    Step("website", 5, "f-website"),
    Step("languages", 4, "f-languages"),
    Step("logo", 5, "logo"),
)


def _items(company) -> list:
    return [*(company.offers if company.is_supplier else []), *(company.needs if company.is_buyer else [])]


def _is_done(step: Step, company, has_logo: bool) -> bool:
    items = _items(company)
    if step.key == "items":
        return bool(items)
    if step.key == "codes":
        return bool(items) and all(i.hs_codes or i.nace_codes for i in items)
    if step.key == "item_descriptions":
        return bool(items) and all(len((i.description or "").strip()) >= 20 for i in items)
    if step.key == "description":
        return len((company.description or "").strip()) >= _MIN_DESCRIPTION_CHARS
    if step.key == "region":
        return bool(company.region and company.city)
    if step.key == "contacts":
        return bool(company.email or company.phone)
    if step.key == "website":
        return bool(company.website)
    if step.key == "languages":
        return bool(company.languages)
    return has_logo


def measure(company, has_logo: bool) -> Completeness:
    """The profile's completeness: weighted steps done, and the missing ones, heaviest first."""
    done = [s for s in STEPS if _is_done(s, company, has_logo)]
    missing = [s for s in STEPS if s not in done]
    total = sum(s.weight for s in STEPS)
    return Completeness(percent=round(100 * sum(s.weight for s in done) / total),
                        missing=sorted(missing, key=lambda s: -s.weight), done=len(done), total=len(STEPS))

