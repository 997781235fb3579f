"""Life after Material: Zensical, Material's successor, builds this site from mkdocs.yml as it
is, and the site it builds keeps the MkDocs build's promises.

The checks are the MkDocs build's own, run again with COURSE_BUILDER=zensical (every site the
tests build is then built by `zensical build --strict`, tests/support/site.py): each page's
numbers read back against PyTorch, every link and anchor, the OFFLINE=1 site loading nothing
from elsewhere, every runnable block in CPython; in Chromium, the lesson's block printing what
CPython prints, both pages' walkthroughs stepped by button and keyboard against PyTorch, and
instant navigation. And a build-time block that fails, or a broken link, stops either build.
"""

import os
import subprocess
import sys

import pytest

from tests.support.site import REPOSITORY, build_site, copy_project

PAGE_TESTS = [
    "tests/lessons/convolutional/test_conv_page.py",
    "tests/lessons/pooling/test_pool_page.py",
    "tests/site/test_links.py",
    "tests/machinery/test_check_blocks.py::test_every_block_of_the_site_runs",
]
BROWSER_TESTS = [
    "tests/browser/test_runner.py::test_lesson_block_prints_what_cpython_prints",
    "tests/browser/test_convolution_widgets.py::test_walkthroughs_work_with_python_blocked_and_match_the_oracle",
    "tests/browser/test_convolution_widgets.py::test_keyboard_and_screen_reader_sentence",
    "tests/browser/test_pooling_page.py::test_walkthroughs_work_with_python_blocked_and_match_the_oracle",
    "tests/browser/test_pooling_page.py::test_keyboard_moves_and_the_sentence_is_read",
    "tests/browser/test_navigation.py",
]
FAILING_BLOCK = '\n```python exec="1"\nprint(1 / 0)\n```\n'
BROKEN_LINK = "\n[a lesson that does not exist](no-such-lesson.md)\n"
LOGGED_WARNING = ('\n```python exec="1"\nimport logging\n'
                  'logging.getLogger("an.extension").warning("something is off")\n```\n')


def run_under_zensical(tests):
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
                            cwd=REPOSITORY, capture_output=True, text=True,
                            env={**os.environ, "COURSE_BUILDER": "zensical"})
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    assert result.returncode == 0, f"under Zensical:\n{result.stdout[-6000:]}{result.stderr[-2000:]}"
    assert "passed" in summary and "skipped" not in summary, summary


def test_zensicals_pages_show_pytorchs_numbers_and_their_links_resolve():
    run_under_zensical(PAGE_TESTS)


def test_zensicals_pages_run_the_lessons_block_and_step_the_walkthroughs_in_chromium():
    run_under_zensical(BROWSER_TESTS)


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
@pytest.mark.parametrize("breakage, message", [(FAILING_BLOCK, "ZeroDivisionError"),
                                               (BROKEN_LINK, "no-such-lesson")],
                         ids=["failing block", "broken link"])
def test_a_failing_block_or_a_broken_link_stops_the_build(tmp_path, builder, breakage, message):
    project = copy_project(tmp_path / "project")
    page = project / "docs/classes/deep-learning/pooling.md"
    page.write_text(page.read_text(encoding="utf-8") + breakage, encoding="utf-8")
    with pytest.raises(AssertionError, match=message):
        build_site(project, tmp_path / "site", builder=builder)


def test_a_warning_logged_during_a_zensical_build_fails_the_test(tmp_path):
    """Zensical sets up no logging and ends well on a logged warning: the tests' build says
    each record's level (tests/support/site.py), and a warning fails the build's test."""
    project = copy_project(tmp_path / "project")
    page = project / "docs/classes/deep-learning/pooling.md"
    page.write_text(page.read_text(encoding="utf-8") + LOGGED_WARNING, encoding="utf-8")
    with pytest.raises(AssertionError, match="WARNING - an.extension: something is off"):
        build_site(project, tmp_path / "site", builder="zensical")
