"""The pooling page in real Chromium: both walkthroughs and the overlap example's, read off
the screen and compared with PyTorch (its values, and where max_pool2d finds each maximum),
by button and by keyboard; the number editor with valid and invalid input; the runnable
blocks. Expectations come from the lesson's declared examples and the oracle."""

import numpy as np
import pytest

from tests.browser.runner_page import run, stdout
from tests.browser.widgets import read_number, recompute, step_count, walkthrough
from tests.support.browser import open_page, save_screenshot
from tests.support.oracle import max_positions, pool_oracle
from tests.support.site import LESSONS, lesson, run_python

PAGE = "/classes/deep-learning/pooling/"
pool = lesson("pooling")


def cells(panel, selector="td"):
    return [read_number(t) for t in panel.locator(selector).all_text_contents()]


def position_of(panel, selector, width):
    """(row, column) of the one cell of a panel that matches `selector`."""
    found = panel.locator("td").evaluate_all(
        f"(cells, width) => cells.flatMap((td, n) => td.matches('{selector}') ? [[Math.floor(n / width), n % width]] : [])",
        width)
    assert len(found) == 1, f"one {selector} cell, found {found}"
    return tuple(found[0])


def check_walkthroughs(page, group, X, window, stride, dL_dY, forward=True):
    X, dL_dY = np.asarray(X, dtype=float), np.asarray(dL_dY, dtype=float)
    Y, dL_dX = pool_oracle("max", X, window, stride, dL_dY)
    where = max_positions(X, window, stride)
    if forward:
        walk = walkthrough(page, group, "forward")
        walk.scroll_into_view_if_needed()
        assert step_count(walk) == Y.size
        walk.locator("input[type=range]").fill("1")
        for n, (i, j) in enumerate(np.ndindex(Y.shape)):
            x_panel, y_panel = walk.locator(".walkthrough-panel").nth(0), walk.locator(".walkthrough-panel").nth(1)
            patch = X[stride * i:stride * i + window, stride * j:stride * j + window]
            assert cells(x_panel, "td.in-window") == pytest.approx(list(patch.flat))
            assert position_of(x_panel, ".marked", X.shape[1]) == where[i, j], "the maximum PyTorch takes"
            assert read_number(y_panel.locator("td.current").text_content()) == pytest.approx(Y[i, j])
            sentence = walk.locator(".walkthrough-sentence").text_content()
            assert sentence.startswith(f"Y[{i},{j}] = max(") and f"at X[{where[i, j][0]},{where[i, j][1]}]" in sentence
            if n < Y.size - 1:
                walk.locator("button", has_text="Next").click()
        assert cells(walk.locator(".walkthrough-panel").nth(1)) == pytest.approx(list(Y.flat))
    walk = walkthrough(page, group, "backward")
    walk.scroll_into_view_if_needed()
    assert step_count(walk) == dL_dY.size
    walk.locator("input[type=range]").fill("1")
    for n, (i, j) in enumerate(np.ndindex(dL_dY.shape)):
        dy_panel, x_panel, dx_panel = (walk.locator(".walkthrough-panel").nth(k) for k in range(3))
        assert read_number(dy_panel.locator("td.current").text_content()) == pytest.approx(dL_dY[i, j])
        assert position_of(x_panel, ".marked", X.shape[1]) == where[i, j]
        assert position_of(dx_panel, ".current", X.shape[1]) == where[i, j], "the gradient goes to the maximum"
        if n < dL_dY.size - 1:
            walk.locator("button", has_text="Next").click()
    assert cells(walk.locator(".walkthrough-panel").nth(2)) == pytest.approx(list(dL_dX.flat))


def test_walkthroughs_work_with_python_blocked_and_match_the_oracle(watched, site_url):
    page = watched.page
    page.route("**/vendor/pyodide/**", lambda route: route.abort())
    page.goto(site_url + PAGE)
    check_walkthroughs(page, "pooling", *pool.worked_example())
    check_walkthroughs(page, "pooling-overlap", *pool.overlap_example(), forward=False)
    assert watched.pyodide_requests() == []


def test_keyboard_moves_and_the_sentence_is_read(watched, site_url):
    page = watched.page
    page.goto(site_url + PAGE)
    walk = walkthrough(page, "pooling", "backward")
    live = walk.locator(".walkthrough-sentence")
    assert live.get_attribute("aria-live") == "polite"
    X, window, stride, dL_dY = pool.worked_example()
    where = max_positions(X, window, stride)
    steps = list(np.ndindex(dL_dY.shape))
    second = steps[min(1, len(steps) - 1)]
    walk.focus()
    page.keyboard.press("ArrowRight")
    p, q = where[second]
    assert live.text_content().startswith(f"dL/dY[{second[0]},{second[1]}] = ")
    assert f"goes to X[{p},{q}]" in live.text_content()
    page.keyboard.press("End")
    assert walk.locator(".walkthrough-position").text_content() == f"Step {len(steps)} of {len(steps)}"
    page.keyboard.press("Home")
    assert live.text_content().startswith("dL/dY[0,0] = ")


def test_the_editor_recomputes_ties_and_overlaps_and_restores(browser, site_url):
    X = [[1, 5, 5, 0, 2], [2, 0, 1, 5, 3], [5, 3, 0, 1, 2], [0, 1, 2, 2, 4]]
    window, stride = 2, 1  # overlapping windows, and several tied maxima
    dL_dY = (np.arange(12).reshape(3, 4) - 5.5).tolist()
    for width, scheme in [(1280, "light"), (375, "dark")]:
        watched = open_page(browser, width=width, height=900, color_scheme=scheme)
        page = watched.page
        try:
            page.goto(site_url + PAGE)
            form = page.locator('.number-editor[data-group="pooling"]')
            originals = {name: form.locator(f"#pooling-{name}").input_value() for name in ("X", "window", "stride", "dL_dY")}
            form.locator("#pooling-X").fill("\n".join(" ".join(str(v) for v in row) for row in X))
            form.locator("#pooling-window").fill(str(window))
            form.locator("#pooling-stride").fill(str(stride))
            form.locator("#pooling-dL_dY").fill("\n".join(", ".join(str(v).replace("-", "\u2212") for v in row)
                                                          for row in dL_dY))
            assert recompute(form).startswith("Recomputed"), form.locator(".number-editor-error").all_text_contents()
            check_walkthroughs(page, "pooling", X, window, stride, dL_dY)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            save_screenshot(page, f"pooling-backward-{width}-{scheme}")
            form.locator(".number-editor-restore").click()
            assert {name: form.locator(f"#pooling-{name}").input_value() for name in originals} == originals
            check_walkthroughs(page, "pooling", *pool.worked_example())
            watched.check()
        finally:
            page.context.close()


def test_invalid_edits_are_explained_by_their_field(watched, site_url):
    page = watched.page
    page.goto(site_url + PAGE)
    form = page.locator('.number-editor[data-group="pooling"]')
    before = walkthrough(page, "pooling", "forward").locator(".walkthrough-sentence").text_content()
    originals = {name: form.locator(f"#pooling-{name}").input_value() for name in ("X", "window", "stride", "dL_dY")}
    cases = [  # (what the reader types, the field whose message it gets, the message)
        ({"window": "0"}, "window", 'window k: "0" is not a whole number from 1 to 8'),
        ({"stride": "two"}, "stride", 'stride s: "two" is not a number'),
        ({"X": "1 2\n3"}, "X", "X: row 2 has 1 entries, row 1 has 2; every row needs the same number"),
        ({"X": "1 2,\n3 4"}, "X", "X: in row 1, an entry is missing between two commas, or at an end"),
        ({"X": "0x10 1\n2 3"}, "X", 'X: in row 1, "0x10" is not a number'),
        # what only the lesson's Python knows: its own ValueError, by the field it names
        ({"X": "1 2\n3 4", "window": "3"}, "window", "the window 3×3 is larger than the input X (2, 2)"),
        ({"X": "1 2\n3 4", "window": "2", "stride": "1", "dL_dY": "1 2"}, "dL_dY",
         "dL/dY must have the shape of the output Y, (1, 1), but it has shape (1, 2)"),
    ]
    for typed, field, message in cases:
        for name, text in typed.items():
            form.locator(f"#pooling-{name}").fill(text)
        assert recompute(form).startswith("Not recomputed: see the message by the field")
        assert message in form.locator(f"#pooling-{field}-error").text_content()
        assert form.locator(f"#pooling-{field}").get_attribute("aria-invalid") == "true"
        for name, text in typed.items():
            assert form.locator(f"#pooling-{name}").input_value() == text, "what the reader typed stays"
        for name, text in originals.items():
            form.locator(f"#pooling-{name}").fill(text)
    assert walkthrough(page, "pooling", "forward").locator(".walkthrough-sentence").text_content() == before


def test_the_lessons_code_runs_in_the_page_as_in_cpython(watched, site_url):
    page = watched.page
    page.goto(site_url + PAGE)
    blocks = page.locator(".pyodide-block")
    # (near the top of the code: the editor draws only the lines in view)
    lesson_block = blocks.filter(has=page.locator(".pyodide-code", has_text="Max pooling and average pooling of one"))
    assert run(lesson_block).startswith("Done"), lesson_block.locator(".pyodide-output").text_content()
    cpython = run_python(["pooling.py"], cwd=LESSONS)
    assert stdout(lesson_block) == cpython
    fetched = [url for url in watched.requests if url.split("?")[0].endswith(".py")]
    assert not any("/convolutional" in url for url in fetched), "it stands alone: no other lesson's file comes along"
    layer_block = blocks.filter(has=page.locator(".pyodide-code", has_text="max_pool2d_backward_naive"))
    assert run(layer_block).startswith("Done")
    printed = stdout(layer_block)
    assert "same as the loops: True" in printed and "gradient kept, all of it: True" in printed
