"""The full layer's blocks, run in Pyodide in Chromium: the digits CNN reaches its mark,
the gradient check agrees, im2col equals the layer, the edge figure appears."""

import re
import time

from tests.support.browser import ARTIFACTS
from tests.browser.runner_page import stdout, wait_until_finished

LESSON = "/classes/deep-learning/convolutional/"


def block_containing(page, text):
    blocks = page.locator(".pyodide-block").filter(has=page.locator(".pyodide-code", has_text=text))
    assert blocks.count() == 1, text
    return blocks.first


def run(block, timeout=240_000):
    block.locator(".pyodide-run").click()
    return wait_until_finished(block, timeout)


def test_digits_cnn_trains_in_the_page(watched, site_url):
    page = watched.page
    page.goto(site_url + LESSON)
    block = block_containing(page, "load_digits_split")
    started = time.monotonic()
    assert run(block).startswith("Done"), block.locator(".pyodide-output").text_content()
    seconds = time.monotonic() - started
    printed = stdout(block)
    assert re.search(r"epoch  1/20: loss [\d.]+, train accuracy", printed), "progress is printed epoch by epoch"
    accuracy = float(re.search(r"test accuracy: ([\d.]+)", printed).group(1))
    assert accuracy >= 0.95
    assert block.locator(".pyodide-html table").count() == 1, "the history as a pandas table"
    assert block.locator(".pyodide-output img").count() == 1, "the confusion matrix"
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "digits-in-pyodide.txt").write_text(f"test accuracy {accuracy}, {seconds:.1f} s from Run to done\n")


def test_gradient_check_and_im2col_agree_in_the_page(watched, site_url):
    page = watched.page
    page.goto(site_url + LESSON)
    check = block_containing(page, "numerical_gradient")
    assert run(check).startswith("Done")
    errors = [float(e) for e in re.findall(r"relative error ([\d.e+-]+)", stdout(check))]
    assert len(errors) == 3 and max(errors) < 1e-7
    im2col = block_containing(page, "sliding_window_view")
    assert run(im2col).startswith("Done")
    assert "same as the layer: True" in stdout(im2col)


def test_edges_figure_at_build_time_and_in_the_page(watched, site_url):
    page = watched.page
    page.goto(site_url + LESSON)
    figure = page.locator("img.lesson-figure")
    assert figure.count() == 1 and figure.evaluate("img => img.naturalWidth") > 300
    assert "edges" in figure.get_attribute("alt")
    edges = block_containing(page, "your kernel")
    assert run(edges).startswith("Done")
    assert edges.locator(".pyodide-output img").count() == 1
