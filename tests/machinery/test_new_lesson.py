"""`python -m coursekit.new <layer>`: a new lesson's skeleton that builds under --strict,
whose own test passes, and that every shared test finds with nothing else registered. In a
copy of the project (its docs, its tests, mkdocs.yml), where the project's tests run as
they run here."""

import os
import shutil
import subprocess
import sys

import pytest

from coursekit.lessons import LessonError
from coursekit.new import add_to_nav, create
from tests.support.site import REPOSITORY, build_site, copy_project, page_path

NAME = "scaled_sum"  # a name with "_": the skeleton builds whatever Python name it has
SHARED = ["tests/lessons/test_every_lesson.py", "tests/lessons/test_fuzzed_arguments.py",
          "tests/lessons/test_example_change.py"]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project with a new lesson made by coursekit.new."""
    copy = copy_project(tmp_path_factory.mktemp("project"))
    shutil.copytree(REPOSITORY / "tests", copy / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPOSITORY / "pyproject.toml", copy / "pyproject.toml")
    result = subprocess.run([sys.executable, "-m", "coursekit.new", NAME, "--project", str(copy)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"added classes/deep-learning/{NAME}.md to mkdocs.yml's nav" in result.stdout
    return copy


def test_the_new_lesson_builds_strict_and_is_in_the_nav(project, tmp_path):
    site = build_site(project, tmp_path / "site")
    assert (site / page_path(f"classes/deep-learning/{NAME}.md")).is_file()
    assert f"- Scaled sum layer: classes/deep-learning/{NAME}.md" in (project / "mkdocs.yml").read_text()


def test_its_own_test_passes_and_every_shared_test_finds_it(project):
    environment = {key: value for key, value in os.environ.items() if key != "COURSE_PROJECT"}
    result = subprocess.run([sys.executable, "-m", "pytest", "-v", "-p", "no:cacheprovider", f"tests/lessons/{NAME}",
                             *SHARED], cwd=project, capture_output=True, text=True, env=environment)
    assert result.returncode == 0, result.stdout[-6000:]
    found = {line.split("::")[0] for line in result.stdout.splitlines() if f"[{NAME}] PASSED" in line}
    assert set(SHARED[:2]) <= found, f"the shared tests that took the new lesson: {sorted(found)}"
    assert f"tests/lessons/{NAME}/test_{NAME}.py::test_the_page_shows_what_pytorch_computes PASSED" in result.stdout
    assert "test_example_change.py::test_new_examples_rebuild_a_right_page_and_keep_every_lesson_test_green PASSED" \
        in result.stdout


def test_a_lesson_is_not_made_twice_nor_under_a_name_python_has_nor_with_no_place(project, tmp_path):
    with pytest.raises(LessonError, match=f"the lesson {NAME} has files already"):
        create(project, NAME)
    with pytest.raises(LessonError, match="Python already has a module named 'random'"):
        create(project, "random")
    with pytest.raises(LessonError, match="'batch-norm' is not a Python name"):
        create(project, "batch-norm")
    (tmp_path / "docs").mkdir()
    with pytest.raises(LessonError, match="no lesson yet to place this one beside: name its folder with --section"):
        create(tmp_path, "first")


def test_a_title_yaml_would_misread_is_quoted():
    config = "nav:\n  - Deep learning:\n      - A: classes/x/a.md\n"
    added = add_to_nav(config, 'Attention: queries, keys and "values"', "classes/x/attention.md")
    assert '      - "Attention: queries, keys and \\"values\\"": classes/x/attention.md\n' in added


def test_the_nav_takes_the_page_after_its_sections_last_lesson():
    config = "nav:\n  - Home: index.md\n  - Deep learning:\n      - A: classes/x/a.md\n      - B: classes/x/b.md\n" \
             "  - Other: other/c.md\n"
    assert add_to_nav(config, "New", "classes/x/new.md") == config.replace(
        "      - B: classes/x/b.md\n", "      - B: classes/x/b.md\n      - New: classes/x/new.md\n")
    assert add_to_nav(config, "New", "elsewhere/new.md") is None, "no page of its folder: the instructor places it"
