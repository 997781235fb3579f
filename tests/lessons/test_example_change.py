"""The instructor's promise: change a lesson's examples in their one place, the top of its
main file, rebuild, and the page shows them, right, with the whole lesson test suite
green, because no test expects today's numbers.

Every lesson the kit finds is changed, none named here: each matrix its main file assigns
at the top (EXAMPLE_X = [[...]], ...) gets new values of the same shape, drawn from a fixed
seed (whole numbers and halves, negative ones too, repeated ones often: ties); its other
assignments, which say what the example is (a window, a stride), stay."""

import ast
import os
import subprocess
import sys

import numpy as np

from coursekit.lessons import find_lessons
from tests.support.page_math import Page
from tests.support.site import REPOSITORY, build_site, copy_project, page_path, set_assignments

DOCS_NAME = "docs"


def matrices_assigned(path):
    """{name: shape} of the top-level assignments of a matrix (nested lists of numbers)."""
    found = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                value = np.asarray(ast.literal_eval(node.value), dtype=float)
            except (ValueError, TypeError, SyntaxError):
                continue
            if value.ndim >= 2:
                found[node.targets[0].id] = value.shape
    return found


def test_new_examples_rebuild_a_right_page_and_keep_every_lesson_test_green(tmp_path):
    project = copy_project(tmp_path / "project")
    rng = np.random.default_rng(2026)
    changed = {}
    for lesson in find_lessons(project / DOCS_NAME).values():
        new = {name: (rng.integers(-8, 9, size=shape) / 2).tolist()
               for name, shape in matrices_assigned(lesson.main).items()}
        assert new, f"{lesson.main.name} assigns no example matrix at its top"
        set_assignments(lesson.main, **new)
        changed[lesson] = new

    site = build_site(project, tmp_path / "site")
    for lesson, new in changed.items():
        page = Page(site / page_path(lesson.page.relative_to(project / DOCS_NAME)))
        shown = [name for name in new if name.startswith("EXAMPLE_")
                 and page.soup.select(f'[data-result="{name.removeprefix("EXAMPLE_")}"]')]
        assert shown, f"{lesson.page.name} shows none of {sorted(new)} as a result named after it"
        for name in shown:
            np.testing.assert_allclose(page.matrix(name.removeprefix("EXAMPLE_")), new[name])

    # Every lesson test, this one aside, on the changed copy: expectations from the oracle
    # and from the lesson's declared examples keep it green.
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/lessons",
         "--ignore", "tests/lessons/test_example_change.py"],
        cwd=REPOSITORY, capture_output=True, text=True, env={**os.environ, "COURSE_PROJECT": str(project)})
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    assert result.returncode == 0, f"the lesson tests failed on the changed examples:\n{result.stdout[-6000:]}"
    assert "skipped" not in summary and "passed" in summary, summary
