"""Stemming from several threads at once (a worker's index thread and its requests) gives each
word its own stem: the Snowball stemmers are shared objects that keep the word being stemmed."""
from __future__ import annotations

import sys
import threading

from matcher.classifier import words
from matcher.scoring import text

RU = [f"{root}{ending}" for root in ("станк", "харвестер", "фрезерн", "обрабатывающ", "поставк", "лесозаготовительн")
      for ending in ("ами", "ого", "ыми", "ому", "ах", "ой", "ения", "иями")]
EN = [f"{root}{ending}" for root in ("machin", "harvest", "forward", "process", "lubricat", "generat")
      for ending in ("ing", "ed", "ations", "ers", "ness", "ively")]


def _stems_from_threads(stem, words_: list[str], threads: int = 4, rounds: int = 300) -> list[dict]:
    """What each of `threads` threads got for every word, stemming them over and over at once."""
    got = [dict() for _ in range(threads)]
    start = threading.Barrier(threads)

    def run(mine: dict) -> None:
        start.wait()
        for _ in range(rounds):
            for word in words_:
                stemmed = stem(word)
                if mine.setdefault(word, stemmed) != stemmed:
                    mine[word] = None               # one wrong stem is enough
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)                      # switch threads as often as possible
    try:
        workers = [threading.Thread(target=run, args=(g,)) for g in got]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
    finally:
        sys.setswitchinterval(before)
    return got


def test_the_scoring_stemmer_gives_every_thread_the_stem_one_thread_alone_gets():
    alone = {w: text.stem.__wrapped__(w) for w in RU + EN}          # past the cache: the stemmer itself
    for got in _stems_from_threads(text.stem.__wrapped__, RU + EN):
        assert got == alone


def test_the_classifier_stemmer_gives_every_thread_the_stem_one_thread_alone_gets():
    alone = {w: words._stem_ru(w) for w in RU}
    for got in _stems_from_threads(words._stem_ru, RU):
        assert got == alone
    alone = {w: words._stem_en(w) for w in EN}
    for got in _stems_from_threads(words._stem_en, EN):
        assert got == alone
