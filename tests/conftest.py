import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coursekit.lesson_code import load_lesson_code

ROOT = Path(__file__).resolve().parent.parent
LESSON_CODE = ROOT / "docs" / "classes" / "deep-learning" / "convolutional.py"
LESSON_PAGE = "classes/deep-learning/convolutional/index.html"


@pytest.fixture(scope="session")
def conv():
    """The lesson's convolutional.py, as students read and run it."""
    return load_lesson_code(LESSON_CODE)


def build_site(project_dir, site_dir, **env):
    """`mkdocs build --strict` in project_dir; fails the test on any error or warning."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project_dir, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"mkdocs build failed:\n{log}"
    warnings = [line for line in log.splitlines() if "WARNING" in line]
    assert not warnings, "mkdocs build warned:\n" + "\n".join(warnings)
    return Path(site_dir)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site as `mkdocs build --strict` makes it from this checkout."""
    return build_site(ROOT, tmp_path_factory.mktemp("site"))


def set_example(source, **values):
    """convolutional.py with its EXAMPLE_* assignments replaced, found by parsing the file."""
    lines = source.splitlines(keepends=True)
    spans = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and node.targets[0].id in values:
            spans.append((node.lineno - 1, node.end_lineno, f"{node.targets[0].id} = {values[node.targets[0].id]!r}\n"))
    assert len(spans) == len(values), "every EXAMPLE_* value is assigned once in convolutional.py"
    for start, end, text in sorted(spans, reverse=True):
        lines[start:end] = [text]
    return "".join(lines)
