"""The instructor's promise: change a lesson's examples in their one place, to other sizes
and values, rebuild, and the page shows them, right, with the whole lesson test suite
green, because no test expects today's numbers."""

import os
import subprocess
import sys

import numpy as np

from tests.support.page_math import Page
from tests.support.site import LESSONS, REPOSITORY, build_site, copy_project, page_path, set_assignments

NEW_CONVOLUTION = dict(
    EXAMPLE_X=[[2, 0, 1, -1], [1.5, 3, 0, 2], [0, 1, 4, 1], [-2, 1, 0, 3]],
    EXAMPLE_K=[[0.5, 1, 0], [1, -1, 2]],
    EXAMPLE_B=-2,
    EXAMPLE_DL_DY=[[1, -1], [0.25, 2], [0, 1/3]],
    CHANNELS_X=[[[1, 2, 0], [0, 1, 3], [2, 2, 1], [1, 0, 0]],
                [[0, 1, 1], [2, 0, 1], [1, 3, 0], [0, 2, 2]],
                [[3, 0, 1], [1, 1, 0], [0, 2, 1], [2, 1, 3]]],
    CHANNELS_W=[[[[1, 0], [-1, 2]], [[0.5, 1], [0, 0]], [[1, 1], [1, -1]]],
                [[[0, 2], [1, 0]], [[-1, 0], [0, 1]], [[2, 0], [0, -0.5]]]],
    CHANNELS_B=[0.5, -2],
)
NEW_POOLING = dict(
    EXAMPLE_X=[[1, 4, 4, 0, 2, 3], [2, 0, 1, 5, 5, 1], [3, 3, 0, 1, 2, 0], [0, 1, 2, 2, 4, 4], [6, 0, 1, 3, 0, 2]],
    EXAMPLE_WINDOW=3,
    EXAMPLE_STRIDE=2,
    EXAMPLE_DL_DY=[[1.5, -2], [0.25, 3]],
    OVERLAP_X=[[0, 2, 1, 2], [3, 1, 3, 0], [1, 3, 0, 2], [2, 0, 1, 1]],
    OVERLAP_WINDOW=3,
    OVERLAP_STRIDE=1,
    OVERLAP_DL_DY=[[1, -1], [2, 0.5]],
)


def test_new_examples_rebuild_a_right_page_and_keep_every_lesson_test_green(tmp_path):
    project = copy_project(tmp_path / "project")
    lessons = project / LESSONS.relative_to(LESSONS.parents[2])
    set_assignments(lessons / "convolutional/conv.py", **NEW_CONVOLUTION)
    set_assignments(lessons / "pooling/pool.py", **NEW_POOLING)

    site = build_site(project, tmp_path / "site")
    convolution = Page(site / page_path("classes/deep-learning/convolutional.md"))
    np.testing.assert_allclose(convolution.matrix("X"), NEW_CONVOLUTION["EXAMPLE_X"])
    pooling = Page(site / page_path("classes/deep-learning/pooling.md"))
    np.testing.assert_allclose(pooling.matrix("X"), NEW_POOLING["EXAMPLE_X"])

    # Every lesson test, this one aside, on the changed copy: expectations from the oracle
    # and from the lesson's declared examples keep it green.
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/lessons",
         "--ignore", "tests/lessons/test_example_change.py"],
        cwd=REPOSITORY, capture_output=True, text=True, env={**os.environ, "COURSE_PROJECT": str(project)})
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    assert result.returncode == 0, f"the lesson tests failed on the changed examples:\n{result.stdout[-6000:]}"
    assert "skipped" not in summary and "passed" in summary, summary
