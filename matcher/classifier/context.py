"""Disambiguation by context: rules as data (станки + дерево → woodworking), and broader concepts giving way to narrower."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from matcher.classifier.entries import DATA, Entry, entries
from matcher.classifier.lexicon import Hit, _matches, phrase_words
from matcher.classifier.words import Text


@dataclass(frozen=True, slots=True)
class Rule:
    words: tuple[tuple[str, bool], ...]    # any one of them changes the concept
    target: Entry
    window: int                            # 0: anywhere in the text; else within this many words


@lru_cache(maxsize=1)
def rules() -> dict[str, list[Rule]]:
    by_id = {e.id: e for e in entries()}
    out: dict[str, list[Rule]] = {}
    for line in (DATA / "context.psv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        concept, words, target, window = (part.strip() for part in line.split("|"))
        cues = tuple(w for phrase in words.split(";") for w in phrase_words(phrase.strip()))
        out.setdefault(concept, []).append(Rule(cues, by_id[target], int(window)))
    return out


@lru_cache(maxsize=1)
def _by_id() -> dict[str, Entry]:
    return {e.id: e for e in entries()}


@lru_cache(maxsize=4096)
def _ancestors(entry: Entry) -> frozenset[str]:
    by_id = _by_id()
    seen, node = set(), entry
    while node.broader and node.broader not in seen:
        seen.add(node.broader)
        node = by_id.get(node.broader)
        if node is None:
            break
    return frozenset(seen)


def resolve(hits: list[Hit], text: Text, context: Text | None = None) -> list[Hit]:
    """Apply the context rules (cue words in this text, or in `context` for window-0 rules), then let a
    narrower concept absorb a broader one named in the same text («деревообрабатывающие станки»)."""
    resolved: list[Hit] = []
    for hit in hits:
        for rule in rules().get(hit.entry.id, ()):
            lo, hi = (0, len(text.words)) if not rule.window else (
                max(0, min(hit.positions) - rule.window), max(hit.positions) + rule.window + 1)
            near = [j for j in range(lo, min(hi, len(text.words)))
                    if j not in hit.positions and any(_matches(text.words[j], cue) for cue in rule.words)]
            elsewhere = not near and not rule.window and context is not None and any(
                _matches(w, cue) for w in context.words for cue in rule.words)
            if near or elsewhere:
                hit = Hit(rule.target, tuple(sorted(hit.positions + tuple(near[:1]))))
                break
        resolved.append(hit)
    out: list[Hit] = []
    for hit in resolved:
        narrower = [h for h in resolved if h is not hit and hit.entry.id in _ancestors(h.entry)]
        if narrower:
            continue
        out.append(hit)
    # the absorbed broader words become evidence of the narrower concept
    absorbed = [h for h in resolved if h not in out]
    for broad in absorbed:
        for i, hit in enumerate(out):
            if broad.entry.id in _ancestors(hit.entry):
                out[i] = Hit(hit.entry, tuple(sorted(set(hit.positions + broad.positions))))
                break
    return out
