"""The snapshot's engine fingerprint changes with the classifier's code and lexicon, not with unrelated code."""
from __future__ import annotations

import shutil
from pathlib import Path

import matcher
from matcher.scoring.records import FINGERPRINTED_PACKAGES, engine_fingerprint, source_fingerprint

PACKAGE = Path(matcher.__file__).resolve().parent


def _copy_of_the_engine_sources(tmp_path: Path) -> Path:
    root = tmp_path / "matcher"
    for name in FINGERPRINTED_PACKAGES:
        shutil.copytree(PACKAGE / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "web").mkdir()
    (root / "web" / "views.py").write_text("VIEWS = 1\n", encoding="utf-8")
    return root


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def test_the_fingerprint_of_the_running_code_is_that_of_its_sources():
    assert engine_fingerprint() == source_fingerprint(PACKAGE)


def test_a_changed_classifier_lexicon_makes_old_snapshots_stale(tmp_path):
    root = _copy_of_the_engine_sources(tmp_path)
    before = source_fingerprint(root)
    _append(root / "classifier" / "data" / "concepts_food.psv", "\n# a new phrase would go here\n")
    assert source_fingerprint(root) != before


def test_changed_classifier_code_makes_old_snapshots_stale(tmp_path):
    root = _copy_of_the_engine_sources(tmp_path)
    before = source_fingerprint(root)
    _append(root / "classifier" / "ranker.py", "\nTHRESHOLD_CHANGED = True\n")
    assert source_fingerprint(root) != before


def test_changed_nomenclature_titles_make_old_snapshots_stale(tmp_path):
    root = _copy_of_the_engine_sources(tmp_path)
    before = source_fingerprint(root)
    data = next(p for p in sorted((root / "taxonomy" / "data").rglob("*")) if p.is_file())
    _append(data, "\n")
    assert source_fingerprint(root) != before


def test_code_that_does_not_prepare_or_score_items_leaves_snapshots_usable(tmp_path):
    root = _copy_of_the_engine_sources(tmp_path)
    before = source_fingerprint(root)
    _append(root / "web" / "views.py", "VIEWS = 2\n")
    assert source_fingerprint(root) == before
