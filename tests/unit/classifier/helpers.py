"""Shortcuts for the classifier's unit tests."""
from matcher import classifier


def headings(title: str, description: str = "", scheme: str = "hs", k: int = 3) -> list[str]:
    """The first k distinct HS headings (or NACE classes) the classifier proposes."""
    out: list[str] = []
    for s in classifier.suggest(title, description, schemes=(scheme,), limit=10):
        key = s.code[:4] if scheme == "hs" else s.code
        if key not in out:
            out.append(key)
    return out[:k]


def first(title: str, description: str = "", scheme: str = "hs") -> str:
    found = headings(title, description, scheme, k=1)
    return found[0] if found else ""
