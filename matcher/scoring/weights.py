"""Weights by feature name: the registry's defaults, an override validated and rescaled (positives sum to 100)."""
from __future__ import annotations

import math
from typing import Mapping

from matcher.scoring.registry import DEFAULT_WEIGHTS, NAMES as FEATURES, PENALTY_NAMES

__all__ = ["DEFAULT_WEIGHTS", "FEATURES", "UnknownWeightError", "resolve"]


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
        sign_ok = value <= 0 if name in PENALTY_NAMES else value >= 0
        if not isinstance(value, (int, float)) or not math.isfinite(value) or not sign_ok:
            kind = "≤ 0 (a penalty)" if name in PENALTY_NAMES else "≥ 0"
            raise ValueError(f"weight {name!r} must be a finite number {kind}, got {value!r}")
    total = sum(v for n, v in merged.items() if n not in PENALTY_NAMES)
    if total <= 0:
        raise ValueError("at least one weight must be positive")
    return {name: merged.get(name, 0.0) * (1.0 if name in PENALTY_NAMES else 100.0 / total)
            for name in FEATURES}
