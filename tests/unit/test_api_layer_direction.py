"""The API layer talks to the database only through services: no module under matcher/api imports
matcher.models or matcher.db, nor commits or rolls back a session itself."""
from __future__ import annotations

import ast
from pathlib import Path

API = Path(__file__).resolve().parents[2] / "matcher" / "api"
FORBIDDEN = ("matcher.models", "matcher.db")


def _imports(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def _forbidden(name: str) -> bool:
    return any(name == banned or name.startswith(banned + ".") for banned in FORBIDDEN)


def _api_modules():
    modules = sorted(API.rglob("*.py"))
    assert len(modules) > 10  # the walk found the package, so an empty answer below means something
    return modules


def test_no_api_module_imports_the_models_or_the_database_session():
    offenders = {str(path.relative_to(API)): sorted(filter(_forbidden, _imports(ast.parse(path.read_text("utf-8")))))
                 for path in _api_modules()}
    assert {path: names for path, names in offenders.items() if names} == {}


def test_no_api_module_commits_or_rolls_back_a_session():
    offenders = []
    for path in _api_modules():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("commit", "rollback") \
                    and isinstance(node.ctx, ast.Load) and "session" in ast.unparse(node.value):
                offenders.append(f"{path.relative_to(API)}:{node.lineno}")
    assert offenders == []


def test_the_check_recognises_a_forbidden_import():
    tree = ast.parse("from matcher.db import db\nfrom matcher import models\nimport matcher.models.company\n")
    assert sorted(filter(_forbidden, _imports(tree))) == ["matcher.db", "matcher.db.db", "matcher.models",
                                                          "matcher.models.company"]
