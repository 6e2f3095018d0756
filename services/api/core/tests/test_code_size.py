"""House rule (issue 15): no module over 250 lines, no class over 150 lines,
no function over 50 lines in services/api (migrations and tests aside)."""

import ast
from pathlib import Path

API_DIR = Path(__file__).resolve().parents[2]
MODULE_MAX, CLASS_MAX, FUNCTION_MAX = 250, 150, 50


def _sources() -> list[Path]:
    skipped = {".venv", "migrations", "tests", "staticfiles"}
    return [
        path
        for path in sorted(API_DIR.rglob("*.py"))
        if not skipped & set(path.relative_to(API_DIR).parts)
    ]


def _oversized(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    found = []
    if text.count("\n") > MODULE_MAX:
        found.append(f"{path.relative_to(API_DIR)}: {text.count(chr(10))} lines")
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            size = (node.end_lineno or node.lineno) - node.lineno + 1
            limit = CLASS_MAX if isinstance(node, ast.ClassDef) else FUNCTION_MAX
            if size > limit:
                found.append(f"{path.relative_to(API_DIR)}:{node.name}: {size} lines")
    return found


def test_modules_classes_and_functions_are_small() -> None:
    assert [item for path in _sources() for item in _oversized(path)] == []
