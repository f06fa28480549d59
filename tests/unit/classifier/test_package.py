"""The classifier stays pure (no Flask, no SQLAlchemy), keeps its lexicon as data, and its modules small and documented."""
import ast
import subprocess
import sys
from pathlib import Path

import matcher.classifier

PACKAGE = Path(matcher.classifier.__file__).parent
ROOT = PACKAGE.parent.parent

PROBE = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from matcher import classifier
assert classifier.suggest("станки по дереву")[0].code == "8465"
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("flask", "sqlalchemy", "flask_sqlalchemy", "werkzeug"))
print(",".join(heavy))
"""


def test_using_the_classifier_loads_neither_flask_nor_sqlalchemy():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_every_module_opens_with_a_one_line_docstring_and_stays_small():
    for path in sorted(PACKAGE.glob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc and "\n" not in doc.strip(), f"{path.name} needs a one-line module docstring"
        assert path.stat().st_size < 14_000, f"{path.name} has grown past a few KB; split it"


def test_every_lexicon_row_is_well_formed_and_every_concept_has_a_russian_name():
    import re
    from matcher.classifier.entries import entries
    found = entries()
    ids = {e.id for e in found}
    assert len(found) >= 250
    for e in found:
        assert e.ru and e.en, e.id
        assert all(re.fullmatch(r"\d{2}(\d{2}){0,2}", c) for c in e.hs), e.id
        assert all(re.fullmatch(r"\d{2}\.\d{1,2}", c) or re.fullmatch(r"\d{2}", c) for c in e.nace), e.id
        assert e.broader is None or e.broader in ids, e.id
        assert "*" not in e.label_ru and re.search("[а-яё]", e.label_ru.lower()) or e.label_ru.isupper(), e.id


def test_every_context_rule_names_concepts_that_exist():
    from matcher.classifier.context import rules
    from matcher.classifier.entries import entries
    ids = {e.id for e in entries()}
    assert set(rules()) <= ids
    assert all(rule.target.id in ids for found in rules().values() for rule in found)
