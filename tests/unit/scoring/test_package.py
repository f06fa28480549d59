"""The scoring package stays pure (no Flask, no SQLAlchemy) and small, documented modules."""
import ast
import subprocess
import sys
from pathlib import Path

import matcher.scoring

PACKAGE = Path(matcher.scoring.__file__).parent
ROOT = PACKAGE.parent.parent

# The real parent package is imported: it builds the Flask app only when create_app is called.
PROBE = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from matcher.scoring import Item, MatchEngine, Profile
engine = MatchEngine()
engine.build([Profile(1, "S", "BY", roles=frozenset({{"supplier"}}), offers=(Item(1, "Станки", hs_codes=("8457",)),)),
              Profile(2, "B", "RU", roles=frozenset({{"buyer"}}), needs=(Item(2, "Станки", hs_codes=("8457",)),))])
assert engine.suppliers_for_buyer(2)[0].company_id == 1
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("flask", "sqlalchemy", "flask_sqlalchemy", "werkzeug"))
print(",".join(heavy))
"""


def test_importing_and_using_the_scoring_package_loads_neither_flask_nor_sqlalchemy():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_every_module_of_the_package_opens_with_a_one_line_docstring():
    for path in sorted(PACKAGE.glob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc and "\n" not in doc.strip(), f"{path.name} needs a one-line module docstring"


def test_modules_stay_small():
    for path in sorted(PACKAGE.glob("*.py")):
        assert path.stat().st_size < 14_000, f"{path.name} has grown past a few KB; split it"
