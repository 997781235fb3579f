"""With the serve command running, saving convolutional.py changes the served page by itself."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT, set_example
from tests.page_math import Page


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch_page(url, tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(urllib.request.urlopen(url, timeout=5).read())
    return Page(path)


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"gave up after {seconds} s waiting for {what}")


def test_saving_the_lesson_code_rebuilds_the_served_page(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    url = f"http://127.0.0.1:{port}/classes/deep-learning/convolutional/"
    try:
        wait_for(lambda: fetch_page(url, tmp_path).result("b"), 60, "the served page")
        before = fetch_page(url, tmp_path)
        b = float(before.result("b").split("=")[1])
        lesson = project / "docs/classes/deep-learning/convolutional.py"
        lesson.write_text(set_example(lesson.read_text(), EXAMPLE_B=b + 6))
        wait_for(lambda: fetch_page(url, tmp_path).result("b") != before.result("b"), 60, "the page to change")
        after = fetch_page(url, tmp_path)
        assert float(after.result("b").split("=")[1]) == b + 6
        assert (after.matrix("Y") == before.matrix("Y") + 6).all()
    finally:
        server.terminate()
        server.wait(timeout=10)
