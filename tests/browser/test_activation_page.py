"""The ReLU page in real Chromium: both walkthroughs read off the screen and compared with
PyTorch, with Python blocked; the number editor with new numbers (zeros among them) and
with a dL/dY of the wrong shape; the lesson's code run in the page. Expectations come from
the lesson's declared example and the oracle."""

import numpy as np
import pytest

from tests.browser.runner_page import run, stdout
from tests.browser.widgets import read_number, recompute, step_count, walkthrough
from tests.lessons.activation.conftest import relu_oracle
from tests.support.site import LESSONS, lesson, run_python

PAGE = "/classes/deep-learning/activation/"
activation = lesson("activation")


def cells(panel, selector="td"):
    return [read_number(t) for t in panel.locator(selector).all_text_contents()]


def check_walkthroughs(page, X, dL_dY):
    X, dL_dY = np.asarray(X, dtype=float), np.asarray(dL_dY, dtype=float)
    Y, dL_dX = relu_oracle(X, dL_dY)
    for name, last_panel, expected in [("forward", 1, Y), ("backward", 2, dL_dX)]:
        walk = walkthrough(page, "activation", name)
        walk.scroll_into_view_if_needed()
        assert step_count(walk) == X.size
        walk.locator("input[type=range]").fill("1")
        for n, (i, j) in enumerate(np.ndindex(X.shape)):
            current = walk.locator(".walkthrough-panel").nth(last_panel).locator("td.current")
            assert read_number(current.text_content()) == pytest.approx(expected[i, j])
            sentence = walk.locator(".walkthrough-sentence").text_content()
            assert sentence.startswith(f"Y[{i},{j}] = max(0, " if name == "forward" else f"dL/dX[{i},{j}] = ")
            if n < X.size - 1:
                walk.locator("button", has_text="Next").click()
        assert cells(walk.locator(".walkthrough-panel").nth(last_panel)) == pytest.approx(list(expected.flat))


def test_walkthroughs_work_with_python_blocked_and_match_the_oracle(watched, site_url):
    page = watched.page
    page.route("**/vendor/pyodide/**", lambda route: route.abort())
    page.goto(site_url + PAGE)
    check_walkthroughs(page, *activation.worked_example())
    assert watched.pyodide_requests() == []


def test_the_editor_recomputes_refuses_a_wrong_shape_by_its_field_and_restores(watched, site_url):
    page = watched.page
    page.goto(site_url + PAGE)
    form = page.locator('.number-editor[data-group="activation"]')
    originals = {name: form.locator(f"#activation-{name}").input_value() for name in ("X", "dL_dY")}
    X, dL_dY = [[0, -1, 2], [3, 0, -0.5], [-2, 1, 0]], [[1, 2, 3], [-1, -2, -3], [0.5, 1.5, -2.5]]
    form.locator("#activation-X").fill("\n".join(" ".join(str(v) for v in row) for row in X))
    form.locator("#activation-dL_dY").fill("\n".join(" ".join(str(v).replace("-", "\u2212") for v in row)
                                                      for row in dL_dY))
    assert recompute(form).startswith("Recomputed"), form.locator(".number-editor-error").all_text_contents()
    check_walkthroughs(page, X, dL_dY)

    form.locator("#activation-dL_dY").fill("1 2")
    assert recompute(form).startswith("Not recomputed: see the message by the field")
    assert ("dL/dY must have the shape of X (and of Y), (3, 3), but it has shape (1, 2)"
            in form.locator("#activation-dL_dY-error").text_content())
    assert form.locator("#activation-dL_dY").get_attribute("aria-invalid") == "true"
    assert form.locator("#activation-dL_dY").input_value() == "1 2", "what the reader typed stays"

    form.locator(".number-editor-restore").click()
    assert {name: form.locator(f"#activation-{name}").input_value() for name in originals} == originals
    check_walkthroughs(page, *activation.worked_example())
    watched.check()


def test_the_lessons_code_runs_in_the_page_as_in_cpython(watched, site_url):
    page = watched.page
    page.goto(site_url + PAGE)
    block = page.locator(".pyodide-block").filter(
        has=page.locator(".pyodide-code", has_text="ReLU, the rectified linear unit"))
    assert run(block).startswith("Done"), block.locator(".pyodide-output").text_content()
    assert stdout(block) == run_python(["activation.py"], cwd=LESSONS)
