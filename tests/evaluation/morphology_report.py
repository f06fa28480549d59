"""pymorphy3 lemmas against snowball stems on the Russian phrases, as typed and put into other cases:
`python -m tests.evaluation.morphology_report`."""
from __future__ import annotations

from .classifier_report import accuracy, classifier_ranking
from .classifier_set import Phrase, load

CASES = {"as typed": None, "genitive plural": "gent", "instrumental plural": "ablt"}


def inflected(text: str, case: str | None, morph) -> str:
    """Every noun, adjective and participle of the phrase put into `case`, plural (станки → станками)."""
    if case is None:
        return text
    out = []
    for word in text.split():
        parse = morph.parse(word)[0]
        form = parse.inflect({case, "plur"}) if {"NOUN", "ADJF", "PRTF"} & set(parse.tag.grammemes) else None
        out.append(form.word if form else word)
    return " ".join(out)


def _reset(lemmas: bool) -> None:
    from matcher.classifier import context, lexicon, nomenclature, ranker, spelling, words
    words.use_lemmas(lemmas)
    for cached in (lexicon.index, nomenclature.documents, nomenclature._index, nomenclature.vocabulary,
                   nomenclature._doc_terms, spelling.nearest, spelling.known_words, spelling._by_first_letter,
                   context.rules, ranker.infer):
        cached.cache_clear()


def main() -> None:
    import pymorphy3
    morph = pymorphy3.MorphAnalyzer()
    russian = [p for p in load() if p.lang == "ru"]
    print(f"{'Russian phrases':<30}{'n':>5}{'lemmas top-1/top-3':>22}{'stems top-1/top-3':>22}")
    for name, case in CASES.items():
        variants = [Phrase(p.split, p.lang, p.acceptable, inflected(p.text, case, morph)) for p in russian]
        cells = []
        for lemmas in (True, False):
            _reset(lemmas)
            ranked = {v.text: classifier_ranking(v) for v in variants}
            cells.append(f"{accuracy(variants, ranked, 1):.3f} / {accuracy(variants, ranked, 3):.3f}")
        print(f"{name:<30}{len(variants):>5}{cells[0]:>22}{cells[1]:>22}")
    _reset(True)


if __name__ == "__main__":
    main()
