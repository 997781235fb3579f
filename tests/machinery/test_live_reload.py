"""With the serve command running, saving a lesson's example changes the served page by itself."""

import os
import subprocess
import sys
import urllib.request

import numpy as np

from tests.support.page_math import Page
from tests.support.serving import free_port, wait_for
from tests.support.site import LESSONS, copy_project, set_assignments


def fetch_page(url, tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(urllib.request.urlopen(url, timeout=5).read())
    return Page(path)


def test_saving_the_lesson_code_rebuilds_the_served_page(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    url = f"http://127.0.0.1:{port}/classes/deep-learning/convolutional/"
    try:
        wait_for(lambda: fetch_page(url, tmp_path).result("b"), 60, "the served page")
        before = fetch_page(url, tmp_path)
        b = before.scalar("b")
        set_assignments(project / LESSONS.relative_to(LESSONS.parents[2]) / "convolutional.py", EXAMPLE_B=b + 6)
        wait_for(lambda: fetch_page(url, tmp_path).result("b") != before.result("b"), 60, "the page to change")
        after = fetch_page(url, tmp_path)
        assert after.scalar("b") == b + 6
        np.testing.assert_allclose(after.matrix("Y"), before.matrix("Y") + 6, rtol=1e-5)
    finally:
        server.terminate()
        server.wait(timeout=10)
