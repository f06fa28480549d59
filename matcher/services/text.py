"""Small text helpers shared by services."""
from __future__ import annotations


def fold(text: str | None) -> str:
    """Case- and ё-insensitive form used for LIKE searches on both databases."""
    return (text or "").lower().replace("ё", "е")
