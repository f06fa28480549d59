"""The weight table (points per feature, positives sum to 100) and the constants of the algorithm."""
from __future__ import annotations

import math
from typing import Mapping

# Product fit: what the offer is versus what the need is. Four kinds of evidence.
PRODUCT_FEATURES = ("hs_codes", "nace_codes", "text", "concepts")
# Context: only worth something when the product fits (see CONTEXT_GATE_FIT).
PAIR_CONTEXT_FEATURES = ("volume", "niche")
COMPANY_FEATURES = ("geography", "certifications", "languages")
# Penalties have weights ≤ 0 and are not part of the 100 points.
PENALTY_FEATURES = ("service_mismatch",)
FEATURES = PRODUCT_FEATURES + PAIR_CONTEXT_FEATURES + COMPANY_FEATURES + PENALTY_FEATURES

DEFAULT_WEIGHTS: dict[str, float] = {
    "hs_codes": 30.0,       # declared (or inferred) HS / TN VED codes share a deep prefix
    "nace_codes": 8.0,      # NACE / OKVED activity classes agree
    "text": 30.0,           # same-language wording overlaps (need coverage × offer focus)
    "concepts": 17.0,       # both name the same things, in any language, via the vocabulary
    "volume": 4.0,          # the need's volume fits within the offer's capacity
    "niche": 3.0,           # the offer fills a niche left by a departed firm that the need is in
    "geography": 5.0,       # Belarus supplier → Russian (Perm Krai) buyer corridor
    "certifications": 2.0,  # shared certifications (ISO 9001, ISO 22000, FSC …)
    "languages": 1.0,       # a shared working language
    "service_mismatch": -12.0,  # one side is a service (training, repair …), the other goods
}

# Evidence that a pair lacks (no codes on one side, texts in different languages) is left out of
# the product fit rather than counted as a mismatch, but the fit is divided by at least this share
# of the product points: thin evidence cannot earn full marks.
MIN_EVIDENCE_SHARE = 0.45
# Code weight that declared codes do not back (codes missing, or only inferred from words) still
# counts at this share in the denominator: a fit read from words alone is less certain.
CODE_FEATURES = ("hs_codes", "nace_codes")
UNVERIFIED_CODE_SHARE = 0.4
# Inferred codes restate the text, so they count at a fraction of the declared codes' weight.
AVAILABILITY_ONE_SIDE_INFERRED = 0.5
AVAILABILITY_BOTH_INFERRED = 0.25
# Context features scale with product fit up to this fit: a corridor company that sells
# something else must not collect geography points.
CONTEXT_GATE_FIT = 0.5


class UnknownWeightError(ValueError):
    """A weight name that is not a feature of the scoring table."""


def resolve(base: Mapping[str, float], override: Mapping[str, float] | None = None) -> dict[str, float]:
    """Validate names and values, apply an override, and rescale so the positives sum to 100
    (penalties keep their points)."""
    merged = dict(base)
    for source in (base, override or {}):
        unknown = sorted(set(source) - set(FEATURES))
        if unknown:
            raise UnknownWeightError(f"unknown weight name(s): {', '.join(unknown)}; known: {', '.join(FEATURES)}")
    merged.update(override or {})
    for name, value in merged.items():
        sign_ok = value <= 0 if name in PENALTY_FEATURES else value >= 0
        if not isinstance(value, (int, float)) or not math.isfinite(value) or not sign_ok:
            kind = "≤ 0 (a penalty)" if name in PENALTY_FEATURES else "≥ 0"
            raise ValueError(f"weight {name!r} must be a finite number {kind}, got {value!r}")
    total = sum(v for n, v in merged.items() if n not in PENALTY_FEATURES)
    if total <= 0:
        raise ValueError("at least one weight must be positive")
    return {name: merged.get(name, 0.0) * (1.0 if name in PENALTY_FEATURES else 100.0 / total)
            for name in FEATURES}
