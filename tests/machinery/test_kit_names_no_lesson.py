"""The machinery is generic: the kit (coursekit/) and the page's runner and widgets
(docs/assets/) import no lesson module and name no lesson, its folder or its variables.
A lesson declares what it needs; the machinery renders it."""

import ast
import re

import pytest

from coursekit.lessons import find_lessons
from tests.support.site import DOCS, REPOSITORY

MACHINERY = sorted([*(REPOSITORY / "coursekit").rglob("*.py"),
                    *(path for folder in ("runner", "widgets", "javascripts", "stylesheets")
                      for path in (DOCS / "assets" / folder).rglob("*")
                      if path.suffix in {".py", ".mjs", ".js", ".css", ".json"})])
LESSONS = find_lessons(DOCS)
MODULES = {module for lesson in LESSONS.values() for module in lesson.modules()}
NAMES = [*sorted(MODULES), *{lesson.main.parent.relative_to(DOCS).as_posix() for lesson in LESSONS.values()}]


def relative(path):
    """A test's id: the file's path in the repository (three kit files are __init__.py)."""
    return path.relative_to(REPOSITORY).as_posix()


def lesson_names_in(text):
    """The lessons' names and folders the text names (as words), and lesson variables (EXAMPLE_*)."""
    found = [name for name in NAMES if re.search(rf"(?<![\w/-]){re.escape(name)}(?![\w-])", text)]
    return found + re.findall(r"\bEXAMPLE_\w*", text)


def test_there_are_lessons_and_machinery_to_check():
    assert len(LESSONS) >= 2 and len(MACHINERY) >= 20
    assert lesson_names_in(f"Renders the {next(iter(LESSONS))} page, and EXAMPLE_X.") != [], "the check can fail"


@pytest.mark.parametrize("path", [p for p in MACHINERY if p.suffix == ".py"], ids=relative)
def test_the_kit_imports_no_lesson(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        for name in names:
            assert name.partition(".")[0] not in MODULES, f"{path} imports the lesson module {name}"


@pytest.mark.parametrize("path", MACHINERY, ids=relative)
def test_the_machinery_names_no_lesson(path):
    assert lesson_names_in(path.read_text(encoding="utf-8")) == [], f"{path.relative_to(REPOSITORY)} names a lesson"
