"""The layers point one way: web → services → models/db, never back, read from the source files.

- services (and the policy they ask) import neither Flask nor the surfaces (matcher.api, matcher.web,
  matcher.cli*) nor the job functions (matcher.jobs): what they need of the running app comes through
  matcher.services.runtime, wired by the app factory;
- web views import neither the models nor the database handle nor SQLAlchemy's query builder: they
  go through the services (SQLAlchemy's exception classes are allowed, for the error pages).

Imports inside functions count too; only `if TYPE_CHECKING:` blocks (annotations) are left out.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "matcher"

FORBIDDEN = {
    "services": ("flask", "flask_*", "matcher.api", "matcher.web", "matcher.cli*", "matcher.jobs", "matcher.wiring"),
    "policy": ("flask", "flask_*", "matcher.api", "matcher.web", "matcher.cli*", "matcher.jobs", "matcher.services"),
    "web": ("matcher.models", "matcher.db", "sqlalchemy", "sqlalchemy.orm", "sqlalchemy.sql"),
}


def _is_type_checking_block(node: ast.AST) -> bool:
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imported_modules(tree: ast.AST, package: str) -> list[tuple[int, str]]:
    """(line, module) of every import in `tree`, relative ones resolved against `package`."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if _is_type_checking_block(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            found.append((node.lineno, base))
            # `from matcher import models` names a module as well as `from matcher.models import …`
            found.extend((node.lineno, f"{base}.{alias.name}") for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _matches(module: str, rule: str) -> bool:
    if rule.endswith("*"):
        return module.startswith(rule[:-1])
    return module == rule or module.startswith(rule + ".")


def breaches(layer: str) -> list[str]:
    out = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        package = "matcher." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts[:-1])
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, module in imported_modules(tree, package.rstrip(".")):
            for rule in FORBIDDEN[layer]:
                if _matches(module, rule) and not (layer == "web" and module.startswith("sqlalchemy.exc")):
                    out.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}")
    return sorted(set(out))


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_layer_imports_what_sits_above_it(layer):
    assert breaches(layer) == []


def test_the_check_sees_an_upward_import_in_a_function_body():
    tree = ast.parse("def f():\n    from flask import current_app\n    from . import db\n")
    assert imported_modules(tree, "matcher.services") == [
        (2, "flask"), (2, "flask.current_app"), (3, "matcher.services"), (3, "matcher.services.db")]


def test_the_check_ignores_imports_made_only_for_annotations():
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from matcher.models import Company\n")
    assert [m for _line, m in imported_modules(tree, "matcher.web")] == ["typing", "typing.TYPE_CHECKING"]


@pytest.mark.parametrize("module, rule, expected", [
    ("flask_babel", "flask_*", True),
    ("flask", "flask", True),
    ("flaskish", "flask", False),
    ("matcher.models.company", "matcher.models", True),
    ("matcher.modelsx", "matcher.models", False),
    ("matcher.cli_index", "matcher.cli*", True),
])
def test_rules_match_whole_module_names(module, rule, expected):
    assert _matches(module, rule) is expected
